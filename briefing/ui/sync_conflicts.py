"""View ▸ Travel conflicts…: what a travel copy and its server both changed differently.

A sync writes nothing on either side where both changed one place differently, or where
the server refused the copy's change, and keeps the place in the copy. This page lists
them, each with the record, the place, both values and who changed it on the server, and
settles the one selected: keep the copy's value, take the server's, or write another.
Settling changes the copy alone, in one transaction; the next sync takes the choice to
the server. The list is read again after every change to the copy, a sync's included.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.errors import BriefingError
from briefing.store.sync.conflicts import settle
from briefing.store.sync.resolve import Choice, Edited
from briefing.store.sync.shown import Shown, shown
from briefing.ui.i18n import QT_TRANSLATE_NOOP, messages, said, translate
from briefing.ui.table_model import HeldRows
from briefing.ui.workspace import Workspace

HEADERS = (
    QT_TRANSLATE_NOOP("Domain", "Record"),
    QT_TRANSLATE_NOOP("Domain", "Place"),
    QT_TRANSLATE_NOOP("Domain", "This copy"),
    QT_TRANSLATE_NOOP("Domain", "The server"),
    QT_TRANSLATE_NOOP("Domain", "Changed on the server"),
    QT_TRANSLATE_NOOP("Domain", "Note"),
)
NONE_LEFT = QT_TRANSLATE_NOOP(
    "SyncConflicts",
    "No conflicts: everything this copy and the server both changed has been settled.",
)
SOME = QT_TRANSLATE_NOOP(
    "SyncConflicts",
    "Where this copy and the team server both changed a place "
    "differently, or the server refused the copy's change, neither "
    "side was changed there. Choose a value for each; the next sync "
    "takes it to the server.",
)


class ConflictsModel(HeldRows["Shown"]):
    """The kept conflicts, one row each, as :func:`briefing.store.sync.shown.shown` reads
    them: few enough to hold in memory (a sync keeps only the places both sides changed)."""

    headers = HEADERS

    def cells(self, row: Shown) -> tuple[str, ...]:
        return (row.record, row.place, row.mine, row.theirs, row.changed, row.reason)


class ConflictsDialog(QDialog):
    """The list and the three ways to settle the conflict selected in it.

    ``level`` is the copy's clearance, which a settled value is written at most at.
    Nothing is settled while a sync runs (:meth:`set_syncing`): the sync replaces the
    conflicts when it is done, and a choice made meanwhile could be found again.
    """

    def __init__(self, workspace: Workspace, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("travelConflicts")
        self.setWindowTitle(translate("SyncConflicts", "Travel conflicts"))
        self.workspace = workspace
        self.level = level
        self.syncing = False
        self.model = ConflictsModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(translate("SyncConflicts", "Conflicts"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setAccessibleName(translate("SyncConflicts", "Conflicts message"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_mine = QPushButton(translate("SyncConflicts", "&Keep mine"), self)
        self.keep_mine.setToolTip(
            translate("SyncConflicts", "Keep this copy's value; the next sync sends it")
        )
        self.keep_mine.clicked.connect(lambda: self.settle("ours"))
        self.take_theirs = QPushButton(translate("SyncConflicts", "&Take theirs"), self)
        self.take_theirs.setToolTip(
            translate("SyncConflicts", "Take the server's value into this copy")
        )
        self.take_theirs.clicked.connect(lambda: self.settle("theirs"))
        self.edit = QPushButton(translate("SyncConflicts", "&Edit…"), self)
        self.edit.setToolTip(
            translate("SyncConflicts", "Write the value yourself, starting from the server's")
        )
        self.edit.clicked.connect(lambda: self.write())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.keep_mine, self.take_theirs, self.edit):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1100, 420)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        workspace.changed.connect(self.reload)
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        """Read the conflicts again, keeping the selected one if it is still there."""
        before, at = self.current(), max(0, self.table.currentIndex().row())
        with self.workspace.store.session() as session:
            rows = shown(session, messages().gettext)
        self.model.set_rows(rows)
        ids = [row.id for row in rows]
        row = ids.index(before.id) if before is not None and before.id in ids else at
        row = min(row, len(rows) - 1)
        if rows:
            self.table.selectRow(row)
            self.table.resizeColumnsToContents()
            for column in range(len(HEADERS) - 1):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
            self.table.resizeRowsToContents()
        self.intro.setText(translate("SyncConflicts", SOME if rows else NONE_LEFT))
        self._enable()

    def current(self) -> Shown | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def set_syncing(self, syncing: bool) -> None:
        self.syncing = syncing
        self._enable()

    def _enable(self) -> None:
        row = self.current()
        editable = not self.workspace.read_only and not self.syncing
        for button in (self.keep_mine, self.take_theirs):
            button.setEnabled(row is not None and editable)
        self.edit.setEnabled(row is not None and editable and row.draft is not None)

    def write(self, value: str | None = None) -> bool:
        """Settle the selected conflict with ``value``, asked for (starting from the
        server's text) when not given; False if nothing was settled."""
        row = self.current()
        if row is None or row.draft is None:
            return False
        if value is None:
            value, ok = QInputDialog.getMultiLineText(
                self,
                translate("SyncConflicts", "Edit the value"),
                translate("SyncConflicts", "{record} · {place}:").format(
                    record=row.record, place=row.place
                ),
                row.draft,
            )
            if not ok:
                return False
        return self.settle(Edited(value))

    def settle(self, choice: Choice) -> bool:
        """Settle the selected conflict in one transaction of the copy's; False, saying
        why in one line, if the store refused."""
        row = self.current()
        if row is None or self.syncing:
            return False
        try:
            with self.workspace.store.session() as session:
                settle(session, row.id, choice, self.level)
        except BriefingError as exc:
            self.message.setText(said(exc))
            return False
        self.message.setText(
            translate("SyncConflicts", "Settled {record} · {place}.").format(
                record=row.record, place=row.place
            )
        )
        self.workspace.changed.emit()  # the views and this list read the copy again
        return True
