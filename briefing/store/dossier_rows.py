"""The dossiers and handling levels as the window lists, shows, picks and makes them.

The reads name tables rather than mapped classes, as everything before the first paint
does: the first ORM statement configures every mapper (some 30 ms), and that can wait
until after the first page is on screen. See :mod:`briefing.store.lists.summary`.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, HandlingLevel
from briefing.domain.base import level_named
from briefing.domain.dossier import HOME_ZONE
from briefing.domain.enums import DayCount
from briefing.domain.formats import ENGLISH
from briefing.text import without_nul

SLUG_LENGTH = 60


def handling_levels(session: Session, language: str = ENGLISH) -> list[tuple[int, str, str]]:
    """The scale as (rank, name, marking), lowest first, each named in ``language``."""
    level = HandlingLevel.__table__
    rows = session.execute(
        select(level.c.rank, level.c.name, level.c.marking, level.c.name_ko).order_by(level.c.rank)
    )
    return [
        (rank, level_named(name, name_ko, language), marking)
        for rank, name, marking, name_ko in rows
    ]


def heading(session: Session, dossier_id: int) -> tuple[str, str, dt.date | None]:
    """Slug, title and as-of date of a dossier."""
    dossier = Dossier.__table__
    slug, title, as_of = session.execute(
        select(dossier.c.slug, dossier.c.title, dossier.c.as_of).where(dossier.c.id == dossier_id)
    ).one()
    return slug, title, as_of


def day_count(session: Session, dossier_id: int) -> tuple[DayCount, dt.date | None]:
    """What a dossier counts days from, and its as-of date (today's count if it is gone)."""
    dossier = Dossier.__table__
    row = session.execute(
        select(dossier.c.count_days_from, dossier.c.as_of).where(dossier.c.id == dossier_id)
    ).first()
    return (DayCount(row[0]), row[1]) if row is not None else (DayCount.TODAY, None)


def home_zone(session: Session, dossier_id: int) -> str:
    """The zone of a dossier's home clock (the default's if it is gone)."""
    dossier = Dossier.__table__
    found = session.scalar(select(dossier.c.home_zone).where(dossier.c.id == dossier_id))
    return str(found) if found is not None else HOME_ZONE


def dossier_with_slug(session: Session, slug: str) -> int | None:
    dossier = Dossier.__table__
    found = session.scalar(select(dossier.c.id).where(dossier.c.slug == slug))
    return int(found) if found is not None else None


def add_dossier(session: Session, title: str, handling: int) -> int:
    """A new, empty dossier; its slug comes from the title, numbered if already taken.

    The title loses any NUL, as a record's text does (``edits.write_fields``)."""
    title = without_nul(title)
    base = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:SLUG_LENGTH] or "dossier"
    taken = set(session.scalars(select(Dossier.__table__.c.slug)))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    dossier = Dossier(slug=slug, title=title, default_handling=handling)
    session.add(dossier)
    session.flush()
    return dossier.id
