"""Sources: what every fact rests on, graded; the details pane shows the full text."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from briefing.domain.formats import fmt_date
from briefing.store.lists import sources
from briefing.store.lists.sources import SourceRow
from briefing.ui.i18n import QT_TRANSLATE_NOOP, current, word
from briefing.ui.table_model import Column, QuerySource, kind_columns
from briefing.ui.views.base import ListPage
from briefing.ui.workspace import Workspace

GRADE_COLOURS = {
    "A": "#1e8449",
    "B": "#27ae60",
    "C": "#b7950b",
    "D": "#ca6f1e",
    "E": "#c0392b",
    "F": "#7f8c8d",
}


class SourcesPage(ListPage[SourceRow]):
    title = "Sources"
    none = QT_TRANSLATE_NOOP("Pages", "No sources")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        cells = {
            "reliability": Column[SourceRow](
                "",
                lambda r: r.reliability.value,
                ("reliability", "title"),
                colour=lambda r: GRADE_COLOURS[r.reliability.value],
                tooltip=lambda r: word(r.reliability.label),
            ),
            "title": Column[SourceRow]("", lambda r: r.title, ("title",), grow=True),
            "publisher": Column[SourceRow]("", lambda r: r.publisher, ("publisher", "title")),
            "published_on": Column[SourceRow](
                "",
                lambda r: fmt_date(r.published_on, current()) if r.published_on else "",
                ("published_on", "title"),
            ),
            "citations": Column[SourceRow](
                QT_TRANSLATE_NOOP("Domain", "Citations"),
                lambda r: str(r.citations),
                ("citations",),
                align_right=True,
            ),
            "handling": Column[SourceRow](
                QT_TRANSLATE_NOOP("Domain", "Handling"),
                lambda r: workspace.marking(r.handling),
                ("handling", "title"),
            ),
        }
        super().__init__(workspace, kind_columns("source", cells), parent)

    def source(self) -> QuerySource[SourceRow]:
        ws = self.workspace
        return QuerySource(ws.store, sources.source_listing(ws.dossier_id, ws.level))
