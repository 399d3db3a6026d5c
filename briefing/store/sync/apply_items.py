"""A record's collections as a merge's operations change them, and new records whole.

Items are found by their stable keys (an alias or sector by its text, a citation by its
id, a member by the person's uid, a linked record by its uid). An item the writer cannot
see is never removed or changed, and a list's order is changed only among the items the
writer sees: a member above the writer's clearance keeps its place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from briefing.domain import (
    Alias,
    BargainingChip,
    ChipSector,
    Citation,
    Delegation,
    DelegationMember,
    Event,
    Person,
    Record,
    Source,
)
from briefing.domain.registry import kind_of, model_of
from briefing.domain.words import field_word, kind_word
from briefing.errors import N_, Phrase
from briefing.store.edits import create_record, level_key, write_fields
from briefing.store.exchange.schema import CitationOut, field_keys
from briefing.store.sync.apply_records import ABOVE_FIELD, ITEMS, Refusal, Writer
from briefing.store.sync.operations import (
    AddItem,
    CreateRecord,
    Operation,
    RemoveItem,
    Reorder,
    SetEntry,
    SetItemField,
    place,
    reordered,
)
from briefing.store.sync.spec import Json
from briefing.store.visibility import cleared, field_level, highest, same_level

_LINKED = {"participants": ("person",), "events": ("event",)}
"""Links that are sets of records, by the kind they name."""

_CITED = {"excerpt", "locator", "stance", "credibility"}
"""A citation's own values, written as the file gives them."""

NOT_APPLIED = N_("{uid}: this change does not apply to {field}")
NOT_PROTECTED = N_("{uid}: a record of kind {kind} has no protected field {key!r}")
HAS_NO = N_("{uid}: a record of kind {kind} has no {field}")


def collection_change(writer: Writer, operation: Operation) -> None:
    """One item added, removed or changed, a list reordered, or a field's level set."""
    assert isinstance(operation, SetEntry | AddItem | RemoveItem | SetItemField | Reorder)
    record = writer.record(operation.uid)
    field = operation.field
    if field == "field_handling" and isinstance(operation, SetEntry | RemoveItem):
        _field_level(writer, record, operation)
    elif field in ("aliases", "sectors") and isinstance(operation, AddItem | RemoveItem):
        _texts(record, field, operation)
    elif field in _LINKED and isinstance(operation, AddItem | RemoveItem):
        _linked(writer, record, field, operation)
    elif field == "citations" and not isinstance(operation, Reorder | SetEntry):
        _citation(writer, record, operation)
    elif field == "members" and isinstance(record, Delegation):
        _member(writer, record, operation)
    else:
        raise Refusal(NOT_APPLIED, uid=record.uid, field=field_word(record.kind, field))
    writer.changed.add(record.id)


def _field_level(writer: Writer, record: Record, operation: SetEntry | RemoveItem) -> None:
    keys = field_keys(record.kind)
    if operation.key not in keys:
        raise Refusal(NOT_PROTECTED, uid=record.uid, kind=kind_word(record.kind), key=operation.key)
    columns = keys[operation.key]
    for column in columns:
        if not cleared(field_level(record, column), writer.level):
            raise Refusal(ABOVE_FIELD, uid=record.uid, field=field_word(record.kind, column))
    rank = None
    if isinstance(operation, SetEntry):
        rank = writer.rank(operation.value, f"{record.uid}: {operation.key}")
    write_fields(writer.session, record, {level_key(column): rank for column in columns})


def _texts(record: Record, field: str, operation: AddItem | RemoveItem) -> None:
    """An alias or a chip's sector, keyed by its text."""
    if field == "sectors" and not isinstance(record, BargainingChip):
        raise Refusal(
            HAS_NO,
            uid=record.uid,
            kind=kind_word(record.kind),
            field=field_word(record.kind, field),
        )
    rows: list[Any] = (
        record.sectors
        if isinstance(record, BargainingChip) and field == "sectors"
        else record.aliases
    )
    held = [row for row in rows if row.name == operation.key]
    if isinstance(operation, AddItem) and not held:
        rows.append((ChipSector if field == "sectors" else Alias)(name=operation.key))
    for row in held if isinstance(operation, RemoveItem) else ():
        rows.remove(row)


def _linked(writer: Writer, record: Record, field: str, operation: AddItem | RemoveItem) -> None:
    """An event's participant or a chip's linked event: a record the writer must see."""
    linked: list[Any]
    if field == "participants" and isinstance(record, Event):
        linked = record.participants
    elif field == "events" and isinstance(record, BargainingChip):
        linked = record.events
    else:
        raise Refusal(
            HAS_NO,
            uid=record.uid,
            kind=kind_word(record.kind),
            field=field_word(record.kind, field),
        )
    target: Any = writer.record(operation.key, _LINKED[field])
    if isinstance(operation, AddItem) and target not in linked:
        linked.append(target)
    elif isinstance(operation, RemoveItem) and target in linked:
        linked.remove(target)


def _citation(writer: Writer, record: Record, operation: Operation) -> None:
    assert isinstance(operation, AddItem | RemoveItem | SetItemField)
    held = next((c for c in record.citations if c.uid == operation.key), None)
    if held is not None and not _seen(writer, held):
        raise Refusal(
            N_("{uid}: citation {key} is above your clearance"), uid=record.uid, key=operation.key
        )
    if isinstance(operation, AddItem):
        citation = held or Citation(uid=operation.key)
        values = _cited(writer, record.uid, record.handling, operation.key, operation.item)
        for name, value in values.items():
            setattr(citation, name, value)
        if held is None:
            record.citations.append(citation)
    elif held is None:
        raise Refusal(N_("{uid}: no citation {key}"), uid=record.uid, key=operation.key)
    elif isinstance(operation, RemoveItem):
        record.citations.remove(held)
    else:
        now = {
            "source": held.source.uid,
            "handling": _level_name(writer, held, record),
            **{name: getattr(held, name) for name in _CITED},
        }
        item = {**now, operation.name: operation.value}
        values = _cited(writer, record.uid, record.handling, operation.key, item)
        for name, value in values.items():
            setattr(held, name, value)


def _seen(writer: Writer, citation: Citation) -> bool:
    return cleared(citation.handling, writer.level) and cleared(
        citation.source.handling, writer.level
    )


def _level_name(writer: Writer, citation: Citation, record: Record) -> str | None:
    """A citation's level as the file gives it: None when it is its floor's."""
    floor = highest(record.handling, citation.source.handling)
    return None if same_level(citation.handling, floor) else writer.name_of(citation.handling)


def _cited(
    writer: Writer, uid: str, record_rank: int, key: str, item: Mapping[str, Json]
) -> dict[str, Any]:
    """A citation's columns from the file's item, its source one the writer sees and its
    level (its floor when the item gives none) within the writer's clearance."""
    what = Phrase(N_("{uid}: citation {key}"), uid=uid, key=key)
    try:
        checked = CitationOut.model_validate({**item, "id": key})
    except ValueError as exc:
        raise Refusal(N_("{what} is not a valid citation"), what=what) from exc
    source = writer.session.get_one(Source, writer.ref(checked.source, ("source",)))
    if checked.handling is None:
        rank = highest(record_rank, source.handling)
        writer.rank(writer.name_of(rank), what)
    else:
        rank = writer.rank(checked.handling, what)
    values: dict[str, Any] = {name: getattr(checked, name) for name in _CITED}
    return {**values, "source_id": source.id, "handling": rank}


def _member(writer: Writer, delegation: Delegation, operation: Operation) -> None:
    """A delegation's member, keyed by the person; the order moves only the members the
    writer sees, each hidden one keeping its place."""
    members = list(delegation.members)
    seen = [m for m in members if cleared(m.person.handling, writer.level)]
    keys = [m.person.uid for m in seen]
    if isinstance(operation, Reorder):
        order = reordered(keys, operation.keys)
        by_key = dict(zip(keys, seen, strict=True))
        slots = iter(by_key[key] for key in order)
        members = [next(slots) if m in seen else m for m in members]
    elif isinstance(operation, AddItem):
        person = writer.session.get_one(Person, writer.ref(operation.key, ("person",)))
        if operation.key in keys:
            member = seen[keys.index(operation.key)]
        else:
            member = DelegationMember(person=person)
            placed = place(keys, operation.key, operation.order)
            at = placed.index(operation.key)
            after = seen[at] if at < len(seen) else None
            members.insert(members.index(after) if after is not None else len(members), member)
        _member_values(member, operation.item, operation.key)
    elif isinstance(operation, RemoveItem | SetItemField):
        if operation.key not in keys:
            raise Refusal(
                N_("{uid}: no member {key} you may see"), uid=delegation.uid, key=operation.key
            )
        member = seen[keys.index(operation.key)]
        if isinstance(operation, RemoveItem):
            members.remove(member)
        else:
            _member_values(member, {operation.name: operation.value}, operation.key)
    else:
        raise Refusal(NOT_APPLIED, uid=delegation.uid, field=field_word("delegation", "members"))
    for position, member in enumerate(members):
        member.position = position
    delegation.members = members


def _member_values(member: DelegationMember, item: Mapping[str, Json], key: str) -> None:
    for name, value in item.items():
        if name == "role" and isinstance(value, str):
            member.role = value
        elif name == "head" and isinstance(value, bool):
            member.is_head = value
        elif name != "person":
            raise Refusal(
                N_("member {key}: {field} cannot be {value}"),
                key=key,
                field=name,
                value=repr(value),
            )


def create(writer: Writer, operation: CreateRecord) -> None:
    """A new record with all the operation gives it, everything checked before it is written."""
    uid, kind, fields = operation.uid, operation.kind, operation.fields
    writer.unheld(uid)
    values = writer.columns(kind, {k: v for k, v in fields.items() if k not in _NOT_SINGLE}, uid)
    values.setdefault("handling", writer.dossier.default_handling)
    writer.rank(writer.name_of(values["handling"]), uid)
    keys = field_keys(kind)
    for key, name in dict(fields.get("field_handling") or {}).items():
        if key not in keys:
            raise Refusal(NOT_PROTECTED, uid=uid, kind=kind_word(kind), key=key)
        rank = writer.rank(name, f"{uid}: {key}")
        values.update((level_key(column), rank) for column in keys[key])
    finish = _new_items(writer, kind, fields, uid, values)
    record_id = create_record(
        writer.session, model_of(kind_of(kind)), writer.dossier.id, uid, values
    )
    finish(writer.session.get_one(Record, record_id))
    writer.session.flush()
    writer.created.add(record_id)


_NOT_SINGLE = (*ITEMS, "field_handling")


def _new_items(
    writer: Writer, kind: str, fields: Mapping[str, Json], uid: str, values: dict[str, Any]
) -> Callable[[Record], None]:
    """A new record's collections, checked now: texts and linked records go into
    ``values``; what returns adds its citations and members once the record exists."""
    links = {link.name for link in kind_of(kind).links}
    for name in ("aliases", "sectors"):
        if fields.get(name):
            if name not in links and name != "aliases":
                raise Refusal(HAS_NO, uid=uid, kind=kind_word(kind), field=field_word(kind, name))
            values[name] = list(fields[name])
    for name, targets in _LINKED.items():
        if fields.get(name):
            if name not in links:
                raise Refusal(HAS_NO, uid=uid, kind=kind_word(kind), field=field_word(kind, name))
            values[name] = [writer.ref(key, targets) for key in fields[name]]
    members = list(fields.get("members") or ())
    if members and kind != "delegation":
        raise Refusal(
            HAS_NO, uid=uid, kind=kind_word(kind), field=field_word("delegation", "members")
        )
    people = [writer.ref(m["person"], ("person",)) for m in members]
    cited = [
        (item["id"], _cited(writer, uid, values["handling"], item["id"], item))
        for item in fields.get("citations") or ()
    ]

    def finish(record: Record) -> None:
        for key, columns in cited:
            record.citations.append(Citation(uid=key, **columns))
        if isinstance(record, Delegation):
            for position, (item, person_id) in enumerate(zip(members, people, strict=True)):
                member = DelegationMember(
                    person=writer.session.get_one(Person, person_id), position=position
                )
                _member_values(member, item, item["person"])
                record.members.append(member)

    return finish
