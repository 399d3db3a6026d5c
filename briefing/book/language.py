"""The language a book is printed in: its words, dates, money and page numbers.

A book is printed in the language its export asks for (``BookOptions.language``), whatever
the interface's, so every section speaks through the one :class:`Speech` its composer
holds. English is the source: its words are the messages as written and its dates and
money those of :mod:`briefing.domain.formats`, so an English book reads as it always has.
Korean words come from the gettext catalogue (:mod:`briefing.i18n`); Korean dates and
money follow the rules in the README ("Books in Korean").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Any

from briefing.domain import formats
from briefing.domain.enums import DatePrecision, EventStatus, Labelled
from briefing.domain.people import Held
from briefing.i18n import DEFAULT_LANGUAGE, translator

KOREAN_WEEKDAYS = ("월", "화", "수", "목", "금", "토", "일")
"""Days of the week, Monday first, as a Korean date gives them in brackets."""

KOREAN_CURRENCIES = {"KRW": "원", "USD": "달러", "EUR": "유로", "JPY": "엔", "GBP": "파운드"}
"""Currencies a Korean reader names by a word after the amount; any other by its code."""

KOREAN_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))
"""Korean groups large numbers by four digits, not three: 만 (10⁴), 억 (10⁸), 조 (10¹²)."""


def in_edition(english: str, korean: str, language: str) -> str:
    """A bilingual text as a book in ``language`` prints it (issue 18): a Korean book its
    Korean where it has one, else its English; an English book its English, else its
    Korean. Always one whole text, so no paragraph mixes the two languages."""
    first, other = (korean, english) if language == "ko" else (english, korean)
    return first if first.strip() else other


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


def korean_date(value: dt.date | None, *, weekday: bool = False) -> str:
    """ "2025년 4월 24일", with "(목)" after it when ``weekday``; "—" when unknown."""
    if value is None:
        return "—"
    text = f"{value.year}년 {value.month}월 {value.day}일"
    return f"{text} ({KOREAN_WEEKDAYS[value.weekday()]})" if weekday else text


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


@dataclass(frozen=True)
class Speech:
    """One language's words and formats for a book.

    Attributes:
        code: the language, one of :data:`briefing.i18n.LANGUAGES`.
    """

    code: str = DEFAULT_LANGUAGE
    _words: NullTranslations = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_words", translator(self.code))

    @property
    def korean(self) -> bool:
        return self.code == "ko"

    def gettext(self, message: str) -> str:
        return self._words.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._words.ngettext(singular, plural, n)

    def label(self, member: Labelled) -> str:
        """An enum's label (``kind.label``) in this language (see :mod:`.vocabulary`)."""
        return self.gettext(member.label)

    def kind_status(self, kind: Labelled, status: Labelled) -> str:
        """ "Meeting, planned": what something is and where it stands."""
        return f"{self.label(kind)}, {self.label(status).lower()}"

    def office(self, held: Held[Any], title: str) -> str:
        """An office as :meth:`briefing.domain.people.Held.label` words it, in this
        language: "former: TITLE (until DATE)" for one no longer held."""
        if self.korean and not held.current and held.office.end is not None:
            return self.gettext("former: {title} (until {date})").format(
                title=title, date=self.date(held.office.end)
            )
        return held.label(title, self.date)

    def date(self, value: dt.date | None) -> str:
        return korean_date(value) if self.korean else formats.fmt_date(value)

    def dated(self, start: dt.date, end: dt.date | None, precision: DatePrecision) -> str:
        if self.korean:
            return korean_dated(start, end, precision)
        return formats.dated(start, end, precision)

    def money(self, amount: int | None, currency: str) -> str:
        return korean_money(amount, currency) if self.korean else formats.money(amount, currency)

    @staticmethod
    def days_left(first: dt.date, today: dt.date, status: EventStatus | None = None) -> str:
        """The countdown, the same in both languages: Korean readers write "D-12" too."""
        return formats.days_left(first, today, status)

    def edition_name(self, edition: int | None) -> str:
        """How the book names itself in its header: "Edition 3", or "DRAFT"."""
        if edition is None:
            return self.gettext("DRAFT")
        return self.gettext("Edition {number}").format(number=edition)

    def page_of(self, page: int) -> tuple[str, str]:
        """What the footer prints before and after the page total: ("page 3 of ", "")
        reads "page 3 of 24"; Korean ("3 / ", "쪽") reads "3 / 24쪽"."""
        if self.korean:
            return f"{page} / ", "쪽"
        return f"page {page} of ", ""
