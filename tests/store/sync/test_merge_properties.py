"""The merge against random edit scripts run on both sides of one base.

Each example draws a base (people with aliases, citations and field levels, delegations
with ordered members, chips with a value object and sectors) and two scripts of creates,
edits, deletes, collection additions, removals and edits, and reorders. The conflicts
expected are worked out here from the scripts' effects, path by path, without the engine;
the engine must report exactly those. Then both sides take the merge's operations and
every conflict is resolved one way, and both sides must hold the same dossier, with every
change that was not in a reported conflict still there.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.store.sync.merge import merge
from briefing.store.sync.operations import (
    Conflict,
    ConflictType,
    CreateRecord,
    DeleteRecord,
    MergeResult,
    Operation,
    Reorder,
    SetItemField,
    apply,
)
from briefing.store.sync.resolve import Choice, Edited, resolve
from briefing.store.sync.spec import EXCHANGE_SPEC, MISSING, Record, Shape

States = dict[str, Record]
Path = tuple[Any, ...]
ORDER = "#order"

TEXT = st.sampled_from(["", "a", "b", "c"])
LEVEL = st.sampled_from(["SECRET", "TOP", None])
PEOPLE = ["m1", "m2", "m3"]
CITES = ["c1", "c2"]
BASE_UIDS = ["p1", "p2", "d1", "d2", "x1"]
NEW_UIDS = ["n1"]


def _person(draw: st.DrawFn) -> Record:
    cites = draw(st.lists(st.sampled_from(CITES), unique=True, max_size=2))
    levels = draw(st.dictionaries(st.sampled_from(["bio", "notes"]), LEVEL.filter(bool)))
    return Record(
        "person",
        {
            "name": draw(TEXT),
            "bio": draw(TEXT),
            "aliases": sorted(draw(st.sets(TEXT.filter(bool), max_size=2))),
            "citations": [_citation(draw, uid) for uid in sorted(cites)],
            "field_handling": levels,
        },
    )


def _citation(draw: st.DrawFn, uid: str) -> dict[str, Any]:
    return {
        "id": uid,
        "source": "s",
        "excerpt": draw(TEXT),
        "stance": draw(st.sampled_from(["SUPPORTS", "REFUTES"])),
    }


def _member(draw: st.DrawFn, uid: str) -> dict[str, Any]:
    return {"person": uid, "role": draw(TEXT), "head": draw(st.booleans())}


def _delegation(draw: st.DrawFn) -> Record:
    members = draw(st.lists(st.sampled_from(PEOPLE), unique=True, min_size=2, max_size=3))
    return Record(
        "delegation", {"name": draw(TEXT), "members": [_member(draw, uid) for uid in members]}
    )


def _chip(draw: st.DrawFn) -> Record:
    return Record(
        "bargaining_chip",
        {
            "title": draw(TEXT),
            "value": {"amount": draw(st.integers(0, 2)), "currency": draw(TEXT)},
            "sectors": sorted(draw(st.sets(TEXT.filter(bool), max_size=2))),
        },
    )


MAKERS: dict[str, Callable[[st.DrawFn], Record]] = {
    "p": _person,
    "d": _delegation,
    "x": _chip,
}


@st.composite
def bases(draw: st.DrawFn, most: int) -> States:
    uids = draw(st.lists(st.sampled_from(BASE_UIDS), unique=True, min_size=1, max_size=most))
    return {uid: MAKERS[uid[0]](draw) for uid in sorted(uids)}


def _edit(draw: st.DrawFn, states: States, crowded: bool) -> None:
    """One random edit of a side's states, in place: whatever the drawn record allows."""
    uid = draw(st.sampled_from([*sorted(states), *NEW_UIDS]))
    uid = uid if uid in NEW_UIDS and not crowded else draw(st.sampled_from(sorted(states)))
    record = states.get(uid)
    if record is None:
        if uid in NEW_UIDS:
            states[uid] = MAKERS[draw(st.sampled_from(sorted(MAKERS)))](draw)
        return
    fields = dict(record.fields)
    action = draw(st.integers(0, 10))
    if action == 10 and not crowded:  # last: Hypothesis draws small numbers most
        del states[uid]
        return
    action = 1 + action % 5
    if record.kind == "person":
        _edit_person(draw, fields, action)
    elif record.kind == "delegation":
        _edit_delegation(draw, fields, action)
    else:
        _edit_chip(draw, fields, action)
    states[uid] = Record(record.kind, fields)


def _edit_person(draw: st.DrawFn, fields: dict[str, Any], action: int) -> None:
    if action == 1:
        fields[draw(st.sampled_from(["name", "bio"]))] = draw(TEXT)
    elif action == 2:
        aliases = set(fields["aliases"]) ^ {draw(TEXT.filter(bool))}
        fields["aliases"] = sorted(aliases)
    elif action == 3:
        levels = dict(fields["field_handling"])
        key, level = draw(st.sampled_from(["bio", "notes"])), draw(LEVEL)
        if level is None:
            levels.pop(key, None)
        else:
            levels[key] = level
        fields["field_handling"] = levels
    else:
        items = {item["id"]: item for item in fields["citations"]}
        uid = draw(st.sampled_from(CITES))
        if uid not in items:
            items[uid] = _citation(draw, uid)
        elif action == 4:
            del items[uid]
        else:
            part = draw(st.sampled_from(["excerpt", "stance"]))
            value = draw(TEXT) if part == "excerpt" else draw(st.sampled_from(["SUPPORTS", "X"]))
            items[uid] = {**items[uid], part: value}
        fields["citations"] = [items[key] for key in sorted(items)]


def _edit_delegation(draw: st.DrawFn, fields: dict[str, Any], action: int) -> None:
    members = list(fields["members"])
    keys = [member["person"] for member in members]
    if action == 1:
        fields["name"] = draw(TEXT)
        return
    if action == 2:
        random.Random(draw(st.integers(0, 99))).shuffle(members)
    else:
        uid = draw(st.sampled_from(PEOPLE))
        if uid not in keys:
            members.insert(draw(st.integers(0, len(members))), _member(draw, uid))
        elif action == 3:
            members.pop(keys.index(uid))
        else:
            at = keys.index(uid)
            part = draw(st.sampled_from(["role", "head"]))
            value = draw(TEXT) if part == "role" else draw(st.booleans())
            members[at] = {**members[at], part: value}
    fields["members"] = members


def _edit_chip(draw: st.DrawFn, fields: dict[str, Any], action: int) -> None:
    if action == 1:
        fields["title"] = draw(TEXT)
    elif action == 2:
        fields["sectors"] = sorted(set(fields["sectors"]) ^ {draw(TEXT.filter(bool))})
    else:
        key = draw(st.sampled_from(["amount", "currency"]))
        value = draw(st.integers(0, 2)) if key == "amount" else draw(TEXT)
        fields["value"] = {**fields["value"], key: value}


@st.composite
def edited(draw: st.DrawFn, base: States, crowded: bool) -> States:
    """A side's states after a random script; a crowded script edits no record's existence,
    and so reaches the fields and collections of the base's records more often."""
    states = dict(base)
    for _ in range(draw(st.integers(4, 16) if crowded else st.integers(2, 12))):
        _edit(draw, states, crowded)
    return states


def delta(base: States, side: States) -> dict[str, Record | None]:
    """What a side changed since the base: its changed and new records, None for deleted."""
    changed: dict[str, Record | None] = {
        uid: state for uid, state in side.items() if base.get(uid) != state
    }
    changed.update({uid: None for uid in base if uid not in side})
    return changed


def flat(state: Record | None) -> dict[Path, Any]:
    """Every place of a record with its value: fields, entries, members, items, their fields,
    and each ordered list's order."""
    if state is None:
        return {}
    places: dict[Path, Any] = {("kind",): state.kind}
    for name, value in state.fields.items():
        declared = EXCHANGE_SPEC.of(state.kind, name)
        if declared.shape is Shape.SCALAR:
            places[(name,)] = value
        elif declared.shape is Shape.OBJECT:
            places.update({(name, key): entry for key, entry in value.items()})
        elif declared.shape is Shape.SET:
            places.update({(name, member): True for member in value})
        else:
            for item in value:
                key = item[declared.key]
                places[(name, key)] = True
                places.update({(name, key, part): v for part, v in item.items() if part != key})
                places.pop((name, key, declared.key), None)
            if declared.shape is Shape.ORDERED:
                places[(name, ORDER)] = [item[declared.key] for item in value]
    return places


def expected_conflicts(base: States, ours: States, theirs: States) -> set[tuple[Path, str]]:
    """The conflicts the scripts' effects call for, worked out place by place."""
    found: set[tuple[Path, str]] = set()
    for uid in sorted(ours.keys() | theirs.keys() | base.keys()):
        was, mine, yours = flat(base.get(uid)), flat(ours.get(uid)), flat(theirs.get(uid))
        if not mine and not yours:
            continue
        if not mine or not yours:
            kept = yours or mine
            if was and kept != was:
                kind = ConflictType.DELETE_EDIT if not mine else ConflictType.EDIT_DELETE
                found.add(((uid,), kind))
            continue
        if not was and mine[("kind",)] != yours[("kind",)]:
            found.add(((uid,), ConflictType.ADD_ADD))
            continue
        removed: set[Path] = set()
        for place in was:
            if len(place) == 2 and was[place] is True and place[1] != ORDER:
                one, other = mine.get(place), yours.get(place)
                if one is None or other is None:
                    removed.add(place)
                    kept = yours if one is None else mine
                    if one != other and _item(kept, place) != _item(was, place):
                        kind = ConflictType.DELETE_EDIT if one is None else ConflictType.EDIT_DELETE
                        found.add(((uid, *place), kind))
        for place in sorted(mine.keys() | yours.keys() | was.keys(), key=repr):
            if place[:2] in removed or place == ("kind",):
                continue
            b, o, t = (values.get(place, MISSING) for values in (was, mine, yours))
            if place[-1] == ORDER:
                common = set(o or ()) & set(t or ())
                common &= set(b or ()) if was else common
                before, one, other = ([k for k in ks or () if k in common] for ks in (b, o, t))
                if one != other and (not was or (before != one and before != other)):
                    found.add(((uid, place[0], "order"), ConflictType.REORDER))
            elif b != o and b != t and o != t:
                fresh = not was or (len(place) == 3 and place[:2] not in was)
                kind = ConflictType.ADD_ADD if fresh else ConflictType.EDIT_EDIT
                found.add(((uid, *place), kind))
    return found


def _item(places: dict[Path, Any], item: Path) -> dict[Path, Any]:
    return {place: value for place, value in places.items() if place[:2] == item}


def _choose(conflict: Conflict, how: str, pick: random.Random) -> Choice:
    if how != "mixed":
        return "ours" if how == "ours" else "theirs"
    scalar = conflict.key is None or conflict.part is not None
    if conflict.field is not None and not conflict.order and scalar and pick.random() < 0.3:
        return Edited("edited")
    return pick.choice(["ours", "theirs"])


def _covered(place: Path, conflicts: list[Path]) -> bool:
    return any(place[: len(where)] == where for where in conflicts)


def _where(conflict: Conflict) -> Path:
    return (conflict.uid, conflict.field, ORDER) if conflict.order else conflict.path


def assert_only_changes(base: States, side: States, operations: tuple[Operation, ...]) -> None:
    """Each operation sent to the other side carries a change this side made at its place:
    nothing is rewritten whole, and a place the side never changed is never named."""
    for op in operations:
        was, now = flat(base.get(op.uid)), flat(side.get(op.uid))
        if isinstance(op, CreateRecord | DeleteRecord):
            assert bool(was) != bool(now), op
        elif isinstance(op, Reorder):
            assert was.get((op.field, ORDER)) != now.get((op.field, ORDER)), op
        else:
            place = (op.field, *(part for part in _steps(op) if part is not None))
            assert was.get(place, MISSING) != now.get(place, MISSING), op


def _steps(op: Operation) -> tuple[str | None, ...]:
    if isinstance(op, SetItemField):
        return (op.key, op.name)
    return (getattr(op, "key", None),)


def _assert_order_kept(
    uid: str, was: list[str], side: list[str], merged: list[str], conflicts: list[Path]
) -> None:
    """A side's new order of the items base, side and result hold is the result's order."""
    disputed = {where[2] for where in conflicts if len(where) == 3 and where[0] == uid}
    keys = set(was) & set(side) & set(merged) - disputed
    mine = [key for key in side if key in keys]
    if [key for key in was if key in keys] != mine:
        assert [key for key in merged if key in keys] == mine


def assert_kept(base: States, side: States, final: States, conflicts: list[Path]) -> None:
    """Every change the side made outside a reported conflict is in the final dossier."""
    for uid in base.keys() | side.keys():
        was, now, merged = flat(base.get(uid)), flat(side.get(uid)), flat(final.get(uid))
        if _covered((uid,), conflicts) or was == now:
            continue
        if not now:
            assert not merged, f"{uid} deleted, yet kept"
            continue
        for place, value in now.items():
            if was.get(place, MISSING) == value or _covered((uid, *place), conflicts):
                continue
            if place[-1] == ORDER:
                _assert_order_kept(uid, was.get(place, []), value, merged.get(place, []), conflicts)
            else:
                assert merged.get(place) == value, f"lost {uid} {place}: {value!r}"
        for place in was.keys() - now.keys():
            if not _covered((uid, *place), conflicts) and not _covered(
                (uid, *place[:2]), conflicts
            ):
                assert place not in merged, f"{uid} {place} removed, yet kept"


def _sort(path: Path, kind: str) -> str:
    """What a conflict is about: a record, a field, an object's entry, an item, an item's
    field, an order."""
    if len(path) == 1 or path[-1] == "order":
        return f"{'record' if len(path) == 1 else 'order'} {kind}"
    shape = EXCHANGE_SPEC.of("bargaining_chip" if path[1] == "value" else "person", path[1])
    sort = {2: "field", 3: "entry" if shape.shape is Shape.OBJECT else "item", 4: "item field"}
    return f"{sort[len(path)]} {kind}"


EVERY_SORT: set[str] = {
    *(f"record {kind}" for kind in ("delete/edit", "edit/delete", "add/add")),
    *(f"{sort} {kind}" for sort in ("field", "item field") for kind in ("edit/edit", "add/add")),
    "entry edit/edit",
    "item delete/edit",
    "item edit/delete",
    "order reorder/reorder",
}


def test_random_edits_on_both_sides_merge_to_one_dossier() -> None:
    """500 fixed examples, of a few records each or of crowded edits to one record;
    they must between them reach every sort of conflict, or the property would hold for want
    of trying."""
    reached: set[str] = set()

    @settings(
        max_examples=500,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        data=st.data(),
        how=st.sampled_from(["ours", "theirs", "mixed"]),
        crowded=st.booleans(),
    )
    def example(data: st.DataObject, how: str, crowded: bool) -> None:
        base = data.draw(bases(1 if crowded else 2))
        ours, theirs = data.draw(edited(base, crowded)), data.draw(edited(base, crowded))
        expected = expected_conflicts(base, ours, theirs)
        reached.update(_sort(path, kind) for path, kind in expected)
        _merged_alike(base, ours, theirs, expected, how)

    example()
    assert reached >= EVERY_SORT, EVERY_SORT - reached


def _merge(base: States, ours: States, theirs: States) -> MergeResult:
    """Merge what each side changed since the base, as a sync sends it."""
    mine, yours = delta(base, ours), delta(base, theirs)
    return merge({uid: base.get(uid) for uid in mine.keys() | yours.keys()}, mine, yours)


def _merged_alike(
    base: States, ours: States, theirs: States, expected: set[tuple[Path, str]], how: str
) -> None:
    result = _merge(base, ours, theirs)
    reported = {(c.path, c.type) for c in result.conflicts}
    assert reported == expected
    assert_only_changes(base, ours, result.to_theirs)
    assert_only_changes(base, theirs, result.to_ours)
    ours_now, theirs_now = apply(ours, result.to_ours), apply(theirs, result.to_theirs)
    # A crash after one side committed: the next merge repeats nothing on that side, brings
    # the other side to where the first merge would have, and reports no new conflict.
    again = _merge(base, ours_now, theirs)
    assert apply(ours_now, again.to_ours) == ours_now
    assert apply(theirs, again.to_theirs) == theirs_now
    assert {(c.path, c.type) for c in again.conflicts} == reported
    again = _merge(base, ours, theirs_now)
    assert apply(theirs_now, again.to_theirs) == theirs_now
    assert apply(ours, again.to_ours) == ours_now
    assert {(c.path, c.type) for c in again.conflicts} == reported
    places = [_where(c) for c in result.conflicts]
    assert_kept(base, ours, ours_now, places)
    assert_kept(base, theirs, theirs_now, places)
    pick = random.Random(len(result.conflicts))
    for conflict in pick.sample(result.conflicts, len(result.conflicts)):  # any sequence
        settled = resolve(conflict, _choose(conflict, how, pick))
        ours_now = apply(ours_now, settled.to_ours)
        theirs_now = apply(theirs_now, settled.to_theirs)
    assert ours_now == theirs_now
    assert_kept(base, ours, ours_now, places)
    assert_kept(base, theirs, theirs_now, places)
