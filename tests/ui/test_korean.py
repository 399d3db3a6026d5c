"""The Korean interface: on a dossier whose data is all Hangul, every page, menu and
dialog reachable without changing anything shows no English but what the allow-list
names, and each fits a 1366×768 screen without cutting off its texts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QSettings,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from briefing.domain.registry import KINDS
from briefing.store.db.database import Store
from briefing.store.dossiers import delete_dossier
from briefing.store.transaction import transaction
from briefing.ui import i18n
from briefing.ui.actions import choose_language
from briefing.ui.app import welcome
from briefing.ui.connect import ConnectDialog
from briefing.ui.fonts import register_fonts
from briefing.ui.home_zone import ZoneDialog
from briefing.ui.lock import LockPanel
from briefing.ui.main_window import PAGE_TITLES, MainWindow
from briefing.ui.security import NewPassphraseDialog
from tests.ui.conftest import AS_OF, checks_done, show_timeline
from tests.ui.hangul import hangul, import_hangul_sample

SCREEN = QSize(1366, 768)
ALLOWED = {
    line.strip()
    for line in (Path(__file__).parent / "english_allowlist.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
SHOTS = Path(__file__).parent.parent.parent / "resources" / "screenshots"


CODES = re.compile(r"[A-F][1-6]?")
"""A source's grade and a citation's credibility (B2), as the Admiralty system writes them."""
IDENTIFIERS = {"zoneNames"}
"""Lists of identifiers the person picks from, in no language: the time-zone database's
names (Asia/Seoul), which are what the store and other programs read."""
PATH = re.compile(r"[a-z][a-z+]*://[^\n]*|(?<![\w<])/[^\s·]+")


def plain(text: str) -> str:
    """What a person reads in ``text``: no markup, entities, accelerator marks, file
    paths or database addresses (those are the person's, not the interface's)."""
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&[a-z]+;", " ", text)
    text = PATH.sub(" ", text)
    return re.sub(r"\(&?[A-Za-z]\)|&", "", text)


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text ``root`` and its visible children show a person."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if widget.isWindow() and widget is not root:
            continue  # a dialog of its own, looked at when it is open
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        yield where, widget.windowTitle() if widget.isWindow() else ""
        yield where + " tooltip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        if isinstance(widget, QGroupBox):
            yield where, widget.title()
        if isinstance(widget, QLineEdit):
            yield where + " placeholder", widget.placeholderText()
        if isinstance(widget, QTextBrowser):
            yield where, widget.toPlainText()
        if isinstance(widget, QComboBox) and widget.objectName() not in IDENTIFIERS:
            yield from ((where, widget.itemText(n)) for n in range(widget.count()))
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            model, across = widget.model(), widget.orientation()
            for section in range(widget.count()):
                yield where, str(model.headerData(section, across) or "")
        if isinstance(widget, QAbstractItemView) and hasattr(widget, "empty_text"):
            yield where + " empty", widget.empty_text()  # what an empty list says
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from ((where + " cell", text) for text in cell_texts(widget.model()))


def cell_texts(
    model: QAbstractItemModel, parent: QModelIndex | None = None, depth: int = 3
) -> Iterator[str]:
    """What the first rows of a list or tree show (dates, levels, titles, offices), and
    their children down to ``depth`` levels (a delegation's teams and members): the rows a
    person sees first."""
    parent = parent or QModelIndex()
    flat = isinstance(model, QAbstractListModel)  # whose columnCount PySide keeps private
    for row in range(min(model.rowCount(parent), 20)):
        for column in range(1 if flat else model.columnCount(parent)):
            index = model.index(row, column, parent)
            yield str(model.data(index) or "")
            yield str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")
        if depth > 1 and not flat:
            yield from cell_texts(model, model.index(row, 0, parent), depth - 1)


def menu_texts(menu: QMenu, where: str = "") -> Iterator[tuple[str, str]]:
    """Every action's text and tip in ``menu`` and its submenus, each menu opened."""
    menu.aboutToShow.emit()  # menus filled as they open
    for action in menu.actions():
        here = f"{where} ▸ {plain(action.text())}"
        yield here, action.text()
        if action.toolTip() != action.text().replace("&", ""):
            yield here + " tip", action.toolTip()
        yield here + " status tip", action.statusTip()
        if action.menu() is not None:
            yield from menu_texts(submenu(action), here)


def submenu(action: QAction) -> QMenu:
    menu = action.menu()
    assert isinstance(menu, QMenu)
    return menu


def english(found: Iterator[tuple[str, str]], store_said: set[str]) -> dict[str, set[str]]:
    """The Latin-letter words not on the allow-list, with where each was seen; the
    sentences in ``store_said`` are left out first."""
    said: dict[str, set[str]] = {}
    for where, text in found:
        for sentence in store_said:
            text = text.replace(sentence, " ")
        for word in WORD.findall(plain(text)):
            if word not in ALLOWED and not CODES.fullmatch(word):
                said.setdefault(word, set()).add(where)
    return said


def assert_fits(widget: QWidget) -> None:
    """``widget`` fits 1366×768, and laid out at its size no button or label is cut:
    each is at least as wide as it asks to be (wrapped labels excepted)."""
    hint = widget.minimumSizeHint()
    assert hint.width() <= SCREEN.width() and hint.height() <= SCREEN.height(), (
        f"{type(widget).__name__} needs {hint.width()}×{hint.height()}"
    )
    for child in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel):
        if not child.isVisibleTo(widget) or (isinstance(child, QLabel) and child.wordWrap()):
            continue
        if child.parent() is not None and isinstance(child.parent(), QAbstractItemView):
            continue
        needed = child.minimumSizeHint().width()
        assert child.width() >= needed, (
            f"{type(widget).__name__}: {plain(getattr(child, 'text', lambda: '')())!r} "
            f"is {child.width()} px wide and needs {needed}"
        )


@pytest.fixture
def korean(qapp: QApplication) -> Iterator[None]:
    i18n.install(qapp, "ko")
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def hangul_window(
    qtbot: QtBot,
    qapp: QApplication,
    korean: None,
    store: Store,
    settings: QSettings,
    tmp_path: Path,
) -> MainWindow:
    register_fonts(qapp)
    import_hangul_sample(store, tmp_path)
    with transaction(store) as session:  # the English sample would be in the dossier list
        delete_dossier(session, "kr-us-trade-2025")
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.choose_dossier("hangul")
    main.workspace.set_today(AS_OF)
    main.resize(SCREEN)
    main.show()
    qtbot.waitExposed(main)
    return main


def modal_texts(qtbot: QtBot, open_it: Callable[[], object]) -> list[tuple[str, str]]:
    """The texts of the modal dialog ``open_it`` shows, which is then closed."""
    seen: list[tuple[str, str]] = []

    def read_and_close() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, read_and_close)
            return
        seen.extend(widget_texts(modal))
        assert_fits(modal)
        modal.close()

    QTimer.singleShot(0, read_and_close)
    open_it()
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def test_the_korean_interface_shows_no_english_and_fits_the_screen(
    qtbot: QtBot, hangul_window: MainWindow, settings: QSettings, tmp_path: Path
) -> None:
    window = hangul_window
    found: list[tuple[str, str]] = []
    assert window.workspace.title().strip() and not WORD.search(window.workspace.title())
    checks_done(qtbot, window)
    for title in PAGE_TITLES:
        if title == "Timeline":
            chart = show_timeline(qtbot, window).chart  # what it paints, besides its widgets
            found.extend(("timeline lane", name) for name in chart.lane_titles())
            found.append(("timeline marker", chart.marker))
            width = chart.viewport().width()
            found.extend(("timeline axis", label) for _day, label in chart.axis_labels(0, width))
        else:
            window.show_page(title)
        table = getattr(window.pages[title], "table", None)
        if table is not None and table.model().rowCount():
            table.selectRow(0)  # the details pane shows the record
            qtbot.waitUntil(lambda: window.details.record_id is not None)
        found.extend(widget_texts(window))
        assert_fits(window)
    assert window.search.run_query(hangul("Korea"), popup=False)  # what search lists
    found.extend(("search result", text) for text, _record in window.search.results())
    for action in window.menuBar().actions():
        found.extend(menu_texts(submenu(action), plain(action.text())))
    assert_fits(window)

    dialogs: list[QDialog] = [
        window.files.export_book(),
        ConnectDialog(window),
        NewPassphraseDialog(window, "", ""),
        ZoneDialog(window.workspace.home_zone(), window),
    ]
    editions = window.act.show_editions()
    assert editions is not None
    dialogs.append(editions)
    for kind in KINDS:
        dialogs.append(window.editor.form_for_new(kind.name))
    record = window.details.record_id
    assert record is not None
    dialogs.append(window.editor.citation_form(record))
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        found.extend(widget_texts(dialog))
        assert_fits(dialog)
        dialog.close()
    lock = LockPanel(window)
    lock.resize(SCREEN)
    found.extend(widget_texts(lock))
    found.extend(modal_texts(qtbot, window.about))
    found.extend(modal_texts(qtbot, window.locker.choose_minutes))
    found.extend(modal_texts(qtbot, lambda: welcome(settings)))
    found.extend(modal_texts(qtbot, lambda: choose_language(window, "en")))

    identity = window.workspace.identity  # a server's name and the user's are theirs
    store_said = {name for name in (identity.server, identity.user) if name}
    said = english(iter(found), store_said)
    assert not said, "\n".join(
        f"{word}: {sorted(where)[:3]}" for word, where in sorted(said.items())
    )


def test_english_stays_the_default_in_tests(window: MainWindow) -> None:
    """The fixtures pin English, whatever the machine's locale."""
    assert i18n.current() == "en"
    assert window.nav.item(0).text() == "Overview"
