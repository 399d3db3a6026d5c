"""Dates as :mod:`briefing.domain.formats` writes them, spelled in SQL.

Lists filter and sort in SQL a page at a time, while the database holds "2025-07-08": a
filter over the stored value found "2025-07" and not "8 Jul". So the text a list shows is
built in the query itself (natively, no Python call per row), from the same names the
formatter uses, and a filter finds what is on screen. The date's parts are read through
:mod:`briefing.domain.portable_sql`, so SQLite and PostgreSQL write the same text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, case, cast, func, literal
from sqlalchemy.sql.elements import ColumnElement

from briefing.domain.enums import DatePrecision
from briefing.domain.formats import MONTH_NAMES, MONTHS, WEEKDAYS
from briefing.domain.portable_sql import day_of_month, month_of, weekday_of, year_text


def _text(value: Any) -> ColumnElement[str]:
    return literal(value, String) if isinstance(value, str) else value


def _join(*parts: Any) -> ColumnElement[str]:
    """The parts one after the other (SQL's ``||``)."""
    joined = _text(parts[0])
    for part in parts[1:]:
        joined = joined.concat(_text(part))
    return joined


def date_text(day: Any) -> ColumnElement[str]:
    """:func:`~briefing.domain.formats.fmt_date` in SQL: "8 Jul 2025"."""
    return _join(
        cast(day_of_month(day), String),
        " ",
        func.substr("".join(MONTHS), month_of(day) * 3 - 2, 3),
        " ",
        year_text(day),
    )


def dated_text(start: Any, end: Any, precision: Any) -> ColumnElement[str]:
    """:func:`~briefing.domain.formats.dated` in SQL, over stored ISO dates (end or NULL)."""
    months = dict(enumerate(MONTH_NAMES, start=1))
    # SQL counts weekdays from Sunday (0); Python's weekday() from Monday.
    weekdays = {(n + 1) % 7: name for n, name in enumerate(WEEKDAYS)}
    first = date_text(start)
    body = case(
        (precision == DatePrecision.WEEK, _join("week of ", first)),
        (
            precision == DatePrecision.MONTH,
            _join(case(months, value=month_of(start)), " ", year_text(start)),
        ),
        (precision == DatePrecision.APPROXIMATE, _join("about ", first)),
        else_=_join(case(weekdays, value=weekday_of(start)), " ", first),
    )
    tail = case((end.is_not(None) & (end != start), _join(" – ", date_text(end))), else_="")
    return _join(body, tail)
