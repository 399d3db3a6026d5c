"""The one handling-level filter, and the one place levels are compared.

Views, search, checks, the book and dossier files all go through it, and a test fails on
any comparison of levels written anywhere else. Three rules live here:

- An audience cleared to ``level`` sees a record, a citation or a protected field when its
  rank is at or below ``level``.
- A child is never below its parents (see :data:`briefing.domain.fields.PARENTS`): a brief
  is labelled from its event and a delegation from its event and party, so a child below
  them would print their names to readers who may not see them. A citation is never below
  its record or its source, a protected field never below its record. The store raises a
  stored level that breaks this on every flush and import, and says so.
- A protected field's value lives in a :class:`FieldLevel` row, and the record's column is
  blank, so code that reads the column directly shows an audience nothing it may not see.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol, TypeVar

from sqlalchemy import ColumnElement, FromClause, event, func, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from briefing.domain import Citation, FieldLevel, HandlingLevel, Record
from briefing.domain.fields import PARENTS, group_of, protected_fields
from briefing.domain.portable_sql import greatest, greatest_sql
from briefing.domain.registry import label_of
from briefing.errors import NotFound
from briefing.i18n import N_

R = TypeVar("R", bound=Record)

EVERYTHING = 10**6
"""A level above every rank: what staff see with no audience chosen."""

LOWEST = 0
"""The lowest rank of every scale: what the dossier's title is always handled at."""


def cleared(rank: int, level: int) -> bool:
    """May an audience cleared to ``level`` see something handled at ``rank``?"""
    return rank <= level


def highest(*ranks: int) -> int:
    """The effective level of a text built from parts at these levels."""
    return max(ranks, default=LOWEST)


def above(rank: int, floor: int) -> bool:
    """Is ``rank`` strictly more sensitive than ``floor``?"""
    return rank > floor


def visible(model: type[Record], level: int) -> ColumnElement[bool]:
    """WHERE clause: rows of ``model`` an audience at ``level`` may see."""
    return model.handling <= level


def visible_row(record: FromClause, level: int) -> ColumnElement[bool]:
    """WHERE clause over a bare ``record`` table alias, for subqueries built on tables."""
    return record.c.handling <= level


def visible_column(handling: ColumnElement[int], level: int) -> ColumnElement[bool]:
    """WHERE clause over any handling column (a citation's, a field's, a dossier part's)."""
    return handling <= level


def shown(record: Record | None, level: int) -> bool:
    return record is not None and cleared(record.handling, level)


def only_shown(records: Iterable[R], level: int) -> list[R]:
    return [r for r in records if cleared(r.handling, level)]


def shown_citations(record: Record, level: int) -> list[Citation]:
    return [
        c
        for c in record.citations
        if cleared(c.handling, level) and cleared(c.source.handling, level)
    ]


def up_to(scale: Sequence[HandlingLevel], level: int) -> list[HandlingLevel]:
    """The rungs of ``scale`` an audience at ``level`` may know of."""
    return [x for x in scale if cleared(x.rank, level)]


def levels(session: Session) -> list[HandlingLevel]:
    return list(session.scalars(select(HandlingLevel).order_by(HandlingLevel.rank)))


def level_by_name(session: Session, name: str) -> HandlingLevel:
    """The level called ``name`` (case-insensitive), or a NotFound naming the choices."""
    scale = levels(session)
    for level in scale:
        if level.name.casefold() == name.casefold():
            return level
    choices = ", ".join(x.name for x in scale)
    raise NotFound(
        N_("no handling level called {name!r}; choose one of: {choices}"),
        name=name,
        choices=choices,
    )


SHARED_LEVELS = 2
"""How many of the scale's lowest levels (Public and Internal by default) make files that
may be passed round a shared drive; anything above stays readable by its owner alone."""


def shared_with_colleagues(scale: Sequence[int], rank: int) -> bool:
    """May a file for an audience at ``rank`` be readable by others on the machine?"""
    return rank in sorted(scale)[:SHARED_LEVELS]


def top_of_scale(scale: Sequence[int], rank: int) -> bool:
    """Is an audience at ``rank`` cleared to the highest level of ``scale`` (the staff who
    prepare the dossier, for whom a book adds the reviewer's checks)?"""
    return bool(scale) and rank == max(scale)


# --- The dossier's own texts ----------------------------------------------------------


def subtitle_level(default_handling: int, subtitle_handling: int | None) -> int:
    return default_handling if subtitle_handling is None else subtitle_handling


def scene_level(default_handling: int, scene_handling: int | None) -> int:
    return default_handling if scene_handling is None else scene_handling


# --- Protected fields -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """A field's value as an audience sees it, with the level its portion marking shows."""

    value: Any
    level: int


_BLANK: Final[dict[str, Any]] = {"value_amount": None}
"""What a protected column holds while its value is in a FieldLevel row ("" otherwise)."""


def _row(record: Record, name: str) -> FieldLevel | None:
    return next((f for f in record.field_levels if f.field == name), None)


def field(record: Record, name: str, level: int) -> Field | None:
    """``record.name`` as an audience at ``level`` sees it, or None when it may not.

    None also when the record itself is withheld. Callers print nothing at all for None:
    no label, no "withheld", so nothing hints that the field exists.
    """
    if not cleared(record.handling, level):
        return None  # before reading its field rows, which may load them
    row = _row(record, name)
    own = None if row is None else (row.handling, row.value)
    return seen_field(getattr(record, name), record.handling, own, level)


def seen_field(value: Any, handling: int, own: tuple[int, str] | None, level: int) -> Field | None:
    """:func:`field` over plain rows: the column's ``value``, the record's ``handling``
    and, for a protected field, its own row's level and stored (JSON) value."""
    if not cleared(handling, level):
        return None
    if own is None:
        return Field(value, handling)
    rank, stored = own
    if not cleared(rank, level):
        return None
    return Field(json.loads(stored), highest(rank, handling))


def field_level(record: Record, name: str) -> int:
    """The level ``name`` is handled at: its own when protected, else the record's."""
    row = _row(record, name)
    return record.handling if row is None else highest(row.handling, record.handling)


def set_field(record: Record, name: str, value: Any) -> None:
    """Store a new value for ``name``, in its protected row when it has one."""
    row = _row(record, name)
    if row is None:
        setattr(record, name, value)
    else:
        row.value = json.dumps(value, ensure_ascii=False)


def set_field_level(record: Record, name: str, rank: int | None) -> None:
    """Handle ``name`` (and the rest of its group: a chip's value is its amount, currency and
    note together) at ``rank``; None or the record's own level folds it back.

    A protected value moves out of the record's column into its row (the column goes
    blank) and back, so the column never holds what an audience of the record may not see.
    A group moves as one, so a file, a form and a book line, which state one level for it,
    always agree with what is stored.
    """
    if name not in protected_fields(record.kind):
        raise ValueError(f"{record.kind}.{name} cannot carry a level of its own")
    for member in group_of(name):
        _set_one_level(record, member, rank)


def _set_one_level(record: Record, name: str, rank: int | None) -> None:
    row = _row(record, name)
    if rank is None or not above(rank, record.handling):
        if row is not None:
            setattr(record, name, json.loads(row.value))
            record.field_levels.remove(row)
        return
    if row is None:
        row = FieldLevel(field=name, value=json.dumps(getattr(record, name), ensure_ascii=False))
        record.field_levels.append(row)
        setattr(record, name, blank(name))
    row.handling = rank


# --- Floors: a child never below its parents ------------------------------------------


_RAISED = "briefing-raised-levels"


def _names(session: Session) -> dict[int, str]:
    return {x.rank: x.name for x in levels(session)}


def _label(kind: str, uid: str) -> str:
    return f"{label_of(kind)} {uid}"


def raise_floors(
    session: Session, *, dossier_id: int, touched: Collection[int] | None = None
) -> list[str]:
    """Raise every stored level below a parent's; say what moved.

    With ``touched`` (the records a flush wrote) only their own floors and what hangs below
    them are looked at, so an edit costs index lookups, not a pass over a ministry's
    dossier (0.4 s on 100,000 events); without it, the whole dossier. Runs in SQL, kind by
    kind, until nothing moves (a talking point about a brief about an event moves in two
    rounds); what moved is looked at in the next round, since its own children may now be
    below it.
    """
    names = _names(session)
    messages: list[str] = []
    params: dict[str, Any] = {"dossier": dossier_id}
    scope = None if touched is None else set(touched)
    for _round in range(len(PARENTS) + 2):
        moved: set[int] = set()
        for links in PARENTS.values():
            for table, column in links:
                for near in _near(scope, "c.id", f"t.{column}"):
                    rows = session.execute(
                        text(
                            "SELECT c.id, c.kind, c.uid, c.handling, p.kind, p.uid, p.handling "
                            f"FROM record AS c JOIN {table} AS t ON t.id = c.id "
                            f"JOIN record AS p ON p.id = t.{column} "
                            f"WHERE c.dossier_id = :dossier AND c.handling < p.handling{near}"
                        ),
                        params,
                    ).all()
                    for cid, ckind, cuid, was, pkind, puid, rank in rows:
                        session.execute(
                            text("UPDATE record SET handling = :rank WHERE id = :id"),
                            {"rank": rank, "id": cid},
                        )
                        messages.append(
                            f"{_label(ckind, cuid)} raised from {names[was]} to "
                            f"{names[rank]}: it is built from {_label(pkind, puid)}, "
                            f"handled {names[rank]}"
                        )
                        moved.add(cid)
        if not moved:
            break
        if scope is not None:
            scope |= moved
    messages.extend(_raise_citations(session, names, params, scope))
    messages.extend(_raise_fields(session, names, params, scope))
    return messages


def _ids(ids: Collection[int]) -> str:
    """An SQL list of record ids (integers only, so nothing user-written reaches the SQL)."""
    return "(" + ", ".join(str(int(i)) for i in sorted(ids)) + ")"


def _near(scope: set[int] | None, *columns: str) -> list[str]:
    """WHERE suffixes limiting a floor query to ``scope``, one query per column: an OR of
    the two would make SQLite scan the whole table instead of using each column's index."""
    if scope is None:
        return [""]
    return [f" AND {column} IN {_ids(scope)}" for column in columns]


def enforce_floors(session: Session, dossier_id: int) -> list[str]:
    """:func:`raise_floors` outside a flush (an import, a migration), then forget the
    levels loaded objects hold, since the SQL changed them behind the session's back."""
    messages = raise_floors(session, dossier_id=dossier_id)
    if messages:
        _expire_levels(session)
    return messages


def _raise_citations(
    session: Session, names: dict[int, str], params: dict[str, Any], scope: set[int] | None
) -> list[str]:
    messages = []
    floor = highest_sql("r.handling", "s.handling", dialect=session.get_bind().dialect.name)
    for near in _near(scope, "c.record_id", "c.source_id"):
        rows = session.execute(
            text(
                "SELECT c.id, c.handling, r.uid, r.kind, s.uid, "
                f"{floor} AS floor FROM citation AS c "
                "JOIN record AS r ON r.id = c.record_id JOIN record AS s ON s.id = c.source_id "
                "WHERE r.dossier_id = :dossier "
                f"AND c.handling < {floor}{near}"
            ),
            params,
        ).all()
        for cid, was, ruid, rkind, suid, rank in rows:
            session.execute(
                text("UPDATE citation SET handling = :rank WHERE id = :id"),
                {"rank": rank, "id": cid},
            )
            messages.append(
                f"Citation of {suid} by {_label(rkind, ruid)} raised from {names[was]} to "
                f"{names[rank]}, the level of its record or source"
            )
    return messages


def _raise_fields(
    session: Session, names: dict[int, str], params: dict[str, Any], scope: set[int] | None
) -> list[str]:
    (near,) = _near(scope, "f.record_id")
    rows = session.execute(
        text(
            "SELECT f.id, f.field, f.handling, r.uid, r.kind, r.handling FROM field_level AS f "
            "JOIN record AS r ON r.id = f.record_id "
            f"WHERE r.dossier_id = :dossier AND f.handling < r.handling{near}"
        ),
        params,
    ).all()
    messages = []
    for fid, name, was, uid, kind, rank in rows:
        session.execute(
            text("UPDATE field_level SET handling = :rank WHERE id = :id"),
            {"rank": rank, "id": fid},
        )
        messages.append(
            f"{name} of {_label(kind, uid)} raised from {names[was]} to {names[rank]}, "
            "the level of its record"
        )
    return messages


def _expire_levels(session: Session) -> None:
    """Objects already loaded must not keep a level the SQL above has just raised."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Record | Citation | FieldLevel):
            session.expire(obj, ["handling"])


def raised_messages(session: Session) -> list[str]:
    """What the flushes of this session raised, for the window to tell the person."""
    return list(session.info.get(_RAISED, []))


def below_parents(session: Session, record: Record, rank: int) -> list[Record]:
    """Records that would be raised if ``record`` were handled at ``rank``: its children,
    theirs, and so on, that are below ``rank``. The window names them before it saves."""
    found: dict[int, Record] = {}
    frontier = [record.id]
    while frontier:
        ids = frontier
        frontier = []
        for links in PARENTS.values():
            for table, column in links:
                model_table = Record.metadata.tables[table]
                child_ids = session.scalars(
                    select(model_table.c.id).where(model_table.c[column].in_(ids))
                ).all()
                for child in session.scalars(select(Record).where(Record.id.in_(child_ids))):
                    if above(rank, child.handling) and child.id not in found:
                        found[child.id] = child
                        frontier.append(child.id)
    return list(found.values())


_EXPIRE = "briefing-floors-expire"


_WHOLE_DOSSIER = 500
"""Past this many records written in one flush, their dossier is checked whole."""


def _touched(session: Session) -> dict[int, set[int]]:
    """The records a flush wrote (or whose citations and protected fields it wrote), by
    dossier."""
    records = {
        obj.id: obj.dossier_id for obj in (*session.new, *session.dirty) if isinstance(obj, Record)
    }
    parts = {
        obj.record_id
        for obj in (*session.new, *session.dirty)
        if isinstance(obj, Citation | FieldLevel)
    }
    parts.update(
        obj.source_id for obj in (*session.new, *session.dirty) if isinstance(obj, Citation)
    )
    missing = parts - records.keys()
    if missing:
        rows = session.execute(
            select(Record.id, Record.dossier_id).where(Record.id.in_(missing))
        ).all()
        for record_id, dossier_id in rows:
            records[record_id] = dossier_id
    touched: dict[int, set[int]] = {}
    for record_id, dossier_id in records.items():
        touched.setdefault(dossier_id, set()).add(record_id)
    return touched


def _after_flush(session: Session, _context: Any) -> None:
    with session.no_autoflush:
        for dossier_id, ids in sorted(_touched(session).items()):
            scope = None if len(ids) > _WHOLE_DOSSIER else ids
            messages = raise_floors(session, dossier_id=dossier_id, touched=scope)
            if messages:
                session.info.setdefault(_RAISED, []).extend(messages)
                session.info[_EXPIRE] = True


def _after_flush_postexec(session: Session, _context: Any) -> None:
    if session.info.pop(_EXPIRE, False):
        _expire_levels(session)


event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "after_flush_postexec", _after_flush_postexec)


# --- Dossier files (exchange area) ----------------------------------------------------

Rung = tuple[int, str, str]
"""One level of a handling scale as a file and the database both state it: rank, name,
marking."""


def lowest(*ranks: int) -> int:
    """The least sensitive of ``ranks``: a file's default when it names none."""
    return min(ranks, default=LOWEST)


def at_most(rank: int, level: int) -> int:
    """``rank``, or ``level`` if it is above: a level an audience at ``level`` can be told,
    for a default a file for that audience must state within its scale."""
    return min(rank, level)


def scale_repeats(rungs: Sequence[Rung]) -> bool:
    """Does a scale repeat a rank or a name? Then its names cannot stand for ranks."""
    return len({rank for rank, _, _ in rungs}) != len(rungs) or len(
        {name for _, name, _ in rungs}
    ) != len(rungs)


def starts_scale(part: Sequence[Rung], whole: Sequence[Rung]) -> bool:
    """Are ``part``'s levels the lowest of ``whole``'s, rank, name and marking alike?

    Such a file (one exported for an audience stops at its level) means by every name
    what the database means by it, so it may join the dossiers already there.
    """
    return sorted(part) == sorted(whole)[: len(part)]


def blank(name: str) -> Any:
    """What a protected column holds while its value is in a :class:`FieldLevel` row."""
    return _BLANK.get(name, "")


# --- The window: forms, undo and the audience selector (GUI area) ----------------------


def same_level(rank: int | str, other: int | str) -> bool:
    """Are two ranks (or audiences, by rank or by name) the same, e.g. a cached read's
    audience and the one now chosen? Even an equality of levels goes through this module."""
    return rank == other


def at_level(
    column: ColumnElement[int] | InstrumentedAttribute[int], rank: int
) -> ColumnElement[bool]:
    """SQL: the rows whose level (an edition's audience) is exactly ``rank``."""
    return column == rank


def not_below(choices: Iterable[tuple[str, int]], floor: int) -> list[tuple[str, int]]:
    """The (label, rank) choices a part of a record (a protected field, a citation) may
    take when its record or source is at ``floor``: a form never offers one below it."""
    return [(label, rank) for label, rank in choices if cleared(floor, rank)]


def stored(record: Record, name: str) -> Any:
    """``record.name`` wherever it is held (its protected row or the column), whatever its
    level: for the forms and undo, which staff use at full clearance."""
    row = _row(record, name)
    return getattr(record, name) if row is None else json.loads(row.value)


# --- The book, search and the checks --------------------------------------------------
# Added for the book, search and checks (what they print, find and report): the level of
# a derived name, a rung of a book's own copy of the scale, and the same rules for SQL
# written as text (the search index's rows) or built once and bound to an audience later
# (the search itself).


class _Rung(Protocol):
    @property
    def rank(self) -> int: ...


RankedT = TypeVar("RankedT", bound=_Rung)


def rung(scale: Iterable[RankedT], rank: int) -> RankedT | None:
    """The rung of ``scale`` (any sequence of things with a rank) at ``rank``, if any."""
    return next((x for x in scale if x.rank == rank), None)


NAMED_AFTER: Final[dict[str, tuple[str, ...]]] = {
    "meeting_brief": ("event",),
    "delegation": ("event", "party"),
}
"""Relationships whose records a kind's display name is built from ("Brief: <event
title>", "<party> delegation – <event title>"). A delegation with a name of its own names
neither, but its floors put it at their level anyway."""


def highest_sql(*ranks: str, dialect: str) -> str:
    """SQL for :func:`highest` of these rank expressions, as ``dialect`` spells it; a
    missing one (NULL, from an outer join) counts as the lowest level."""
    parts = [f"coalesce({rank}, {LOWEST})" for rank in ranks]
    return greatest_sql(parts, dialect) if len(ranks) > 1 else parts[0]


def cleared_sql(rank: str, level: str) -> str:
    """SQL for :func:`cleared`, for statements written as text."""
    return f"({rank}) <= ({level})"


def highest_of(*ranks: ColumnElement[int]) -> ColumnElement[int]:
    """SQL for :func:`highest` of these columns; a NULL (from an outer join) counts as the
    lowest level."""
    known = [func.coalesce(rank, LOWEST) for rank in ranks]
    return known[0] if len(known) == 1 else greatest(*known)


def visible_to(handling: ColumnElement[int], level: ColumnElement[int]) -> ColumnElement[bool]:
    """WHERE clause for a statement built once and run for any audience: ``level`` is a
    bound parameter (search builds its statement once; building it cost more than running
    it)."""
    return handling <= level
