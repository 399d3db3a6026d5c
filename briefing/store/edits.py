"""Changes a person makes, in a shape that can be undone exactly.

A delete removes a record together with everything that depends on it (its subtype row,
citations, aliases, the talking points about it, a person's appointments …). Before it
does, :func:`delete_rows` walks the foreign keys and copies every row the cascade will
remove and every link it will clear, so :func:`restore` can put back exactly what was
there, with the same ids. The GUI's undo stack is a thin layer over these functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Table, and_, delete, insert, literal, select, union_all, update
from sqlalchemy.orm import Session

from briefing.domain import (
    Alias,
    BargainingChip,
    Base,
    ChipSector,
    Delegation,
    DelegationMember,
    Dossier,
    Event,
    Person,
    Record,
)
from briefing.domain.fields import PARENTS, protected_fields
from briefing.domain.registry import kind_of
from briefing.errors import N_, NotSaved
from briefing.store.search import indexing
from briefing.store.versions import WRITTEN, claim, claim_all, editor
from briefing.store.visibility import above, field_level, set_field, set_field_level, stored
from briefing.text import without_nul

_RECORD = Base.metadata.tables["record"]

TextRow = TypeVar("TextRow", Alias, ChipSector)


@dataclass
class Snapshot:
    """Rows a delete removed (parents first) and links it cleared, ready to put back."""

    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    cleared: list[tuple[str, dict[str, Any], str, Any]] = field(default_factory=list)

    @property
    def record_ids(self) -> list[int]:
        return [row["id"] for name, row in self.rows if name == "record"]


def _pk(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[c.name] for c in table.primary_key.columns)


def _inherits_record(table: Table) -> bool:
    """Subtype tables of joined inheritance: their primary key is a record id."""
    pk = list(table.primary_key.columns)
    return len(pk) == 1 and any(fk.column.table is _RECORD for fk in pk[0].foreign_keys)


def _collect(session: Session, table: Table, where: Any) -> Snapshot:
    """Every row a cascading delete of ``table`` rows matching ``where`` will remove."""
    doomed: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = defaultdict(dict)
    cleared: dict[tuple[str, tuple[Any, ...], str], tuple[dict[str, Any], Any]] = {}
    queue: list[tuple[Table, list[dict[str, Any]]]] = []

    def add(t: Table, rows: list[dict[str, Any]]) -> None:
        fresh = [r for r in rows if _pk(t, r) not in doomed[t.name]]
        for r in fresh:
            doomed[t.name][_pk(t, r)] = r
        if fresh:
            queue.append((t, fresh))

    add(table, [dict(r._mapping) for r in session.execute(select(table).where(where))])
    while queue:
        parent, rows = queue.pop()
        if _inherits_record(parent):
            ids = [r["id"] for r in rows]
            add(
                _RECORD,
                [
                    dict(r._mapping)
                    for r in session.execute(select(_RECORD).where(_RECORD.c.id.in_(ids)))
                ],
            )
        for child in Base.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is not parent or fk.ondelete not in ("CASCADE", "SET NULL"):
                    continue
                values = [r[fk.column.name] for r in rows if r[fk.column.name] is not None]
                if not values:
                    continue
                found = [
                    dict(r._mapping)
                    for r in session.execute(select(child).where(fk.parent.in_(values)))
                ]
                if fk.ondelete == "CASCADE":
                    add(child, found)
                else:
                    for r in found:
                        cleared[(child.name, _pk(child, r), fk.parent.name)] = (
                            r,
                            r[fk.parent.name],
                        )
    order = [t.name for t in Base.metadata.sorted_tables]
    snapshot = Snapshot()
    for name in order:
        snapshot.rows.extend((name, row) for row in doomed.get(name, {}).values())
    for (name, key, column), (row, old) in cleared.items():
        if key not in doomed.get(name, {}):
            t = Base.metadata.tables[name]
            snapshot.cleared.append(
                (name, {c.name: row[c.name] for c in t.primary_key}, column, old)
            )
    return snapshot


PART_OF: dict[str, str] = {
    "citation": "record_id",
    "alias": "record_id",
    "field_level": "record_id",
    "chip_sector": "chip_id",
    "delegation_member": "delegation_id",
    "event_participant": "event_id",
    "chip_event": "chip_id",
}
"""Tables whose rows are part of one record, by the column naming it: adding or removing
one is a save of that record. A link (a delegation's member, an event's participant, a
chip's event) is part of the record whose field lists it, not of the record it names."""


def referrers(snapshot: Snapshot) -> set[int]:
    """The records a delete changes without removing them: whose citations, aliases,
    members, participants or linked events it takes, or whose reference to a removed
    record (an event's owner, a person's party) it clears. Both sides of a sync, and
    every open form, must see them as saved again."""
    owners = {row[PART_OF[name]] for name, row in snapshot.rows if name in PART_OF}
    owners |= {
        key["id"]
        for name, key, _column, _old in snapshot.cleared
        if _inherits_record(Base.metadata.tables[name])
    }
    return owners - set(snapshot.record_ids)


def keeps_prepared_for(session: Session, snapshot: Snapshot) -> None:
    """Refuse a delete that would clear whom a dossier is prepared for, naming the party.

    The SET NULL on ``dossier.prepared_for_id`` would blank the cover of every later
    edition without the person deleting being told. Choosing another party, or none,
    first is one step the user takes knowingly; a sync carries that choice as a change of
    the dossier's own fields (:data:`briefing.store.sync.spec.DOSSIER`), and the delete
    then goes through everywhere alike."""
    for name, key, column, old in snapshot.cleared:
        if name == "dossier" and column == "prepared_for_id":
            dossier = session.get_one(Dossier, key["id"])
            party = session.get_one(Record, old)
            raise NotSaved(
                N_(
                    "{party} is the party the dossier {dossier} is prepared for: choose another "
                    "party, or none, for it first; nothing was deleted"
                ),
                party=party.display_name,
                dossier=dossier.slug,
            )


def delete_rows(
    session: Session,
    table_name: str,
    key: dict[str, Any],
    loaded: int | None = None,
    *,
    saves_referrers: bool = True,
) -> Snapshot:
    """Delete one row (a record, a citation …) and all that cascades; return what went.

    Deleting a record is refused when it is no longer at version ``loaded`` (someone
    changed it since); a citation's or alias's record counts the delete as a save of its
    own, and so does each record the delete takes entries from or clears a link of
    (:func:`referrers`), unless ``saves_referrers`` is False: a travel copy taking the
    server's changes, which carry each such save of the server's as a change of its own.

    Deleting the party a dossier is prepared for is refused (:func:`keeps_prepared_for`),
    but not when a travel copy takes the server's delete: the server refused it if the
    party was its dossier's, and the copy follows what the server did.
    """
    table = Base.metadata.tables[table_name]
    where = and_(*(table.c[name] == value for name, value in key.items()))
    if table_name == "record":
        claim(session, key["id"], loaded, count=False)
    snapshot = _collect(session, table, where)
    if saves_referrers:
        keeps_prepared_for(session, snapshot)
    session.flush()
    ids = snapshot.record_ids
    for owner in sorted(referrers(snapshot) if saves_referrers else ()):
        claim(session, owner, loaded if table_name != "record" else None)
    session.execute(delete(table).where(where))
    if ids:
        session.execute(delete(_RECORD).where(_RECORD.c.id.in_(ids)))
        indexing.drop(session, ids)
    session.expire_all()
    return snapshot


def delete_record(
    session: Session, record_id: int, loaded: int | None = None, *, saves_referrers: bool = True
) -> Snapshot:
    return delete_rows(
        session, "record", {"id": record_id}, loaded, saves_referrers=saves_referrers
    )


def restore(session: Session, snapshot: Snapshot) -> None:
    """Put back what :func:`delete_rows` removed, with the same ids."""
    session.flush()
    for name, row in snapshot.rows:
        session.execute(insert(Base.metadata.tables[name]).values(**row))
    for name, key, column, old in snapshot.cleared:
        table = Base.metadata.tables[name]
        where = and_(*(table.c[k] == v for k, v in key.items()))
        session.execute(update(table).where(where).values({column: old}))
    session.expire_all()
    touched = set(snapshot.record_ids)
    owners = referrers(snapshot)
    claim_all(session, owners)
    session.info.setdefault(WRITTEN, {}).update(
        (row["id"], row["version"]) for name, row in snapshot.rows if name == "record"
    )
    touched.update(owners)
    indexing.index_records(session, touched)


def describe_dependents(snapshot: Snapshot, record_id: int) -> list[str]:
    """What else a delete takes with it, for the confirmation question ("2 citations")."""
    counts: dict[str, int] = defaultdict(int)
    for name, row in snapshot.rows:
        if name == "record":
            if row["id"] != record_id:
                counts[row["kind"].replace("_", " ")] += 1
        elif name in ("citation", "alias", "delegation_member", "event_participant", "chip_event"):
            counts[name.replace("_", " ")] += 1
    plural = {"alias": "aliases", "delegation member": "delegation memberships"}
    return [
        f"{n} {plural.get(kind, kind + 's') if n > 1 else kind}"
        for kind, n in sorted(counts.items())
    ]


def dependents(session: Session, record_id: int) -> Snapshot:
    """What deleting a record would remove and clear, without deleting anything."""
    return _collect(session, _RECORD, _RECORD.c.id == record_id)


def preview_delete(session: Session, record_id: int) -> list[str]:
    """The dependents a delete would remove, without deleting anything."""
    return describe_dependents(dependents(session, record_id), record_id)


# ------------------------------------------------------------------ field changes

LEVEL = "level:"
"""Prefix of the keys that carry a protected field's level in forms and undo."""


def level_key(name: str) -> str:
    """The key of protected field ``name``'s level (``level:our_minimum``)."""
    return f"{LEVEL}{name}"


def read_fields(record: Record, names: list[str]) -> dict[str, Any]:
    """The current values of ``names``, in the plain form :func:`write_fields` takes.

    A protected field reads its value wherever it is held, and ``level:NAME`` the level
    it is handled at (the record's own when it has none of its own).
    """
    protected = protected_fields(record.kind)
    values: dict[str, Any] = {}
    for name in names:
        if name.startswith(LEVEL):
            values[name] = field_level(record, name.removeprefix(LEVEL))
        elif name in protected:
            values[name] = stored(record, name)
        elif name == "aliases":
            values[name] = [a.name for a in record.aliases]
        elif name == "sectors" and isinstance(record, BargainingChip):
            values[name] = record.sector_names
        elif name == "participants" and isinstance(record, Event):
            values[name] = [p.id for p in record.participants]
        elif name == "events" and isinstance(record, BargainingChip):
            values[name] = [e.id for e in record.events]
        elif name == "members" and isinstance(record, Delegation):
            values[name] = [m.person_id for m in record.members]
        else:
            values[name] = getattr(record, name)
    return values


def _written_order(name: str) -> int:
    """The record's level first and fields' levels last: whether a field needs a row of
    its own depends on the record's level, and its row takes the value just written."""
    if name == "handling":
        return 0
    return 2 if name.startswith(LEVEL) else 1


def write_fields(session: Session, record: Record, values: dict[str, Any]) -> None:
    """Write ``values`` to ``record``; text loses any NUL, as on import (``without_nul``)."""
    protected = protected_fields(record.kind)
    for name in sorted(values, key=_written_order):
        value = without_nul(values[name])
        if name.startswith(LEVEL):
            set_field_level(record, name.removeprefix(LEVEL), value)
        elif name in protected:
            set_field(record, name, value)
        elif name == "aliases":
            record.aliases = _by_text(record.aliases, value, Alias)
        elif name == "sectors" and isinstance(record, BargainingChip):
            record.sectors = _by_text(record.sectors, value, ChipSector)
        elif name == "participants" and isinstance(record, Event):
            record.participants = [session.get_one(Person, i) for i in value]
        elif name == "events" and isinstance(record, BargainingChip):
            record.events = [session.get_one(Event, i) for i in value]
        elif name == "members" and isinstance(record, Delegation):
            _set_members(session, record, value)
        else:
            setattr(record, name, value)


def _by_text(
    rows: Sequence[TextRow], texts: Iterable[str], make: Callable[..., TextRow]
) -> list[TextRow]:
    """Rows keyed by their text (aliases, sectors) for ``texts``, each text once: a text
    already there keeps its row, so the flush adds and removes only what changed rather
    than putting a text back while its old row, unique by it, is still there."""
    kept = {row.name: row for row in rows}
    return [kept[text] if text in kept else make(name=text) for text in dict.fromkeys(texts)]


def _set_members(session: Session, delegation: Delegation, person_ids: list[int]) -> None:
    """New members in the order given, each person once (a member is keyed by the
    person); people already in it keep their role and head mark."""
    kept = {m.person_id: m for m in delegation.members}
    members = []
    for position, person_id in enumerate(dict.fromkeys(person_ids)):
        member = kept.pop(person_id, None) or DelegationMember(
            person=session.get_one(Person, person_id)
        )
        member.position = position
        members.append(member)
    delegation.members = members


def change_record(
    session: Session, record_id: int, values: dict[str, Any], loaded: int | None = None
) -> dict[str, Any]:
    """Apply ``values`` to a record still at version ``loaded`` (refused with
    :class:`~briefing.store.versions.Changed` otherwise); return the values they replaced."""
    claim(session, record_id, loaded)
    return _write(session, record_id, values)


def _write(session: Session, record_id: int, values: dict[str, Any]) -> dict[str, Any]:
    record = session.get_one(Record, record_id)
    before = read_fields(record, list(values))
    write_fields(session, record, values)
    session.flush()
    return before


def create_record(
    session: Session, model: type[Record], dossier_id: int, uid: str, values: dict[str, Any]
) -> int:
    """Insert a new record of ``model``; returns its id.

    A declared field the values leave out starts at its column's default now, not at the
    insert: a protected group (a text and its Korean) moves all its members' values into
    their rows when its level is set, and an absent Korean text is "", not nothing."""
    record = model(uid=uid, dossier_id=dossier_id, changed_by=editor(session))
    columns = model.__table__.c
    for declared in kind_of(str(model.__mapper__.polymorphic_identity)).fields:
        column = columns.get(declared.name)
        default = None if column is None else column.default
        if declared.name not in values and default is not None and default.is_scalar:
            setattr(record, declared.name, default.arg)
    session.add(record)
    write_fields(session, record, values)
    session.flush()
    session.info.setdefault(WRITTEN, {})[record.id] = 1
    return record.id


# ------------------------------------------------------------------ levels the store raised

Levels = dict[tuple[str, int], int]
"""Stored ranks by table and row id: records, citations and protected fields."""


def levels_in(session: Session, dossier_id: int) -> Levels:
    """Every stored level in the dossier, in one statement."""
    record = _RECORD
    parts = [select(literal("record"), record.c.id, record.c.handling)]
    for name in ("citation", "field_level"):
        table = Base.metadata.tables[name]
        parts.append(
            select(literal(name), table.c.id, table.c.handling).join(
                record, record.c.id == table.c.record_id
            )
        )
    rows = union_all(*(part.where(record.c.dossier_id == dossier_id) for part in parts))
    return {(table, row_id): rank for table, row_id, rank in session.execute(rows)}


def put_levels(session: Session, levels: Levels) -> None:
    """Store these levels as they are (undo lowering what a change's floors raised)."""
    for (name, row_id), rank in levels.items():
        table = Base.metadata.tables[name]
        session.execute(update(table).where(table.c.id == row_id).values(handling=rank))
    session.expire_all()


@dataclass
class Change:
    """What :func:`apply_change` replaced, to put back exactly.

    Attributes:
        before: the values the change replaced.
        version: the record's version once changed.
        raised: levels the store raised after it (a child below its raised parent, a
            citation or field below its record), with the ranks they had: undo lowers them.
    """

    before: dict[str, Any]
    raised: Levels
    version: int = 0


def _may_raise(record: Record, values: dict[str, Any]) -> bool:
    """Whether saving ``values`` may make the store raise levels: a new level, or a new
    parent (a brief moved to a Restricted event)."""
    links = {column for _table, column in PARENTS.get(record.kind, ())}
    return "handling" in values or any(name in links for name in values)


def apply_change(
    session: Session, record_id: int, values: dict[str, Any], loaded: int | None = None
) -> Change:
    """:func:`change_record`, remembering what the floors raised after it.

    Reading every level of the dossier costs some milliseconds on a ministry's dossier,
    so it is done only for a change that may raise something.
    """
    version = claim(session, record_id, loaded)
    record = session.get_one(Record, record_id)
    watched = _may_raise(record, values)
    dossier_id = record.dossier_id
    earlier = levels_in(session, dossier_id) if watched else {}
    before = _write(session, record_id, values)
    now = levels_in(session, dossier_id) if watched else {}
    raised = {key: rank for key, rank in earlier.items() if key in now and above(now[key], rank)}
    claim_all(session, _raised_records(raised, record_id))
    return Change(before, raised, version)


def _raised_records(levels: Levels, changed: int) -> set[int]:
    """The other records whose level a change raised (or its undo lowers): saves of theirs."""
    return {row_id for (table, row_id) in levels if table == "record" and row_id != changed}


def undo_change(
    session: Session, record_id: int, change: Change, loaded: int | None = None
) -> None:
    """Put back what ``change`` replaced, if the record is still at version ``loaded``."""
    change_record(session, record_id, change.before, loaded)
    put_levels(session, change.raised)
    claim_all(session, _raised_records(change.raised, record_id))
