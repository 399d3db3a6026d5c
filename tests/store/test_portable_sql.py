"""The store's hand-written SQL says the same on SQLite and on PostgreSQL.

Every test runs on SQLite and on the session's throwaway PostgreSQL server (the
``postgres`` fixture: skipped with its reason where none can be started, failed in CI).
Each works inside a transaction it rolls back, tables and all, on a database of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, event, literal, select, text
from sqlalchemy.orm import Session

from briefing.domain import BargainingChip, ChipSector, Event, FieldLevel, HandlingLevel, Party
from briefing.domain.base import Base
from briefing.domain.date_sql import dated_text
from briefing.domain.dossier import Dossier
from briefing.domain.enums import DatePrecision
from briefing.domain.events import Delegation, DelegationMember, MeetingBrief
from briefing.domain.formats import dated
from briefing.domain.people import Appointment, Organization, Person, office_on
from briefing.domain.portable_sql import (
    folded_position,
    greatest,
    group_concat,
    json_value,
    like_folded,
    spelled,
)
from briefing.domain.registry import BY_NAME, KINDS, model_of
from briefing.domain.sources import Source
from briefing.domain.talking import TalkingPoint
from briefing.store.checks.names import names
from briefing.store.checks.run import find
from briefing.store.lists import listing
from briefing.store.lists.chips import chip_listing, chip_matrix, chip_sectors
from briefing.store.lists.delegations import delegation_groups, teams
from briefing.store.lists.events import chart_events, event_listing, event_titles
from briefing.store.lists.people import person_listing
from briefing.store.lists.sources import source_listing
from briefing.store.lists.summary import counts, summary
from tests.server import Cluster


def _casefold(dbapi_connection: Any, _record: Any) -> None:
    """What the store registers on each SQLite connection (Python's casefold)."""
    dbapi_connection.create_function(
        "casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s
    )


@pytest.fixture
def connection(request: pytest.FixtureRequest, backend: str) -> Iterator[Connection]:
    """The models' tables, created in a transaction rolled back afterwards."""
    server: Cluster | None = None
    if backend == "sqlite":
        engine = create_engine("sqlite://")
        event.listen(engine, "connect", _casefold)
    else:
        server = request.getfixturevalue("postgres")
        url = server.create_database()
        engine = create_engine(url)
    for kind in KINDS:
        model_of(kind)
    try:
        with engine.connect() as conn:
            transaction = conn.begin()
            try:
                Base.metadata.create_all(conn)
                yield conn
            finally:
                transaction.rollback()
    finally:
        engine.dispose()
        if server is not None:
            server.drop_database(url)


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    with Session(bind=connection) as session:
        session.add_all(
            HandlingLevel(rank=rank, name=name, marking=name[0])
            for rank, name in enumerate(("Public", "Internal", "Secret"))
        )
        session.flush()
        yield session


def _dossier(session: Session) -> Dossier:
    dossier = Dossier(slug="d", title="Dossier")
    session.add(dossier)
    session.flush()
    return dossier


def test_event_dates_read_as_the_lists_show_them(session: Session) -> None:
    """Every weekday and month, one- and two-digit days, each precision, with and
    without an end."""
    dossier = _dossier(session)
    precisions = list(DatePrecision)
    start = dt.date(2024, 12, 25)
    for n in range(120):
        day = start + dt.timedelta(days=n * 5)
        end = day + dt.timedelta(days=n % 40) if n % 3 == 0 else None
        session.add(
            Event(
                uid=f"e:{n}",
                dossier=dossier,
                title=f"Event {n}",
                start_date=day,
                end_date=end,
                precision=precisions[n % len(precisions)],
            )
        )
    session.flush()
    rows = session.execute(
        select(
            Event.start_date,
            Event.end_date,
            Event.precision,
            dated_text(Event.start_date, Event.end_date, Event.precision),
            dated_text(Event.start_date, Event.end_date, Event.precision, "ko"),
        )
    ).all()
    assert len(rows) == 120
    for day, end, precision, shown, korean in rows:
        assert shown == dated(day, end, precision)
        assert korean == dated(day, end, precision, "ko")


def test_findings_name_records_as_the_registry_declares(session: Session) -> None:
    """A check's finding names a record by the registry's SQL, at the level of every
    record the name is built from."""
    dossier = _dossier(session)
    party = Party(uid="p", dossier=dossier, name="Korea", code="KR", handling=1)
    talks = Event(uid="e", dossier=dossier, title="Talks", start_date=dt.date(2025, 7, 8))
    records = [
        party,
        talks,
        Delegation(uid="d1", dossier=dossier, party=party, event=talks),
        Delegation(uid="d2", dossier=dossier, party=party),
        Delegation(uid="d3", dossier=dossier, party=party, name="Team Seoul"),
        MeetingBrief(uid="b", dossier=dossier, event=talks, handling=2),
    ]
    point = TalkingPoint(uid="t", dossier=dossier, text="First line\nsecond – línea " + "x" * 80)
    session.add_all([*records, point])
    session.flush()
    found = names(session, [(r.id, r.kind) for r in [*records, point]])
    assert {found[r.id].name for r in records} == {r.display_name for r in records}
    assert found[point.id].name == ("First line second – línea " + "x" * 80)[:80]
    levels = {found[r.id].uid: found[r.id].level for r in [*records, point]}
    assert levels == {"p": 1, "e": 0, "d1": 1, "d2": 1, "d3": 1, "b": 2, "t": 0}


def _chip(session: Session, sectors: list[str]) -> BargainingChip:
    chip = BargainingChip(uid="c", dossier=_dossier(session), title="Tariffs")
    chip.sectors = [ChipSector(name=name) for name in sectors]
    session.add(chip)
    session.flush()
    return chip


def test_a_group_s_values_join_with_their_separator(session: Session) -> None:
    chip = _chip(session, ["Steel", "Ships", "Chips"])
    joined = session.scalar(
        select(group_concat(ChipSector.name, ", ")).where(ChipSector.chip_id == chip.id)
    )
    assert joined is not None
    assert sorted(joined.split(", ")) == ["Chips", "Ships", "Steel"]


def test_the_registry_s_search_texts_run_as_written(session: Session) -> None:
    """The chip's sectors, which search finds it by, through the one aggregate renamed."""
    _chip(session, ["Steel", "Ships"])
    dialect = session.get_bind().dialect.name
    (sectors,) = BY_NAME["bargaining_chip"].search_also
    found = session.scalar(text(f"SELECT {spelled(sectors, dialect)} FROM bargaining_chip AS t"))
    assert found is not None
    assert sorted(found.split(" ")) == ["Ships", "Steel"]


def test_the_chip_list_filters_by_sector_and_party_whatever_the_case(session: Session) -> None:
    chip = _chip(session, ["Steel", "Ships"])
    chip.party = Party(uid="p", dossier=chip.dossier, name="Müller Party", code="MÜ")
    session.flush()
    rows = chip_listing(chip.dossier_id, 2)

    def found(needle: str) -> list[str]:
        request = listing.Request(text=needle)
        return [row.title for row in listing.read(session, rows, request, 0, 10)]

    assert found("tariffs") == ["Tariffs"]
    assert found("mü") == ["Tariffs"]
    assert found("steel") == ["Tariffs"]
    assert found("nothing") == []


def test_text_folds_case_for_a_match(session: Session) -> None:
    word = literal("Müller ADMIN")
    assert session.scalar(select(like_folded(word, "%admin%"))) is True
    assert session.scalar(select(like_folded(word, "%adm_n%"))) is True
    assert session.scalar(select(like_folded(word, "%adm\\_n%"))) is False
    assert session.scalar(select(folded_position(word, "müller"))) == 1
    assert session.scalar(select(folded_position(word, "admin"))) == 8
    assert session.scalar(select(folded_position(word, "x"))) == 0


def test_a_protected_value_reads_as_stored(session: Session) -> None:
    chip = _chip(session, [])
    value = "Walk away below 40 – 四十"
    session.add(FieldLevel(record_id=chip.id, field="our_minimum", value=json.dumps(value)))
    session.flush()
    assert session.scalar(select(json_value(FieldLevel.value))) == value


def test_the_highest_of_several_levels(session: Session) -> None:
    assert session.scalar(select(greatest(literal(1), literal(3), literal(2)))) == 3


def test_the_people_list_shows_each_person_s_office_as_the_book_does(session: Session) -> None:
    """The office held on the day, a former one as "former: TITLE (until DATE)", and the
    organization it was at: the same words :func:`office_on` gives the book."""
    dossier = _dossier(session)
    ministry = Organization(uid="o", dossier=dossier, name="Ministry of Trade")
    day = dt.date(2025, 7, 8)
    people = []
    for n, (start, end) in enumerate(
        [(dt.date(2020, 1, 1), None), (dt.date(2019, 2, 3), dt.date(2024, 11, 9)), (None, None)]
    ):
        person = Person(uid=f"p{n}", dossier=dossier, name=f"Person {n}")
        person.appointments = [
            Appointment(
                uid=f"a{n}",
                dossier=dossier,
                title=f"Minister {n}",
                organization=ministry,
                start=start,
                end=end,
            )
        ]
        people.append(person)
    session.add_all([ministry, *people])
    session.flush()
    rows = listing.read(session, person_listing(dossier.id, 2, day), listing.Request(), 0, 10)
    shown = {row.name: (row.title, row.organization) for row in rows}
    for person in people:
        held = office_on(person.appointments, day)
        assert held is not None
        assert shown[person.name] == (held.label(held.office.title), "Ministry of Trade")
    assert shown["Person 1"][0] == "former: Minister 1 (until 9 Nov 2024)"


def test_a_list_places_empty_values_as_sqlite_does_on_every_backend(session: Session) -> None:
    """Events without an end come first, in id order, sorted up; last sorted down.

    SQLite sorts NULL lowest, PostgreSQL highest: without saying so, lists and the book
    came out in another order on a server.
    """
    dossier = _dossier(session)
    day = dt.date(2025, 7, 8)
    ends = [day + dt.timedelta(days=2), None, day + dt.timedelta(days=1), None]
    events = [
        Event(uid=f"e:{n}", dossier=dossier, title=f"E{n}", start_date=day, end_date=end)
        for n, end in enumerate(ends)
    ]
    session.add_all(events)
    session.flush()
    rows = event_listing(dossier.id, 2)

    def titles(request: listing.Request) -> list[str]:
        return [row.title for row in listing.read(session, rows, request, 0, 10)]

    assert titles(listing.Request()) == ["E1", "E3", "E2", "E0"]
    assert titles(listing.Request(sort=["end"], descending=True)) == ["E0", "E2", "E3", "E1"]
    place = listing.position(session, rows, listing.Request(), events[3].id)
    assert place == 1


def test_every_list_reads_filters_and_sorts(session: Session) -> None:
    """Each page's list, counted, filtered (ASCII and not) and sorted by every column,
    the overview, the chip matrix, the delegations' teams and the checks, on a small
    dossier."""
    dossier = _dossier(session)
    party = Party(uid="p", dossier=dossier, name="Korea", code="KR")
    talks = Event(uid="e", dossier=dossier, title="Talks", start_date=dt.date(2025, 7, 8))
    person = Person(uid="pp", dossier=dossier, name="Müller")
    person.appointments = [Appointment(uid="a", dossier=dossier, title="Envoy", start=None)]
    chip = BargainingChip(uid="c", dossier=dossier, title="Tariffs", party=party)
    chip.sectors = [ChipSector(name="Steel")]
    delegation = Delegation(uid="d", dossier=dossier, party=party, event=talks)
    delegation.members = [DelegationMember(person=person)]
    source = Source(uid="s", dossier=dossier, title="Gazette", published_on=dt.date(2025, 1, 2))
    session.add_all([party, talks, person, chip, delegation, source])
    session.flush()
    day = dt.date(2025, 7, 8)
    lists: list[listing.Listing[Any]] = [
        event_listing(dossier.id, 2),
        person_listing(dossier.id, 2, day),
        chip_listing(dossier.id, 2),
        source_listing(dossier.id, 2),
        delegation_groups(dossier.id, 2),
    ]
    for each in lists:
        assert listing.count(session, each, listing.Request()) >= 1
        for needle in ("a", "mü", "x" * 2000):
            listing.count(session, each, listing.Request(text=needle))
        for name in each.text:
            request = listing.Request(sort=(name,), descending=True)
            assert listing.read(session, each, request, 0, 5)
    assert found_in(listing.read(session, lists[1], listing.Request(text="MÜL"), 0, 5)) == [
        "Müller"
    ]
    assert chip_sectors(session, dossier.id, 2) == ["Steel"]
    assert chip_matrix(session, dossier.id, 2, 3)
    assert teams(session, dossier.id, 2, talks.id, day)
    assert counts(session, dossier.id, 2)["event"] == 1
    summary(session, dossier.id, 2, day, upcoming=3, recent=3)
    chart_events(session, dossier.id, 2)
    assert event_titles(session, dossier.id, 2, [talks.id]) == {talks.id: "Talks"}
    findings = [f for batch in find(session, dossier, level=2, today=day) for f in batch]
    assert findings


def found_in(rows: list[Any]) -> list[str]:
    return [row.name for row in rows]
