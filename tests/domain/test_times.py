"""Times that mean one instant: a venue's clock, the home clock, and what is refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from briefing.domain.times import (
    AmbiguousTime,
    SkippedTime,
    UnknownZone,
    days_left,
    event_clocks,
    event_home_day,
    event_venue,
    home_day,
    instant,
    offset_label,
    venue_and_home,
    venue_label,
    zone_label,
)

NY = "America/New_York"
SEOUL = "Asia/Seoul"


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_summer_and_winter_in_washington_are_an_hour_apart_in_utc() -> None:
    assert instant(dt.date(2026, 7, 1), dt.time(10), NY) == utc(2026, 7, 1, 14)
    assert instant(dt.date(2026, 1, 15), dt.time(10), NY) == utc(2026, 1, 15, 15)


def test_a_time_the_clocks_skip_is_refused_not_moved() -> None:
    # 8 March 2026, 02:00 EST → 03:00 EDT: 02:30 never shows on a New York clock.
    with pytest.raises(SkippedTime, match=r"2026-03-08 02:30 does not exist in America/New_York"):
        instant(dt.date(2026, 3, 8), dt.time(2, 30), NY)
    assert instant(dt.date(2026, 3, 8), dt.time(3, 0), NY) == utc(2026, 3, 8, 7)
    assert instant(dt.date(2026, 3, 8), dt.time(1, 59), NY) == utc(2026, 3, 8, 6, 59)


def test_a_time_the_clocks_show_twice_is_asked_about_never_guessed() -> None:
    # 1 November 2026, 02:00 EDT → 01:00 EST: 01:30 happens at 05:30 and at 06:30 UTC.
    day, time = dt.date(2026, 11, 1), dt.time(1, 30)
    with pytest.raises(AmbiguousTime) as raised:
        instant(day, time, NY)
    assert raised.value.earlier == utc(2026, 11, 1, 5, 30)
    assert raised.value.later == utc(2026, 11, 1, 6, 30)
    message = str(raised.value)
    assert "EDT, UTC−4" in message and "EST, UTC−5" in message
    assert "(05:30 UTC), then at EST, UTC−5 (06:30 UTC); say which: 0 for the first" in message
    assert instant(day, time, NY, fold=0) == utc(2026, 11, 1, 5, 30)
    assert instant(day, time, NY, fold=1) == utc(2026, 11, 1, 6, 30)


def test_an_unknown_zone_is_refused_not_read_as_utc() -> None:
    with pytest.raises(UnknownZone, match="Mars/Olympus"):
        instant(dt.date(2026, 7, 1), dt.time(10), "Mars/Olympus")


def test_labels_give_the_abbreviation_and_offset_in_force_that_day() -> None:
    assert zone_label(NY, dt.datetime(2026, 7, 1, 10)) == "EDT, UTC−4"
    assert zone_label(NY, dt.datetime(2026, 1, 15, 10)) == "EST, UTC−5"
    assert zone_label(SEOUL, dt.datetime(2026, 7, 1, 10)) == "KST, UTC+9"
    assert zone_label("Asia/Kolkata", dt.datetime(2026, 7, 1, 10)) == "IST, UTC+5:30"
    # A zone the database names only by number is given by its offset alone.
    assert zone_label("Asia/Dubai", dt.datetime(2026, 7, 1, 10)) == "UTC+4"
    assert zone_label("Etc/UTC", dt.datetime(2026, 7, 1, 10)) == "UTC+0"
    assert zone_label("Not/AZone", dt.datetime(2026, 7, 1, 10)) == "Not/AZone"
    assert offset_label(dt.timedelta(hours=-3, minutes=-30)) == "UTC−3:30"


def test_a_venue_is_named_with_its_clock() -> None:
    assert venue_label("Washington", NY, dt.datetime(2026, 7, 1, 12)) == "Washington, EDT, UTC−4"
    assert venue_label("", SEOUL, dt.datetime(2026, 7, 1, 12)) == "KST, UTC+9"
    assert venue_label("Geneva", "", dt.datetime(2026, 7, 1, 12)) == "Geneva"


def test_venue_time_and_home_time_side_by_side_with_the_day_offset() -> None:
    morning = instant(dt.date(2026, 7, 1), dt.time(10), NY)
    assert venue_and_home(morning, NY, SEOUL) == "10:00 EDT · 23:00 KST"
    evening = instant(dt.date(2026, 7, 1), dt.time(22), NY)
    assert venue_and_home(evening, NY, SEOUL) == "22:00 EDT · 11:00 KST (+1)"
    # Seen from Washington, a Seoul morning is the evening before.
    seoul_morning = instant(dt.date(2026, 7, 2), dt.time(9), SEOUL)
    assert venue_and_home(seoul_morning, SEOUL, NY) == "09:00 KST · 20:00 EDT (−1)"
    # In winter the gap is an hour wider.
    winter = instant(dt.date(2026, 1, 15), dt.time(10), NY)
    assert venue_and_home(winter, NY, SEOUL) == "10:00 EST · 00:00 KST (+1)"
    # At home, one clock is enough.
    assert venue_and_home(seoul_morning, SEOUL, SEOUL) == "09:00 KST"
    assert (
        venue_and_home(
            instant(dt.date(2026, 7, 1), dt.time(10), "Asia/Kolkata"), "Asia/Kolkata", SEOUL
        )
        == "10:00 IST · 13:30 KST"
    )


def test_a_flight_over_the_date_line_arrives_before_it_departs_by_the_clock() -> None:
    # Seoul 10:00 on 3 July → Washington 10:30 the same day, thirteen and a half hours later.
    departs = instant(dt.date(2026, 7, 3), dt.time(10), SEOUL)
    arrives = instant(dt.date(2026, 7, 3), dt.time(10, 30), NY)
    assert arrives - departs == dt.timedelta(hours=13, minutes=30)
    # Landing at 09:00 by Washington's clock is still after leaving at 10:00 by Seoul's.
    early = instant(dt.date(2026, 7, 3), dt.time(9), NY)
    assert early > departs
    assert venue_and_home(early, NY, SEOUL) == "09:00 EDT · 22:00 KST"


def test_days_left_count_on_the_home_calendar() -> None:
    reference = dt.date(2026, 6, 30)
    # 22:00 in Washington on 1 July is 11:00 on 2 July in Seoul: two days away, not one.
    assert days_left(dt.date(2026, 7, 1), dt.time(22), NY, SEOUL, reference) == 2
    assert days_left(dt.date(2026, 7, 1), dt.time(10), NY, SEOUL, reference) == 1
    # Seoul to Washington the other way round.
    assert days_left(dt.date(2026, 7, 1), dt.time(9), SEOUL, NY, reference) == 0


def test_a_day_without_a_time_has_no_instant_and_keeps_its_day() -> None:
    # An all-day event, or one known only to the month, is the venue's day as written.
    assert home_day(dt.date(2026, 7, 1), None, NY, SEOUL) == dt.date(2026, 7, 1)
    assert days_left(dt.date(2026, 7, 1), None, NY, SEOUL, dt.date(2026, 6, 30)) == 1
    assert days_left(dt.date(2026, 9, 1), None, "", SEOUL, dt.date(2026, 8, 31)) == 1
    # Nor does an unknown zone move it.
    assert home_day(dt.date(2026, 7, 1), dt.time(22), "Mars/Olympus", SEOUL) == dt.date(2026, 7, 1)


@dataclass(frozen=True)
class Ev:
    start_date: dt.date
    start_time: dt.time | None = None
    end_date: dt.date | None = None
    end_time: dt.time | None = None
    place: str = ""
    timezone: str = ""
    arrival_place: str = ""
    arrival_timezone: str = ""
    start_fold: int | None = None
    end_fold: int | None = None


def test_an_events_clocks_venue_and_home() -> None:
    talks = Ev(dt.date(2026, 7, 1), dt.time(10), None, dt.time(12), "Washington", NY)
    assert event_clocks(talks, SEOUL) == "10:00–12:00 EDT · 23:00–01:00 KST"
    assert event_clocks(talks, NY) == "10:00–12:00 EDT"
    dinner = Ev(dt.date(2026, 7, 1), dt.time(22), place="Washington", timezone=NY)
    assert event_clocks(dinner, SEOUL) == "22:00 EDT · 11:00 KST (+1)"
    assert event_venue(talks) == "Washington, EDT, UTC−4"
    assert event_venue(replace(talks, start_date=dt.date(2026, 12, 1))) == "Washington, EST, UTC−5"
    assert event_home_day(dinner, SEOUL) == dt.date(2026, 7, 2)


def test_a_flights_clocks_and_places() -> None:
    flight = Ev(dt.date(2026, 7, 3), dt.time(10), None, dt.time(9), "Incheon", SEOUL, "Dulles", NY)
    assert event_clocks(flight, SEOUL) == "10:00 KST – 09:00 EDT · 10:00–22:00 KST"
    assert event_venue(flight) == "Incheon, KST, UTC+9 → Dulles, EDT, UTC−4"


def test_an_event_without_a_time_has_no_clocks_and_a_noon_label() -> None:
    # All day, or known only to the month: no instant, the day's zone as at noon.
    day = Ev(dt.date(2026, 3, 8), place="New York", timezone=NY)
    assert event_clocks(day, SEOUL) is None
    assert event_venue(day) == "New York, EDT, UTC−4"
    assert event_home_day(day, SEOUL) == dt.date(2026, 3, 8)
    # A time saved before such times were refused (in the gap) prints without clocks.
    skipped = Ev(dt.date(2026, 3, 8), dt.time(2, 30), place="New York", timezone=NY)
    assert event_clocks(skipped, SEOUL) is None
    assert event_venue(Ev(dt.date(2026, 3, 8), place="Geneva")) == "Geneva"


def test_an_event_in_the_fold_shows_the_instant_it_names() -> None:
    first = Ev(dt.date(2026, 11, 1), dt.time(1, 30), place="Washington", timezone=NY)
    second = Ev(dt.date(2026, 11, 1), dt.time(1, 30), place="Washington", timezone=NY, start_fold=1)
    assert event_clocks(first, SEOUL) == "01:30 EDT · 14:30 KST"
    assert event_clocks(second, SEOUL) == "01:30 EST · 15:30 KST"
    assert event_venue(second) == "Washington, EST, UTC−5"
