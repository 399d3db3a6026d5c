"""Who is who: organizations, people and the offices they held when.

Which office a person held on a day is decided here, once, by :func:`office_on` (for
objects) and :func:`office_ranking` (the same rule as SQL, for lists that sort and filter
by it); a property test holds the two to each other. Every list, details pane, delegation,
book card and check asks one of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    Date,
    ForeignKey,
    String,
    Text,
    case,
    literal,
    or_,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing.domain.base import Record
from briefing.domain.date_sql import date_text
from briefing.domain.dossier import Party
from briefing.domain.enums import OrgKind
from briefing.domain.formats import ENGLISH, fmt_date
from briefing.i18n import N_, translator


class Organization(Record):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[str] = mapped_column(String(40), default="")
    org_kind: Mapped[OrgKind] = mapped_column(default=OrgKind.OTHER)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))

    party: Mapped[Party | None] = relationship(foreign_keys=[party_id])

    __mapper_args__ = {"polymorphic_identity": "organization"}

    @property
    def display_name(self) -> str:
        return self.name


class Person(Record):
    """A person, under the romanization the dossier prefers; other spellings are aliases."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    native_name: Mapped[str] = mapped_column(String(200), default="")
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    bio: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[bytes | None] = mapped_column(default=None)

    party: Mapped[Party | None] = relationship(foreign_keys=[party_id])
    appointments: Mapped[list[Appointment]] = relationship(
        back_populates="person",
        foreign_keys="Appointment.person_id",
        order_by="(Appointment.start, Appointment.id)",
    )

    __mapper_args__ = {"polymorphic_identity": "person"}

    @property
    def display_name(self) -> str:
        return self.name


class Appointment(Record):
    """An office held from ``start`` to ``end`` (open-ended while still in office)."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    start: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="appointments", foreign_keys=[person_id])
    organization: Mapped[Organization | None] = relationship(foreign_keys=[organization_id])

    __mapper_args__ = {"polymorphic_identity": "appointment"}

    @property
    def display_name(self) -> str:
        return self.title


class Term(Protocol):
    """Anything held from ``start`` to ``end``: an Appointment, or the book's copy of one."""

    @property
    def start(self) -> dt.date | None: ...

    @property
    def end(self) -> dt.date | None: ...


OfficeT = TypeVar("OfficeT", bound=Term)


@dataclass(frozen=True, slots=True)
class Held(Generic[OfficeT]):
    """The office :func:`office_on` chose, and whether it was still held on the day.

    Attributes:
        office: the appointment (or its copy).
        current: held on the day; otherwise the latest one that had ended by then.
    """

    office: OfficeT
    current: bool

    def label(self, title: str, language: str = ENGLISH) -> str:
        """``title`` as a briefing reads it in ``language``: as it is while held, else
        "former: TITLE (until DATE)" ("전 TITLE (DATE까지)"), so a reader never takes a
        past office for a present one."""
        if self.current or self.office.end is None:
            return title
        return former_label(title, fmt_date(self.office.end, language), language)


FORMER = N_("former: {title} (until {date})")
"""An office no longer held, as the book and the window (and the lists' SQL) word it."""


def former_words(language: str) -> tuple[str, str, str]:
    """The words before the title, between it and the date, and after the date in
    ``language``'s :data:`FORMER`: ("former: ", " (until ", ")"), ("전 ", " (", "까지)").
    Split so SQL can put them around a title column as Python does around a string."""
    said = translator(language).gettext(FORMER)
    before, rest = said.split("{title}")
    middle, after = rest.split("{date}")
    return before, middle, after


def former_label(title: str, until: str, language: str = ENGLISH) -> str:
    """An office no longer held, in the words :func:`office_title` writes in SQL."""
    before, middle, after = former_words(language)
    return f"{before}{title}{middle}{until}{after}"


def _earliest(day: dt.date | None) -> dt.date:
    """An unknown start counts as "always", before any known one."""
    return day if day is not None else dt.date.min


def office_on(offices: Iterable[OfficeT], day: dt.date) -> Held[OfficeT] | None:
    """The office a person held on ``day``, from ``offices`` (those the audience sees).

    The one covering the day, the latest-starting if several do (an acting post taken on
    beside a ministry); else the latest to have ended before it, as a former office; an
    office still to come is none. Ties go to the later in the order given, which callers
    give by start and id (``Person.appointments``), as :func:`office_ranking` breaks them
    by id.
    """
    best: tuple[tuple[Any, ...], OfficeT] | None = None
    for position, office in enumerate(offices):
        start = _earliest(office.start)
        if start > day:
            continue
        covers = office.end is None or office.end >= day
        ended = office.end if not covers and office.end is not None else dt.date.max
        key = (covers, ended, start, position)
        if best is None or key > best[0]:
            best = (key, office)
    if best is None:
        return None
    return Held(best[1], bool(best[0][0]))


def office_ranking(
    start: Any, end: Any, row_id: Any, day: dt.date
) -> tuple[ColumnElement[bool], list[ColumnElement[Any]]]:
    """:func:`office_on` in SQL: a WHERE clause and an ORDER BY whose first row is the
    office held on ``day`` (limit 1), over columns ``start``, ``end`` and ``row_id``."""
    started = or_(start.is_(None), start <= day)
    covers = or_(end.is_(None), end >= day)
    return started, [
        case((covers, 1), else_=0).desc(),
        case((covers, None), else_=end).desc().nulls_first(),
        start.desc().nulls_last(),
        row_id.desc(),
    ]


def office_title(title: Any, end: Any, day: dt.date, language: str = ENGLISH) -> ColumnElement[str]:
    """:meth:`Held.label` in SQL: the title of the office :func:`office_ranking` chose,
    as "former: TITLE (until DATE)" in ``language`` when it had ended by ``day``."""
    before, middle, after = former_words(language)
    former = literal(before, String) + title + middle + date_text(end, language) + after
    return case((or_(end.is_(None), end >= day), title), else_=former)
