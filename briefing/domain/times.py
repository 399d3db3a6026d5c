"""Times that mean one instant (issue 19): a venue's wall clock, the delegation's home
clock, and the days left between them.

An event's date and time of day are read on the venue's clock, in the IANA zone it names;
a flight's end is read on the arrival zone's clock. Turning such a wall time into an
instant is where a programme goes wrong an hour or a day at a time, so it is done here
once, for the form, the importer, the calendar export and the book alike:

- a wall time the clocks skip (spring forward) is refused, never moved;
- a wall time the clocks show twice (fall back) is refused unless the caller says which
  (``fold`` 0 for the first, earlier instant, 1 for the second), never guessed;
- a zone the installed time-zone database (``tzdata`` on every platform) does not know is
  refused rather than read as UTC.

A date without a time of day (an all-day event, or one known only to the week or month)
has no instant: it stays a day on the venue's calendar, and its days left are counted
from that day.

Labels use a true minus sign (U+2212) in offsets, as typeset text does: "EDT, UTC−4".
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache
from typing import Protocol

from briefing.errors import N_, Phrase

MINUS = "\u2212"
"""The sign of a negative offset, as printed ("UTC−4", not "UTC-4")."""

HOME_SEPARATOR = " · "
"""Between the venue's clock and the home clock: "10:00 EDT · 23:00 KST"."""


class TimeProblem(ValueError):
    """A wall time or zone that names no single instant. ``phrase`` is the sentence to
    show, said in the reader's language where it is shown; ``str()`` is the English."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(str(phrase))
        self.phrase = phrase


class UnknownZone(TimeProblem):
    def __init__(self, zone: str) -> None:
        super().__init__(
            Phrase(
                N_("unknown time zone {zone!r} (give an IANA zone such as Asia/Seoul)"), zone=zone
            )
        )
        self.zone = zone


class SkippedTime(TimeProblem):
    """The clocks jump over this wall time (the spring-forward gap)."""

    def __init__(self, wall: dt.datetime, zone: str) -> None:
        super().__init__(
            Phrase(
                N_(
                    "{wall} does not exist in {zone}: the clocks skip it (daylight saving "
                    "time starts); give a time before or after the change"
                ),
                wall=f"{wall:%Y-%m-%d %H:%M}",
                zone=zone,
            )
        )
        self.wall = wall
        self.zone = zone


class AmbiguousTime(TimeProblem):
    """The clocks show this wall time twice (the fall-back fold); ``earlier`` and ``later``
    are the two instants, in UTC."""

    def __init__(self, wall: dt.datetime, zone: str) -> None:
        tz = zone_info(zone)
        first = wall.replace(tzinfo=tz, fold=0)
        second = wall.replace(tzinfo=tz, fold=1)
        self.wall = wall
        self.zone = zone
        self.earlier = first.astimezone(dt.UTC)
        self.later = second.astimezone(dt.UTC)
        super().__init__(
            Phrase(
                N_(
                    "{wall} happens twice in {zone} (daylight saving time ends): first at "
                    "{first} ({first_utc} UTC), then at {second} ({second_utc} UTC); say "
                    "which: 0 for the first, 1 for the second"
                ),
                wall=f"{wall:%Y-%m-%d %H:%M}",
                zone=zone,
                first=zone_label(zone, first),
                first_utc=f"{self.earlier:%H:%M}",
                second=zone_label(zone, second),
                second_utc=f"{self.later:%H:%M}",
            )
        )


@cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_zone(name: str) -> bool:
    """Is ``name`` a zone the installed time-zone database knows?"""
    return name in _known()


def zone_info(name: str) -> zoneinfo.ZoneInfo:
    """The zone called ``name``; :class:`UnknownZone` if the database does not know it."""
    if not is_zone(name):
        raise UnknownZone(name)
    return zoneinfo.ZoneInfo(name)


def is_skipped(wall: dt.datetime, zone: str) -> bool:
    """Do the clocks in ``zone`` jump over ``wall`` (a naive wall time)?"""
    tz = zone_info(zone)
    there = wall.replace(tzinfo=tz)
    return there.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != wall


def is_ambiguous(wall: dt.datetime, zone: str) -> bool:
    """Do the clocks in ``zone`` show ``wall`` twice?"""
    tz = zone_info(zone)
    first = wall.replace(tzinfo=tz, fold=0).utcoffset()
    return not is_skipped(wall, zone) and first != wall.replace(tzinfo=tz, fold=1).utcoffset()


def instant(day: dt.date, time: dt.time, zone: str, fold: int | None = None) -> dt.datetime:
    """The instant (aware, in UTC) the clocks in ``zone`` show as ``day`` ``time``.

    Raises :class:`UnknownZone`, :class:`SkippedTime`, or :class:`AmbiguousTime` unless
    ``fold`` says which of the two (0 the earlier, 1 the later).
    """
    wall = dt.datetime.combine(day, time)
    if is_skipped(wall, zone):
        raise SkippedTime(wall, zone)
    if fold is None and is_ambiguous(wall, zone):
        raise AmbiguousTime(wall, zone)
    return wall.replace(tzinfo=zone_info(zone), fold=fold or 0).astimezone(dt.UTC)


def offset_label(offset: dt.timedelta) -> str:
    """``offset`` from UTC as people write it: "UTC+9", "UTC−4", "UTC+5:30", "UTC+0"."""
    sign = MINUS if offset < dt.timedelta(0) else "+"
    minutes = abs(offset) // dt.timedelta(minutes=1)
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def abbreviation(moment: dt.datetime) -> str:
    """The zone's own abbreviation at an aware ``moment`` ("EDT", "KST"), or its UTC
    offset where the database has only numbers for it ("+0530") or names UTC itself."""
    name = moment.tzname() or ""
    if not name or name[0] in "+-" or name == "UTC":
        return offset_label(moment.utcoffset() or dt.timedelta(0))
    return name


def zone_label(zone: str, moment: dt.datetime) -> str:
    """A zone as a reader abroad needs it at ``moment``: "EDT, UTC−4", "KST, UTC+9".

    A naive ``moment`` is a wall time in ``zone``; an aware one an instant. The
    abbreviation and offset are those in force then (EDT in summer, EST in winter); a zone
    with no abbreviation of its own gives the offset alone, and a name the database does
    not know is given back as written.
    """
    if not is_zone(zone):
        return zone
    tz = zoneinfo.ZoneInfo(zone)
    local = moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)
    utc = offset_label(local.utcoffset() or dt.timedelta(0))
    name = abbreviation(local)
    return utc if name == utc else f"{name}, {utc}"


def venue_label(place: str, zone: str, moment: dt.datetime) -> str:
    """Where and on which clock: "Washington, EDT, UTC−4" (the zone alone without a place)."""
    label = zone_label(zone, moment) if zone else ""
    return ", ".join(part for part in (place, label) if part)


def clock(moment: dt.datetime, zone: str) -> str:
    """An instant on ``zone``'s clock: "10:00 EDT"."""
    local = moment.astimezone(zone_info(zone))
    return f"{local:%H:%M} {abbreviation(local)}"


def venue_and_home(moment: dt.datetime, venue: str, home: str) -> str:
    """An instant on the venue's clock and the home clock, with the home clock's day offset:
    "10:00 EDT · 23:00 KST", "22:00 EDT · 11:00 KST (+1)"; the venue's alone when the two
    clocks agree."""
    there = moment.astimezone(zone_info(venue))
    here = moment.astimezone(zone_info(home))
    if there.utcoffset() == here.utcoffset():
        return clock(moment, venue)
    text = clock(moment, venue) + HOME_SEPARATOR + clock(moment, home)
    days = (here.date() - there.date()).days
    if days:
        text += f" ({days:+d})".replace("-", MINUS)
    return text


def home_day(day: dt.date, time: dt.time | None, zone: str, home: str, fold: int = 0) -> dt.date:
    """The day an event falls on by the home clock: a timed event's instant read at home;
    a day without a time (or without a known zone) is the venue's day as written."""
    if time is None or not is_zone(zone) or not is_zone(home):
        return day
    wall = dt.datetime.combine(day, time).replace(tzinfo=zoneinfo.ZoneInfo(zone), fold=fold)
    return wall.astimezone(zoneinfo.ZoneInfo(home)).date()


def days_left(day: dt.date, time: dt.time | None, zone: str, home: str, reference: dt.date) -> int:
    """Whole days from ``reference`` (a day on the home calendar) to the event's day on the
    home calendar: a 22:00 meeting in Washington is tomorrow in Seoul."""
    return (home_day(day, time, zone, home) - reference).days


class Timed(Protocol):
    """An event's times as the store, the book and the details pane all hold them."""

    @property
    def start_date(self) -> dt.date: ...
    @property
    def start_time(self) -> dt.time | None: ...
    @property
    def end_date(self) -> dt.date | None: ...
    @property
    def end_time(self) -> dt.time | None: ...
    @property
    def place(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def arrival_place(self) -> str: ...
    @property
    def arrival_timezone(self) -> str: ...
    @property
    def start_fold(self) -> int | None: ...
    @property
    def end_fold(self) -> int | None: ...


def _instants(event: Timed) -> tuple[dt.datetime, dt.datetime | None] | None:
    """The event's start and end as instants; None when its start has none (no time of
    day, no known zone, or a wall time saved before such times were refused). A time the
    clocks show twice is the instant its fold names (the first, where none was said: one
    saved before the form asked)."""
    if event.start_time is None or not is_zone(event.timezone):
        return None
    try:
        begin = instant(event.start_date, event.start_time, event.timezone, event.start_fold or 0)
        end_zone = event.arrival_timezone or event.timezone
        if event.end_time is None or not is_zone(end_zone):
            return begin, None
        day = event.end_date or event.start_date
        return begin, instant(day, event.end_time, end_zone, event.end_fold or 0)
    except TimeProblem:
        return None


def event_clocks(event: Timed, home: str) -> str | None:
    """An event's times on the venue's clock and the home clock: "10:00–12:00 EDT ·
    23:00–01:00 KST", "22:00 EDT · 11:00 KST (+1)"; a flight's on both its clocks,
    "10:00 KST – 09:00 EDT · 10:00–22:00 KST". The home part is left out when every clock
    is the home clock; the day offset is the home start's day against the venue's. None
    when the start is no instant (see :func:`_instants`)."""
    found = _instants(event)
    if found is None:
        return None
    begin, finish = found
    venue = event.timezone
    arrival = event.arrival_timezone or venue
    home = home if is_zone(home) else venue
    there = begin.astimezone(zone_info(venue))
    landed = None if finish is None else finish.astimezone(zone_info(arrival))
    if landed is None:
        text = clock(begin, venue)
    elif _same_clock(landed, there):
        text = f"{there:%H:%M}–{clock(landed, arrival)}"
    else:
        text = f"{clock(begin, venue)} – {clock(landed, arrival)}"
    here = begin.astimezone(zone_info(home))
    if _same_clock(there, here) and (landed is None or _same_clock(landed, here)):
        return text
    text += HOME_SEPARATOR
    text += f"{here:%H:%M}–{clock(finish, home)}" if finish is not None else clock(begin, home)
    if days := (here.date() - there.date()).days:
        text += f" ({days:+d})".replace("-", MINUS)
    return text


def _same_clock(one: dt.datetime, other: dt.datetime) -> bool:
    """Do two aware times read on clocks showing the same offset and abbreviation?"""
    return one.utcoffset() == other.utcoffset() and abbreviation(one) == abbreviation(other)


def event_venue(event: Timed) -> str:
    """Where an event is and on which clock: "Washington, EDT, UTC−4"; a flight's
    departure and arrival, "Incheon, KST, UTC+9 → Washington Dulles, EDT, UTC−4". The
    label is the one in force at the start (at noon, for a day without a time)."""
    found = _instants(event)
    start = found[0] if found else dt.datetime.combine(event.start_date, dt.time(12))
    text = venue_label(event.place, event.timezone, start)
    if event.arrival_place or event.arrival_timezone:
        end = found[1] if found and found[1] else None
        day = event.end_date or event.start_date
        moment = end or dt.datetime.combine(day, event.end_time or dt.time(12))
        arrival = venue_label(event.arrival_place, event.arrival_timezone, moment)
        text = f"{text} → {arrival}" if text else arrival
    return text


def event_home_day(event: Timed, home: str) -> dt.date:
    """The day an event starts on by the home clock (:func:`home_day`)."""
    found = _instants(event)
    if found is None or not is_zone(home):
        return event.start_date
    return found[0].astimezone(zoneinfo.ZoneInfo(home)).date()
