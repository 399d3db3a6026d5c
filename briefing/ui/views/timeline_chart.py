"""The timeline chart: events drawn on a date axis in lanes, with a today line.

The chart keeps every event as a few numbers (:class:`~briefing.store.lists.events.ChartEvents`)
and lays out only a window: the view and a viewport's width either side. A window of few
enough events is placed in sub-rows with titles read from SQL for its events alone; a
crowded one is drawn as density, counted per pixel column from the numbers. Both are
worked out (in :mod:`briefing.domain.timeline`, with no Qt) when the view leaves the window
or the zoom, lanes or data change, never per frame: a ministry's 100,000 events take about
3 MB, and a zoom step tens of milliseconds. This module paints and handles input.
"""

from __future__ import annotations

import datetime as dt
from array import array

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
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from briefing.domain import timeline as layout
from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.timeline import (
    AXIS_HEIGHT,
    LANE_GAP,
    LANE_LABEL_WIDTH,
    MARKER_SIZE,
    MAX_SCALE,
    MIN_SCALE,
    MONTH_ROW,
    SUB_ROW_HEIGHT,
    Axis,
    Placed,
    TitleFetch,
    Window,
)
from briefing.store.lists.events import ChartEvents
from briefing.ui.i18n import current, translate, word

KIND_COLOURS = {
    EventKind.MEETING: "#2e86c1",
    EventKind.CALL: "#5dade2",
    EventKind.SUMMIT: "#8e44ad",
    EventKind.DEADLINE: "#c0392b",
    EventKind.ELECTION: "#1e8449",
    EventKind.ANNOUNCEMENT: "#7f8c8d",
    EventKind.FLIGHT: "#16a085",
    EventKind.TRANSFER: "#48c9b0",
    EventKind.HOTEL: "#a1887f",
    EventKind.RECEPTION: "#d35d8f",
    EventKind.PRESS_EVENT: "#e67e22",
}
_KIND_QCOLOURS = {kind: QColor(colour) for kind, colour in KIND_COLOURS.items()}
"""Parsed once: the chart paints up to a few thousand events a frame."""
TICK_GAP = 60
"""Pixels from one month tick to the next, at least: room for "Sep 2025"."""


class TimelineChart(QAbstractScrollArea):
    """Events on a date axis. ``scale`` is pixels per day; the scroll bar pans.

    Attributes:
        events: every event the audience sees, as columns of numbers in date order.
        titles: reads the titles of the events near the view (the chart never opens the
            store itself, and asks only while laying out a window, never while painting).
        lanes: the lanes' names, top to bottom.

    Signals:
        event_clicked(int): the id of the event under a click.
    """

    event_clicked = Signal(int)

    def __init__(self, titles: TitleFetch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("Timeline", "Timeline chart"))
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
        self._lanes = layout.lanes(self.events, by_party=False)
        self._window = Window((0.0, 0.0), False, [])
        self._lane_tops = self._window.lane_tops()
        self._laid_out = False
        self._last_day = 0
        self._long = array("i")
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
        extent = layout.extent(events.first, events.last, today)
        self.origin, self.span_days, self._last_day = (
            extent.origin,
            extent.span_days,
            extent.last_day,
        )
        self._long = layout.long_events(events.first, events.last)
        self._lanes = layout.lanes(events, by_party=self.lane_of_party)
        self.relayout()

    def set_lanes_by_party(self, by_party: bool) -> None:
        self.lane_of_party = by_party
        self._lanes = layout.lanes(self.events, by_party=by_party)
        self.relayout()

    @property
    def lanes(self) -> list[str]:
        return self._lanes.names

    @property
    def laid_out(self) -> tuple[float, float] | None:
        """The content x range of the window laid out (None: to be laid out again)."""
        return self._window.bounds if self._laid_out else None

    @property
    def placed(self) -> list[Placed]:
        """The window's events in sub-rows, ordered by ``x0``; empty as density."""
        return self._window.placed

    @property
    def density(self) -> list[array[int]]:
        """Per lane, how many events start in each pixel column of the window, from content
        x ``density_from``; empty while events are placed."""
        return self._window.density

    @property
    def density_from(self) -> int:
        return self._window.density_from

    @property
    def lane_rows(self) -> list[int]:
        """Each lane's height in sub-rows."""
        return self._window.lane_rows

    def axis(self) -> Axis:
        return Axis(self.origin, self.scale)

    def x_of(self, day: dt.date) -> float:
        return self.axis().x_of(day)

    def day_at(self, x: float) -> dt.date:
        return self.axis().day_at(x)

    def view_range(self) -> tuple[float, float]:
        """The content x range the viewport shows events in (right of the lane names)."""
        left = self.horizontalScrollBar().value()
        return left + LANE_LABEL_WIDTH, left + self.viewport().width()

    def relayout(self) -> None:
        """Lay out the window around the view again: the zoom, lanes or data changed."""
        self._laid_out = False
        self._ensure_layout()

    def _ensure_layout(self) -> None:
        """Lay out a new window if the view left the old one or crossed DETAIL_LIMIT."""
        if self._holding:
            return
        left, right = self.view_range()
        axis = self.axis()
        dense = layout.is_dense(self.events.first, axis, left, right)
        if self._laid_out and self._window.covers(left, right, dense=dense):
            return
        metrics = QFontMetrics(self.font())
        self._window = layout.lay_out(
            self.events,
            self._lanes,
            self._long,
            axis=axis,
            view=(left, right),
            margin=self.viewport().width(),
            today=self.today,
            titles=self.titles,
            labels=layout.Labels(metrics.horizontalAdvance, metrics.maxWidth()),
        )
        self._lane_tops = self._window.lane_tops()
        self._laid_out = True
        self._update_scroll_range()
        self.viewport().update()

    def lane_top(self, lane: int) -> int:
        """The top of a lane (of the bottom of the last, for ``len(lanes)``) in content y."""
        return self._lane_tops[lane]

    def content_width(self) -> int:
        return int(LANE_LABEL_WIDTH + self.span_days * self.scale + 200)

    def content_size(self) -> QSize:
        width = self.content_width()
        height = self.lane_top(len(self.lane_rows)) + 10
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
        for placed in self.visible(x, x):
            if self.rect_of(placed).contains(x, y):
                return placed.event_id
        return None

    def visible(self, left: float, right: float) -> list[Placed]:
        """The window's events whose drawing intersects content x [left, right]."""
        return self._window.visible(left, right)

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
            for placed in self.visible(left, right):
                self._paint_event(painter, placed, text_colour)
        painter.restore()

        painter.fillRect(
            QRect(0, AXIS_HEIGHT, LANE_LABEL_WIDTH, self.viewport().height()),
            palette.color(QPalette.ColorRole.Window),
        )
        painter.setPen(text_colour)
        for lane, name in enumerate(self.lane_titles()):
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

    def axis_labels(self, left: float, right: float) -> list[tuple[dt.date, str]]:
        """The months the axis marks between x ``left`` and ``right``, in the interface's
        language ("2025년 7월" in Korean), with their days."""
        return layout.month_ticks(
            self.day_at(left), self.day_at(right), 30 * self.scale, TICK_GAP, current()
        )

    def lane_titles(self) -> list[str]:
        """The lanes' names as drawn: a kind or "Joint" translated, a party's code as is."""
        return [word(name) for name in self.lanes]

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
        for day, label in self.axis_labels(left, right):
            x = self.x_of(day) - dx
            painter.setPen(mid)
            painter.drawLine(int(x), MONTH_ROW - 8, int(x), MONTH_ROW)
            painter.setPen(text)
            painter.drawText(int(x) + 3, MONTH_ROW - 10, label)

    def _paint_event(self, painter: QPainter, placed: Placed, text: QColor) -> None:
        rect = self.rect_of(placed)
        colour = _KIND_QCOLOURS[placed.kind]
        if placed.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
            colour = QColor(colour)
            colour.setAlpha(110)
        known_to_the_day = placed.precision == DatePrecision.DAY
        marker_right = layout.marker_right(placed.x0, placed.x1, is_span=placed.is_span)
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
