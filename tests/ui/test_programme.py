"""The Programme page (issue 19): day by day, each entry with its venue and home times, our
people, the contact on site and where to be next; reached from the View menu."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing.store.exchange.writing import import_model
from briefing.ui.main_window import MainWindow
from briefing.ui.views.programme import ProgrammePage
from briefing.ui.views.programme_model import COLUMNS, ProgrammeModel
from tests.book.test_programme import PEOPLE, trip
from tests.store.test_times import dossier
from tests.ui.conftest import open_from_view_menu


def _rows(model: ProgrammeModel) -> dict[str, list[list[str]]]:
    """Each day's heading and its entries' cells, as the tree shows them."""
    out: dict[str, list[list[str]]] = {}
    for row in range(model.rowCount()):
        day = model.index(row, 0)
        out[str(day.data())] = [
            [str(model.index(n, c, day).data() or "") for c in range(len(COLUMNS))]
            for n in range(model.rowCount(day))
        ]
    return out


def _programme_page(window: MainWindow, qtbot: QtBot) -> ProgrammePage:
    """The trip of the book's tests as a dossier of its own, its Programme opened from the
    View menu."""
    model = dossier(*trip())
    import_model(window.store, model.model_copy(update={"people": [*model.people, *PEOPLE]}))
    window.fill_dossiers()
    window.choose_dossier("times")
    assert window.workspace.dossier_id == window.workspace.dossier_with_slug("times")
    action = next(
        a for a in window.menuBar().actions()[2].menu().actions() if a.text() == "Programme"
    )
    assert isinstance(action, QAction)
    qtbot.waitUntil(lambda: action.shortcut().toString() == "Ctrl+8")  # bound once painted
    open_from_view_menu(window, action)
    page = window.stack.currentWidget()
    assert isinstance(page, ProgrammePage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    return page


def test_the_programme_day_by_day_with_both_clocks(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = _programme_page(window, qtbot)
    qtmodeltester.check(page.model)
    days = _rows(page.model)
    assert list(days) == ["Fri 3 Jul 2026", "Sat 4 Jul 2026", "Sun 5 Jul 2026"]
    flight, hotel = days["Fri 3 Jul 2026"]  # the night's hotel last
    assert flight[0] == "10:00 KST – 09:00 EDT · 10:00–22:00 KST"
    assert flight[6] == "Incheon, KST, UTC+9 → Washington Dulles, EDT, UTC−4"
    assert flight[2] == "Minister Kim"
    assert hotel[3] == "Park Aide" and hotel[4] == "USTR"  # contact; next: the talks
    assert flight[4] == "Willard hotel"
    talks, reception, dinner = days["Sat 4 Jul 2026"]
    assert talks[0] == "10:00–12:00 EDT · 23:00–01:00 KST"
    assert talks[2] == "Minister Kim"  # ours: not the Secretary
    assert reception[0] == "18:30 EDT · 07:30 KST (+1)" and reception[3] == "Park Aide"
    assert dinner[1] == "Secret dinner"  # the window's reader is cleared for it
    (press,) = days["Sun 5 Jul 2026"]
    assert press[0] == "" and press[5] == "Press event"


def test_enter_on_an_entry_opens_its_event(window: MainWindow, qtbot: QtBot) -> None:
    page = _programme_page(window, qtbot)
    talks = page.model.index(0, 0, page.model.index(1, 0))
    page.tree.setCurrentIndex(talks)
    page.tree.setFocus()
    with qtbot.waitSignal(window.workspace.opened) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args == [talks.data(Qt.ItemDataRole.UserRole)]
    assert not page.model.index(0, 0).data(Qt.ItemDataRole.UserRole)  # a day opens nothing
    assert page.model.parent(talks) == page.model.index(1, 0)
    assert page.model.rowCount(QModelIndex()) == 3
