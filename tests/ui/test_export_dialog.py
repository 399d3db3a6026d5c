"""The export dialog: a book written in a worker thread, previewed, printable, cancellable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

import briefing.ui.export_dialog as export_dialog
from briefing.domain import Edition
from briefing.ui.export_dialog import ExportDialog
from briefing.ui.main_window import MainWindow
from briefing.ui.pdf_pages import print_pdf
from tests.book.pdf import pdftotext


def _dialog(window: MainWindow, qtbot: QtBot, target: Path, audience: int) -> ExportDialog:
    dialog = window.files.export_book()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.audience.setCurrentIndex(dialog.audience.findData(audience))
    dialog.path.setText(str(target))
    return dialog


def test_before_it_starts_the_dialog_shows_no_progress_and_no_stray_ampersand(
    window: MainWindow, qtbot: QtBot
) -> None:
    dialog = window.files.export_book()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert not dialog.bar.isVisible()  # it read "0%"
    labels = [label for label in dialog.findChildren(QLabel) if "&" in label.text()]
    assert labels  # &Audience, &Paper, Edition &note, &File: each marks its key
    assert all(label.buddy() is not None for label in labels)  # else "&" shows as itself
    file_label = next(label for label in labels if label.text() == "&File:")
    assert file_label.buddy() is dialog.path


def test_export_runs_in_a_worker_and_previews_the_pages(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "book.pdf"
    dialog = _dialog(window, qtbot, target, audience=1)
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as done:
        dialog.start()
        assert dialog.running() and dialog.bar.isVisible()
    result = done.args[0]
    assert result.path == target and target.exists()
    pages = len(PdfReader(target).pages)
    assert result.pages == pages
    qtbot.waitUntil(lambda: dialog.pages.count() == min(pages, 24))  # a few at a time
    icon = dialog.pages.item(0).icon()
    image: QImage = icon.pixmap(200, 280).toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 3  # a rendered page, not a blank square
    assert dialog.open_button.isEnabled() and dialog.print_button.isEnabled()
    assert dialog.bar.value() == dialog.bar.maximum()


def test_proposed_file_name_holds_only_slug_audience_and_edition(
    window: MainWindow, qtbot: QtBot
) -> None:
    dialog = window.files.export_book()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.audience.setCurrentIndex(dialog.audience.findData(0))  # proposed on opening or now
    name = Path(dialog.path.text()).name
    assert (
        name.startswith("kr-us-trade-2025") and "public" in name.lower() and name.endswith(".pdf")
    )
    dialog.audience.setCurrentIndex(dialog.audience.findData(3))
    assert "restricted" in Path(dialog.path.text()).name.lower()


def test_cancel_keeps_the_previous_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    books = tmp_path / "books"
    books.mkdir()
    target = books / "book.pdf"
    target.write_bytes(b"%PDF-1.4 the last good book")
    dialog = _dialog(window, qtbot, target, audience=1)
    real = export_dialog.export_book

    def cancel_after_first_progress(
        *args: Any, progress: Any, cancelled: Any, **kwargs: Any
    ) -> Any:
        def report(done: int, total: int, what: str) -> None:
            progress(done, total, what)
            assert dialog.worker is not None
            dialog.worker.cancel_requested.set()

        return real(*args, progress=report, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(export_dialog, "export_book", cancel_after_first_progress)
    with qtbot.waitSignal(dialog.run_finished, timeout=60_000):
        dialog.start()
    assert "cancel" in dialog.status.text().lower()
    assert "unchanged" in dialog.status.text()
    assert target.read_bytes() == b"%PDF-1.4 the last good book"
    assert [p.name for p in books.iterdir()] == ["book.pdf"]
    assert dialog.export_button.isEnabled()


def test_printing_sends_every_page(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    dialog = _dialog(window, qtbot, target, audience=0)
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        dialog.start()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    count = print_pdf(target, printer)
    assert count == len(PdfReader(target).pages) == len(PdfReader(printed).pages)


def test_preview_prints_a_draft_that_takes_no_edition(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "book.pdf"
    dialog = _dialog(window, qtbot, target, audience=0)
    proposed = dialog.path.text()
    with qtbot.waitSignal(dialog.previewed, timeout=120_000) as done:
        dialog.preview()
    result = done.args[0]
    assert (result.edition, result.recorded) == (None, False)
    assert "DRAFT" in dialog.status.text().upper()
    pages = pdftotext(result.path, raw=True)
    assert len(pages) == result.pages and all("DRAFT" in page for page in pages)
    qtbot.waitUntil(lambda: dialog.pages.count() == min(result.pages, 24))
    assert not target.exists() and dialog.path.text() == proposed
    with window.store.session() as session:
        assert session.scalar(select(func.count(Edition.id))) == 0
    # An export after the preview is edition 1, and the preview's draft goes with the dialog.
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as done:
        dialog.start()
    assert done.args[0].edition == 1
    dialog.reject()
    assert not result.path.exists()


def test_the_checks_annex_is_ticked_for_the_top_level_only(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """As on the command line: staff (Restricted) get the reviewer's annex; another
    audience gets it only when someone ticks it."""
    dialog = _dialog(window, qtbot, tmp_path / "x.pdf", audience=3)
    assert dialog.sections["checks"].isChecked()
    assert "checks" in (dialog.options().sections or ())
    dialog.audience.setCurrentIndex(dialog.audience.findData(0))
    assert not dialog.sections["checks"].isChecked()
    assert "checks" not in (dialog.options().sections or ())
    dialog.sections["checks"].setChecked(True)
    assert "checks" in (dialog.options().sections or ())


def test_copies_for_named_recipients_are_one_edition_in_numbered_copies(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """The "Copies for" line does what --copies does: one PDF per name, each marked on
    every page; a mistake in the list is the status line, and nothing is written."""
    books = tmp_path / "books"
    books.mkdir()
    target = books / "book.pdf"
    dialog = _dialog(window, qtbot, target, audience=0)
    dialog.copies.setText("Minister;;Envoy")
    dialog.start()
    assert not dialog.running()
    assert "copy 2 of 3 has no recipient" in dialog.status.text()
    assert list(books.iterdir()) == []
    dialog.copies.setText("Minister; Envoy")
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as done:
        dialog.start()
    result = done.args[0]
    assert [p.name for p in result.copies] == ["book-copy-1.pdf", "book-copy-2.pdf"]
    assert not target.exists() and result.path == result.copies[0]
    assert "2 numbered copies" in dialog.status.text()
    for number, name in ((1, "Minister"), (2, "Envoy")):
        pages = pdftotext(result.copies[number - 1])
        assert all(f"Copy {number} of 2 — {name}" in page for page in pages)
    with window.store.session() as session:
        assert session.scalar(select(func.count(Edition.id))) == 1
    # The preview is a draft, which has no copies: it prints without their marks.
    with qtbot.waitSignal(dialog.previewed, timeout=120_000) as previewed:
        dialog.preview()
    assert "Copy 1 of" not in " ".join(pdftotext(previewed.args[0].path))


def test_the_book_language_is_chosen_in_the_dialog_and_remembered(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """Korean is the book's language, not the window's: the dialog stays English and the
    book comes out in Korean; the next export proposes the language chosen last."""
    target = tmp_path / "ko.pdf"
    dialog = _dialog(window, qtbot, target, audience=1)
    assert dialog.language.currentData() == "en"
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == ["en", "ko"]
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    assert dialog.options().language == "ko"
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        dialog.start()
    text = " ".join(pdftotext(target))
    assert "목차" in text and "대외비" in text and "Contents" not in text
    again = _dialog(window, qtbot, tmp_path / "next.pdf", audience=1)
    assert again.language.currentData() == "ko"


def test_the_pocket_cards_choice_prints_a_card_per_meeting(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "cards.pdf"
    dialog = _dialog(window, qtbot, target, audience=3)
    dialog.form.setCurrentIndex(dialog.form.findData(True))
    assert dialog.path.text().endswith("-edition-1-cards.pdf")  # proposed for the cards
    assert not dialog.copies.isEnabled() and not dialog.sections["scene"].isEnabled()
    dialog.path.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as done:
        dialog.start()
    result = done.args[0]
    pages = PdfReader(target).pages
    assert result.edition == 1 and result.pages == len(pages) > 1
    assert {round(float(p.mediabox.width)) for p in pages} == {298}  # A6 from A4
    assert all("Points to make" in page or "When" in page for page in pdftotext(target))
    with window.store.session() as session:
        [options] = session.scalars(select(Edition.options))
    assert '"form": "cards"' in options
