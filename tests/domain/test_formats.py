"""Each formatter the GUI and the book share (briefing.domain.formats), one rule each."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.domain import formats
from briefing.domain.enums import DatePrecision, EventStatus

MAY_1 = dt.date(2025, 5, 1)


@pytest.mark.parametrize(
    ("amount", "currency", "said"),
    [
        (44_000_000_000, "USD", "$44 bn"),
        (350_000_000, "USD", "$350 m"),
        (1_500_000_000_000, "KRW", "₩1.5 tn"),
        (2_600_000, "CHF", "CHF 2.6 m"),
        (350, "USD", "$350"),
        (12_345, "", "12,345"),
        (-3_000_000_000, "EUR", "-€3 bn"),
        (None, "USD", ""),
    ],
)
def test_money_has_one_style(amount: int | None, currency: str, said: str) -> None:
    assert formats.money(amount, currency) == said


@pytest.mark.parametrize(
    ("start", "end", "precision", "said"),
    [
        (dt.date(2025, 7, 8), None, DatePrecision.DAY, "Tue 8 Jul 2025"),
        (
            dt.date(2025, 7, 8),
            dt.date(2025, 7, 10),
            DatePrecision.DAY,
            "Tue 8 Jul 2025 – 10 Jul 2025",
        ),
        (dt.date(2025, 7, 7), None, DatePrecision.WEEK, "week of 7 Jul 2025"),
        (dt.date(2025, 7, 1), None, DatePrecision.MONTH, "July 2025"),
        (
            dt.date(2025, 4, 24),
            dt.date(2025, 6, 30),
            DatePrecision.APPROXIMATE,
            "about 24 Apr 2025 – 30 Jun 2025",
        ),
    ],
)
def test_a_date_says_no_more_than_its_precision(
    start: dt.date, end: dt.date | None, precision: DatePrecision, said: str
) -> None:
    assert formats.dated(start, end, precision) == said


def test_a_day_is_written_out_and_an_unknown_one_is_a_dash() -> None:
    assert formats.fmt_date(dt.date(2025, 1, 20)) == "20 Jan 2025"
    assert formats.fmt_date(None) == "—"


@pytest.mark.parametrize(
    ("first", "status", "said"),
    [
        (dt.date(2025, 7, 8), EventStatus.PLANNED, "D-68"),
        (MAY_1, EventStatus.PLANNED, "D-day"),
        (dt.date(2025, 4, 24), EventStatus.PLANNED, "D+7"),  # begun, still planned
        (dt.date(2025, 7, 8), EventStatus.POSTPONED, "D-68"),
        (dt.date(2025, 4, 24), EventStatus.HELD, ""),
        (dt.date(2025, 7, 8), EventStatus.CANCELLED, ""),
        (dt.date(2025, 7, 8), None, "D-68"),
    ],
)
def test_days_left_count_calendar_days_to_the_first_day(
    first: dt.date, status: EventStatus | None, said: str
) -> None:
    assert formats.days_left(first, MAY_1, status) == said


def test_a_marking_leads_a_name() -> None:
    assert formats.marking("C") == "(C)"
    assert formats.marked("C", "Confidential") == "(C) Confidential"


def test_disputed_says_why() -> None:
    assert formats.disputed("chip") == "disputed: sources disagree on this chip"
    assert formats.disputed("event").startswith(formats.DISPUTED)
