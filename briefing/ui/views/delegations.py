"""Delegations: for each event, each party's team in order, with titles held that day."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from briefing.domain import Delegation, DelegationMember, Person
from briefing.store.visibility import visible
from briefing.ui.table_model import ID_ROLE
from briefing.ui.views.base import Page
from briefing.ui.workspace import Workspace

EXPAND_UP_TO = 200
"""Events shown expanded; beyond that the tree opens collapsed, one click per event."""
HEADERS = ["Delegation / member", "Native name", "Role", "Title at the event's date"]


def _item(text: str, record_id: int | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if record_id is not None:
        item.setData(record_id, ID_ROLE)
    return item


class DelegationsPage(Page):
    title = "Delegations"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Delegations")
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)  # no per-row measuring on a large tree
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def reload(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(HEADERS)
        if not self.workspace.dossier_id:
            return
        level = self.workspace.level
        with self.workspace.store.session() as session:
            offices = selectinload(DelegationMember.person).selectinload(Person.appointments)
            delegations = session.scalars(
                select(Delegation)
                .where(
                    Delegation.dossier_id == self.workspace.dossier_id, visible(Delegation, level)
                )
                .options(
                    selectinload(Delegation.event),
                    selectinload(Delegation.party),
                    selectinload(Delegation.members).options(offices),
                )
            ).all()
            groups: dict[tuple[object, int], list[Delegation]] = {}
            for delegation in delegations:
                event = (
                    delegation.event
                    if delegation.event and delegation.event.handling <= level
                    else None
                )
                if delegation.event is not None and event is None:
                    continue
                key = (event.start_date if event else None, event.id if event else 0)
                groups.setdefault(key, []).append(delegation)
            for (_day, _event_id), members in sorted(
                groups.items(), key=lambda kv: (kv[0][0] is None, kv[0])
            ):
                event = members[0].event
                top = _item(
                    f"{event.start_date.isoformat()} — {event.title}"
                    if event
                    else "Standing delegations",
                    event.id if event else None,
                )
                row = [top, _item(""), _item(""), _item("")]
                for delegation in sorted(members, key=lambda d: d.party.code):
                    party_item = _item(
                        f"{delegation.party.name} ({delegation.party.code})", delegation.id
                    )
                    on = event.start_date if event else (self.workspace.today())
                    for position, member in enumerate(delegation.members, start=1):
                        person = member.person
                        if person.handling > level:
                            continue
                        office = person.appointment_on(on)
                        title = (
                            office.title
                            if office and office.handling <= level
                            else "— no office on this date —"
                        )
                        role = member.role + (
                            " (head)"
                            if member.is_head and "head" not in member.role.lower()
                            else ""
                        )
                        party_item.appendRow(
                            [
                                _item(f"{position}. {person.name}", person.id),
                                _item(person.native_name, person.id),
                                _item(role, person.id),
                                _item(title, person.id),
                            ]
                        )
                    top.appendRow([party_item, _item(""), _item(""), _item("")])
                self.model.appendRow(row)
        if self.model.rowCount() <= EXPAND_UP_TO:
            self.tree.expandAll()
            for column in range(len(HEADERS)):
                self.tree.resizeColumnToContents(column)
        else:  # a ministry's dossier: measuring every row would take longer than reading it
            for column, width in enumerate((420, 120, 200)):
                self.tree.setColumnWidth(column, width)

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        value = index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None
        if value is None and index.isValid():
            value = index.data(ID_ROLE)
        if value is not None:
            self.workspace.selected.emit(int(value))

    def focus_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
