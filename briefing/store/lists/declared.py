"""A kind's declared fields in its list, read from the registry with no listing naming them.

Each listing selects what its page works out (an office on a date, a party's code, a count
of citations) into a typed row. A field added to a kind's ``columns`` reaches the list
through here instead: the listing's query gains every declared field it does not already
select, labelled by the field's name (so the list sorts and filters by it), and each row
carries those values in its ``declared`` mapping for the page's default cell
(:func:`briefing.ui.table_model.kind_columns`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, Row, Select
from sqlalchemy.orm import Session

from briefing.domain.registry import kind_of, model_of
from briefing.store.lists.listing import Listing
from briefing.store.lists.sql import seen


class Carries(Protocol):
    """A list's row: its page's own values, and the declared fields no listing names."""

    @property
    def declared(self) -> Mapping[str, Any]: ...


R = TypeVar("R", bound=Carries)


def _missing(kind: str, query: Select[Any], level: int) -> list[ColumnElement[Any]]:
    """The kind's declared list columns the query does not label, as the audience sees them."""
    declared = kind_of(kind)
    model = model_of(declared)
    labelled = set(query.selected_columns.keys())
    columns: list[ColumnElement[Any]] = []
    for field in declared.fields:
        if field.name not in declared.columns or field.name in labelled:
            continue
        column: ColumnElement[Any] = getattr(model, field.name)
        if field.protected:
            column = seen(model.id, column, field.name, level)
        columns.append(column.label(field.name))
    return columns


def kind_listing(
    kind: str,
    query: Select[Any],
    level: int,
    text: Sequence[str],
    order: Sequence[str],
    make: Callable[[Session, Sequence[Row[Any]]], list[R]],
) -> Listing[R]:
    """A kind's :class:`Listing`: ``query`` and ``make`` with the declared fields they miss.

    The filter finds a row by the added fields' text too, as it does by what the page shows.
    """
    missing = _missing(kind, query, level)
    if not missing:
        return Listing(query, text=text, order=order, make=make)
    names = [column.name for column in missing]

    def build(session: Session, rows: Sequence[Row[Any]]) -> list[R]:
        made = make(session, rows)
        return [
            replace(item, declared={name: row._mapping[name] for name in names})  # type: ignore[type-var]
            for item, row in zip(made, rows, strict=True)
        ]

    return Listing(query.add_columns(*missing), text=(*text, *names), order=order, make=build)
