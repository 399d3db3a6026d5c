"""Dates as :mod:`briefing.domain.formats` writes them, spelled in SQL.

Lists filter and sort in SQL a page at a time, while the database holds "2025-07-08": a
filter over the stored value found "2025-07" and not "8 Jul". So the text a list shows is
built in the query itself (natively, no Python call per row), from the same names the
formatter uses, in the language the list is shown in, and a filter finds what is on
screen. The date's parts are read through
:mod:`briefing.domain.portable_sql`, so SQLite and PostgreSQL write the same text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, case, cast, func, literal
from sqlalchemy.sql.elements import ColumnElement

from briefing.domain.enums import DatePrecision
from briefing.domain.formats import ENGLISH, KOREAN_WEEKDAYS, MONTH_NAMES, MONTHS, WEEKDAYS
from briefing.domain.portable_sql import day_of_month, month_of, weekday_of, year_text


def _text(value: Any) -> ColumnElement[str]:
    return literal(value, String) if isinstance(value, str) else value


def _join(*parts: Any) -> ColumnElement[str]:
    """The parts one after the other (SQL's ``||``)."""
    joined = _text(parts[0])
    for part in parts[1:]:
        joined = joined.concat(_text(part))
    return joined


def date_text(day: Any, language: str = ENGLISH) -> ColumnElement[str]:
    """:func:`~briefing.domain.formats.fmt_date` in SQL: "8 Jul 2025", "2025년 7월 8일"."""
    if language == "ko":
        return _join(
            year_text(day),
            "년 ",
            cast(month_of(day), String),
            "월 ",
            cast(day_of_month(day), String),
            "일",
        )
    return _join(
        cast(day_of_month(day), String),
        " ",
        func.substr("".join(MONTHS), month_of(day) * 3 - 2, 3),
        " ",
        year_text(day),
    )


def dated_text(start: Any, end: Any, precision: Any, language: str = ENGLISH) -> ColumnElement[str]:
    """:func:`~briefing.domain.formats.dated` in SQL, over stored ISO dates (end or NULL)."""
    first = date_text(start, language)
    # SQL counts weekdays from Sunday (0); Python's weekday() from Monday.
    if language == "ko":
        weekdays = {(n + 1) % 7: name for n, name in enumerate(KOREAN_WEEKDAYS)}
        body = case(
            (precision == DatePrecision.WEEK, _join(first, " 주간")),
            (
                precision == DatePrecision.MONTH,
                _join(year_text(start), "년 ", cast(month_of(start), String), "월"),
            ),
            (precision == DatePrecision.APPROXIMATE, _join(first, "경")),
            else_=_join(first, " (", case(weekdays, value=weekday_of(start)), ")"),
        )
    else:
        months = dict(enumerate(MONTH_NAMES, start=1))
        weekdays = {(n + 1) % 7: name for n, name in enumerate(WEEKDAYS)}
        body = case(
            (precision == DatePrecision.WEEK, _join("week of ", first)),
            (
                precision == DatePrecision.MONTH,
                _join(case(months, value=month_of(start)), " ", year_text(start)),
            ),
            (precision == DatePrecision.APPROXIMATE, _join("about ", first)),
            else_=_join(case(weekdays, value=weekday_of(start)), " ", first),
        )
    tail = case(
        (end.is_not(None) & (end != start), _join(" – ", date_text(end, language))), else_=""
    )
    return _join(body, tail)
