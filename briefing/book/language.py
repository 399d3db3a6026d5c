"""The language a book is printed in: its words, dates, money and page numbers.

A book is printed in the language its export asks for (``BookOptions.language``), whatever
the interface's, so every section speaks through the one :class:`Speech` its composer
holds. English is the source: its words are the messages as written, so an English book
reads as it always has. Korean words come from the gettext catalogue (:mod:`briefing.i18n`).
Dates and money in either language are :mod:`briefing.domain.formats`'s (Korean money by the
rules in the README, "Books in Korean"), which the window writes too, so a book and the
screen date and count things alike.
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
        return held.label(title, self.code)

    def date(self, value: dt.date | None) -> str:
        return formats.fmt_date(value, self.code)

    def dated(self, start: dt.date, end: dt.date | None, precision: DatePrecision) -> str:
        return formats.dated(start, end, precision, self.code)

    def money(self, amount: int | None, currency: str) -> str:
        return formats.money(amount, currency, self.code)

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
