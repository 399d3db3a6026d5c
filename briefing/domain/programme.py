"""The delegation's programme (issue 19): the trip's entries day by day, each with where
to be next.

One selection for the book's Programme section and the window's Programme page, so the
two list the same entries on the same days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from briefing.domain.enums import DatePrecision, EventKind, EventStatus

TRAVEL_KINDS = (
    EventKind.FLIGHT,
    EventKind.TRANSFER,
    EventKind.HOTEL,
    EventKind.RECEPTION,
    EventKind.PRESS_EVENT,
)
"""The kinds that exist only to make a programme: the trip's span is theirs."""

TALKS = (EventKind.MEETING, EventKind.CALL, EventKind.SUMMIT)
"""Kinds on the programme when they fall within the trip: the talks themselves."""


class Entry(Protocol):
    """What the programme reads of an event (the book's and the store's rows alike)."""

    @property
    def kind(self) -> EventKind: ...
    @property
    def status(self) -> EventStatus: ...
    @property
    def precision(self) -> DatePrecision: ...
    @property
    def start_date(self) -> dt.date: ...
    @property
    def start_time(self) -> dt.time | None: ...
    @property
    def place(self) -> str: ...
    @property
    def title(self) -> str: ...


E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class Item(Generic[E]):
    """One entry of a day, and where to be next: the next entry's place, on this day or a
    later one ("" after the last, or when the next has no place written)."""

    event: E
    following: E | None
    """The next entry, on this day or a later one (None after the last)."""

    @property
    def next_place(self) -> str:
        return self.following.place if self.following is not None else ""


@dataclass(frozen=True)
class Day(Generic[E]):
    """The entries of one day on the venue's calendar, in the order they happen."""

    day: dt.date
    items: tuple[Item[E], ...]


def _order(event: Entry) -> tuple[dt.date, int, dt.time, str]:
    """By day; then the entries with a time, by the clock; then those the sources date but
    do not time, by title (they are only known to fall that day); the night's hotel last."""
    band = 0 if event.start_time is not None else 2 if event.kind == EventKind.HOTEL else 1
    return (event.start_date, band, event.start_time or dt.time(0), event.title)


def programme(events: Iterable[E]) -> list[Day[E]]:
    """The programme of ``events``: every entry of a travel kind, and the talks dated to the
    day from the first travel entry's day to the last's, none of them cancelled.

    Days are the venue's calendar days, the dates as written: the programme is read on the
    ground, where "Wednesday" is the venue's Wednesday; each entry's home time stands beside
    its venue time for the office at home. Without a travel entry there is no programme.
    """
    live = [e for e in events if e.status != EventStatus.CANCELLED]
    travel = [e for e in live if e.kind in TRAVEL_KINDS]
    if not travel:
        return []
    first = min(e.start_date for e in travel)
    last = max(e.start_date for e in travel)
    chosen = sorted(
        (
            e
            for e in live
            if e.kind in TRAVEL_KINDS
            or (
                e.kind in TALKS
                and e.precision == DatePrecision.DAY
                and first <= e.start_date <= last
            )
        ),
        key=_order,
    )
    days: dict[dt.date, list[Item[E]]] = {}
    for i, event in enumerate(chosen):
        following = chosen[i + 1] if i + 1 < len(chosen) else None
        days.setdefault(event.start_date, []).append(Item(event, following))
    return [Day(day, tuple(items)) for day, items in days.items()]
