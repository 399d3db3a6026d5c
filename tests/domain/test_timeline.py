"""The timeline's geometry as numbers: lanes, the window around a view, density, ticks."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefing.domain import timeline as tl
from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.timeline import (
    DETAIL_LIMIT,
    LANE_LABEL_WIDTH,
    MAX_SUB_ROWS,
    Axis,
    Labels,
)

DAY = dt.date(2025, 1, 1)
ORIGIN = DAY - dt.timedelta(days=14)
LABELS = Labels(lambda text: 7 * len(text), 7)
"""Seven pixels a character: what a font would measure, without one."""


@dataclass
class Columns:
    """Events as the store's ChartEvents hold them, built from tuples."""

    ids: list[int] = field(default_factory=list)
    first: list[int] = field(default_factory=list)
    last: list[int] = field(default_factory=list)
    kind: list[int] = field(default_factory=list)
    status: list[int] = field(default_factory=list)
    precision: list[int] = field(default_factory=list)
    side: list[int] = field(default_factory=list)
    sides: list[str] = field(default_factory=lambda: ["", "KR", "US"])
    KINDS: Sequence[EventKind] = tuple(EventKind)
    STATUSES: Sequence[EventStatus] = tuple(EventStatus)
    PRECISIONS: Sequence[DatePrecision] = tuple(DatePrecision)

    def add(
        self,
        start: dt.date,
        days: int = 1,
        kind: EventKind = EventKind.MEETING,
        side: str = "",
        status: EventStatus = EventStatus.PLANNED,
    ) -> Columns:
        self.ids.append(len(self.ids) + 1)
        self.first.append(start.toordinal())
        self.last.append(start.toordinal() + days - 1)
        self.kind.append(self.KINDS.index(kind))
        self.status.append(self.STATUSES.index(status))
        self.precision.append(self.PRECISIONS.index(DatePrecision.DAY))
        self.side.append(self.sides.index(side))
        return self


def _titles(ids: Sequence[int]) -> Mapping[int, str]:
    return {i: f"Event {i}" for i in ids}


def test_the_axis_runs_from_two_weeks_before_the_first_event_to_a_month_after_the_last() -> None:
    events = Columns().add(DAY).add(DAY + dt.timedelta(days=100), days=3)
    extent = tl.extent(events.first, events.last, today=DAY + dt.timedelta(days=10))
    assert extent.origin == ORIGIN
    assert extent.last_day == (DAY + dt.timedelta(days=102)).toordinal()
    assert extent.span_days == 102 + 14 + 30
    # Today before every event: the axis starts two weeks before today.
    assert tl.extent(events.first, events.last, DAY - dt.timedelta(days=50)).origin == DAY - (
        dt.timedelta(days=64)
    )
    axis = Axis(ORIGIN, 6.0)
    assert axis.x_of(ORIGIN) == LANE_LABEL_WIDTH
    assert axis.day_at(axis.x_of(DAY)) == DAY
    assert axis.ordinal_at(axis.x_of_ordinal(DAY.toordinal())) == DAY.toordinal()


def test_lanes_are_the_kinds_or_parties_present_sorted_by_name() -> None:
    events = (
        Columns()
        .add(DAY, kind=EventKind.SUMMIT, side="US")
        .add(DAY, kind=EventKind.CALL)
        .add(DAY + dt.timedelta(days=1), kind=EventKind.SUMMIT, side="KR")
    )
    by_kind = tl.lanes(events, by_party=False)
    assert by_kind.names == ["Call", "Summit"]
    assert [by_kind.of(n) for n in range(3)] == [1, 0, 1]
    assert [list(days) for days in by_kind.days] == [[DAY.toordinal()], events.first[::2]]
    by_party = tl.lanes(events, by_party=True)
    assert by_party.names == ["KR", "No party", "US"]
    assert [by_party.of(n) for n in range(3)] == [2, 1, 0]


def test_density_counts_each_event_once_in_the_column_its_first_day_falls_in() -> None:
    events = Columns()
    for n in range(300):
        events.add(DAY + dt.timedelta(days=n // 3), kind=(EventKind.CALL, EventKind.MEETING)[n % 2])
    lanes = tl.lanes(events, by_party=False)
    axis = Axis(ORIGIN, 2.0)  # two pixels a day: a day's events in every other column
    left, right = axis.x_of(DAY), axis.x_of(DAY + dt.timedelta(days=99))
    counts = tl.count_window(lanes.days, axis, left, right)
    assert sum(map(sum, counts)) == 300
    column = int(axis.x_of(DAY + dt.timedelta(days=10))) - int(left)
    assert counts[0][column] + counts[1][column] == 3 and counts[0][column + 1] == 0
    # Half the window: half the events.
    assert sum(map(sum, tl.count_window(lanes.days, axis, left, (left + right) / 2))) == 150


def test_a_crowded_view_is_dense_and_its_window_is_counted() -> None:
    events = Columns()
    for n in range(2 * DETAIL_LIMIT):
        events.add(DAY + dt.timedelta(days=n // 100))
    axis = Axis(ORIGIN, 10.0)
    whole = (axis.x_of(DAY), axis.x_of(DAY + dt.timedelta(days=30)))
    assert tl.is_dense(events.first, axis, *whole)
    window = tl.lay_out(
        events,
        tl.lanes(events, by_party=False),
        tl.long_events(events.first, events.last),
        axis=axis,
        view=whole,
        margin=100,
        today=DAY,
        titles=_titles,
        labels=LABELS,
    )
    assert window.dense and not window.placed
    assert window.bounds == (whole[0] - 100, whole[1] + 100)
    assert sum(window.density[0]) == 2 * DETAIL_LIMIT
    assert window.covers(whole[0], whole[1], dense=True)
    assert not window.covers(whole[0], whole[1], dense=False)  # fewer in view: placed again
    assert not window.covers(whole[0] - 200, whole[1], dense=True)


def test_a_sparse_view_next_to_a_crowded_stretch_takes_in_no_more_than_the_limit() -> None:
    events = Columns()
    for n in range(3 * DETAIL_LIMIT):  # ten a day for 450 days
        events.add(DAY + dt.timedelta(days=n // 10))
    events.add(DAY + dt.timedelta(days=600))
    axis = Axis(ORIGIN, 1.0)
    view = axis.x_of(DAY + dt.timedelta(days=590)), axis.x_of(DAY + dt.timedelta(days=610))
    low, high = tl.detail_window(events.first, axis, *view, margin=10_000)
    assert high == view[1] + 10_000  # nothing after: the whole margin
    start, stop = tl.starts_between(events.first, axis, low, view[0])
    assert DETAIL_LIMIT <= stop - start < DETAIL_LIMIT + 10  # the limit, to the whole day


def test_a_window_holds_its_events_and_those_reaching_into_it() -> None:
    events = (
        Columns()
        .add(DAY, days=400)  # a long one, from far left
        .add(DAY + dt.timedelta(days=200))  # far left: neither bar nor label reaches
        .add(DAY + dt.timedelta(days=290), days=20)  # its bar reaches in
        .add(DAY + dt.timedelta(days=305))  # in the window
        .add(DAY + dt.timedelta(days=400))  # after it
    )
    axis = Axis(ORIGIN, 1.0)
    left, right = axis.x_of(DAY + dt.timedelta(days=300)), axis.x_of(DAY + dt.timedelta(days=320))
    long = tl.long_events(events.first, events.last)
    assert list(long) == [0]
    near = tl.window_events(events.first, events.last, long, axis, left, right)
    assert 0 in near and 2 in near and 3 in near and 4 not in near
    # At a wider scale the label of the one far left is drawn out of reach.
    far = Axis(ORIGIN, 100.0)
    left, right = far.x_of(DAY + dt.timedelta(days=300)), far.x_of(DAY + dt.timedelta(days=301))
    assert 1 not in tl.window_events(events.first, events.last, long, far, left, right)


def test_labels_take_the_first_free_sub_row_and_never_overlap() -> None:
    events = Columns()
    for n in range(40):  # five a day: more labels than the sub-rows hold
        events.add(DAY + dt.timedelta(days=n // 5))
    events.add(DAY, kind=EventKind.DEADLINE, status=EventStatus.PLANNED)
    lanes = tl.lanes(events, by_party=False)
    axis = Axis(ORIGIN, 20.0)
    positions = range(len(events.ids))
    titles = {i: f"Event {i}" for i in events.ids if i != 3}  # 3 is not for this audience
    placed, rows = tl.place_window(
        events, lanes, positions, titles, axis=axis, left=0.0, today=ORIGIN, labels=LABELS
    )
    assert 3 not in {p.event_id for p in placed} and len(placed) == len(events.ids) - 1
    assert rows == [1, MAX_SUB_ROWS]  # the deadline lane, the meetings' full lane
    deadline = next(p for p in placed if p.kind == EventKind.DEADLINE)
    assert deadline.label == "Event 41  D-14"
    labelled = [p for p in placed if p.label]
    assert len(labelled) < len(placed)  # the rest keep their marker
    for (_, _), row in itertools.groupby(
        sorted(labelled, key=lambda p: (p.lane, p.sub_row, p.x0)), key=lambda p: (p.lane, p.sub_row)
    ):
        for before, after in itertools.pairwise(row):
            assert before.right < after.x0
    again, _ = tl.place_window(
        events, lanes, positions, titles, axis=axis, left=0.0, today=ORIGIN, labels=LABELS
    )
    assert again == placed  # the same view is laid out the same way


def test_visible_finds_the_placed_events_a_stretch_of_x_crosses() -> None:
    events = Columns().add(DAY).add(DAY + dt.timedelta(days=10)).add(DAY + dt.timedelta(days=20))
    window = tl.lay_out(
        events,
        tl.lanes(events, by_party=False),
        tl.long_events(events.first, events.last),
        axis=Axis(ORIGIN, 10.0),
        view=(0.0, 1000.0),
        margin=0,
        today=DAY,
        titles=_titles,
        labels=LABELS,
    )
    first, second, third = window.placed
    assert window.visible(first.x0 + 30, first.x0 + 30) == [first]  # on its label
    assert window.visible(first.right, second.x0) == [first, second]
    assert window.visible(third.right + 1, third.right + 50) == []
    assert window.lane_tops() == [tl.AXIS_HEIGHT, tl.AXIS_HEIGHT + tl.SUB_ROW_HEIGHT + tl.LANE_GAP]


def test_month_ticks_step_by_calendar_months_to_keep_their_labels_apart() -> None:
    start, end = dt.date(2024, 11, 15), dt.date(2026, 2, 1)
    monthly = tl.month_ticks(start, end, month_width=80, gap=60)
    assert monthly[0] == (dt.date(2024, 12, 1), "Dec 2024") and len(monthly) == 15
    quarterly = tl.month_ticks(start, end, month_width=25, gap=60)
    assert [day.month for day, _ in quarterly] == [1, 4, 7, 10, 1]
    yearly = tl.month_ticks(start, end, month_width=5, gap=60)
    assert yearly == [(dt.date(2025, 1, 1), "2025"), (dt.date(2026, 1, 1), "2026")]
    assert tl.month_ticks(dt.date(2001, 1, 1), dt.date(2030, 1, 1), 0.01, 60)[0][1] == "2010"
