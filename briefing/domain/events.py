"""The timeline: meetings, calls, deadlines and elections, and who sat at each table."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing.domain.base import Base, Record
from briefing.domain.dossier import Party
from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.names import brief_name, delegation_name
from briefing.domain.people import Person

if TYPE_CHECKING:
    from briefing.domain.chips import BargainingChip


def last_day(start: dt.date, end: dt.date | None, precision: DatePrecision) -> dt.date:
    """An event known only to the week or month spans all of it, not just its first day."""
    if end is not None:
        return end
    if precision == DatePrecision.WEEK:
        return start + dt.timedelta(days=6)
    if precision == DatePrecision.MONTH:
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return start


event_participant = Table(
    "event_participant",
    Base.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
)


class Event(Record):
    """Something on the timeline.

    The date is split from the time of day because sources often give only a day, a
    week or a month; ``precision`` says how much of ``start_date`` is actually known.
    Times are local to the venue, whose IANA zone is ``timezone``. A journey (a flight)
    also names where it arrives: it departs from ``place`` and arrives at
    ``arrival_place``, its end read on ``arrival_timezone``'s clock when that is given
    (:func:`briefing.domain.times.instant` turns either into an instant). A wall time the
    clocks show twice (the night daylight saving time ends) names one instant only with
    ``start_fold`` or ``end_fold``: 0 the first, 1 the second, None where nobody said,
    which is every time that is not in such a fold.
    """

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    event_kind: Mapped[EventKind] = mapped_column(default=EventKind.MEETING)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    precision: Mapped[DatePrecision] = mapped_column(default=DatePrecision.DAY)
    place: Mapped[str] = mapped_column(String(300), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="")
    arrival_place: Mapped[str] = mapped_column(String(300), default="", server_default="")
    arrival_timezone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    start_fold: Mapped[int | None] = mapped_column(Integer)
    end_fold: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[EventStatus] = mapped_column(default=EventStatus.PLANNED)
    summary: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))

    participants: Mapped[list[Person]] = relationship(
        secondary=event_participant, order_by="(Person.name, Person.id)"
    )
    owner: Mapped[Person | None] = relationship(foreign_keys=[owner_id])
    delegations: Mapped[list[Delegation]] = relationship(
        back_populates="event", foreign_keys="Delegation.event_id"
    )
    brief: Mapped[MeetingBrief | None] = relationship(
        back_populates="event", foreign_keys="MeetingBrief.event_id"
    )
    chips: Mapped[list[BargainingChip]] = relationship(
        secondary="chip_event", back_populates="events", viewonly=True
    )

    __mapper_args__ = {"polymorphic_identity": "event"}

    @property
    def display_name(self) -> str:
        return self.title

    @property
    def last_day(self) -> dt.date:
        """The last day the event may fall on: its end, or the end of its week or month."""
        return last_day(self.start_date, self.end_date, self.precision)

    @property
    def end_zone(self) -> str:
        """The zone whose clock the end is read on: the arrival's, else the venue's."""
        return self.arrival_timezone or self.timezone

    def attendees(self) -> list[Person]:
        """Everyone at the event: named participants and every delegation member, once."""
        seen: dict[int, Person] = {p.id: p for p in self.participants}
        for delegation in self.delegations:
            for member in delegation.members:
                seen.setdefault(member.person.id, member.person)
        return list(seen.values())


class Delegation(Record):
    """One party's team, for an event or (without one) for the dossier as a whole."""

    __tablename__ = "delegation"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), index=True
    )
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))

    event: Mapped[Event | None] = relationship(
        back_populates="delegations", foreign_keys=[event_id]
    )
    party: Mapped[Party] = relationship(foreign_keys=[party_id])
    members: Mapped[list[DelegationMember]] = relationship(
        back_populates="delegation",
        cascade="all, delete-orphan",
        order_by="DelegationMember.position",
    )

    __mapper_args__ = {"polymorphic_identity": "delegation"}

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return delegation_name(self.party.name, self.event.title if self.event else None)

    @property
    def head(self) -> Person | None:
        heads = [m.person for m in self.members if m.is_head]
        return heads[0] if heads else None


class DelegationMember(Base):
    """A person on a delegation. Its stable key is the person (their uid in files): a
    delegation lists a person once, so two databases' members match by who they are and
    their role, head mark and place are that member's fields."""

    __tablename__ = "delegation_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_head: Mapped[bool] = mapped_column(default=False)

    delegation: Mapped[Delegation] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()

    __table_args__ = (UniqueConstraint("delegation_id", "person_id"),)


class MeetingBrief(Record):
    """What our principal needs to walk into one meeting."""

    __tablename__ = "meeting_brief"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), unique=True)
    purpose: Mapped[str] = mapped_column(Text, default="")
    purpose_ko: Mapped[str] = mapped_column(Text, default="")
    desired_outcome: Mapped[str] = mapped_column(Text, default="")
    desired_outcome_ko: Mapped[str] = mapped_column(Text, default="")
    run_of_meeting: Mapped[str] = mapped_column(Text, default="")
    run_of_meeting_ko: Mapped[str] = mapped_column(Text, default="")
    our_objectives: Mapped[str] = mapped_column(Text, default="")
    our_objectives_ko: Mapped[str] = mapped_column(Text, default="")
    their_objectives: Mapped[str] = mapped_column(Text, default="")
    their_objectives_ko: Mapped[str] = mapped_column(Text, default="")
    """The Korean texts of the bilingual fields (issue 18): empty where there is none."""

    event: Mapped[Event] = relationship(back_populates="brief", foreign_keys=[event_id])

    __mapper_args__ = {"polymorphic_identity": "meeting_brief"}

    @property
    def display_name(self) -> str:
        return brief_name(self.event.title)
