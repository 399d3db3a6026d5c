"""Lists too long to load: counted, filtered, sorted and read a page at a time in SQL.

A ministry's dossier holds a hundred thousand events; a table on screen shows forty.
A :class:`Listing` is one list's query with its columns labelled; :class:`Request` says
what the user asked for (filter text, extra conditions, sort). The GUI's model counts the
rows, then reads only the pages the view scrolls to, so opening a list costs a count and
one page whatever the dossier's size.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    String,
    any_,
    bindparam,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from briefing.domain.portable_sql import POSTGRESQL, folded_position, like_folded

T = TypeVar("T")

Condition = Callable[[Subquery], ColumnElement[bool]]
"""A WHERE clause over a listing's labelled columns (e.g. "status is agreed")."""

LIKE_UP_TO = 1000
"""Longest filter matched with LIKE; SQLite refuses patterns over 50,000 bytes."""
_SEPARATOR = "\x1f"
"""Between a row's columns in the filtered text, so a match never spans two columns."""


@dataclass(frozen=True)
class Listing(Generic[T]):
    """One list's query and how to sort, filter and present it.

    Attributes:
        query: a SELECT whose columns are labelled; ``id`` is the record a row is about.
        text: the labels a filter looks in.
        order: the labels of the list's natural order.
        make: turns one page of result rows into the rows the view shows; it gets the
            session so it can add what is cheaper to look up per page than to compute
            for every row.
        key: the label that tells rows apart. Usually the record's ``id``; the checks
            list several findings about one record, each with a key of its own.
        whole: the same rows and labels as ``query``, with the columns labelled in
            ``costly`` worked out for every row at once (a join instead of a subquery per
            row), read when a filter or a sort needs one of them for every row; ``query``
            is then read for the page's rows alone, where a subquery per row is cheaper
            than working out the whole list. None: ``query`` always.
        costly: the labels ``whole`` works out for every row at once.
    """

    query: Select[*tuple[Any, ...]]
    text: Sequence[str]
    order: Sequence[str]
    make: Callable[[Session, Sequence[Row[Any]]], list[T]]
    key: str = "id"
    whole: Select[*tuple[Any, ...]] | None = None
    costly: frozenset[str] = frozenset()

    def listed(self, request: Request, sorted_too: bool) -> Subquery:
        """The query to filter (and, with ``sorted_too``, sort) by for ``request``: a
        condition may read any column, so it reads ``whole`` too."""
        reads = set(self.text if request.text else ()) | set(request.sort if sorted_too else ())
        every_row = bool(request.conditions) or not reads.isdisjoint(self.costly)
        return (self.whole if every_row and self.whole is not None else self.query).subquery(
            "listed"
        )


@dataclass(frozen=True)
class Request:
    """What the user asked the list for: filter text, conditions and the labels to sort by.

    No sort labels means the listing's natural order.
    """

    text: str = ""
    conditions: Mapping[str, Condition] = field(default_factory=dict)
    sort: Sequence[str] = ()
    descending: bool = False


def _contains(columns: Sequence[ColumnElement[Any]], needle: str) -> ColumnElement[bool]:
    """Case-insensitive substring match over the columns, with no pattern characters.

    Short ASCII text goes through LIKE (SQLite folds ASCII case natively and fast;
    PostgreSQL's ILIKE); other text through the ``casefold`` function every SQLite
    connection registers (PostgreSQL's ``lower``), so "müller" finds "Müller", and a pasted
    passage longer than LIKE's pattern limit is still just text.
    """
    parts: list[ColumnElement[str]] = [type_coerce(func.coalesce(c, ""), String) for c in columns]
    joined = reduce(lambda a, b: a + literal(_SEPARATOR) + b, parts)
    if needle.isascii() and len(needle) <= LIKE_UP_TO:
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return like_folded(joined, f"%{escaped}%")
    return folded_position(joined, needle.casefold()) > 0


def _where(listing: Listing[T], request: Request, listed: Subquery) -> list[ColumnElement[bool]]:
    where = [condition(listed) for condition in request.conditions.values()]
    if request.text:
        where.append(_contains([listed.c[name] for name in listing.text], request.text))
    return where


def _order(listing: Listing[T], request: Request, listed: Subquery) -> list[Any]:
    """The sort keys, then the row's key for ties, with empty values placed explicitly.

    SQLite sorts NULL below everything, PostgreSQL above: saying where NULLs go (first
    ascending, last descending, SQLite's own default, so its plans are unchanged) makes
    every list and book come out in the same order on both backends.
    """
    names = list(request.sort or listing.order)
    columns = [listed.c[name] for name in [*names, listing.key]]
    if request.descending:
        return [c.desc().nulls_last() for c in columns]
    return [c.asc().nulls_first() for c in columns]


def count(session: Session, listing: Listing[T], request: Request) -> int:
    listed = listing.listed(request, sorted_too=False)
    query = select(func.count()).select_from(listed).where(*_where(listing, request, listed))
    return int(session.execute(query).scalar_one())


def read(
    session: Session, listing: Listing[T], request: Request, offset: int, limit: int
) -> list[T]:
    """Rows ``offset`` to ``offset + limit`` in the requested order.

    The order and filter are worked out over the columns they need alone, then the page's
    ids are read in full: columns that cost a subquery are computed for forty rows, not for
    every row in the dossier.
    """
    listed = listing.listed(request, sorted_too=True)
    keys = list(
        session.scalars(
            select(listed.c[listing.key])
            .where(*_where(listing, request, listed))
            .order_by(*_order(listing, request, listed))
            .limit(limit)
            .offset(offset)
        )
    )
    if not keys:
        return []
    page = listing.query.subquery("page")
    rows = session.execute(select(page).where(_among(session, page.c[listing.key], keys))).all()
    place = {key: number for number, key in enumerate(keys)}
    return listing.make(session, sorted(rows, key=lambda row: place[row._mapping[listing.key]]))


def _among(session: Session, column: ColumnElement[Any], keys: list[Any]) -> ColumnElement[bool]:
    """``column`` is one of ``keys``, the page's rows.

    On a server the keys go as one array: an IN list of 128 parameters was a new statement
    for the driver to parse and the server to plan on every page, about a third of a
    page's time (issue 15). SQLite, in the same process, takes the list as it is.
    """
    if session.get_bind().dialect.name == POSTGRESQL and all(isinstance(k, int) for k in keys):
        return column == any_(bindparam("keys", keys, type_=ARRAY(Integer)))
    return column.in_(keys)


def position(session: Session, listing: Listing[T], request: Request, record_id: int) -> int:
    """Where ``record_id`` first is in the requested order, or -1 when it is not listed."""
    listed = listing.listed(request, sorted_too=True)
    numbered = (
        select(
            listed.c.id,
            func.row_number().over(order_by=_order(listing, request, listed)).label("number"),
        )
        .where(*_where(listing, request, listed))
        .subquery("numbered")
    )
    found = session.execute(
        select(func.min(numbered.c.number)).where(numbered.c.id == record_id)
    ).scalar_one()
    return -1 if found is None else int(found) - 1
