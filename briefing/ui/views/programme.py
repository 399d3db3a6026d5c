"""The delegation's programme (issue 19): day by day on the venue's calendar, each entry
with its venue and home times, our people at it, the contact on site and where to be next.

The same entries on the same days as the book's Programme section
(:func:`briefing.domain.programme.programme`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from briefing.store.lists.programme import Programme, load_programme
from briefing.ui.i18n import translate
from briefing.ui.views.page import Page
from briefing.ui.views.programme_model import RECORD_ID, ProgrammeModel
from briefing.ui.workspace import Workspace

COLUMN_LIMIT = 240
"""Pixels a column may take when sized to its contents: a flight's two places and clocks
would push who takes part, the contact and where to be next off a laptop's screen; the
tooltip has the whole text."""


class ProgrammePage(Page):
    """A tree of days and their entries; Enter or a double click opens an entry's event,
    and moving onto one shows it in the details pane."""

    title = "Programme"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model = ProgrammeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        # The page's title as the navigation shows it (main_window.page_title); lupdate
        # finds it here, the window's module being at its length limit.
        self.tree.setAccessibleName(translate("MainWindow", "Programme"))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setText(
            translate(
                "Programme",
                "No programme: it is made of the flights, transfers, hotels, receptions and "
                "press events of a trip, and the meetings on its days.",
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)

    def reload(self) -> None:
        ws = self.workspace
        if ws.dossier_id:
            with ws.store.session() as session:
                self.model.set_programme(load_programme(session, ws.dossier_id, ws.level))
        else:
            self.model.set_programme(Programme([], ""))
        self.tree.expandAll()
        for column in range(self.model.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
            width = min(self.tree.columnWidth(column), COLUMN_LIMIT)
            self.tree.setColumnWidth(column, width)
        self.empty.setVisible(self.model.rowCount() == 0)

    def focus_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        value = index.data(RECORD_ID) if index.isValid() else None
        if value is not None:
            self.workspace.selected.emit(int(value))

    def _activated(self, index: QModelIndex) -> None:
        value = index.data(RECORD_ID) if index.isValid() else None
        if value is not None:
            self.workspace.opened.emit(int(value))
