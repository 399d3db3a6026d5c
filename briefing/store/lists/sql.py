"""SQL pieces every list uses: a kind's rows in a dossier, a party's code, an enum's label.

The lists read plain rows, not ORM objects, so a column that costs a subquery is still an
SQL expression a list can sort and filter by (see :mod:`.listing`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Row, ScalarSelect, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.type_api import TypeEngine

from briefing.domain import FieldLevel, Party, Record
from briefing.domain.enums import Labelled
from briefing.domain.portable_sql import json_value, unindexed
from briefing.store.tables import KindRows
from briefing.store.visibility import visible_column

T = TypeVar("T")


def in_dossier(model: type[Record], dossier_id: int) -> ColumnElement[bool]:
    """WHERE clause: the model's rows in the dossier, read from the model's own table.

    :class:`unindexed` keeps SQLite off the record table's dossier index: a database holds
    one or a few dossiers, so that index selects nearly every record of every kind, while
    walking the kind's own table (or its date index, for the timeline's order) reads only
    its rows. PostgreSQL plans from the column's statistics instead.
    """
    return unindexed(model.dossier_id) == dossier_id


def party_of(party_id: Any, level: int, column: str) -> ScalarSelect[Any]:
    """A party's code or colour, if the audience may see the party."""
    party = KindRows(Party)
    return (
        party.select(party.own.c[column])
        .where(party.own.c.id == party_id, party.visible(level))
        .scalar_subquery()
    )


def enum_label(column: Any) -> ColumnElement[str]:
    """An enum's label in SQL ("on_the_table" → "on the table"), for the filter to find."""
    return func.replace(column, "_", " ")


def enum_rank(column: Any, members: Sequence[Labelled]) -> ColumnElement[int]:
    """An enum's place in its declared order, for sorting likelihood low to high."""
    return case({m.value: number for number, m in enumerate(members)}, value=column, else_=-1)


def own_level(
    record_id: Any, name: str, level: int, what: str, typed: TypeEngine[Any] | None = None
) -> ScalarSelect[Any]:
    """A protected column's value (``what="value"``) or level (``"level"``) from its own
    row, if it has one the audience may see; NULL otherwise (the record's column is then
    blank when the row exists, so COALESCE with it gives what the audience sees); a value
    reads as ``typed``, the column's type."""
    row = FieldLevel.__table__.alias()
    column = json_value(row.c.value, typed) if what == "value" else row.c.handling
    return (
        select(column)
        .where(
            row.c.record_id == record_id,
            row.c.field == name,
            visible_column(row.c.handling, level),
        )
        .scalar_subquery()
    )


def seen(record_id: Any, column: Any, name: str, level: int) -> ColumnElement[Any]:
    """A protected column of record ``record_id`` as an audience at ``level`` sees it."""
    return func.coalesce(own_level(record_id, name, level, "value", column.type), column)


def plain_rows(make: type[T]) -> Callable[[Session, Sequence[Row[Any]]], list[T]]:
    """A listing's ``make`` for a row type whose fields are the query's labels.

    Built by label, not by place, so a query that selects more (the declared fields of
    :mod:`.declared`) still makes the same rows.
    """
    names = [f.name for f in fields(make) if f.init]  # type: ignore[arg-type]

    def build(_session: Session, rows: Sequence[Row[Any]]) -> list[T]:
        return [
            make(**{name: row._mapping[name] for name in names if name in row._mapping})
            for row in rows
        ]

    return build
