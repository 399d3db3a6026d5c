"""A dossier of 10,000 events: the list opens and scrolls without a widget per row, and
the chart lays out, and reads the titles of, only the events near its view."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import Event
from briefing.domain.timeline import LABEL_REACH, LONG_SPAN, MAX_SUB_ROWS, Placed
from briefing.store.db.migrate import open_store
from briefing.store.lists.events import EventRow
from briefing.store.lists.listing import Request
from briefing.ui.main_window import MainWindow
from briefing.ui.table_model import PagedModel, RowSource
from briefing.ui.views.timeline_chart import TimelineChart
from tests.builders import document, load
from tests.ui.conftest import show_timeline

EVENTS = 10_000
START = dt.date(2020, 1, 1)


class CountingSource:
    """A row source that counts the rows the model reads through it."""

    def __init__(self, inner: RowSource[EventRow]) -> None:
        self.inner = inner
        self.rows = 0

    def count(self, request: Request) -> int:
        return self.inner.count(request)

    def read(self, request: Request, offset: int, limit: int) -> Sequence[EventRow]:
        rows = self.inner.read(request, offset, limit)
        self.rows += len(rows)
        return rows

    def position(self, request: Request, record_id: int) -> int:
        return self.inner.position(request, record_id)


@pytest.fixture
def big(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on 10,000 events, eight a day from 2020: "Working session n" on day n // 8."""
    events = [
        {
            "id": f"e:{n}",
            "title": f"Working session {n}",
            "kind": "meeting" if n % 7 else "deadline",
            "start_date": (START + dt.timedelta(days=n // 8)).isoformat(),
            "status": "held",
        }
        for n in range(EVENTS)
    ]
    store = open_store(tmp_path / "big.sqlite3", seed_sample=False)
    load(store, document("big", events=events))
    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.workspace.shutdown()
    store.close()


def _day_of(label: str) -> dt.date:
    """The day of the generated event a chart label names."""
    return START + dt.timedelta(days=int(label.split()[2]) // 8)


def _near_the_window(chart: TimelineChart, ids: list[int]) -> bool:
    """Whether the events start in the laid-out window or close enough to reach into it."""
    window = chart.laid_out
    assert window is not None
    earliest = chart.day_at(window[0] - LABEL_REACH) - dt.timedelta(days=LONG_SPAN)
    first_of = dict(zip(chart.events.ids, chart.events.first, strict=True))
    days = [dt.date.fromordinal(first_of[i]) for i in ids]
    return all(earliest <= day <= chart.day_at(window[1]) for day in days)


def test_ten_thousand_events_open_and_scroll(qtbot: QtBot, big: MainWindow) -> None:
    page = show_timeline(qtbot, big)
    assert page.model.rowCount() == EVENTS

    source = page.model.source
    assert source is not None
    counting = CountingSource(source)
    page.model.set_source(counting)
    widgets_before = len(page.table.findChildren(QWidget))
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.table.indexAt(page.table.rect().center()).row() > EVENTS // 2)
    page.table.scrollToTop()
    page.table.selectRow(EVENTS // 2)
    assert len(page.table.findChildren(QWidget)) == widgets_before < 50
    assert page.model.index(EVENTS - 1, 1).data() == "Working session 9999"
    assert 0 < counting.rows <= 8 * PagedModel.BLOCK  # the screens shown, not every row

    chart = page.chart
    chart.fit()
    # Every event in view: too many to draw one by one, so each is counted in its column.
    assert not chart.placed
    assert sum(sum(counts) for counts in chart.density) == EVENTS
    counted = chart.density
    chart.viewport().repaint()
    assert chart.density is counted  # counted on zooming, not on painting
    chart.set_scale(20.0)
    chart.center_on(START + dt.timedelta(days=600))
    left, right = chart.view_range()
    drawn = chart.visible(left, right)
    assert not chart.density
    assert 0 < len(drawn) < EVENTS / 10
    assert all(p.x0 <= right and p.right >= left for p in drawn)
    painted = chart.paint_count
    image = chart.viewport().grab()
    assert chart.paint_count == painted + 1
    assert not image.isNull()


def test_the_chart_reads_titles_only_near_the_view(qtbot: QtBot, big: MainWindow) -> None:
    page = show_timeline(qtbot, big)
    chart = page.chart
    asked: list[list[int]] = []
    read = chart.titles

    def recording(ids: Sequence[int]) -> dict[int, str]:
        asked.append(list(ids))
        return read(ids)

    chart.titles = recording
    chart.set_scale(20.0)
    asked.clear()
    chart.center_on(START + dt.timedelta(days=600))
    assert len(asked) == 1
    assert _near_the_window(chart, asked[0])
    assert len(asked[0]) < EVENTS / 4
    assert {p.event_id for p in chart.placed} <= set(asked[0])  # no title from elsewhere
    layout = [(p.event_id, p.lane, p.sub_row) for p in chart.placed]

    chart.viewport().repaint()
    chart.horizontalScrollBar().setValue(chart.horizontalScrollBar().value() + 100)
    chart.viewport().repaint()
    assert len(asked) == 1  # painting and panning inside the window read nothing

    chart.center_on(START + dt.timedelta(days=1100))
    assert len(asked) == 2
    assert _near_the_window(chart, asked[1])
    assert not set(asked[0]) & set(asked[1])
    assert {p.event_id for p in chart.placed} <= set(asked[1])
    left, right = chart.view_range()
    drawn = [p for p in chart.placed if p.label and p.x0 <= right and p.right >= left]
    assert drawn
    for placed in drawn:
        assert chart.day_at(left - LABEL_REACH) <= _day_of(placed.label) <= chart.day_at(right)

    chart.center_on(START + dt.timedelta(days=600))
    assert [(p.event_id, p.lane, p.sub_row) for p in chart.placed] == layout  # same view, same


def test_a_crowded_window_stacks_labels_without_overlap(qtbot: QtBot, big: MainWindow) -> None:
    page = show_timeline(qtbot, big)
    chart = page.chart
    chart.set_scale(20.0)  # eight events a day, 20 pixels a day: more than the rows hold
    chart.center_on(START + dt.timedelta(days=300))
    assert MAX_SUB_ROWS in chart.lane_rows
    labelled = [p for p in chart.placed if p.label]
    assert len(labelled) < len(chart.placed)  # the rest keep their marker, not a label
    rows: dict[tuple[int, int], list[Placed]] = {}
    for placed in labelled:
        rows.setdefault((placed.lane, placed.sub_row), []).append(placed)
    for row in rows.values():
        for before, after in itertools.pairwise(row):
            assert before.right < after.x0


def test_choosing_an_event_in_the_table_centres_the_chart_on_it(
    qtbot: QtBot, big: MainWindow
) -> None:
    page = show_timeline(qtbot, big)
    chart = page.chart
    chart.set_scale(20.0)
    with big.store.session() as session:
        chosen = session.scalars(select(Event.id).where(Event.title == "Working session 9000"))
        event_id = chosen.one()
    assert page.select_record(event_id)
    assert chart.selected_id == event_id
    left, right = chart.view_range()
    assert left <= chart.x_of(START + dt.timedelta(days=9000 // 8)) <= right
    assert event_id in {p.event_id for p in chart.placed if p.x0 <= right and p.right >= left}
