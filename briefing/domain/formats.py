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

ENGLISH = "en"
"""The language dates and money are written in unless a caller names another: the book's source
language and the interface's (``briefing.i18n.LANGUAGES`` lists the codes)."""


SYMBOLS = {"USD": "$", "KRW": "₩", "EUR": "€", "JPY": "¥", "GBP": "£"}
"""Currencies a reader knows by their sign; any other is named by its code."""

_SIZES = ((10**12, " tn"), (10**9, " bn"), (10**6, " m"))

NO_COUNT = frozenset({EventStatus.HELD, EventStatus.CANCELLED})
"""Events whose days left are blank: a count of days since a meeting held two years ago
("D+629") told nobody anything, and a cancelled one has no day to count to."""


def money(amount: int | None, currency: str, language: str = ENGLISH) -> str:
    """ "$44 bn", "₩1.5 tn", "$350", "CHF 2.6 m": a sign where the currency has one, else the
    code ahead; large amounts to one decimal in m, bn or tn. Blank when no amount is known.
    In Korean, :func:`korean_money`: "440억 달러"."""
    if language == "ko":
        return korean_money(amount, currency)
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


KOREAN_CURRENCIES = {"KRW": "원", "USD": "달러", "EUR": "유로", "JPY": "엔", "GBP": "파운드"}
"""Currencies a Korean reader names by a word after the amount; any other by its code."""

KOREAN_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))
"""Korean groups large numbers by four digits, not three: 만 (10⁴), 억 (10⁸), 조 (10¹²)."""


def korean_number(value: int) -> str:
    """A whole number the Korean way, exactly: 44,000,000,000 is "440억", 1,500,000,000,000
    "1조 5000억", 12,345 "1만 2345"; below 10,000 the digits as they are ("350").

    Each four-digit group is followed by its unit and groups are spaced, as Korean
    spelling (한글 맞춤법 제44항) writes numbers by 만; a group of zeros is left out, so a
    round amount reads round, and nothing is rounded away.
    """
    if value < 0:
        return "-" + korean_number(-value)
    if value < 10**4:
        return str(value)
    parts = []
    rest = value
    for size, unit in KOREAN_UNITS:
        group, rest = divmod(rest, size)
        if group:
            parts.append(f"{korean_number(group) if group >= 10**4 else group}{unit}")
    if rest:
        parts.append(str(rest))
    return " ".join(parts)


def korean_money(amount: int | None, currency: str) -> str:
    """ "440억 달러", "1조 5000억 원", "350달러", "260만 CHF": the amount by
    :func:`korean_number`, then the currency's Korean word (spaced after a unit, set close
    after bare digits, as Korean newspapers print them), or its code; blank when unknown."""
    if amount is None:
        return ""
    figure = korean_number(amount)
    word = KOREAN_CURRENCIES.get(currency, currency)
    if not word:
        return figure
    spaced = not figure[-1].isdigit() or word == currency
    return f"{figure} {word}" if spaced else f"{figure}{word}"


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


KOREAN_WEEKDAYS = ("월", "화", "수", "목", "금", "토", "일")
"""Days of the week, Monday first, as a Korean date gives them in brackets."""


def fmt_date(value: dt.date | None, language: str = ENGLISH) -> str:
    """ "8 Jul 2025": unambiguous to readers on both sides, unlike 7/8/2025; in Korean
    "2025년 7월 8일". "—" when unknown."""
    if value is None:
        return "—"
    if language == "ko":
        return korean_date(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value:%Y}"


def month_label(day: dt.date, language: str = ENGLISH, *, year_only: bool = False) -> str:
    """A timeline axis's mark for ``day``'s month: "Jul 2025" or "2025년 7월"; with
    ``year_only``, "2025" or "2025년"."""
    if language == "ko":
        return f"{day.year}년" if year_only else f"{day.year}년 {day.month}월"
    return str(day.year) if year_only else f"{MONTHS[day.month - 1]} {day.year}"


def korean_date(value: dt.date | None, *, weekday: bool = False) -> str:
    """ "2025년 4월 24일", with "(목)" after it when ``weekday``; "—" when unknown."""
    if value is None:
        return "—"
    text = f"{value.year}년 {value.month}월 {value.day}일"
    return f"{text} ({KOREAN_WEEKDAYS[value.weekday()]})" if weekday else text


def dated(
    start: dt.date, end: dt.date | None, precision: DatePrecision, language: str = ENGLISH
) -> str:
    """An event's dates as precisely as the sources give them, and no more precisely:
    "July 2025", "week of 7 Jul 2025", "about 8 Jul 2025", "Tue 8 Jul 2025 – 10 Jul 2025".

    The book and the interface both write dates here, each in its own language, so a
    Korean book and the Korean window read "2025년 7월 8일경" alike."""
    if language == "ko":
        return korean_dated(start, end, precision)
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


def korean_dated(start: dt.date, end: dt.date | None, precision: DatePrecision) -> str:
    """An event's dates as precisely as the sources give them: "2025년 7월", "2025년 7월 7일
    주간", "2025년 7월 8일경", "2025년 4월 24일 (목) – 2025년 4월 25일"."""
    match precision:
        case DatePrecision.WEEK:
            text = f"{korean_date(start)} 주간"
        case DatePrecision.MONTH:
            text = f"{start.year}년 {start.month}월"
        case DatePrecision.APPROXIMATE:
            text = f"{korean_date(start)}경"
        case _:
            text = korean_date(start, weekday=True)
    if end is not None and end != start:
        text += f" – {korean_date(end)}"
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
