"""Talking points: what to say, what to say only if pressed, and what to tell the press."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing.domain.base import Record
from briefing.domain.enums import PointKind


class TalkingPoint(Record):
    """A line attached to a chip, an event, or (with no subject) the dossier itself."""

    __tablename__ = "talking_point"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("record.id", ondelete="CASCADE"), index=True
    )
    point_kind: Mapped[PointKind] = mapped_column(default=PointKind.TO_MAKE)
    text: Mapped[str] = mapped_column(Text, default="")
    text_ko: Mapped[str] = mapped_column(Text, default="")
    """The point in Korean (issue 18); empty where there is none."""
    position: Mapped[int] = mapped_column(Integer, default=0)

    subject: Mapped[Record | None] = relationship(
        foreign_keys=[subject_id], remote_side="Record.id"
    )

    __mapper_args__ = {
        "polymorphic_identity": "talking_point",
        "inherit_condition": id == Record.id,
    }

    @property
    def display_name(self) -> str:
        first_line = self.text.strip().splitlines()[0] if self.text.strip() else ""
        return first_line[:80] or self.point_kind.label
