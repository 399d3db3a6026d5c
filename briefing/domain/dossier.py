"""The dossier: one negotiation or visit, and the parties sitting at its table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from briefing.domain.base import Base, Record
from briefing.domain.enums import DayCount

HOME_ZONE = "Asia/Seoul"
"""A dossier's home zone unless it says otherwise (and every dossier's before migration
0026): the sample, and the dossiers written so far, are prepared for the Korean delegation."""


def reference_date(count_from: DayCount, as_of: dt.date | None, today: dt.date) -> dt.date:
    """The day a dossier's D-counts, "today" markers, offices and checks are taken on.

    Its as-of date when it says to count from it (and has one), else ``today``.
    """
    return as_of if count_from == DayCount.AS_OF and as_of is not None else today


class Stamped:
    """Who wrote a row's fields last and when (migration 0029), as a record names who saved
    it: what a sync's conflict on the dossier's own fields shows of the server's side. Set
    by the store on every write (:mod:`briefing.store.versions`), never exported."""

    changed_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    """In UTC; None for a row not written since the stamps were added."""


class Dossier(Stamped, Base):
    """The unit staff prepare and print; every record belongs to exactly one."""

    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    title_ko: Mapped[str] = mapped_column(String(300), default="")
    """The title in Korean (issue 18); empty where there is none. At the title's level."""
    prepared_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("party.id", ondelete="SET NULL", use_alter=True)
    )
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    count_days_from: Mapped[DayCount] = mapped_column(
        default=DayCount.TODAY, server_default=DayCount.TODAY.value
    )
    """Whether days count from today or from ``as_of``: see :func:`reference_date`."""
    home_zone: Mapped[str] = mapped_column(String(64), default=HOME_ZONE, server_default=HOME_ZONE)
    """The IANA zone of the travelling party's home clock: timed events show their home
    time beside the venue's, and days left are counted on its calendar
    (:mod:`briefing.domain.times`)."""
    default_handling: Mapped[int] = mapped_column(ForeignKey("handling_level.rank"), default=0)
    texts: Mapped[dict[str, DossierText]] = relationship(
        collection_class=attribute_keyed_dict("kind"),
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )
    """The subtitle and the scene-setter, by kind: rows of their own, each at its own level,
    so a team server shows the dossier (its title is always the lowest level, since it
    names the book and its file for every audience) to a login not cleared to them."""

    records: Mapped[list[Record]] = relationship(
        back_populates="dossier",
        cascade="all, delete-orphan",
        passive_deletes=True,
        foreign_keys="Record.dossier_id",
    )
    prepared_for: Mapped[Party | None] = relationship(
        foreign_keys=[prepared_for_id], post_update=True
    )

    def __init__(self, **values: Any) -> None:
        """Every dossier has both texts from the start, empty at the default level: that a
        login not cleared to one cannot see its row then tells it nothing it did not know."""
        super().__init__(**{k: v for k, v in values.items() if k not in _TEXT_ATTRIBUTES})
        for kind in TEXT_KINDS:
            self.texts.setdefault(kind, DossierText(kind=kind, text="", text_ko=""))
        for name in _TEXT_ATTRIBUTES:
            if name in values:
                setattr(self, name, values[name])

    def _text(self, kind: str) -> DossierText | None:
        """The text of ``kind``; None where a server withholds it from the login."""
        return self.texts.get(kind)

    def _own_text(self, kind: str) -> DossierText:
        row = self.texts.get(kind)
        if row is None:
            row = self.texts[kind] = DossierText(kind=kind, text="", text_ko="")
        return row

    @property
    def subtitle(self) -> str:
        row = self._text(SUBTITLE)
        return row.text if row else ""

    @subtitle.setter
    def subtitle(self, value: str) -> None:
        self._own_text(SUBTITLE).text = value

    @property
    def subtitle_handling(self) -> int | None:
        """The subtitle's level; None means the dossier's default."""
        row = self._text(SUBTITLE)
        return row.handling if row else None

    @subtitle_handling.setter
    def subtitle_handling(self, value: int | None) -> None:
        self._own_text(SUBTITLE).handling = value

    @property
    def scene_setter(self) -> str:
        row = self._text(SCENE_SETTER)
        return row.text if row else ""

    @scene_setter.setter
    def scene_setter(self, value: str) -> None:
        self._own_text(SCENE_SETTER).text = value

    @property
    def subtitle_ko(self) -> str:
        row = self._text(SUBTITLE)
        return row.text_ko if row else ""

    @subtitle_ko.setter
    def subtitle_ko(self, value: str) -> None:
        self._own_text(SUBTITLE).text_ko = value

    @property
    def scene_setter_ko(self) -> str:
        row = self._text(SCENE_SETTER)
        return row.text_ko if row else ""

    @scene_setter_ko.setter
    def scene_setter_ko(self, value: str) -> None:
        self._own_text(SCENE_SETTER).text_ko = value

    @property
    def scene_handling(self) -> int | None:
        """The scene-setter's level; None means the dossier's default."""
        row = self._text(SCENE_SETTER)
        return row.handling if row else None

    @scene_handling.setter
    def scene_handling(self, value: int | None) -> None:
        self._own_text(SCENE_SETTER).handling = value

    def reference_date(self, today: dt.date | None = None) -> dt.date:
        """:func:`reference_date` for this dossier; ``today`` defaults to the clock's."""
        return reference_date(self.count_days_from, self.as_of, today or dt.date.today())

    def __repr__(self) -> str:
        return f"Dossier({self.slug!r})"


SUBTITLE = "subtitle"
SCENE_SETTER = "scene_setter"
TEXT_KINDS = (SUBTITLE, SCENE_SETTER)
_TEXT_ATTRIBUTES = (
    "subtitle",
    "subtitle_ko",
    "subtitle_handling",
    "scene_setter",
    "scene_setter_ko",
    "scene_handling",
)


class DossierText(Stamped, Base):
    """The dossier's subtitle or its scene-setter, at its own level (issue 15).

    A row of its own rather than columns of the dossier's, so a team server's row-level
    security withholds the text alone: the dossier row, at the lowest level, is seen by
    every login. Each dossier has one of each kind, made with it. Its stamps are its own,
    so a login not cleared to the text does not learn when it changed either.
    """

    __tablename__ = "dossier_text"
    __table_args__ = (
        UniqueConstraint("dossier_id", "kind"),
        CheckConstraint("kind IN ('subtitle', 'scene_setter')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    text_ko: Mapped[str] = mapped_column(Text, default="")
    """The text in Korean (issue 18); empty where there is none. In the row, so at the
    row's level: whoever may not read the English may not read the Korean."""
    handling: Mapped[int | None] = mapped_column(ForeignKey("handling_level.rank"))
    """The text's level; None means its dossier's default."""

    def __repr__(self) -> str:
        return f"DossierText({self.kind!r})"


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
