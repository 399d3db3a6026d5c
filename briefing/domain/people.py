"""Who is who: organizations, people and the offices they held when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing.domain.base import Record
from briefing.domain.dossier import Party
from briefing.domain.enums import OrgKind


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

    def appointment_on(self, day: dt.date) -> Appointment | None:
        """The office this person held on ``day``, if any appointment covers it."""
        held = [a for a in self.appointments if a.covers(day)]
        return held[-1] if held else None


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

    def covers(self, day: dt.date) -> bool:
        """Whether the office was held on ``day``; an unknown start counts as "always"."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end
