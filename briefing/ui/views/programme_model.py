"""The programme as a tree: a row per day, its entries under it.

A day row's internal id is 0; an entry's is its day's row plus one, which is all
:meth:`ProgrammeModel.parent` needs to find the day again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from briefing.domain.enums import DatePrecision
from briefing.domain.formats import dated
from briefing.domain.programme import Day, Item
from briefing.domain.times import event_clocks, event_venue
from briefing.store.lists.programme import Programme, ProgrammeRow
from briefing.ui.i18n import QT_TRANSLATE_NOOP, current, word

Index = QModelIndex | QPersistentModelIndex
Cell = Callable[[Item[ProgrammeRow], str], str]

COLUMNS: tuple[tuple[str, Cell], ...] = (
    (
        QT_TRANSLATE_NOOP("Domain", "Time (venue · home)"),
        lambda item, home: (
            event_clocks(item.event, home)
            or (f"{item.event.start_time:%H:%M}" if item.event.start_time else "")
        ),
    ),
    (QT_TRANSLATE_NOOP("Domain", "Entry"), lambda item, _home: item.event.title),
    (
        QT_TRANSLATE_NOOP("Domain", "Delegation"),
        lambda item, _home: ", ".join(item.event.delegation),
    ),
    (QT_TRANSLATE_NOOP("Domain", "Contact on site"), lambda item, _home: item.event.contact),
    (QT_TRANSLATE_NOOP("Domain", "Next"), lambda item, _home: item.next_place),
    (QT_TRANSLATE_NOOP("Domain", "Kind"), lambda item, _home: word(item.event.kind.label)),
    (QT_TRANSLATE_NOOP("Domain", "Place"), lambda item, _home: event_venue(item.event)),
)
"""What a reader on the road needs first comes first: when, what, who, whom to call, where
next; what kind it is and where, with its clocks, after."""
RECORD_ID = Qt.ItemDataRole.UserRole
"""An entry's event id (None on a day row): what Enter or a double click opens."""


class ProgrammeModel(QAbstractItemModel):
    """Read-only: the page replaces the whole programme when the data changes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.days: list[Day[ProgrammeRow]] = []
        self.home = ""

    def set_programme(self, programme: Programme) -> None:
        self.beginResetModel()
        self.days = programme.days
        self.home = programme.home_zone
        self.endResetModel()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self.days)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.days[parent.row()].items)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(COLUMNS)

    def item(self, index: Index) -> Item[ProgrammeRow] | None:
        """The entry at ``index``; None for a day row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.days[index.internalId() - 1].items[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.item(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if entry is None:
                if index.column() != 0:
                    return None
                return dated(self.days[index.row()].day, None, DatePrecision.DAY, current())
            return COLUMNS[index.column()][1](entry, self.home)
        if role == RECORD_ID:
            return entry.event.id if entry is not None else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return word(COLUMNS[section][0])
        return None
