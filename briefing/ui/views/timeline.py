"""The timeline: events drawn on a date axis in lanes, with a today line, and a table.

The chart paints only the events inside the visible date range, so zooming out over a
large dossier stays smooth; layout (which sub-row each label goes in) is computed once
per zoom level, not per frame.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
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
from briefing.domain.events import days_left
from briefing.store import queries
from briefing.store.queries import EventRow
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
LANE_LABEL_WIDTH = 110
AXIS_HEIGHT = 34
SUB_ROW_HEIGHT = 22
LANE_GAP = 8
MIN_SCALE, MAX_SCALE = 0.02, 120.0
MAX_SUB_ROWS = 12
"""Labels of crowded events stack this deep in a lane, then overlap."""
LANE_OF_KIND = {kind: kind.label for kind in EventKind}
"""Lane names looked up, not rebuilt, for each of a big dossier's events on every zoom."""
DETAIL_LIMIT = 1500
"""Past this many events in view the chart draws their density, not each event."""


@dataclass(slots=True)
class Placed:
    row: EventRow
    lane: int
    sub_row: int
    x0: float
    x1: float
    label_width: int


class TimelineChart(QAbstractScrollArea):
    """Events on a date axis. ``scale`` is pixels per day; the scroll bar pans.

    Signals:
        event_clicked(int): the id of the event under a click.
    """

    event_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline chart")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.rows: list[EventRow] = []
        self.label_widths: list[int] = []
        self._first_days: list[int] = []
        self._after_days: list[int] = []
        self.lane_of_party = False
        self.scale = 6.0
        self.today = dt.date.today()
        self.origin = dt.date.today()
        self.span_days = 1
        self.selected_id: int | None = None
        self.lanes: list[str] = []
        self.lane_rows: list[int] = []
        self.placed: list[Placed] = []
        self._starts: list[float] = []
        self._drag_from: QPoint | None = None
        self._drag_value = 0
        self.paint_count = 0

    # ------------------------------------------------------------ data and layout

    def set_rows(self, rows: Sequence[EventRow], today: dt.date) -> None:
        self.rows = list(rows)
        self.today = today
        metrics = QFontMetrics(self.font())
        self.label_widths = [metrics.horizontalAdvance(r.title) + 12 for r in self.rows]
        days = [r.start for r in self.rows] + [r.end for r in self.rows] + [today]
        self.origin = min(days) - dt.timedelta(days=14)
        self.span_days = (max(days) - self.origin).days + 30
        origin = self.origin.toordinal()
        # Day numbers from the origin, worked out once: zooming only rescales them.
        self._first_days = [r.start.toordinal() - origin for r in self.rows]
        self._after_days = [r.end.toordinal() - origin + 1 for r in self.rows]
        self.relayout()

    def set_lanes_by_party(self, by_party: bool) -> None:
        self.lane_of_party = by_party
        self.relayout()

    def x_of(self, day: dt.date) -> float:
        return LANE_LABEL_WIDTH + (day - self.origin).days * self.scale

    def day_at(self, x: float) -> dt.date:
        return self.origin + dt.timedelta(days=(x - LANE_LABEL_WIDTH) / self.scale)

    def _lane_key(self, row: EventRow) -> str:
        return (row.party or "No party") if self.lane_of_party else LANE_OF_KIND[row.kind]

    def relayout(self) -> None:
        """Place every event in its lane and sub-row at the current scale.

        The loop runs once per event on each zoom, so it works on plain numbers worked out
        in ``set_rows``: a ministry's 100,000 events re-place in a fraction of a second.
        """
        row_keys = [self._lane_key(r) for r in self.rows]
        keys = sorted(set(row_keys))
        self.lanes = keys
        lane_index = {k: i for i, k in enumerate(keys)}
        ends: list[list[float]] = [[] for _ in keys]
        placed = []
        width = self.content_width() + 1 if len(self.rows) > DETAIL_LIMIT else 1
        self.density = [[0] * width for _ in keys]
        scale, left = self.scale, LANE_LABEL_WIDTH
        for row, key, label, first, after in zip(
            self.rows, row_keys, self.label_widths, self._first_days, self._after_days, strict=True
        ):
            lane = lane_index[key]
            x0 = left + first * scale
            x1 = max(left + after * scale, x0 + 2)
            right = max(x1, x0 + 10 + label)
            sub_rows = ends[lane]
            for sub, end in enumerate(sub_rows):
                if end < x0:
                    sub_rows[sub] = right
                    break
            else:
                if len(sub_rows) < MAX_SUB_ROWS:
                    sub = len(sub_rows)
                    sub_rows.append(right)
                else:
                    sub = min(range(len(sub_rows)), key=sub_rows.__getitem__)
                    sub_rows[sub] = right
            placed.append(Placed(row, lane, sub, x0, x1, label))
            self.density[lane][min(int(x0), width - 1)] += 1
        self.lane_rows = [max(1, len(e)) for e in ends]
        placed.sort(key=lambda p: p.x0)
        self.placed = placed
        self._starts = [p.x0 for p in placed]
        self._update_scroll_range()
        self.viewport().update()

    def lane_top(self, lane: int) -> int:
        return AXIS_HEIGHT + sum(n * SUB_ROW_HEIGHT + LANE_GAP for n in self.lane_rows[:lane])

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

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 260)

    # ------------------------------------------------------------ zoom and pan

    def set_scale(self, scale: float, anchor_x: float | None = None) -> None:
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        if anchor_x is None:
            anchor_x = self.viewport().width() / 2
        day = self.day_at(anchor_x + self.horizontalScrollBar().value())
        self.scale = scale
        self.relayout()
        self.horizontalScrollBar().setValue(int(self.x_of(day) - anchor_x))

    def zoom_in(self) -> None:
        self.set_scale(self.scale * 1.5)

    def zoom_out(self) -> None:
        self.set_scale(self.scale / 1.5)

    def center_on(self, day: dt.date) -> None:
        self.horizontalScrollBar().setValue(int(self.x_of(day) - self.viewport().width() / 2))

    def fit(self) -> None:
        """Show every event in the viewport."""
        if not self.rows:
            return
        first = min(r.start for r in self.rows)
        last = max(r.end for r in self.rows)
        usable = max(100, self.viewport().width() - LANE_LABEL_WIDTH - 60)
        self.set_scale(usable / max(1, (last - first).days + 1))
        self.horizontalScrollBar().setValue(int(self.x_of(first) - LANE_LABEL_WIDTH - 20))

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
        self.viewport().update()

    # ------------------------------------------------------------ geometry and painting

    def rect_of(self, placed: Placed) -> QRectF:
        """Where an event is drawn, in content coordinates (before scrolling)."""
        top = self.lane_top(placed.lane) + placed.sub_row * SUB_ROW_HEIGHT + 3
        return QRectF(
            placed.x0, top, max(placed.x1 - placed.x0, 10) + placed.label_width, SUB_ROW_HEIGHT - 6
        )

    def event_at(self, point: QPoint) -> int | None:
        x = point.x() + self.horizontalScrollBar().value()
        y = point.y() + self.verticalScrollBar().value()
        for placed in self._visible(x - 2000, x + 2):
            if self.rect_of(placed).contains(x, y):
                return placed.row.id
        return None

    def _visible(self, left: float, right: float) -> list[Placed]:
        """Events whose drawing may intersect [left, right] (labels reach right of x0)."""
        widest = 2000.0
        start = bisect.bisect_left(self._starts, left - widest)
        stop = bisect.bisect_right(self._starts, right)
        return [p for p in self.placed[start:stop] if p.x1 + p.label_width >= left]

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
        painter.save()
        painter.setClipRect(QRect(LANE_LABEL_WIDTH, AXIS_HEIGHT, width, self.viewport().height()))
        painter.translate(-dx, -dy)
        metrics = painter.fontMetrics()
        in_view = bisect.bisect_right(self._starts, right) - bisect.bisect_left(self._starts, left)
        if in_view > DETAIL_LIMIT:
            self._paint_density(painter, int(left), int(right))
        else:
            for placed in self._visible(left, right):
                self._paint_event(painter, placed, text_colour, metrics)
        today_x = self.x_of(self.today)
        if left <= today_x <= right:
            painter.setPen(QPen(QColor("#e74c3c"), 2, Qt.PenStyle.DashLine))
            painter.drawLine(
                int(today_x), dy + AXIS_HEIGHT, int(today_x), dy + self.viewport().height()
            )
        painter.restore()
        if left <= today_x <= right:
            painter.setPen(QColor("#e74c3c"))
            painter.drawText(int(today_x - dx) + 4, AXIS_HEIGHT + 14, "today")

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

    def _paint_density(self, painter: QPainter, left: int, right: int) -> None:
        """Too many events to draw one by one: a bar per pixel column, its height the count."""
        for lane, counts in enumerate(self.density):
            top = self.lane_top(lane)
            height = self.lane_rows[lane] * SUB_ROW_HEIGHT - 4
            peak = max(counts[max(left, 0) : right + 1], default=0) or 1
            lines = [
                QLineF(x, top + height, x, top + height - max(2.0, height * n / peak))
                for x in range(max(left, 0), min(right + 1, len(counts)))
                if (n := counts[x])
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
                painter.drawLine(int(x), AXIS_HEIGHT - 8, int(x), AXIS_HEIGHT)
                painter.setPen(text)
                label = f"{cursor:%b %Y}" if step < 12 else f"{cursor.year}"
                painter.drawText(int(x) + 3, AXIS_HEIGHT - 10, label)
            cursor = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)

    def _paint_event(
        self, painter: QPainter, placed: Placed, text: QColor, metrics: QFontMetrics
    ) -> None:
        row = placed.row
        rect = self.rect_of(placed)
        colour = QColor(KIND_COLOURS[row.kind])
        if row.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
            colour.setAlpha(110)
        selected = row.id == self.selected_id
        marker_right = placed.x0
        is_span = row.precision != DatePrecision.DAY or row.end > row.start
        if is_span:
            bar = QRectF(
                placed.x0, rect.top() + 2, max(placed.x1 - placed.x0, 3), rect.height() - 4
            )
            fill = QColor(colour)
            fill.setAlpha(70 if row.precision != DatePrecision.DAY else 160)
            painter.setPen(
                QPen(
                    colour,
                    1,
                    Qt.PenStyle.DashLine
                    if row.precision != DatePrecision.DAY
                    else Qt.PenStyle.SolidLine,
                )
            )
            painter.setBrush(fill)
            painter.drawRoundedRect(bar, 3, 3)
            marker_right = bar.right()
        else:
            cy = rect.center().y()
            size = 6
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            if row.kind == EventKind.DEADLINE:
                painter.drawRect(QRectF(placed.x0 - 1.5, rect.top(), 3, rect.height()))
            else:
                painter.drawEllipse(QRectF(placed.x0 - size / 2, cy - size / 2, size, size))
            marker_right = placed.x0 + size
        label = row.title
        if row.kind == EventKind.DEADLINE:
            label = f"{row.title}  {days_left(row.start, self.today)}"
        if selected:
            painter.setPen(QPen(QColor("#f1c40f"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(-2, -2, 2, 2))
        painter.setPen(colour.darker(110) if row.kind == EventKind.DEADLINE else text)
        painter.drawText(
            QRectF(marker_right + 4, rect.top(), placed.label_width + 60, rect.height()),
            Qt.AlignmentFlag.AlignVCenter,
            label,
        )


class TimelinePage(ListPage[EventRow]):
    """The events as a chart over a table.

    Signals:
        chart_ready: the chart has every event the audience sees, after a reload.
    """

    title = "Timeline"
    chart_ready = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[EventRow]("Date", lambda r: _when(r), ("start", "end")),
            Column[EventRow]("Event", lambda r: r.title, ("title", "start")),
            Column[EventRow](
                "Kind",
                lambda r: r.kind.label,
                ("kind_label", "start"),
                colour=lambda r: KIND_COLOURS[r.kind],
            ),
            Column[EventRow]("Status", lambda r: r.status.label, ("status_label", "start")),
            Column[EventRow](
                "Days left", lambda r: days_left(r.start, workspace.today()), ("start", "end")
            ),
            Column[EventRow]("Place", lambda r: r.place, ("place", "start")),
            Column[EventRow]("Party", lambda r: r.party, ("party", "start")),
            Column[EventRow](
                "Handling", lambda r: workspace.marking(r.handling), ("handling", "start")
            ),
        ]
        super().__init__(workspace, columns, parent)
        self.chart = TimelineChart(self)
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
        legend = QLabel(
            "  ".join(
                f'<span style="color:{c}">■</span> {k.label}' for k, c in KIND_COLOURS.items()
            )
            + "  <i>dashed bars: date known only to the week or month</i>",
            self,
        )
        controls.addWidget(legend)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("timelineSplitter")
        self.layout_.removeWidget(self.table)
        self.layout_.removeWidget(self.filter)
        self.layout_.insertLayout(0, controls)
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

    def _lanes_chosen(self, _index: int) -> None:
        self.chart.set_lanes_by_party(bool(self.lanes.currentData()))

    def source(self) -> QuerySource[EventRow]:
        """The table's rows; the chart's (every event) are read in the background."""
        ws = self.workspace
        self._chart_generation += 1
        generation, dossier_id, level = self._chart_generation, ws.dossier_id, ws.level
        ws.in_background(
            lambda session: queries.events(session, dossier_id, level),
            lambda rows: self._chart_read(generation, rows),
        )
        return QuerySource(ws.store, queries.event_listing(dossier_id, level))

    def chart_current(self) -> bool:
        """Whether the chart shows the data as it is (no read under way)."""
        return self._chart_shown == self._chart_generation and not self.stale

    def _chart_read(self, generation: int, rows: list[EventRow]) -> None:
        if generation != self._chart_generation:
            return  # the data changed again while this read ran
        self._chart_shown = generation
        ws = self.workspace
        self.chart.set_rows(rows, ws.today())
        if not self._centered and rows:
            self._centered = True
            _slug, _title, as_of = ws.dossier()
            self.chart.center_on(as_of or ws.today())
        if self.model.rowCount() and (current := self.current_id()) is not None:
            self._show_in_chart(current)
        self.chart_ready.emit()

    def select_record(self, record_id: int, *, notify: bool = True) -> bool:
        found = super().select_record(record_id, notify=notify)
        if found:
            self._show_in_chart(record_id)
        return found

    def _show_in_chart(self, record_id: int) -> None:
        self.chart.selected_id = record_id
        for placed in self.chart.placed:
            if placed.row.id == record_id:
                self.chart.center_on(placed.row.start)
        self.chart.viewport().update()

    def _chart_clicked(self, record_id: int) -> None:
        super().select_record(record_id)


def _when(row: EventRow) -> str:
    if row.precision == DatePrecision.MONTH:
        return f"{row.start:%B %Y}"
    if row.precision == DatePrecision.WEEK:
        return f"week of {row.start.isoformat()}"
    prefix = "c. " if row.precision == DatePrecision.APPROXIMATE else ""
    if row.end > row.start:
        return f"{prefix}{row.start.isoformat()} – {row.end.isoformat()}"
    return prefix + row.start.isoformat()
