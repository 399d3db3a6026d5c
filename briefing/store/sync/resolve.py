"""Settling a conflict: one side's value, the other's, or an edited one, on both sides.

A resolution is the operations that take each side from what it holds at the conflict's
place to the chosen value, found by merging that one place with the side as base: the
same engine, so a resolution writes no more than a merge would. A list's order and its
items' conflicts may be resolved in any order: a chosen order that lacks an item places it
where the side holding it has it, as adding the item does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from briefing.store.sync.merge import merge
from briefing.store.sync.operations import (
    AddItem,
    Conflict,
    CreateRecord,
    DeleteRecord,
    Operation,
    Reorder,
    Resolution,
    place,
)
from briefing.store.sync.spec import EXCHANGE_SPEC, MISSING, Json, MergeSpec, Record, Shape


@dataclass(frozen=True, slots=True)
class Edited:
    """A value someone wrote in place of both sides' (for an order: the keys in order)."""

    value: Json


Choice = Literal["ours", "theirs"] | Edited


def resolve(conflict: Conflict, choice: Choice, spec: MergeSpec = EXCHANGE_SPEC) -> Resolution:
    """The operations for each side that leave both holding the chosen value there."""
    target = chosen(conflict, choice)
    return Resolution(
        tuple(towards(conflict, conflict.ours, target, spec)),
        tuple(towards(conflict, conflict.theirs, target, spec)),
    )


def chosen(conflict: Conflict, choice: Choice) -> Json:
    """The value a choice leaves at the conflict's place (None: a record deleted)."""
    if isinstance(choice, Edited):
        return choice.value
    return conflict.ours if choice == "ours" else conflict.theirs


def towards(
    conflict: Conflict, now: Json, target: Json, spec: MergeSpec = EXCHANGE_SPEC
) -> list[Operation]:
    """The operations taking a side that holds ``now`` at the conflict's place to
    ``target`` there (a travel copy's base moves this way when a conflict is settled)."""
    uid = conflict.uid
    if conflict.field is None:
        if isinstance(now, Record) and isinstance(target, Record) and now.kind != target.kind:
            return [DeleteRecord(uid), CreateRecord(uid, target.kind, target.fields)]
        return list(merge({uid: now}, {}, {uid: target}, spec).to_ours)
    if conflict.order:
        chosen = [key for key in target if key in conflict.context]
        for key in conflict.context:
            if key not in chosen:
                chosen = place(
                    chosen, key, conflict.theirs if key in conflict.theirs else conflict.ours
                )
        return [Reorder(uid, conflict.field, tuple(chosen))]
    before, after = (
        Record(conflict.kind, _holding(conflict, value, spec)) for value in (now, target)
    )
    operations = merge({uid: before}, {}, {uid: after}, spec).to_ours
    return [
        replace(op, order=conflict.context) if isinstance(op, AddItem) and conflict.context else op
        for op in operations
    ]


def _holding(conflict: Conflict, value: Json, spec: MergeSpec) -> dict[str, Json]:
    """A record holding nothing but ``value`` at the conflict's place."""
    assert conflict.field is not None
    declared = spec.of(conflict.kind, conflict.field)
    if conflict.key is None:
        return {} if value is MISSING else {conflict.field: value}
    if declared.shape is Shape.OBJECT:
        return {conflict.field: {} if value is MISSING else {conflict.key: value}}
    if conflict.part is not None:
        item = {declared.key: conflict.key}
        if value is not MISSING:
            item[conflict.part] = value
        return {conflict.field: [item]}
    return {conflict.field: [] if value is None else [{**value, declared.key: conflict.key}]}
