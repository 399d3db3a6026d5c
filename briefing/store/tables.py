"""Kinds' own tables joined to their ``record`` rows, for queries that name tables.

Both the lists' queries and what start-up reads build on this; it is kept apart from
the lists (:mod:`briefing.store.lists`), which take some 9 ms to import, so start-up need not.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, select

from briefing.domain import Record
from briefing.store.visibility import visible_row


class KindRows:
    """One kind's table and its record row, aliased for a subquery.

    Subqueries name the tables themselves rather than the ORM classes: two joined-table
    entities in one statement share the ``record`` table, and SQLAlchemy would correlate
    a subquery's record row with the outer query's.
    """

    def __init__(self, model: type[Record]) -> None:
        self.own = model.__table__.alias()
        self.record = Record.__table__.alias()
        self.joined = self.own.join(self.record, self.record.c.id == self.own.c.id)

    def select(self, *columns: Any) -> Select[Any]:
        return select(*columns).select_from(self.joined)

    def visible(self, level: int) -> ColumnElement[bool]:
        return visible_row(self.record, level)
