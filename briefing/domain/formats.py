"""How a value reads, once, for the screen and the printed book alike.

The GUI and the book used to print the same chip's value as "$44 billion" and "USD 44 bn"
and to count an event's days to its start in one and its end in the other; a reader who
compared the screen with the book could not tell which was right. Each thing is formatted
here, in plain text (no Qt, no ReportLab markup, no database), and both call it; each
caller escapes the text for its own medium.
"""

from __future__ import annotations

import datetime as dt

from briefing.domain.enums import DatePrecision, EventStatus

SYMBOLS = {"USD": "$", "KRW": "₩", "EUR": "€", "JPY": "¥", "GBP": "£"}
"""Currencies a reader knows by their sign; any other is named by its code."""

_SIZES = ((10**12, " tn"), (10**9, " bn"), (10**6, " m"))

NO_COUNT = frozenset({EventStatus.HELD, EventStatus.CANCELLED})
"""Events whose days left are blank: a count of days since a meeting held two years ago
("D+629") told nobody anything, and a cancelled one has no day to count to."""


def money(amount: int | None, currency: str) -> str:
    """ "$44 bn", "₩1.5 tn", "$350", "CHF 2.6 m": a sign where the currency has one, else the
    code ahead; large amounts to one decimal in m, bn or tn. Blank when no amount is known."""
    if amount is None:
        return ""
    sign, size_of = ("-", -amount) if amount < 0 else ("", amount)
    for size, unit in _SIZES:
        if size_of >= size:
            figure = f"{size_of / size:.1f}".removesuffix(".0") + unit
            break
    else:
        figure = f"{size_of:,}"
    symbol = SYMBOLS.get(currency)
    if symbol is not None:
        return f"{sign}{symbol}{figure}"
    return f"{sign}{currency} {figure}" if currency else sign + figure


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Months as :func:`fmt_date` writes them, whatever the process's locale (Qt sets it from
the environment), so the lists' SQL (:mod:`briefing.domain.date_sql`) writes them the same."""
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Months in full, for a date known only to its month ("July 2025")."""
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Days of the week, Monday first (:meth:`datetime.date.weekday`)."""


def fmt_date(value: dt.date | None) -> str:
    """ "8 Jul 2025": unambiguous to readers on both sides, unlike 7/8/2025; "—" when unknown."""
    if value is None:
        return "—"
    return f"{value.day} {MONTHS[value.month - 1]} {value:%Y}"


def dated(start: dt.date, end: dt.date | None, precision: DatePrecision) -> str:
    """An event's dates as precisely as the sources give them, and no more precisely:
    "July 2025", "week of 7 Jul 2025", "about 8 Jul 2025", "Tue 8 Jul 2025 – 10 Jul 2025"."""
    match precision:
        case DatePrecision.WEEK:
            text = f"week of {fmt_date(start)}"
        case DatePrecision.MONTH:
            text = f"{MONTH_NAMES[start.month - 1]} {start:%Y}"
        case DatePrecision.APPROXIMATE:
            text = f"about {fmt_date(start)}"
        case _:
            text = f"{WEEKDAYS[start.weekday()]} {fmt_date(start)}"
    if end is not None and end != start:
        text += f" – {fmt_date(end)}"
    return text


def days_left(first_day: dt.date, today: dt.date, status: EventStatus | None = None) -> str:
    """The Korean-style countdown: calendar days from ``today`` (the dossier's reference
    date) to the event's first day, "D-12" before it, "D-day" on it, "D+3" after; blank
    for a held or cancelled event. One rule for every list, details pane and book page."""
    if status in NO_COUNT:
        return ""
    days = (first_day - today).days
    return f"D-{days}" if days > 0 else ("D-day" if days == 0 else f"D+{-days}")


def marking(mark: str) -> str:
    """A portion marking as it leads a paragraph or value: "(C)"."""
    return f"({mark})"


def marked(mark: str, name: str) -> str:
    """A handling level, or a value led by its marking: "(C) Confidential"."""
    return f"{marking(mark)} {name}"


DISPUTED = "disputed"
"""The word a list adds to a record whose sources disagree."""


def disputed(noun: str) -> str:
    """The note a record's details carry when its sources disagree: why it is disputed."""
    return f"{DISPUTED}: sources disagree on this {noun}"
