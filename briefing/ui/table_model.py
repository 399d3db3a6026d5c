"""One table model for every list, reading its rows a block at a time.

A list's rows come from a :class:`RowSource`, in practice a store listing (SQL counts,
filters, sorts and pages; the checks' findings have a database of their own). The model knows the
row count and keeps the few blocks the view has asked for, so a list of a hundred
thousand events costs a count and a page to open and a page per screenful to scroll.
Columns are declared once: how to show, sort and colour a row.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from briefing.domain.declarations import Field
from briefing.domain.enums import Labelled
from briefing.domain.formats import fmt_date
from briefing.domain.registry import kind_of
from briefing.store.db.database import Store
from briefing.store.lists import listing
from briefing.store.lists.listing import Condition, Listing, Request
from briefing.ui.i18n import current, translate, word

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The record id behind a row, for selection and jumping."""

Index = QModelIndex | QPersistentModelIndex


def column_header(
    headers: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """A model's ``headerData``: column titles across the top, nothing down the side."""
    if (
        orientation == Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < len(headers)
    ):
        return word(headers[section])
    return None


Row = TypeVar("Row")
_Index = QModelIndex | QPersistentModelIndex


class HeldRows(QAbstractTableModel, Generic[Row]):
    """A short list held whole in memory (a sync's kept conflicts, the edits passed on),
    one row per item: a subclass names its ``headers`` and each row's ``cells``, and may
    ``show`` a cell shortened, its tooltip then holding the whole of it."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def cells(self, row: Row) -> tuple[str, ...]:
        raise NotImplementedError

    def show(self, cell: str) -> str:
        return cell

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        held = self.row_at(index.row()) if index.isValid() else None
        if held is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        cells = self.cells(held)
        if not 0 <= index.column() < len(cells):
            return None
        cell = cells[index.column()]
        return cell if role == Qt.ItemDataRole.ToolTipRole else self.show(cell)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        return column_header(self.headers, section, orientation, role)


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column on screen.

    ``sort_by`` names what the column sorts by: labels of the store listing's query, or
    attributes of rows held in memory. ``grow`` marks the column that takes the room
    the others leave (a list's title, not its last column: the handling marking is one
    letter wide).
    """

    header: str
    text: Callable[[T], str]
    sort_by: tuple[str, ...]
    colour: Callable[[T], str | None] | None = None
    tooltip: Callable[[T], str] | None = None
    align_right: bool = False
    grow: bool = False


def field_text(field: Field, value: Any) -> str:
    """A declared field's value in a list cell, as its widget edits it."""
    if value is None:
        return ""
    match field.widget:
        case "date":
            return fmt_date(value, current())
        case "choice":
            return word(value.label) if isinstance(value, Labelled) else str(value)
        case "bool":
            return translate("Details", "yes") if value else translate("Details", "no")
    return str(value)


def declared_cell(field: Field) -> Column[Any]:
    """The cell of a declared field its page gives none for: its value from the row's
    ``declared`` mapping (see :mod:`briefing.store.lists.declared`), sorted by itself."""
    return Column("", lambda row: field_text(field, row.declared.get(field.name)), (field.name,))


def kind_columns(kind: str, cells: Mapping[str, Column[T]]) -> list[Column[T]]:
    """A kind's list columns, in the order its registry entry gives (``Kind.columns``).

    ``cells`` says how the page shows each: a field's column comes without a header and
    takes the field's heading from the registry; a column the page works out itself (an
    office on a date, the handling) brings its own. A plain declared field (not a
    reference, not a photo) the page gives no cell for shows its value as is
    (:func:`declared_cell`), so a field added to the registry's columns reaches the list
    with no edit to the page. Every cell is used once.
    """
    declared = kind_of(kind)
    plain = {f.name for f in declared.fields if f.plain}
    unknown = set(cells) - set(declared.columns)
    missing = {n for n in declared.columns if n not in cells and n not in plain}
    if unknown or missing:
        raise ValueError(f"{kind}: columns {sorted(cells)} are not {sorted(declared.columns)}")
    columns = []
    for name in declared.columns:
        field = declared.declared(name)
        cell: Column[T] = cells[name] if name in cells else declared_cell(declared.field(name))
        if (field is None) == (not cell.header):
            raise ValueError(f"{kind}.{name}: a field's heading is the registry's, no other")
        columns.append(replace(cell, header=field.heading) if field is not None else cell)
    return columns


class RowSource(Protocol[T_co]):
    """Where a list's rows come from: counted, read and found for a request."""

    def count(self, request: Request) -> int: ...

    def read(self, request: Request, offset: int, limit: int) -> Sequence[T_co]: ...

    def position(self, request: Request, record_id: int) -> int: ...


class QuerySource(Generic[T]):
    """Rows of a store listing, one short session per question."""

    def __init__(self, store: Store, rows: Listing[T]) -> None:
        self.store = store
        self.rows = rows

    def count(self, request: Request) -> int:
        with self.store.session() as session:
            return listing.count(session, self.rows, request)

    def read(self, request: Request, offset: int, limit: int) -> list[T]:
        with self.store.session() as session:
            return listing.read(session, self.rows, request, offset, limit)

    def position(self, request: Request, record_id: int) -> int:
        with self.store.session() as session:
            return listing.position(session, self.rows, request, record_id)


class PagedModel(QAbstractTableModel, Generic[T]):
    """A table over a :class:`RowSource`, holding only the blocks lately shown."""

    BLOCK = 128
    KEPT_BLOCKS = 16

    def __init__(
        self,
        columns: Sequence[Column[T]],
        row_id: Callable[[T], int],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.row_id = row_id
        self.source: RowSource[T] | None = None
        self.request = Request()
        self._count = 0
        self._blocks: OrderedDict[int, Sequence[T]] = OrderedDict()

    # ------------------------------------------------------------ what to show

    def set_source(self, source: RowSource[T] | None) -> None:
        self.source = source
        self.refresh()

    def set_text(self, text: str) -> None:
        if text != self.request.text:
            self._ask(replace(self.request, text=text))

    def set_conditions(self, conditions: Mapping[str, Condition]) -> None:
        """Keep only rows meeting every condition (the page's filters other than text)."""
        self._ask(replace(self.request, conditions=dict(conditions)))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; -1 restores the list's natural order."""
        keys = self.columns[column].sort_by if 0 <= column < len(self.columns) else ()
        descending = bool(keys) and order == Qt.SortOrder.DescendingOrder
        self._ask(replace(self.request, sort=keys, descending=descending))

    def _ask(self, request: Request) -> None:
        self.request = request
        self.refresh()

    def refresh(self) -> None:
        """Forget the rows read so far and count again (the data or the request changed)."""
        self.beginResetModel()
        self._blocks.clear()
        self._count = self.source.count(self.request) if self.source is not None else 0
        self.endResetModel()

    # ------------------------------------------------------------ rows

    def row_at(self, number: int) -> T | None:
        if self.source is None or not 0 <= number < self._count:
            return None
        block = number // self.BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            rows = self.source.read(self.request, block * self.BLOCK, self.BLOCK)
            self._blocks[block] = rows
            while len(self._blocks) > self.KEPT_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        offset = number - block * self.BLOCK
        return rows[offset] if offset < len(rows) else None

    def row_of(self, record_id: int) -> int:
        """The row showing ``record_id`` under the current filter and sort, or -1."""
        if self.source is None:
            return -1
        return self.source.position(self.request, record_id)

    # ------------------------------------------------------------ Qt's interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.columns):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ID_ROLE:
            return self.row_id(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour:
            colour = column.colour(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header([c.header for c in self.columns], section, orientation, role)
