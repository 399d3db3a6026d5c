"""Checks: the reviewer's list before printing; activating a finding opens its record."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from briefing.store.checks import Finding, Severity
from briefing.ui.table_model import Column, MemorySource
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
                ("order",),
                colour=lambda f: SEVERITY_COLOURS[f.severity],
            ),
            Column[Finding]("Check", lambda f: f.check, ("check", "order")),
            Column[Finding]("Record", lambda f: f.record_name, ("record_name", "order")),
            Column[Finding]("Finding", lambda f: f.message, ("message", "order")),
        ]
        super().__init__(workspace, columns, parent)
        workspace.findings_ready.connect(self.data_changed)

    def row_id(self, row: Finding) -> int:
        return row.record_id

    def source(self) -> MemorySource[Finding]:
        return MemorySource(self.workspace.findings() or [], self.model.columns, self.row_id)
