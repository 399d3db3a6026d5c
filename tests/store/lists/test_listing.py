"""Lists read a page at a time: counts, filters, sorts and positions computed by the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from briefing.domain import BargainingChip, Citation, Dossier
from briefing.domain.enums import ChipStatus
from briefing.domain.fields import GROUPS
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.lists import listing
from briefing.store.lists.chips import chip_conditions, chip_listing, chip_sectors
from briefing.store.lists.delegations import teams
from briefing.store.lists.events import chart_events, event_listing, event_titles
from briefing.store.lists.listing import Request
from briefing.store.lists.people import person_listing
from briefing.store.lists.sources import source_listing
from briefing.store.visibility import EVERYTHING, set_field_level
from tests.builders import cite, document, load

ON = dt.date(2025, 6, 1)
NAMES = ["Müller", "Zhang 100% Wei", "Ahn_Duk", "Ahn Duk-geun", "Kim Min-ji", "조현", "Bessent"]


def _person(number: int, name: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"p:{number}", "name": name, "citations": [cite()], **extra}


@pytest.fixture
def dossier(empty_store: Store) -> int:
    people = [
        _person(n, name, party="party:a" if n % 2 else "party:b") for n, name in enumerate(NAMES)
    ]
    people.append(_person(99, "Secret Envoy", handling="Restricted"))
    appointments = [
        {
            "id": "a:old",
            "person": "p:0",
            "title": "Former post",
            "start": "2019-01-01",
            "end": "2024-12-31",
            "citations": [cite()],
        },
        {
            "id": "a:now",
            "person": "p:0",
            "title": "Ambassador",
            "start": "2025-01-01",
            "citations": [cite()],
        },
        {
            "id": "a:next",
            "person": "p:1",
            "title": "Envoy designate",
            "start": "2026-01-01",
            "citations": [cite()],
        },
        {
            "id": "a:hidden",
            "person": "p:6",
            "title": "Treasury Secretary",
            "start": "2025-01-20",
            "handling": "Restricted",
            "citations": [cite()],
        },
    ]
    load(empty_store, document(people=people, appointments=appointments))
    with empty_store.session() as session:
        return session.scalars(select(Dossier.id)).one()


def _names(store: Store, dossier_id: int, request: Request, level: int = EVERYTHING) -> list[str]:
    people = person_listing(dossier_id, level, ON)
    with store.session() as session:
        total = listing.count(session, people, request)
        rows = listing.read(session, people, request, 0, 100)
    assert total == len(rows)
    return [row.name for row in rows]


def test_natural_order_and_paging(empty_store: Store, dossier: int) -> None:
    people = person_listing(dossier, EVERYTHING, ON)
    everyone = sorted([*NAMES, "Secret Envoy"])
    with empty_store.session() as session:
        assert listing.count(session, people, Request()) == len(everyone)
        pages = [listing.read(session, people, Request(), start, 3) for start in (0, 3, 6)]
    assert [row.name for page in pages for row in page] == everyone


def test_filter_is_a_case_insensitive_substring_with_no_pattern_characters(
    empty_store: Store, dossier: int
) -> None:
    assert _names(empty_store, dossier, Request(text="MÜLLER")) == ["Müller"]
    assert _names(empty_store, dossier, Request(text="müll")) == ["Müller"]
    assert _names(empty_store, dossier, Request(text="100%")) == ["Zhang 100% Wei"]
    assert _names(empty_store, dossier, Request(text="%")) == ["Zhang 100% Wei"]
    assert _names(empty_store, dossier, Request(text="ahn_")) == ["Ahn_Duk"]
    assert _names(empty_store, dossier, Request(text="조")) == ["조현"]
    assert _names(empty_store, dossier, Request(text="ambassador")) == ["Müller"]
    assert _names(empty_store, dossier, Request(text="nobody")) == []


def test_sort_descending_and_position_follow_the_request(empty_store: Store, dossier: int) -> None:
    request = Request(sort=("name",), descending=True)
    names = _names(empty_store, dossier, request)
    assert names == sorted(names, reverse=True)
    people = person_listing(dossier, EVERYTHING, ON)
    with empty_store.session() as session:
        rows = listing.read(session, people, request, 0, 100)
        for number, row in enumerate(rows):
            assert listing.position(session, people, request, row.id) == number
        filtered = Request(text="ahn")
        assert listing.position(session, people, filtered, rows[0].id) == -1


def test_offices_are_the_ones_held_on_the_day_and_seen_by_the_audience(
    empty_store: Store, dossier: int
) -> None:
    def titles(level: int) -> dict[str, str]:
        people = person_listing(dossier, level, ON)
        with empty_store.session() as session:
            return {r.name: r.title for r in listing.read(session, people, Request(), 0, 100)}

    everyone = titles(EVERYTHING)
    assert everyone["Müller"] == "Ambassador"  # covering the day, not the earlier post
    assert everyone["Zhang 100% Wei"] == ""  # an office still to come is none yet
    assert everyone["Bessent"] == "Treasury Secretary"
    public = titles(0)
    assert "Secret Envoy" not in public
    assert public["Bessent"] == ""  # the restricted office is not shown, nor its text found
    assert _names(empty_store, dossier, Request(text="treasury"), level=0) == []


def test_sorting_by_organization_reads_the_offices_the_page_shows(empty_store: Store) -> None:
    """Sorted or filtered, the list ranks every person's office at once (a join, not a
    subquery per row): its order and its filter must follow the title and organization the
    page shows, hidden ones included (a restricted organization reads and sorts as none)."""
    people = [_person(n, name) for n, name in enumerate(["Ahn", "Bae", "Choi", "Do"])]
    appointments = [
        {"id": "a:0", "person": "p:0", "title": "Envoy", "organization": "o:z"},
        {"id": "a:1", "person": "p:1", "title": "Minister", "organization": "o:secret"},
        {"id": "a:2", "person": "p:2", "title": "Old post", "end": "2020-01-01"},
        {"id": "a:2b", "person": "p:2", "title": "Adviser", "organization": "o:m"},
    ]
    organizations = [
        {"id": "o:z", "name": "Zeta office"},
        {"id": "o:m", "name": "Mid office"},
        {"id": "o:secret", "name": "Aardvark unit", "handling": "Restricted"},
    ]
    load(
        empty_store,
        document(
            people=people,
            organizations=organizations,
            appointments=[{**a, "citations": [cite()]} for a in appointments],
        ),
    )
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()

    def shown(level: int, request: Request) -> list[tuple[str, str, str]]:
        listed = person_listing(dossier_id, level, ON)
        with empty_store.session() as session:
            rows = listing.read(session, listed, request, 0, 9)
            assert listing.count(session, listed, request) == len(rows)
        return [(r.name, r.title, r.organization) for r in rows]

    by_organization = Request(sort=("organization",))
    assert shown(EVERYTHING, by_organization) == [
        ("Do", "", ""),
        ("Bae", "Minister", "Aardvark unit"),
        ("Choi", "Adviser", "Mid office"),
        ("Ahn", "Envoy", "Zeta office"),
    ]
    assert shown(0, by_organization) == [
        ("Bae", "Minister", ""),
        ("Do", "", ""),
        ("Choi", "Adviser", "Mid office"),
        ("Ahn", "Envoy", "Zeta office"),
    ]
    assert shown(0, Request(text="aardvark")) == []
    assert [name for name, *_ in shown(0, Request(sort=("title",), descending=True))] == [
        "Bae",
        "Ahn",
        "Choi",
        "Do",
    ]


def test_a_former_office_reads_and_is_found_by_its_date_as_shown(empty_store: Store) -> None:
    """The People list's title says "(until 31 Dec 2024)", as the book and the details do,
    and its filter finds the row by those words, not by the ISO date the database holds."""
    appointment = {
        "id": "a:old",
        "person": "p:0",
        "title": "Envoy",
        "start": "2019-01-01",
        "end": "2024-12-31",
        "citations": [cite()],
    }
    load(empty_store, document(people=[_person(0, "Kim Min-ji")], appointments=[appointment]))
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        people = person_listing(dossier_id, EVERYTHING, ON)

        def found(text: str) -> list[str]:
            return [r.title for r in listing.read(session, people, Request(text=text), 0, 9)]

        assert found("") == ["former: Envoy (until 31 Dec 2024)"]
        assert found("31 dec 2024") == found("") and found("2024-12-31") == []


def test_chip_conditions_filter_in_sql(empty_store: Store) -> None:
    chips = [
        {
            "id": f"c:{n}",
            "title": f"Chip {n}",
            "party": "party:a",
            "kind": "offer",
            "status": status,
            "sectors": sectors,
            "citations": [cite()],
        }
        for n, (status, sectors) in enumerate(
            [("floated", ["steel"]), ("agreed", ["steel", "autos"]), ("agreed", ["chips"])]
        )
    ]
    load(empty_store, document(chips=chips))
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        chip_list = chip_listing(dossier_id, EVERYTHING)

        def titles(**choice: Any) -> list[str]:
            conditions = chip_conditions(
                choice.get("sector"), choice.get("status"), choice.get("likelihood")
            )
            rows = listing.read(session, chip_list, Request(conditions=conditions), 0, 10)
            return [r.title for r in rows]

        assert titles(sector="steel") == ["Chip 0", "Chip 1"]
        assert titles(sector="steel", status=ChipStatus.AGREED) == ["Chip 1"]
        assert titles(status=ChipStatus.AGREED) == ["Chip 1", "Chip 2"]
        assert chip_sectors(session, dossier_id, EVERYTHING) == ["autos", "chips", "steel"]


def test_a_chips_sectors_read_in_the_order_given(empty_store: Store) -> None:
    """The list shows a chip's sectors as they were entered, whatever their text (read
    with the row, as a list: a comma or a quote in a name does not split it)."""
    given = ["steel", 'Autos, "parts"', "chips", "ä 조"]
    chips = [
        {"id": "c:0", "title": "Chip 0", "party": "party:a", "kind": "offer", "sectors": given},
        {"id": "c:1", "title": "Chip 1", "party": "party:a", "kind": "offer"},
    ]
    load(empty_store, document(chips=[{**c, "citations": [cite()]} for c in chips]))
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        rows = listing.read(session, chip_listing(dossier_id, EVERYTHING), Request(), 0, 10)
    assert [r.sectors for r in rows] == [tuple(given), ()]


@pytest.mark.parametrize("level", [0, 2, EVERYTHING])
def test_the_chart_and_the_event_list_name_the_same_sides(store: Store, level: int) -> None:
    """The chart gathers sides in one grouped query, the list per row: they must agree.

    So must the events themselves (the chart's columns of codes and day numbers), and the
    titles the chart reads by id: asked for every event, it gets only the audience's.
    """
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        chart = chart_events(session, dossier_id, level)
        every_id = chart_events(session, dossier_id, EVERYTHING).ids
        titles = event_titles(session, dossier_id, level, every_id)
        events = event_listing(dossier_id, level)
        listed = listing.read(session, events, Request(), 0, 1000)
    charted = {
        chart.ids[n]: (
            chart.sides[chart.side[n]],
            dt.date.fromordinal(chart.first[n]),
            dt.date.fromordinal(chart.last[n]),
            chart.KINDS[chart.kind[n]],
            chart.STATUSES[chart.status[n]],
            chart.PRECISIONS[chart.precision[n]],
        )
        for n in range(len(chart))
    }
    assert charted == {
        e.id: (e.party, e.start, e.end, e.kind, e.status, e.precision) for e in listed
    }
    assert list(chart.first) == sorted(chart.first)
    assert titles == {e.id: e.title for e in listed}
    if level == EVERYTHING:
        assert {"KR", "US", "Joint"} <= set(chart.sides)
    if level == 0:
        assert 0 < len(chart) < len(every_id)  # the titles above were asked for every event


def test_imports_and_openings_give_the_planner_statistics(tmp_path: Path) -> None:
    """Without ANALYZE, SQLite reads every record to count a list of one kind.

    A SQLite file's own statistics table, on every backend setting: a server's counterpart
    is ``test_an_import_gives_the_server_s_planner_statistics``.
    """

    def has_statistics(store: Store) -> bool:
        with store.engine.connect() as connection:
            found = connection.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).scalar_one()
            return bool(found) and bool(
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_stat1").scalar_one()
            )

    path = tmp_path / "statistics.sqlite3"
    store = open_store(path, seed_sample=False)
    load(store, document(people=[_person(1, "Solo")]))
    assert has_statistics(store)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE sqlite_stat1")
    store.close()
    reopened = open_store(path, seed_sample=False)
    try:
        assert has_statistics(reopened)
    finally:
        reopened.close()


def test_a_team_never_names_a_party_the_audience_may_not_see(empty_store: Store) -> None:
    doc = document(
        people=[_person(1, "Envoy One", party="party:a")],
        events=[
            {
                "id": "e:1",
                "title": "Talks",
                "kind": "meeting",
                "start_date": "2025-05-01",
                "citations": [cite()],
            }
        ],
        delegations=[
            {
                "id": "d:1",
                "event": "e:1",
                "party": "party:b",
                "members": [{"person": "p:1", "role": "Observer"}],
                "citations": [cite()],
            }
        ],
    )
    doc["parties"][1]["handling"] = "Restricted"
    load(empty_store, doc)
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        event_id = event_listing(dossier_id, 0)
        talks = listing.read(session, event_id, Request(), 0, 10)[0].id
        everyone = teams(session, dossier_id, EVERYTHING, talks, ON)
        public = teams(session, dossier_id, 0, talks, ON)
    assert [t.party for t in everyone] == ["Beta (B)"]
    # A team is labelled by its party, so it is raised to the party's level on import.
    assert public == []
    assert "Beta" not in repr(public)


def _chip(uid: str, amount: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": uid,
        "title": f"Chip {uid}",
        "party": "party:a",
        "handling": "Internal",
        "priority": 3,
        "value": {"amount": amount, "currency": "USD"},
        **extra,
    }


def _values(store: Store, level: int, request: Request) -> list[tuple[str, str, int]]:
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        rows = listing.read(session, chip_listing(dossier_id, level), request, 0, 10)
    return [(r.title, r.value, r.value_level) for r in rows]


def test_a_chips_protected_value_is_listed_sorted_and_marked_only_at_its_level(
    empty_store: Store,
) -> None:
    load(empty_store, document(chips=[_chip("c:1", 900_000), _chip("c:2", 5)]))
    with empty_store.session() as session:
        for chip in session.scalars(select(BargainingChip)):
            for name in GROUPS["value_amount"]:
                set_field_level(chip, name, 3)
    by_value = Request(sort=("value_amount",))
    assert _values(empty_store, 3, by_value) == [
        ("Chip c:2", "$5", 3),
        ("Chip c:1", "$900,000", 3),
    ]
    # Below it the value is absent, and sorting by it orders the chips as if it were not
    # there (by their key), in both directions, so the order tells nothing either.
    assert _values(empty_store, 2, by_value) == [("Chip c:1", "", 1), ("Chip c:2", "", 1)]
    descending = Request(sort=("value_amount",), descending=True)
    assert _values(empty_store, 2, descending) == [("Chip c:2", "", 1), ("Chip c:1", "", 1)]


def test_citations_count_and_dispute_by_their_own_level(empty_store: Store) -> None:
    disputing = cite(stance="disputes")
    load(empty_store, document(chips=[{**_chip("c:1", 1), "citations": [cite(), disputing]}]))
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        session.scalars(select(Citation).where(Citation.stance == "disputes")).one().handling = 3

    def seen(level: int) -> tuple[bool, int]:
        with empty_store.session() as session:
            chips = listing.read(session, chip_listing(dossier_id, level), Request(), 0, 9)
            sources = listing.read(session, source_listing(dossier_id, level), Request(), 0, 9)
        return chips[0].disputed, sources[0].citations

    assert seen(3) == (True, 2)
    assert seen(2) == (False, 1)


def test_a_team_reads_in_the_language_asked_for(empty_store: Store) -> None:
    """The Korean window's delegations tree: the head marked "(수석)", and an office
    that had ended by the event "전 … (…까지)", as a Korean book writes them."""
    doc = document(
        people=[_person(1, "Envoy One", party="party:a")],
        appointments=[
            {
                "id": "a:1",
                "person": "p:1",
                "title": "Ambassador",
                "start": "2020-01-01",
                "end": "2024-03-02",
                "citations": [cite()],
            }
        ],
        events=[
            {
                "id": "e:1",
                "title": "Talks",
                "kind": "meeting",
                "start_date": "2025-05-01",
                "citations": [cite()],
            }
        ],
        delegations=[
            {
                "id": "d:1",
                "event": "e:1",
                "party": "party:a",
                "members": [{"person": "p:1", "role": "Envoy", "head": True}],
                "citations": [cite()],
            }
        ],
    )
    load(empty_store, doc)
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        talks = listing.read(session, event_listing(dossier_id, 9), Request(), 0, 10)[0].id
        (english,) = teams(session, dossier_id, EVERYTHING, talks, ON)
        (korean,) = teams(session, dossier_id, EVERYTHING, talks, ON, "ko")
    assert (english.members[0].role, english.members[0].title) == (
        "Envoy (head)",
        "former: Ambassador (until 2 Mar 2024)",
    )
    assert (korean.members[0].role, korean.members[0].title) == (
        "Envoy (수석)",
        "전 Ambassador (2024년 3월 2일까지)",
    )
