"""The timeline: events drawn on a date axis in lanes, with a today line, and a table.

The chart keeps every event as a few numbers (:class:`~briefing.store.lists.events.ChartEvents`)
and lays out only a window: the view and a viewport's width either side. A window of few
enough events is placed in sub-rows with titles read from SQL for its events alone; a
crowded one is drawn as density, counted per pixel column from the numbers. Both are
worked out when the view leaves the window or the zoom, lanes or data change, never per
frame: a ministry's 100,000 events take about 3 MB, and a zoom step tens of milliseconds.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import operator
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.formats import dated, days_left
from briefing.store.lists import events
from briefing.store.lists.events import ChartEvents, EventRow
from briefing.store.visibility import same_level
from briefing.ui.table_model import Column, QuerySource
from briefing.ui.views.base import ListPage
from briefing.ui.workspace import Workspace

KIND_COLOURS = {
    EventKind.MEETING: "#2e86c1",
    EventKind.CALL: "#5dade2",
    EventKind.SUMMIT: "#8e44ad",
    EventKind.DEADLINE: "#c0392b",
    EventKind.ELECTION: "#1e8449",
    EventKind.ANNOUNCEMENT: "#7f8c8d",
}
_KIND_QCOLOURS = {kind: QColor(colour) for kind, colour in KIND_COLOURS.items()}
"""Parsed once: the chart paints up to a few thousand events a frame."""
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

TitleFetch = Callable[[Sequence[int]], dict[int, str]]
"""Titles of the events among some ids that the audience may see (the rest are left out)."""


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


class TimelineChart(QAbstractScrollArea):
    """Events on a date axis. ``scale`` is pixels per day; the scroll bar pans.

    Attributes:
        events: every event the audience sees, as columns of numbers in date order.
        titles: reads the titles of the events near the view (the chart never opens the
            store itself, and asks only while laying out a window, never while painting).
        laid_out: the content x range of the window laid out (None: lay out again).
        placed: the window's events in sub-rows, ordered by ``x0``; empty as density.
        density: per lane, how many events start in each pixel column of the window,
            from content x ``density_from``; empty while events are placed.

    Signals:
        event_clicked(int): the id of the event under a click.
    """

    event_clicked = Signal(int)

    def __init__(self, titles: TitleFetch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline chart")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.titles = titles
        self.events = ChartEvents()
        self.lane_of_party = False
        self.scale = 6.0
        self.today = dt.date.today()
        self.marker = "today"
        self.origin = dt.date.today()
        self.span_days = 1
        self.selected_id: int | None = None
        self.lanes: list[str] = []
        self.lane_rows: list[int] = []
        self._lane_tops = [AXIS_HEIGHT]
        self.placed: list[Placed] = []
        self.density: list[array[int]] = []
        self.density_from = 0
        self.laid_out: tuple[float, float] | None = None
        self._dense = False
        self._last_day = 0
        self._long = array("i")
        self._lane_codes = array("B")
        self._lane_of_code: list[int] = []
        self._lane_days: list[array[int]] = []
        self._starts: list[float] = []
        self._reach = 0.0
        self._holding = False
        self._drag_from: QPoint | None = None
        self._drag_value = 0
        self.paint_count = 0

    # ------------------------------------------------------------ data and layout

    def set_events(self, events: ChartEvents, today: dt.date, marker: str = "today") -> None:
        """Show these events (a new read of them) with a today line on ``today``, written
        ``marker`` ("as of" when the dossier counts from its own date)."""
        self.events = events
        self.today = today
        self.marker = marker
        first, last = events.first, events.last
        self._last_day = max(last, default=today.toordinal())
        start = min(first[0], today.toordinal()) if first else today.toordinal()
        self.origin = dt.date.fromordinal(start) - dt.timedelta(days=14)
        self.span_days = max(self._last_day, today.toordinal()) - self.origin.toordinal() + 30
        self._long = array(
            "i", [n for n, (a, b) in enumerate(zip(first, last, strict=True)) if b - a > LONG_SPAN]
        )
        self._assign_lanes()
        self.relayout()

    def set_lanes_by_party(self, by_party: bool) -> None:
        self.lane_of_party = by_party
        self._assign_lanes()
        self.relayout()

    def _assign_lanes(self) -> None:
        """Name the lanes and list each lane's first days, for counting density by bisection.

        The one pass over every event outside a data or lane change (about 20 ms for a
        ministry's): zooming and panning then only bisect these lists.
        """
        events = self.events
        if self.lane_of_party:
            codes, names = events.side, [side or "No party" for side in events.sides]
        else:
            codes, names = events.kind, [kind.label for kind in events.KINDS]
        self.lanes = sorted({names[code] for code in set(codes)})
        lane_index = {name: lane for lane, name in enumerate(self.lanes)}
        self._lane_codes = codes
        self._lane_of_code = [lane_index.get(name, 0) for name in names]
        self._lane_days = [array("i") for _ in self.lanes]
        add = [days.append for days in self._lane_days]
        lane_of = self._lane_of_code
        for day, code in zip(events.first, codes, strict=True):
            add[lane_of[code]](day)

    def x_of(self, day: dt.date) -> float:
        return LANE_LABEL_WIDTH + (day - self.origin).days * self.scale

    def day_at(self, x: float) -> dt.date:
        return self.origin + dt.timedelta(days=(x - LANE_LABEL_WIDTH) / self.scale)

    def _ordinal_at(self, x: float) -> float:
        """The day (an ordinal, with its fraction) at content x."""
        return self.origin.toordinal() + (x - LANE_LABEL_WIDTH) / self.scale

    def view_range(self) -> tuple[float, float]:
        """The content x range the viewport shows events in (right of the lane names)."""
        left = self.horizontalScrollBar().value()
        return left + LANE_LABEL_WIDTH, left + self.viewport().width()

    def relayout(self) -> None:
        """Lay out the window around the view again: the zoom, lanes or data changed."""
        self.laid_out = None
        self._ensure_layout()

    def _ensure_layout(self) -> None:
        """Lay out a new window if the view left the old one or crossed DETAIL_LIMIT."""
        if self._holding:
            return
        left, right = self.view_range()
        start, stop = self._starts_between(left, right)
        dense = stop - start > DETAIL_LIMIT
        window = self.laid_out
        if window is not None and dense == self._dense and window[0] <= left and right <= window[1]:
            return
        margin = self.viewport().width()
        self._dense = dense
        if dense:
            self.laid_out = (max(0.0, left - margin), right + margin)
            self._count_window(*self.laid_out)
        else:
            self.laid_out = self._detail_window(left, right, margin)
            self._place_window(*self.laid_out)
        self._update_scroll_range()
        self.viewport().update()

    def _count_window(self, left: float, right: float) -> None:
        """Count the events starting in each pixel column of the window, lane by lane.

        An event counts in the column its start falls in; the columns' first days are
        bisected in each lane's first days, so the cost is the window's width, not the
        number of events.
        """
        self.placed, self._starts, self._reach = [], [], 0.0
        self.density_from = first_column = int(left)
        columns = range(first_column, int(right) + 2)
        origin, scale = self.origin.toordinal(), self.scale
        bounds = [origin + math.ceil((x - LANE_LABEL_WIDTH) / scale) for x in columns]
        self.density = []
        for days in self._lane_days:
            at = [bisect.bisect_left(days, day) for day in bounds]
            self.density.append(array("i", map(operator.sub, at[1:], at[:-1])))
        self._set_lane_rows([DENSITY_SUB_ROWS] * len(self.lanes))

    def _starts_between(self, left: float, right: float) -> tuple[int, int]:
        """The positions of the events starting between content x ``left`` and ``right``."""
        first = self.events.first
        return (
            bisect.bisect_left(first, math.ceil(self._ordinal_at(left))),
            bisect.bisect_right(first, math.floor(self._ordinal_at(right))),
        )

    def _detail_window(self, left: float, right: float, margin: float) -> tuple[float, float]:
        """The view and ``margin`` pixels either side, less where that would take in more than
        DETAIL_LIMIT events beyond the view (a sparse view next to a crowded stretch)."""
        first, origin, scale = self.events.first, self.origin.toordinal(), self.scale
        start, stop = self._starts_between(left, right)
        low, high = left - margin, right + margin
        if start > DETAIL_LIMIT:
            low = max(low, LANE_LABEL_WIDTH + (first[start - DETAIL_LIMIT] - origin) * scale)
        if stop + DETAIL_LIMIT < len(first):
            high = min(high, LANE_LABEL_WIDTH + (first[stop + DETAIL_LIMIT] - origin) * scale)
        return max(0.0, low), high

    def _window_events(self, left: float, right: float) -> list[int]:
        """The positions of the events that may be drawn in the window, in date order.

        Those starting in it; the nearest DETAIL_LIMIT of those starting up to LABEL_REACH
        before it, whose labels may reach in; and those whose bars reach in from further
        left, found by their first day up to LONG_SPAN days back or in the short list of
        longer events.
        """
        first, last = self.events.first, self.events.last
        start, stop = self._starts_between(left, right)
        edge = self._ordinal_at(left) - 1  # a bar lasting to this day reaches the window
        bars_from = bisect.bisect_left(first, math.ceil(edge) - LONG_SPAN)
        labels_from = max(
            bisect.bisect_left(first, math.ceil(self._ordinal_at(left - LABEL_REACH))),
            start - DETAIL_LIMIT,
        )
        low = min(bars_from, labels_from)
        earlier = [n for n in self._long if n < low and last[n] >= edge]
        reaching = [n for n in range(low, start) if n >= labels_from or last[n] >= edge]
        return earlier + reaching + list(range(start, stop))

    def _place_window(self, left: float, right: float) -> None:
        """Place the window's events in their lanes' sub-rows, first fit in date order.

        The titles are read for these events alone, and the layout depends only on the
        window, the scale and the lanes: the same view is always drawn the same way. An
        event that finds every sub-row taken keeps its marker but loses its label, which
        could only be drawn over another's (and is not measured: in a crowded window most
        events are such).
        """
        events = self.events
        positions = self._window_events(left, right)
        ids = events.ids
        titles = self.titles([ids[n] for n in positions]) if positions else {}
        metrics = QFontMetrics(self.font())
        widest = metrics.maxWidth()
        origin, scale = self.origin.toordinal(), self.scale
        ends: list[list[float]] = [[] for _ in self.lanes]
        placed = []
        for n in positions:
            text = titles.get(ids[n])
            if text is None:
                continue  # not shown to this audience (any more)
            first, last = events.first[n], events.last[n]
            x0 = LANE_LABEL_WIDTH + (first - origin) * scale
            x1 = max(LANE_LABEL_WIDTH + (last - origin + 1) * scale, x0 + 2)
            precision = events.PRECISIONS[events.precision[n]]
            is_span = precision != DatePrecision.DAY or last > first
            marker_right = _marker_right(x0, x1, is_span=is_span)
            kind = events.KINDS[events.kind[n]]
            status = events.STATUSES[events.status[n]]
            to_go = days_left(dt.date.fromordinal(first), self.today, status)
            if kind == EventKind.DEADLINE and to_go:
                text = f"{text}  {to_go}"
            if marker_right + 12 + widest * len(text) < left:
                continue  # ends before the window, whatever its label's width
            lane = self._lane_of_code[self._lane_codes[n]]
            sub_rows = ends[lane]
            sub = _free_sub_row(sub_rows, x0)
            if sub is None:
                text, label = "", 0
                reach = marker_right + 4
                if reach < left:
                    continue
                sub = min(range(len(sub_rows)), key=sub_rows.__getitem__)
                sub_rows[sub] = max(sub_rows[sub], reach)
            else:
                label = metrics.horizontalAdvance(text) + 12
                reach = marker_right + label
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
                    label,
                )
            )
        self._set_lane_rows([max(1, len(e)) for e in ends])
        self.placed = placed  # in date order, so by x0
        self._starts = [p.x0 for p in placed]
        self._reach = max((p.right - p.x0 for p in placed), default=0.0)
        self.density = []

    def _set_lane_rows(self, rows: list[int]) -> None:
        self.lane_rows = rows
        self._lane_tops = list(
            itertools.accumulate((n * SUB_ROW_HEIGHT + LANE_GAP for n in rows), initial=AXIS_HEIGHT)
        )

    def lane_top(self, lane: int) -> int:
        """The top of a lane (of the bottom of the last, for ``len(lanes)``) in content y."""
        return self._lane_tops[lane]

    def content_width(self) -> int:
        return int(LANE_LABEL_WIDTH + self.span_days * self.scale + 200)

    def content_size(self) -> QSize:
        width = self.content_width()
        height = self.lane_top(len(self.lanes)) + 10
        return QSize(width, height)

    def _update_scroll_range(self) -> None:
        size = self.content_size()
        view = self.viewport().size()
        self.horizontalScrollBar().setRange(0, max(0, size.width() - view.width()))
        self.horizontalScrollBar().setPageStep(view.width())
        self.horizontalScrollBar().setSingleStep(40)
        self.verticalScrollBar().setRange(0, max(0, size.height() - view.height()))
        self.verticalScrollBar().setPageStep(view.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_scroll_range()
        self._ensure_layout()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 260)

    # ------------------------------------------------------------ zoom and pan

    def set_scale(self, scale: float, anchor_x: float | None = None) -> None:
        """Zoom, keeping the day under viewport x ``anchor_x`` (default: the middle) there."""
        if anchor_x is None:
            anchor_x = self.viewport().width() / 2
        self._rescale(scale, self.day_at(anchor_x + self.horizontalScrollBar().value()), anchor_x)

    def _rescale(self, scale: float, day: dt.date, at_x: float) -> None:
        """Zoom and scroll ``day`` to viewport x ``at_x``, then lay out once, there."""
        self.scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        self._holding = True
        try:
            self._update_scroll_range()
            self.horizontalScrollBar().setValue(int(self.x_of(day) - at_x))
        finally:
            self._holding = False
        self.relayout()

    def zoom_in(self) -> None:
        self.set_scale(self.scale * 1.5)

    def zoom_out(self) -> None:
        self.set_scale(self.scale / 1.5)

    def center_on(self, day: dt.date) -> None:
        self.horizontalScrollBar().setValue(int(self.x_of(day) - self.viewport().width() / 2))

    def select_event(self, event_id: int) -> None:
        """Mark an event as selected and scroll to it, if the chart has it."""
        self.selected_id = event_id
        try:
            position = self.events.ids.index(event_id)
        except ValueError:
            pass
        else:
            self.center_on(dt.date.fromordinal(self.events.first[position]))
        self.viewport().update()

    def fit(self) -> None:
        """Show every event in the viewport."""
        if not self.events.first:
            return
        first = self.events.first[0]
        usable = max(100, self.viewport().width() - LANE_LABEL_WIDTH - 60)
        scale = usable / max(1, self._last_day - first + 1)
        self._rescale(scale, dt.date.fromordinal(first), LANE_LABEL_WIDTH + 20)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.25 if event.angleDelta().y() > 0 else 0.8
            self.set_scale(self.scale * factor, event.position().x())
            event.accept()
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_T:
            self.center_on(self.today)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.event_at(event.position().toPoint())
        if hit is not None:
            self.selected_id = hit
            self.viewport().update()
            self.event_clicked.emit(hit)
        else:
            self._drag_from = event.position().toPoint()
            self._drag_value = self.horizontalScrollBar().value()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag_from is not None:
            delta = event.position().toPoint().x() - self._drag_from.x()
            self.horizontalScrollBar().setValue(self._drag_value - delta)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._drag_from = None

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        self._ensure_layout()
        self.viewport().update()

    # ------------------------------------------------------------ geometry and painting

    def rect_of(self, placed: Placed) -> QRectF:
        """Where an event is drawn, in content coordinates (before scrolling)."""
        top = self.lane_top(placed.lane) + placed.sub_row * SUB_ROW_HEIGHT + 3
        return QRectF(placed.x0, top, placed.right - placed.x0, SUB_ROW_HEIGHT - 6)

    def event_at(self, point: QPoint) -> int | None:
        x = point.x() + self.horizontalScrollBar().value()
        y = point.y() + self.verticalScrollBar().value()
        for placed in self._visible(x, x):
            if self.rect_of(placed).contains(x, y):
                return placed.event_id
        return None

    def _visible(self, left: float, right: float) -> list[Placed]:
        """The window's events whose drawing intersects content x [left, right].

        Labels and bars reach right of x0, at most ``_reach`` pixels in this window.
        """
        start = bisect.bisect_left(self._starts, left - self._reach)
        stop = bisect.bisect_right(self._starts, right)
        return [p for p in self.placed[start:stop] if p.right >= left]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.paint_count += 1
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.Text)
        mid = palette.color(QPalette.ColorRole.Mid)
        painter.fillRect(self.viewport().rect(), palette.color(QPalette.ColorRole.Base))
        dx = self.horizontalScrollBar().value()
        dy = self.verticalScrollBar().value()
        width = self.viewport().width()
        left, right = dx + LANE_LABEL_WIDTH, dx + width

        self._paint_axis(painter, dx, left, right, text_colour, mid)
        today = self.today_label()
        if today is not None:  # under the events, so their titles read over it
            painter.setPen(QPen(QColor("#e74c3c"), 2, Qt.PenStyle.DashLine))
            bottom = self.viewport().height()
            painter.drawLine(today.left() - 4, MONTH_ROW, today.left() - 4, bottom)
            painter.setPen(QColor("#e74c3c"))
            painter.drawText(today, Qt.AlignmentFlag.AlignVCenter, self.marker)
        painter.save()
        painter.setClipRect(QRect(LANE_LABEL_WIDTH, AXIS_HEIGHT, width, self.viewport().height()))
        painter.translate(-dx, -dy)
        if self.density:
            self._paint_density(painter, int(left), int(right))
        else:
            for placed in self._visible(left, right):
                self._paint_event(painter, placed, text_colour)
        painter.restore()

        painter.fillRect(
            QRect(0, AXIS_HEIGHT, LANE_LABEL_WIDTH, self.viewport().height()),
            palette.color(QPalette.ColorRole.Window),
        )
        painter.setPen(text_colour)
        for lane, name in enumerate(self.lanes):
            top = self.lane_top(lane) - dy
            height = self.lane_rows[lane] * SUB_ROW_HEIGHT
            if top + height >= AXIS_HEIGHT:
                painter.drawText(
                    QRect(6, max(top, AXIS_HEIGHT), LANE_LABEL_WIDTH - 10, SUB_ROW_HEIGHT),
                    Qt.AlignmentFlag.AlignVCenter,
                    name,
                )
            painter.setPen(mid)
            painter.drawLine(0, top + height + LANE_GAP // 2, width, top + height + LANE_GAP // 2)
            painter.setPen(text_colour)
        painter.end()

    def today_label(self) -> QRect | None:
        """Where "today" is written (viewport coordinates), if today is in view: in the
        axis's own row, right of the today line, so it never covers an event's title."""
        dx = self.horizontalScrollBar().value()
        today_x = self.x_of(self.today)
        if not dx + LANE_LABEL_WIDTH <= today_x <= dx + self.viewport().width():
            return None
        width = QFontMetrics(self.font()).horizontalAdvance(self.marker) + 2
        return QRect(int(today_x - dx) + 4, MONTH_ROW, width, AXIS_HEIGHT - MONTH_ROW)

    def _paint_density(self, painter: QPainter, left: int, right: int) -> None:
        """Too many events to draw one by one: a bar per pixel column, its height the count."""
        first = max(left, self.density_from)
        for lane, counts in enumerate(self.density):
            top = self.lane_top(lane)
            height = self.lane_rows[lane] * SUB_ROW_HEIGHT - 4
            shown = counts[first - self.density_from : right + 1 - self.density_from]
            peak = max(shown, default=0) or 1
            lines = [
                QLineF(x, top + height, x, top + height - max(2.0, height * n / peak))
                for x, n in enumerate(shown, start=first)
                if n
            ]
            painter.setPen(QPen(QColor("#2e86c1"), 1))
            painter.drawLines(lines)

    def _paint_axis(
        self, painter: QPainter, dx: int, left: float, right: float, text: QColor, mid: QColor
    ) -> None:
        painter.setPen(mid)
        painter.drawLine(0, AXIS_HEIGHT, self.viewport().width(), AXIS_HEIGHT)
        first = self.day_at(left)
        last = self.day_at(right)
        month_px = 30 * self.scale
        step = 1 if month_px >= 60 else (3 if month_px >= 20 else (12 if month_px >= 5 else 60))
        cursor = dt.date(first.year, 1, 1)
        painter.setPen(text)
        while cursor <= last:
            if cursor >= first and (cursor.month - 1) % step == 0:
                x = self.x_of(cursor) - dx
                painter.setPen(mid)
                painter.drawLine(int(x), MONTH_ROW - 8, int(x), MONTH_ROW)
                painter.setPen(text)
                label = f"{cursor:%b %Y}" if step < 12 else f"{cursor.year}"
                painter.drawText(int(x) + 3, MONTH_ROW - 10, label)
            cursor = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)

    def _paint_event(self, painter: QPainter, placed: Placed, text: QColor) -> None:
        rect = self.rect_of(placed)
        colour = _KIND_QCOLOURS[placed.kind]
        if placed.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
            colour = QColor(colour)
            colour.setAlpha(110)
        known_to_the_day = placed.precision == DatePrecision.DAY
        marker_right = _marker_right(placed.x0, placed.x1, is_span=placed.is_span)
        if placed.is_span:
            bar = QRectF(placed.x0, rect.top() + 2, marker_right - placed.x0, rect.height() - 4)
            fill = QColor(colour)
            fill.setAlpha(160 if known_to_the_day else 70)
            style = Qt.PenStyle.SolidLine if known_to_the_day else Qt.PenStyle.DashLine
            painter.setPen(QPen(colour, 1, style))
            painter.setBrush(fill)
            painter.drawRoundedRect(bar, 3, 3)
        else:
            cy = rect.center().y()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            if placed.kind == EventKind.DEADLINE:
                painter.drawRect(QRectF(placed.x0 - 1.5, rect.top(), 3, rect.height()))
            else:
                size = MARKER_SIZE
                painter.drawEllipse(QRectF(placed.x0 - size / 2, cy - size / 2, size, size))
        if placed.event_id == self.selected_id:
            painter.setPen(QPen(QColor("#f1c40f"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(-2, -2, 2, 2))
        if not placed.label:
            return
        painter.setPen(colour.darker(110) if placed.kind == EventKind.DEADLINE else text)
        painter.drawText(
            QRectF(marker_right + 4, rect.top(), placed.label_width + 60, rect.height()),
            Qt.AlignmentFlag.AlignVCenter,
            placed.label,
        )


class TimelinePage(ListPage[EventRow]):
    """The events as a chart over a table.

    Signals:
        chart_ready: the chart has every event the audience sees, after a reload.
    """

    title = "Timeline"
    none = "No events"
    chart_ready = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[EventRow](
                "Date", lambda r: dated(r.start, r.end, r.precision), ("start", "end")
            ),
            Column[EventRow]("Event", lambda r: r.title, ("title", "start"), grow=True),
            Column[EventRow](
                "Kind",
                lambda r: r.kind.label,
                ("kind_label", "start"),
                colour=lambda r: KIND_COLOURS[r.kind],
            ),
            Column[EventRow]("Status", lambda r: r.status.label, ("status_label", "start")),
            Column[EventRow](
                "Days left",
                lambda r: days_left(r.start, workspace.reference_date(), r.status),
                ("start", "end"),
            ),
            Column[EventRow]("Place", lambda r: r.place, ("place", "start")),
            Column[EventRow]("Party", lambda r: r.party, ("party", "start")),
            Column[EventRow](
                "Handling", lambda r: workspace.marking(r.handling), ("handling", "start")
            ),
        ]
        super().__init__(workspace, columns, parent)
        self.chart = TimelineChart(self._chart_titles, self)
        self.chart.event_clicked.connect(self._chart_clicked)
        controls = QHBoxLayout()
        self.lanes = QComboBox(self)
        self.lanes.addItem("Lanes by kind", False)
        self.lanes.addItem("Lanes by party", True)
        self.lanes.setAccessibleName("Timeline lanes")
        self.lanes.currentIndexChanged.connect(self._lanes_chosen)
        controls.addWidget(self.lanes)
        for text, slot, tip in (
            ("Zoom in", self.chart.zoom_in, "Zoom in (+, Ctrl+wheel)"),
            ("Zoom out", self.chart.zoom_out, "Zoom out (−)"),
            ("Fit", self.chart.fit, "Show every event"),
            ("Today", lambda: self.chart.center_on(self.chart.today), "Scroll to today (T)"),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            controls.addWidget(button)
        controls.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("timelineSplitter")
        self.layout_.removeWidget(self.table)
        self.layout_.removeWidget(self.filter)
        self.layout_.insertLayout(0, controls)
        self.layout_.insertWidget(1, _legend(self))
        splitter.addWidget(self.chart)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.filter)
        bottom_layout.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.layout_.addWidget(splitter, 1)
        self._centered = False
        self._chart_generation = self._chart_shown = 0
        self._charted: tuple[int, int] | None = None  # (dossier, level) of the chart's read

    def _lanes_chosen(self, _index: int) -> None:
        self.chart.set_lanes_by_party(bool(self.lanes.currentData()))

    def source(self) -> QuerySource[EventRow]:
        """The table's rows; the chart's (every event's dates) are read in the background.

        Meanwhile the chart reads its titles again, so an edited title shows at once and
        an audience that may no longer see an event no longer sees its title.
        """
        ws = self.workspace
        self._chart_generation += 1
        generation, dossier_id, level = self._chart_generation, ws.dossier_id, ws.level
        ws.in_background(
            lambda session: events.chart_events(session, dossier_id, level),
            lambda events: self._chart_read(generation, (dossier_id, level), events),
        )
        charted = self._charted
        if charted is not None and charted[0] == dossier_id and same_level(charted[1], level):
            self.chart.relayout()
        else:
            # Another audience or dossier: the last read's lanes (party names) and density
            # counts are not for it, so the chart stays empty until its own read is in.
            self.chart.set_events(ChartEvents(), ws.reference_date(), self._marker())
        return QuerySource(ws.store, events.event_listing(dossier_id, level))

    def _chart_titles(self, ids: Sequence[int]) -> dict[int, str]:
        """The chart's titles for the events near its view, for the audience on screen."""
        ws = self.workspace
        with ws.store.session() as session:
            return events.event_titles(session, ws.dossier_id, ws.level, ids)

    def _marker(self) -> str:
        """What the chart's day line says: "today", or "as of" when the dossier counts days
        from its own date and the line stands there."""
        ws = self.workspace
        return "today" if ws.reference_date() == ws.today() else "as of"

    def chart_current(self) -> bool:
        """Whether the chart shows the data as it is (no read under way)."""
        return self._chart_shown == self._chart_generation and not self.stale

    def _chart_read(self, generation: int, read_for: tuple[int, int], events: ChartEvents) -> None:
        if generation != self._chart_generation:
            return  # the data changed again while this read ran
        self._chart_shown = generation
        self._charted = read_for
        ws = self.workspace
        self.chart.set_events(events, ws.reference_date(), self._marker())
        if not self._centered and len(events):
            self._centered = True
            self.chart.center_on(ws.reference_date())
        if self.model.rowCount() and (current := self.current_id()) is not None:
            self._show_in_chart(current)
        self.chart_ready.emit()

    def select_record(self, record_id: int, *, notify: bool = True) -> bool:
        found = super().select_record(record_id, notify=notify)
        if found:
            self._show_in_chart(record_id)
        return found

    def _show_in_chart(self, record_id: int) -> None:
        self.chart.select_event(record_id)

    def _chart_clicked(self, record_id: int) -> None:
        super().select_record(record_id)


def _legend(parent: QWidget) -> QLabel:
    """The kinds' colours, on a line of their own under the buttons, wrapping if need be.

    Beside the buttons and never wrapping, it made the window at least 1649 pixels wide
    once the timeline had been shown.
    """
    entries = [
        f'<span style="color:{colour}">■</span>&nbsp;{kind.label}'
        for kind, colour in KIND_COLOURS.items()
    ]
    legend = QLabel(
        " &nbsp; ".join([*entries, "<i>dashed: the date is known only to the week or month</i>"]),
        parent,
    )
    legend.setWordWrap(True)
    legend.setAccessibleName("Timeline legend")
    return legend


def _marker_right(x0: float, x1: float, *, is_span: bool) -> float:
    """Where an event's bar or marker ends; its label starts 4 pixels further."""
    return x0 + max(x1 - x0, 3) if is_span else x0 + MARKER_SIZE


def _free_sub_row(ends: list[float], x0: float) -> int | None:
    """The first sub-row clear before x0, a new one while there may be more, or None."""
    for sub, end in enumerate(ends):
        if end < x0:
            return sub
    return len(ends) if len(ends) < MAX_SUB_ROWS else None
