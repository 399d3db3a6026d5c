"""Sources: what every fact rests on, graded; the details pane shows the full text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from briefing.store import queries
from briefing.store.queries import SourceRow
from briefing.ui.table_model import Column
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

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[SourceRow](
                "Grade",
                lambda r: r.reliability.value,
                colour=lambda r: GRADE_COLOURS[r.reliability.value],
                tooltip=lambda r: r.reliability.label,
            ),
            Column[SourceRow]("Title", lambda r: r.title),
            Column[SourceRow]("Publisher", lambda r: r.publisher),
            Column[SourceRow](
                "Date",
                lambda r: r.published_on.isoformat() if r.published_on else "",
                sort=lambda r: r.published_on.isoformat() if r.published_on else "",
            ),
            Column[SourceRow](
                "Citations",
                lambda r: str(r.citations),
                sort=lambda r: r.citations,
                align_right=True,
            ),
            Column[SourceRow](
                "Handling", lambda r: workspace.marking(r.handling), sort=lambda r: r.handling
            ),
        ]
        super().__init__(workspace, columns, parent)

    def fetch(self) -> Sequence[SourceRow]:
        with self.workspace.store.session() as session:
            return queries.sources(session, self.workspace.dossier_id, self.workspace.level)
