"""The timeline chart: events by kind along a time axis, labelled, deadlines marked, today drawn.

A ReportLab Drawing, so it is vector, embeds the same subset fonts as the text, and its
labels extract as text (which lets the audience tests search them too).

Each kind with an event in the span has a lane; an event is labelled with its title on a
row of its lane, beside its mark, a lane taking as many rows (up to ``LANE_ROWS``) as its
labels need not to overlap. Deadlines are lines across the lanes, labelled above them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.book.data import EventV
from briefing.book.fonts import LATIN
from briefing.book.language import Speech
from briefing.book.markup import fit, runs, text_width
from briefing.book.styles import DEADLINE, INK, MUTED, RULE
from briefing.domain.enums import EventKind
from briefing.domain.programme import TRAVEL_KINDS
from briefing.domain.timeline import month_ticks
from briefing.i18n import N_

# The drawing renderer selects its default font at the start of every drawing, which
# would put an unembedded Helvetica into the PDF; the book's default is the bundled font.
STATE_DEFAULTS["fontName"] = LATIN

WINDOW_DAYS = 540
"""The chart shows the last ~18 months of the dossier; earlier events are in the table."""

DEADLINE_LABELS = 10
LABEL_ROWS = 4
"""Rows of deadline labels above the lanes."""
LANE_ROWS = 6
"""Rows of event labels a lane may take; an event that finds no room is left unlabelled
(and counted, so the note under the chart can say so)."""
ROW = 11.0
STRIP = 8.0
"""A crowded lane's strip, under its labelled rows, for the marks of events left unlabelled."""
LANE_PAD = 3.0
LABEL_SIZE = 6.5
GAP = 4.0
AXIS_LABEL = 60.0
TICK_GAP = 42.0
"""Points from one month tick to the next, at least: room for "Sep 2025" at 6.5 points."""
TODAY = colors.HexColor("#2e7d32")

KIND_COLOURS = {
    EventKind.MEETING: colors.HexColor("#1f5fa8"),
    EventKind.CALL: colors.HexColor("#5b8fd0"),
    EventKind.SUMMIT: colors.HexColor("#6a3fa0"),
    EventKind.ELECTION: colors.HexColor("#8a6d00"),
    EventKind.ANNOUNCEMENT: colors.HexColor("#59636e"),
    EventKind.FLIGHT: colors.HexColor("#0b7a75"),
    EventKind.TRANSFER: colors.HexColor("#4f9a94"),
    EventKind.HOTEL: colors.HexColor("#8d6e63"),
    EventKind.RECEPTION: colors.HexColor("#b5527a"),
    EventKind.PRESS_EVENT: colors.HexColor("#c26a00"),
}

TRAVEL_LANE = N_("Travel")
"""The one lane of the programme's travel kinds: five lanes of flights, hotels and the
like would crowd the talks' calendar off its page; the Programme section has them by day."""


def lane_of(kind: EventKind) -> str:
    """The lane an event of ``kind`` is drawn in, by its English name (said in the book's
    language when drawn): its kind's, or the travel lane."""
    return TRAVEL_LANE if kind in TRAVEL_KINDS else kind.label


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


def window(events: Sequence[EventV], today: dt.date) -> tuple[dt.date, dt.date]:
    """The span drawn: the recent events (up to WINDOW_DAYS before the last), stretched to
    today when today is within WINDOW_DAYS of them, padded."""
    end = max(e.last_day for e in events)
    cutoff = end - dt.timedelta(days=WINDOW_DAYS)
    start = min(e.start_date for e in events if e.last_day >= cutoff)
    start = max(start, cutoff)
    reach = dt.timedelta(days=WINDOW_DAYS)
    if start - reach <= today < start:
        start = today
    elif end < today <= end + reach:
        end = today
    pad = dt.timedelta(days=max(7, (end - start).days // 25))
    return start - pad, end + pad


def _ticks(
    start: dt.date, end: dt.date, plot_width: float, language: str
) -> list[tuple[dt.date, str]]:
    """The months marked on the axis: the GUI's ticks, at least TICK_GAP points apart."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return month_ticks(start, end, plot_width / months, TICK_GAP, language)


def _pale(colour: colors.Color) -> colors.Color:
    """``colour`` mixed three parts to one with white: a band text can be read on."""
    return colors.Color(0.75 + colour.red / 4, 0.75 + colour.green / 4, 0.75 + colour.blue / 4)


def _label(
    drawing: Drawing, x: float, y: float, text: str, colour: colors.Color, *, ground: bool = True
) -> None:
    """A label on a white ground, so grid, today and deadline lines pass behind it (none
    when it runs over its own span's band, which must stay visible)."""
    if ground:
        used = text_width(text, LABEL_SIZE)
        drawing.add(
            Rect(
                x - 1, y - 1.8, used + 2, LABEL_SIZE + 1.6, fillColor=colors.white, strokeColor=None
            )
        )
    add_text(drawing, x, y, text, LABEL_SIZE, colour)


@dataclass(frozen=True)
class Chart:
    """The drawing and what the note under it must say.

    Attributes:
        drawing: the chart itself.
        earlier: events before its span (they are in the table only).
        today_drawn: whether today falls in the span and is drawn.
        unlabelled: events in the span with no room for their label.
    """

    drawing: Drawing
    earlier: int
    today_drawn: bool
    unlabelled: int


@dataclass
class _Placed:
    event: EventV
    row: int
    label: tuple[float, str] | None
    """Where the label starts (x) and its text, or None when there was no room."""


def _fits(taken: list[tuple[float, float]], left: float, right: float) -> bool:
    return all(right + GAP <= a or left >= b + GAP for a, b in taken)


def _place(
    lane: list[EventV],
    x_of: Callable[[dt.date], float],
    label_of: Callable[[EventV], str],
    plot: tuple[float, float],
    today: dt.date,
) -> list[_Placed]:
    """Rows and label positions for one lane's events, those nearest today first."""
    plot_left, plot_right = plot
    rows: list[list[tuple[float, float]]] = [[] for _ in range(LANE_ROWS)]
    placed = []
    for event in sorted(lane, key=lambda e: (abs((e.start_date - today).days), e.id)):
        x0, x1 = x_of(event.start_date), x_of(event.last_day)
        text = fit(label_of(event), LABEL_SIZE, plot_right - plot_left)
        used = text_width(text, LABEL_SIZE)
        starts = [x1 + 4, x0 - 4 - used]
        if x1 - x0 >= 2:  # a span's label may run over its band when neither side has room
            starts += [x0 + 2, plot_right - used, plot_left]
        found: _Placed | None = None
        for row, taken in enumerate(rows):
            for x in starts:
                if x < plot_left or x + used > plot_right:
                    continue
                left, right = min(x, x0 - 2), max(x + used, x1 + 2)
                if _fits(taken, left, right):
                    taken.append((left, right))
                    found = _Placed(event, row, (x, text))
                    break
            if found is not None:
                break
        placed.append(found or _Placed(event, 0, None))
    return placed


def timeline_chart(
    events: Sequence[EventV],
    today: dt.date,
    width: float,
    mark: Callable[[int], str],
    *,
    marker: str = "today",
    speech: Speech | None = None,
) -> Chart:
    """The chart of the events' recent span, today and the deadlines in it; the line for
    ``today`` is labelled ``marker`` ("as of" when the book counts from its dossier's date).
    Its lanes and months are named in ``speech``'s language (English by default)."""
    speech = speech or Speech()
    start, end = window(events, today)
    plot_left, plot_right = AXIS_LABEL, width - 8
    plot_width = plot_right - plot_left
    span = max((end - start).days, 1)

    def x_of(day: dt.date) -> float:
        return plot_left + (min(max(day, start), end) - start).days / span * plot_width

    def label_of(event: EventV) -> str:
        return f"{mark(event.level)} {event.title}"

    shown = [e for e in events if e.last_day >= start and e.start_date <= end]
    lanes = list(dict.fromkeys(lane_of(k) for k in KIND_COLOURS if any(e.kind == k for e in shown)))
    placed = {
        lane: _place(
            [e for e in shown if lane_of(e.kind) == lane],
            x_of,
            label_of,
            (plot_left, plot_right),
            today,
        )
        for lane in lanes
    }
    heights = [
        LANE_PAD * 2
        + ROW * (1 + max((p.row for p in placed[k] if p.label), default=0))
        + (STRIP if any(p.label is None for p in placed[k]) else 0)
        for k in lanes
    ]
    axis_y = 18.0
    lanes_top = axis_y + 4 + sum(heights)
    drawing = Drawing(width, lanes_top + ROW * LABEL_ROWS + 8)

    drawing.add(Line(plot_left, axis_y, plot_right, axis_y, strokeColor=INK, strokeWidth=0.6))
    for day, label in _ticks(start, end, plot_width, speech.code):
        x = x_of(day)
        drawing.add(Line(x, axis_y - 3, x, lanes_top, strokeColor=RULE, strokeWidth=0.3))
        drawing.add(
            String(
                x,
                axis_y - 11,
                label,
                fontName=runs(label)[0][0].name(False),
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )

    today_drawn = start <= today <= end
    if today_drawn:
        # Under the events, so a mark or a label is never hidden by the line.
        x = x_of(today)
        drawing.add(Line(x, axis_y, x, lanes_top, strokeColor=TODAY, strokeWidth=1))
        drawing.add(
            String(
                x,
                axis_y - 18,
                marker,
                fontName=runs(marker)[0][0].name(True),
                fontSize=6.5,
                fillColor=TODAY,
                textAnchor="middle",
            )
        )

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
    unlabelled = 0
    bottom = axis_y + 4
    for lane, lane_height in zip(lanes, heights, strict=True):
        top = bottom + lane_height
        if bottom > axis_y + 4:
            drawing.add(Line(4, bottom, plot_right, bottom, strokeColor=RULE, strokeWidth=0.3))
        add_text(
            drawing,
            plot_left - 4,
            top - LANE_PAD - ROW / 2 - 2.5,
            speech.gettext(lane),
            7,
            MUTED,
            anchor="end",
        )
        for item in placed[lane]:
            colour = KIND_COLOURS[item.event.kind]
            y = top - LANE_PAD - ROW * item.row - ROW / 2
            if item.label is None:  # on the strip under the labelled rows
                y = bottom + LANE_PAD + STRIP / 2
            x0, x1 = x_of(item.event.start_date), x_of(item.event.last_day)
            if x1 - x0 >= 2:
                # A span is a pale band with a solid edge below, so a label that has to
                # run over it (a long span near both edges) stays readable.
                drawing.add(Rect(x0, y - 4, x1 - x0, 8, fillColor=_pale(colour), strokeColor=None))
                drawing.add(Rect(x0, y - 4, x1 - x0, 1.6, fillColor=colour, strokeColor=None))
            else:
                drawing.add(Rect(x0 - 1.6, y - 3, 3.2, 6, fillColor=colour, strokeColor=None))
            if item.label is None:
                unlabelled += 1
            else:
                x, text = item.label
                over = x < x1 and x + text_width(text, LABEL_SIZE) > x0
                _label(drawing, x, y - 2.3, text, INK, ground=not over)
        bottom = top

    labelled = sorted(deadlines, key=lambda e: (abs((e.last_day - today).days), e.id))
    row_ends: list[list[tuple[float, float]]] = [[] for _ in range(LABEL_ROWS)]
    for index, event in enumerate(labelled):
        x = x_of(event.last_day)
        day = event.last_day
        text = fit(f"{label_of(event)}, {day.day} {day:%b}", LABEL_SIZE, plot_right - 4)
        used = text_width(text, LABEL_SIZE)
        # Right of its line when it fits, else left of it, else as far right as the
        # plot allows: the label is never cut by the edge of the page.
        if x + 3 + used <= plot_right:
            left = x + 3
        elif x - 3 - used >= 4:
            left = x - 3 - used
        else:
            left = max(4.0, plot_right - used)
        span_x = (min(left, x), max(left + used, x))
        row = next(
            (i for i, taken in enumerate(row_ends) if _fits(taken, *span_x)),
            None,
        )
        if row is None or index >= DEADLINE_LABELS:
            unlabelled += 1
            continue
        y = lanes_top + 4 + ROW * row
        drawing.add(Line(x, lanes_top, x, y + 5, strokeColor=DEADLINE, strokeWidth=0.4))
        _label(drawing, left, y, text, DEADLINE)
        row_ends[row].append(span_x)
    used_rows = sum(1 for taken in row_ends if taken)
    drawing.height = lanes_top + ROW * used_rows + 6

    earlier = sum(1 for e in events if e.last_day < start)
    return Chart(drawing, earlier, today_drawn, unlabelled)
