"""The event form judges times as instants (a flight, a skipped or twice-shown time), and
the details pane shows them on the venue's clock and the home clock."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import Event
from briefing.domain.enums import EventStatus
from briefing.domain.formats import days_left
from briefing.store.db.database import Store
from briefing.store.details import read_details
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.writing import import_model
from briefing.ui import i18n
from briefing.ui.forms import FormDialog, fields_for
from briefing.ui.home_zone import set_home_zone
from briefing.ui.main_window import MainWindow
from briefing.ui.record_html import record_html
from tests.store.test_times import SEOUL_TO_WASHINGTON, dossier, meeting
from tests.ui.conftest import listed, show_timeline


def _flight_form(window: MainWindow, qtbot: QtBot) -> FormDialog:
    """A new event's form filled as a Seoul–Washington flight leaving at 10:00 on 3 July."""
    with window.store.session() as session:
        fields = fields_for(session, Event, window.workspace.dossier_id, [("Internal", 1)])
    form = FormDialog("New event", fields, {}, window)
    qtbot.addWidget(form)
    for name, value in {
        "title": "Flight KE093",
        "start_date": dt.date(2026, 7, 3),
        "start_time": dt.time(10),
        "place": "Incheon",
        "timezone": "Asia/Seoul",
        "arrival_place": "Washington Dulles",
        "arrival_timezone": "America/New_York",
    }.items():
        form.inputs[name].set_value(value)
    return form


def test_a_flight_landing_earlier_by_the_clock_is_saved(window: MainWindow, qtbot: QtBot) -> None:
    form = _flight_form(window, qtbot)
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    form.inputs["end_time"].set_value(dt.time(9))  # 09:00 EDT is 13 hours after 10:00 KST
    assert ok.isEnabled()
    assert form.values()["arrival_timezone"] == "America/New_York"
    # Landing in Tokyo at 09:00 would be before leaving Seoul at 10:00: refused.
    form.inputs["arrival_timezone"].set_value("Asia/Tokyo")
    assert form.inputs["end_time"].error.text() == (
        "it ends at 2026-07-03 09:00 JST (00:00 UTC), before it starts at "
        "2026-07-03 10:00 KST (01:00 UTC)"
    )
    assert not ok.isEnabled()


def test_a_korean_window_says_what_is_wrong_with_the_times_in_korean(
    window: MainWindow, qtbot: QtBot, qapp: QApplication
) -> None:
    """The rules the form, the importer and the store share word their refusals once, for
    the catalogue; the form says them in the window's language."""
    form = _flight_form(window, qtbot)
    i18n.install(qapp, "ko")
    form.inputs["arrival_timezone"].set_value("Asia/Tokyo")
    form.inputs["end_time"].set_value(dt.time(9))
    said = form.inputs["end_time"].error.text()
    assert said.startswith("끝나는 시각 2026-07-03 09:00 JST (00:00 UTC)이(가) 시작 시각"), said
    form.inputs["timezone"].set_value("America/New_York")
    form.inputs["start_date"].set_value(dt.date(2026, 3, 8))
    form.inputs["start_time"].set_value(dt.time(2, 30))
    said = form.inputs["start_time"].error.text()
    assert "2026-03-08 02:30은(는) America/New_York에 없는 시각입니다" in said, said


def test_a_time_the_clocks_skip_or_show_twice_is_refused(window: MainWindow, qtbot: QtBot) -> None:
    form = _flight_form(window, qtbot)
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    form.inputs["timezone"].set_value("America/New_York")
    form.inputs["start_date"].set_value(dt.date(2026, 3, 8))
    form.inputs["start_time"].set_value(dt.time(2, 30))
    assert "does not exist in America/New_York" in form.inputs["start_time"].error.text()
    assert not ok.isEnabled()
    form.inputs["start_time"].set_value(dt.time(3, 30))
    assert ok.isEnabled()


def test_a_time_the_clocks_show_twice_asks_which(window: MainWindow, qtbot: QtBot) -> None:
    """1 November 2026, New York: 01:30 happens at 01:30 EDT and again at 01:30 EST."""
    form = _flight_form(window, qtbot)
    form.show()
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    which = form.inputs["start_fold"]
    form.inputs["arrival_timezone"].set_value("")
    form.inputs["timezone"].set_value("America/New_York")
    assert not which.widget.isVisible()  # 10:00 on 3 July happens once
    form.inputs["start_date"].set_value(dt.date(2026, 11, 1))
    form.inputs["start_time"].set_value(dt.time(1, 30))
    assert which.widget.isVisible()
    combo = which.widget
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "01:30 EDT (UTC−4)",
        "01:30 EST (UTC−5)",
    ]
    assert which.value() is None  # never guessed
    assert which.error.text() == "The clocks show this time twice: choose which one"
    assert not ok.isEnabled()
    combo.setCurrentIndex(combo.findData(1))
    assert ok.isEnabled()
    assert form.values()["start_fold"] == 1
    form.inputs["start_time"].set_value(dt.time(9))  # once again: the choice goes
    assert not which.widget.isVisible()
    assert form.values()["start_fold"] is None


def test_the_instant_chosen_is_saved_and_shown_again(window: MainWindow, qtbot: QtBot) -> None:
    form = _flight_form(window, qtbot)
    for name, value in {
        "start_date": dt.date(2026, 11, 1),
        "start_time": dt.time(1, 30),
        "end_time": dt.time(1, 45),
        "timezone": "America/New_York",
        "arrival_timezone": "",
    }.items():
        form.inputs[name].set_value(value)
    for fold in ("start_fold", "end_fold"):
        combo = form.inputs[fold].widget
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(1))
    assert form.validate()
    editor = window.editor
    record_id = editor.apply_new("event", form.values())
    with window.store.session() as session:
        saved = session.get_one(Event, record_id)
        assert (saved.start_fold, saved.end_fold) == (1, 1)
    again, _model = editor.form_for_record(record_id)
    qtbot.addWidget(again)
    assert (again.inputs["start_fold"].value(), again.inputs["end_fold"].value()) == (1, 1)
    assert again.validate()


def test_the_details_show_both_clocks_and_the_venues_zone(empty_store: Store) -> None:
    talks = meeting("event:talks", "Talks at USTR", dt.time(22), dt.time(23, 30))
    import_model(empty_store, dossier(talks, SEOUL_TO_WASHINGTON))
    with empty_store.session() as session:
        found = {
            e.uid: e.id for e in session.scalars(select(Event).where(Event.uid.like("event:%")))
        }
        html = record_html(read_details(session, found["event:talks"], 3), dt.date(2026, 6, 30))
        flight = record_html(read_details(session, found["event:flight"], 3), dt.date(2026, 6, 30))
    # Days left count on the home calendar: 22:00 in Washington is 2 July in Seoul.
    assert "Wed 1 Jul 2026, 22:00–23:30 EDT · 11:00–12:30 KST (+1)" in html
    assert "D-2" in html
    assert "Washington, EDT, UTC−4" in html
    assert "America/New_York" not in html
    assert "10:00 KST – 09:00 EDT · 10:00–22:00 KST" in flight
    assert "Incheon, KST, UTC+9 → Washington Dulles, EDT, UTC−4" in flight


def test_the_timeline_list_counts_days_at_home_and_names_the_venues_clock(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    """22:00 on 1 July in Washington is 11:00 on 2 July in Seoul: a day further off at
    home than by the venue's calendar, until home is Washington's zone too."""
    talks = meeting("event:talks", "Talks at USTR", dt.time(22), dt.time(23, 30))
    morning = meeting("event:morning", "Breakfast at USTR", dt.time(8), None)
    import_model(window.store, dossier(talks, morning, SEOUL_TO_WASHINGTON))
    with window.store.session() as session:
        window.workspace.show_dossier(find_dossier(session, "times").id)
    page = show_timeline(qtbot, window)
    qtmodeltester.check(page.model)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    days, place = headers.index("Days left"), headers.index("Place")

    def cell(title: str, column: int) -> str:
        row = next(r for r in listed(page.model) if r.title == title)
        return str(page.model.index(page.model.row_of(row.id), column).data())

    reference = window.workspace.reference_date()
    home, venue = dt.date(2026, 7, 2), dt.date(2026, 7, 1)
    assert cell("Talks at USTR", days) == days_left(home, reference, EventStatus.PLANNED)
    assert cell("Breakfast at USTR", days) == days_left(venue, reference, EventStatus.PLANNED)
    assert cell("Talks at USTR", place) == "Washington, EDT, UTC−4"
    assert cell("Flight KE093 to Washington", place) == (
        "Incheon, KST, UTC+9 → Washington Dulles, EDT, UTC−4"
    )
    page.model.sort(days, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(page.model)
    titles = [r.title for r in listed(page.model)]
    assert titles.index("Breakfast at USTR") < titles.index("Talks at USTR")
    page.model.sort(place, Qt.SortOrder.DescendingOrder)
    assert listed(page.model)[0].place == "Washington"
    with qtbot.waitSignal(window.workspace.changed):
        set_home_zone(window.workspace, "America/New_York")
    assert cell("Talks at USTR", days) == days_left(venue, reference, EventStatus.PLANNED)
