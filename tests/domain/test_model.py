"""The domain model's rules, as the database enforces them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError

from briefing.domain import Appointment, Citation, Dossier, Event, Person, Source, is_disputed
from briefing.domain.enums import EventKind, Stance
from briefing.domain.people import office_on
from briefing.store.db.database import Store
from tests.builders import cite, document, load


def test_enums_are_stored_by_value(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            events=[{"id": "e", "title": "E", "start_date": "2025-01-01", "kind": "deadline"}]
        ),
    )
    with empty_store.engine.connect() as connection:
        raw = connection.exec_driver_sql("SELECT event_kind FROM event").scalar()
    assert raw == "deadline"
    with empty_store.session() as session:
        assert session.scalars(select(Event)).one().event_kind is EventKind.DEADLINE


def test_credibility_outside_1_to_6_is_refused(empty_store: Store) -> None:
    load(empty_store, document(people=[{"id": "p", "name": "P", "citations": [cite()]}]))
    with pytest.raises(IntegrityError), empty_store.session() as session:
        citation = session.scalars(select(Citation)).one()
        citation.credibility = 7


def test_unknown_enum_value_is_refused(empty_store: Store) -> None:
    load(empty_store, document())
    with pytest.raises(StatementError), empty_store.session() as session:
        source = session.scalars(select(Source)).one()
        session.execute(
            Source.__table__.update().where(Source.id == source.id).values(reliability="Z")
        )


def test_uid_is_unique_within_a_dossier_only(empty_store: Store) -> None:
    load(empty_store, document("one"))
    load(empty_store, document("two"))
    with empty_store.session() as session:
        assert len(session.scalars(select(Source).where(Source.uid == "src:good")).all()) == 2
    with pytest.raises(IntegrityError), empty_store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == "one")).one()
        session.add(Source(uid="src:good", dossier=dossier, title="again"))


def test_foreign_keys_are_enforced(empty_store: Store) -> None:
    load(empty_store, document(people=[{"id": "p", "name": "P"}]))
    with pytest.raises(IntegrityError), empty_store.session() as session:
        person = session.scalars(select(Person)).one()
        session.add(Citation(record_id=person.id, source_id=999_999))


def test_deleting_a_dossier_removes_its_records(empty_store: Store) -> None:
    load(empty_store, document(people=[{"id": "p", "name": "P", "citations": [cite()]}]))
    with empty_store.session() as session:
        session.delete(session.scalars(select(Dossier)).one())
    with empty_store.session() as session:
        assert session.scalars(select(Person)).all() == []
        assert session.scalars(select(Citation)).all() == []


def test_an_appointment_is_held_over_its_span() -> None:
    office = Appointment(title="Minister", start=dt.date(2024, 1, 3), end=dt.date(2025, 5, 1))
    held = office_on([office], dt.date(2025, 4, 24))
    assert held is not None and held.current
    assert office_on([office], dt.date(2023, 12, 31)) is None
    after = office_on([office], dt.date(2025, 5, 2))
    assert after is not None and not after.current
    still = office_on([Appointment(title="Open", start=dt.date(2020, 1, 1))], dt.date(2030, 1, 1))
    assert still is not None and still.current


def test_disputed_needs_both_stances(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            people=[
                {"id": "p:one", "name": "One", "citations": [cite(), cite(stance="disputes")]},
                {"id": "p:two", "name": "Two", "citations": [cite(), cite(stance="mentions")]},
            ]
        ),
    )
    with empty_store.session() as session:
        people = {p.uid: p for p in session.scalars(select(Person))}
        assert is_disputed(people["p:one"].citations)
        assert not is_disputed(people["p:two"].citations)
        assert {c.stance for c in people["p:one"].citations} == {Stance.SUPPORTS, Stance.DISPUTES}
