"""People: who is who, with the office each holds at the dossier's date."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from briefing.store import queries
from briefing.store.queries import PersonRow
from briefing.ui.table_model import Column
from briefing.ui.views.base import ListPage
from briefing.ui.workspace import Workspace


class PeoplePage(ListPage[PersonRow]):
    title = "People"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[PersonRow]("Name", lambda r: r.name),
            Column[PersonRow]("Native name", lambda r: r.native_name),
            Column[PersonRow]("Party", lambda r: r.party),
            Column[PersonRow]("Title", lambda r: r.title),
            Column[PersonRow]("Organization", lambda r: r.organization),
            Column[PersonRow](
                "Handling", lambda r: workspace.marking(r.handling), sort=lambda r: r.handling
            ),
        ]
        super().__init__(workspace, columns, parent)

    def fetch(self) -> Sequence[PersonRow]:
        _slug, _title, as_of = self.workspace.dossier()
        with self.workspace.store.session() as session:
            return queries.people(
                session,
                self.workspace.dossier_id,
                self.workspace.level,
                as_of or self.workspace.today(),
            )
