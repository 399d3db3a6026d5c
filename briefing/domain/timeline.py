"""The timeline's geometry: each event's place on a date axis, its lane, the window laid out
around the view, the density of a crowded one, and the month ticks of an axis.

Plain arithmetic over dates and the events' columns of numbers, with no Qt: the GUI's chart
widget paints what this works out and handles the mouse and keys, and the rules (which
events a window holds, which sub-row a label takes, how many events start in a pixel
column) are tested as numbers. The printed book's chart marks its months with the same
ticks. Text is measured by the caller (``measure``), the one thing that needs a font.

Content x is in pixels from the chart's left edge, lane names included: day ``origin`` sits
at ``LANE_LABEL_WIDTH``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import operator
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.formats import ENGLISH, days_left, month_label

LANE_LABEL_WIDTH = 110
MONTH_ROW = 34
"""The axis's first row, down to its ticks: the months."""
AXIS_HEIGHT = MONTH_ROW + 16
"""The whole axis: the months, then the row where "today" is written, above every event."""
SUB_ROW_HEIGHT = 22
LANE_GAP = 8
MIN_SCALE, MAX_SCALE = 0.02, 120.0
MAX_SUB_ROWS = 12
"""Labels of crowded events stack this deep in a lane; further events show only a marker."""
MARKER_SIZE = 6
"""A dot's diameter: how wide an event known to the day is drawn, before its label."""
DENSITY_SUB_ROWS = 3
"""A lane's height, in sub-rows, while it draws density."""
DETAIL_LIMIT = 1500
"""Past this many events in view the chart draws their density, not each event."""
LABEL_REACH = 2000
"""Pixels left of the window an event may start and still have its label in the window."""
LONG_SPAN = 31
"""Days an event may last and still be found near the window by its first day (a month
known only to the month lasts 31). Longer events are kept in a list of their own."""
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
"""Months between ticks: calendar steps (quarters, halves, years), so a tick always falls
on the same months whatever the span's first day."""

TitleFetch = Callable[[Sequence[int]], Mapping[int, str]]
"""Titles of the events among some ids that the audience may see (the rest are left out)."""


class EventColumns(Protocol):
    """Every event an audience sees, in date order, as columns of small numbers
    (:class:`briefing.store.lists.events.ChartEvents`): ``first`` and ``last`` are ordinals,
    ``kind``, ``status``, ``precision`` and ``side`` positions in the tuples named after them."""

    @property
    def ids(self) -> Sequence[int]: ...
    @property
    def first(self) -> Sequence[int]: ...
    @property
    def last(self) -> Sequence[int]: ...
    @property
    def kind(self) -> Sequence[int]: ...
    @property
    def status(self) -> Sequence[int]: ...
    @property
    def precision(self) -> Sequence[int]: ...
    @property
    def side(self) -> Sequence[int]: ...
    @property
    def sides(self) -> Sequence[str]: ...
    @property
    def KINDS(self) -> Sequence[EventKind]: ...  # noqa: N802
    @property
    def STATUSES(self) -> Sequence[EventStatus]: ...  # noqa: N802
    @property
    def PRECISIONS(self) -> Sequence[DatePrecision]: ...  # noqa: N802


@dataclass(frozen=True, slots=True)
class Axis:
    """Days and content x: ``scale`` pixels a day, day ``origin`` at LANE_LABEL_WIDTH."""

    origin: dt.date
    scale: float

    def x_of(self, day: dt.date) -> float:
        return LANE_LABEL_WIDTH + (day - self.origin).days * self.scale

    def day_at(self, x: float) -> dt.date:
        return self.origin + dt.timedelta(days=(x - LANE_LABEL_WIDTH) / self.scale)

    def x_of_ordinal(self, day: float) -> float:
        return LANE_LABEL_WIDTH + (day - self.origin.toordinal()) * self.scale

    def ordinal_at(self, x: float) -> float:
        """The day (an ordinal, with its fraction) at content x."""
        return self.origin.toordinal() + (x - LANE_LABEL_WIDTH) / self.scale


@dataclass(frozen=True, slots=True)
class Extent:
    """How far the axis runs: from two weeks before the first event (or today) to a month
    after the last (or today). ``last_day`` is the last event's last day, an ordinal."""

    origin: dt.date
    span_days: int
    last_day: int


def extent(first: Sequence[int], last: Sequence[int], today: dt.date) -> Extent:
    last_day = max(last, default=today.toordinal())
    start = min(first[0], today.toordinal()) if first else today.toordinal()
    origin = dt.date.fromordinal(start) - dt.timedelta(days=14)
    return Extent(origin, max(last_day, today.toordinal()) - origin.toordinal() + 30, last_day)


def long_events(first: Sequence[int], last: Sequence[int]) -> array[int]:
    """The positions of the events lasting more than LONG_SPAN days, which a window's first
    days alone would miss when their bars reach into it from far left."""
    return array(
        "i", [n for n, (a, b) in enumerate(zip(first, last, strict=True)) if b - a > LONG_SPAN]
    )


@dataclass(frozen=True, slots=True)
class Lanes:
    """The lanes' names in order, each event's lane, and each lane's first days.

    Attributes:
        names: the lanes, sorted by name.
        codes: each event's kind or side (a position in the names it was coded by).
        lane_of_code: the lane of each code.
        days: per lane, the first days of its events in date order, for counting density
            by bisection.
    """

    names: list[str]
    codes: Sequence[int]
    lane_of_code: list[int]
    days: list[array[int]]

    def of(self, n: int) -> int:
        """The lane of the event at position ``n``."""
        return self.lane_of_code[self.codes[n]]


def lanes(events: EventColumns, *, by_party: bool) -> Lanes:
    """A lane per kind, or per party attending ("No party" when none does).

    The one pass over every event outside a data or lane change (about 20 ms for a
    ministry's): zooming and panning then only bisect the lanes' first days.
    """
    if by_party:
        codes, names = events.side, [side or "No party" for side in events.sides]
    else:
        codes, names = events.kind, [kind.label for kind in events.KINDS]
    ordered = sorted({names[code] for code in set(codes)})
    lane_index = {name: lane for lane, name in enumerate(ordered)}
    lane_of_code = [lane_index.get(name, 0) for name in names]
    days = [array("i") for _ in ordered]
    add = [lane_days.append for lane_days in days]
    for day, code in zip(events.first, codes, strict=True):
        add[lane_of_code[code]](day)
    return Lanes(ordered, codes, lane_of_code, days)


def starts_between(first: Sequence[int], axis: Axis, left: float, right: float) -> tuple[int, int]:
    """The positions of the events starting between content x ``left`` and ``right``."""
    return (
        bisect.bisect_left(first, math.ceil(axis.ordinal_at(left))),
        bisect.bisect_right(first, math.floor(axis.ordinal_at(right))),
    )


def is_dense(first: Sequence[int], axis: Axis, left: float, right: float) -> bool:
    """Whether more than DETAIL_LIMIT events start in the view: drawn as density."""
    start, stop = starts_between(first, axis, left, right)
    return stop - start > DETAIL_LIMIT


def detail_window(
    first: Sequence[int], axis: Axis, left: float, right: float, margin: float
) -> tuple[float, float]:
    """The view and ``margin`` pixels either side, less where that would take in more than
    DETAIL_LIMIT events beyond the view (a sparse view next to a crowded stretch)."""
    start, stop = starts_between(first, axis, left, right)
    low, high = left - margin, right + margin
    if start > DETAIL_LIMIT:
        low = max(low, axis.x_of_ordinal(first[start - DETAIL_LIMIT]))
    if stop + DETAIL_LIMIT < len(first):
        high = min(high, axis.x_of_ordinal(first[stop + DETAIL_LIMIT]))
    return max(0.0, low), high


def window_events(
    first: Sequence[int],
    last: Sequence[int],
    long: Sequence[int],
    axis: Axis,
    left: float,
    right: float,
) -> list[int]:
    """The positions of the events that may be drawn in the window, in date order.

    Those starting in it; the nearest DETAIL_LIMIT of those starting up to LABEL_REACH
    before it, whose labels may reach in; and those whose bars reach in from further
    left, found by their first day up to LONG_SPAN days back or among the ``long`` events.
    """
    start, stop = starts_between(first, axis, left, right)
    edge = axis.ordinal_at(left) - 1  # a bar lasting to this day reaches the window
    bars_from = bisect.bisect_left(first, math.ceil(edge) - LONG_SPAN)
    labels_from = max(
        bisect.bisect_left(first, math.ceil(axis.ordinal_at(left - LABEL_REACH))),
        start - DETAIL_LIMIT,
    )
    low = min(bars_from, labels_from)
    earlier = [n for n in long if n < low and last[n] >= edge]
    reaching = [n for n in range(low, start) if n >= labels_from or last[n] >= edge]
    return earlier + reaching + list(range(start, stop))


def count_window(
    lane_days: Sequence[Sequence[int]], axis: Axis, left: float, right: float
) -> list[array[int]]:
    """Per lane, how many events start in each pixel column from ``int(left)`` to ``right``.

    An event counts in the column its start falls in; the columns' first days are
    bisected in each lane's first days, so the cost is the window's width, not the
    number of events.
    """
    columns = range(int(left), int(right) + 2)
    origin, scale = axis.origin.toordinal(), axis.scale
    bounds = [origin + math.ceil((x - LANE_LABEL_WIDTH) / scale) for x in columns]
    density = []
    for days in lane_days:
        at = [bisect.bisect_left(days, day) for day in bounds]
        density.append(array("i", map(operator.sub, at[1:], at[:-1])))
    return density


@dataclass(slots=True)
class Placed:
    """An event of the laid-out window: where it is drawn and what it says.

    ``label`` is its title, and for a deadline the days left ("" when every sub-row was
    taken); ``right`` is where its marker or bar and label end, measured as drawn, so the
    next event in the sub-row starts clear of it.
    """

    event_id: int
    label: str
    kind: EventKind
    status: EventStatus
    precision: DatePrecision
    start: dt.date
    is_span: bool
    lane: int
    sub_row: int
    x0: float
    x1: float
    right: float
    label_width: int


def marker_right(x0: float, x1: float, *, is_span: bool) -> float:
    """Where an event's bar or marker ends; its label starts 4 pixels further."""
    return x0 + max(x1 - x0, 3) if is_span else x0 + MARKER_SIZE


def free_sub_row(ends: list[float], x0: float) -> int | None:
    """The first sub-row clear before x0, a new one while there may be more, or None."""
    for sub, end in enumerate(ends):
        if end < x0:
            return sub
    return len(ends) if len(ends) < MAX_SUB_ROWS else None


@dataclass(frozen=True, slots=True)
class Labels:
    """How the caller's font measures a label: ``measure`` its width in pixels, ``widest``
    the widest character (so an event far left is skipped without measuring its title)."""

    measure: Callable[[str], int]
    widest: int


def place_window(
    events: EventColumns,
    event_lanes: Lanes,
    positions: Sequence[int],
    titles: Mapping[int, str],
    *,
    axis: Axis,
    left: float,
    today: dt.date,
    labels: Labels,
) -> tuple[list[Placed], list[int]]:
    """The events at ``positions`` in their lanes' sub-rows, first fit in date order, and
    each lane's number of sub-rows; ``left`` is the window's left edge, ``today`` the day
    a deadline's days left count from.

    The layout depends only on the window, the scale and the lanes: the same view is always
    drawn the same way. An event without a title is not shown to this audience (any more);
    one that finds every sub-row taken keeps its marker but loses its label, which could
    only be drawn over another's (and is not measured: in a crowded window most are such).
    """
    ids = events.ids
    ends: list[list[float]] = [[] for _ in event_lanes.names]
    placed = []
    for n in positions:
        text = titles.get(ids[n])
        if text is None:
            continue
        first, last = events.first[n], events.last[n]
        x0 = axis.x_of_ordinal(first)
        x1 = max(axis.x_of_ordinal(last + 1), x0 + 2)
        precision = events.PRECISIONS[events.precision[n]]
        is_span = precision != DatePrecision.DAY or last > first
        bar_right = marker_right(x0, x1, is_span=is_span)
        kind = events.KINDS[events.kind[n]]
        status = events.STATUSES[events.status[n]]
        to_go = days_left(dt.date.fromordinal(first), today, status)
        if kind == EventKind.DEADLINE and to_go:
            text = f"{text}  {to_go}"
        if bar_right + 12 + labels.widest * len(text) < left:
            continue  # ends before the window, whatever its label's width
        lane = event_lanes.of(n)
        sub_rows = ends[lane]
        sub = free_sub_row(sub_rows, x0)
        if sub is None:
            text, width = "", 0
            reach = bar_right + 4
            if reach < left:
                continue
            sub = min(range(len(sub_rows)), key=sub_rows.__getitem__)
            sub_rows[sub] = max(sub_rows[sub], reach)
        else:
            width = labels.measure(text) + 12
            reach = bar_right + width
            if reach < left:
                continue
            if sub == len(sub_rows):
                sub_rows.append(0.0)
            sub_rows[sub] = reach
        placed.append(
            Placed(
                ids[n],
                text,
                kind,
                status,
                precision,
                dt.date.fromordinal(first),
                is_span,
                lane,
                sub,
                x0,
                x1,
                reach,
                width,
            )
        )
    return placed, [max(1, len(e)) for e in ends]


@dataclass(slots=True)
class Window:
    """A laid-out stretch of content x: its events placed, or counted when it is dense.

    Attributes:
        bounds: the content x range laid out.
        dense: whether it is drawn as density.
        placed: its events in sub-rows, ordered by ``x0``; empty as density.
        density: per lane, how many events start in each pixel column from content x
            ``density_from``; empty while events are placed.
        lane_rows: each lane's height in sub-rows.
    """

    bounds: tuple[float, float]
    dense: bool
    lane_rows: list[int]
    placed: list[Placed] = field(default_factory=list)
    density: list[array[int]] = field(default_factory=list)
    density_from: int = 0
    _starts: list[float] = field(default_factory=list, repr=False)
    _reach: float = 0.0

    def __post_init__(self) -> None:
        self._starts = [p.x0 for p in self.placed]
        self._reach = max((p.right - p.x0 for p in self.placed), default=0.0)

    def covers(self, left: float, right: float, *, dense: bool) -> bool:
        """Whether this window still serves a view of content x [left, right]."""
        return dense == self.dense and self.bounds[0] <= left and right <= self.bounds[1]

    def visible(self, left: float, right: float) -> list[Placed]:
        """The placed events whose drawing intersects content x [left, right].

        Labels and bars reach right of x0, at most the widest reach in this window.
        """
        start = bisect.bisect_left(self._starts, left - self._reach)
        stop = bisect.bisect_right(self._starts, right)
        return [p for p in self.placed[start:stop] if p.right >= left]

    def lane_tops(self) -> list[int]:
        """The top of each lane in content y, and the bottom of the last."""
        rows = (n * SUB_ROW_HEIGHT + LANE_GAP for n in self.lane_rows)
        return list(itertools.accumulate(rows, initial=AXIS_HEIGHT))


def lay_out(
    events: EventColumns,
    event_lanes: Lanes,
    long: Sequence[int],
    *,
    axis: Axis,
    view: tuple[float, float],
    margin: float,
    today: dt.date,
    titles: TitleFetch,
    labels: Labels,
) -> Window:
    """The window around a view of content x ``view``: ``margin`` pixels either side as
    density, or the events placed with their titles, read for them alone."""
    left, right = view
    if is_dense(events.first, axis, left, right):
        bounds = (max(0.0, left - margin), right + margin)
        counts = count_window(event_lanes.days, axis, *bounds)
        rows = [DENSITY_SUB_ROWS] * len(event_lanes.names)
        return Window(bounds, True, rows, density=counts, density_from=int(bounds[0]))
    bounds = detail_window(events.first, axis, left, right, margin)
    positions = window_events(events.first, events.last, long, axis, *bounds)
    ids = events.ids
    read = titles([ids[n] for n in positions]) if positions else {}
    placed, rows = place_window(
        events, event_lanes, positions, read, axis=axis, left=bounds[0], today=today, labels=labels
    )
    return Window(bounds, False, rows, placed=placed)


def month_ticks(
    first: dt.date, last: dt.date, month_width: float, gap: float, language: str = ENGLISH
) -> list[tuple[dt.date, str]]:
    """The months to mark between ``first`` and ``last``, and what each says in
    ``language`` ("Jul 2025", "2025년 7월"): every month when a month is ``gap`` wide, else
    every quarter, year... so labels ``gap`` apart. The window's axis and the book's."""
    step = next((s for s in TICK_STEPS if s * month_width >= gap), TICK_STEPS[-1])
    ticks = []
    cursor = dt.date(first.year, 1, 1)
    while cursor <= last:
        if cursor >= first and (cursor.year * 12 + cursor.month - 1) % step == 0:
            ticks.append((cursor, month_label(cursor, language, year_only=step >= 12)))
        cursor = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return ticks
