"""The office a person held on a date: one rule, asked by every list, card and check.

The rule lives in :mod:`briefing.domain.people` twice, as Python over objects and as SQL
for the lists; a property test holds the two to each other, and the sample's people are
read through the list, the delegations, the book's data and the checks to see that they
all say the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    literal,
    select,
)

from briefing.book import BookOptions
from briefing.book.load import load_book
from briefing.domain.date_sql import date_text
from briefing.domain.formats import fmt_date
from briefing.domain.people import Held, office_on, office_ranking, office_title
from briefing.store.checks.run import run_checks
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.lists import delegations, people
from briefing.store.lists.listing import Request, read
from briefing.store.visibility import EVERYTHING

AS_OF = dt.date(2025, 5, 1)
EXPECTED = {
    "Katherine Tai": "former: United States Trade Representative (until 20 Jan 2025)",
    "Jamieson Greer": "United States Trade Representative",
    "Joe Biden": "former: President of the United States (until 20 Jan 2025)",
    "Yoo Myung-hee": (
        "former: Minister for Trade, Ministry of Trade, Industry and Energy (until 6 Aug 2021)"
    ),
}
"""The sample's people on its reference date: two who had left office in 2025, one long
gone, and the one who held the office then."""


@dataclass(frozen=True)
class Office:
    id: int
    title: str
    start: dt.date | None
    end: dt.date | None


def _day(n: int) -> dt.date:
    return dt.date(2025, 1, 1) + dt.timedelta(days=n)


def test_the_office_covering_the_day_is_current() -> None:
    held = office_on([Office(1, "Minister", _day(0), None)], _day(5))
    assert held is not None and held.current and held.label("Minister") == "Minister"


def test_of_two_covering_offices_the_later_begun_is_chosen() -> None:
    offices = [Office(1, "Minister", _day(0), _day(30)), Office(2, "Acting", _day(10), _day(20))]
    held = office_on(offices, _day(15))
    assert held is not None and held.office.title == "Acting" and held.current


def test_an_ended_office_reads_as_former_with_its_end() -> None:
    offices = [
        Office(1, "Envoy", _day(0), _day(3)),
        Office(2, "Trade Representative", None, _day(9)),
    ]
    held = office_on(offices, _day(20))
    assert held == Held(offices[1], current=False)
    assert held.label("USTR") == "former: USTR (until 10 Jan 2025)"
    assert held.label("USTR", "ko") == "전 USTR (2025년 1월 10일까지)"


def test_an_office_still_to_come_is_none() -> None:
    assert office_on([Office(1, "Nominee", _day(10), None)], _day(5)) is None
    assert office_on([], _day(5)) is None


_META = MetaData()
_OFFICES = Table(
    "office",
    _META,
    Column("id", Integer, primary_key=True),
    Column("title", String),
    Column("start", Date),
    Column("end", Date),
)
_ENGINE = create_engine("sqlite://")
_META.create_all(_ENGINE)

_days = st.one_of(st.none(), st.integers(0, 12).map(_day))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    spans=st.lists(st.tuples(_days, _days), max_size=6),
    day=st.integers(0, 12).map(_day),
)
def test_the_lists_sql_chooses_what_python_chooses(
    spans: list[tuple[dt.date | None, dt.date | None]], day: dt.date
) -> None:
    """Over any offices (overlapping, open at either end, equal dates), the People list's
    SQL and the cards' Python pick the same office and word it the same way."""
    offices = [Office(n, f"Office {n}", start, end) for n, (start, end) in enumerate(spans, 1)]
    # As ``Person.appointments`` gives them: by start (unknown first), then id.
    ordered = sorted(offices, key=lambda o: (o.start is not None, o.start or dt.date.min, o.id))
    held = office_on(ordered, day)
    with _ENGINE.begin() as connection:
        connection.execute(_OFFICES.delete())
        if offices:
            connection.execute(
                insert(_OFFICES),
                [{"id": o.id, "title": o.title, "start": o.start, "end": o.end} for o in offices],
            )
        c = _OFFICES.c
        started, order = office_ranking(c.start, c.end, c.id, day)
        row = connection.execute(
            select(c.id, office_title(c.title, c.end, day), office_title(c.title, c.end, day, "ko"))
            .where(started)
            .order_by(*order)
            .limit(1)
        ).first()
    if held is None:
        assert row is None
    else:
        assert row is not None
        assert (row.id, row[1]) == (held.office.id, held.label(held.office.title))
        assert row[2] == held.label(held.office.title, "ko")


@settings(max_examples=300, derandomize=True, deadline=None)
@given(day=st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)))
def test_the_lists_sql_writes_a_date_as_the_formatter_does(day: dt.date) -> None:
    """The People list builds "(until 20 Jan 2025)" in SQL, to sort and filter by what it
    shows; the book, the details and the delegations write it in Python."""
    with _ENGINE.begin() as connection:
        written, korean = connection.execute(
            select(date_text(literal(day, Date)), date_text(literal(day, Date), "ko"))
        ).one()
    assert written == fmt_date(day)
    assert korean == fmt_date(day, "ko")


def test_list_delegations_book_and_checks_agree_on_the_samples_people(store: Store) -> None:
    """Katherine Tai was "United States Trade Representative" in the People list while the
    delegations said "no office on this date": every reader now gives one answer."""
    with store.session() as session:
        dossier = find_dossier(session, None)
        assert dossier.reference_date(dt.date(2026, 12, 5)) == AS_OF  # opened long after
        listing = people.person_listing(dossier.id, EVERYTHING, AS_OF)
        listed = {r.name: r.title for r in read(session, listing, Request(), 0, 100)}
        book = load_book(session, None, BookOptions(audience=3, today=dt.date(2026, 12, 5)))
        events = {e.title: e.id for e in book.events}
        teamed: dict[str, str] = {}
        for event_id in events.values():
            for team in delegations.teams(session, dossier.id, EVERYTHING, event_id, AS_OF):
                teamed.update((m.name, m.title) for m in team.members)
        findings = run_checks(session, dossier, level=EVERYTHING)
    assert book.today == AS_OF
    carded = {}
    for person in book.people:
        held = person.office_on(book.today)
        carded[person.name] = held.label(held.office.title) if held else ""
    out_of_office = " ".join(f.message for f in findings if f.check == "out-of-office")
    for name, expected in EXPECTED.items():
        assert listed[name] == expected, name
        assert carded[name] == expected, name
        if name in teamed:  # at an event, on its own date, the same office held
            assert teamed[name] == expected, name
        placed_then = f"{name} is placed at this event"
        former = expected.startswith("former")
        assert (placed_then in out_of_office) == (former and name in teamed), name
    assert set(teamed) >= {"Katherine Tai", "Jamieson Greer", "Yoo Myung-hee"}
    # A finding writes each of its dates as ISO, the list in words: the same office, same end.
    assert "that day: former: United States Trade Representative (until 2025-01-20)" in (
        out_of_office
    )
