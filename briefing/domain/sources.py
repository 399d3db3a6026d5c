"""Sources and the citations that tie every fact to them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing.domain.base import Base, Record, new_uid
from briefing.domain.enums import WEAK_CREDIBILITY, Reliability, Stance


class Source(Record):
    """An article, cable, statement or public record a fact rests on, graded A–F."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str] = mapped_column(String(300), default="")
    author: Mapped[str] = mapped_column(String(300), default="")
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(16), default="en")
    address: Mapped[str] = mapped_column(Text, default="")
    full_text: Mapped[str] = mapped_column(Text, default="")
    reliability: Mapped[Reliability] = mapped_column(default=Reliability.F)

    cited_by: Mapped[list[Citation]] = relationship(
        back_populates="source",
        foreign_keys="Citation.source_id",
        order_by="Citation.id",
    )

    __table_args__: tuple[object, ...] = (
        CheckConstraint("reliability IN ('A','B','C','D','E','F')", name="grade"),
    )
    __mapper_args__ = {"polymorphic_identity": "source"}

    @property
    def display_name(self) -> str:
        return self.title


class Citation(Base):
    """One record resting on one source: the excerpt, where it is, and which way it cuts."""

    __tablename__ = "citation"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(120), default=new_uid)
    """Its stable id, kept by exchange files, so two databases' citations of one record
    are matched by it when their changes are merged. Unique within its record, not the
    dossier: a citation is always reached through its record (files nest it there, a
    merge pairs records first), and it has no dossier column to hold a wider rule."""
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    excerpt: Mapped[str] = mapped_column(Text, default="")
    locator: Mapped[str] = mapped_column(String(200), default="")
    stance: Mapped[Stance] = mapped_column(default=Stance.SUPPORTS)
    credibility: Mapped[int] = mapped_column(Integer, default=3)
    handling: Mapped[int] = mapped_column(ForeignKey("handling_level.rank"), default=0)
    """At least its record's and its source's level; above them when the excerpt is."""

    record: Mapped[Record] = relationship(back_populates="citations", foreign_keys=[record_id])
    source: Mapped[Source] = relationship(back_populates="cited_by", foreign_keys=[source_id])

    __table_args__ = (
        CheckConstraint("credibility BETWEEN 1 AND 6", name="credibility"),
        CheckConstraint("stance IN ('supports','disputes','mentions')", name="stance"),
        UniqueConstraint("record_id", "uid"),
    )

    @property
    def is_weak(self) -> bool:
        return weakly_graded(self.source.reliability, self.credibility)


def derived_citation_uid(record: str, source: str, excerpt: str, locator: str, repeat: int) -> str:
    """The stable id of a citation that came without one (a version 1 or 2 file, a row
    from before ids), from what it is: its record's and source's uids and the passage.

    Derived rather than random, so two databases that took in the same file (or were
    upgraded from copies of one database) give each citation the same id, and a later
    merge of the two matches their citations as it matches their records. ``repeat``
    counts the same passage cited again in one record (0 for the first), so each keeps an
    id of its own. Migration 0011 computes the same ids for the rows it back-fills.
    """
    parts = (record, source, excerpt, locator, str(repeat))
    key = "".join(f"{len(part)}:{part}" for part in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def weakly_graded(reliability: Reliability, credibility: int) -> bool:
    """Does a citation of a source graded ``reliability``, at ``credibility``, count as weak?"""
    return reliability.is_weak or credibility >= WEAK_CREDIBILITY


class Stanced(Protocol):
    """A citation, or a row read as one: which way it cuts is all :func:`is_disputed` asks."""

    @property
    def stance(self) -> Stance: ...


def is_disputed(citations: Iterable[Stanced]) -> bool:
    """A record is disputed when some of its sources support it and others dispute it.

    Callers pass the citations an audience may see, so a withheld source cannot make a
    record look disputed to readers who cannot see why.
    """
    stances = {c.stance for c in citations}
    return Stance.SUPPORTS in stances and Stance.DISPUTES in stances
