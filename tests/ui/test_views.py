"""Each page shows the sample's records; every item model passes Qt's model tester."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing.domain.enums import EventKind
from briefing.domain.formats import fmt_date
from briefing.domain.registry import BY_NAME, kind_of
from briefing.ui.main_window import MainWindow
from briefing.ui.table_model import ID_ROLE, Column, kind_columns
from briefing.ui.views.base import ListPage
from briefing.ui.views.chips import ChipsPage
from briefing.ui.views.delegations import DelegationsPage
from briefing.ui.views.overview import OverviewPage
from briefing.ui.views.people import PeoplePage
from briefing.ui.views.sources import SourcesPage
from briefing.ui.views.timeline import TimelinePage
from tests.ui.conftest import AS_OF, checks_done, listed, show_timeline


def _column(page: PeoplePage | TimelinePage | ChipsPage | SourcesPage, column: int) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_people_page_lists_everyone_with_native_names(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    names = _column(page, 0)
    assert {"Ahn Duk-geun", "Choi Sang-mok", "Scott Bessent", "Jamieson Greer"} <= set(names)
    row = names.index("Choi Sang-mok")
    assert page.model.index(row, 1).data() == "최상목"
    assert page.model.index(row, 2).data() == "KR"
    assert "Finance" in page.model.index(row, 3).data()
    qtmodeltester.check(page.model)


def test_people_filter_narrows_the_table(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    page.filter.setText("bessent")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 0).data() == "Scott Bessent"
    page.filter.setText("최상")  # no ASCII: matched by the store's Unicode case folding
    qtbot.waitUntil(lambda: page.model.index(0, 0).data() == "Choi Sang-mok")
    assert page.model.rowCount() == 1
    page.filter.setText("BESSENT")
    qtbot.waitUntil(lambda: page.model.index(0, 0).data() == "Scott Bessent")
    assert page.model.rowCount() == 1


def test_sorting_by_a_column_orders_the_whole_list_and_keeps_the_selection(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    names = _column(page, 0)
    assert names == sorted(names)  # natural order: by name
    choi = next(r.id for r in listed(page.model) if r.name == "Choi Sang-mok")
    page.select_record(choi)
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    parties = _column(page, 2)
    assert parties == sorted(parties, reverse=True) and parties[0] == "US"
    assert page.current_id() == choi


def test_timeline_lists_and_draws_the_events(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = show_timeline(qtbot, window)
    titles = " | ".join(_column(page, 1))
    assert "2+2" in titles and "reciprocal" in titles.lower() and "APEC" in titles
    chart = page.chart
    assert len(chart.events) == page.model.rowCount() == 19
    chart.fit()
    assert len(chart.placed) == 19 and all(p.label for p in chart.placed)
    apec = next(p for p in chart.placed if "APEC" in p.label)
    assert apec.is_span and apec.x1 - apec.x0 >= 28 * chart.scale  # known to the month
    deadline = next(p for p in chart.placed if p.kind == EventKind.DEADLINE)
    assert deadline.label.endswith("  D-68")  # 8 July, seen from 1 May 2025
    assert chart.lanes == sorted(kind.label for kind in {p.kind for p in chart.placed})
    page.lanes.setCurrentIndex(page.lanes.findText("Lanes by party"))
    assert chart.lanes == ["Joint", "KR", "No party", "US"]
    assert len(chart.placed) == 19
    qtmodeltester.check(page.model)


def test_timeline_click_selects_and_zoom_changes_scale(window: MainWindow, qtbot: QtBot) -> None:
    page = show_timeline(qtbot, window)
    chart = page.chart
    chart.center_on(next(row.start for row in listed(page.model) if "2+2" in row.title))
    target = next(p for p in chart.placed if "2+2" in p.label)
    rect = chart.rect_of(target)
    point = rect.center().toPoint()
    point.setX(int(rect.left()) + 3 - chart.horizontalScrollBar().value())
    point.setY(point.y() - chart.verticalScrollBar().value())
    with qtbot.waitSignal(chart.event_clicked) as clicked:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == [target.event_id]
    assert window.details.record_id == target.event_id
    before = chart.scale
    chart.zoom_in()
    assert chart.scale > before
    chart.zoom_out()
    chart.zoom_out()
    assert chart.scale < before


def test_timeline_labels_never_overlap_at_any_zoom(window: MainWindow, qtbot: QtBot) -> None:
    page = show_timeline(qtbot, window)
    chart = page.chart
    for by_party in (False, True):
        chart.set_lanes_by_party(by_party)
        for scale in (0.2, 2.0, 6.0, 20.0, 120.0):
            chart.set_scale(scale)
            chart.center_on(dt.date(2025, 5, 1))
            layout = [(p.event_id, p.lane, p.sub_row) for p in chart.placed]
            assert layout and all(p.label for p in chart.placed)
            for one, other in itertools.combinations(chart.placed, 2):
                assert not chart.rect_of(one).intersects(chart.rect_of(other)), (one, other)
            chart.relayout()
            assert [(p.event_id, p.lane, p.sub_row) for p in chart.placed] == layout


def test_the_chart_shows_only_titles_the_audience_may_see(window: MainWindow, qtbot: QtBot) -> None:
    """The by-id read of titles filters too: events read for staff are left out for the public."""
    page = show_timeline(qtbot, window)
    for_staff = page.chart.events
    window.workspace.set_level(0)
    qtbot.waitUntil(page.chart_current)
    public = set(page.chart.events.ids)
    assert public < set(for_staff.ids)
    page.chart.set_events(for_staff, AS_OF)
    page.chart.fit()
    assert {p.event_id for p in page.chart.placed} == public


def test_choosing_an_event_centres_the_chart_on_it(window: MainWindow, qtbot: QtBot) -> None:
    page = show_timeline(qtbot, window)
    chart = page.chart
    korus = next(row for row in listed(page.model) if "KORUS" in row.title)
    chart.center_on(AS_OF)
    left, right = chart.view_range()
    assert not left <= chart.x_of(korus.start) <= right  # 2012, far from the dossier's date
    assert korus.id not in {p.event_id for p in chart.placed}
    assert page.select_record(korus.id)
    left, right = chart.view_range()
    assert left <= chart.x_of(korus.start) <= right
    assert chart.selected_id == korus.id
    assert korus.id in {p.event_id for p in chart.placed if p.x0 <= right and p.right >= left}


def test_chips_page_table_matrix_and_filters(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = window.show_page("Bargaining chips")
    assert isinstance(page, ChipsPage)
    titles = " | ".join(_column(page, 0))
    for expected in ("Shipbuilding", "Alaska LNG", "Defence cost-sharing", "Currency", "Jones Act"):
        assert expected in titles
    assert "disputed" in next(t for t in _column(page, 0) if "Defence" in t)
    assert "$44 bn" in _column(page, 6)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.matrix_model)
    assert "KR" in page.matrix_model.parties and "US" in page.matrix_model.parties

    everything = page.model.rowCount()
    page.sector.setCurrentIndex(page.sector.findData("shipbuilding"))
    qtbot.waitUntil(lambda: page.model.rowCount() < everything)
    shown = listed(page.model)
    assert shown and all("shipbuilding" in row.sectors for row in shown)
    page.sector.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findText("Denied"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert "Defence" in page.model.index(0, 0).data()


def test_sources_page_shows_grades_and_full_text_with_highlights(window: MainWindow) -> None:
    page = window.show_page("Sources")
    assert isinstance(page, SourcesPage)
    assert page.model.rowCount() == 6
    assert set(_column(page, 0)) >= {"B", "C", "D", "E"}
    page.select_record(listed(page.model)[0].id)
    html = window.details.browser.toHtml()
    assert "Full text" in html and "Cited by" in html
    assert "#ffe680" in html  # cited excerpts are highlighted


def test_delegations_page_orders_members_with_titles(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    page = window.show_page("Delegations")
    assert isinstance(page, DelegationsPage)
    qtmodeltester.check(page.model)
    model = page.model
    texts: list[str] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            texts.append(
                "  " * depth
                + " / ".join(str(model.index(row, c, parent).data() or "") for c in range(4))
            )
            walk(index, depth + 1)

    walk(QModelIndex(), 0)
    dump = "\n".join(texts)
    assert "1. Choi Sang-mok / 최상목" in dump
    assert "1. Scott Bessent" in dump
    # The March 15 meeting's officials had left office: what they had been, and until when.
    tai = next(line for line in texts if "Katherine Tai" in line)
    assert tai.endswith(" / former: United States Trade Representative (until 20 Jan 2025)"), tai


def test_overview_shows_scene_setter_deadlines_and_checks(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("Overview")
    assert isinstance(page, OverviewPage)
    checks_done(qtbot, window)
    text = page.browser.toPlainText()
    assert "Scene-setter" in text
    assert "D-68" in text  # 8 July, seen from 1 May 2025
    assert "Open checks" in text and "Katherine Tai" in text


@pytest.mark.sqlite_only("names a file path; a server's status bar is issue 15's item 6")
def test_status_bar_names_the_database_and_counts(window: MainWindow) -> None:
    place = window.store.path or f"Server: localhost/{window.store.url.database} · user "
    assert str(place) in window.status_location.text()
    assert "9 people" in window.status_counts.text() and "19 events" in window.status_counts.text()


def test_person_details_show_an_initials_avatar(window: MainWindow) -> None:
    from briefing.ui.details import avatar, initials

    assert initials("Ahn Duk-geun") == "AD"
    assert initials("Jamieson Greer") == "JG"
    assert initials("최상목") == "최상"
    image = avatar("Ahn Duk-geun", None)
    assert not image.isNull() and image.width() == 128
    window.show_page("People")
    people = window.pages["People"]
    assert isinstance(people, PeoplePage)
    people.select_record(listed(people.model)[0].id)
    assert 'src="avatar:' in window.details.browser.toHtml()


def test_every_column_of_every_list_sorts_both_ways(window: MainWindow, qtbot: QtBot) -> None:
    checks_done(qtbot, window)
    for title in ("People", "Timeline", "Bargaining chips", "Sources", "Checks"):
        page = window.show_page(title)
        assert isinstance(page, ListPage)
        model = page.model
        for column in range(model.columnCount()):
            orders = []
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                page.table.sortByColumn(column, order)
                shown = [model.index(r, column).data() for r in range(model.rowCount())]
                assert len(shown) == model.rowCount() > 1, (title, column)
                assert None not in shown, (title, column)
                orders.append([model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())])
            ascending, descending = orders
            assert descending == ascending[::-1], (title, column)


def test_another_audience_never_sees_the_last_one_s_lanes_or_counts(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Party lanes and density come from the chart's read: until the new audience's read
    is in, the chart shows nothing rather than what the last audience could see."""
    page = show_timeline(qtbot, window)
    page.lanes.setCurrentIndex(1)  # lanes by party
    staff = set(page.chart.lanes)
    window.set_audience(0)
    assert page.chart.lanes == [] and page.chart.placed == []
    qtbot.waitUntil(page.chart_current, timeout=30_000)
    public = set(page.chart.lanes)
    assert public and public < staff  # the public sees fewer sides than staff


def test_the_chips_matrix_shares_its_width_by_what_the_columns_hold(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    window.resize(1280, 720)
    page = window.show_page("Bargaining chips")
    assert isinstance(page, ChipsPage)
    qtmodeltester.check(page.matrix_model)
    matrix, model = page.matrix, page.matrix_model
    header = matrix.horizontalHeader()
    rows, columns = range(model.rowCount()), range(model.columnCount())
    qtbot.waitUntil(
        lambda: sum(matrix.columnWidth(c) for c in columns) == matrix.viewport().width()
    )
    empty = [c for c in columns if not any(model.index(r, c).data() for r in rows)]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in empty] == [
        "Leverage",
        "Red line",
    ]
    for column in empty:  # they once took two fifths of the width
        assert matrix.columnWidth(column) <= header.sectionSizeHint(column)
    assert matrix.wordWrap()  # titles wrap in their cell, never cut short
    for row in rows:
        assert matrix.rowHeight(row) >= matrix.sizeHintForRow(row)
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in rows]
    assert labels == ["KR", "US", "Joint"]


def test_a_one_letter_column_is_no_wider_than_its_heading(window: MainWindow) -> None:
    window.resize(1280, 720)
    for title in ("People", "Timeline", "Bargaining chips", "Sources"):
        page = window.show_page(title)
        assert isinstance(page, ListPage)
        headers = [c.header for c in page.model.columns]
        handling = headers.index("Handling")
        header = page.table.horizontalHeader()
        assert page.table.columnWidth(handling) <= header.sectionSizeHint(handling) + 8, title
        grow = page.model.columns[page.table.grow].header
        assert grow in ("Name", "Event", "Chip", "Title"), title


def test_the_title_column_takes_the_room_the_others_leave(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("Sources")
    assert isinstance(page, SourcesPage)
    table = page.table
    assert table.natural is not None
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: table.viewport().width() > sum(table.natural or []))
    widths = [table.columnWidth(c) for c in range(page.model.columnCount())]
    assert sum(widths) == table.viewport().width()
    assert widths[table.grow] > table.natural[table.grow]
    others = [c for c in range(len(widths)) if c != table.grow]
    assert [widths[c] for c in others] == [table.natural[c] for c in others]


def test_every_timeline_column_is_in_view_on_a_laptop_screen(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """At 1366×768 the long dates once pushed Days left, Place, Party and Handling off the
    right edge; the title and place give way instead, their whole text in a tooltip."""
    page = show_timeline(qtbot, window)
    window.resize(1366, 768)
    table, header = page.table, page.table.horizontalHeader()
    last = header.logicalIndex(header.count() - 1)
    qtbot.waitUntil(
        lambda: (
            header.sectionViewportPosition(last) + header.sectionSize(last)
            <= table.viewport().width()
        )
    )
    assert table.horizontalScrollBar().maximum() == 0
    headers = [c.header for c in page.model.columns]
    for column in range(header.count()):
        assert header.sectionViewportPosition(column) >= 0, headers[column]
    dates = headers.index("Date")
    assert header.sectionSize(dates) >= table.sizeHintForColumn(dates)  # no date is cut
    event = page.model.index(0, headers.index("Event"))
    assert event.data(Qt.ItemDataRole.ToolTipRole) == event.data()
    assert window.grab().save(str(tmp_path / "timeline-1366.png"))


def test_the_timeline_filter_finds_dates_as_the_table_shows_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The filter once looked at no date at all (and "2025-04-22" is shown nowhere); a
    month's event read "May 2025 – 31 May 2025" in the table and "May 2025" elsewhere."""
    page = show_timeline(qtbot, window)
    every = listed(page.model)
    shown = {row.id: page.model.index(n, 0).data() for n, row in enumerate(every)}
    apec = next(row for row in every if "APEC" in row.title)
    assert shown[apec.id] == "May 2025"
    page.select_record(apec.id)
    assert "May 2025 (month precision" in window.details.browser.toPlainText()
    for typed in ("22 Apr 2025", "tue 22 apr", "week of", "May 2025"):
        page.filter.setText(typed)
        page.apply_filter()
        expected = {i for i, text in shown.items() if typed.casefold() in text.casefold()}
        assert expected, typed
        assert {row.id for row in listed(page.model)} >= expected, typed
    page.filter.setText("2025-04-22")
    page.apply_filter()
    assert page.model.rowCount() == 0


def test_days_left_count_to_the_first_day_and_say_nothing_of_what_was_held(
    window: MainWindow, qtbot: QtBot
) -> None:
    """One rule (domain/formats.days_left): days from the reference date to the first day,
    blank for held and cancelled events; a planned deadline gone by counts on, overdue."""
    page = show_timeline(qtbot, window)
    days = dict(zip(_column(page, 1), _column(page, 4), strict=True))
    korus = next(title for title in days if "KORUS" in title)
    assert days[korus] == ""  # held in 2012: no "D+4795"
    pause = next(title for title in days if "90-day pause" in title)
    assert days[pause] == "D-68"  # 8 July, seen from 1 May 2025
    window.workspace.set_today(dt.date(2025, 7, 20))
    window.act.count_from_as_of.trigger()  # count from that today, not the as-of date
    assert not window.act.count_from_as_of.isChecked()
    page.ensure_current()
    qtbot.waitUntil(page.chart_current)
    chart = page.chart
    chart.fit()
    labels = [p.label for p in chart.placed if p.kind == EventKind.DEADLINE]
    assert labels and not any(label.endswith("D-68") for label in labels)  # counts anew

    def days_now() -> dict[str, str]:
        return dict(zip(_column(page, 1), _column(page, 4), strict=True))

    qtbot.waitUntil(lambda: days_now()[pause] != "D-68")
    assert days_now()[pause] == "D+12"  # still planned, 12 days past its first day
    assert days_now()[korus] == ""


def test_an_empty_list_says_why_and_the_same_whatever_is_withheld(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.show_page("Bargaining chips")
    assert isinstance(page, ChipsPage)
    window.set_audience(0)  # Public: every chip of the sample is above it
    assert page.model.rowCount() == 0
    said = page.empty_text()
    assert said == "No bargaining chips for the Public audience."
    window.files.create_dossier("Nothing yet")  # no chip withheld, none at all: the same words
    assert page.model.rowCount() == 0 and page.empty_text() == said
    window.set_audience(window.workspace.levels[-1][0])
    assert page.empty_text() == "No bargaining chips in this dossier."
    people = window.show_page("People")
    assert isinstance(people, PeoplePage)
    people.filter.setText("zzz")
    people.apply_filter()
    assert people.model.rowCount() == 0
    assert people.empty_text() == "Nothing matches the filter."
    delegations = window.show_page("Delegations")
    assert isinstance(delegations, DelegationsPage)
    assert delegations.model.rowCount() == 0
    assert delegations.tree.empty_text() == "No delegations in this dossier."


def test_the_today_label_never_covers_an_event(window: MainWindow, qtbot: QtBot) -> None:
    page = show_timeline(qtbot, window)
    chart = page.chart
    for _ in range(4):  # at a few zooms around today, where the sample's events crowd
        chart.center_on(AS_OF)
        label = chart.today_label()
        assert label is not None
        dx, dy = chart.horizontalScrollBar().value(), chart.verticalScrollBar().value()
        drawn = [chart.rect_of(p).translated(-dx, -dy).toAlignedRect() for p in chart.placed]
        assert drawn and not any(label.intersects(rect) for rect in drawn)
        chart.zoom_in()


def test_sources_show_dates_as_the_book_does_and_sort_by_the_date(window: MainWindow) -> None:
    page = window.show_page("Sources")
    assert isinstance(page, SourcesPage)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    column = headers.index("Date")
    assert "22 Apr 2025" in _column(page, column)
    page.model.sort(column, Qt.SortOrder.AscendingOrder)
    shown = [text for text in _column(page, column) if text]
    days = [dt.datetime.strptime(text, "%d %b %Y").date() for text in shown]
    assert days == sorted(days) and shown != sorted(shown)  # by the date, not its words


def test_a_lists_columns_and_headings_are_the_registrys(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    """Reordering a kind's columns or renaming a field's heading in the registry is all it
    takes to change the list."""
    source = kind_of("source")
    fields = tuple(
        replace(f, column="Published by") if f.name == "publisher" else f for f in source.fields
    )
    order = ("title", "publisher", "reliability", "published_on", "citations", "handling")
    monkeypatch.setitem(BY_NAME, "source", replace(source, fields=fields, columns=order))
    page = SourcesPage(window.workspace)
    qtbot.addWidget(page)
    page.reload()
    qtmodeltester.check(page.model)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Title", "Published by", "Grade", "Date", "Citations", "Handling"]
    assert set(_column(page, 2)) >= {"B", "C"}


def test_a_field_named_in_a_kinds_columns_shows_with_no_cell_from_its_page(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    """A declared field the page has no cell for is a column of its own: shown, sorted and
    found by the filter, while the page's own columns stay as they were."""
    source = kind_of("source")
    monkeypatch.setitem(BY_NAME, "source", replace(source, columns=(*source.columns, "author")))
    page = SourcesPage(window.workspace)
    qtbot.addWidget(page)
    page.reload()
    qtmodeltester.check(page.model)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["Grade", "Title", "Publisher", "Date", "Citations", "Handling", "Author"]
    page.model.sort(6, Qt.SortOrder.DescendingOrder)
    assert _column(page, 6)[:2] == ["luna rosalia", "Liam Carter"]
    page.model.set_text("rosalia")
    assert _column(page, 6) == ["luna rosalia"]


def test_a_declared_cell_reads_as_its_widget() -> None:
    """A date in a column with no cell from its page reads as every other date does."""

    row = SimpleNamespace(declared={"published_on": dt.date(2025, 3, 4), "reliability": None})
    source = kind_of("source")
    cells = {
        n: Column[SimpleNamespace]("" if source.declared(n) else n, str, ())
        for n in source.columns
        if n not in ("published_on", "reliability")
    }
    columns = kind_columns("source", cells)
    texts = {c.header: c.text(row) for c in columns}
    assert texts["Date"] == fmt_date(dt.date(2025, 3, 4)) and texts["Grade"] == ""
    assert [c.sort_by for c in columns if c.header == "Date"] == [("published_on",)]


def test_a_page_shows_exactly_the_columns_the_registry_names() -> None:
    """A page can neither drop nor add a column, nor head a field's column its own way."""
    cells = {name: Column[object]("", str, ()) for name in kind_of("source").columns}
    with pytest.raises(ValueError, match="columns"):
        kind_columns("source", {**cells, "author": Column[object]("", str, ())})
    with pytest.raises(ValueError, match="heading"):
        kind_columns("source", {**cells, "title": Column[object]("Name", str, ())})
