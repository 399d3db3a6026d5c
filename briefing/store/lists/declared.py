"""A kind's declared fields in its list, read from the registry with no listing naming them.

Each listing selects what its page works out (an office on a date, a party's code, a count
of citations) into a typed row. A field added to a kind's ``columns`` reaches the list
through here instead: the listing's query gains every declared field it does not already
select (but a reference or a photo, which no list shows as stored: see
:attr:`~briefing.domain.declarations.Field.plain`), labelled by the field's name so the
list sorts and filters by it, and each row carries those values in its ``declared``
mapping for the page's default cell (:func:`briefing.ui.table_model.kind_columns`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, Label, Row, Select
from sqlalchemy.orm import Session

from briefing.domain.declarations import Field, Widget
from briefing.domain.registry import kind_of, model_of
from briefing.store.lists.listing import Listing
from briefing.store.lists.sql import seen


class Carries(Protocol):
    """A list's row: its page's own values, and the declared fields no listing names."""

    @property
    def declared(self) -> Mapping[str, Any]: ...


R = TypeVar("R", bound=Carries)


TEXT: frozenset[Widget] = frozenset({"text", "multiline"})
"""Widgets whose stored value is the text shown, so the filter looks in it (a date or a
yes/no is stored otherwise than it reads, and "1" would find every true one)."""


def _missing(kind: str, query: Select[Any], level: int) -> list[tuple[Field, Label[Any]]]:
    """The kind's declared list columns the query does not label, as the audience sees them."""
    declared = kind_of(kind)
    model = model_of(declared)
    labelled = set(query.selected_columns.keys())
    columns: list[tuple[Field, Label[Any]]] = []
    for field in declared.fields:
        if field.name not in declared.columns or field.name in labelled or not field.plain:
            continue
        column: ColumnElement[Any] = getattr(model, field.name)
        if field.protected:
            column = seen(model.id, column, field.name, level)
        columns.append((field, column.label(field.name)))
    return columns


def kind_listing(
    kind: str,
    query: Select[Any],
    level: int,
    text: Sequence[str],
    order: Sequence[str],
    make: Callable[[Session, Sequence[Row[Any]]], list[R]],
    whole: Select[Any] | None = None,
    costly: frozenset[str] = frozenset(),
) -> Listing[R]:
    """A kind's :class:`Listing`: ``query`` (and ``whole``, its form with the ``costly``
    columns worked out for every row at once: see :class:`Listing`) and ``make`` with the
    declared fields they miss.

    The filter finds a row by the added fields' text too (those kept as they read), as it
    does by what the page shows.
    """
    missing = _missing(kind, query, level)
    if not missing:
        return Listing(query, text=text, order=order, make=make, whole=whole, costly=costly)
    names = [field.name for field, _ in missing]
    texts = [field.name for field, _ in missing if field.widget in TEXT]

    def build(session: Session, rows: Sequence[Row[Any]]) -> list[R]:
        made = make(session, rows)
        return [
            replace(item, declared={name: row._mapping[name] for name in names})  # type: ignore[type-var]
            for item, row in zip(made, rows, strict=True)
        ]

    columns = [column for _, column in missing]
    return Listing(
        query.add_columns(*columns),
        text=(*text, *texts),
        order=order,
        make=build,
        whole=None if whole is None else whole.add_columns(*columns),
        costly=costly,
    )
