"""The window on the dossier's own date, and one answer for an office on every page.

The fixture's window is opened long after the sample's as-of date (1 May 2025): the
overview, timeline, people and details must still count from that date, say so, and
switch to today (and back, with undo) when asked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, QUrl
from pytestqt.qtbot import QtBot

from briefing.ui.main_window import MainWindow
from briefing.ui.views.delegations import DelegationsPage
from briefing.ui.views.overview import OverviewPage
from briefing.ui.views.people import PeoplePage
from tests.domain.test_offices import EXPECTED
from tests.ui.conftest import listed, show_timeline

LATER = dt.date(2026, 12, 5)


@pytest.fixture
def later(window: MainWindow) -> MainWindow:
    """The window, opened on a day long after the sample's as-of date."""
    window.workspace.set_today(LATER)
    return window


def _overview(window: MainWindow) -> str:
    page = window.show_page("Overview")
    assert isinstance(page, OverviewPage)
    page.reload()
    return page.browser.toPlainText()


def _titles(qtbot: QtBot, window: MainWindow) -> dict[str, str]:
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return {row.name: row.title for row in listed(page.model)}


def test_the_sample_counts_from_its_as_of_date_and_says_so(qtbot: QtBot, later: MainWindow) -> None:
    text = _overview(later)
    assert "Days counted from the as-of date, 2025-05-01" in text
    assert "D-68" in text  # 8 July, from 1 May 2025; opened today it said D+514
    assert "Nothing scheduled after" not in text
    assert later.act.count_from_as_of.isChecked()
    page = show_timeline(qtbot, later)
    assert page.chart.today == dt.date(2025, 5, 1)
    assert page.chart.marker == "as of"  # not "today": that is 5 December 2026
    deadline = next(r for r in listed(page.model) if "90-day pause" in r.title)
    row = page.model.row_of(deadline.id)
    assert page.model.index(row, 4).data() == "D-68"
    choi = _titles(qtbot, later)["Choi Sang-mok"]
    assert not choi.startswith("former")  # he resigned on 1 May 2025, the day counted from


def test_switching_to_today_is_one_undoable_step(qtbot: QtBot, later: MainWindow) -> None:
    page = later.show_page("Overview")
    assert isinstance(page, OverviewPage)
    page.browser.anchorClicked.emit(QUrl("count-from:today"))  # the overview's own link
    text = _overview(later)
    assert f"Days counted from today, {LATER}" in text
    assert "Nothing scheduled after today." in text
    assert not later.act.count_from_as_of.isChecked()
    chart = show_timeline(qtbot, later).chart
    assert (chart.today, chart.marker) == (LATER, "today")
    choi = _titles(qtbot, later)["Choi Sang-mok"]
    assert choi.startswith("former: Deputy Prime Minister") and choi.endswith("(until 1 May 2025)")

    later.workspace.undo_stack.undo()
    assert "Days counted from the as-of date, 2025-05-01" in _overview(later)
    assert later.act.count_from_as_of.isChecked()
    later.act.count_from_as_of.trigger()  # the View menu's switch does the same
    assert f"Days counted from today, {LATER}" in _overview(later)
    assert later.workspace.undo_stack.count() == 1


def test_list_details_and_delegations_say_the_same_office(qtbot: QtBot, later: MainWindow) -> None:
    """The People list once said Katherine Tai was Trade Representative while the
    delegations said she held no office: now every page gives the one answer."""
    titles = _titles(qtbot, later)
    page = later.show_page("People")
    assert isinstance(page, PeoplePage)
    people = {r.name: r.id for r in listed(page.model)}
    for name, expected in EXPECTED.items():
        assert titles[name] == expected, name
        later.details.show_record(people[name])
        shown = later.details.browser.toPlainText()
        assert f"Office on 1 May 2025\n{expected}\n" in shown, name
    tree = later.show_page("Delegations")
    assert isinstance(tree, DelegationsPage)
    model = tree.model
    members: dict[str, str] = {}

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            name = str(model.index(row, 0, parent).data() or "")
            members[name.partition(". ")[2]] = str(model.index(row, 3, parent).data() or "")
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    for name in ("Katherine Tai", "Jamieson Greer", "Yoo Myung-hee"):
        assert members[name] == EXPECTED[name], name
