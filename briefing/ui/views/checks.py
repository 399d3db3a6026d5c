"""Checks: the reviewer's list before printing; activating a finding opens its record."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from briefing.store.checks import Finding, Severity
from briefing.ui.table_model import Column
from briefing.ui.views.base import ListPage
from briefing.ui.workspace import Workspace

SEVERITY_COLOURS = {
    Severity.PROBLEM: "#c0392b",
    Severity.WARNING: "#ca6f1e",
    Severity.NOTE: "#2e86c1",
}


class ChecksPage(ListPage[Finding]):
    title = "Checks"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[Finding](
                "Severity",
                lambda f: f.severity.label,
                sort=lambda f: -f.severity,
                colour=lambda f: SEVERITY_COLOURS[f.severity],
            ),
            Column[Finding]("Check", lambda f: f.check),
            Column[Finding]("Record", lambda f: f.record_name),
            Column[Finding]("Finding", lambda f: f.message),
        ]
        super().__init__(workspace, columns, parent)
        workspace.findings_ready.connect(self.data_changed)

    def row_id(self, row: Finding) -> int:
        return row.record_id

    def fetch(self) -> Sequence[Finding]:
        return self.workspace.findings() or []
