"""``python -m briefing`` runs the same command as ``briefing``; it is the bundle's entry too.

In the PyInstaller bundle this is the executable, and the window's checks' process is
that same executable started with the hidden argument ``--run-checks``
(:data:`briefing.store.checks.process.FLAG`): a bundle has no Python to run a module with.
"""

import sys

from briefing.store.checks.process import FLAG

if sys.argv[1:] == [FLAG]:
    from briefing.store.checks.process import main
else:
    from briefing.cli import main

sys.exit(main())
