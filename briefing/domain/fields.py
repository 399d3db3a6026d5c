"""Which parts of a record may be more sensitive than the record, and who a record's parents are.

Practitioners protect a chip's walk-away minimum far more than the chip itself, so a
handful of columns may each carry a level of their own (a :class:`FieldLevel` row holds
the value; the record's own column is then blank). Everything else about a record shares
its level. A record whose label or identity is built from another record (a brief from its
event, a delegation from its event and party) is never below it: these are its *parents*.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing.domain.base import Base, Record
from briefing.domain.registry import KINDS

COMMON: Final = ("notes",)
"""Every record's notes may carry a level of their own."""

PROTECTED: Final[dict[str, tuple[str, ...]]] = {
    kind.name: (*(field.name for field in kind.fields if field.protected), *COMMON)
    for kind in KINDS
    if any(field.protected for field in kind.fields)
}
"""Columns that may carry a level above their record's, by record kind (the registry's
protected fields, and the notes)."""

GROUPS: Final[dict[str, tuple[str, ...]]] = {
    field.group: tuple(member.name for member in kind.fields if member.group == field.group)
    for kind in KINDS
    for field in kind.fields
    if field.group
}
"""Columns that forms protect together, by their first: a chip's value is its amount,
currency and note (the registry's groups)."""

PARENTS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    # kind: (table.column naming a parent record, ...)
    "appointment": (("appointment", "person_id"),),
    "delegation": (("delegation", "event_id"), ("delegation", "party_id")),
    "meeting_brief": (("meeting_brief", "event_id"),),
    "talking_point": (("talking_point", "subject_id"),),
}
"""Records a kind's label or stable id is built from: a child is never below these."""


def protected_fields(kind: str) -> tuple[str, ...]:
    return PROTECTED.get(kind, COMMON)


def group_of(name: str) -> tuple[str, ...]:
    """The columns that share ``name``'s level: its group's, or ``name`` alone."""
    return next((members for members in GROUPS.values() if name in members), (name,))


class FieldLevel(Base):
    """One protected field of one record: its level and its value (JSON), in a row of its own.

    A row of its own lets a database server's row-level security hide the value from a
    login below its level, which a column of the record could not.
    """

    __tablename__ = "field_level"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    handling: Mapped[int] = mapped_column(ForeignKey("handling_level.rank"), default=0)
    value: Mapped[str] = mapped_column(Text, default="null")

    record: Mapped[Record] = relationship(back_populates="field_levels")

    __table_args__ = (UniqueConstraint("record_id", "field"),)

    def __repr__(self) -> str:
        return f"FieldLevel({self.record_id}, {self.field!r}, {self.handling})"
