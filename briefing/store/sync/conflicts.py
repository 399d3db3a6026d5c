"""A travel copy's conflicts: kept from one sync to the next, listed, and settled.

A sync that finds both sides changed one place differently, or whose change the server
refused, writes nothing there on either side and keeps the place here with the three
values (base, the copy's, the server's), who changed it on the server and when. The
record's base is left as it was, so every later sync merges that record again: an
unsettled conflict is found again (with the server's newest value), and one the server
settled by taking the copy's value is no conflict any more.

Settling one (:func:`settle`) takes the copy to the chosen value and moves the base at
that place to the server's value, so the next sync sends the choice when it differs from
the server's, and nothing when it is the server's. The next sync reads the settled record
on both sides whatever their versions say, so the copy ends with the server's stamps even
for a record the settling made again. A refused change is settled the same way, its
"server's value" being the base the traveller last had.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, TravelBase, TravelBaseRecord, TravelConflict, TravelMoved
from briefing.errors import BriefingError, Phrase
from briefing.i18n import N_
from briefing.store.checks.finding import arguments, stored_phrase
from briefing.store.dossiers import find_dossier
from briefing.store.sync.apply import Refused, apply_operations
from briefing.store.sync.merge import names, without
from briefing.store.sync.operations import (
    AddItem,
    Conflict,
    ConflictType,
    CreateRecord,
    DeleteRecord,
    Operation,
    RemoveItem,
    Reorder,
    SetEntry,
    SetField,
    SetItemField,
    apply,
)
from briefing.store.sync.resolve import Choice, chosen, resolve, towards
from briefing.store.sync.spec import DOSSIER, EXCHANGE_SPEC, MISSING, Json, Record
from briefing.store.sync.states import DECIDED, UNSEEN, blank, versions

REFUSED = "refused"
"""The type stored for a change of the copy's that the server would not take."""


@dataclass(frozen=True)
class Kept:
    """A conflict as the copy keeps it: the merge's, and what the server said of it."""

    id: int
    conflict: Conflict
    refused: bool
    reason: Phrase | None
    theirs_by: str | None
    theirs_at: dt.datetime | None
    found_at: dt.datetime


def encode(value: Json) -> str:
    """A conflict's value as JSON text: a whole record and an absent value are tagged."""
    if value is MISSING:
        return json.dumps({"missing": True})
    if isinstance(value, Record):
        return json.dumps(
            {"record": {"kind": value.kind, "fields": value.fields}},
            ensure_ascii=False,
            sort_keys=True,
        )
    return json.dumps({"value": value}, ensure_ascii=False, sort_keys=True)


def decode(text: str) -> Json:
    """The value :func:`encode` wrote."""
    held = json.loads(text)
    if "missing" in held:
        return MISSING
    if "record" in held:
        return Record(held["record"]["kind"], held["record"]["fields"])
    return held["value"]


def refusal(
    refused: Refused, base: Mapping[str, Record], ours: Mapping[str, Record | None]
) -> Conflict:
    """A refused operation as a conflict over its whole field (or record): the copy's
    value against the base it was made from, which the server is taken to still hold. A
    field the base lacks was withheld from the traveller, who wrote over its blank: the
    server's side is that blank, which settling for the server gives the copy back."""
    operation = refused.operation
    uid = operation.uid
    before, mine = base.get(uid), ours.get(uid, base.get(uid))
    kind = (mine or before or _kind_of(operation)).kind
    if isinstance(operation, CreateRecord | DeleteRecord):
        return Conflict(uid, kind, ConflictType.EDIT_EDIT, before, mine, before)
    name = operation.field
    had = MISSING if before is None else before.fields.get(name, blank(kind, name))
    now = MISSING if mine is None else mine.fields.get(name, MISSING)
    return Conflict(uid, kind, ConflictType.EDIT_EDIT, had, now, had, field=name)


def _kind_of(operation: Operation) -> Record:
    assert isinstance(operation, CreateRecord)
    return Record(operation.kind, operation.fields)


@dataclass(frozen=True)
class Found:
    """One conflict a sync found, with what the server said of it.

    ``held``: the changes to this side that wait for the conflict, a deletion here that
    they name (``MergeResult.held_to_ours``), each with its record's kind; kept with the
    conflict and released when it is settled (:func:`settle`), where no later merge
    brings them again (a dossier file's: a travel copy's next sync does)."""

    conflict: Conflict
    reason: Phrase | None = None
    theirs_by: str | None = None
    theirs_at: dt.datetime | None = None
    held: tuple[tuple[str | None, Operation], ...] = ()


def keep(session: Session, sync_uid: str, found: Iterable[Found], at: dt.datetime) -> int:
    """Replace the copy's conflicts with those a sync found; return how many."""
    session.execute(delete(TravelConflict))
    rows = [
        TravelConflict(
            uid=item.conflict.uid,
            kind=item.conflict.kind,
            type=REFUSED if item.reason is not None else item.conflict.type.value,
            place=json.dumps(
                {
                    "field": item.conflict.field,
                    "key": item.conflict.key,
                    "part": item.conflict.part,
                    "order": item.conflict.order,
                    "context": list(item.conflict.context),
                    "held": [_operation_text(kind, op) for kind, op in item.held],
                }
            ),
            base=encode(item.conflict.base),
            ours=encode(item.conflict.ours),
            theirs=encode(item.conflict.theirs),
            reason=None if item.reason is None else item.reason.template,
            reason_arguments=None if item.reason is None else arguments(**item.reason.arguments),
            theirs_by=item.theirs_by,
            theirs_at=item.theirs_at,
            sync_uid=sync_uid,
            found_at=at,
        )
        for item in found
    ]
    session.add_all(rows)
    return len(rows)


_OPERATIONS: dict[str, type[Operation]] = {
    kind.__name__: kind
    for kind in (
        CreateRecord,
        DeleteRecord,
        SetField,
        SetEntry,
        AddItem,
        RemoveItem,
        SetItemField,
        Reorder,
    )
}


def _operation_text(kind: str | None, operation: Operation) -> dict[str, Json]:
    """A held operation as its conflict keeps it (see :class:`Found`)."""
    values = {f.name: getattr(operation, f.name) for f in fields(operation)}
    return {"kind": kind, "op": type(operation).__name__, "values": values}


def _operation(text: Mapping[str, Json]) -> tuple[str | None, Operation]:
    values: dict[str, Json] = {
        k: tuple(v) if k in ("order", "keys") else v for k, v in text["values"].items()
    }
    return text["kind"], _OPERATIONS[text["op"]](**values)


def _kept(row: TravelConflict) -> Kept:
    place = json.loads(row.place)
    refused = row.type == REFUSED
    conflict = Conflict(
        row.uid,
        row.kind,
        ConflictType.EDIT_EDIT if refused else ConflictType(row.type),
        decode(row.base),
        decode(row.ours),
        decode(row.theirs),
        field=place["field"],
        key=place["key"],
        part=place["part"],
        order=place["order"],
        context=tuple(place["context"]),
    )
    return Kept(row.id, conflict, refused, _reason(row), row.theirs_by, row.theirs_at, row.found_at)


def _reason(row: TravelConflict) -> Phrase | None:
    """Why the server refused, to be said in the reader's language; a reason kept before
    migration 0028 is its English, said as it is."""
    if row.reason is None:
        return None
    if row.reason_arguments is None:
        return Phrase("{reason}", reason=row.reason)
    return stored_phrase(row.reason, row.reason_arguments)


def listed(session: Session) -> Sequence[Kept]:
    """The copy's conflicts, in the order the sync found them."""
    rows = session.scalars(select(TravelConflict).order_by(TravelConflict.id)).all()
    return [_kept(row) for row in rows]


def in_conflict(session: Session) -> frozenset[str]:
    """The uids of the records with a conflict kept (a book marks them)."""
    return frozenset(session.scalars(select(TravelConflict.uid)).all())


def settle(session: Session, conflict_id: int, choice: Choice, level: int) -> Kept:
    """Settle one kept conflict in the copy's transaction ``session``: the copy takes the
    chosen value, the base takes the server's there, and the conflict is gone.

    Refused if the copy no longer holds what the conflict says it held there (settle the
    conflicts again after the next sync). In a database that is not a travel copy (the
    conflicts of a merged dossier file) there is no base to move."""
    row = session.get(TravelConflict, conflict_id)
    if row is None:
        raise BriefingError(
            N_("the copy has no conflict {conflict_id}; nothing was changed"),
            conflict_id=conflict_id,
        )
    kept = _kept(row)
    conflict = kept.conflict
    resolution = resolve(conflict, choice)
    dossier = find_dossier(session, None)
    _settling(session, dossier, resolution.to_ours, level, conflict_id)
    if session.scalar(select(TravelBase)) is not None:
        deleted = conflict.field is None and conflict.ours is None
        _move_base(session, conflict, decided=deleted and chosen(conflict, choice) is None)
    held = [_operation(text) for text in json.loads(row.place).get("held", ())]
    session.delete(row)
    session.flush()
    _settling(session, dossier, _released(session, dossier, held, level), level, conflict_id)
    return kept


def _settling(
    session: Session,
    dossier: Dossier,
    operations: Sequence[Operation],
    level: int,
    conflict_id: int,
) -> None:
    """Apply a settling's operations, or refuse the settling whole."""
    refused = apply_operations(session, dossier, operations, level)
    if refused:
        raise BriefingError(
            N_("conflict {conflict_id} could not be settled: {reason}; nothing was changed"),
            conflict_id=conflict_id,
            reason=refused[0].reason,
        )


def _released(
    session: Session, dossier: Dossier, held: Sequence[tuple[str | None, Operation]], level: int
) -> list[Operation]:
    """The held changes a settled conflict releases: each as the merge sends a change
    naming a deletion decided (without what it names that this side no longer holds),
    unless it also names one still in conflict, whose settling releases it."""
    if not held:
        return []
    named = [(kind, operation, names(operation, kind)) for kind, operation in held]
    every = set().union(*(uids for _kind, _op, uids in named))
    present = versions(session, dossier, level, only=every).keys()
    waiting = set(session.scalars(select(TravelConflict.uid)))
    released: list[Operation] = []
    for kind, operation, uids in named:
        gone = uids - present
        if not gone & waiting:
            released += without(operation, kind, gone)
    return released


def _holding_item(before: Record, conflict: Conflict) -> Record:
    """``before`` with the item of a conflict at one part of a listed item, which both
    sides added, so that part of the base can move: the item holds nothing else, and the
    next sync finds the parts both sides gave alike no change on either side."""
    if conflict.field is None or conflict.key is None or conflict.part is None:
        return before
    declared = EXCHANGE_SPEC.of(conflict.kind, conflict.field)
    items = before.fields.get(conflict.field)
    held = items if isinstance(items, list) else []
    if any(isinstance(item, dict) and item.get(declared.key) == conflict.key for item in held):
        return before
    item: dict[str, Json] = {declared.key: conflict.key}
    return Record(before.kind, {**before.fields, conflict.field: [*held, item]})


def _move_base(session: Session, conflict: Conflict, *, decided: bool) -> None:
    """The base at the conflict's place becomes the server's value there; ``decided``:
    the copy's deletion of the record was settled for the delete (:data:`DECIDED`)."""
    row = session.get(TravelBaseRecord, conflict.uid)
    before = None if row is None else Record(row.kind, json.loads(row.state))
    operations: list[Operation] = towards(conflict, conflict.base, conflict.theirs)
    if before is None and conflict.field is not None:
        # Both sides created the record: the base gains each place as it is settled.
        before = Record(conflict.kind, {})
    if before is not None:
        before = _holding_item(before, conflict)
    states = {} if before is None else {conflict.uid: before}
    after = apply(states, operations).get(conflict.uid)
    if after is None:
        if row is not None:
            session.delete(row)
        # Kept in the copy, the record is new to the next sync there, even unedited (a
        # deletion settled against, whose record only a held-back change had named).
        session.merge(TravelMoved(uid=conflict.uid))
        return
    if row is None:
        row = TravelBaseRecord(uid=conflict.uid, kind=after.kind)
        session.add(row)
    row.state = json.dumps(after.fields, ensure_ascii=False, sort_keys=True)
    if conflict.uid == DOSSIER:
        return  # compared with the base at every sync, it has no versions to forget
    # Unseen on both sides, so the next sync reads the record on each and leaves the
    # copy with the server's stamps (apply.take_stamps): settling may have made it again
    # in the copy, stamped now and with its versions started over, perhaps at the very
    # version the base noted, and the server's side marks nothing new on it.
    row.server_version, row.copy_version = (DECIDED if decided else UNSEEN), UNSEEN
    session.merge(TravelMoved(uid=conflict.uid))
