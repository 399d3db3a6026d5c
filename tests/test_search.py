"""Full-text search: alias-aware, audience-aware, and kept in step with every change."""

from __future__ import annotations

from sqlalchemy import select

from briefing.domain import Alias, Dossier, Person
from briefing.store.database import Store
from briefing.store.edits import delete_record
from briefing.store.search import fts_query, search
from briefing.store.visibility import EVERYTHING
from tests.builders import document, load


def _ids(store: Store, query: str, level: int = EVERYTHING) -> list[str]:
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        hits = search(session, query, dossier_id=dossier.id, level=level)
        return [session.get(Person, h.record_id).uid for h in hits if h.kind == "person"]


def _people(store: Store) -> None:
    load(
        store,
        document(
            people=[
                {
                    "id": "p:ahn",
                    "name": "Ahn Duk-geun",
                    "native_name": "안덕근",
                    "aliases": ["An Deok-geun"],
                },
                {"id": "p:secret", "name": "Hidden Envoy", "handling": "Restricted"},
            ]
        ),
    )


def test_alias_finds_the_person(empty_store: Store) -> None:
    _people(empty_store)
    assert _ids(empty_store, "An Deok-geun") == ["p:ahn"]
    assert _ids(empty_store, "deok") == ["p:ahn"]
    assert _ids(empty_store, "안덕근") == ["p:ahn"]


def test_search_hides_records_above_the_audience(empty_store: Store) -> None:
    _people(empty_store)
    assert _ids(empty_store, "envoy") == ["p:secret"]
    assert _ids(empty_store, "envoy", level=2) == []


def test_index_follows_edits_new_aliases_and_deletes(empty_store: Store) -> None:
    _people(empty_store)
    with empty_store.session() as session:
        person = session.scalars(select(Person).where(Person.uid == "p:ahn")).one()
        person.name = "Renamed Minister"
        person.aliases.append(Alias(name="Duk-keun Ahn"))
    assert _ids(empty_store, "renamed") == ["p:ahn"]
    assert _ids(empty_store, "keun") == ["p:ahn"]
    with empty_store.session() as session:
        person = session.scalars(select(Person).where(Person.uid == "p:ahn")).one()
        person.aliases.clear()
    assert _ids(empty_store, "deok") == []
    with empty_store.session() as session:
        delete_record(
            session, session.scalars(select(Person.id).where(Person.uid == "p:ahn")).one()
        )
    assert _ids(empty_store, "renamed") == []


def test_query_syntax_cannot_break_the_search(empty_store: Store) -> None:
    _people(empty_store)
    for hostile in ['"', "AND OR NOT", "*", "a:b", "(((", "NEAR(", "'; DROP TABLE record; --", ""]:
        _ids(empty_store, hostile)
    assert fts_query('say "hi"') == '"say"* "hi"*'
