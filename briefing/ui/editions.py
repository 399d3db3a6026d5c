"""View ▸ Editions…: the editions of the dossier on screen, opened, printed again, compared.

Each edition printed since issue 17 keeps the PDF as written and the dossier document its
audience saw (:mod:`briefing.store.editions`). This page lists the ones the login may see
(on a team server the store reads none above its clearance: such an edition is not
listed, as if never printed) and, for the one selected, shows its pages as the export
preview does (:mod:`briefing.ui.pdf_pages`) or writes its PDF again, byte for byte, to
a file chosen; the reprint is recorded in the audit trail as the command line's is.
Two selected are compared side by side with the book's own diff
(:func:`briefing.book.changes.compare`, over the documents their audiences saw). The
PDFs and documents are read, and reprints written, off the GUI thread: an edition of a
ministry's dossier is megabytes, on a team server across a network. An edition printed
before editions kept anything can be none of these: its buttons are off and their tips
say why.

The window imports this module when the page is first opened: it loads pypdfium2 and
ReportLab.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
)

from briefing.book import copy_file, proposed_file_name
from briefing.book.changes import Changes, FieldChange, RecordChange, Run, compare
from briefing.domain.formats import marking
from briefing.errors import BriefingError
from briefing.store.editions import (
    Listed,
    Reprinted,
    list_editions,
    pdf_of,
    reprint,
    snapshot_of,
)
from briefing.store.exchange.loading import parse
from briefing.store.visibility import same_level
from briefing.ui.html import esc
from briefing.ui.i18n import QT_TRANSLATE_NOOP, current, said, translate, word
from briefing.ui.pdf_pages import PageStrip
from briefing.ui.settings import EXPORT_FOLDER
from briefing.ui.table_model import HeldRows

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

HEADERS = (
    QT_TRANSLATE_NOOP("Domain", "Edition"),
    QT_TRANSLATE_NOOP("Domain", "Printed (UTC)"),
    QT_TRANSLATE_NOOP("Domain", "Audience"),
    QT_TRANSLATE_NOOP("Domain", "Note"),
    QT_TRANSLATE_NOOP("Domain", "Printed by"),
    QT_TRANSLATE_NOOP("Domain", "Pages"),
    QT_TRANSLATE_NOOP("Domain", "Kept"),
)
NONE_YET = QT_TRANSLATE_NOOP(
    "Editions",
    "No editions of this dossier that you may see. File ▸ Export briefing book… prints one.",
)
SOME = QT_TRANSLATE_NOOP(
    "Editions",
    "The editions of this dossier you may see, oldest first. Open shows an edition's "
    "pages as they were printed; Reprint writes its PDF again, byte for byte, "
    "whatever has changed since; Compare shows what changed between two.",
)
CHOOSE_ONE = QT_TRANSLATE_NOOP("Editions", "Select one edition")
CHOOSE_TWO = QT_TRANSLATE_NOOP(
    "Editions", "Select two editions (Shift or Ctrl with a click or an arrow key) to compare"
)
NOT_KEPT = QT_TRANSLATE_NOOP(
    "Editions",
    "Edition {number} was printed before editions kept their PDF and what their "
    "audience saw: there is nothing to open, reprint or compare",
)
NOT_KEPT_CELL = QT_TRANSLATE_NOOP("Editions", "no (printed before editions were kept)")
COMPARING = QT_TRANSLATE_NOOP("Editions", "Comparing edition {older} with edition {newer}…")
ADDED, REMOVED = "#d7f2d7", "#f9d9d7"
"""The backgrounds of text only the newer edition has, and of text only the older had."""
STATUS = {
    "added": QT_TRANSLATE_NOOP("Editions", "Added"),
    "removed": QT_TRANSLATE_NOOP("Editions", "Removed"),
    "changed": QT_TRANSLATE_NOOP("Editions", "Changed"),
}

T = TypeVar("T")


class EditionsModel(HeldRows[Listed]):
    """The editions, one row each, as :func:`briefing.store.editions.list_editions`
    lists them: a dossier has tens of editions, not thousands."""

    headers = HEADERS

    def cells(self, row: Listed) -> tuple[str, ...]:
        return (
            str(row.number),
            f"{row.printed_at:%Y-%m-%d %H:%M}",
            row.audience_label,
            row.note,
            row.made_by or "",
            "" if row.pages is None else str(row.pages),
            (
                translate("Editions", "yes, {copies} numbered copies").format(copies=row.copies)
                if row.copies
                else translate("Editions", "yes")
            )
            if row.kept
            else translate("Editions", NOT_KEPT_CELL),
        )


def _cell(field: FieldChange, older: bool, mark: Callable[[int], str]) -> str:
    """One side of a field, led by its portion marking: whole, on the colour of its side
    (a short field), or as its side of the word diff (a long one)."""
    text, level = (field.before, field.before_level) if older else (field.after, field.after_level)
    if not text:
        return translate("Editions", '<span style="color:#777">(none)</span>')
    lead = f"<b>{esc(marking(mark(level)))}</b> "
    if not field.long:
        colour = REMOVED if older else ADDED
        return f'{lead}<span style="background-color:{colour}">{esc(text)}</span>'
    return lead + " ".join(_run(run, older) for run in field.runs() if _on_side(run, older))


def _on_side(run: Run, older: bool) -> bool:
    return run.kind in ("same", "elided") or run.kind == ("removed" if older else "added")


def _run(run: Run, older: bool) -> str:
    if run.kind == "same":
        return esc(run.text)
    if run.kind == "elided":
        return f'<i style="color:#777">{esc(run.text)}</i>'
    style = "text-decoration:line-through;" if older else ""
    colour = REMOVED if older else ADDED
    return f'<span style="{style}background-color:{colour}">{esc(run.text)}</span>'


def _record(change: RecordChange, mark: Callable[[int], str]) -> str:
    rows = "".join(
        f'<tr><td width="18%">{esc(word(field.label))}</td>'
        f'<td width="41%">{_cell(field, True, mark)}</td>'
        f'<td width="41%">{_cell(field, False, mark)}</td></tr>'
        for field in change.fields
    )
    title = f"<b>{esc(marking(mark(change.level)))}</b> {esc(change.title)}"
    status = translate("Editions", STATUS[change.status])
    return (
        f"<h4>{status} · {esc(word(change.kind_label))} · {title}</h4>"
        '<table width="100%" border="1" cellspacing="0" cellpadding="4">'
        f"{rows}</table>"
    )


def comparison_html(
    changes: Changes, older: Listed, newer: Listed, mark: Callable[[int], str]
) -> str:
    """The changes from edition ``older`` to ``newer`` side by side: each record added,
    removed or changed, with its fields in the older edition on the left and the newer on
    the right, what only one side has on that side's colour; ``mark`` gives a rank's
    portion marking. Every text from the editions is escaped."""

    def edition(e: Listed) -> str:
        note = translate("Editions", " ({note})").format(note=e.note) if e.note else ""
        return translate(
            "Editions",
            "Edition {number}{note}: {audience} audience, printed {printed_at:%Y-%m-%d %H:%M} UTC",
        ).format(number=e.number, note=note, audience=e.audience_label, printed_at=e.printed_at)

    head = [
        translate("Editions", "<h3>Edition {number} → edition {number2}</h3>").format(
            number=older.number, number2=newer.number
        ),
        f"<p>{esc(edition(older))}<br>{esc(edition(newer))}</p>",
    ]
    if not same_level(older.audience, newer.audience):
        head.append(
            translate(
                "Editions",
                "<p><i>The two editions are for different audiences: what only the {audience} "
                "audience saw shows as added, what only the {audience2} audience saw as "
                "removed.</i></p>",
            ).format(audience=esc(newer.audience_label), audience2=esc(older.audience_label))
        )
    counts = [len(changes.of(status)) for status in ("added", "removed", "changed")]
    if not changes:
        head.append(translate("Editions", "<p>Nothing changed between the two editions.</p>"))
    else:
        head.append(
            translate(
                "Editions",
                "<p>Records added: {counts}, removed: {counts2}, changed: {counts3}. Left: "
                "edition {number}; right: edition {number2}.</p>",
            ).format(
                counts=counts[0],
                counts2=counts[1],
                counts3=counts[2],
                number=older.number,
                number2=newer.number,
            )
        )
    return "".join(head) + "".join(_record(change, mark) for change in changes.records)


def refused(work: Callable[[], T]) -> T | str:
    """What ``work`` gives, or why the store or the reader refused (one line)."""
    try:
        return work()
    except BriefingError as exc:
        return said(exc)


class EditionsDialog(QDialog):
    """The list, and below it the pages of the edition opened or the comparison of two.

    Signals:
        opened(): an edition's pages are being shown, or why not is said.
        reprinted(object): a reprint was written (its path), or refused (None; why is said).
        comparison_shown(): a comparison is on screen, or why not is said.
    """

    opened = Signal()
    reprinted = Signal(object)
    comparison_shown = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("editions")
        self.setWindowTitle(translate("Editions", "Editions"))
        self.window_ = window
        self.workspace = window.workspace
        self.slug = ""
        self.shown_edition: Listed | None = None
        self.model = EditionsModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(translate("Editions", "Editions"))
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
        self.message.setAccessibleName(translate("Editions", "Editions message"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.pages = PageStrip(self)
        self.pages.setAccessibleName(translate("Editions", "Edition pages"))
        self.pages.shown.connect(self._pages_shown)
        self.nothing = QLabel(
            translate(
                "Editions", "Open an edition to see its pages here, or select two and Compare them."
            ),
            self,
        )
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.comparison = QTextBrowser(self)
        self.comparison.setAccessibleName(translate("Editions", "Comparison"))
        self.comparison.setOpenLinks(False)
        self.below = QStackedWidget(self)
        self.below.addWidget(self.nothing)
        self.below.addWidget(self.pages)
        self.below.addWidget(self.comparison)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.below)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        self.open_button = QPushButton(translate("Editions", "&Open"), self)
        self.open_button.clicked.connect(self.open_edition)
        self.reprint_button = QPushButton(translate("Editions", "&Reprint…"), self)
        self.reprint_button.clicked.connect(lambda: self.reprint())
        self.compare_button = QPushButton(translate("Editions", "Co&mpare"), self)
        self.compare_button.clicked.connect(self.compare)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.compare_button)
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
                    rows = list_editions(session, slug, current())
            except BriefingError as exc:
                self.message.setText(
                    translate("Editions", "The editions cannot be read: {exc}").format(
                        exc=said(exc)
                    )
                )
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
        self.intro.setText(translate("Editions", SOME) if rows else translate("Editions", NONE_YET))
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
                button.setToolTip(translate("Editions", CHOOSE_ONE))
            elif not one.kept:
                button.setToolTip(translate("Editions", NOT_KEPT).format(number=one.number))
        if one is not None and one.kept:
            self.open_button.setToolTip(
                translate("Editions", "Show the pages of edition {number} as printed").format(
                    number=one.number
                )
            )
            self.reprint_button.setToolTip(
                translate(
                    "Editions", "Write the PDF of edition {number} again, byte for byte, to a file"
                ).format(number=one.number)
            )
        lost = [e for e in chosen if not e.kept]
        self.compare_button.setEnabled(len(chosen) == 2 and not lost)
        if len(chosen) != 2:
            self.compare_button.setToolTip(translate("Editions", CHOOSE_TWO))
        elif lost:
            self.compare_button.setToolTip(
                translate("Editions", NOT_KEPT).format(number=lost[0].number)
            )
        else:
            older, newer = chosen
            self.compare_button.setToolTip(
                translate(
                    "Editions", "Show what changed from edition {number} to edition {number2}"
                ).format(number=older.number, number2=newer.number)
            )

    def done(self, result: int) -> None:
        """Close, rendering no more pages: the page is kept for the next View ▸ Editions…,
        which starts from the list."""
        self._show_nothing()
        super().done(result)

    # ------------------------------------------------------------ open

    def _show_nothing(self) -> None:
        self.pages.stop()
        self.pages.clear()
        self.below.setCurrentWidget(self.nothing)

    def open_edition(self) -> bool:
        """Read the PDF of the edition selected and show its pages; False if there is
        nothing to read (nothing or more than one selected, or an edition that kept
        nothing). :attr:`opened` is emitted when the pages begin to show, or why not is said."""
        chosen = self.selected()
        if len(chosen) != 1 or not chosen[0].kept:
            return False
        edition, slug = chosen[0], self.slug
        self.open_button.setEnabled(False)
        self.message.setText(
            translate("Editions", "Reading edition {number}…").format(number=edition.number)
        )
        self.workspace.in_background(
            lambda session: refused(lambda: pdf_of(session, slug, edition.number)),
            lambda pdf: self._opened(edition, pdf),
        )
        return True

    def _opened(self, edition: Listed, pdf: bytes | str) -> None:
        self._enable()
        try:
            if isinstance(pdf, str):
                raise BriefingError(pdf)
            self.pages.show_pdf(pdf)
        except BriefingError as exc:
            self._show_nothing()
            self.message.clear()
            self.window_.show_error(
                translate("Editions", "Edition not opened"),
                translate("Editions", "Edition {number}: {exc}").format(
                    number=edition.number, exc=said(exc)
                ),
            )
        else:
            self.below.setCurrentWidget(self.pages)
            self.message.setText(
                translate("Editions", "Edition {number}, {audience} audience: showing…").format(
                    number=edition.number, audience=edition.audience_label
                )
            )
            self.shown_edition = edition
        self.opened.emit()

    def _pages_shown(self, count: int) -> None:
        edition = self.shown_edition
        if edition is None:
            return
        self.message.setText(
            translate(
                "Editions", "Edition {number}, {audience} audience, as printed: {count} pages."
            ).format(number=edition.number, audience=edition.audience_label, count=count)
        )

    # ------------------------------------------------------------ reprint

    def reprint(self, target: Path | None = None, copy: int | None = None) -> bool:
        """Write the PDF of the edition selected to ``target``, asked for when not given;
        of an edition printed in numbered copies, its copy ``copy``, asked for likewise.
        False if nothing is to be written (nothing selected, or nothing chosen); else
        :attr:`reprinted` is emitted when it is written or refused (why, in one line)."""
        chosen = self.selected()
        if len(chosen) != 1 or not chosen[0].kept:
            return False
        edition = chosen[0]
        if edition.copies and copy is None:
            copy, chosen_one = QInputDialog.getInt(
                self,
                translate("Editions", "Reprint edition {number}").format(number=edition.number),
                translate("Editions", "Which of its {copies} numbered copies?").format(
                    copies=edition.copies
                ),
                1,
                1,
                edition.copies,
            )
            if not chosen_one:
                return False
        if target is None:
            name = proposed_file_name(self.slug, edition.audience, edition.number)
            if copy is not None:
                name = copy_file(Path(name), copy).name
            folder = EXPORT_FOLDER.read(self.window_.settings)
            path, _ = QFileDialog.getSaveFileName(
                self,
                translate("Editions", "Reprint edition {number}").format(number=edition.number),
                str(folder / name),
                translate("Editions", "PDF (*.pdf)"),
            )
            if not path:
                return False
            target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        store, slug, number = self.workspace.store, self.slug, edition.number
        self.reprint_button.setEnabled(False)
        self.message.setText(
            translate("Editions", "Writing edition {number} to {path}…").format(
                number=number, path=target
            )
        )
        self.workspace.off_thread(
            lambda: refused(lambda: reprint(store, slug, number, target, copy)),
            lambda done: self._reprinted(number, edition.audience_label, done),
        )
        return True

    def _reprinted(self, number: int, audience: str, done: Reprinted | str) -> None:
        """Say what was reprinted, its audience named as the list names it."""
        self._enable()
        if isinstance(done, str):
            self.message.clear()
            self.window_.show_error(
                translate("Editions", "Edition not reprinted"),
                translate("Editions", "Edition {number}: {exc}").format(number=number, exc=done),
            )
            self.reprinted.emit(None)
            return
        self.message.setText(
            translate(
                "Editions",
                "Wrote edition {number} as printed ({pages} pages, {audience} audience) to {path}.",
            ).format(number=done.number, pages=done.pages, audience=audience, path=done.path)
        )
        self.reprinted.emit(done.path)

    # ------------------------------------------------------------ compare

    def compare(self) -> bool:
        """Compare the two editions selected, off the GUI thread (a ministry's dossier
        takes seconds to read back and diff); False if two kept ones are not selected.
        :attr:`comparison_shown` is emitted when the result is on screen."""
        chosen = self.selected()
        if len(chosen) != 2 or not all(e.kept for e in chosen):
            return False
        older, newer = chosen
        slug = self.slug
        self.compare_button.setEnabled(False)
        self.message.setText(
            translate("Editions", COMPARING).format(older=older.number, newer=newer.number)
        )
        self.workspace.in_background(
            lambda session: refused(
                lambda: compare(
                    parse(snapshot_of(session, slug, older.number)),
                    parse(snapshot_of(session, slug, newer.number)),
                )
            ),
            lambda result: self._compared(result, older, newer),
        )
        return True

    def _compared(self, result: Changes | str, older: Listed, newer: Listed) -> None:
        self._enable()
        if isinstance(result, str):
            self.message.clear()
            self.window_.show_error(translate("Editions", "Editions not compared"), result)
        else:
            self.pages.stop()
            self.comparison.setHtml(comparison_html(result, older, newer, self.workspace.marking))
            self.below.setCurrentWidget(self.comparison)
            self.message.setText(
                translate(
                    "Editions",
                    "Edition {number} compared with edition {number2}: "
                    "records that differ: {count}.",
                ).format(number=older.number, number2=newer.number, count=len(result.records))
            )
        self.comparison_shown.emit()
