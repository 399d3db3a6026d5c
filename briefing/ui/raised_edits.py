"""View ▸ Travel edits passed on…: a traveller's edits to records raised above them.

A record someone raised above a traveller's clearance during the trip leaves the copy at
the next sync, and the traveller's edits to it are kept on the team server at the
record's level (:mod:`briefing.store.sync.raised`). This page, beside Travel conflicts…,
lists the ones the login connected may see, each with the record, the fields the
traveller changed, the traveller's values against the record's now, and who and when;
and settles the one selected as ``briefing dossier settle-raised`` does, with the same
store function: keep the traveller's edit (merged into the record as it is now) or keep
the current record. Either way the edits leave the server, so, like the copy's
conflicts, a choice is final: there is nothing to undo but an ordinary edit.

The window reads this module for the action's tips; the store's sync modules load when
the page first opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.errors import BriefingError
from briefing.ui.i18n import QT_TRANSLATE_NOOP, messages, said, translate
from briefing.ui.table_model import HeldRows
from briefing.ui.workspace import Workspace

if TYPE_CHECKING:
    from briefing.store.sync.shown import ShownPassed

HEADERS = (
    QT_TRANSLATE_NOOP("Domain", "Record"),
    QT_TRANSLATE_NOOP("Domain", "Fields"),
    QT_TRANSLATE_NOOP("Domain", "The traveller's"),
    QT_TRANSLATE_NOOP("Domain", "Current"),
    QT_TRANSLATE_NOOP("Domain", "Edited in travel by"),
)
NONE_LEFT = QT_TRANSLATE_NOOP(
    "RaisedEdits",
    "No travel edits passed on to you: every one you may see has been settled.",
)
SOME = QT_TRANSLATE_NOOP(
    "RaisedEdits",
    "A colleague raised these records above the clearance of a "
    "traveller who had edited them, so the traveller's sync could "
    "not take the edits in and passed them on to someone cleared to "
    "see the record. For each, keep the traveller's edit (it is "
    "merged into the record as it is now) or keep the current "
    "record; either is final.",
)
NOT_ON_SERVER = QT_TRANSLATE_NOOP(
    "RaisedEdits",
    "Travel edits are passed on to a team server; this window is on "
    "a file. Connect to the team server first (File ▸ Connect to a "
    "team server…)",
)
ALREADY_SETTLED = QT_TRANSLATE_NOOP(
    "RaisedEdits",
    "someone else has settled these edits already, and the list is up to date.",
)
TIP = QT_TRANSLATE_NOOP(
    "RaisedEdits",
    "Settle the edits travellers made to records raised above their clearance",
)
LINE_CHARACTERS = 160
"""A value's line in the list is cut here (its tip holds it all): a biography in full
would make one row fill the page."""


def shortened(cell: str) -> str:
    """Each line of ``cell`` cut to :data:`LINE_CHARACTERS`, ending in … where cut."""
    return "\n".join(
        line if len(line) <= LINE_CHARACTERS else line[: LINE_CHARACTERS - 1].rstrip() + "…"
        for line in cell.splitlines()
    )


class PassedModel(HeldRows["ShownPassed"]):
    """The edits passed on, one row each, as
    :func:`briefing.store.sync.shown.passed_shown` writes them out."""

    headers = HEADERS

    def cells(self, row: ShownPassed) -> tuple[str, ...]:
        return (row.record, row.fields, row.travellers, row.current, row.edited)

    def show(self, cell: str) -> str:
        return shortened(cell)


class RaisedEditsDialog(QDialog):
    """The list and the two ways to settle the edits selected in it.

    Another cleared reader may settle the same edits meanwhile: the store then refuses,
    the page says so and reads the list again, and the row is gone.
    """

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("travelEditsPassedOn")
        self.setWindowTitle(translate("RaisedEdits", "Travel edits passed on"))
        self.workspace = workspace
        self.model = PassedModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(translate("RaisedEdits", "Travel edits passed on"))
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
        self.message.setAccessibleName(translate("RaisedEdits", "Travel edits message"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_travellers = QPushButton(translate("RaisedEdits", "Keep the &traveller's"), self)
        self.keep_travellers.setToolTip(
            translate(
                "RaisedEdits",
                "Merge the traveller's changes into the record as it is now; "
                "where both changed a field, the traveller's value wins",
            )
        )
        self.keep_travellers.clicked.connect(lambda: self.settle(mine=True))
        self.keep_current = QPushButton(translate("RaisedEdits", "Keep &current"), self)
        self.keep_current.setToolTip(
            translate("RaisedEdits", "Drop the traveller's edits; the record stays as it is")
        )
        self.keep_current.clicked.connect(lambda: self.settle(mine=False))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_travellers)
        buttons.addWidget(self.keep_current)
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
        """Read the edits again, keeping the selected one if it is still there."""
        from briefing.store.sync.shown import passed_shown
        from briefing.store.travel import clearance_of

        before, at = self.current(), max(0, self.table.currentIndex().row())
        try:
            with self.workspace.store.session() as session:
                rows = passed_shown(session, clearance_of(session), messages().gettext)
        except BriefingError as exc:
            rows = []
            self.message.setText(
                translate("RaisedEdits", "The edits passed on cannot be read: {exc}").format(
                    exc=said(exc)
                )
            )
        self.model.set_rows(rows)
        ids = [row.id for row in rows]
        row = ids.index(before.id) if before is not None and before.id in ids else at
        row = min(row, len(rows) - 1)
        if rows:
            self.table.selectRow(row)
            self.table.resizeColumnsToContents()
            for column in range(len(HEADERS) - 1):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
            self.table.resizeRowsToContents()
        self.intro.setText(translate("RaisedEdits", SOME if rows else NONE_LEFT))
        self._enable()

    def current(self) -> ShownPassed | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        on = self.current() is not None and not self.workspace.read_only
        for button in (self.keep_travellers, self.keep_current):
            button.setEnabled(on)

    def settle(self, *, mine: bool) -> bool:
        """Settle the selected edits in one transaction of the server's, as the login
        cleared to see them; False, saying why in one line, if the store refused (the
        list is read again then too: someone else may have settled them)."""
        from briefing.store.sync.raised import settle
        from briefing.store.travel import clearance_of

        row = self.current()
        if row is None:
            return False
        try:
            with self.workspace.store.session() as session:
                settle(session, row.id, mine, clearance_of(session))
        except BriefingError as exc:
            self.reload()
            gone = row.id not in [left.id for left in self.model.rows]
            why = translate("RaisedEdits", ALREADY_SETTLED) if gone else said(exc) + "."
            self.message.setText(
                translate("RaisedEdits", "{record} was not settled: {why}").format(
                    record=row.record, why=why
                )
            )
            return False
        kept = (
            translate("RaisedEdits", "the traveller's edit")
            if mine
            else translate("RaisedEdits", "the current record")
        )
        self.message.setText(
            translate("RaisedEdits", "Settled {record}: kept {kept}.").format(
                record=row.record, kept=kept
            )
        )
        self.workspace.changed.emit()  # the views and this list read the server again
        return True
