"""Edits that can be undone exactly: deletes with their cascades, field changes, creation,
protected fields' levels and what the store raised to keep a child at its parents' level."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from briefing.domain import (
    Appointment,
    BargainingChip,
    Base,
    Delegation,
    Dossier,
    Event,
    MeetingBrief,
    Party,
    Person,
    Record,
    TalkingPoint,
)
from briefing.domain.fields import GROUPS
from briefing.errors import NotSaved
from briefing.store.db.database import Store
from briefing.store.edits import (
    PART_OF,
    apply_change,
    change_record,
    create_record,
    delete_record,
    level_key,
    preview_delete,
    read_fields,
    restore,
    undo_change,
)
from briefing.store.exchange.export import export_dossier
from briefing.store.search.querying import search
from tests.builders import cite, document, load


def _dossier() -> dict:
    return document(
        people=[
            {
                "id": "p:ahn",
                "name": "Ahn Duk-geun",
                "aliases": ["An Deok-geun"],
                "citations": [cite()],
            },
            {"id": "p:other", "name": "Other Person"},
        ],
        appointments=[
            {
                "id": "a:ahn",
                "person": "p:ahn",
                "title": "Minister",
                "start": "2024-01-03",
                "citations": [cite()],
            }
        ],
        events=[
            {
                "id": "e:talks",
                "title": "Talks",
                "start_date": "2025-04-24",
                "participants": ["p:ahn", "p:other"],
                "owner": "p:ahn",
            }
        ],
        delegations=[
            {
                "id": "d:kr",
                "event": "e:talks",
                "party": "party:a",
                "members": [{"person": "p:ahn", "role": "head", "head": True}],
            }
        ],
        talking_points=[{"id": "tp:1", "subject": "p:ahn", "text": "About Ahn"}],
    )


def _person_id(store: Store, uid: str) -> int:
    with store.session() as session:
        return session.scalars(select(Person.id).where(Person.uid == uid)).one()


def test_delete_takes_dependents_and_restore_brings_back_everything(empty_store: Store) -> None:
    load(empty_store, _dossier())
    before = export_dossier(empty_store, "test")
    ahn = _person_id(empty_store, "p:ahn")
    with empty_store.session() as session:
        described = preview_delete(session, ahn)
    assert "1 appointment" in described and "1 talking point" in described
    assert "2 citations" in described  # the person's and the appointment's

    with empty_store.session() as session:
        snapshot = delete_record(session, ahn)
    with empty_store.session() as session:
        assert session.scalars(select(Appointment)).all() == []
        assert session.scalars(select(TalkingPoint)).all() == []
        event = session.scalars(select(Event)).one()
        assert [p.uid for p in event.participants] == ["p:other"]
        assert event.owner is None
        dossier = session.scalars(select(Dossier)).one()
        assert search(session, "Deok", dossier_id=dossier.id, level=9) == []
        orphans = session.execute(
            select(1).select_from(Appointment.__table__).where(Appointment.id.is_(None))
        ).all()
        assert orphans == []

    with empty_store.session() as session:
        restore(session, snapshot)
    # The event and the delegation got their entries back: saved again, stamped now.
    assert _unstamped(export_dossier(empty_store, "test")) == _unstamped(before)
    with empty_store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        assert [h.record_id for h in search(session, "Deok", dossier_id=dossier.id, level=9)] == [
            ahn
        ]


def _unstamped(exported: str) -> object:
    """A dossier file without its records' save stamps."""

    def drop(value: object) -> object:
        if isinstance(value, dict):
            return {k: drop(v) for k, v in value.items() if k != "updated_at"}
        if isinstance(value, list):
            return [drop(v) for v in value]
        return value

    return drop(json.loads(exported))


def test_no_orphan_record_rows_after_cascading_delete(empty_store: Store) -> None:
    load(empty_store, _dossier())
    with empty_store.session() as session:
        delete_record(session, _person_id(empty_store, "p:ahn"))
    with empty_store.engine.connect() as connection:
        kinds = connection.exec_driver_sql("SELECT kind, uid FROM record ORDER BY uid").all()
    assert ("appointment", "a:ahn") not in kinds
    assert ("talking_point", "tp:1") not in kinds


def test_change_returns_old_values_for_undo(empty_store: Store) -> None:
    load(empty_store, _dossier())
    ahn = _person_id(empty_store, "p:ahn")
    with empty_store.session() as session:
        old = change_record(session, ahn, {"name": "Renamed", "aliases": ["X", "Y"]})
    assert old == {"name": "Ahn Duk-geun", "aliases": ["An Deok-geun"]}
    with empty_store.session() as session:
        change_record(session, ahn, old)
    with empty_store.session() as session:
        person = session.get_one(Person, ahn)
        assert (person.name, [a.name for a in person.aliases]) == ("Ahn Duk-geun", ["An Deok-geun"])


def test_an_edit_drops_a_nul_from_its_text_as_an_import_does(empty_store: Store) -> None:
    load(empty_store, _dossier())
    ahn = _person_id(empty_store, "p:ahn")
    with empty_store.session() as session:
        change_record(session, ahn, {"name": "Re\x00named", "aliases": ["X\x00"]})
    with empty_store.session() as session:
        person = session.get_one(Person, ahn)
        assert (person.name, [a.name for a in person.aliases]) == ("Renamed", ["X"])


def test_create_then_delete_then_restore_keeps_the_id(empty_store: Store) -> None:
    load(empty_store, _dossier())
    with empty_store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        new_id = create_record(
            session, Person, dossier.id, "p:new", {"name": "Newcomer", "handling": 1}
        )
    with empty_store.session() as session:
        snapshot = delete_record(session, new_id)
    with empty_store.session() as session:
        restore(session, snapshot)
    with empty_store.session() as session:
        assert session.get_one(Person, new_id).name == "Newcomer"


# ------------------------------------------------------------------ levels


def _chip_dossier() -> dict:
    return document(
        chips=[
            {
                "id": "c:cut",
                "title": "Tariff cut",
                "party": "party:a",
                "handling": "Internal",
                "our_minimum": "walk away below 15%",
                "our_target": "25%",
                "value": {"amount": 350, "currency": "USD", "note": "bn"},
                "citations": [cite()],
            }
        ],
        events=[{"id": "e:talks", "title": "Talks", "start_date": "2025-04-24"}],
        meeting_briefs=[{"id": "b:talks", "event": "e:talks", "our_objectives": "ours"}],
    )


def _id(store: Store, model: type[Record], uid: str) -> int:
    with store.session() as session:
        return session.scalars(select(model.id).where(model.uid == uid)).one()


def _levelled_rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """The protected fields' rows, the citations and every record's level, as stored."""
    with store.engine.connect() as connection:
        return {
            table: connection.exec_driver_sql(f"SELECT {columns} FROM {table} ORDER BY 1").all()
            for table, columns in (
                ("field_level", "record_id, field, handling, value"),
                ("citation", "id, record_id, source_id, excerpt, handling"),
                ("record", "id, uid, handling"),
                ("bargaining_chip", "id, our_minimum, our_target, value_amount, value_currency"),
            )
        }


def test_a_field_level_change_is_stored_in_its_row_and_undone_exactly(
    empty_store: Store,
) -> None:
    load(empty_store, _chip_dossier())
    chip = _id(empty_store, BargainingChip, "c:cut")
    before = _levelled_rows(empty_store)
    group = {level_key(name): 2 for name in GROUPS["value_amount"]}
    with empty_store.session() as session:
        change = apply_change(
            session, chip, {level_key("our_minimum"): 3, "our_minimum": "below 12%", **group}
        )
    assert change.before[level_key("our_minimum")] == 1  # the chip's own level
    assert change.before["our_minimum"] == "walk away below 15%"
    with empty_store.session() as session:
        stored_chip = session.get_one(BargainingChip, chip)
        assert stored_chip.our_minimum == "" and stored_chip.value_amount is None
        assert {(f.field, f.handling) for f in stored_chip.field_levels} == {
            ("our_minimum", 3),
            ("value_amount", 2),
            ("value_currency", 2),
            ("value_note", 2),
        }
        assert read_fields(stored_chip, ["our_minimum", level_key("our_minimum")]) == {
            "our_minimum": "below 12%",
            level_key("our_minimum"): 3,
        }
    with empty_store.session() as session:
        undo_change(session, chip, change)
    assert _levelled_rows(empty_store) == before


def test_raising_a_record_to_a_fields_level_folds_the_field_back_and_undo_splits_it(
    empty_store: Store,
) -> None:
    load(empty_store, _chip_dossier())
    chip = _id(empty_store, BargainingChip, "c:cut")
    with empty_store.session() as session:
        apply_change(session, chip, {level_key("our_minimum"): 2})
    before = _levelled_rows(empty_store)
    with empty_store.session() as session:  # what the form sends: the picker followed up
        change = apply_change(session, chip, {"handling": 3, level_key("our_minimum"): 3})
    with empty_store.session() as session:
        stored_chip = session.get_one(BargainingChip, chip)
        assert stored_chip.field_levels == []
        assert stored_chip.our_minimum == "walk away below 15%"
    with empty_store.session() as session:
        undo_change(session, chip, change)
    after = _levelled_rows(empty_store)
    assert (
        after["field_level"]
        == before["field_level"]
        == [(chip, "our_minimum", 2, '"walk away below 15%"')]
    )
    assert after == before


def test_undoing_a_raise_lowers_what_the_floors_raised_with_it(empty_store: Store) -> None:
    load(empty_store, _chip_dossier())
    event = _id(empty_store, Event, "e:talks")
    before = _levelled_rows(empty_store)
    with empty_store.session() as session:
        change = apply_change(session, event, {"handling": 3})
    with empty_store.session() as session:
        assert session.scalars(select(MeetingBrief.handling)).one() == 3
    assert ("record", _id(empty_store, MeetingBrief, "b:talks")) in change.raised
    with empty_store.session() as session:
        undo_change(session, event, change)
    assert _levelled_rows(empty_store) == before


def test_a_text_edit_reads_no_levels(empty_store: Store) -> None:
    """Only a change of level or of parent can make the store raise anything."""
    load(empty_store, _chip_dossier())
    with empty_store.session() as session:
        change = apply_change(session, _id(empty_store, Event, "e:talks"), {"title": "Renamed"})
    assert change.raised == {}


def test_deleting_a_record_with_protected_fields_restores_their_rows_and_levels(
    empty_store: Store,
) -> None:
    load(empty_store, _chip_dossier())
    chip = _id(empty_store, BargainingChip, "c:cut")
    with empty_store.session() as session:
        apply_change(session, chip, {level_key("our_minimum"): 3, level_key("notes"): 2})
        session.get_one(BargainingChip, chip).citations[0].handling = 2
    before = _levelled_rows(empty_store)
    assert len(before["field_level"]) == 2
    with empty_store.session() as session:
        snapshot = delete_record(session, chip)
    assert _levelled_rows(empty_store)["field_level"] == []
    with empty_store.session() as session:
        restore(session, snapshot)
    assert _levelled_rows(empty_store) == before


def test_keyed_children_keep_one_row_per_key_whatever_an_edit_repeats(empty_store: Store) -> None:
    """Aliases and sectors are keyed by their text and members by their person (issue 16):
    an edit that repeats one, or keeps one while adding others, saves one row each, and a
    kept alias keeps its row (a merge of two databases pairs nothing else)."""
    doc = _dossier()
    doc["chips"] = [{"id": "c:1", "title": "Quota", "sectors": ["steel"]}]
    load(empty_store, doc)
    ahn, other = _person_id(empty_store, "p:ahn"), _person_id(empty_store, "p:other")
    with empty_store.session() as session:
        kept = session.get_one(Person, ahn).aliases[0].id
        chip = session.scalars(select(BargainingChip.id)).one()
        delegation = session.scalars(select(Record.id).where(Record.uid == "d:kr")).one()
        change_record(session, ahn, {"aliases": ["X", "An Deok-geun", "X"]})
        change_record(session, chip, {"sectors": ["steel", "cars", "steel"]})
        change_record(session, delegation, {"members": [ahn, other, ahn]})
    with empty_store.session() as session:
        aliases = {a.name: a.id for a in session.get_one(Person, ahn).aliases}
        assert set(aliases) == {"X", "An Deok-geun"} and aliases["An Deok-geun"] == kept
        assert session.get_one(BargainingChip, chip).sector_names == ["steel", "cars"]
        members = session.get_one(Delegation, delegation).members
        assert [(m.person_id, m.role, m.is_head) for m in members] == [
            (ahn, "head", True),
            (other, "", False),
        ]


# ------------------------------------------------------------------ what a delete changes


def _linked_dossier() -> dict:
    return document(
        people=[
            {"id": "p:ahn", "name": "Ahn Duk-geun"},
            {"id": "p:owner", "name": "Owner"},
            {"id": "p:beta", "name": "Beta Person", "party": "party:b"},
            {"id": "p:bystander", "name": "Bystander"},
        ],
        organizations=[{"id": "o:min", "name": "Ministry"}],
        appointments=[
            {"id": "a:beta", "person": "p:beta", "title": "Envoy", "organization": "o:min"}
        ],
        events=[
            {"id": "e:talks", "title": "Talks", "start_date": "2025-04-24"},
            {
                "id": "e:met",
                "title": "Met Ahn",
                "start_date": "2025-04-25",
                "participants": ["p:ahn"],
            },
            {"id": "e:owned", "title": "Owned", "start_date": "2025-04-26", "owner": "p:owner"},
        ],
        delegations=[{"id": "d:kr", "party": "party:a", "members": [{"person": "p:ahn"}]}],
        chips=[{"id": "c:cut", "title": "Tariff cut", "events": ["e:talks"]}],
    )


def _versions(store: Store) -> dict[str, int]:
    with store.session() as session:
        return dict(session.execute(select(Record.uid, Record.version)).all())


@pytest.mark.parametrize(
    ("deleted", "referrers"),
    [
        ("p:ahn", {"d:kr", "e:met"}),  # a delegation's member, an event's participant
        ("p:owner", {"e:owned"}),  # an event's owner, cleared
        ("e:talks", {"c:cut"}),  # a chip's linked event
        ("party:b", {"p:beta"}),  # a person's party, cleared
        ("o:min", {"a:beta"}),  # an appointment's organization, cleared
    ],
)
def test_a_delete_is_a_save_of_each_record_it_takes_a_link_from(
    empty_store: Store, deleted: str, referrers: set[str]
) -> None:
    """A record that lost an entry of its own or a reference is changed: a form open on it
    must hear of it, and a sync must carry it (issue 16); the undo that puts the entry back
    is a save of it again. Records that do not name the deleted one keep their version."""
    load(empty_store, _linked_dossier())
    before = _versions(empty_store)
    with empty_store.session() as session:
        snapshot = delete_record(session, _id(empty_store, Record, deleted))
    after = _versions(empty_store)
    assert {uid for uid, version in after.items() if version != before[uid]} == referrers
    assert all(after[uid] == before[uid] + 1 for uid in referrers)
    with empty_store.session() as session:
        restore(session, snapshot)
    restored = _versions(empty_store)
    assert {uid for uid, version in restored.items() if version != before[uid]} == referrers
    assert all(restored[uid] == before[uid] + 2 for uid in referrers)


def test_every_row_a_record_delete_takes_from_a_kept_record_names_its_owner() -> None:
    """A table whose rows go with a deleted record without being a record themselves (a
    member, a participant, a citation) names the record they are part of, so the delete
    counts a save of it; the one exception is the server's own log of raised edits."""
    records = {
        t.name
        for t in Base.metadata.sorted_tables
        if t.name == "record"
        or ("id" in t.c and any(fk.column.table.name == "record" for fk in t.c.id.foreign_keys))
    }
    taken = {
        t.name: {fk.parent.name for fk in t.foreign_keys if fk.column.table.name in records}
        for t in Base.metadata.sorted_tables
        if t.name not in records
        and any(
            fk.ondelete == "CASCADE" and fk.column.table.name in records for fk in t.foreign_keys
        )
    }
    assert set(taken) - {"raised_edit"} == set(PART_OF)
    assert all(PART_OF[name] in columns for name, columns in taken.items() if name in PART_OF)


def test_deleting_the_party_the_dossier_is_prepared_for_is_refused_naming_it(
    empty_store: Store,
) -> None:
    """The cover names whom the book is prepared for: a delete does not blank it unasked
    (nor behind a sync's back), and goes through once another party, or none, is chosen."""
    load(empty_store, _dossier())
    before = export_dossier(empty_store, "test")
    with empty_store.session() as session:
        party = session.scalars(select(Party.id).where(Party.uid == "party:a")).one()
    refused = "Alpha is the party the dossier test is prepared for"
    with empty_store.session() as session, pytest.raises(NotSaved, match=refused):
        delete_record(session, party)
    assert export_dossier(empty_store, "test") == before
    with empty_store.session() as session:
        session.scalars(select(Dossier)).one().prepared_for = None
    with empty_store.session() as session:
        delete_record(session, party)
    with empty_store.session() as session:
        assert session.get(Party, party) is None
