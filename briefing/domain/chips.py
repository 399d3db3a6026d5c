"""Bargaining chips: what each side offers, asks for, holds over the other, or refuses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing.domain.base import Base, Record
from briefing.domain.dossier import Party
from briefing.domain.enums import ChipKind, ChipStatus, Likelihood

if TYPE_CHECKING:
    from briefing.domain.events import Event

chip_event = Table(
    "chip_event",
    Base.metadata,
    Column(
        "chip_id",
        ForeignKey("bargaining_chip.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
)


class BargainingChip(Record):
    """One item in play. ``value_amount`` is in whole units of ``value_currency``."""

    __tablename__ = "bargaining_chip"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    chip_kind: Mapped[ChipKind] = mapped_column(default=ChipKind.OFFER)
    description: Mapped[str] = mapped_column(Text, default="")
    value_amount: Mapped[int | None] = mapped_column(BigInteger)
    value_currency: Mapped[str] = mapped_column(String(3), default="")
    value_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ChipStatus] = mapped_column(default=ChipStatus.FLOATED)
    priority: Mapped[int] = mapped_column(Integer, default=3)
    likelihood: Mapped[Likelihood] = mapped_column(default=Likelihood.POSSIBLE)
    our_target: Mapped[str] = mapped_column(Text, default="")
    our_minimum: Mapped[str] = mapped_column(Text, default="")
    their_position: Mapped[str] = mapped_column(Text, default="")
    tradeable: Mapped[bool] = mapped_column(default=True)

    party: Mapped[Party | None] = relationship(foreign_keys=[party_id])
    sectors: Mapped[list[ChipSector]] = relationship(
        back_populates="chip", cascade="all, delete-orphan", order_by="ChipSector.id"
    )
    events: Mapped[list[Event]] = relationship(
        secondary=chip_event,
        back_populates="chips",
        order_by="(Event.start_date, Event.id)",
    )

    __mapper_args__ = {"polymorphic_identity": "bargaining_chip"}

    @property
    def display_name(self) -> str:
        return self.title

    @property
    def sector_names(self) -> list[str]:
        return [s.name for s in self.sectors]


class ChipSector(Base):
    """A sector a chip touches. A value: its text is its stable key, so two databases'
    sectors of one chip merge as sets of texts, and a chip names a sector once."""

    __tablename__ = "chip_sector"

    id: Mapped[int] = mapped_column(primary_key=True)
    chip_id: Mapped[int] = mapped_column(
        ForeignKey("bargaining_chip.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))

    chip: Mapped[BargainingChip] = relationship(back_populates="sectors")

    __table_args__ = (UniqueConstraint("chip_id", "name"),)
