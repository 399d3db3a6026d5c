"""An event's dates as the lists show them, spelled in SQL, so a filter finds what it shows.

The timeline's Date column reads "Tue 8 Jul 2025", "week of 7 Jul 2025", "July 2025" or
"about 8 Jul 2025 – 10 Jul 2025" (:func:`briefing.domain.formats.dated`), while the database
holds "2025-07-08": a filter over the stored value found "2025-07" and not "8 Jul". Lists
filter in SQL a page at a time, so the same text is built there, natively (no Python call
per row), with the month and day names Python's own formatting gives them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, case, func, literal
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from briefing.domain.enums import DatePrecision

_SOME_SUNDAY = dt.date(2023, 1, 1)

Column = ColumnElement[Any] | QueryableAttribute[Any]


def _text(value: Any) -> ColumnElement[str]:
    return literal(value, String) if isinstance(value, str) else value


def _join(*parts: Any) -> ColumnElement[str]:
    """The parts one after the other (SQL's ``||``)."""
    joined = _text(parts[0])
    for part in parts[1:]:
        joined = joined.concat(_text(part))
    return joined


def _names(column: ColumnElement[str], keys: dict[str, str]) -> ColumnElement[str]:
    return case(keys, value=column, else_="")


def _month(day: Column, style: str) -> ColumnElement[str]:
    """The month's name as ``format(d, style)`` writes it ("%b": "Jul", "%B": "July")."""
    months = {f"{m:02d}": dt.date(2000, m, 1).strftime(style) for m in range(1, 13)}
    return _names(func.substr(day, 6, 2, type_=String), months)


def _year(day: Column) -> ColumnElement[str]:
    return func.substr(day, 1, 4, type_=String)


def _day_month_year(day: Column) -> ColumnElement[str]:
    """:func:`~briefing.domain.formats.fmt_date` in SQL: "8 Jul 2025"."""
    day_of_month = func.ltrim(func.substr(day, 9, 2, type_=String), "0", type_=String)
    return _join(day_of_month, " ", _month(day, "%b"), " ", _year(day))


def dated_text(start: Column, end: Column, precision: Column) -> ColumnElement[str]:
    """:func:`~briefing.domain.formats.dated` in SQL, over stored ISO dates (end or NULL)."""
    weekdays = {str(n): (_SOME_SUNDAY + dt.timedelta(days=n)).strftime("%a") for n in range(7)}
    first = _day_month_year(start)
    body = case(
        (precision == DatePrecision.WEEK, _join("week of ", first)),
        (precision == DatePrecision.MONTH, _join(_month(start, "%B"), " ", _year(start))),
        (precision == DatePrecision.APPROXIMATE, _join("about ", first)),
        else_=_join(_names(func.strftime("%w", start, type_=String), weekdays), " ", first),
    )
    tail = case(
        (end.is_not(None) & (end != start), _join(" – ", _day_month_year(end))),
        else_="",
    )
    return _join(body, tail)
