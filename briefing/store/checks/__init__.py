"""The reviewer's checks: the checks themselves (:mod:`.run`), the process they run in
(:mod:`.process`) and the file their findings are kept in (:mod:`.findings`).

Only what a finding is comes with the package: the app's entry reads the process's flag
from here, and must not load SQLAlchemy to do so.
"""

from briefing.store.checks.finding import THE_DOSSIER, Finding, Severity

__all__ = ["THE_DOSSIER", "Finding", "Severity"]
