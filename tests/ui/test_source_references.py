"""A reference to a source in text is a link in the window that opens the source.

Driven on the sample: the reported 15 March meeting's summary and the scene-setter name
their source as ``[[src:000]]``; following the link shown there selects the source on
the Sources page and shows it in the details. Below the source's level, the same text
shows nothing where the reference was.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import Record, Source
from briefing.ui.main_window import MainWindow
from briefing.ui.views.overview import OverviewPage

PUBLIC, INTERNAL = 0, 1


def _uid(window: MainWindow, uid: str) -> int:
    with window.store.session() as session:
        return session.scalars(select(Record.id).where(Record.uid == uid)).one()


def _links(document: QTextDocument) -> dict[str, str]:
    """Each link's text in a rich-text document, by where it goes."""
    found: dict[str, str] = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                found[href] = found.get(href, "") + fragment.text()
            it += 1
        block = block.next()
    return found


def _follow(qtbot: QtBot, window: MainWindow, browser: QTextBrowser, source_id: int) -> None:
    """Click the link to ``source_id`` shown in ``browser``; wait for the source to open."""
    href = f"record:{source_id}"
    assert href in _links(browser.document())
    browser.anchorClicked.emit(QUrl(href))
    qtbot.waitUntil(lambda: window.details.record_id == source_id)
    assert window.current_page() == "Sources"
    assert window.pages["Sources"].current_id() == source_id  # type: ignore[attr-defined]


def test_a_reference_in_the_details_opens_its_source(qtbot: QtBot, window: MainWindow) -> None:
    meeting = _uid(window, "event:2025-03-15-washington-trade-meeting")
    source = _uid(window, "src:000")
    window.jump(meeting)
    links = _links(window.details.browser.document())
    # The link carries the source's portion marking, as the book's sources list does.
    assert links[f"record:{source}"].startswith("[(I) South Korea and US trade officials meet")
    text = window.details.browser.toPlainText()
    assert "[[" not in text and "src:000" not in text
    _follow(qtbot, window, window.details.browser, source)
    assert "Refer to it in text as\n[[src:000]]" in window.details.browser.toPlainText()


def test_a_reference_in_the_scene_setter_opens_its_source(qtbot: QtBot, window: MainWindow) -> None:
    page = window.show_page("Overview")
    assert isinstance(page, OverviewPage)
    page.reload()
    source = _uid(window, "src:000")
    assert "no other source reports [(I) South Korea" in page.browser.toPlainText()
    _follow(qtbot, window, page.browser, source)


def test_below_the_source_s_level_a_reference_shows_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    korus = _uid(window, "event:2012-03-15-korus-fta")
    with window.store.session() as session:
        levels = set(session.scalars(select(Source.handling)))
    assert levels == {INTERNAL}
    window.set_audience(PUBLIC)
    qtbot.waitUntil(lambda: window.workspace.level == PUBLIC)
    window.jump(korus)
    text = window.details.browser.toPlainText()
    assert "The day comes from the public record; an unreliable post gives only the year" in text
    assert "and that is right." in text
    assert not [href for href in _links(window.details.browser.document()) if "record:" in href]
    for hint in ("[[", "src:", "Public record of office-holders", "trade officials meet"):
        assert hint not in text
    window.set_audience(INTERNAL)
    qtbot.waitUntil(lambda: window.workspace.level == INTERNAL)
    window.jump(korus)
    links = _links(window.details.browser.document())
    for uid, title in (("src:public-record", "Public record"), ("src:000", "South Korea and US")):
        assert links[f"record:{_uid(window, uid)}"].startswith(f"[(I) {title}")
    text = window.details.browser.toPlainText()
    assert "from the public record [(I) Public record of office-holders]; an unreliable" in text
