"""What a merge asks of each side, what it could not decide, and how plain states take it.

Operations name one record, one field, one item or one item's field, never a whole record
to replace: a side holding fields or items the other side never saw (withheld above a
clearance) keeps them, because nothing names them. :func:`apply` carries operations out
on plain states; the store carries the same operations out on its tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from briefing.i18n import N_
from briefing.store.sync.spec import EXCHANGE_SPEC, FieldSpec, Json, MergeSpec, Record, Shape


@dataclass(frozen=True, slots=True)
class CreateRecord:
    uid: str
    kind: str
    fields: Mapping[str, Json]


@dataclass(frozen=True, slots=True)
class DeleteRecord:
    uid: str


@dataclass(frozen=True, slots=True)
class SetField:
    uid: str
    field: str
    value: Json


@dataclass(frozen=True, slots=True)
class SetEntry:
    """One entry of an object field (a chip's ``value.amount``, a ``field_handling`` level)."""

    uid: str
    field: str
    key: str
    value: Json


@dataclass(frozen=True, slots=True)
class AddItem:
    """An item joins a collection: a set's member (``item`` is the key) or a keyed item.

    ``order`` places an item of an ordered list: it goes before the first item present that
    follows it there, so items added one by one in any order end up in that order.
    """

    uid: str
    field: str
    key: str
    item: Json
    order: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemoveItem:
    """An item leaves a collection, or an entry leaves an object field."""

    uid: str
    field: str
    key: str


@dataclass(frozen=True, slots=True)
class SetItemField:
    uid: str
    field: str
    key: str
    name: str
    value: Json


@dataclass(frozen=True, slots=True)
class Reorder:
    """An ordered list's items take this order; items it does not name keep theirs, after."""

    uid: str
    field: str
    keys: tuple[str, ...]


Operation = (
    CreateRecord
    | DeleteRecord
    | SetField
    | SetEntry
    | AddItem
    | RemoveItem
    | SetItemField
    | Reorder
)


class ConflictType(StrEnum):
    """This side's change, then the other's; each value is marked for the catalogue, so
    a listing says it in its reader's language (``gettext(type.value)``)."""

    EDIT_EDIT = N_("edit/edit")
    DELETE_EDIT = N_("delete/edit")
    """Ours deleted (the record, or the item) what theirs edited."""
    EDIT_DELETE = N_("edit/delete")
    ADD_ADD = N_("add/add")
    """Both sides created it with no common base, and they differ here."""
    REORDER = N_("reorder/reorder")


@dataclass(frozen=True, slots=True)
class Conflict:
    """One place both sides changed differently: nothing there was written on either side.

    ``field`` is None for a whole record (delete/edit), ``key`` names a collection item or
    an object entry, ``part`` an item's field; ``order`` marks a list's order. Values are
    what each side holds there (a :class:`Record` or None for a whole record, an item
    mapping or None for an item, :data:`~briefing.store.sync.spec.MISSING` for an absent
    entry). ``context`` is every key the list may hold, in the order placing a kept item or
    completing a chosen order needs.
    """

    uid: str
    kind: str
    type: ConflictType
    base: Json
    ours: Json
    theirs: Json
    field: str | None = None
    key: str | None = None
    part: str | None = None
    order: bool = False
    context: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str, ...]:
        """Where the conflict is, by its codes: ("p-1", "chips", "x") or ("d-1", "members",
        "order"); people are shown it in their words (``briefing.store.sync.shown.place``)."""
        tail = ("order",) if self.order else ()
        named = (self.field, self.key, self.part)
        return (self.uid, *(step for step in named if step is not None), *tail)


@dataclass(frozen=True, slots=True)
class MergeResult:
    to_ours: tuple[Operation, ...] = ()
    to_theirs: tuple[Operation, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    held_to_ours: tuple[Operation, ...] = ()
    """Changes held back until the conflict of a deletion they name is settled: their
    records' base stays where it was, so the next sync merges them again (see ``merge``)."""
    held_to_theirs: tuple[Operation, ...] = ()

    @property
    def held(self) -> set[str]:
        """The records with a change held back, on either side."""
        return {op.uid for op in (*self.held_to_ours, *self.held_to_theirs)}


@dataclass(frozen=True, slots=True)
class Resolution:
    to_ours: tuple[Operation, ...] = ()
    to_theirs: tuple[Operation, ...] = ()


def place(keys: Sequence[str], key: str, order: Sequence[str]) -> list[str]:
    """``keys`` with ``key`` inserted where ``order`` puts it among those present."""
    present = set(keys)
    following = order[order.index(key) + 1 :] if key in order else ()
    after = next((other for other in following if other in present), None)
    at = keys.index(after) if after is not None else len(keys)
    return [*keys[:at], key, *keys[at:]]


def reordered(keys: Sequence[str], order: Sequence[str]) -> list[str]:
    """``keys`` in ``order``; keys it does not name follow in their own order."""
    rank = {key: index for index, key in enumerate(order)}
    return sorted(keys, key=lambda key: rank.get(key, len(rank)))


def apply(
    states: Mapping[str, Record], operations: Iterable[Operation], spec: MergeSpec = EXCHANGE_SPEC
) -> dict[str, Record]:
    """The states after the operations, leaving the given ones untouched.

    Sets and keyed items are kept sorted by key: they are sets, and a fixed order lets two
    sides holding the same items compare equal. A record deleted leaves no reference to it
    among the others, as in the store: its links and citations are removed, a reference to
    it cleared.
    """
    fields = {uid: dict(state.fields) for uid, state in states.items()}
    kinds = {uid: state.kind for uid, state in states.items()}
    for operation in operations:
        uid = operation.uid
        if isinstance(operation, CreateRecord):
            fields[uid], kinds[uid] = dict(operation.fields), operation.kind
        elif isinstance(operation, DeleteRecord):
            del fields[uid], kinds[uid]
            for other, values in fields.items():
                _unlinked(values, uid, partial(spec.of, kinds[other]))
        elif isinstance(operation, SetField):
            fields[uid][operation.field] = operation.value
        else:
            record = fields[uid]
            declared = spec.of(kinds[uid], operation.field)
            record[operation.field] = _changed(record.get(operation.field), operation, declared)
    return {uid: Record(kinds[uid], values) for uid, values in fields.items()}


def _unlinked(values: dict[str, Json], uid: str, shapes: Callable[[str], FieldSpec]) -> None:
    """``values`` without any reference to the record ``uid``."""
    for name, value in values.items():
        declared = shapes(name)
        if declared.naming:
            values[name] = [item for item in value or () if item.get(declared.naming) != uid]
        if not declared.names:
            continue
        if declared.shape is Shape.SCALAR:
            values[name] = None if value == uid else value
        elif declared.shape is Shape.SET:
            values[name] = [key for key in value or () if key != uid]
        else:
            values[name] = [item for item in value or () if item[declared.key] != uid]


def _changed(
    value: Json,
    operation: SetEntry | AddItem | RemoveItem | SetItemField | Reorder,
    declared: FieldSpec,
) -> Json:
    """A collection or object field after one operation on it."""
    shape, key_name = declared.shape, declared.key
    if shape is Shape.OBJECT:
        entries = dict(value or {})
        if isinstance(operation, SetEntry):
            entries[operation.key] = operation.value
        elif isinstance(operation, RemoveItem):
            entries.pop(operation.key, None)
        return entries
    if shape is Shape.SET:
        members = set(value or ())
        if isinstance(operation, AddItem):
            members.add(operation.key)
        elif isinstance(operation, RemoveItem):
            members.discard(operation.key)
        return sorted(members)
    items = {item[key_name]: dict(item) for item in value or ()}
    keys = list(items)
    if isinstance(operation, AddItem):
        items[operation.key] = {**operation.item, key_name: operation.key}
        keys = place(keys, operation.key, operation.order) if shape is Shape.ORDERED else keys
    elif isinstance(operation, RemoveItem):
        items.pop(operation.key, None)
    elif isinstance(operation, SetItemField):
        items[operation.key][operation.name] = operation.value
    elif isinstance(operation, Reorder):
        keys = reordered(keys, operation.keys)
    order = keys if shape is Shape.ORDERED else sorted(items)
    return [items[key] for key in order if key in items]
