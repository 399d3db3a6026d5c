"""The declarative base and the record every citable thing is built on.

Joined-table inheritance gives each record its cross-cutting columns once, so
citations, search, handling levels and (later) history work on ``record`` rows instead
of on every table again.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import (
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from briefing.domain.names import reworded

if TYPE_CHECKING:
    from briefing.domain.dossier import Dossier
    from briefing.domain.fields import FieldLevel
    from briefing.domain.sources import Citation

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def new_uid() -> str:
    """A fresh stable id for a row made here: random, so two databases adding rows
    offline never give one id to two different things."""
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    """Named constraints keep Alembic's batch migrations on SQLite predictable."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        # Enums are stored by value as plain strings (no native ENUM, no CHECK), so an
        # exchange file, a SQL console and the database all read "on_the_table".
        enum.Enum: Enum(
            enum.Enum,
            native_enum=False,
            create_constraint=False,
            length=20,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        ),
    }


class HandlingLevel(Base):
    """One rung of the database's ordered handling scale (Public < … < Restricted).

    The scale is data, not an enum, because ministries use different ladders; records
    point at a rank so comparing levels is comparing integers.
    """

    __tablename__ = "handling_level"

    rank: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    marking: Mapped[str] = mapped_column(String(8))
    name_ko: Mapped[str | None] = mapped_column(String(40), nullable=True, default=None)
    """The level's name in a Korean book; None prints ``name`` (a scale the ministry made up
    has no Korean name until someone gives it one)."""

    def __repr__(self) -> str:
        return f"HandlingLevel({self.rank}, {self.name!r})"

    def named(self, language: str) -> str:
        """The level's name in a book printed, or a window shown, in ``language``."""
        return level_named(self.name, self.name_ko, language)


def level_named(name: str, name_ko: str | None, language: str) -> str:
    """A handling level's name in ``language``: its Korean name in Korean when it has one,
    else the scale's own name; for reads that take the columns rather than the object."""
    if language == "ko" and name_ko:
        return name_ko
    return name


DEFAULT_LEVELS: tuple[tuple[int, str, str], ...] = (
    (0, "Public", "P"),
    (1, "Internal", "I"),
    (2, "Confidential", "C"),
    (3, "Restricted", "R"),
)

KOREAN_LEVEL_NAMES: dict[str, str] = {
    "Public": "공개",
    "Internal": "대외비",
    "Confidential": "3급비밀",
    "Restricted": "2급비밀",
}
"""The default scale's names in Korean, in the terms of the Korean government's security
regulations (보안업무규정), rung for rung: open, not for outside release, then the classified
grades from the lowest up (resources/locale/glossary.md). A level imported or made with one
of these English names gets its Korean name from here."""


class Record(Base):
    """Anything a dossier holds that can be cited, searched and withheld from an audience.

    ``uid`` is the stable identity used by exchange files, so a dossier keeps its links
    when it travels between databases whose integer ids differ.
    """

    __tablename__ = "record"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    handling: Mapped[int] = mapped_column(ForeignKey("handling_level.rank"), default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime,
        default=utcnow,
        onupdate=utcnow,
        server_default=func.current_timestamp(),
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    """Counts the saves: a save names the version its editor loaded and is refused when
    someone saved since (:mod:`briefing.store.versions`), so no change is lost unseen."""
    changed_by: Mapped[str] = mapped_column(String(120), server_default="")
    """Who saved last (the server's user, or the computer's on a file), for that refusal."""

    dossier: Mapped[Dossier] = relationship(back_populates="records")
    citations: Mapped[list[Citation]] = relationship(
        back_populates="record",
        cascade="all, delete-orphan",
        foreign_keys="Citation.record_id",
        order_by="Citation.id",
    )
    aliases: Mapped[list[Alias]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="Alias.id"
    )
    field_levels: Mapped[list[FieldLevel]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="FieldLevel.id"
    )

    __table_args__: tuple[object, ...] = (
        UniqueConstraint("dossier_id", "uid"),
        # A sync compares versions by reading this index, not the records (migration 0017).
        Index("ix_record_versions", "dossier_id", "uid", "version", "handling"),
    )
    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "record"}

    @property
    def display_name(self) -> str:
        """The short name views and the book use for this record."""
        return self.uid

    def name_in(self, language: str) -> str:
        """:attr:`display_name` in ``language``: a brief's or a delegation's composed name
        in its words (:func:`briefing.domain.names.reworded`), any other as it is."""
        return reworded(self.kind, self.display_name, language)


class Alias(Base):
    """Another spelling of a record's name: a romanization variant, a native script, an acronym.

    Search and the checks match names through these, so "An Deok-geun" finds Ahn Duk-geun.
    An alias is a value, not a thing with an identity: its text is its stable key, so two
    databases' aliases of one record merge as sets of texts, and a record holds a text
    once (the same spelling twice says nothing more).
    """

    __tablename__ = "alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))

    record: Mapped[Record] = relationship(back_populates="aliases")

    __table_args__ = (UniqueConstraint("record_id", "name"),)
