"""A travel office's ``.ics`` file taken in as the dossier's events.

Each VEVENT becomes the event whose uid is ``ics:`` + its UID (a UID too long for the uid
column is ``ics:sha256:`` + its digest), so importing the same file again, or a newer one
from the same office, updates those events instead of adding them twice. A UID our own
export wrote (``<uid>@<slug>.briefing``) names the event it came from.

Every event of the file is checked before anything is written, and one problem refuses the
whole file with one line naming it, so a refused file changes nothing:

- a file the iCalendar parser cannot read, or an event without UID or DTSTART;
- a recurring event (RRULE, RDATE or a RECURRENCE-ID instance): the programme holds each
  meeting once, so the repeats are to be expanded by the program that made them;
- a floating time (neither TZID nor UTC), unless a zone is given for such times;
- a TZID that is neither an IANA zone nor a Windows name :mod:`.zones` maps;
- a local time a clock change skips, or one it shows twice (the night daylight saving
  time ends: the file's TZID time names neither instant for sure), or an end before the
  start.

A time in UTC is kept in the given zone, or in UTC when none is given; where that zone's
clocks show it twice, the event keeps which of the two it is (its fold). New events are
handled at the level given (by default the scale's highest, since a principal's movements
are sensitive until someone decides otherwise); an event already there keeps its level.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from dataclasses import dataclass
from typing import Any

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Event, Record
from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.times import AmbiguousTime, is_ambiguous, is_skipped
from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.store.calendar.writing import ICS_PREFIX, UID_DOMAIN, UNZONED, plain
from briefing.store.calendar.zones import iana_zone
from briefing.store.edits import change_record, create_record, read_fields

_UID_ROOM = 120
"""The uid column's width."""

_TEXT_ROOM = 300
"""The width of an event's title and place."""

_STATUS = {"CANCELLED": EventStatus.CANCELLED, "TENTATIVE": EventStatus.POSTPONED}


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did: events added, updated, and found already as the file says."""

    added: int
    updated: int
    unchanged: int


class CalendarRefused(BriefingError):
    """A calendar file the import will not take; nothing was changed."""


class FloatingTime(CalendarRefused):
    """A time the file gives on no clock (neither a TZID nor UTC): the import can take it
    once told which zone such times are in, so the window asks for one rather than only
    refusing (the command line names ``--zone``)."""


def record_uid(ics_uid: str, slug: str) -> str:
    """The uid of the event a calendar UID stands for, the same on every import."""
    ours = f"@{slug}.{UID_DOMAIN}"
    if ics_uid.endswith(ours) and len(ics_uid) > len(ours):
        return ics_uid.removesuffix(ours)
    uid = ICS_PREFIX + ics_uid
    if len(uid) <= _UID_ROOM:
        return uid
    return f"{ICS_PREFIX}sha256:{hashlib.sha256(ics_uid.encode()).hexdigest()}"


def parse(data: bytes, name: str) -> list[icalendar.Event]:
    """The VEVENTs of ``data``, or a refusal saying the file cannot be read."""
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise CalendarRefused(
            N_("{name} is not a readable iCalendar file ({exc})"), name=name, exc=exc
        ) from None
    if not calendars or any(c.name != "VCALENDAR" for c in calendars):
        raise CalendarRefused(N_("{name} is not an iCalendar file (no VCALENDAR)"), name=name)
    events = [e for c in calendars for e in c.walk("VEVENT") if isinstance(e, icalendar.Event)]
    for component in (*calendars, *events):
        if component.errors:
            where, problem = component.errors[0]
            raise CalendarRefused(
                N_("{name} is not a readable iCalendar file ({where}: {problem})"),
                name=name,
                where=where,
                problem=problem,
            )
    return events


def _zone_of(prop: Any, uid: str, zone: str | None) -> tuple[str, dt.datetime]:
    """The IANA zone and instant (aware, in that zone, its ``fold`` saying which of two
    the wall time is) of a DTSTART or DTEND holding a date and time; a wall time the
    zone's clocks skip or show twice is refused, since it names no one instant."""
    name, moment = _zoned(prop, uid, zone)
    wall = moment.replace(tzinfo=None)
    if is_skipped(wall, name):
        raise CalendarRefused(
            N_("event {uid}: {wall:%Y-%m-%d %H:%M} does not exist in {name} (the clocks skip it)"),
            uid=uid,
            wall=wall,
            name=name,
        )
    if moment.tzinfo is None and is_ambiguous(wall, name):
        twice = AmbiguousTime(wall, name)
        raise CalendarRefused(
            N_(
                "event {uid}: {wall:%Y-%m-%d %H:%M} happens twice in {name} (first at "
                "{earlier:%H:%M} UTC, then at {later:%H:%M} UTC); give it in UTC to say which"
            ),
            uid=uid,
            wall=wall,
            name=name,
            earlier=twice.earlier,
            later=twice.later,
        )
    return name, moment.replace(tzinfo=zoneinfo.ZoneInfo(name), fold=moment.fold)


def _zoned(prop: Any, uid: str, zone: str | None) -> tuple[str, dt.datetime]:
    """The IANA zone of a DTSTART or DTEND, and its time: an instant (aware) when the file
    gives it in UTC, else the wall time (naive) the file gives."""
    value: dt.datetime = prop.dt
    tzid = prop.params.get("TZID")
    if tzid is not None:
        name = iana_zone(str(tzid))
        if name is None:
            raise CalendarRefused(
                N_(
                    "event {uid}: unknown time zone {zone!r} (neither an IANA zone nor a "
                    "Windows zone name Briefing maps)"
                ),
                uid=uid,
                zone=str(tzid),
            )
        return name, value.replace(tzinfo=None)
    if value.tzinfo is not None:  # UTC ("Z")
        name = zone or "UTC"
        return name, value.astimezone(zoneinfo.ZoneInfo(name))
    if zone is None:
        raise FloatingTime(
            N_(
                "event {uid}: floating time {value:%Y-%m-%d %H:%M} has no time zone (give one with "
                "--zone)"
            ),
            uid=uid,
            value=value,
        )
    return zone, value


def _text(entry: icalendar.Event, prop: str, uid: str, room: int | None = None) -> str:
    value = entry.get(prop)
    text = "" if value is None else str(value).replace("\r\n", "\n").strip()
    if room is not None and len(text) > room:
        raise CalendarRefused(
            N_("event {uid}: {prop} is longer than {room} characters"),
            uid=uid,
            prop=prop,
            room=room,
        )
    return text


def values_of(entry: icalendar.Event, zone: str | None) -> tuple[str, dict[str, Any]]:
    """One VEVENT's UID and the event fields it gives, or a refusal naming its problem."""
    uid = str(entry.get("UID", "")).strip()
    if not uid:
        title = _text(entry, "SUMMARY", "?")
        raise CalendarRefused(
            N_("event {title!r} has no UID, so a second import could not find it"), title=title
        )
    for recurring in ("RRULE", "RDATE", "RECURRENCE-ID"):
        if recurring in entry:
            raise CalendarRefused(
                N_(
                    "event {uid} repeats ({recurring}): recurring events are not imported; expand "
                    "the series in the calendar program first"
                ),
                uid=uid,
                recurring=recurring,
            )
    start = entry.get("DTSTART")
    if start is None:
        raise CalendarRefused(N_("event {uid} has no DTSTART"), uid=uid)
    values: dict[str, Any] = {
        "title": _text(entry, "SUMMARY", uid, _TEXT_ROOM) or "(untitled)",
        "place": _text(entry, "LOCATION", uid, _TEXT_ROOM),
        "summary": _text(entry, "DESCRIPTION", uid),
        "precision": DatePrecision.DAY,
    }
    status = _STATUS.get(str(entry.get("STATUS", "")).upper())
    if status is not None:
        values["status"] = status
    end = entry.get("DTEND")
    if not isinstance(start.dt, dt.datetime):
        first: dt.date = start.dt
        after = end.dt if end is not None else first + _duration(entry, dt.timedelta(days=1))
        if isinstance(after, dt.datetime) or after <= first:
            raise CalendarRefused(
                N_("event {uid} ends before it starts (or mixes dates and times)"), uid=uid
            )
        last = after - dt.timedelta(days=1)
        time, values["summary"] = _unzoned(values["summary"])
        values |= {
            "start_date": first,
            "start_time": time,
            "end_date": last if last != first else None,
            "end_time": None,
        }
        return uid, values
    name, begin = _zone_of(start, uid, zone)
    tz = zoneinfo.ZoneInfo(name)
    finish: dt.datetime | None = None
    if end is not None:
        if not isinstance(end.dt, dt.datetime):
            raise CalendarRefused(N_("event {uid} mixes a start time with an end date"), uid=uid)
        finish = _zone_of(end, uid, zone)[1].astimezone(tz)
    elif (duration := _duration(entry, None)) is not None:
        finish = (begin.astimezone(dt.UTC) + duration).astimezone(tz)
    if finish is not None and finish.astimezone(dt.UTC) < begin.astimezone(dt.UTC):
        raise CalendarRefused(N_("event {uid} ends before it starts"), uid=uid)
    values |= {
        "start_date": begin.date(),
        "start_time": begin.time(),
        "end_date": None if finish is None or finish.date() == begin.date() else finish.date(),
        "end_time": None if finish is None else finish.time(),
        "timezone": name,
        "start_fold": _fold(begin, name),
        "end_fold": None if finish is None else _fold(finish, name),
    }
    return uid, values


def _fold(moment: dt.datetime, zone: str) -> int | None:
    """Which of two instants ``moment`` is on ``zone``'s clock, where it shows it twice."""
    return moment.fold if is_ambiguous(moment.replace(tzinfo=None), zone) else None


def _unzoned(description: str) -> tuple[dt.time | None, str]:
    """The time of day and the rest of a description our export began with its note of a
    time without a zone (:data:`~.writing.UNZONED`); None and all of it otherwise."""
    note, _, rest = description.partition("\n\n")
    clock = note.removeprefix(UNZONED.partition("{")[0])[:5]
    try:
        time = dt.time.fromisoformat(clock)
    except ValueError:
        return None, description
    return (time, rest) if note == UNZONED.format(time) else (None, description)


def _duration(entry: icalendar.Event, default: Any) -> Any:
    duration = entry.get("DURATION")
    return default if duration is None else duration.dt


def _same(name: str, stored: Any, given: Any) -> bool:
    """Does the file say what the event holds? A summary is compared as our own export
    writes it (without its source references), so a file that went out and came back
    unchanged does not strip them."""
    if name == "summary":
        return bool(plain(stored) == given)
    return bool(stored == given)


def import_events(
    session: Session, dossier: Dossier, data: bytes, name: str, *, zone: str | None, level: int
) -> Imported:
    """Take ``data``'s events into ``dossier`` (see the module's rules), all or none."""
    if zone is not None and iana_zone(zone) != zone:
        raise CalendarRefused(
            N_("--zone {zone!r} is not an IANA time zone (e.g. Asia/Seoul)"), zone=zone
        )
    wanted: dict[str, dict[str, Any]] = {}
    for entry in parse(data, name):
        ics_uid, values = values_of(entry, zone)
        uid = record_uid(ics_uid, dossier.slug)
        if uid in wanted:
            raise CalendarRefused(
                N_("event {ics_uid} appears twice in {name}"), ics_uid=ics_uid, name=name
            )
        wanted[uid] = values
    if not wanted:
        raise CalendarRefused(N_("{name} holds no events"), name=name)
    there = {
        r.uid: r
        for r in session.scalars(
            select(Record).where(Record.dossier_id == dossier.id, Record.uid.in_(sorted(wanted)))
        )
    }
    for uid, found in there.items():
        if not isinstance(found, Event):
            raise CalendarRefused(
                N_("{uid} is a {kind} in {slug}, not an event"),
                uid=uid,
                kind=found.kind,
                slug=dossier.slug,
            )
    added = updated = 0
    for uid, values in wanted.items():
        record = there.get(uid)
        if record is None:
            made = {"event_kind": EventKind.MEETING, "status": EventStatus.PLANNED, "timezone": ""}
            made |= values | {"handling": level}
            create_record(session, Event, dossier.id, uid, made)
            added += 1
            continue
        before = read_fields(record, list(values))
        changed = {k: v for k, v in values.items() if not _same(k, before[k], v)}
        if changed:
            change_record(session, record.id, changed)
            updated += 1
    return Imported(added, updated, len(wanted) - added - updated)
