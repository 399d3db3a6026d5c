"""Rules a record must keep, shared by forms, the importer and the store.

Each returns a sentence for a person (a :class:`~briefing.errors.Phrase`, said in the
language of whoever shows it), or None when the values are fine, so the GUI can show it
inline and the importer can put it next to the line of the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from briefing.domain.times import (
    AmbiguousTime,
    TimeProblem,
    UnknownZone,
    clock,
    instant,
    is_zone,
    zone_info,
)
from briefing.errors import N_, Phrase


def span_problem(start: dt.date | None, end: dt.date | None) -> Phrase | None:
    if start is not None and end is not None and end < start:
        return Phrase(
            N_("ends ({end}) before it starts ({start})"),
            end=end.isoformat(),
            start=start.isoformat(),
        )
    return None


TIMES = (
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "timezone",
    "arrival_timezone",
    "start_fold",
    "end_fold",
)
"""An event's fields :func:`times_problem` reads."""


def times_problem(values: Mapping[str, Any]) -> tuple[str, Phrase] | None:
    """The first problem with an event's times, as (field, sentence), or None.

    ``values`` holds an event's :data:`TIMES` (missing keys are blank). A zone the
    database does not know, a wall time the clocks skip, one they show twice without its
    fold saying which (the problem is then the fold's, so a form asks it there)
    (:mod:`briefing.domain.times`) and an end before the start are refused. Start and end
    are compared as instants when both have a time and a zone, so a flight that lands
    "earlier" by the arrival clock than it left by the departure clock is judged by when
    it happens; otherwise by their dates (and times, on one clock).
    """
    zone = values.get("timezone") or ""
    arrival = values.get("arrival_timezone") or ""
    for name, value in (("timezone", zone), ("arrival_timezone", arrival)):
        if value and not is_zone(value):
            return name, UnknownZone(value).phrase
    start_date: dt.date | None = values.get("start_date")
    end_date: dt.date | None = values.get("end_date")
    start_time: dt.time | None = values.get("start_time")
    end_time: dt.time | None = values.get("end_time")
    end_zone = arrival or zone
    begin = finish = None
    try:
        if start_date is not None and start_time is not None and zone:
            begin = instant(start_date, start_time, zone, values.get("start_fold"))
    except AmbiguousTime as twice:
        return "start_fold", twice.phrase
    except TimeProblem as skipped:
        return "start_time", skipped.phrase
    try:
        if end_time is not None and end_zone and (day := end_date or start_date) is not None:
            finish = instant(day, end_time, end_zone, values.get("end_fold"))
    except AmbiguousTime as twice:
        return "end_fold", twice.phrase
    except TimeProblem as skipped:
        return "end_time", skipped.phrase
    if begin is not None and finish is not None:
        if finish < begin:
            return "end_time", Phrase(
                N_("it ends at {end}, before it starts at {start}"),
                end=_wall(finish, end_zone),
                start=_wall(begin, zone),
            )
        return None
    if (problem := span_problem(start_date, end_date)) is not None:
        return "end_date", Phrase(N_("it {problem}"), problem=problem)
    if (
        start_time is not None
        and end_time is not None
        and end_zone == zone
        and (end_date is None or end_date == start_date)
        and end_time < start_time
    ):
        return "end_time", Phrase(
            N_("it {problem}"),
            problem=Phrase(
                N_("ends ({end}) before it starts ({start})"),
                end=f"{end_time:%H:%M}",
                start=f"{start_time:%H:%M}",
            ),
        )
    return None


def _wall(moment: dt.datetime, zone: str) -> str:
    """An instant on a zone's clock and in UTC: "2026-07-03 09:00 EDT (13:00 UTC)"."""
    local = moment.astimezone(zone_info(zone))
    return f"{local:%Y-%m-%d} {clock(moment, zone)} ({moment.astimezone(dt.UTC):%H:%M} UTC)"
