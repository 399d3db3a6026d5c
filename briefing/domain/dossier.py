"""The dossier: one negotiation or visit, and the parties sitting at its table."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing.domain.base import Base, Record
from briefing.domain.enums import DayCount


def reference_date(count_from: DayCount, as_of: dt.date | None, today: dt.date) -> dt.date:
    """The day a dossier's D-counts, "today" markers, offices and checks are taken on.

    Its as-of date when it says to count from it (and has one), else ``today``.
    """
    return as_of if count_from == DayCount.AS_OF and as_of is not None else today


class Dossier(Base):
    """The unit staff prepare and print; every record belongs to exactly one."""

    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    subtitle: Mapped[str] = mapped_column(String(300), default="")
    scene_setter: Mapped[str] = mapped_column(Text, default="")
    prepared_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("party.id", ondelete="SET NULL", use_alter=True)
    )
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    count_days_from: Mapped[DayCount] = mapped_column(
        default=DayCount.TODAY, server_default=DayCount.TODAY.value
    )
    """Whether days count from today or from ``as_of``: see :func:`reference_date`."""
    default_handling: Mapped[int] = mapped_column(ForeignKey("handling_level.rank"), default=0)
    subtitle_handling: Mapped[int | None] = mapped_column(ForeignKey("handling_level.rank"))
    """The subtitle's level; None means the dossier's default. The title is always the
    lowest level, since it names the book and its file for every audience."""
    scene_handling: Mapped[int | None] = mapped_column(ForeignKey("handling_level.rank"))
    """The scene-setter's level; None means the dossier's default."""

    records: Mapped[list[Record]] = relationship(
        back_populates="dossier",
        cascade="all, delete-orphan",
        passive_deletes=True,
        foreign_keys="Record.dossier_id",
    )
    prepared_for: Mapped[Party | None] = relationship(
        foreign_keys=[prepared_for_id], post_update=True
    )

    def reference_date(self, today: dt.date | None = None) -> dt.date:
        """:func:`reference_date` for this dossier; ``today`` defaults to the clock's."""
        return reference_date(self.count_days_from, self.as_of, today or dt.date.today())

    def __repr__(self) -> str:
        return f"Dossier({self.slug!r})"


class Party(Record):
    """A side in the talks (KR, US, and perhaps observers)."""

    __tablename__ = "party"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(12))
    colour: Mapped[str] = mapped_column(String(9), default="#607080")

    __mapper_args__ = {"polymorphic_identity": "party"}

    @property
    def display_name(self) -> str:
        return self.name
