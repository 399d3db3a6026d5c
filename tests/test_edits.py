"""Edits that can be undone exactly: deletes with their cascades, field changes, creation."""

from __future__ import annotations

from sqlalchemy import select

from briefing.domain import Appointment, Dossier, Event, Person, TalkingPoint
from briefing.store.database import Store
from briefing.store.edits import (
    change_record,
    create_record,
    delete_record,
    preview_delete,
    restore,
)
from briefing.store.exchange import export_dossier
from briefing.store.search import search
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
    assert export_dossier(empty_store, "test") == before
    with empty_store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        assert [h.record_id for h in search(session, "Deok", dossier_id=dossier.id, level=9)] == [
            ahn
        ]


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
