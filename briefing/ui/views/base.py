"""A page with a filter field over a sortable table: the shape of most lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.ui.table_model import ID_ROLE, Column, PagedModel, RowSource
from briefing.ui.views.page import Page
from briefing.ui.workspace import Workspace

T = TypeVar("T")


SIZE_COLUMNS_BY = 60
"""Rows a list measures when it first fits its columns to their contents."""


class RecordTable(QTableView):
    """A read-only, row-selecting table whose rows are records.

    Sorting starts with no column chosen, so a list opens in its natural order (people
    by name, events by date) and the model is asked to sort only when a header is clicked.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionsMovable(True)


class ListPage(Page, Generic[T]):
    """Filter field, table, and the glue to the workspace's selection.

    Subclasses give the columns and :meth:`source` the rows for the current audience.
    Typing in the filter waits for a pause before asking the store, so a long dossier is
    searched once per word rather than once per letter.
    """

    FILTER_PAUSE_MS = 150

    def __init__(
        self, workspace: Workspace, columns: Sequence[Column[T]], parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.model: PagedModel[T] = PagedModel(columns, self.row_id, self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(f"Filter {self.title.lower()}…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {self.title.lower()}")
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(self.FILTER_PAUSE_MS)
        self._pause.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._pause.start)
        self.filter.returnPressed.connect(self.apply_filter)
        self.table = RecordTable(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.title)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self._kept: int | None = None
        self.model.modelAboutToBeReset.connect(self._keep_current)
        self.model.modelReset.connect(self._restore_current)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.filter)
        self.layout_.addWidget(self.table, 1)
        self._sized = False

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
        if self.model.rowCount() and not self._sized:
            self._sized = True
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 360))

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
