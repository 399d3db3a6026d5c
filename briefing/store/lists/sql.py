"""SQL pieces every list uses: a kind's rows in a dossier, a party's code, an enum's label.

The lists read plain rows, not ORM objects, so a column that costs a subquery is still an
SQL expression a list can sort and filter by (see :mod:`.listing`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Row, ScalarSelect, case, func
from sqlalchemy.orm import Session

from briefing.domain import Party, Record
from briefing.domain.enums import Labelled
from briefing.store.tables import KindRows

T = TypeVar("T")


def in_dossier(model: type[Record], dossier_id: int) -> ColumnElement[bool]:
    """WHERE clause: the model's rows in the dossier, read from the model's own table.

    ``+ 0`` keeps SQLite off the record table's dossier index: a database holds one or a
    few dossiers, so that index selects nearly every record of every kind, while walking
    the kind's own table (or its date index, for the timeline's order) reads only its rows.
    """
    return (model.dossier_id + 0) == dossier_id


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


def plain_rows(make: Callable[..., T]) -> Callable[[Session, Sequence[Row[Any]]], list[T]]:
    """A listing's ``make`` for rows whose fields are the query's columns in order."""

    def build(_session: Session, rows: Sequence[Row[Any]]) -> list[T]:
        return [make(*row) for row in rows]

    return build
