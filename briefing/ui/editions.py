"""View ▸ Editions…: the editions of the dossier on screen, opened, printed again, compared.

Each edition printed since issue 17 keeps the PDF as written and the dossier document its
audience saw (:mod:`briefing.store.editions`). This page lists the ones the login may see
(on a team server the store reads none above its clearance: such an edition is not
listed, as if never printed) and, for the one selected, shows its pages as the export
preview does (:mod:`briefing.ui.pdf_pages`) or writes its PDF again, byte for byte, to
a file chosen; the reprint is recorded in the audit trail as the command line's is.
An edition printed before editions kept anything can be none of these: its buttons are
off and their tips say why.

The window imports this module when the page is first opened: it loads pypdfium2.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
)

from briefing.errors import BriefingError
from briefing.store.editions import Listed
from briefing.ui.pdf_pages import PageStrip
from briefing.ui.settings import EXPORT_FOLDER
from briefing.ui.table_model import HeldRows

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

HEADERS = ("Edition", "Printed (UTC)", "Audience", "Note", "Printed by", "Pages", "Kept")
NONE_YET = "No editions of this dossier that you may see. File ▸ Export briefing book… prints one."
SOME = (
    "The editions of this dossier you may see, oldest first. Open shows an edition's pages "
    "as they were printed; Reprint writes its PDF again, byte for byte, whatever has "
    "changed since; Compare shows what changed between two."
)
CHOOSE_ONE = "Select one edition"
CHOOSE_TWO = "Select two editions (Shift or Ctrl with a click or an arrow key) to compare"
NOT_KEPT = (
    "Edition {number} was printed before editions kept their PDF and what their audience "
    "saw: there is nothing to open, reprint or compare"
)
NOT_KEPT_CELL = "no (printed before editions were kept)"


class EditionsModel(HeldRows[Listed]):
    """The editions, one row each, as :func:`briefing.store.editions.list_editions`
    lists them: a dossier has tens of editions, not thousands."""

    headers = HEADERS

    def cells(self, row: Listed) -> tuple[str, ...]:
        return (
            str(row.number),
            f"{row.printed_at:%Y-%m-%d %H:%M}",
            row.audience,
            row.note,
            row.made_by or "",
            "" if row.pages is None else str(row.pages),
            "yes" if row.kept else NOT_KEPT_CELL,
        )


class EditionsDialog(QDialog):
    """The list, and below it the pages of the edition opened."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("editions")
        self.setWindowTitle("Editions")
        self.window_ = window
        self.workspace = window.workspace
        self.slug = ""
        self.shown_edition: Listed | None = None
        self.model = EditionsModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Editions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.open_edition())
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setAccessibleName("Editions message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.pages = PageStrip(self)
        self.pages.setAccessibleName("Edition pages")
        self.pages.shown.connect(self._pages_shown)
        self.nothing = QLabel("Select an edition and Open it to see its pages here.", self)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.below = QStackedWidget(self)
        self.below.addWidget(self.nothing)
        self.below.addWidget(self.pages)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.below)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        self.open_button = QPushButton("&Open", self)
        self.open_button.clicked.connect(self.open_edition)
        self.reprint_button = QPushButton("&Reprint…", self)
        self.reprint_button.clicked.connect(lambda: self.reprint())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reprint_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1100, 680)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.workspace.changed.connect(self.reload)
        self.workspace.dossier_changed.connect(lambda _id: self.reload())
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        """Read the editions again, keeping the ones selected if they are still there."""
        from briefing.store.editions import list_editions

        kept = {row.number for row in self.selected()}
        slug = self.workspace.dossier()[0] if self.workspace.dossier_id else ""
        if slug != self.slug:
            kept = set()
            self._show_nothing()
        self.slug = slug
        rows: list[Listed] = []
        if slug:
            try:
                with self.workspace.store.session() as session:
                    rows = list_editions(session, slug)
            except BriefingError as exc:
                self.message.setText(f"The editions cannot be read: {exc}")
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 320))  # the note
        selection = self.table.selectionModel()
        for number, row in enumerate(rows):
            if row.number in kept:
                flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
                selection.select(self.model.index(number, 0), flags)
        if rows and not selection.hasSelection():
            self.table.selectRow(len(rows) - 1)  # the latest: the one most often wanted
        self.intro.setText(SOME if rows else NONE_YET)
        self._enable()

    def selected(self) -> list[Listed]:
        """The editions selected, oldest first."""
        numbers = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [row for row in map(self.model.row_at, numbers) if row is not None]

    def _enable(self) -> None:
        chosen = self.selected()
        one = chosen[0] if len(chosen) == 1 else None
        for button in (self.open_button, self.reprint_button):
            button.setEnabled(one is not None and one.kept)
            if one is None:
                button.setToolTip(CHOOSE_ONE)
            elif not one.kept:
                button.setToolTip(NOT_KEPT.format(number=one.number))
        if one is not None and one.kept:
            self.open_button.setToolTip(f"Show the pages of edition {one.number} as printed")
            self.reprint_button.setToolTip(
                f"Write the PDF of edition {one.number} again, byte for byte, to a file"
            )

    # ------------------------------------------------------------ open

    def _show_nothing(self) -> None:
        self.pages.stop()
        self.pages.clear()
        self.below.setCurrentWidget(self.nothing)

    def open_edition(self) -> int:
        """Show the pages of the edition selected; returns how many will be shown (0 if
        none: nothing or more than one selected, or the edition cannot be read)."""
        from briefing.store.editions import pdf_of

        chosen = self.selected()
        if len(chosen) != 1 or not chosen[0].kept:
            return 0
        edition = chosen[0]
        try:
            with self.workspace.store.session() as session:
                pdf = pdf_of(session, self.slug, edition.number)
            count = self.pages.show_pdf(pdf)
        except BriefingError as exc:
            self._show_nothing()
            self.window_.show_error("Edition not opened", f"Edition {edition.number}: {exc}")
            return 0
        self.below.setCurrentWidget(self.pages)
        self.message.setText(f"Edition {edition.number}, {edition.audience} audience: showing…")
        self.shown_edition = edition
        return count

    def _pages_shown(self, count: int) -> None:
        edition = self.shown_edition
        if edition is None:
            return
        self.message.setText(
            f"Edition {edition.number}, {edition.audience} audience, as printed: {count} pages."
        )

    # ------------------------------------------------------------ reprint

    def reprint(self, target: Path | None = None) -> Path | None:
        """Write the PDF of the edition selected to ``target``, asked for when not given;
        the file written, or None (nothing selected, no file chosen, or refused: why is
        said in one line)."""
        from briefing.book.build import proposed_file_name
        from briefing.store.editions import reprint

        chosen = self.selected()
        if len(chosen) != 1 or not chosen[0].kept:
            return None
        edition = chosen[0]
        if target is None:
            name = proposed_file_name(self.slug, edition.audience, edition.number)
            folder = EXPORT_FOLDER.read(self.window_.settings)
            path, _ = QFileDialog.getSaveFileName(
                self, f"Reprint edition {edition.number}", str(folder / name), "PDF (*.pdf)"
            )
            if not path:
                return None
            target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        try:
            done = reprint(self.workspace.store, self.slug, edition.number, target)
        except BriefingError as exc:
            self.window_.show_error("Edition not reprinted", f"Edition {edition.number}: {exc}")
            return None
        self.message.setText(
            f"Wrote edition {done.number} as printed ({done.pages} pages, "
            f"{done.audience} audience) to {done.path}."
        )
        return done.path
