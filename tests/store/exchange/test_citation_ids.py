"""Stable ids below the record (issue 16): a citation's id travels in version 3 files and
is derived from what it cites when a file has none; aliases, sectors and members are keyed
by their text or person, once per record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.domain import Citation, Record
from briefing.domain.sources import derived_citation_uid
from briefing.errors import ImportRefused
from briefing.store.citations import add_citation
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.exchange.export import export_dossier
from briefing.store.exchange.loading import parse
from briefing.store.exchange.schema import FORMAT_VERSION
from briefing.store.exchange.writing import import_file
from tests.builders import cite, document, load
from tests.store.exchange.test_exchange import in_any_order

FIXTURES = Path(__file__).parent / "fixtures"


def citation_ids(store: Store) -> dict[tuple[str, str], str]:
    """Each citation's stable id, by its record's uid and its excerpt."""
    with store.session() as session:
        rows = session.execute(
            select(Record.uid, Citation.excerpt, Citation.uid).join(
                Record, Record.id == Citation.record_id
            )
        )
        return {(record, excerpt): uid for record, excerpt, uid in rows}


def test_a_version_3_file_keeps_its_citation_ids_byte_for_byte(empty_store: Store) -> None:
    """Exported again, the file is the same but for its version (it has no Korean texts,
    which a version 4 file leaves out where there are none)."""
    path = FIXTURES / "dossier-v3.json"
    import_file(empty_store, path)
    exported = export_dossier(empty_store, "fixture")
    written = in_any_order(path.read_text(encoding="utf-8"))
    assert in_any_order(exported) == {**written, "version": FORMAT_VERSION}
    assert citation_ids(empty_store) == {
        ("event:talks", "will meet on 24 April"): "cite:talks-wire",
        ("event:talks", "may not happen"): "cite:talks-blog",
        ("chip:quota", "a quota is on the table"): "cite:quota-wire",
    }


@pytest.mark.parametrize("name", ["dossier-v1.json", "dossier-v2.json", "dossier-v3.json"])
def test_two_databases_taking_in_one_file_agree_on_its_citation_ids(
    empty_store: Store, tmp_path: Path, name: str
) -> None:
    """What lets a later merge of the two pair their citations as it pairs their records."""
    import_file(empty_store, FIXTURES / name)
    other = open_store(tmp_path / "other.sqlite3", seed_sample=False)
    try:
        import_file(other, FIXTURES / name)
        assert citation_ids(other) == citation_ids(empty_store)
    finally:
        other.close()


def test_a_file_before_version_3_gets_ids_derived_from_what_is_cited(empty_store: Store) -> None:
    import_file(empty_store, FIXTURES / "dossier-v1.json")
    talks = derived_citation_uid("event:talks", "src:wire", "will meet on 24 April", "para 1", 0)
    assert citation_ids(empty_store)[("event:talks", "will meet on 24 April")] == talks
    exported = json.loads(export_dossier(empty_store, "fixture"))
    assert exported["version"] == FORMAT_VERSION
    (event,) = (e for e in exported["events"] if e["id"] == "event:talks")
    assert talks in {c["id"] for c in event["citations"]}


def test_one_passage_cited_twice_without_ids_gets_two_ids_that_travel(
    empty_store: Store, tmp_path: Path
) -> None:
    load(empty_store, document(people=[{"id": "p:1", "name": "One", "citations": [cite()] * 2}]))
    with empty_store.session() as session:
        uids = sorted(session.scalars(select(Citation.uid)))
    assert len(set(uids)) == 2
    path = tmp_path / "out.json"
    path.write_text(export_dossier(empty_store, "test"), encoding="utf-8")
    other = open_store(tmp_path / "other.sqlite3", seed_sample=False)
    try:
        import_file(other, path)
        with other.session() as session:
            assert sorted(session.scalars(select(Citation.uid))) == uids
    finally:
        other.close()


def test_a_citation_added_here_gets_a_fresh_id(empty_store: Store) -> None:
    load(empty_store, document(people=[{"id": "p:1", "name": "One", "citations": [cite()]}]))
    with empty_store.session() as session:
        person = session.scalars(select(Record.id).where(Record.uid == "p:1")).one()
        source = session.scalars(select(Record.id).where(Record.uid == "src:good")).one()
        values = {"record_id": person, "source_id": source, "excerpt": "quoted"}
        added = [add_citation(session, values) for _ in range(2)]
        uids = [session.get_one(Citation, i).uid for i in added]
    derived = derived_citation_uid("p:1", "src:good", "quoted", "", 0)
    assert len({*uids, derived}) == 3
    assert all(len(uid) == 32 for uid in uids)


def test_a_citation_id_given_twice_in_a_record_is_refused_with_its_path() -> None:
    doc = document(
        people=[
            {"id": "p:1", "name": "One", "citations": [cite(uid="c:1"), cite(uid="c:1")]},
        ]
    )
    doc["version"] = 3
    with pytest.raises(ImportRefused, match="citation id 'c:1' is used twice") as refused:
        parse(json.dumps(doc, indent=2).encode())
    assert refused.value.where == "people[0].citations[1].id"
    assert refused.value.line is not None


def test_one_citation_id_in_two_records_is_two_citations(empty_store: Store) -> None:
    """Unique within its record: a merge reaches a citation through its record."""
    people = [{"id": f"p:{n}", "name": "One", "citations": [cite(uid="c:1")]} for n in (1, 2)]
    load(empty_store, document(people=people))
    assert citation_ids(empty_store) == {("p:1", "quoted"): "c:1", ("p:2", "quoted"): "c:1"}


def test_repeated_aliases_sectors_and_participants_are_taken_once(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            people=[{"id": "p:1", "name": "One", "aliases": ["Uno", "Eins", "Uno"]}],
            events=[
                {
                    "id": "e:1",
                    "title": "Talks",
                    "start_date": "2025-04-24",
                    "participants": ["p:1", "p:1"],
                }
            ],
            chips=[{"id": "c:1", "title": "Quota", "sectors": ["steel", "steel"], "events": []}],
        ),
    )
    exported = json.loads(export_dossier(empty_store, "test"))
    assert exported["people"][0]["aliases"] == ["Eins", "Uno"]
    assert exported["events"][0]["participants"] == ["p:1"]
    assert exported["chips"][0]["sectors"] == ["steel"]


def test_a_person_listed_twice_on_a_delegation_is_refused(empty_store: Store) -> None:
    """A member carries a role and a head mark: which of two to keep is not ours to guess."""
    doc = document(
        people=[{"id": "p:1", "name": "One"}],
        delegations=[
            {
                "id": "d:1",
                "party": "party:a",
                "members": [{"person": "p:1", "head": True}, {"person": "p:1", "role": "aide"}],
            }
        ],
    )
    with pytest.raises(ImportRefused, match="'p:1' is listed twice among the members") as refused:
        load(empty_store, doc)
    assert refused.value.where == "delegations[0].members[1].person"
    with empty_store.session() as session:
        assert session.scalars(select(Record.id)).first() is None
