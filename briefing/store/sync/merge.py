"""The three-way merge: two sides' changes since a common base, field by field.

Inputs are deltas (the records each side changed, or None where it deleted one), so a
merge costs what changed, not the dossier's size. Each place in a record (a field, an
object's entry, a collection's item, an item's field, a list's order) is merged on its
own: a change on one side goes to the other, the same change on both is no change, and
different changes on both are a :class:`Conflict` that leaves both sides as they were
there. A record or item one side deleted and the other edited is a conflict too, and no
operation is ever a whole-record replace (see :mod:`briefing.store.sync.operations`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from briefing.store.sync.operations import (
    AddItem,
    Conflict,
    ConflictType,
    CreateRecord,
    DeleteRecord,
    MergeResult,
    Operation,
    RemoveItem,
    Reorder,
    SetEntry,
    SetField,
    SetItemField,
    place,
)
from briefing.store.sync.spec import (
    EXCHANGE_SPEC,
    MISSING,
    SCALAR,
    FieldSpec,
    Json,
    MergeSpec,
    Record,
    Shape,
)

States = Mapping[str, Record | None]


def merge(
    base: States,
    ours: States,
    theirs: States,
    spec: MergeSpec = EXCHANGE_SPEC,
    decided: Collection[str] = (),
) -> MergeResult:
    """What each side must do to hold the other's changes, and what neither may decide.

    ``ours`` and ``theirs`` map the uid of each record a side changed to its state now, or
    None where that side deleted it; a uid a side leaves out is unchanged there. ``base``
    maps each of those uids to its state at the common base (None: created since).

    A change that names a record the receiving side deleted (a member added, an owner
    set) is the other side's edit of what this one deleted: the deletion is a conflict,
    and the change is held back (``held_to_ours``, ``held_to_theirs``) until that
    conflict is settled.
    ``decided`` lists deletions already settled for the delete: sent, they take such a
    change off where it was made, so it is not held again.
    """
    merger = _Merger(spec)
    for uid in sorted(ours.keys() | theirs.keys()):
        before = base.get(uid)
        merger.record(
            uid,
            before,
            ours.get(uid, before),
            theirs.get(uid, before),
        )
    merger.naming_deleted(set(decided))
    return MergeResult(
        tuple(merger.to_ours),
        tuple(merger.to_theirs),
        tuple(merger.conflicts),
        tuple(merger.held[True]),
        tuple(merger.held[False]),
    )


def same(one: Json, other: Json) -> bool:
    """Equal as JSON: ``True`` is not ``1``, and key order does not matter."""
    if one is MISSING or other is MISSING:
        return one is other
    return _text(one) == _text(other)


def _text(value: Json) -> str:
    if isinstance(value, Record):
        return _text({"kind": value.kind, "fields": value.fields})
    return json.dumps(value, sort_keys=True, default=str)


@dataclass(frozen=True, slots=True)
class _At:
    """A place in a record: a field, an object's entry or an item (key), an item's field."""

    uid: str
    kind: str
    field: str | None = None
    key: str | None = None
    part: str | None = None

    def setting(self, value: Json) -> Operation:
        assert self.field is not None
        if self.part is not None:
            assert self.key is not None
            return SetItemField(self.uid, self.field, self.key, self.part, value)
        if self.key is None:
            return SetField(self.uid, self.field, value)
        if value is MISSING:
            return RemoveItem(self.uid, self.field, self.key)
        return SetEntry(self.uid, self.field, self.key, value)


def _keys(items: Json, key: str) -> dict[str, Json]:
    """A keyed list's items by key, in the list's order."""
    return {item[key]: item for item in items or ()}


def _differs(
    before: Mapping[str, Json], after: Mapping[str, Json], shapes: Callable[[str], FieldSpec]
) -> bool:
    """Whether ``after`` changed any value ``before`` had (a value it leaves out has not)."""
    for name, value in after.items():
        declared = shapes(name)
        if declared.shape is not Shape.STAMP:
            prior = before.get(name, MISSING)
            if not same(_canonical(value, declared), _canonical(prior, declared)):
                return True
    return False


def _canonical(value: Json, declared: FieldSpec) -> Json:
    """A field's value as the merge compares it: a set, or keyed items, in no order of theirs."""
    if value is MISSING or declared.shape not in (Shape.SET, Shape.KEYED):
        return value
    if declared.shape is Shape.SET:
        return sorted(set(value or ()))
    return sorted(value or (), key=lambda item: str(item[declared.key]))


def names(operation: Operation, kind: str | None, spec: MergeSpec = EXCHANGE_SPEC) -> set[str]:
    """The records an operation on a record of ``kind`` names in its value: a reference
    set, a link's item or a citation added, a new record's references."""
    if isinstance(operation, CreateRecord):
        return set().union(
            *(
                _named(value, spec.of(operation.kind, name))
                for name, value in operation.fields.items()
            )
        )
    if kind is None or not isinstance(operation, SetField | AddItem | SetItemField):
        return set()
    declared = spec.of(kind, operation.field)
    if isinstance(operation, AddItem):
        return _named([operation.item if declared.naming else operation.key], declared)
    if isinstance(operation, SetItemField):
        named = declared.naming and operation.name == declared.naming
        return {operation.value} if named and isinstance(operation.value, str) else set()
    return _named(operation.value, declared)


def without(
    operation: Operation, kind: str | None, gone: set[str], spec: MergeSpec = EXCHANGE_SPEC
) -> list[Operation]:
    """``operation`` as it is once the records ``gone`` are deleted where it was made: a
    reference to one cleared, an item naming one dropped, a new record needing one gone
    with it (its own deletion)."""
    if not names(operation, kind, spec) & gone:
        return [operation]
    if isinstance(operation, CreateRecord):
        fields: dict[str, Json] = {}
        for name, value in operation.fields.items():
            declared = spec.of(operation.kind, name)
            if _named(value, declared) & gone and declared.needs:
                return []
            fields[name] = _unnamed(value, declared, gone)
        return [replace(operation, fields=fields)]
    if isinstance(operation, SetField) and kind and not spec.of(kind, operation.field).needs:
        return [replace(operation, value=None)]
    return []


def waiting(
    result: MergeResult, uid: str, states: Mapping[str, Record | None]
) -> tuple[Operation, ...]:
    """The changes held back for ours (``held_to_ours``) that name the record ``uid``,
    whose deletion is in conflict; ``states`` holds the other side's state of each record
    they change."""
    return tuple(op for op in result.held_to_ours if uid in names(op, kind_of(op, states)))


def kind_of(operation: Operation, states: Mapping[str, Record | None]) -> str | None:
    """The kind of the record an operation changes, as ``states`` or the operation has it."""
    if isinstance(operation, CreateRecord):
        return operation.kind
    state = states.get(operation.uid)
    return None if state is None else state.kind


def _named(value: Json, declared: FieldSpec) -> set[str]:
    """The records a field's value names, as ``declared``."""
    if declared.naming:
        return {item[declared.naming] for item in value or () if item.get(declared.naming)}
    if not declared.names:
        return set()
    if declared.shape is Shape.SCALAR:
        return {value} if isinstance(value, str) else set()
    if declared.shape is Shape.SET:
        return set(value or ())
    return {item[declared.key] if isinstance(item, Mapping) else item for item in value or ()}


def _unnamed(value: Json, declared: FieldSpec, gone: set[str]) -> Json:
    """A field's value without what it names of ``gone``."""
    if not _named(value, declared) & gone:
        return value
    if declared.shape is Shape.SCALAR:
        return None
    return [item for item in value if not _named([item], declared) & gone]


class _Merger:
    def __init__(self, spec: MergeSpec) -> None:
        self.spec = spec
        self.to_ours: list[Operation] = []
        self.to_theirs: list[Operation] = []
        self.conflicts: list[Conflict] = []
        self.held: dict[bool, list[Operation]] = {True: [], False: []}
        """The changes held back, for ours (True) and for theirs."""
        self.kinds: dict[str, str] = {}
        self.deleted: dict[str, tuple[bool, Record, Record]] = {}
        """Each record one side deleted: whether ours did, its base and the other's state."""

    def conflict(
        self, at: _At, kind: ConflictType, base: Json, ours: Json, theirs: Json, **more: Json
    ) -> None:
        self.conflicts.append(
            Conflict(at.uid, at.kind, kind, base, ours, theirs, at.field, at.key, at.part, **more)
        )

    def record(
        self, uid: str, base: Record | None, ours: Record | None, theirs: Record | None
    ) -> None:
        if ours is None and theirs is None:
            return
        if ours is None or theirs is None:
            kept = theirs if ours is None else ours
            assert kept is not None
            self.kinds[uid] = kept.kind
            if base is not None:
                self.deleted[uid] = (ours is None, base, kept)
            lacking, keeping = (
                (self.to_ours, self.to_theirs) if ours is None else (self.to_theirs, self.to_ours)
            )
            if base is None:
                lacking.append(CreateRecord(uid, kept.kind, kept.fields))
            elif not _differs(base.fields, kept.fields, partial(self.spec.of, kept.kind)):
                keeping.append(DeleteRecord(uid))
            else:
                kind = ConflictType.DELETE_EDIT if ours is None else ConflictType.EDIT_DELETE
                self.conflict(_At(uid, kept.kind), kind, base, ours, theirs)
            return
        self.kinds[uid] = ours.kind
        if base is None and ours.kind != theirs.kind:
            self.conflict(_At(uid, ours.kind), ConflictType.ADD_ADD, None, ours, theirs)
            return
        before = base.fields if base is not None else {}
        names = dict.fromkeys([*before, *ours.fields, *theirs.fields])
        for name in names:
            declared = self.spec.of(ours.kind, name)
            was = before.get(name, MISSING)
            mine, yours = ours.fields.get(name, was), theirs.fields.get(name, was)
            at = _At(uid, ours.kind, name)
            self.field(at, declared, was, mine, yours, base is None)

    def naming_deleted(self, decided: set[str]) -> None:
        """Hold back each change naming a record the side taking it deleted, a new record
        or a citation among them, and make that deletion a conflict (see :func:`merge`).
        Where the deletion was decided, the change goes without its reference to the
        record, as the deletion leaves the side that made it (a new record without
        its party, no membership of the person)."""
        for by_ours, lacking, keeping in (
            (True, self.to_ours, self.to_theirs),
            (False, self.to_theirs, self.to_ours),
        ):
            gone = {uid for uid, (ours, _b, _k) in self.deleted.items() if ours is by_ours}
            taken: list[Operation] = []
            for operation in lacking:
                named = self._names(operation) & gone
                if not named:
                    taken.append(operation)
                    continue
                sent = {d for d in named if DeleteRecord(d) in keeping}
                if named <= decided & sent:
                    taken += self._without(operation, named)
                    continue
                self.held[by_ours].append(operation)
                for uid in sorted(sent):
                    keeping.remove(DeleteRecord(uid))
                    _ours, base, kept = self.deleted[uid]
                    kind = ConflictType.DELETE_EDIT if by_ours else ConflictType.EDIT_DELETE
                    mine, yours = (None, kept) if by_ours else (kept, None)
                    self.conflict(_At(uid, kept.kind), kind, base, mine, yours)
            lacking[:] = taken

    def _names(self, operation: Operation) -> set[str]:
        return names(operation, self.kinds.get(operation.uid), self.spec)

    def _without(self, operation: Operation, gone: set[str]) -> list[Operation]:
        return without(operation, self.kinds.get(operation.uid), gone, self.spec)

    def field(
        self, at: _At, declared: FieldSpec, base: Json, ours: Json, theirs: Json, fresh: bool
    ) -> None:
        shape = declared.shape
        if shape is Shape.STAMP:
            return
        if shape is Shape.SCALAR:
            self.value(at, base, ours, theirs, fresh)
        elif shape is Shape.OBJECT:
            entries = [
                value if isinstance(value, Mapping) else {} for value in (base, ours, theirs)
            ]
            for key in dict.fromkeys([*entries[0], *entries[1], *entries[2]]):
                was, mine, yours = (entry.get(key, MISSING) for entry in entries)
                self.value(replace(at, key=key), was, mine, yours, fresh)
        elif shape is Shape.SET:
            self.members(at, *(set(value or ()) for value in (base, ours, theirs)))
        else:
            self.items(at, declared, base, ours, theirs, fresh)

    def value(self, at: _At, base: Json, ours: Json, theirs: Json, fresh: bool) -> None:
        if same(ours, theirs):
            return
        if same(ours, base):
            self.to_ours.append(at.setting(theirs))
        elif same(theirs, base):
            self.to_theirs.append(at.setting(ours))
        else:
            kind = ConflictType.ADD_ADD if fresh else ConflictType.EDIT_EDIT
            self.conflict(at, kind, base, ours, theirs)

    def members(self, at: _At, base: set[str], ours: set[str], theirs: set[str]) -> None:
        assert at.field is not None
        for key in sorted((ours - base) - theirs):
            self.to_theirs.append(AddItem(at.uid, at.field, key, key))
        for key in sorted((base - ours) & theirs):
            self.to_theirs.append(RemoveItem(at.uid, at.field, key))
        for key in sorted((theirs - base) - ours):
            self.to_ours.append(AddItem(at.uid, at.field, key, key))
        for key in sorted((base - theirs) & ours):
            self.to_ours.append(RemoveItem(at.uid, at.field, key))

    def items(
        self, at: _At, declared: FieldSpec, base: Json, ours: Json, theirs: Json, fresh: bool
    ) -> None:
        """Keyed items as a set by key, each merged field by field; then an ordered list's order."""
        assert at.field is not None
        was, mine, yours = (_keys(value, declared.key) for value in (base, ours, theirs))
        to_ours, to_theirs, first = len(self.to_ours), len(self.to_theirs), len(self.conflicts)
        for key in dict.fromkeys([*was, *mine, *yours]):
            before, one, other = was.get(key), mine.get(key), yours.get(key)
            if same(one, other):
                continue
            here = replace(at, key=key)
            if one is None or other is None:
                kept = other if one is None else one
                assert kept is not None
                lacking, keeping = (
                    (self.to_ours, self.to_theirs)
                    if one is None
                    else (self.to_theirs, self.to_ours)
                )
                if before is None:
                    lacking.append(AddItem(at.uid, at.field, key, kept))
                elif not _differs(before, kept, lambda name: SCALAR):
                    keeping.append(RemoveItem(at.uid, at.field, key))
                else:
                    kind = ConflictType.DELETE_EDIT if one is None else ConflictType.EDIT_DELETE
                    self.conflict(here, kind, before, one, other)
                continue
            start = before if before is not None else {}
            for name in dict.fromkeys([*start, *one, *other]):
                if name == declared.key:
                    continue
                prior = start.get(name, MISSING)
                self.value(
                    replace(here, part=name),
                    prior,
                    one.get(name, prior),
                    other.get(name, prior),
                    fresh or before is None,
                )
        if declared.shape is Shape.ORDERED:
            self.order(at, [*was], [*mine], [*yours], (to_ours, to_theirs, first), fresh)

    def order(
        self,
        at: _At,
        base: list[str],
        ours: list[str],
        theirs: list[str],
        marks: tuple[int, int, int],
        fresh: bool,
    ) -> None:
        """Merge a list's order, and place the items the list gained on either side.

        Orders are compared on the keys base and both sides hold: a side that changed their
        order wins over the base; both sides changing it alike is one change, differently a
        conflict, and each side then keeps its order. Items added on one side go where that
        side put them among the others. Without a common base, the two orders of the keys
        both sides hold differing is a conflict.
        """
        assert at.field is not None
        ours_now = _after(ours, self.to_ours[marks[0] :])
        theirs_now = _after(theirs, self.to_theirs[marks[1] :])
        every = set(ours_now) | set(theirs_now)
        common = set(ours) & set(theirs) if fresh else set(base) & set(ours) & set(theirs)
        was, mine, yours = ([key for key in keys if key in common] for keys in (base, ours, theirs))
        if mine != yours and (fresh or was != mine != yours != was):
            context = (*ours_now, *(key for key in theirs_now if key not in ours_now))
            self._hint(marks, theirs, ours, lambda held: theirs if held is None else ours)
            self.conflict(at, ConflictType.REORDER, base, ours, theirs, order=True, context=context)
            return
        chosen = ours if mine != was else theirs if yours != was else base
        final = [key for key in chosen if key in every]
        for source in (ours, theirs):
            for key in source:
                if key in every and key not in final:
                    final = _placed(final, key, (ours, theirs))
        context = tuple(final)
        self._hint(marks, context, context, lambda held: context)
        for side, start, keys in (
            (self.to_ours, marks[0], ours),
            (self.to_theirs, marks[1], theirs),
        ):
            placed = _after(keys, side[start:])
            if placed != [key for key in context if key in set(placed)]:
                side.append(Reorder(at.uid, at.field, context))

    def _hint(
        self,
        marks: tuple[int, int, int],
        for_ours: Sequence[str],
        for_theirs: Sequence[str],
        holder: Callable[[Json], Sequence[str]],
    ) -> None:
        """Give the list's added items, and its item conflicts, the order that places them.

        With the order in conflict, an item goes where the side holding it has it, both when
        added and when a chosen order that lacks it is completed (see ``resolve``), so the
        list's conflicts may be resolved in any order.
        """
        for side, start, order in (
            (self.to_ours, marks[0], for_ours),
            (self.to_theirs, marks[1], for_theirs),
        ):
            side[start:] = [
                replace(op, order=tuple(order)) if isinstance(op, AddItem) else op
                for op in side[start:]
            ]
        self.conflicts[marks[2] :] = [
            replace(conflict, context=tuple(holder(conflict.ours)))
            for conflict in self.conflicts[marks[2] :]
        ]


def _placed(keys: list[str], key: str, sources: Sequence[Sequence[str]]) -> list[str]:
    """``keys`` with ``key`` before the first key any side holds after it, else at the end.

    Asking every side, not only the one that added it, places a key the same way whether
    or not the other side has already taken that side's changes (a re-sync after a crash).
    """
    present = {other: at for at, other in enumerate(keys)}
    before = [
        next(
            (present[other] for other in source[source.index(key) + 1 :] if other in present), None
        )
        for source in sources
        if key in source
    ]
    at = min((index for index in before if index is not None), default=len(keys))
    return [*keys[:at], key, *keys[at:]]


def _after(keys: Sequence[str], operations: Sequence[Operation]) -> list[str]:
    """A list's keys after a side's item operations on it."""
    now = list(keys)
    for op in operations:
        if isinstance(op, RemoveItem):
            now.remove(op.key)
        elif isinstance(op, AddItem):
            now = place(now, op.key, op.order)
    return now
