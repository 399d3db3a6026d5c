"""The one handling-level filter. Views, search, checks and the book all go through it.

An audience cleared to ``level`` sees a record when the record's handling rank is at or
below it; a citation shows only when its source may be shown too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import ColumnElement, FromClause, select
from sqlalchemy.orm import Session

from briefing.domain import Citation, HandlingLevel, Record
from briefing.errors import NotFound

R = TypeVar("R", bound=Record)

EVERYTHING = 10**6
"""A level above every rank: what staff see with no audience chosen."""


def visible(model: type[Record], level: int) -> ColumnElement[bool]:
    """WHERE clause: rows of ``model`` an audience at ``level`` may see."""
    return model.handling <= level


def visible_row(record: FromClause, level: int) -> ColumnElement[bool]:
    """WHERE clause over a bare ``record`` table alias, for subqueries built on tables."""
    return record.c.handling <= level


def shown(record: Record | None, level: int) -> bool:
    return record is not None and record.handling <= level


def only_shown(records: Iterable[R], level: int) -> list[R]:
    return [r for r in records if r.handling <= level]


def shown_citations(record: Record, level: int) -> list[Citation]:
    return [c for c in record.citations if c.source.handling <= level]


def levels(session: Session) -> list[HandlingLevel]:
    return list(session.scalars(select(HandlingLevel).order_by(HandlingLevel.rank)))


def level_by_name(session: Session, name: str) -> HandlingLevel:
    """The level called ``name`` (case-insensitive), or a NotFound naming the choices."""
    scale = levels(session)
    for level in scale:
        if level.name.casefold() == name.casefold():
            return level
    choices = ", ".join(x.name for x in scale)
    raise NotFound(f"no handling level called {name!r}; choose one of: {choices}")
