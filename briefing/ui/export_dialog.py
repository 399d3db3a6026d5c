"""Exporting a briefing book: choices, a worker thread with progress and Cancel, a preview.

Preview prints a draft (DRAFT on every page, no edition number, nothing recorded) into a
private temporary folder, removed when the dialog closes, so looking at a book before
printing it does not use up an edition number.

The book is built by ``briefing.book`` in a worker thread so the window stays responsive;
the dialog only passes the options in and the progress out. Pages are rendered for the
preview and for printing by :mod:`briefing.ui.pdf_pages`. The main window
imports this module on the first export, so ReportLab is not loaded at start-up.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.book.build import export_book, proposed_file_name
from briefing.book.cards import card_file_name, export_cards
from briefing.book.options import SECTION_TITLES, STAFF_SECTIONS, BookOptions, ExportResult
from briefing.domain.formats import marked
from briefing.errors import BriefingError
from briefing.i18n import LANGUAGES
from briefing.store.copies import recipients
from briefing.store.editions import next_edition
from briefing.store.visibility import top_of_scale
from briefing.ui.i18n import said, translate, word
from briefing.ui.pdf_pages import PageStrip, print_pdf
from briefing.ui.settings import (
    EXPORT_AUDIENCE,
    EXPORT_FOLDER,
    EXPORT_LANGUAGE,
    EXPORT_PAPER,
    EXPORT_SECTIONS,
)
from briefing.ui.workspace import Workspace

PREVIEW_PAGES = 24
"""The preview shows the book's first pages: enough to judge it, quick to render."""


class ExportWorker(QObject):
    """Runs one export in a worker thread.

    Signals:
        progress(int, int, str): done, total and what is being done.
        succeeded(object): the ExportResult.
        failed(str): a message for the user (cancellation included).
    """

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, workspace: Workspace, options: BookOptions, target: Path) -> None:
        super().__init__()
        self.store = workspace.store
        self.slug = workspace.dossier()[0]
        self.options = options
        self.target = target
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        export = export_cards if self.options.cards else export_book
        try:
            result = export(
                self.store,
                self.slug,
                self.options,
                self.target,
                progress=lambda done, total, what: self.progress.emit(done, total, what),
                cancelled=self.cancel_requested.is_set,
            )
        except BriefingError as exc:
            self.failed.emit(said(exc))
        except Exception as exc:
            self.failed.emit(
                translate("ExportDialog", "The export failed unexpectedly: {exc!r}").format(exc=exc)
            )
        else:
            self.succeeded.emit(result)


class ExportDialog(QDialog):
    """Audience, sections, paper and file; then progress, then a preview with actions.

    Signals:
        exported(object): an ExportResult, once the PDF is in place.
        previewed(object): an ExportResult, once a draft for the preview is written.
        run_finished(): an export ended, whether written, failed or cancelled.
    """

    exported = Signal(object)
    previewed = Signal(object)
    run_finished = Signal()

    def __init__(
        self, workspace: Workspace, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ExportDialog", "Export briefing book"))
        self.setObjectName("exportDialog")
        self.workspace = workspace
        self.settings = settings
        self.thread_: QThread | None = None
        self.worker: ExportWorker | None = None
        self.outcome: ExportResult | None = None
        self._preview_folder: Path | None = None

        self.audience = QComboBox(self)
        self.audience.setAccessibleName(translate("ExportDialog", "Audience"))
        for rank, name, marking in workspace.audiences():
            self.audience.addItem(marked(marking, name), rank)
        self.paper = QComboBox(self)
        self.paper.setAccessibleName(translate("ExportDialog", "Paper"))
        self.paper.addItem("A4", "a4")
        self.paper.addItem(translate("ExportDialog", "US Letter"), "letter")
        self.form = QComboBox(self)
        self.form.setAccessibleName(translate("ExportDialog", "Form"))
        self.form.addItem(translate("ExportDialog", "Briefing book"), False)
        self.form.addItem(translate("ExportDialog", "Pocket cards, one per meeting"), True)
        self.form.setToolTip(
            translate(
                "ExportDialog",
                "The principal's pocket cards: A6 from A4 paper, half-Letter from US Letter",
            )
        )
        self.language = QComboBox(self)
        self.language.setAccessibleName(translate("ExportDialog", "Book language"))
        self.language.setToolTip(
            translate("ExportDialog", "The book's language, whatever the window's")
        )
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.note = QLineEdit(self)
        self.note.setAccessibleName(translate("ExportDialog", "Edition note"))
        self.note.setPlaceholderText(translate("ExportDialog", "e.g. Draft for the 2+2 (optional)"))
        self.copies = QLineEdit(self)
        self.copies.setAccessibleName(translate("ExportDialog", "Copies for"))
        self.copies.setPlaceholderText(
            translate("ExportDialog", "names separated by ; for numbered copies (optional)")
        )
        self.copies.setToolTip(
            translate(
                "ExportDialog",
                "One PDF per recipient, each marked 'Copy n of m — NAME' on "
                "every page (FILE-copy-1.pdf, …); a name cannot contain ';'",
            )
        )
        self.sections: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (key, title) in enumerate(SECTION_TITLES.items()):
            box = QCheckBox(word(title), self)
            box.setChecked(True)
            self.sections[key] = box
            grid.addWidget(box, i // 2, i % 2)
        self.path = QLineEdit(self)
        self.path.setAccessibleName(translate("ExportDialog", "File"))
        browse = QPushButton(translate("ExportDialog", "Browse…"), self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(translate("ExportDialog", "Fo&rm:"), self.form)
        form.addRow(translate("ExportDialog", "&Audience:"), self.audience)
        form.addRow(translate("ExportDialog", "&Paper:"), self.paper)
        form.addRow(translate("ExportDialog", "&Language:"), self.language)
        form.addRow(translate("ExportDialog", "Edition &note:"), self.note)
        form.addRow(translate("ExportDialog", "&Copies for:"), self.copies)
        form.addRow(translate("ExportDialog", "Sections:"), grid)
        file_label = QLabel(translate("ExportDialog", "&File:"), self)
        file_label.setBuddy(self.path)  # a row holding a layout has no buddy of its own
        form.addRow(file_label, file_row)

        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(translate("ExportDialog", "Export progress"))
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        self.bar.hide()  # "0%" before anything has started says nothing
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.pages = PageStrip(self)
        self.pages.setAccessibleName(translate("ExportDialog", "Preview"))
        self.pages.setMinimumHeight(340)
        self.pages.hide()

        self.export_button = QPushButton(translate("ExportDialog", "&Export"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.preview_button = QPushButton(translate("ExportDialog", "Pre&view"), self)
        self.preview_button.setToolTip(
            translate("ExportDialog", "A draft: DRAFT on every page, no edition recorded")
        )
        self.preview_button.clicked.connect(self.preview)
        self.cancel_button = QPushButton(translate("ExportDialog", "Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self.open_button = QPushButton(translate("ExportDialog", "&Open"), self)
        self.folder_button = QPushButton(translate("ExportDialog", "Show in &folder"), self)
        self.print_button = QPushButton(translate("ExportDialog", "&Print…"), self)
        self.open_button.clicked.connect(self.open_pdf)
        self.folder_button.clicked.connect(self.show_folder)
        self.print_button.clicked.connect(self.print_dialog)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.folder_button, self.print_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._restore_choices()
        self.audience.currentIndexChanged.connect(self._propose_path)
        self.audience.currentIndexChanged.connect(self._staff_sections)
        self.form.currentIndexChanged.connect(self._propose_path)
        self.form.currentIndexChanged.connect(self._book_choices)
        self._propose_path()
        self._staff_sections()
        self.resize(760, 520)

    # ------------------------------------------------------------ choices

    def cards(self) -> bool:
        """Pocket cards are chosen rather than the book."""
        return bool(self.form.currentData())

    def _book_choices(self) -> None:
        """Sections and numbered copies are a book's: not offered for pocket cards."""
        for box in self.sections.values():
            box.setEnabled(not self.cards())
        self.copies.setEnabled(not self.cards())

    def options(self) -> BookOptions:
        """The chosen options; left empty, "Copies for" asks for one book, not copies."""
        listed = self.copies.text()
        if self.cards():
            return BookOptions(
                audience=int(self.audience.currentData()),
                paper=self.paper.currentData(),
                edition_note=self.note.text().strip(),
                today=self.workspace.today(),
                language=str(self.language.currentData()),
                cards=True,
            )
        return BookOptions(
            audience=int(self.audience.currentData()),
            paper=self.paper.currentData(),
            sections=tuple(k for k, box in self.sections.items() if box.isChecked()),
            edition_note=self.note.text().strip(),
            today=self.workspace.today(),
            copies=recipients(listed) if listed.strip() else (),
            language=str(self.language.currentData()),
        )

    def next_edition(self) -> int:
        with self.workspace.store.session() as session:
            return next_edition(session, self.workspace.dossier_id)

    def _propose_path(self) -> None:
        """A file name from the dossier's slug, the audience and the edition: nothing else."""
        slug = self.workspace.dossier()[0]
        named = card_file_name if self.cards() else proposed_file_name
        name = named(
            slug, self.workspace.scale_name(int(self.audience.currentData())), self.next_edition()
        )
        self.path.setText(str(EXPORT_FOLDER.read(self.settings) / name))

    def _staff_sections(self) -> None:
        """Tick the staff's sections (the checks annex) for the highest level only, as the
        command line does; ticking one for another audience asks for it."""
        ranks = [rank for rank, _name, _marking in self.workspace.levels]
        for key in STAFF_SECTIONS:
            box = self.sections[key]
            box.setChecked(top_of_scale(ranks, int(self.audience.currentData())))
            box.setToolTip(
                translate(
                    "ExportDialog", "For staff: ticked for the highest level, tick it to ask for it"
                )
            )

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("ExportDialog", "Save briefing book"),
            self.path.text(),
            translate("ExportDialog", "PDF (*.pdf)"),
        )
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    def _restore_choices(self) -> None:
        s = self.settings
        saved = EXPORT_AUDIENCE.read(s)
        chosen = self.audience.findData(self.workspace.level)  # -1: staff, no audience
        if saved is not None:
            index = self.audience.findData(saved)
            self.audience.setCurrentIndex(max(0, index))
        elif chosen >= 0:
            self.audience.setCurrentIndex(chosen)
        self.paper.setCurrentIndex(max(0, self.paper.findData(EXPORT_PAPER.read(s))))
        self.language.setCurrentIndex(max(0, self.language.findData(EXPORT_LANGUAGE.read(s))))
        ticked = EXPORT_SECTIONS.read(s)
        if ticked is not None:
            for key, box in self.sections.items():
                box.setChecked(key in ticked)

    def _save_choices(self) -> None:
        s = self.settings
        EXPORT_AUDIENCE.write(s, int(self.audience.currentData()))
        EXPORT_PAPER.write(s, str(self.paper.currentData()))
        EXPORT_LANGUAGE.write(s, str(self.language.currentData()))
        EXPORT_SECTIONS.write(s, [k for k, box in self.sections.items() if box.isChecked()])
        EXPORT_FOLDER.write(s, Path(self.path.text()).parent)

    # ------------------------------------------------------------ running

    def start(self) -> None:
        """Export an edition to the chosen file."""
        target = Path(self.path.text()).expanduser()
        if not self.path.text().strip() or target.is_dir():
            self.status.setText(translate("ExportDialog", "Choose a file to write the book to."))
            return
        try:
            options = self.options()
        except BriefingError as exc:
            self.status.setText(said(exc))
            return
        self._save_choices()
        self._run(options, target)

    def preview(self) -> None:
        """Print a draft of the chosen book into a private temporary folder and show it."""
        try:
            # A draft is not an edition and has no numbered copies: the preview shows
            # the book without their marks.
            options = dataclasses.replace(self.options(), draft=True, copies=())
        except BriefingError as exc:
            self.status.setText(said(exc))
            return
        if self._preview_folder is None:
            self._preview_folder = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
        slug = self.workspace.dossier()[0]
        named = card_file_name if options.cards else proposed_file_name
        name = named(slug, self.workspace.scale_name(options.audience), None)
        self._run(options, self._preview_folder / name)

    def _run(self, options: BookOptions, target: Path) -> None:
        self.pages.stop()
        self.pages.clear()
        self.pages.hide()
        buttons = (self.open_button, self.folder_button, self.print_button)
        for button in (*buttons, self.export_button, self.preview_button):
            button.setEnabled(False)
        self.cancel_button.setText(translate("ExportDialog", "Cancel"))
        self.bar.setValue(0)
        self.bar.show()
        self.status.setText(translate("ExportDialog", "Starting…"))
        self.worker = ExportWorker(self.workspace, options, target)
        self.thread_ = QThread(self)
        self.worker.moveToThread(self.thread_)
        self.thread_.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.succeeded.connect(self.thread_.quit)
        self.worker.failed.connect(self.thread_.quit)
        self.thread_.start()

    def running(self) -> bool:
        return self.thread_ is not None and self.thread_.isRunning()

    def cancel_or_close(self) -> None:
        if self.running() and self.worker is not None:
            self.worker.cancel_requested.set()
            self.status.setText(translate("ExportDialog", "Cancelling…"))
        else:
            self.reject()

    def _progress(self, done: int, total: int, what: str) -> None:
        self.bar.setValue(int(1000 * done / max(total, 1)))
        self.status.setText(what)

    def _finish_thread(self) -> None:
        if self.thread_ is not None:
            self.thread_.quit()
            self.thread_.wait()
        self.export_button.setEnabled(True)
        self.preview_button.setEnabled(True)
        self.cancel_button.setText(translate("ExportDialog", "Close"))
        self.run_finished.emit()

    def _failed(self, message: str) -> None:
        self._finish_thread()
        self.bar.setValue(0)
        self.status.setText(
            translate(
                "ExportDialog", "{message}\nAny earlier PDF at that path is unchanged."
            ).format(message=message)
        )

    def _succeeded(self, result: ExportResult) -> None:
        self._finish_thread()
        self.outcome = result
        path = result.path
        self.bar.setValue(1000)
        self.show_preview(path)
        for button in (self.open_button, self.folder_button, self.print_button):
            button.setEnabled(True)
        if result.edition is None:
            self.status.setText(
                translate("ExportDialog", "Draft (no edition recorded): {pages} pages").format(
                    pages=result.pages
                )
            )
            self.previewed.emit(result)
            return
        if result.copies:
            self.status.setText(
                translate(
                    "ExportDialog",
                    "Edition {edition} in {count} numbered copies: {pages} pages "
                    "each, written to {parent} ({value})",
                ).format(
                    edition=result.edition,
                    count=len(result.copies),
                    pages=result.pages,
                    parent=path.parent,
                    value=", ".join(p.name for p in result.copies),
                )
            )
            self._propose_path()
        else:
            self.status.setText(
                translate(
                    "ExportDialog", "Edition {edition}: {pages} pages written to {path}"
                ).format(edition=result.edition, pages=result.pages, path=path)
            )
            self._propose_path()
            self.path.setText(str(path))
        self.exported.emit(result)

    def show_preview(self, path: Path) -> int:
        """Thumbnails of the book's first pages; returns how many will be shown."""
        try:
            count = self.pages.show_pdf(path, PREVIEW_PAGES)
        except BriefingError as exc:
            self.status.setText(said(exc))
            return 0
        self.pages.show()
        return count

    # ------------------------------------------------------------ after

    def pdf_path(self) -> Path | None:
        return self.outcome.path if self.outcome is not None else None

    def open_pdf(self) -> None:
        path = self.pdf_path()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def show_folder(self) -> None:
        path = self.pdf_path()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def print_dialog(self) -> None:
        path = self.pdf_path()
        if path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                print_pdf(path, printer)
            except BriefingError as exc:
                self.status.setText(said(exc))

    def reject(self) -> None:
        if self.running() and self.worker is not None:
            self.worker.cancel_requested.set()
            if self.thread_ is not None:
                self.thread_.quit()
                self.thread_.wait()
        super().reject()

    def done(self, result: int) -> None:
        """Close, removing the previews' drafts: they were only ever meant to be looked at."""
        self.pages.stop()
        if self._preview_folder is not None:
            shutil.rmtree(self._preview_folder, ignore_errors=True)
            self._preview_folder = None
        super().done(result)
