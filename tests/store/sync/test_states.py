"""A side of a sync read from a real database: the records changed since the base, as the
traveller may see them, merged against another database's changes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select, update

from briefing.domain import Person, Record
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import change_record, create_record, delete_record
from briefing.store.exchange.export import export_dossier
from briefing.store.sync.merge import States, merge
from briefing.store.sync.operations import SetField
from briefing.store.sync.states import side, states, versions
from tests.builders import document, load

PUBLIC = 0

PEOPLE = [
    {
        "id": "person:ahn",
        "name": "Ahn Duk-geun",
        "party": "party:a",
        "bio": "Minister of trade",
        "notes": "Internal view of him",
        "field_handling": {"notes": "Internal"},
    },
    {"id": "person:kim", "name": "Kim Jung-kwan", "party": "party:a"},
    {"id": "person:secret", "handling": "Confidential", "name": "Withheld person"},
]


def _loaded(store: Store) -> str:
    return load(store, document("trip", people=PEOPLE))


def _id(store: Store, uid: str) -> int:
    with store.session() as session:
        return session.scalars(select(Record.id).where(Record.uid == uid)).one()


def _base(store: Store, slug: str) -> dict[str, int]:
    with store.session() as session:
        return versions(session, find_dossier(session, slug), PUBLIC)


def _side(store: Store, slug: str, base: dict[str, int], taken: States | None = None) -> States:
    held = None if taken is None else {uid: s for uid, s in taken.items() if s is not None}
    with store.session() as session:
        return side(session, find_dossier(session, slug), base, PUBLIC, taken=held)


@contextmanager
def _trip(
    server: Store, folder: Path
) -> Iterator[tuple[str, Store, dict[str, int], dict[str, int], States]]:
    """The dossier on ``server`` and a Public traveller's copy filled from its file for
    that audience (as a travel copy is): the slug, the copy, each side's base versions
    and the base states."""
    slug = _loaded(server)
    with open_store(folder / "copy.sqlite3", seed_sample=False) as copy:
        load(copy, json.loads(export_dossier(server, slug, audience=PUBLIC)))
        base_server, base_copy = _base(server, slug), _base(copy, slug)
        with server.session() as session:
            base = states(session, find_dossier(session, slug), base_server.keys(), PUBLIC)
        yield slug, copy, base_server, base_copy, base


def test_nothing_changed_is_an_empty_side(empty_store: Store) -> None:
    slug = _loaded(empty_store)
    base = _base(empty_store, slug)
    assert "person:secret" not in base  # above the traveller: not in the base either
    assert _side(empty_store, slug, base) == {}


def test_a_saved_record_comes_with_what_the_traveller_sees_of_it(empty_store: Store) -> None:
    slug = _loaded(empty_store)
    base = _base(empty_store, slug)
    with empty_store.session() as session:
        change_record(session, _id(empty_store, "person:ahn"), {"name": "An Deok-geun"})
    changed = _side(empty_store, slug, base)
    assert list(changed) == ["person:ahn"]
    ahn = changed["person:ahn"]
    assert ahn is not None and ahn.kind == "person"
    fields = ahn.fields
    assert fields["name"] == "An Deok-geun"
    assert fields["bio"] == "Minister of trade"
    assert "notes" not in fields  # withheld, so absent: never a blank to merge


def test_deleted_created_and_raised_records(empty_store: Store) -> None:
    slug = _loaded(empty_store)
    base = _base(empty_store, slug)
    with empty_store.session() as session:
        dossier_id = find_dossier(session, slug).id
        delete_record(session, _id(empty_store, "person:kim"))
        create_record(session, Person, dossier_id, "person:new", {"name": "Yeo Han-koo"})
        session.execute(
            update(Record).where(Record.uid == "person:ahn").values(handling=2, version=9)
        )
    changed = _side(empty_store, slug, base)
    assert changed.keys() == {"person:kim", "person:new", "person:ahn"}
    assert changed["person:kim"] is None  # deleted
    assert changed["person:ahn"] is None  # raised above the traveller: gone from view
    new = changed["person:new"]
    assert new is not None and new.fields["name"] == "Yeo Han-koo"


def test_two_databases_each_changing_a_field_merge_without_conflict(
    empty_store: Store, tmp_path: Path
) -> None:
    """The traveller's copy (filled from the server's file for its audience, as a travel
    copy is) renames Ahn while the server records his bio: both survive."""
    with _trip(empty_store, tmp_path) as (slug, copy, base_server, base_copy, base):
        with copy.session() as session:
            change_record(session, _id(copy, "person:ahn"), {"name": "An Deok-geun"})
        with empty_store.session() as session:
            change_record(session, _id(empty_store, "person:ahn"), {"bio": "Trade minister"})
        ours = _side(copy, slug, base_copy, taken=base)
        result = merge(base, ours, _side(empty_store, slug, base_server))
    assert result.conflicts == ()
    assert result.to_theirs == (SetField("person:ahn", "name", "An Deok-geun"),)
    assert result.to_ours == (SetField("person:ahn", "bio", "Trade minister"),)


def test_a_copy_never_sends_the_blank_of_a_field_withheld_from_it(
    empty_store: Store, tmp_path: Path
) -> None:
    """Ahn's notes are Internal: the Public traveller's copy holds a blank in their place.
    Saving his name there must not send that blank, or the server's notes would go."""
    with _trip(empty_store, tmp_path) as (slug, copy, base_server, base_copy, base):
        with copy.session() as session:
            change_record(session, _id(copy, "person:ahn"), {"name": "An Deok-geun"})
        unguarded = _side(copy, slug, base_copy)
        ours = _side(copy, slug, base_copy, taken=base)
        result = merge(base, ours, _side(empty_store, slug, base_server))
    ahn = unguarded["person:ahn"]
    assert ahn is not None and ahn.fields["notes"] == ""  # what the guard is for
    assert "notes" not in base["person:ahn"].fields
    assert result.to_theirs == (SetField("person:ahn", "name", "An Deok-geun"),)
