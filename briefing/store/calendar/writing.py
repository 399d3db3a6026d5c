"""A dossier's programme as an iCalendar file for one audience.

Which events, and which of their texts, an audience's calendar holds is decided by
:mod:`briefing.store.visibility` as for its book: an event handled above the audience is
not in the file, and each text (title, place, summary) is read through :func:`field`, so a
field handled above the audience is left out rather than blanked with a hint.

How an event's date becomes a calendar entry:

- with a time of day and a known IANA zone: DTSTART/DTEND in that zone (TZID), with one
  VTIMEZONE per zone used, so phones show it at the right instant wherever they are (a
  time the clocks show twice, the night daylight saving time ends, in UTC: its instant);
- known to the day (no time, or a time without a zone): an all-day entry over its days;
  a time without a zone is named in the description, since a floating time would move
  with the reader's phone;
- known only to the week, month or approximately: left out, counted in the result. An
  all-day block over a whole month would fill the delegation's phones with a day that
  may not be it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from briefing import __version__
from briefing.domain import Dossier, Event
from briefing.domain.enums import DatePrecision, EventStatus
from briefing.domain.references import render
from briefing.domain.times import instant, is_ambiguous, is_zone
from briefing.files import write_atomically
from briefing.store import audit
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.visibility import field, levels, shared_with_colleagues, visible

UID_DOMAIN = "briefing"
"""The domain part of an exported event's UID: ``<event uid>@<dossier slug>.briefing``."""

ICS_PREFIX = "ics:"
"""The uid prefix of an event imported from a calendar file (see :mod:`.reading`)."""

UNZONED = "Time: {:%H:%M} (time zone not recorded)"
"""The description's first paragraph for a time of day with no zone, which
:mod:`.reading` takes back as the time when the file comes in again."""

_STATUS = {
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "TENTATIVE",
}


@dataclass(frozen=True, slots=True)
class Written:
    """What a calendar export wrote: its events, and those left out for a vague date."""

    events: int
    vague: int


def event_uid(uid: str, slug: str) -> str:
    """The UID an event carries in a calendar file: an imported event gives back the UID it
    came with, so the travel office's calendar and ours name it alike."""
    if uid.startswith(ICS_PREFIX) and not uid.startswith(ICS_PREFIX + "sha256:"):
        return uid.removeprefix(ICS_PREFIX)
    return f"{uid}@{slug}.{UID_DOMAIN}"


def plain(text: str) -> str:
    """Free text without its source references: a calendar cannot cite."""
    return render(text, str, lambda _uid: None).strip()


def _stamp(event: Event) -> dt.datetime:
    return event.updated_at.replace(tzinfo=dt.UTC, microsecond=0)


def _moment(day: dt.date, time: dt.time, zone: str, fold: int | None) -> dt.datetime:
    """A wall time on ``zone``'s clock as a calendar writes it: with its zone, or in UTC
    where the clocks show it twice, since a reader takes a zoned time in a fold as the
    first (RFC 5545 3.3.5) and the event may mean the second."""
    wall = dt.datetime.combine(day, time)
    if is_ambiguous(wall, zone):
        return instant(day, time, zone, fold or 0)
    return wall.replace(tzinfo=zoneinfo.ZoneInfo(zone))


def _entry(event: Event, slug: str, level: int) -> icalendar.Event | None:
    """``event`` as a VEVENT for an audience at ``level``; None when its date is too vague."""
    if event.precision != DatePrecision.DAY:
        return None
    entry = icalendar.Event()
    entry.add("uid", event_uid(event.uid, slug))
    entry.add("dtstamp", _stamp(event))
    entry.add("sequence", event.version)
    notes: list[str] = []
    zone = event.timezone if event.timezone and is_zone(event.timezone) else None
    if event.start_time is not None and zone is not None:
        entry.add("dtstart", _moment(event.start_date, event.start_time, zone, event.start_fold))
        if event.end_time is not None and is_zone(event.end_zone):
            end_day = event.end_date or event.start_date
            # a flight's end is read on the arrival's clock
            entry.add("dtend", _moment(end_day, event.end_time, event.end_zone, event.end_fold))
    else:
        entry.add("dtstart", event.start_date)
        entry.add("dtend", event.last_day + dt.timedelta(days=1))
        if event.start_time is not None:
            notes.append(UNZONED.format(event.start_time))
    for name, prop in (("title", "summary"), ("place", "location"), ("summary", "description")):
        seen = field(event, name, level)
        text = "" if seen is None or seen.value is None else plain(str(seen.value))
        if prop == "description":
            text = "\n\n".join(part for part in (*notes, text) if part)
        if text:
            entry.add(prop, text)
    entry.add("status", _STATUS.get(event.status, "CONFIRMED"))
    return entry


def calendar_of(session: Session, dossier: Dossier, level: int) -> tuple[bytes, Written]:
    """The dossier's events an audience at ``level`` may see, as the bytes of a ``.ics``."""
    events = session.scalars(
        select(Event)
        .where(Event.dossier_id == dossier.id, visible(Event, level))
        .order_by(Event.start_date, Event.start_time, Event.id)
        .options(selectinload(Event.field_levels))
    ).all()
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Briefing {__version__}//{dossier.slug}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", dossier.title)
    vague = 0
    for event in events:
        entry = _entry(event, dossier.slug, level)
        if entry is None:
            vague += 1
        else:
            calendar.add_component(entry)
    written = len(events) - vague
    if written:
        first = min(e.start_date for e in events) - dt.timedelta(days=1)
        last = max(e.last_day for e in events) + dt.timedelta(days=1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical(), Written(written, vague)


def export_calendar(store: Store, slug: str | None, target: Path, *, audience: int) -> Written:
    """Write the programme for ``audience`` to ``target`` all at once, recorded in the audit
    trail as it is written; readable by others only at the scale's shared levels, as a book."""
    with audit.exporting(store, target) as session:
        dossier = find_dossier(session, slug)
        data, written = calendar_of(session, dossier, audience)
        audit.record(
            session,
            action="calendar",
            dossier=dossier.slug,
            audience=audience,
            content_hash=hashlib.sha256(data).hexdigest(),
            detail=target.name,
        )
        session.flush()
        shared = shared_with_colleagues([x.rank for x in levels(session)], audience)
        write_atomically(target, data, shared=shared)
    return written
