"""The timeline chart: events by kind along a time axis, deadlines marked, today drawn.

A ReportLab Drawing, so it is vector, embeds the same subset fonts as the text, and its
labels extract as text (which lets the audience tests search them too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.book.data import EventV
from briefing.book.fonts import LATIN, LATIN_BOLD
from briefing.book.markup import fit, runs, text_width
from briefing.book.styles import DEADLINE, INK, MUTED, RULE
from briefing.domain.enums import EventKind

# The drawing renderer selects its default font at the start of every drawing, which
# would put an unembedded Helvetica into the PDF; the book's default is the bundled font.
STATE_DEFAULTS["fontName"] = LATIN

WINDOW_DAYS = 540
"""The chart shows the last ~18 months of the dossier; earlier events are in the table."""

DEADLINE_LABELS = 10
LABEL_ROWS = 4
LANE = 16.0
LABEL_ROW = 11.0
AXIS_LABEL = 60.0
TODAY = colors.HexColor("#2e7d32")

KIND_COLOURS = {
    EventKind.MEETING: colors.HexColor("#1f5fa8"),
    EventKind.CALL: colors.HexColor("#5b8fd0"),
    EventKind.SUMMIT: colors.HexColor("#6a3fa0"),
    EventKind.ELECTION: colors.HexColor("#8a6d00"),
    EventKind.ANNOUNCEMENT: colors.HexColor("#59636e"),
}


def add_text(
    drawing: Drawing,
    x: float,
    y: float,
    text: str,
    size: float,
    colour: colors.Color,
    *,
    anchor: str = "start",
    width: float | None = None,
) -> float:
    """User text as Strings, one per font run; returns the width used."""
    if width is not None:
        text = fit(text, size, width)
    pieces = [(face.regular, chunk) for face, chunk in runs(text)]
    total = float(sum(stringWidth(chunk, name, size) for name, chunk in pieces))
    if anchor == "end":
        x -= total
    elif anchor == "middle":
        x -= total / 2
    for name, chunk in pieces:
        drawing.add(String(x, y, chunk, fontName=name, fontSize=size, fillColor=colour))
        x += stringWidth(chunk, name, size)
    return total


def window(events: Sequence[EventV]) -> tuple[dt.date, dt.date]:
    """The span drawn: the recent events (up to WINDOW_DAYS before the last), padded."""
    end = max(e.last_day for e in events)
    cutoff = end - dt.timedelta(days=WINDOW_DAYS)
    start = min(e.start_date for e in events if e.last_day >= cutoff)
    start = max(start, cutoff)
    pad = dt.timedelta(days=max(7, (end - start).days // 25))
    return start - pad, end + pad


def _ticks(start: dt.date, end: dt.date, plot_width: float) -> list[tuple[dt.date, str]]:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1
    while months / step * 42 > plot_width:
        step += 1
    ticks = []
    year, month = start.year, start.month
    index = 0
    while (year, month) <= (end.year, end.month):
        day = dt.date(year, month, 1)
        if day >= start and index % step == 0:
            ticks.append((day, f"{day:%b %Y}" if step < 12 else f"{day:%Y}"))
        index += 1
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return ticks


def timeline_chart(
    events: Sequence[EventV],
    today: dt.date,
    width: float,
    mark: Callable[[int], str],
) -> tuple[Drawing, int]:
    """The chart, and how many earlier events fall before its window."""
    start, end = window(events)
    lanes = [k for k in KIND_COLOURS if any(e.kind == k for e in events)]
    plot_left, plot_right = AXIS_LABEL, width - 8
    plot_width = plot_right - plot_left
    span = max((end - start).days, 1)
    axis_y = 18.0
    lanes_top = axis_y + 8 + LANE * max(len(lanes), 1)
    height = lanes_top + LABEL_ROW * LABEL_ROWS + 8
    drawing = Drawing(width, height)

    def x_of(day: dt.date) -> float:
        return plot_left + (min(max(day, start), end) - start).days / span * plot_width

    drawing.add(Line(plot_left, axis_y, plot_right, axis_y, strokeColor=INK, strokeWidth=0.6))
    for day, label in _ticks(start, end, plot_width):
        x = x_of(day)
        drawing.add(Line(x, axis_y - 3, x, lanes_top, strokeColor=RULE, strokeWidth=0.3))
        drawing.add(
            String(
                x,
                axis_y - 11,
                label,
                fontName=LATIN,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )

    shown = [e for e in events if e.last_day >= start]
    for index, kind in enumerate(lanes):
        y = axis_y + 8 + LANE * index + LANE / 2
        add_text(drawing, plot_left - 4, y - 2.5, kind.label, 7, MUTED, anchor="end")
        colour = KIND_COLOURS[kind]
        drawn: set[int] = set()
        for event in (e for e in shown if e.kind == kind):
            x0, x1 = x_of(event.start_date), x_of(event.last_day)
            if x1 - x0 >= 2:
                drawing.add(Rect(x0, y - 2.5, x1 - x0, 5, fillColor=colour, strokeColor=None))
            elif round(x0) not in drawn:
                drawn.add(round(x0))
                drawing.add(Rect(x0 - 1.6, y - 3, 3.2, 6, fillColor=colour, strokeColor=None))

    deadlines = [e for e in shown if e.kind == EventKind.DEADLINE]
    for event in deadlines:
        x = x_of(event.last_day)
        drawing.add(
            Line(
                x,
                axis_y,
                x,
                lanes_top,
                strokeColor=DEADLINE,
                strokeWidth=0.6,
                strokeDashArray=[2, 2],
            )
        )
        drawing.add(
            Polygon(
                [x, axis_y - 3.5, x + 3.5, axis_y, x, axis_y + 3.5, x - 3.5, axis_y],
                fillColor=DEADLINE,
                strokeColor=None,
            )
        )
    labelled = sorted(deadlines, key=lambda e: (abs((e.last_day - today).days), e.id))[
        :DEADLINE_LABELS
    ]
    row_ends = [-1e9] * LABEL_ROWS
    for event in sorted(labelled, key=lambda e: (e.last_day, e.id)):
        x = x_of(event.last_day)
        text = fit(f"{mark(event.level)} {event.title}, {event.last_day:%d %b}", 6.5, 160.0)
        used = text_width(text, 6.5)
        fits_right = x + 3 + used <= plot_right
        left, right = (x, x + 3 + used) if fits_right else (x - 3 - used, x)
        row = next((i for i, end_x in enumerate(row_ends) if end_x < left - 2), None)
        if row is None:
            continue
        y = lanes_top + 4 + LABEL_ROW * row
        drawing.add(Line(x, lanes_top, x, y + 5, strokeColor=DEADLINE, strokeWidth=0.4))
        if fits_right:
            add_text(drawing, x + 3, y, text, 6.5, DEADLINE)
        else:
            add_text(drawing, x - 3, y, text, 6.5, DEADLINE, anchor="end")
        row_ends[row] = right

    if start <= today <= end:
        x = x_of(today)
        drawing.add(Line(x, axis_y, x, lanes_top, strokeColor=TODAY, strokeWidth=1))
        drawing.add(
            String(
                x,
                axis_y - 18,
                "today",
                fontName=LATIN_BOLD,
                fontSize=6.5,
                fillColor=TODAY,
                textAnchor="middle",
            )
        )
    earlier = sum(1 for e in events if e.last_day < start)
    return drawing, earlier
