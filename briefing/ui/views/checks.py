"""Checks: the reviewer's list before printing; activating a finding opens its record."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from briefing.domain.names import reworded
from briefing.i18n import translator
from briefing.store.checks import Finding, Severity
from briefing.store.checks.findings import LISTING
from briefing.ui.i18n import QT_TRANSLATE_NOOP, current, translate
from briefing.ui.table_model import Column, QuerySource
from briefing.ui.views.base import ListPage
from briefing.ui.workspace import Workspace

SEVERITY_NAMES = (
    QT_TRANSLATE_NOOP("Checks", "Note"),
    QT_TRANSLATE_NOOP("Checks", "Warning"),
    QT_TRANSLATE_NOOP("Checks", "Problem"),
)
"""The severities' labels (:attr:`Severity.label`), for translation."""

SEVERITY_COLOURS = {
    Severity.PROBLEM: "#c0392b",
    Severity.WARNING: "#ca6f1e",
    Severity.NOTE: "#2e86c1",
}


def said(finding: Finding) -> str:
    """What ``finding`` says in the interface's language: findings are stored as templates
    with arguments, translated by the gettext catalogue the book and command line share."""
    return finding.said(translator(current()).gettext)


class ChecksPage(ListPage[Finding]):
    """The findings of the latest run, listed from their own database like any list."""

    title = "Checks"
    none = QT_TRANSLATE_NOOP("Pages", "No findings")
    waiting = QT_TRANSLATE_NOOP("Pages", "Running the checks…")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[Finding](
                QT_TRANSLATE_NOOP("Domain", "Severity"),
                lambda f: translate("Checks", f.severity.label),
                ("order",),
                colour=lambda f: SEVERITY_COLOURS[f.severity],
            ),
            Column[Finding](
                QT_TRANSLATE_NOOP("Domain", "Check"), lambda f: f.check, ("check", "order")
            ),
            Column[Finding](
                QT_TRANSLATE_NOOP("Domain", "Record"),
                lambda f: reworded(f.record_kind, f.record_name, current()),
                ("record_name", "order"),
            ),
            Column[Finding](
                QT_TRANSLATE_NOOP("Domain", "Finding"),
                said,
                ("message", "order"),
                grow=True,
            ),
        ]
        super().__init__(workspace, columns, parent)
        workspace.findings_ready.connect(self.data_changed)

    def row_id(self, row: Finding) -> int:
        return row.record_id

    def data_changed(self) -> None:
        """Let go of outdated findings at once, even while hidden: the workspace closes them."""
        if not self.isVisible():
            self.model.set_source(None)
        super().data_changed()

    def source(self) -> QuerySource[Finding] | None:
        findings = self.workspace.findings()
        return None if findings is None else QuerySource(findings.store, LISTING)
