"""The checks in a process of their own: ``python -m briefing.store.check_run``.

The window runs them here rather than in a thread: on a ministry's dossier they load some
300,000 records over 25 seconds, and in the window's own process that work held tens of
MB and the interpreter lock while the person browsed. The process reads what to check as
JSON on its standard input (a passphrase never goes on a command line), writes the
findings into the folder it is given, and exits 0; or exits 1 with one line on standard
error saying why it could not.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from briefing.errors import BriefingError


@dataclass(frozen=True)
class CheckRun:
    """One run's inputs: the database as opened by the window, and what to check."""

    database: str
    passphrase: str | None
    read_only: bool
    dossier_id: int
    level: int
    today: str
    folder: str

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> CheckRun:
        return cls(**json.loads(text))


def run(spec: CheckRun) -> int:
    """Write the findings of ``spec`` into its folder; the number written."""
    from briefing.domain import Dossier
    from briefing.store.checks import find
    from briefing.store.database import Access, Store, database_url, make_engine
    from briefing.store.findings import Findings

    url = database_url(spec.database)
    access = Access(spec.passphrase, read_only=spec.read_only)
    store = Store(url, make_engine(url, access), access)
    findings = Findings(Path(spec.folder), spec.passphrase, writing=True)
    try:
        with store.session() as session:
            dossier = session.get(Dossier, spec.dossier_id)
            if dossier is None:
                raise BriefingError("the dossier is no longer in the database")
            today = dt.date.fromisoformat(spec.today)
            for batch in find(session, dossier, level=spec.level, today=today):
                findings.add(batch)
        return findings.total
    finally:
        findings.close(delete=False)
        store.close()


NICENESS = 10
"""How far the process stands back for the window when both want the processor."""


def main() -> int:
    if hasattr(os, "nice"):
        os.nice(NICENESS)  # a search keystroke must not wait behind the checks
    try:
        run(CheckRun.from_json(sys.stdin.read()))
    except BriefingError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
