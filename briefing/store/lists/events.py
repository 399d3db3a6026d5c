"""The timeline's events: its list, and the whole dossier's events as the chart's columns.

Each event's sides (the parties whose people or delegations attend) are worked out in SQL,
so the list can sort and filter by them and the chart colour by them.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, Row, bindparam, case, func, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from briefing.domain import Delegation, Event, Party, Person
from briefing.domain.date_sql import dated_text
from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.events import event_participant, last_day
from briefing.domain.formats import ENGLISH
from briefing.domain.portable_sql import unindexed
from briefing.store.chunked import chunked
from briefing.store.lists.listing import Listing
from briefing.store.lists.sql import enum_label, in_dossier
from briefing.store.tables import KindRows
from briefing.store.visibility import visible

STREAM_ROWS = 1000
"""Rows fetched at a time by queries that read a whole dossier's events: at 5,000 a batch
took more memory than the 100,000 events' chart columns (7.4 MB at the read's peak, not
3.4), and was no faster."""
TITLE_CHUNK = 900
"""Ids asked for at a time by :func:`event_titles`."""


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    title: str
    kind: EventKind
    start: dt.date
    end: dt.date
    precision: DatePrecision
    place: str
    status: EventStatus
    party: str
    handling: int
    end_date: dt.date | None
    """The end as the sources give it (``end`` is the last day the event may fall on)."""
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    timezone: str = ""
    arrival_place: str = ""
    arrival_timezone: str = ""
    start_fold: int | None = None
    end_fold: int | None = None

    @property
    def start_date(self) -> dt.date:
        """The first day, as :class:`briefing.domain.times.Timed` names it: a row's times
        are read as an event's (its venue and home clocks, its days left at home)."""
        return self.start


def _event_party(level: int) -> ColumnElement[str]:
    """ "KR", "US", "Joint" or "": the sides whose people or delegations attend an event.

    One correlated subquery over the codes of both kinds of attendance: a third of the
    time of asking for each kind's lowest and highest code apart, which matters when a
    filter or a sort evaluates it for every one of a ministry's events.
    """
    event = Event.__table__
    attendee, side = KindRows(Person), KindRows(Party)
    people = (
        side.select(side.own.c.code.label("code"))
        .join(attendee.joined, attendee.own.c.party_id == side.own.c.id)
        .join(event_participant, event_participant.c.person_id == attendee.own.c.id)
        .where(
            event_participant.c.event_id == event.c.id,
            attendee.visible(level),
            side.visible(level),
        )
        .correlate(event)
    )
    delegation, delegation_side = KindRows(Delegation), KindRows(Party)
    delegations = (
        delegation_side.select(delegation_side.own.c.code.label("code"))
        .join(delegation.joined, delegation.own.c.party_id == delegation_side.own.c.id)
        .where(
            delegation.own.c.event_id == event.c.id,
            delegation.visible(level),
            delegation_side.visible(level),
        )
        .correlate(event)
    )
    codes = union_all(people, delegations).subquery()
    low, high = func.min(codes.c.code), func.max(codes.c.code)
    return (
        select(case((low.is_(None), ""), (low != high, "Joint"), else_=low))
        .select_from(codes)
        .scalar_subquery()
    )


def _event_rows(_session: Session, rows: Sequence[Row[Any]]) -> list[EventRow]:
    return [
        EventRow(
            row.id,
            row.title,
            row.kind,
            row.start,
            last_day(row.start, row.end, row.precision),
            row.precision,
            row.place,
            row.status,
            row.party,
            row.handling,
            row.end,
            row.start_time,
            row.end_time,
            row.timezone,
            row.arrival_place,
            row.arrival_timezone,
            row.start_fold,
            row.end_fold,
        )
        for row in rows
    ]


def event_listing(dossier_id: int, level: int, language: str = ENGLISH) -> Listing[EventRow]:
    """The events the audience sees, their dates written (and filtered) in ``language``."""
    query = select(
        Event.id.label("id"),
        Event.title.label("title"),
        Event.event_kind.label("kind"),
        Event.start_date.label("start"),
        Event.end_date.label("end"),
        Event.precision.label("precision"),
        Event.place.label("place"),
        Event.status.label("status"),
        _event_party(level).label("party"),
        Event.handling.label("handling"),
        enum_label(Event.event_kind).label("kind_label"),
        enum_label(Event.status).label("status_label"),
        dated_text(Event.start_date, Event.end_date, Event.precision, language).label("dates"),
        Event.start_time.label("start_time"),
        Event.end_time.label("end_time"),
        Event.timezone.label("timezone"),
        Event.arrival_place.label("arrival_place"),
        Event.arrival_timezone.label("arrival_timezone"),
        Event.start_fold.label("start_fold"),
        Event.end_fold.label("end_fold"),
    ).where(in_dossier(Event, dossier_id), visible(Event, level))
    return Listing(
        query,
        text=("dates", "title", "kind_label", "status_label", "place", "arrival_place", "party"),
        order=("start", "end"),
        make=_event_rows,
    )


class ChartEvents:
    """Every event an audience sees, in date order, as columns of small numbers.

    The timeline chart places and counts every event, but a ministry's 100,000 events as
    row objects held about 45 MB of the GUI's memory; as these columns they take about
    2 MB. Titles are left out: the chart asks for the few near its view
    (:func:`event_titles`).

    Attributes:
        ids: the events' ids.
        first, last: the first and last day each may fall on (``last_day``), as ordinals.
        kind, status, precision: positions in ``KINDS``, ``STATUSES`` and ``PRECISIONS``.
        side: a position in ``sides``: the one party's code whose people or delegations
            attend, "Joint" when several do, "" when none.
    """

    KINDS: ClassVar[tuple[EventKind, ...]] = tuple(EventKind)
    STATUSES: ClassVar[tuple[EventStatus, ...]] = tuple(EventStatus)
    PRECISIONS: ClassVar[tuple[DatePrecision, ...]] = tuple(DatePrecision)
    __slots__ = ("first", "ids", "kind", "last", "precision", "side", "sides", "status")

    def __init__(self) -> None:
        self.ids = array("q")
        self.first = array("i")
        self.last = array("i")
        self.kind = array("B")
        self.status = array("B")
        self.precision = array("B")
        self.side = array("H")
        self.sides: list[str] = []

    def __len__(self) -> int:
        return len(self.ids)


def _event_sides(dossier_id: int, level: int) -> Subquery:
    """Per event, the lowest and highest code of the sides attending it, in one pass.

    The same attendance as the listing's ``_event_party`` (participants' parties and
    delegations' parties, each shown to the audience), grouped once over the dossier
    rather than asked per event.
    """
    attendee, side = KindRows(Person), KindRows(Party)
    people = (
        side.select(event_participant.c.event_id.label("event_id"), side.own.c.code.label("code"))
        .join(attendee.joined, attendee.own.c.party_id == side.own.c.id)
        .join(event_participant, event_participant.c.person_id == attendee.own.c.id)
        .where(
            unindexed(attendee.record.c.dossier_id) == dossier_id,
            attendee.visible(level),
            side.visible(level),
        )
    )
    delegation, delegation_side = KindRows(Delegation), KindRows(Party)
    delegations = (
        delegation_side.select(
            delegation.own.c.event_id.label("event_id"),
            delegation_side.own.c.code.label("code"),
        )
        .join(delegation.joined, delegation.own.c.party_id == delegation_side.own.c.id)
        .where(
            unindexed(delegation.record.c.dossier_id) == dossier_id,
            delegation.visible(level),
            delegation_side.visible(level),
        )
    )
    codes = union_all(people, delegations).subquery()
    return (
        select(
            codes.c.event_id,
            func.min(codes.c.code).label("low"),
            func.max(codes.c.code).label("high"),
        )
        .group_by(codes.c.event_id)
        .subquery()
    )


def chart_events(session: Session, dossier_id: int, level: int) -> ChartEvents:
    """Every event the audience sees, in date order, for the timeline chart.

    Rows are streamed into the columns as they come: no row object outlives its batch.
    """
    sides = _event_sides(dossier_id, level)
    low, high = sides.c.low, sides.c.high
    rows = session.execute(
        select(
            Event.id,
            Event.start_date,
            Event.end_date,
            Event.precision,
            Event.event_kind,
            Event.status,
            case((low.is_(None), ""), (low != high, "Joint"), else_=low),
        )
        .outerjoin(sides, sides.c.event_id == Event.id)
        .where(in_dossier(Event, dossier_id), visible(Event, level))
        .order_by(Event.start_date, Event.id)
        .execution_options(yield_per=STREAM_ROWS)
    )
    chart = ChartEvents()
    kinds = {k: n for n, k in enumerate(chart.KINDS)}
    statuses = {s: n for n, s in enumerate(chart.STATUSES)}
    precisions = {p: n for n, p in enumerate(chart.PRECISIONS)}
    side_codes: dict[str, int] = {}
    for part in rows.partitions():
        for event_id, start, end, precision, kind, status, party in part:
            chart.ids.append(event_id)
            chart.first.append(start.toordinal())
            chart.last.append(last_day(start, end, precision).toordinal())
            chart.precision.append(precisions[precision])
            chart.kind.append(kinds[kind])
            chart.status.append(statuses[status])
            chart.side.append(side_codes.setdefault(party, len(side_codes)))
    chart.sides = list(side_codes)
    return chart


def event_titles(
    session: Session, dossier_id: int, level: int, ids: Sequence[int]
) -> dict[int, str]:
    """The titles of the events among ``ids`` that the audience may see.

    For the few events near the chart's view, read as it pans; the ids go in chunks under
    the bound-parameter limit of older SQLite builds (999), as parameters of the execution:
    ids built into each statement lingered in the statement cache and in garbage that the
    app's unhurried collector reached late (about 6 MB after twenty windows).
    """
    query = select(Event.id, Event.title).where(
        Event.id.in_(bindparam("ids", expanding=True)),
        in_dossier(Event, dossier_id),
        visible(Event, level),
    )
    titles: dict[int, str] = {}
    for piece in chunked(ids, TITLE_CHUNK):
        titles.update(session.execute(query, {"ids": list(piece)}).all())
    return titles
