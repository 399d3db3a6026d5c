"""The programme's .ics for one audience, checked on its bytes and read back by vobject."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import vobject

from briefing.store.calendar.writing import calendar_of
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from tests.builders import document, load
from tests.store.calendar.ics import blocks, prop

INTERNAL = 1
HANGUL = "한미 통상 장관 회의 및 실무 협의: 관세, 공급망, 핵심 광물과 반도체에 관한 논의"


def _event(uid: str, **values: Any) -> dict[str, Any]:
    return {"id": uid, "handling": "Public", "title": uid, **values}


def _new_york(day: str) -> dict[str, Any]:
    return _event(
        f"event:ny-{day}",
        start_date=day,
        start_time="10:00:00",
        end_time="11:30:00",
        timezone="America/New_York",
        place="Washington",
    )


DST_DAYS = ("2025-03-08", "2025-03-09", "2025-03-10", "2025-11-01", "2025-11-02", "2025-11-03")
UTC_HOUR = {"03-08": 15, "03-09": 14, "03-10": 14, "11-01": 14, "11-02": 15, "11-03": 15}
"""10:00 in New York: UTC−5 in winter, UTC−4 from 9 March to 2 November 2025."""


def _calendar(store: Store) -> bytes:
    slug = load(
        store,
        document(
            "cal",
            events=[
                *(_new_york(day) for day in DST_DAYS),
                _event(
                    "event:seoul",
                    title=HANGUL,
                    start_date="2025-04-22",
                    start_time="09:00:00",
                    timezone="Asia/Seoul",
                    place="서울 정부청사",
                    summary=f"{HANGUL} [[src:good]] 끝.",
                ),
                _event(
                    "event:days",
                    title="Ministers travel",
                    start_date="2025-04-22",
                    end_date="2025-04-24",
                ),
                _event(
                    "event:month", title="Vague-month", start_date="2025-05-01", precision="month"
                ),
                _event(
                    "event:secret",
                    handling="Confidential",
                    title="Secret-title-xyz",
                    start_date="2025-04-23",
                    summary="Secret-summary-xyz",
                ),
                _event(
                    "event:noted",
                    title="Noted",
                    start_date="2025-04-23",
                    notes="Notes-above-xyz",
                    field_handling={"notes": "Confidential"},
                ),
            ],
        ),
    )
    with store.session() as session:
        data, written = calendar_of(session, find_dossier(session, slug), INTERNAL)
    assert (written.events, written.vague) == (len(DST_DAYS) + 3, 1)
    return data


@pytest.fixture
def ics(empty_store: Store) -> bytes:
    return _calendar(empty_store)


def test_lines_end_in_crlf_and_fold_at_75_octets_between_characters(ics: bytes) -> None:
    assert ics.endswith(b"\r\n")
    assert b"\n" not in ics.replace(b"\r\n", b"")
    lines = ics.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character
    assert sum(line.startswith(b" ") for line in lines) >= 2  # the Hangul texts were folded
    assert HANGUL.replace(",", "\\,").encode() in ics.replace(b"\r\n ", b"")  # TEXT escapes ","


def test_every_event_has_a_uid_and_a_stamp_and_each_zone_one_vtimezone(ics: bytes) -> None:
    events = blocks(ics, "VEVENT")
    assert len(events) == len(DST_DAYS) + 3
    uids = [prop(e, "UID")[0] for e in events]
    assert all(len(prop(e, "DTSTAMP")) == 1 for e in events)
    assert len(set(uids)) == len(uids)
    assert "UID:event:seoul@cal.briefing" in uids
    used = {
        m for e in events for line in e for m in re.findall(r"^DT(?:START|END);TZID=([^:;]+)", line)
    }
    assert used == {"America/New_York", "Asia/Seoul"}
    zones = [prop(z, "TZID")[0].removeprefix("TZID:") for z in blocks(ics, "VTIMEZONE")]
    assert sorted(zones) == sorted(used)


def test_nothing_above_the_audience_is_in_the_file(ics: bytes) -> None:
    raw = ics.replace(b"\r\n ", b"")
    for withheld in (b"Secret-title-xyz", b"Secret-summary-xyz", b"Notes-above-xyz"):
        assert withheld not in raw
    assert b"Vague-month" not in raw  # known only to the month: left out
    assert b"src:good" not in raw  # references are the book's, not the phone's


def _vevents(ics: bytes) -> dict[str, Any]:
    calendar = vobject.readOne(ics.decode("utf-8"))
    return {str(e.uid.value).split("@")[0]: e for e in calendar.vevent_list}


def test_a_second_parser_reads_the_same_instants_across_dst(ics: bytes) -> None:
    events = _vevents(ics)
    for day in DST_DAYS:
        event = events[f"event:ny-{day}"]
        start = event.dtstart.value.astimezone(dt.UTC)
        assert start == dt.datetime.fromisoformat(f"{day}T{UTC_HOUR[day[5:]]:02}:00+00:00"), day
        assert event.dtend.value - event.dtstart.value == dt.timedelta(minutes=90)
        assert event.location.value == "Washington"
    seoul = events["event:seoul"]
    assert seoul.dtstart.value.astimezone(dt.UTC) == dt.datetime(2025, 4, 22, 0, tzinfo=dt.UTC)
    assert seoul.summary.value == HANGUL
    assert seoul.description.value == f"{HANGUL} 끝."


def test_a_day_is_an_all_day_entry_over_its_days(ics: bytes) -> None:
    days = _vevents(ics)["event:days"]
    assert days.dtstart.value == dt.date(2025, 4, 22)
    assert days.dtend.value == dt.date(2025, 4, 25)  # DTEND is the day after the last


def test_a_flight_ends_on_its_arrival_clock(empty_store: Store) -> None:
    """Seoul 10:00 → Washington 09:00 the same day: thirteen hours in the air."""
    flight = _event(
        "event:flight",
        start_date="2026-07-03",
        start_time="10:00:00",
        end_time="09:00:00",
        place="Incheon",
        timezone="Asia/Seoul",
        arrival_place="Washington Dulles",
        arrival_timezone="America/New_York",
    )
    slug = load(empty_store, document("fly", events=[flight]))
    with empty_store.session() as session:
        data, _written = calendar_of(session, find_dossier(session, slug), INTERNAL)
    assert "DTEND;TZID=America/New_York:20260703T090000" in data.decode()
    event = _vevents(data)["event:flight"]
    assert event.dtend.value - event.dtstart.value == dt.timedelta(hours=13)


def test_a_time_the_clocks_show_twice_is_written_as_its_instant(empty_store: Store) -> None:
    """01:30 on 2 November 2025 in New York: a zoned time would be read as the first (EDT);
    the second (EST) goes out in UTC, and a second parser reads the instant meant."""
    second = _event(
        "event:fold",
        start_date="2025-11-02",
        start_time="01:30:00",
        start_fold=1,
        end_time="03:00:00",
        timezone="America/New_York",
    )
    slug = load(empty_store, document("fold", events=[second]))
    with empty_store.session() as session:
        data, _written = calendar_of(session, find_dossier(session, slug), INTERNAL)
    assert "DTSTART:20251102T063000Z" in data.decode()
    assert "DTEND;TZID=America/New_York:20251102T030000" in data.decode()
    event = _vevents(data)["event:fold"]
    assert event.dtstart.value == dt.datetime(2025, 11, 2, 6, 30, tzinfo=dt.UTC)
    assert event.dtend.value - event.dtstart.value == dt.timedelta(hours=1, minutes=30)
