"""The merge's rules, one at a time, on small hand-written states."""

from __future__ import annotations

from typing import Any

import pytest

from briefing.store.sync.merge import merge
from briefing.store.sync.operations import (
    AddItem,
    ConflictType,
    CreateRecord,
    DeleteRecord,
    RemoveItem,
    Reorder,
    SetEntry,
    SetField,
    SetItemField,
    apply,
)
from briefing.store.sync.resolve import Choice, Edited, resolve
from briefing.store.sync.spec import EXCHANGE_SPEC, MISSING, Record, Shape

PERSON = "person"


def person(**fields: Any) -> Record:
    return Record(PERSON, {"name": "Ana", "bio": "", "aliases": [], "citations": [], **fields})


def delegation(*members: str, **fields: Any) -> Record:
    listed = [{"person": uid, "role": "", "head": False} for uid in members]
    return Record("delegation", {"name": "D", "members": listed, **fields})


def cite(uid: str, **fields: Any) -> dict[str, Any]:
    return {"id": uid, "source": "s1", "excerpt": "", "locator": "", **fields}


def test_the_exchange_spec_declares_each_collection() -> None:
    assert EXCHANGE_SPEC.of("person", "aliases").shape is Shape.SET
    assert EXCHANGE_SPEC.of("person", "citations").key == "id"
    assert EXCHANGE_SPEC.of("delegation", "members").shape is Shape.ORDERED
    assert EXCHANGE_SPEC.of("bargaining_chip", "sectors").shape is Shape.SET
    assert EXCHANGE_SPEC.of("bargaining_chip", "value").shape is Shape.OBJECT
    assert EXCHANGE_SPEC.of("person", "name").shape is Shape.SCALAR


def test_changes_to_different_fields_both_survive() -> None:
    base = person()
    result = merge({"p": base}, {"p": person(name="Ana B")}, {"p": person(bio="Minister")})
    assert result.conflicts == ()
    assert result.to_ours == (SetField("p", "bio", "Minister"),)
    assert result.to_theirs == (SetField("p", "name", "Ana B"),)


def test_the_same_change_on_both_sides_is_no_conflict_and_no_write() -> None:
    result = merge({"p": person()}, {"p": person(bio="x")}, {"p": person(bio="x")})
    assert result == type(result)()


def test_one_field_changed_differently_is_a_conflict_and_neither_side_is_written() -> None:
    result = merge({"p": person()}, {"p": person(bio="ours")}, {"p": person(bio="theirs")})
    assert result.to_ours == result.to_theirs == ()
    (conflict,) = result.conflicts
    assert (conflict.type, conflict.path) == (ConflictType.EDIT_EDIT, ("p", "bio"))
    assert (conflict.base, conflict.ours, conflict.theirs) == ("", "ours", "theirs")


def test_true_is_not_one() -> None:
    base = Record("bargaining_chip", {"tradeable": 1})
    result = merge({"c": base}, {"c": Record("bargaining_chip", {"tradeable": True})}, {})
    assert result.to_theirs == (SetField("c", "tradeable", True),)


def test_a_record_created_on_one_side_is_created_on_the_other() -> None:
    new = person(name="Bo")
    result = merge({"p": None}, {}, {"p": new})
    assert result.to_ours == (CreateRecord("p", PERSON, new.fields),)


def test_a_record_deleted_on_one_side_and_unchanged_on_the_other_goes() -> None:
    result = merge({"p": person()}, {"p": None}, {})
    assert result.to_theirs == (DeleteRecord("p"),)


def test_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() -> None:
    edited = person(bio="new")
    result = merge({"p": person()}, {"p": None}, {"p": edited})
    (conflict,) = result.conflicts
    assert conflict.type is ConflictType.DELETE_EDIT and conflict.field is None
    assert (conflict.ours, conflict.theirs) == (None, edited)
    assert result.to_ours == result.to_theirs == ()
    kept = resolve(conflict, "theirs")
    assert kept.to_ours == (CreateRecord("p", PERSON, edited.fields),) and not kept.to_theirs
    gone = resolve(conflict, "ours")
    assert gone.to_theirs == (DeleteRecord("p"),) and not gone.to_ours


def test_edited_on_our_side_and_deleted_on_theirs_is_the_mirror_conflict() -> None:
    result = merge({"p": person()}, {"p": person(name="Z")}, {"p": None})
    assert [c.type for c in result.conflicts] == [ConflictType.EDIT_DELETE]


def test_a_field_one_side_does_not_hold_is_never_cleared() -> None:
    """A withheld field is absent from a side's state: unchanged there, never blanked."""
    base = Record(PERSON, {"name": "Ana"})
    server = Record(PERSON, {"name": "Ana", "bio": "secret"})
    result = merge({"p": base}, {"p": Record(PERSON, {"name": "Ana B"})}, {"p": server})
    assert result.to_theirs == (SetField("p", "name", "Ana B"),)


def test_sets_merge_as_additions_and_removals() -> None:
    base = person(aliases=["A", "B"])
    result = merge({"p": base}, {"p": person(aliases=["A", "C"])}, {"p": person(aliases=["B"])})
    assert result.conflicts == ()
    assert result.to_ours == (RemoveItem("p", "aliases", "A"),)
    assert result.to_theirs == (AddItem("p", "aliases", "C", "C"), RemoveItem("p", "aliases", "B"))
    final_ours = apply({"p": person(aliases=["A", "C"])}, result.to_ours)
    final_theirs = apply({"p": person(aliases=["B"])}, result.to_theirs)
    assert final_ours == final_theirs
    assert final_ours["p"].fields["aliases"] == ["C"]


def test_citations_merge_by_key_and_field_by_field() -> None:
    base = person(citations=[cite("c1", excerpt="e", locator="p1")])
    ours = person(citations=[cite("c1", excerpt="e2", locator="p1"), cite("c2")])
    theirs = person(citations=[cite("c1", excerpt="e", locator="p9")])
    result = merge({"p": base}, {"p": ours}, {"p": theirs})
    assert result.conflicts == ()
    assert result.to_ours == (SetItemField("p", "citations", "c1", "locator", "p9"),)
    assert result.to_theirs == (
        SetItemField("p", "citations", "c1", "excerpt", "e2"),
        AddItem("p", "citations", "c2", cite("c2")),
    )
    assert apply({"p": ours}, result.to_ours) == apply({"p": theirs}, result.to_theirs)


def test_an_item_removed_on_one_side_and_edited_on_the_other_is_a_conflict() -> None:
    base = person(citations=[cite("c1")])
    edited = cite("c1", excerpt="new")
    result = merge({"p": base}, {"p": person()}, {"p": person(citations=[edited])})
    (conflict,) = result.conflicts
    assert conflict.type is ConflictType.DELETE_EDIT and conflict.path == ("p", "citations", "c1")
    assert (conflict.ours, conflict.theirs) == (None, edited)
    assert resolve(conflict, "theirs").to_ours == (AddItem("p", "citations", "c1", edited),)
    assert resolve(conflict, "ours").to_theirs == (RemoveItem("p", "citations", "c1"),)


def test_the_same_item_field_edited_differently_is_a_conflict_at_that_field() -> None:
    base = person(citations=[cite("c1")])
    ours = person(citations=[cite("c1", stance="REFUTES")])
    theirs = person(citations=[cite("c1", stance="CONTEXT", excerpt="x")])
    result = merge({"p": base}, {"p": ours}, {"p": theirs})
    (conflict,) = result.conflicts
    assert conflict.path == ("p", "citations", "c1", "stance")
    assert result.to_theirs == ()
    assert result.to_ours == (SetItemField("p", "citations", "c1", "excerpt", "x"),)
    fix = resolve(conflict, Edited("SUPPORTS"))
    assert fix.to_ours == (SetItemField("p", "citations", "c1", "stance", "SUPPORTS"),)
    assert fix.to_theirs == (SetItemField("p", "citations", "c1", "stance", "SUPPORTS"),)


def test_objects_merge_entry_by_entry() -> None:
    base = Record("bargaining_chip", {"value": {"amount": 1, "currency": "EUR"}})
    ours = Record("bargaining_chip", {"value": {"amount": 2, "currency": "EUR"}})
    theirs = Record("bargaining_chip", {"value": {"amount": 1, "currency": "USD"}})
    result = merge({"c": base}, {"c": ours}, {"c": theirs})
    assert result.to_ours == (SetEntry("c", "value", "currency", "USD"),)
    assert result.to_theirs == (SetEntry("c", "value", "amount", 2),)


def test_a_field_level_dropped_on_one_side_is_dropped_on_the_other() -> None:
    base = person(field_handling={"bio": "SECRET"})
    result = merge({"p": base}, {"p": person(field_handling={})}, {})
    assert result.to_theirs == (RemoveItem("p", "field_handling", "bio"),)


def test_one_side_reordering_a_list_is_no_conflict() -> None:
    base = delegation("a", "b", "c")
    result = merge({"d": base}, {"d": delegation("c", "a", "b")}, {})
    assert result.conflicts == ()
    assert result.to_theirs == (Reorder("d", "members", ("c", "a", "b")),)


def test_both_sides_reordering_one_list_the_same_way_is_no_conflict() -> None:
    base = delegation("a", "b", "c")
    moved = delegation("c", "b", "a")
    assert merge({"d": base}, {"d": moved}, {"d": moved}) == type(merge({}, {}, {}))()


def test_both_sides_reordering_one_list_differently_is_a_conflict() -> None:
    base = delegation("a", "b", "c")
    result = merge({"d": base}, {"d": delegation("c", "a", "b")}, {"d": delegation("b", "a", "c")})
    (conflict,) = result.conflicts
    assert conflict.type is ConflictType.REORDER and conflict.path == ("d", "members", "order")
    assert (conflict.ours, conflict.theirs) == (["c", "a", "b"], ["b", "a", "c"])
    assert result.to_ours == result.to_theirs == ()
    chosen = resolve(conflict, "theirs")
    assert chosen.to_ours == chosen.to_theirs == (Reorder("d", "members", ("b", "a", "c")),)


def test_a_member_added_on_one_side_goes_where_that_side_put_it() -> None:
    base = delegation("a", "b")
    ours = delegation("a", "x", "b")
    theirs = delegation("b", "a")
    result = merge({"d": base}, {"d": ours}, {"d": theirs})
    assert result.conflicts == ()
    merged_ours = apply({"d": ours}, result.to_ours)
    merged_theirs = apply({"d": theirs}, result.to_theirs)
    assert merged_ours == merged_theirs
    keys = [member["person"] for member in merged_ours["d"].fields["members"]]
    assert keys == ["x", "b", "a"]


def test_without_a_common_base_every_differing_field_is_a_conflict() -> None:
    ours, theirs = person(name="Ana", bio="one"), person(name="Ana", bio="two")
    result = merge({"p": None}, {"p": ours}, {"p": theirs})
    assert [(c.type, c.field) for c in result.conflicts] == [(ConflictType.ADD_ADD, "bio")]


def test_the_updated_stamp_is_not_merged() -> None:
    base = person(updated_at="2026-01-01")
    result = merge(
        {"p": base},
        {"p": person(updated_at="2026-02-01", name="A")},
        {"p": person(updated_at="2026-03-01", bio="b")},
    )
    assert result.conflicts == ()
    assert {op.field for op in result.to_ours + result.to_theirs if isinstance(op, SetField)} == {
        "name",
        "bio",
    }


def test_an_entry_added_on_both_sides_differently_conflicts_and_resolves_to_absent() -> None:
    base = person(field_handling={})
    ours, theirs = person(field_handling={"bio": "SECRET"}), person(field_handling={"bio": "TOP"})
    (conflict,) = merge({"p": base}, {"p": ours}, {"p": theirs}).conflicts
    assert conflict.path == ("p", "field_handling", "bio") and conflict.base is MISSING
    cleared = resolve(conflict, Edited(MISSING))
    assert cleared.to_ours == cleared.to_theirs == (RemoveItem("p", "field_handling", "bio"),)


def test_items_one_side_does_not_hold_are_never_removed_or_named() -> None:
    """The traveller's copy lacks a citation and a field above its clearance: editing the
    record's citations and fields sends the server nothing that touches either."""
    base = Record(PERSON, {"name": "Ana", "citations": [cite("c1")]})
    copy = Record(PERSON, {"name": "Ana B", "citations": [cite("c1", excerpt="x"), cite("c2")]})
    server = Record(
        PERSON, {"name": "Ana", "bio": "secret", "citations": [cite("c1"), cite("c9", excerpt="s")]}
    )
    result = merge({"p": base}, {"p": copy}, {"p": server})
    named = {getattr(op, "key", None) for op in result.to_theirs} | {
        getattr(op, "field", None) for op in result.to_theirs
    }
    assert "c9" not in named and "bio" not in named
    after = apply({"p": server}, result.to_theirs)["p"].fields
    assert after["bio"] == "secret"
    assert [item["id"] for item in after["citations"]] == ["c1", "c2", "c9"]


def test_moving_an_item_the_other_side_removed_is_no_reorder_conflict() -> None:
    base = delegation("a", "b", "c")
    ours = delegation("c", "b")
    theirs = delegation("b", "c", "a")
    result = merge({"d": base}, {"d": ours}, {"d": theirs})
    assert result.conflicts == ()
    assert apply({"d": ours}, result.to_ours) == apply({"d": theirs}, result.to_theirs)


def test_a_merge_repeated_after_one_side_took_its_changes_repeats_nothing() -> None:
    base = {"p": person(aliases=["A"]), "d": delegation("a", "b")}
    ours = {"p": person(aliases=["A", "B"], bio="x"), "d": delegation("b", "a")}
    theirs = {"p": person(name="Z", bio="y"), "d": delegation("a", "b", "c")}
    first = merge(base, ours, theirs)
    taken = apply(ours, first.to_ours)
    again = merge(base, {uid: taken[uid] for uid in ours}, theirs)
    assert again.to_ours == ()
    assert again.to_theirs == first.to_theirs
    assert [c.path for c in again.conflicts] == [c.path for c in first.conflicts] == [("p", "bio")]


@pytest.mark.parametrize("order_first", [True, False])
@pytest.mark.parametrize("order_choice", ["ours", "theirs"])
@pytest.mark.parametrize("item_choice", ["ours", "theirs"])
def test_a_lists_order_and_item_conflicts_resolve_in_any_sequence(
    order_first: bool, order_choice: Choice, item_choice: Choice
) -> None:
    base = delegation("a", "b", "c", "d")
    ours = delegation("d", "c", "a")
    theirs = Record("delegation", {**delegation("a", "b", "d", "c").fields})
    theirs.fields["members"][1]["role"] = "head of delegation"
    result = merge({"d": base}, {"d": ours}, {"d": theirs})
    order, item = sorted(result.conflicts, key=lambda conflict: not conflict.order)
    assert (order.type, item.type) == (ConflictType.REORDER, ConflictType.DELETE_EDIT)
    sides = [apply({"d": ours}, result.to_ours), apply({"d": theirs}, result.to_theirs)]
    steps = [(order, order_choice), (item, item_choice)]
    for conflict, choice in steps if order_first else steps[::-1]:
        settled = resolve(conflict, choice)
        sides = [apply(sides[0], settled.to_ours), apply(sides[1], settled.to_theirs)]
    assert sides[0] == sides[1]
    keys = [member["person"] for member in sides[0]["d"].fields["members"]]
    chosen = ["d", "c", "a"] if order_choice == "ours" else ["a", "b", "d", "c"]
    assert [key for key in keys if key != "b"] == [key for key in chosen if key != "b"]
    assert ("b" in keys) == (item_choice == "theirs")


def test_two_files_without_a_common_base_conflict_on_every_differing_field() -> None:
    """``dossier merge`` of a file that shares the ids but no base: nothing is guessed."""
    ours = {
        "p": person(name="Ana", bio="one", aliases=["A"], citations=[cite("c1", excerpt="x")]),
        "d": delegation("a", "b"),
        "o": person(name="Only ours"),
    }
    theirs = {
        "p": person(name="Ana", bio="two", aliases=["B"], citations=[cite("c1", excerpt="y")]),
        "d": delegation("b", "a"),
    }
    result = merge(dict.fromkeys([*ours, *theirs]), ours, theirs)
    assert {(c.path, c.type) for c in result.conflicts} == {
        (("p", "bio"), ConflictType.ADD_ADD),
        (("p", "citations", "c1", "excerpt"), ConflictType.ADD_ADD),
        (("d", "members", "order"), ConflictType.REORDER),
    }
    assert CreateRecord("o", PERSON, ours["o"].fields) in result.to_theirs
    merged = apply(ours, result.to_ours)
    assert merged["p"].fields["aliases"] == ["A", "B"]


def test_a_record_that_left_the_travellers_view_leaves_the_copy_or_becomes_a_conflict() -> None:
    """Raised above the traveller's clearance during the trip, the record is gone from what
    the server sends (None): unedited, it leaves the copy; edited, the edits wait in a
    conflict and nothing is deleted on the server."""
    unedited = merge({"p": person()}, {}, {"p": None})
    assert unedited.to_ours == (DeleteRecord("p"),) and unedited.to_theirs == ()
    edited = merge({"p": person()}, {"p": person(bio="from the road")}, {"p": None})
    assert edited.to_theirs == () and edited.to_ours == ()
    assert [c.type for c in edited.conflicts] == [ConflictType.EDIT_DELETE]


def test_a_member_added_whom_the_other_side_deleted_holds_back_and_the_deletion_conflicts() -> None:
    """The side that deleted a person cannot take a membership naming no one: the
    deletion is a conflict (one deleted what the other edited), and the membership waits
    for it; once the deletion is decided, sending it takes the membership off the other
    side, and the membership is dropped."""
    base = {"p": person(), "d": delegation("a")}
    theirs = {"d": delegation("a", "p")}
    result = merge(base, {"p": None}, theirs)
    assert (result.to_ours, result.to_theirs) == ((), ())
    (conflict,) = result.conflicts
    assert (conflict.uid, conflict.type, conflict.ours) == ("p", ConflictType.DELETE_EDIT, None)
    assert [op.uid for op in result.held_to_ours] == ["d"] and result.held == {"d"}
    mirrored = merge(base, theirs, {"p": None})
    assert [c.type for c in mirrored.conflicts] == [ConflictType.EDIT_DELETE]
    assert [op.uid for op in mirrored.held_to_theirs] == ["d"]
    decided = merge(base, {"p": None}, theirs, decided={"p"})
    assert decided.to_theirs == (DeleteRecord("p"),)
    assert (decided.to_ours, decided.conflicts, decided.held) == ((), (), set())


def test_deleting_a_record_takes_the_references_to_it_off_the_others() -> None:
    states = {"p": person(), "d": delegation("a", "p"), "e": Record("event", {"owner": "p"})}
    after = apply(states, [DeleteRecord("p")])
    assert after["d"].fields["members"] == [{"person": "a", "role": "", "head": False}]
    assert after["e"].fields["owner"] is None


def test_a_new_record_or_citation_naming_what_the_other_side_deleted_holds_back() -> None:
    """A person made in a party, or a citation of a source, that the other side deleted
    waits behind that deletion's conflict like any change naming it. Once the deletion
    is decided, the person goes without the party, the citation not at all (deleting the
    source takes it on the side that made it), and a record that goes with the party (a
    delegation) not at all."""
    party, source = Record("party", {"name": "P"}), Record("source", {"title": "S"})
    base = {"q": party, "s": source, "a": person()}
    made = Record("person", {"name": "New", "party": "q", "citations": [cite("c0", source="s")]})
    theirs = {
        "n": made,
        "a": person(citations=[cite("c1", source="s")]),
        "g": Record("delegation", {"name": "G", "party": "q", "members": []}),
    }
    result = merge({**base, "n": None, "g": None}, {"q": None, "s": None}, theirs)
    assert (result.to_ours, result.to_theirs) == ((), ())
    assert sorted(c.uid for c in result.conflicts) == ["q", "s"]
    assert sorted(op.uid for op in result.held_to_ours) == ["a", "g", "n"]
    decided = merge(
        {**base, "n": None, "g": None}, {"q": None, "s": None}, theirs, decided={"q", "s"}
    )
    assert decided.conflicts == () and decided.held == set()
    assert decided.to_theirs == (DeleteRecord("q"), DeleteRecord("s"))
    assert decided.to_ours == (
        CreateRecord("n", "person", {"name": "New", "party": None, "citations": []}),
    )


def test_deleting_a_source_takes_its_citations_off_the_others() -> None:
    states = {"s1": Record("source", {"title": "S"}), "a": person(citations=[cite("c")])}
    assert apply(states, [DeleteRecord("s1")])["a"].fields["citations"] == []
