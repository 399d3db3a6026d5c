"""The sample dossier: what the five articles say, each fact with its citation."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from briefing.domain import (
    Appointment,
    BargainingChip,
    Citation,
    Delegation,
    Event,
    Person,
    Record,
    Source,
    is_disputed,
)
from briefing.domain.enums import EventKind, Stance
from briefing.store.db.database import Store
from briefing.store.search.querying import search


def _by_uid(store: Store, model: type[Record], uid: str) -> Record:
    with store.session() as session:
        return session.scalars(select(model).where(model.uid == uid)).one()


def test_every_article_is_a_graded_source_with_its_full_text(store: Store) -> None:
    with store.session() as session:
        sources = session.scalars(select(Source).order_by(Source.id)).all()
        articles = [s for s in sources if s.full_text]
        assert len(articles) >= 5
        assert all(s.reliability and s.notes for s in sources)
        assert any("Liam Carter" in s.author for s in articles)


STAFF_PLANNING = "(staff planning)"
"""How the sample titles the programme entries its staff planned: the seeds state no hotel,
transfer or return flight, so these are cited to nothing and the checks list them."""


def test_every_record_is_cited_with_a_verbatim_short_excerpt(store: Store) -> None:
    with store.session() as session:
        uncited = set()
        for record in session.scalars(select(Record).where(Record.kind != "source")):
            planned = record.display_name.endswith(STAFF_PLANNING)
            assert bool(record.citations) != planned, f"{record.uid}: cited {record.citations}"
            if planned:
                uncited.add(record.uid)
        assert len(uncited) == 3  # a hotel, a transfer and the return flight
        for citation in session.scalars(select(Citation)):
            assert citation.excerpt in citation.source.full_text or not citation.source.full_text
            assert len(citation.excerpt.split()) <= 30


@pytest.mark.parametrize(
    ("name", "native", "alias"),
    [
        ("Ahn Duk-geun", "안덕근", "An Deok-geun"),
        ("Choi Sang-mok", "최상목", "Choi Sang-hyun"),
        ("Scott Bessent", "", None),
        ("Jamieson Greer", "", None),
    ],
)
def test_people_with_native_names_and_spelling_variants(
    store: Store, name: str, native: str, alias: str | None
) -> None:
    with store.session() as session:
        person = session.scalars(select(Person).where(Person.name == name)).one()
        assert person.native_name == native
        assert person.appointments, f"{name} has no dated office"
        if alias:
            assert alias in [a.name for a in person.aliases]
            hits = search(session, alias, dossier_id=person.dossier_id, level=99)
            assert hits[0].record_id == person.id


def test_key_events_are_there_with_their_dates_and_precision(store: Store) -> None:
    with store.session() as session:
        events = {e.uid: e for e in session.scalars(select(Event))}
    two_plus_two = events["event:2025-04-24-two-plus-two"]
    assert two_plus_two.start_date == dt.date(2025, 4, 24)
    assert "Washington" in two_plus_two.place
    assert events["event:2025-03-15-washington-trade-meeting"].start_date == dt.date(2025, 3, 15)
    assert events["event:2025-06-03-presidential-election"].event_kind == EventKind.ELECTION
    deadline = events["event:2025-07-08-tariff-pause-ends"]
    assert (deadline.event_kind, deadline.start_date) == (EventKind.DEADLINE, dt.date(2025, 7, 8))
    assert events["event:2025-04-28-technical-talks"].precision.value == "week"
    assert "Jeju" in events["event:2025-05-apec-trade-ministers-jeju"].title


def test_both_delegations_of_the_april_24_meeting(store: Store) -> None:
    with store.session() as session:
        delegations = session.scalars(select(Delegation)).all()
        heads = {
            d.party.code: [m.person.name for m in d.members]
            for d in delegations
            if d.event and d.event.uid == "event:2025-04-24-two-plus-two"
        }
    assert heads["KR"][:2] == ["Choi Sang-mok", "Ahn Duk-geun"]
    assert heads["US"][:2] == ["Scott Bessent", "Jamieson Greer"]


def test_chips_include_the_named_items_and_the_lng_value(store: Store) -> None:
    with store.session() as session:
        chips = {c.uid: c for c in session.scalars(select(BargainingChip))}
        titles = " | ".join(c.title for c in chips.values()).lower()
        for word in ("shipbuilding", "alaska", "defence", "currency", "jones act", "investment"):
            assert word in titles
        lng = chips["chip:alaska-lng"]
        assert (lng.value_amount, lng.value_currency) == (44_000_000_000, "USD")
        sectors = set(chips["chip:sector-tariff-exemptions"].sector_names)
        assert {"automobiles", "steel", "electric vehicles", "ship components"} <= sectors
        defence = chips["chip:defence-cost-sharing"]
        assert {c.stance for c in defence.citations} >= {Stance.SUPPORTS, Stance.DISPUTES}
        assert is_disputed(defence.citations)


def test_offices_are_dated_so_the_march_meeting_can_be_checked(store: Store) -> None:
    tai = _by_uid(store, Person, "person:katherine-tai")
    with store.session() as session:
        offices = session.scalars(select(Appointment).where(Appointment.person_id == tai.id)).all()
        assert all(a.end is not None and a.end < dt.date(2025, 3, 15) for a in offices)


def test_handling_levels_are_all_used(store: Store) -> None:
    with store.session() as session:
        used = set(session.scalars(select(Record.handling).distinct()))
    assert used == {0, 1, 2, 3}
