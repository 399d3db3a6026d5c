"""Sources: what every fact rests on, graded; the details pane shows the full text."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from briefing.store.lists import sources
from briefing.store.lists.sources import SourceRow
from briefing.ui.table_model import Column, QuerySource
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
    none = "No sources"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[SourceRow](
                "Grade",
                lambda r: r.reliability.value,
                ("reliability", "title"),
                colour=lambda r: GRADE_COLOURS[r.reliability.value],
                tooltip=lambda r: r.reliability.label,
            ),
            Column[SourceRow]("Title", lambda r: r.title, ("title",), grow=True),
            Column[SourceRow]("Publisher", lambda r: r.publisher, ("publisher", "title")),
            Column[SourceRow](
                "Date",
                lambda r: r.published_on.isoformat() if r.published_on else "",
                ("published_on", "title"),
            ),
            Column[SourceRow](
                "Citations", lambda r: str(r.citations), ("citations",), align_right=True
            ),
            Column[SourceRow](
                "Handling", lambda r: workspace.marking(r.handling), ("handling", "title")
            ),
        ]
        super().__init__(workspace, columns, parent)

    def source(self) -> QuerySource[SourceRow]:
        ws = self.workspace
        return QuerySource(ws.store, sources.source_listing(ws.dossier_id, ws.level))
