"""A travel office's .ics taken in: matched by UID on every import, refused whole when bad."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from briefing.domain import Event
from briefing.store.calendar.reading import CalendarRefused, Imported, import_events
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.export import export_dossier
from tests.builders import document, load

RESTRICTED = 3


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20250401T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Travel office//EN\r\n{body}END:VCALENDAR\r\n"
    ).encode()


MEETING = (
    "UID:meeting-1@travel.example\r\n"
    "SUMMARY:2+2 consultations\r\n"
    "LOCATION:Treasury\\, Washington\r\n"
    "DTSTART;TZID=Eastern Standard Time:20250424T100000\r\n"
    "DTEND;TZID=Eastern Standard Time:20250424T113000\r\n"
)
FLIGHT = (
    "UID:flight-1@travel.example\r\nSUMMARY:KE093 Incheon–Dulles\r\n"
    "DTSTART:20250422T010000Z\r\nDTEND:20250422T150000Z\r\n"
)
ALL_DAY = (
    "UID:free-1@travel.example\r\nSUMMARY:Free day\r\n"
    "DTSTART;VALUE=DATE:20250425\r\nDTEND;VALUE=DATE:20250427\r\n"
)


@pytest.fixture
def slug(empty_store: Store) -> str:
    return load(empty_store, document("trip"))


def _import(store: Store, slug: str, data: bytes, zone: str | None = None) -> Imported:
    with store.session() as session:
        dossier = find_dossier(session, slug)
        return import_events(session, dossier, data, "trip.ics", zone=zone, level=RESTRICTED)


def _events(store: Store) -> dict[str, Event]:
    with store.session() as session:
        return {e.uid: e for e in session.scalars(select(Event))}


def test_events_come_in_with_their_zones_and_levels(empty_store: Store, slug: str) -> None:
    assert _import(empty_store, slug, ics(MEETING, FLIGHT, ALL_DAY)) == Imported(3, 0, 0)
    events = _events(empty_store)
    meeting = events["ics:meeting-1@travel.example"]
    assert (meeting.timezone, meeting.start_date, meeting.start_time, meeting.end_time) == (
        "America/New_York",  # the Windows name, mapped
        dt.date(2025, 4, 24),
        dt.time(10),
        dt.time(11, 30),
    )
    assert (meeting.place, meeting.handling) == ("Treasury, Washington", RESTRICTED)
    flight = events["ics:flight-1@travel.example"]
    assert (flight.timezone, flight.start_time, flight.end_time) == ("UTC", dt.time(1), dt.time(15))
    free = events["ics:free-1@travel.example"]
    assert (free.start_date, free.end_date, free.start_time) == (
        dt.date(2025, 4, 25),
        dt.date(2025, 4, 26),
        None,
    )


def test_a_zone_puts_utc_times_in_local_time(empty_store: Store, slug: str) -> None:
    _import(empty_store, slug, ics(FLIGHT), zone="Asia/Seoul")
    flight = _events(empty_store)["ics:flight-1@travel.example"]
    assert (flight.timezone, flight.start_time, flight.end_date) == (
        "Asia/Seoul",
        dt.time(10),
        dt.date(2025, 4, 23),
    )


def test_importing_again_updates_by_uid(empty_store: Store, slug: str) -> None:
    _import(empty_store, slug, ics(MEETING, FLIGHT))
    assert _import(empty_store, slug, ics(MEETING, FLIGHT)) == Imported(0, 0, 2)
    moved = MEETING.replace("T10", "T14").replace("T11", "T15").replace("Treasury", "White House")
    assert _import(empty_store, slug, ics(moved, FLIGHT)) == Imported(0, 1, 1)
    with empty_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 2
    meeting = _events(empty_store)["ics:meeting-1@travel.example"]
    assert (meeting.start_time, meeting.place) == (dt.time(14), "White House, Washington")


BAD = {
    "malformed": (
        b"BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n",
        "readable",
    ),
    "not a calendar": (b"hello", "readable"),
    "recurring": (ics(MEETING + "RRULE:FREQ=DAILY;COUNT=3\r\n"), "repeats (RRULE)"),
    "floating": (ics(MEETING.replace(";TZID=Eastern Standard Time", "")), "floating time"),
    "unknown zone": (
        ics(MEETING.replace("Eastern Standard Time", "Mars Standard Time")),
        "unknown",
    ),
    "dst gap": (
        ics(MEETING.replace("20250424T100000", "20250309T023000").replace("20250424", "20250309")),
        "does not exist in America/New_York",
    ),
    "dst fold": (
        ics(MEETING.replace("20250424T100000", "20251102T013000").replace("20250424", "20251102")),
        "2025-11-02 01:30 happens twice in America/New_York (first at 05:30 UTC, then at "
        "06:30 UTC); give it in UTC to say which",
    ),
    "end before start": (ics(MEETING.replace("T113000", "T090000")), "ends before it starts"),
    "no uid": (ics(MEETING.replace("UID:meeting-1@travel.example\r\n", "")), "no UID"),
    "twice": (ics(MEETING, FLIGHT, MEETING), "appears twice"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_refused_in_one_line_and_changes_nothing(
    empty_store: Store, slug: str, case: str
) -> None:
    _import(empty_store, slug, ics(MEETING))
    before = export_dossier(empty_store, slug)
    data, reason = BAD[case]
    with pytest.raises(CalendarRefused) as refused:
        _import(empty_store, slug, data)
    message = str(refused.value)
    assert reason in message and "\n" not in message
    assert export_dossier(empty_store, slug) == before


def test_a_floating_time_is_taken_in_the_zone_given(empty_store: Store, slug: str) -> None:
    floating = MEETING.replace(";TZID=Eastern Standard Time", "")
    _import(empty_store, slug, ics(floating), zone="Asia/Seoul")
    meeting = _events(empty_store)["ics:meeting-1@travel.example"]
    assert (meeting.timezone, meeting.start_time) == ("Asia/Seoul", dt.time(10))


def test_a_flight_over_the_date_line_lands_before_it_left_by_the_clock(
    empty_store: Store, slug: str
) -> None:
    """Seoul 10:00 to Washington 10:30 the same day is 13½ hours, not an end before start:
    the end is kept as the same instant in the event's (the departure's) zone."""
    flight = (
        "UID:ke093@travel.example\r\nSUMMARY:KE093\r\n"
        "DTSTART;TZID=Asia/Seoul:20250422T100000\r\n"
        "DTEND;TZID=America/New_York:20250422T103000\r\n"
    )
    assert _import(empty_store, slug, ics(flight)) == Imported(1, 0, 0)
    event = _events(empty_store)["ics:ke093@travel.example"]
    assert (event.timezone, event.start_time, event.end_date, event.end_time) == (
        "Asia/Seoul",
        dt.time(10),
        None,
        dt.time(23, 30),
    )


def test_our_own_file_comes_back_onto_its_events_unchanged(empty_store: Store) -> None:
    """Each event back as it went: a time with no zone (written as an all-day entry with
    the time in its description) and a summary's source references included."""
    from briefing.store.calendar.writing import calendar_of

    unzoned = {"start_time": "10:00:00", "summary": "Talks [[src:good]] resume."}
    slug = load(
        empty_store,
        document(
            "own",
            events=[
                {"id": "event:a", "title": "A", "start_date": "2025-04-24", **unzoned},
                {"id": "event:b", "title": "B", "start_date": "2025-04-25", "place": "Seoul"},
            ],
        ),
    )
    before = export_dossier(empty_store, slug)
    with empty_store.session() as session:
        data, _ = calendar_of(session, find_dossier(session, slug), RESTRICTED)
    assert _import(empty_store, slug, data) == Imported(0, 0, 2)
    assert export_dossier(empty_store, slug) == before


def test_a_utc_time_in_the_fold_keeps_which_of_the_two_it_is(empty_store: Store, slug: str) -> None:
    # 06:30 UTC on 2 November 2025 is the second 01:30 in New York (EST); 07:15 is 02:15.
    night = (
        "UID:night@travel.example\r\nSUMMARY:Night call\r\n"
        "DTSTART:20251102T063000Z\r\nDURATION:PT45M\r\n"
    )
    early = night.replace("UID:night", "UID:early").replace("T0630", "T0530")
    _import(empty_store, slug, ics(night, early), zone="America/New_York")
    events = _events(empty_store)
    second, first = events["ics:night@travel.example"], events["ics:early@travel.example"]
    assert (second.start_time, second.start_fold) == (dt.time(1, 30), 1)
    assert (second.end_time, second.end_fold) == (dt.time(2, 15), None)
    assert (first.start_time, first.start_fold) == (dt.time(1, 30), 0)
    assert (first.end_time, first.end_fold) == (dt.time(1, 15), 1)
