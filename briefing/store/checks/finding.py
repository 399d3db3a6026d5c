"""What a check reports: a finding, its severity, and the id of the dossier's own text.

Kept apart from the checks so the window, which lists findings, loads none of them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    NOTE = 1
    WARNING = 2
    PROBLEM = 3

    @property
    def label(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to look at, pointing at the record a reviewer should open.

    ``level`` is the highest level of everything the finding names (its record's name, a
    person placed at an event, a source quoted): what its line must be marked and
    filtered by, since a finding can say more than its record does.
    """

    check: str
    severity: Severity
    record_id: int
    record_uid: str
    record_kind: str
    record_name: str
    message: str
    level: int


THE_DOSSIER = 0
"""The record id of a finding on the dossier's own text: no record has it; opening the
finding opens the Overview, where the dossier's text is."""
