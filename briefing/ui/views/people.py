"""People: who is who, with the office each holds on the dossier's reference date."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from briefing.store.lists import people
from briefing.store.lists.people import PersonRow
from briefing.ui.i18n import QT_TRANSLATE_NOOP, current
from briefing.ui.table_model import Column, QuerySource, kind_columns
from briefing.ui.views.base import ListPage
from briefing.ui.workspace import Workspace


class PeoplePage(ListPage[PersonRow]):
    title = "People"
    none = QT_TRANSLATE_NOOP("Pages", "No people")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        cells = {
            "name": Column[PersonRow]("", lambda r: r.name, ("name",), grow=True),
            "native_name": Column[PersonRow]("", lambda r: r.native_name, ("native_name",)),
            "party_id": Column[PersonRow]("", lambda r: r.party, ("party", "name")),
            "title": Column[PersonRow](
                QT_TRANSLATE_NOOP("Domain", "Title"), lambda r: r.title, ("title", "name")
            ),
            "organization": Column[PersonRow](
                QT_TRANSLATE_NOOP("Domain", "Organization"),
                lambda r: r.organization,
                ("organization", "name"),
            ),
            "handling": Column[PersonRow](
                QT_TRANSLATE_NOOP("Domain", "Handling"),
                lambda r: workspace.marking(r.handling),
                ("handling", "name"),
            ),
        }
        super().__init__(workspace, kind_columns("person", cells), parent)

    def source(self) -> QuerySource[PersonRow]:
        ws = self.workspace
        return QuerySource(
            ws.store, people.person_listing(ws.dossier_id, ws.level, ws.reference_date(), current())
        )
