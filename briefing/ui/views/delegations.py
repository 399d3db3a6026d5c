"""Delegations: for each event, each party's team in order, with titles held that day.

A ministry's dossier has delegations at thousands of events. The tree counts the events
and reads them a block at a time as the view scrolls; an event's teams are read when it
is expanded. A small dossier opens fully expanded, as a briefing reads best.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from briefing.domain.formats import dated
from briefing.store.lists import delegations
from briefing.store.lists.listing import Request
from briefing.ui.i18n import QT_TRANSLATE_NOOP, current, translate
from briefing.ui.table_model import ID_ROLE, QuerySource, column_header
from briefing.ui.views.base import nothing_listed, paint_empty_text
from briefing.ui.views.page import Page
from briefing.ui.workspace import Workspace

EXPAND_UP_TO = 50
"""Events shown expanded; beyond that the tree opens collapsed, one click per event."""
HEADERS = [
    QT_TRANSLATE_NOOP("Domain", "Delegation / member"),
    QT_TRANSLATE_NOOP("Domain", "Native name"),
    QT_TRANSLATE_NOOP("Domain", "Role"),
    QT_TRANSLATE_NOOP("Domain", "Title at the event's date"),
]
NO_OFFICE = QT_TRANSLATE_NOOP("Delegations", "— no office on this date —")
BLOCK = 128

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    """A row of the tree.

    An event's row is made before its text is read (a tree view asks for an index of
    every top-level row to lay itself out) and its teams are read when it is expanded.
    """

    row: int
    parent: _Node | None = None
    texts: tuple[str, str, str, str] | None = None
    record_id: int | None = None
    group: delegations.DelegationGroup | None = None
    children: list[_Node] | None = field(default=None)


class DelegationTreeModel(QAbstractItemModel):
    """Events, then each party's team, then its members, read as the tree opens."""

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._source: QuerySource[delegations.DelegationGroup] | None = None
        self._events = 0
        self._standing = False
        self._top: dict[int, _Node] = {}

    def reload(self) -> None:
        ws = self.workspace
        self.beginResetModel()
        self._top = {}
        if ws.dossier_id:
            self._source = QuerySource(
                ws.store, delegations.delegation_groups(ws.dossier_id, ws.level)
            )
            self._events = self._source.count(Request())
            with ws.store.session() as session:
                self._standing = delegations.has_standing_delegations(
                    session, ws.dossier_id, ws.level
                )
        else:
            self._source, self._events, self._standing = None, 0, False
        self.endResetModel()

    # ------------------------------------------------------------ nodes

    def _top_node(self, row: int) -> _Node:
        node = self._top.get(row)
        if node is None:
            node = self._top[row] = _Node(row)
        return node

    def _read_top(self, node: _Node) -> None:
        """Fill in the block of event rows around ``node`` with one query."""
        if node.row == self._events:
            node.group = delegations.DelegationGroup(0, None, "Standing delegations")
            node.texts = (translate("Delegations", "Standing delegations"), "", "", "")
            return
        assert self._source is not None
        first = node.row - node.row % BLOCK
        for offset, group in enumerate(self._source.read(Request(), first, BLOCK)):
            when = dated(group.start, group.end, group.precision, current()) if group.start else ""
            title = f"{when} — {group.title}"
            block_node = self._top_node(first + offset)
            block_node.group, block_node.record_id = group, group.id
            block_node.texts = (title, "", "", "")

    def _children(self, node: _Node) -> list[_Node]:
        if node.children is None:
            if node.parent is None and node.group is None:
                self._read_top(node)
            node.children = self._read_teams(node)
        return node.children

    def _read_teams(self, node: _Node) -> list[_Node]:
        if node.group is None:
            return []
        ws = self.workspace
        event_id = node.group.id or None
        on = node.group.start or ws.reference_date()
        with ws.store.session() as session:
            teams = delegations.teams(session, ws.dossier_id, ws.level, event_id, on, current())
        children = []
        for number, team in enumerate(teams):
            team_node = _Node(number, node, (team.party, "", "", ""), team.id)
            team_node.children = [
                _Node(
                    row,
                    team_node,
                    (
                        f"{m.position}. {m.name}",
                        m.native_name,
                        m.role,
                        m.title or translate("Delegations", NO_OFFICE),
                    ),
                    m.person_id,
                )
                for row, m in enumerate(team.members)
            ]
            children.append(team_node)
        return children

    def _node(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, _Node) else None

    # ------------------------------------------------------------ Qt's interface

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        above = self._node(parent)
        node = self._top_node(row) if above is None else self._children(above)[row]
        return self.createIndex(row, column, node)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node(parent)
        if node is None:
            return self._events + (1 if self._standing else 0)
        return len(self._children(node))

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        """Say an event has teams without reading them, so scrolling costs no queries."""
        node = self._node(parent)
        if node is None:
            return self.rowCount() > 0
        if parent.column() != 0:
            return False
        return node.parent is None or bool(self._children(node))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if node.texts is None:
            self._read_top(node)
        if node.texts is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return node.texts[index.column()]
        if role == ID_ROLE:
            return node.record_id
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(HEADERS, section, orientation, role)


class DelegationTree(QTreeView):
    """The tree, saying why when it is empty."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    def empty_text(self) -> str:
        return nothing_listed(self.workspace, QT_TRANSLATE_NOOP("Pages", "No delegations"))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        model = self.model()
        if model is not None and not model.rowCount():
            paint_empty_text(self, self.empty_text())


class DelegationsPage(Page):
    title = "Delegations"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model = DelegationTreeModel(workspace, self)
        self.tree = DelegationTree(workspace, self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(translate("MainWindow", "Delegations"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)  # no per-row measuring on a large tree
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def reload(self) -> None:
        self.model.reload()
        if self.model.rowCount() <= EXPAND_UP_TO:
            self.tree.expandAll()
            for column in range(len(HEADERS)):
                self.tree.resizeColumnToContents(column)
        else:  # a ministry's dossier: measuring every row would take longer than reading it
            for column, width in enumerate((420, 120, 200)):
                self.tree.setColumnWidth(column, width)

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        value = _record_at(index)
        if value is not None:
            self.workspace.selected.emit(value)

    def _activated(self, index: QModelIndex) -> None:
        value = _record_at(index)
        if value is not None:
            self.workspace.opened.emit(value)

    def focus_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _record_at(index: QModelIndex) -> int | None:
    if not index.isValid():
        return None
    value = index.siblingAtColumn(0).data(ID_ROLE)
    return int(value) if value is not None else None
