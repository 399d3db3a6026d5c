"""View ▸ Editions… (issue 17): the editions of the dossier on screen, each opened as its
pages, printed again byte for byte, by mouse or keyboard; one printed before editions
kept their PDF has its buttons off saying why, and on a team server a login never sees an
edition above its clearance."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.book import BookOptions, export_book
from briefing.book.changes import Changes, FieldChange, RecordChange
from briefing.domain import Dossier, Edition, Event
from briefing.store import editions
from briefing.store.db.migrate import open_store
from briefing.store.editions import Listed, Reprinted
from briefing.ui import i18n
from briefing.ui.editions import (
    ADDED,
    CHOOSE_ONE,
    CHOOSE_TWO,
    HEADERS,
    NONE_YET,
    NOT_KEPT,
    REMOVED,
    SOME,
    EditionsDialog,
    comparison_html,
)
from briefing.ui.main_window import MainWindow
from tests.conftest import SAMPLE_SLUG
from tests.store.server.conftest import ClearedServer, cleared_server  # noqa: F401
from tests.ui.conftest import AS_OF, open_from_view_menu

PUBLIC = BookOptions(audience=0, today=AS_OF, edition_note="For the press office")
CONFIDENTIAL = BookOptions(audience=2, today=AS_OF, edition_note="Minister's <b>copy</b>")


def printed(window: MainWindow, tmp_path: Path) -> list[Path]:
    """Two editions of the sample, as File ▸ Export briefing book… prints them."""
    paths = [tmp_path / "edition-1.pdf", tmp_path / "edition-2.pdf"]
    for options, path in zip((PUBLIC, CONFIDENTIAL), paths, strict=True):
        export_book(window.store, SAMPLE_SLUG, options, path)
    window.workspace.changed.emit()
    return paths


def editions_page(window: MainWindow) -> EditionsDialog:
    open_from_view_menu(window, window.act.editions)
    page = window.act.editions_dialog
    assert isinstance(page, EditionsDialog) and page.isVisible()
    return page


def choose(page: EditionsDialog, *numbers: int) -> None:
    page.table.clearSelection()
    selection = page.table.selectionModel()
    for row, edition in enumerate(page.model.rows):
        if edition.number in numbers:
            flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            selection.select(page.model.index(row, 0), flags)


def test_the_page_lists_the_editions_and_opens_one_as_its_pages(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    page = editions_page(window)
    assert page.model.rows == [] and page.intro.text() == NONE_YET
    assert not page.open_button.isEnabled() and page.open_button.toolTip() == CHOOSE_ONE
    paths = printed(window, tmp_path)

    qtmodeltester.check(page.model)
    shown = [
        [page.model.index(row, column).data() for column in range(len(HEADERS))]
        for row in range(page.model.rowCount())
    ]
    pages = [len(PdfReader(path).pages) for path in paths]
    assert [row[:1] + row[2:] for row in shown] == [
        ["1", "Public", "For the press office", shown[0][4], str(pages[0]), "yes"],
        ["2", "Confidential", "Minister's <b>copy</b>", shown[0][4], str(pages[1]), "yes"],
    ]
    assert shown[0][4]  # who printed them
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row[1]) for row in shown)
    assert page.intro.text() == SOME
    assert [e.number for e in page.selected()] == [2]  # the latest, selected by itself

    with qtbot.waitSignal(page.pages.shown, timeout=60_000) as done:
        assert page.open_button.isEnabled()
        with qtbot.waitSignal(page.opened, timeout=60_000):
            page.open_button.click()
        assert page.pages.isVisible() and page.pages.rendering()  # filled in a few at a time
    assert done.args == [pages[1]] and page.pages.count() == pages[1]
    assert [page.pages.item(n).text() for n in (0, pages[1] - 1)] == ["1", str(pages[1])]
    image = page.pages.item(0).icon().pixmap(200, 280).toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 3  # a rendered page, not a blank square
    assert page.message.text() == (
        f"Edition 2, Confidential audience, as printed: {pages[1]} pages."
    )
    with qtbot.waitSignal(page.opened, timeout=60_000):
        assert page.open_edition()
    page.reject()  # closed while rendering: it renders no more
    assert not page.pages.rendering() and page.pages.count() == 0


def test_a_reprint_writes_the_editions_very_bytes_after_later_edits(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = printed(window, tmp_path)
    with window.store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == SAMPLE_SLUG)).one()
        dossier.title = "A title given after both editions"
    page = editions_page(window)
    choose(page, 1)
    target = tmp_path / "chosen" / "again"
    target.parent.mkdir()
    asked: list[str] = []

    def save_as(_parent: object, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(proposed).name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    threads: list[threading.Thread] = []

    def reprint(*args: Any) -> Reprinted:
        threads.append(threading.current_thread())
        return editions.reprint(*args)

    monkeypatch.setattr("briefing.ui.editions.reprint", reprint)
    with qtbot.waitSignal(page.reprinted, timeout=60_000) as done:
        page.reprint_button.click()
    written = target.with_suffix(".pdf")
    assert done.args == [written]
    assert threads and threads[0] is not threading.main_thread()  # the window kept painting
    assert asked == [f"{SAMPLE_SLUG}-public-edition-1.pdf"]
    assert written.read_bytes() == paths[0].read_bytes()
    assert page.message.text().startswith("Wrote edition 1 as printed (")
    assert page.message.text().endswith(f"Public audience) to {written}.")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    assert not page.reprint()  # no file chosen: nothing written, nothing said


def test_an_edition_in_numbered_copies_opens_its_first_and_reprints_the_copy_asked_for(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = replace(PUBLIC, copies=("Minister", "Vice-minister"))
    result = export_book(window.store, SAMPLE_SLUG, options, tmp_path / "book.pdf")
    window.workspace.changed.emit()
    page = editions_page(window)
    assert page.model.index(0, len(HEADERS) - 1).data() == "yes, 2 numbered copies"
    with qtbot.waitSignal(page.pages.shown, timeout=60_000) as done:
        page.open_button.click()
    assert done.args == [result.pages]

    asked: list[tuple[str, int]] = []

    def which(
        _parent: object, _title: str, label: str, _value: int, _lowest: int, highest: int
    ) -> tuple[int, bool]:
        asked.append((label, highest))
        return 2, True

    proposed: list[str] = []

    def save_as(_parent: object, _title: str, name: str, _filter: str) -> tuple[str, str]:
        proposed.append(Path(name).name)
        return str(tmp_path / "again.pdf"), ""

    monkeypatch.setattr(QInputDialog, "getInt", which)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(page.reprinted, timeout=60_000):
        page.reprint_button.click()
    assert asked == [("Which of its 2 numbered copies?", 2)]
    assert proposed == [f"{SAMPLE_SLUG}-public-edition-1-copy-2.pdf"]
    assert (tmp_path / "again.pdf").read_bytes() == result.copies[1].read_bytes()

    monkeypatch.setattr(QInputDialog, "getInt", lambda *_a: (1, False))
    assert not page.reprint()  # no copy chosen: nothing written


def test_a_reprint_that_cannot_be_written_says_why_in_one_line(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    printed(window, tmp_path)
    page = editions_page(window)
    with qtbot.waitSignal(page.reprinted, timeout=60_000) as done:
        assert page.reprint(tmp_path / "no such folder" / "book.pdf")
    assert done.args == [None]
    (box,) = window.findChildren(QMessageBox, "errorDialog")
    assert box.windowTitle() == "Edition not reprinted"
    assert box.text().startswith("Edition 2: ") and "\n" not in box.text()
    box.close()


def test_an_edition_that_kept_nothing_has_its_buttons_off_saying_why(
    window: MainWindow, tmp_path: Path
) -> None:
    printed(window, tmp_path)
    with window.store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == SAMPLE_SLUG)).one()
        session.add(Edition(dossier_id=dossier.id, number=3, audience=1))
    page = editions_page(window)
    page.reload()
    assert [e.kept for e in page.model.rows] == [True, True, False]
    choose(page, 3)
    why = NOT_KEPT.format(number=3)
    for button in (page.open_button, page.reprint_button):
        assert not button.isEnabled() and button.toolTip() == why
    assert not page.open_edition() and not page.reprint(tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    choose(page, 1, 2)  # two: neither opens nor reprints
    assert not page.open_button.isEnabled() and page.open_button.toolTip() == CHOOSE_ONE


TWO_PLUS_TWO = "event:2025-04-24-two-plus-two"


def test_a_long_fields_words_removed_show_on_the_left_and_those_added_on_the_right() -> None:
    before = " ".join(f"w{n}" for n in range(40))
    after = before.replace("w20", "<new>")
    field = FieldChange("summary", "Summary", before, after, 1, 2)
    change = RecordChange("event", "e:1", "changed", "Talks", 1, (field,))
    listed = Listed(
        SAMPLE_SLUG, 1, dt.datetime(2025, 5, 1, 9), "Internal", "Internal", "", None, 3, True
    )
    html = comparison_html(Changes((change,)), listed, replace(listed, number=2), "UIC".__getitem__)
    rows = html.split("<tr>")[1].split("</td>")
    left, right = rows[1], rows[2]
    assert left.startswith('<td width="41%"><b>(I)</b> ') and "(C)" in right
    assert "line-through" in left and "w20</span>" in left and "&lt;new&gt;" not in left
    assert "line-through" not in right and "&lt;new&gt;</span>" in right and "w20" not in right
    assert "w8 " in left and "w8 " in right  # the context around the change, on both sides


def test_compare_shows_an_edited_field_before_and_after_side_by_side(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """Two Confidential editions either side of an edit to the 2+2's place: the
    comparison names the event and shows the place as it was and as it is, each on its
    side's colour, and the editions' own text as text, never as markup."""
    export_book(window.store, SAMPLE_SLUG, CONFIDENTIAL, tmp_path / "1.pdf")
    with window.store.session() as session:
        event = session.scalars(select(Event).where(Event.uid == TWO_PLUS_TWO)).one()
        title, was = event.title, event.place
        event.place = "Treasury <Cash Room> & annex"
    export_book(window.store, SAMPLE_SLUG, CONFIDENTIAL, tmp_path / "2.pdf")
    page = editions_page(window)
    choose(page, 2)
    assert not page.compare_button.isEnabled() and page.compare_button.toolTip() == CHOOSE_TWO
    choose(page, 1, 2)
    assert page.compare_button.isEnabled()
    with qtbot.waitSignal(page.comparison_shown, timeout=60_000):
        page.compare_button.click()
    assert page.comparison.isVisible()
    lines = page.comparison.toPlainText().splitlines()
    assert lines[0] == "Edition 1 → edition 2"
    assert lines[1].startswith("Edition 1 (Minister's <b>copy</b>): Confidential audience")
    assert lines[3] == (
        "Records added: 0, removed: 0, changed: 1. Left: edition 1; right: edition 2."
    )
    assert lines[4:8] == [
        f"Changed · Event · (I) {title}",
        "Place",
        f"(I) {was}",
        "(I) Treasury <Cash Room> & annex",
    ]
    html = page.comparison.toHtml()
    assert "&lt;Cash Room&gt; &amp; annex" in html and "<b>copy</b>" not in html  # as text
    assert html.index(REMOVED) < html.index(was) < html.index(ADDED) < html.index("Treasury")
    assert page.message.text() == "Edition 1 compared with edition 2: records that differ: 1."


def test_the_page_is_used_by_keyboard(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    printed(window, tmp_path)
    qtbot.waitUntil(lambda: not window.act.editions.shortcut().isEmpty())
    assert window.act.editions.shortcut() == QKeySequence("Ctrl+Shift+B")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.act.editions_dialog is not None)
    page = window.act.editions_dialog
    assert page is not None
    qtbot.waitUntil(page.table.hasFocus)
    buttons = (page.open_button, page.reprint_button, page.compare_button)
    assert [b.shortcut().toString() for b in buttons] == ["Alt+O", "Alt+R", "Alt+M"]
    qtbot.keyClick(page.table, Qt.Key.Key_Up)  # from the latest to edition 1
    assert [e.number for e in page.selected()] == [1]
    with qtbot.waitSignal(page.pages.shown, timeout=60_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the edition selected
    assert page.pages.count() == len(PdfReader(tmp_path / "edition-1.pdf").pages)


def test_a_login_sees_no_edition_above_its_clearance(
    qtbot: QtBot,
    cleared_server: ClearedServer,  # noqa: F811
    settings: QSettings,
) -> None:
    """The server holds editions 1 to 4 of the sample, one for each level: an Internal
    login lists 1 and 2 only, and its store gives it nothing of 3 and 4 to open."""
    url = cleared_server.url_as(cleared_server.logins[1])
    store = open_store(url, seed_sample=False, create=False)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.choose_dossier(SAMPLE_SLUG)
    page = editions_page(window)
    assert [(e.number, e.audience) for e in page.model.rows] == [(1, "Public"), (2, "Internal")]
    # The fixture's editions keep a stand-in for a PDF: opening one says so in one line.
    with qtbot.waitSignal(page.opened, timeout=60_000):
        assert page.open_edition()
    (box,) = window.findChildren(QMessageBox, "errorDialog")
    assert box.text().startswith("Edition 2: the PDF cannot be read") and "\n" not in box.text()
    box.close()
    QApplication.processEvents()


def test_a_refused_reprint_says_why_in_korean_in_a_korean_window(
    window: MainWindow, qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """The store's refusal is translated from its message id, not shown as English."""
    printed(window, tmp_path)
    page = editions_page(window)
    i18n.install(qapp, "ko")
    try:
        with qtbot.waitSignal(page.reprinted, timeout=60_000):
            assert page.reprint(tmp_path / "no such folder" / "book.pdf")
    finally:
        i18n.install(qapp, "en")
    (box,) = window.findChildren(QMessageBox, "errorDialog")
    text = box.text()
    box.close()
    assert text.startswith("제2판: ") and "\n" not in text
    assert "폴더" in text and "no such folder" in text  # the path as it is, the words Korean
    assert "cannot write" not in text and "does not exist" not in text
