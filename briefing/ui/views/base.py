"""A page with a filter field over a sortable table: the shape of most lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.store.visibility import above
from briefing.ui.i18n import QT_TRANSLATE_NOOP, translate
from briefing.ui.table_model import ID_ROLE, Column, PagedModel, RowSource
from briefing.ui.views.page import Page
from briefing.ui.workspace import Workspace

T = TypeVar("T")


SIZE_COLUMNS_BY = 60
"""Rows a list measures when it first fits its columns to their contents."""
WIDEST_COLUMN = 360
"""A list's column is no wider than this to begin with, however long its texts."""
ELASTIC_FLOOR = 80
"""The narrowest an elastic column is cut to: a word or two, the rest in its tooltip."""


def share_widths(
    natural: Sequence[int], floors: Sequence[int], room: int, grow: Sequence[int]
) -> list[int]:
    """Column widths for ``room`` pixels, from the widths the columns' contents ask for.

    When they all fit, the columns in ``grow`` share what is left. Otherwise the narrow
    ones keep their width and the widest are cut to an equal share of the rest, so a
    one-letter column or an empty one never takes room a title needs; but none is cut
    below its floor (the matrix's: its heading; a list's: its natural width), and a
    table too narrow even for the floors scrolls.
    """
    widths = list(natural)
    spare = room - sum(natural)
    if spare >= 0:
        for n, column in enumerate(grow):
            widths[column] += spare // len(grow) + (1 if n < spare % len(grow) else 0)
        return widths
    pending = sorted(range(len(natural)), key=natural.__getitem__)
    left = room
    while pending and natural[pending[0]] * len(pending) <= left:
        left -= natural[pending.pop(0)]
    while pending:
        held = [c for c in pending if floors[c] * len(pending) > left]
        if not held:
            break
        for column in held:
            widths[column] = floors[column]
            left -= floors[column]
            pending.remove(column)
    for n, column in enumerate(pending):
        widths[column] = left // len(pending) + (1 if n < left % len(pending) else 0)
    return widths


def nothing_listed(workspace: Workspace, none: str) -> str:
    """What an empty list of the dossier says, starting with ``none`` ("No people").

    It names the audience when one below the top level is chosen, whether or not anything
    is withheld from it, so it never hints that some record in particular is there.
    """
    if not workspace.dossier_id:
        return translate("Pages", "No dossier is open: File ▸ New dossier starts one.")
    if workspace.levels and above(workspace.levels[-1][0], workspace.level):
        return translate("Pages", "{none} for the {level} audience.").format(
            none=translate("Pages", none), level=workspace.level_name(workspace.level)
        )
    return translate("Pages", "{none} in this dossier.").format(none=translate("Pages", none))


def paint_empty_text(view: QAbstractItemView, text: str) -> None:
    """Say on an empty view's face why it is empty, in the placeholder colour."""
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorRole.PlaceholderText))
    painter.drawText(
        view.viewport().rect().adjusted(12, 12, -12, -12),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
        text,
    )
    painter.end()


class RecordTable(QTableView):
    """A read-only, row-selecting table whose rows are records.

    Sorting starts with no column chosen, so a list opens in its natural order (people
    by name, events by date) and the model is asked to sort only when a header is clicked.

    Attributes:
        empty_text: what the table says while it has no rows (why it has none).
        natural: the column widths the first rows asked for (up to WIDEST_COLUMN), once
            measured. The columns keep them, and the title column (``grow``) takes the
            room left when the table widens, until the person drags a column's edge; a
            table too narrow for them scrolls rather than cut a date or a status short.
        grow: the column that takes the room the others leave.
        elastic: columns of free text (a title, a place) cut, down to ELASTIC_FLOOR, before
            the table scrolls: a list with long dates then keeps every column in view.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text: Callable[[], str] = str
        self.natural: list[int] | None = None
        self.grow = 0
        self.elastic: Sequence[int] = ()
        self._fitting = False
        self._user_sized = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Fit columns to the first rows only: measuring a thousand would read them all.
        self.verticalHeader().setResizeContentsPrecision(SIZE_COLUMNS_BY)
        self.horizontalHeader().setResizeContentsPrecision(SIZE_COLUMNS_BY)
        self.horizontalHeader().setSectionsMovable(True)
        self.horizontalHeader().sectionResized.connect(self._section_resized)

    def measure(self) -> None:
        """Note the widths the first rows' contents ask for, and fit the columns to them."""
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        self.natural = [min(header.sectionSize(c), WIDEST_COLUMN) for c in range(header.count())]
        self.fit()

    def fit(self) -> None:
        if self.natural is None or self._user_sized:
            return
        self._fitting = True
        room = self.viewport().width()
        natural = self.natural
        floors = [min(w, ELASTIC_FLOOR) if c in self.elastic else w for c, w in enumerate(natural)]
        for column, width in enumerate(share_widths(natural, floors, room, [self.grow])):
            self.setColumnWidth(column, width)
        self._fitting = False

    def _section_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting and self.natural is not None:
            self._user_sized = True  # the person's widths stand from now on

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        model = self.model()
        if model is not None and not model.rowCount():
            paint_empty_text(self, self.empty_text())


class ListPage(Page, Generic[T]):
    """Filter field, table, and the glue to the workspace's selection.

    Subclasses give the columns and :meth:`source` the rows for the current audience.
    Typing in the filter waits for a pause before asking the store, so a long dossier is
    searched once per word rather than once per letter.
    """

    FILTER_PAUSE_MS = 150
    none = QT_TRANSLATE_NOOP("Pages", "Nothing")
    """The start of what the list says when it is empty: "No people"."""
    waiting = ""
    """What it says while its rows are being worked out (the checks)."""

    def __init__(
        self, workspace: Workspace, columns: Sequence[Column[T]], parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.model: PagedModel[T] = PagedModel(columns, self.row_id, self)
        self.filter = QLineEdit(self)
        title = translate("MainWindow", self.title)
        self.filter.setPlaceholderText(translate("Pages", "Filter {page}…").format(page=title))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(translate("Pages", "Filter {page}").format(page=title))
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(self.FILTER_PAUSE_MS)
        self._pause.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._pause.start)
        self.filter.returnPressed.connect(self.apply_filter)
        self.table = RecordTable(self)
        self.table.setModel(self.model)
        self.table.grow = next((n for n, c in enumerate(columns) if c.grow), 0)
        self.table.empty_text = self.empty_text
        self.table.setAccessibleName(title)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self._kept: int | None = None
        self.model.modelAboutToBeReset.connect(self._keep_current)
        self.model.modelReset.connect(self._restore_current)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.filter)
        self.layout_.addWidget(self.table, 1)

    def row_id(self, row: T) -> int:
        return int(getattr(row, "id"))  # noqa: B009 (rows are dataclasses with an id)

    def source(self) -> RowSource[T] | None:
        """Where the rows come from for the current audience; None while there are none yet."""
        raise NotImplementedError

    def apply_filter(self) -> None:
        self._pause.stop()
        self.model.set_text(self.filter.text())

    def reload(self) -> None:
        self.model.set_source(self.source() if self.workspace.dossier_id else None)
        if self.model.rowCount() and self.table.natural is None:
            self.table.measure()

    def empty_text(self) -> str:
        """Why the list is empty: see :func:`nothing_listed`."""
        if self.workspace.dossier_id and self.model.source is None:
            return translate("Pages", self.waiting) if self.waiting else ""
        if self.model.request.text or self.model.request.conditions:
            return translate("Pages", "Nothing matches the filter.")
        return nothing_listed(self.workspace, self.none)

    def _keep_current(self) -> None:
        self._kept = self.current_id()

    def _restore_current(self) -> None:
        """Keep the record selected across a reload, filter or sort, if it is still listed."""
        kept, self._kept = self._kept, None
        if kept is not None:
            self._select_row(self.model.row_of(kept), notify=False)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_record(self, record_id: int, *, notify: bool = True) -> bool:
        self.ensure_current()
        row = self.model.row_of(record_id)
        if row < 0 and self.filter.text():
            self.filter.clear()
            self.apply_filter()
            row = self.model.row_of(record_id)
        return self._select_row(row, notify=notify)

    def _select_row(self, row: int, *, notify: bool) -> bool:
        if row < 0:
            return False
        index = self.model.index(row, 0)
        blocker = None if notify else self.table.selectionModel().blockSignals(True)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if blocker is not None:
            self.table.selectionModel().blockSignals(blocker)
        self.table.scrollTo(index)
        return True

    def _current_changed(self, index: QModelIndex, *_: Any) -> None:
        value = index.data(ID_ROLE) if index.isValid() else None
        if value is not None:
            self.workspace.selected.emit(int(value))

    def _activated(self, index: QModelIndex) -> None:
        value = index.data(ID_ROLE) if index.isValid() else None
        if value is not None:
            self.workspace.opened.emit(int(value))

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
