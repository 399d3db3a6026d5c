"""The checks in a process of their own: ``python -P -m briefing.store.checks.process``.

In the bundle built by PyInstaller there is no Python to run a module with:
``sys.executable`` is the app itself, so the app runs this instead when its only
argument is :data:`FLAG` (see :func:`command` and ``briefing/__main__.py``).

The window runs them here rather than in a thread: on a ministry's dossier they load some
300,000 records over half a minute, and in the window's own process that work held tens
of MB and the interpreter lock while the person browsed. The process reads what to check
as one line of JSON on its standard input (passphrases and keys never go on a command
line or into the environment), writes the findings into the folder it is given, saying
how far it is after each batch as a line "done total" on its standard output, and exits
0; or exits 1 with one line on standard error saying why it could not. It keeps reading
its standard input after that line and exits as soon as the input ends: if the window's
process dies, the checks stop too rather than run on and leave their file behind.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefing.errors import BriefingError

NICENESS = 10
"""How far the process stands back for the window when both want the processor."""
ORPHANED = 3
"""The exit status when the window's process went away first."""
FLAG = "--run-checks"
"""The app's hidden argument that makes a bundled app's own executable the checks' process.

Kept out of ``briefing --help``: only the window starts it, with the run on standard input.
"""


def command() -> list[str]:
    """How the window starts the checks' process, from source, a wheel or the bundle.

    ``-P`` (and running in the run's own folder) keeps whatever is in the folder the app
    was started from off its import path: the process is told the passphrase. A bundle
    has no such path to keep clean, and no interpreter to give ``-P`` to.
    """
    if getattr(sys, "frozen", False):
        return [sys.executable, FLAG]
    return [sys.executable, "-P", "-m", "briefing.store.checks.process"]


@dataclass(frozen=True)
class CheckRun:
    """One run's inputs: the database as the window opened it, and what to check."""

    database: str = field(repr=False)  # a server URL may hold a password
    passphrase: str | None = field(repr=False)
    dossier_id: int
    level: int
    today: str
    folder: str
    findings_key: str | None = field(repr=False)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> CheckRun:
        return cls(**json.loads(text))


def run(spec: CheckRun) -> int:
    """Write the findings of ``spec`` into its folder; the number written."""
    from briefing.domain import Dossier
    from briefing.i18n import N_
    from briefing.store.checks.findings import Findings
    from briefing.store.checks.run import find
    from briefing.store.db.database import Access, Store

    with Store.at(spec.database, Access(spec.passphrase, read_only=True)) as store:
        findings = Findings(Path(spec.folder), spec.findings_key, writing=True)
        try:
            with store.session() as session:
                dossier = session.get(Dossier, spec.dossier_id)
                if dossier is None:
                    raise BriefingError(N_("the dossier is no longer in the database"))
                today = dt.date.fromisoformat(spec.today)
                batches = find(session, dossier, level=spec.level, today=today, progress=_report)
                for batch in batches:
                    findings.add(batch)
            return findings.total
        finally:
            findings.close(delete=False)


def _report(done: int, total: int) -> None:
    """How far the run is, as a line "done total" on standard output, for the window."""
    print(done, total, flush=True)


def reason(error: Exception) -> str:
    """What went wrong, in one line: the database's own words rather than a traceback."""
    from sqlalchemy.exc import DBAPIError  # not at the top: the app's entry imports FLAG

    if isinstance(error, BriefingError):
        return str(error)
    if isinstance(error, DBAPIError):
        return f"the database said: {error.orig}"
    first = str(error).strip().splitlines()
    return f"{type(error).__name__}: {first[0]}" if first else type(error).__name__


def _exit_when_orphaned() -> None:
    sys.stdin.read()  # returns when the window's end of the pipe closes, however it died
    os._exit(ORPHANED)


def main() -> int:
    if hasattr(os, "nice"):
        os.nice(NICENESS)  # a search keystroke must not wait behind the checks
    if isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(encoding="utf-8", errors="replace")
    spec = CheckRun.from_json(sys.stdin.readline())
    threading.Thread(target=_exit_when_orphaned, daemon=True).start()
    try:
        run(spec)
    except Exception as error:  # the window shows the reason, whatever it is
        print(reason(error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
