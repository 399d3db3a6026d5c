"""Read-only queries behind the lists, the chart and the trees, filtered for an audience.

Each list is a :class:`~briefing.store.listing.Listing`: one SELECT of the columns it
shows, as plain rows rather than ORM objects, which the store counts, filters, sorts and
reads a page at a time, so a dossier of a hundred thousand events opens as quickly as a
small one. Columns that cost a subquery (an office on a date, the sides at an event) are
SQL expressions too, so a list can sort and filter by what it shows.

A column that may carry a level of its own (a chip's value) is read from its
:class:`~briefing.domain.FieldLevel` row joined by level in SQL, so an audience below it
gets nothing, and sorting or filtering by that column sees only what the audience sees.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from sqlalchemy import (
    ColumnElement,
    Exists,
    Row,
    ScalarSelect,
    and_,
    bindparam,
    case,
    func,
    select,
    union_all,
)
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import Subquery

from briefing.domain import (
    Appointment,
    BargainingChip,
    ChipSector,
    Citation,
    Delegation,
    DelegationMember,
    Event,
    FieldLevel,
    Organization,
    Party,
    Person,
    Record,
    Source,
)
from briefing.domain.enums import (
    ChipKind,
    ChipStatus,
    DatePrecision,
    EventKind,
    EventStatus,
    Labelled,
    Likelihood,
    Reliability,
    Stance,
)
from briefing.domain.events import event_participant, last_day
from briefing.domain.formats import money
from briefing.domain.people import office_on, office_ranking, office_title
from briefing.store.chunked import chunked
from briefing.store.date_text import dated_text
from briefing.store.listing import Condition, Listing
from briefing.store.tables import KindRows
from briefing.store.visibility import only_shown, shown, visible, visible_column, visible_row

T = TypeVar("T")

STREAM_ROWS = 1000
"""Rows fetched at a time by queries that read a whole dossier's events: at 5,000 a batch
took more memory than the 100,000 events' chart columns (7.4 MB at the read's peak, not
3.4), and was no faster."""
TITLE_CHUNK = 900
"""Ids asked for at a time by :func:`event_titles`."""


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    native_name: str
    party: str
    title: str
    organization: str
    handling: int


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


@dataclass(frozen=True)
class ChipRow:
    id: int
    title: str
    party: str
    party_colour: str
    kind: ChipKind
    status: ChipStatus
    priority: int
    likelihood: Likelihood
    sectors: tuple[str, ...]
    value: str
    handling: int
    disputed: bool
    value_level: int = 0
    """The value's level: its own when it has one the audience sees, else the chip's."""


@dataclass(frozen=True)
class SourceRow:
    id: int
    title: str
    publisher: str
    published_on: dt.date | None
    reliability: Reliability
    citations: int
    handling: int


def _in_dossier(model: type[Record], dossier_id: int) -> ColumnElement[bool]:
    """WHERE clause: the model's rows in the dossier, read from the model's own table.

    ``+ 0`` keeps SQLite off the record table's dossier index: a database holds one or a
    few dossiers, so that index selects nearly every record of every kind, while walking
    the kind's own table (or its date index, for the timeline's order) reads only its rows.
    """
    return (model.dossier_id + 0) == dossier_id


def _party(party_id: Any, level: int, column: str) -> ScalarSelect[Any]:
    """A party's code or colour, if the audience may see the party."""
    party = KindRows(Party)
    return (
        party.select(party.own.c[column])
        .where(party.own.c.id == party_id, party.visible(level))
        .scalar_subquery()
    )


def _label(column: Any) -> ColumnElement[str]:
    """An enum's label in SQL ("on_the_table" → "on the table"), for the filter to find."""
    return func.replace(column, "_", " ")


def _rank(column: Any, members: Sequence[Labelled]) -> ColumnElement[int]:
    """An enum's place in its declared order, for sorting likelihood low to high."""
    return case({m.value: number for number, m in enumerate(members)}, value=column, else_=-1)


def _office(person_id: Any, level: int, on: dt.date, what: str) -> ScalarSelect[Any]:
    """The title or organization of the office a person held on ``on``, by the one rule
    (:func:`briefing.domain.people.office_ranking`): a former office's title reads
    "former: TITLE (until DATE)"; an office still to come is none."""
    office = KindRows(Appointment)
    start, end, office_id = office.own.c.start, office.own.c.end, office.own.c.id
    started, order = office_ranking(start, end, office_id, on)
    if what == "title":
        column: Any = office_title(office.own.c.title, end, on)
    else:
        organization = KindRows(Organization)
        column = func.ifnull(
            organization.select(organization.own.c.name)
            .where(
                organization.own.c.id == office.own.c.organization_id,
                organization.visible(level),
            )
            .scalar_subquery(),
            "",
        )
    return (
        office.select(column)
        .where(office.own.c.person_id == person_id, office.visible(level), started)
        .order_by(*order)
        .limit(1)
        .scalar_subquery()
    )


def _rows(make: Callable[..., T]) -> Callable[[Session, Sequence[Row[Any]]], list[T]]:
    """A listing's ``make`` for rows whose fields are the query's columns in order."""

    def build(_session: Session, rows: Sequence[Row[Any]]) -> list[T]:
        return [make(*row) for row in rows]

    return build


def person_listing(dossier_id: int, level: int, on: dt.date) -> Listing[PersonRow]:
    """Everyone, with the office each held on ``on``."""
    query = select(
        Person.id.label("id"),
        Person.name.label("name"),
        Person.native_name.label("native_name"),
        func.ifnull(_party(Person.party_id, level, "code"), "").label("party"),
        func.ifnull(_office(Person.id, level, on, "title"), "").label("title"),
        func.ifnull(_office(Person.id, level, on, "organization"), "").label("organization"),
        Person.handling.label("handling"),
    ).where(_in_dossier(Person, dossier_id), visible(Person, level))
    return Listing(
        query,
        text=("name", "native_name", "party", "title", "organization"),
        order=("name",),
        make=_rows(PersonRow),
    )


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
        )
        for row in rows
    ]


def event_listing(dossier_id: int, level: int) -> Listing[EventRow]:
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
        _label(Event.event_kind).label("kind_label"),
        _label(Event.status).label("status_label"),
        dated_text(Event.start_date, Event.end_date, Event.precision).label("dates"),
    ).where(_in_dossier(Event, dossier_id), visible(Event, level))
    return Listing(
        query,
        text=("dates", "title", "kind_label", "status_label", "place", "party"),
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
            (attendee.record.c.dossier_id + 0) == dossier_id,
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
            (delegation.record.c.dossier_id + 0) == dossier_id,
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
        .where(_in_dossier(Event, dossier_id), visible(Event, level))
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
        _in_dossier(Event, dossier_id),
        visible(Event, level),
    )
    titles: dict[int, str] = {}
    for piece in chunked(ids, TITLE_CHUNK):
        titles.update(session.execute(query, {"ids": list(piece)}).all())
    return titles


def _own_level(record_id: Any, name: str, level: int, what: str) -> ScalarSelect[Any]:
    """A protected column's value (``what="value"``) or level (``"level"``) from its own
    row, if it has one the audience may see; NULL otherwise (the record's column is then
    blank when the row exists, so COALESCE with it gives what the audience sees)."""
    row = FieldLevel.__table__.alias()
    column = func.json_extract(row.c.value, "$") if what == "value" else row.c.handling
    return (
        select(column)
        .where(
            row.c.record_id == record_id,
            row.c.field == name,
            visible_column(row.c.handling, level),
        )
        .scalar_subquery()
    )


def _seen(column: Any, name: str, level: int) -> ColumnElement[Any]:
    """A protected column as an audience at ``level`` sees it."""
    return func.coalesce(_own_level(BargainingChip.id, name, level, "value"), column)


def _disputed(record_id: Any, level: int) -> ColumnElement[bool]:
    """Whether citations the audience sees (by their own level and their source's) both
    support and dispute the record."""

    def cited(stance: Stance) -> Exists:
        source = Record.__table__.alias()
        return (
            select(Citation.id)
            .join(source, source.c.id == Citation.source_id)
            .where(
                Citation.record_id == record_id,
                Citation.stance == stance,
                visible_column(Citation.__table__.c.handling, level),
                visible_row(source, level),
            )
            .exists()
        )

    return and_(cited(Stance.SUPPORTS), cited(Stance.DISPUTES))


def _chip_rows(session: Session, rows: Sequence[Row[Any]]) -> list[ChipRow]:
    """Chips with their sectors, looked up for the page's chips alone."""
    ids = [row.id for row in rows]
    sectors: dict[int, list[str]] = defaultdict(list)
    for chip_id, name in session.execute(
        select(ChipSector.chip_id, ChipSector.name)
        .where(ChipSector.chip_id.in_(ids))
        .order_by(ChipSector.id)
    ):
        sectors[chip_id].append(name)
    return [
        ChipRow(
            row.id,
            row.title,
            row.party,
            row.party_colour,
            row.kind,
            row.status,
            row.priority,
            row.likelihood,
            tuple(sectors.get(row.id, ())),
            money(row.value_amount, row.value_currency),
            row.handling,
            bool(row.disputed),
            row.value_level,
        )
        for row in rows
    ]


def chip_listing(dossier_id: int, level: int) -> Listing[ChipRow]:
    sectors = (
        select(func.group_concat(ChipSector.name, ", "))
        .where(ChipSector.chip_id == BargainingChip.id)
        .scalar_subquery()
    )
    query = select(
        BargainingChip.id.label("id"),
        BargainingChip.title.label("title"),
        func.ifnull(_party(BargainingChip.party_id, level, "code"), "").label("party"),
        func.ifnull(_party(BargainingChip.party_id, level, "colour"), "#607080").label(
            "party_colour"
        ),
        BargainingChip.chip_kind.label("kind"),
        BargainingChip.status.label("status"),
        BargainingChip.priority.label("priority"),
        BargainingChip.likelihood.label("likelihood"),
        _seen(BargainingChip.value_amount, "value_amount", level).label("value_amount"),
        _seen(BargainingChip.value_currency, "value_currency", level).label("value_currency"),
        func.coalesce(
            _own_level(BargainingChip.id, "value_amount", level, "level"), BargainingChip.handling
        ).label("value_level"),
        BargainingChip.handling.label("handling"),
        _disputed(BargainingChip.id, level).label("disputed"),
        _label(BargainingChip.chip_kind).label("kind_label"),
        _label(BargainingChip.status).label("status_label"),
        _label(BargainingChip.likelihood).label("likelihood_label"),
        _rank(BargainingChip.likelihood, list(Likelihood)).label("likelihood_rank"),
        sectors.label("sectors"),
    ).where(_in_dossier(BargainingChip, dossier_id), visible(BargainingChip, level))
    return Listing(
        query,
        text=("title", "party", "kind_label", "status_label", "likelihood_label", "sectors"),
        order=("priority", "title"),
        make=_chip_rows,
    )


def chip_conditions(
    sector: str | None, status: ChipStatus | None, likelihood: Likelihood | None
) -> dict[str, Condition]:
    """The chips page's filters as conditions on its listing."""

    def in_sector(listed: Subquery) -> ColumnElement[bool]:
        return (
            select(ChipSector.id)
            .where(ChipSector.chip_id == listed.c.id, ChipSector.name == sector)
            .exists()
        )

    conditions: dict[str, Condition] = {}
    if sector:
        conditions["sector"] = in_sector
    if status:
        conditions["status"] = lambda listed: listed.c.status == status
    if likelihood:
        conditions["likelihood"] = lambda listed: listed.c.likelihood == likelihood
    return conditions


def chip_sectors(session: Session, dossier_id: int, level: int) -> list[str]:
    """The sectors the audience's chips touch, for the sector filter."""
    names = session.scalars(
        select(ChipSector.name)
        .join(BargainingChip, BargainingChip.id == ChipSector.chip_id)
        .where(BargainingChip.dossier_id == dossier_id, visible(BargainingChip, level))
        .distinct()
    )
    return sorted(names, key=str.casefold)


@dataclass(frozen=True)
class MatrixChip:
    id: int
    title: str
    status: ChipStatus
    likelihood: Likelihood


@dataclass(frozen=True)
class MatrixCell:
    """The first chips of one party and kind, in priority order, and how many there are."""

    chips: tuple[MatrixChip, ...]
    total: int


def chip_matrix(
    session: Session, dossier_id: int, level: int, per_cell: int
) -> dict[tuple[str, ChipKind], MatrixCell]:
    """Chips by party and kind, at most ``per_cell`` of them listed in each cell.

    Cells are keyed by party code; a party the audience may not see reads "—".
    """
    codes = dict(
        session.execute(
            select(Party.id, Party.code).where(
                _in_dossier(Party, dossier_id), visible(Party, level)
            )
        ).all()
    )
    cell = (BargainingChip.party_id, BargainingChip.chip_kind)
    numbered = (
        select(
            BargainingChip.id.label("id"),
            BargainingChip.title.label("title"),
            BargainingChip.status.label("status"),
            BargainingChip.likelihood.label("likelihood"),
            BargainingChip.chip_kind.label("kind"),
            BargainingChip.party_id.label("party_id"),
            func.row_number()
            .over(
                partition_by=cell,
                order_by=(BargainingChip.priority, BargainingChip.title, BargainingChip.id),
            )
            .label("number"),
            func.count().over(partition_by=cell).label("total"),
        )
        .where(_in_dossier(BargainingChip, dossier_id), visible(BargainingChip, level))
        .subquery()
    )
    listed: dict[tuple[str, ChipKind], list[MatrixChip]] = defaultdict(list)
    totals: dict[tuple[str, ChipKind], int] = defaultdict(int)
    seen: set[tuple[int | None, ChipKind]] = set()
    for row in session.execute(
        select(numbered).where(numbered.c.number <= per_cell).order_by(numbered.c.number)
    ):
        key = (codes.get(row.party_id, "—"), row.kind)
        if len(listed[key]) < per_cell:
            listed[key].append(MatrixChip(row.id, row.title, row.status, row.likelihood))
        if (row.party_id, row.kind) not in seen:
            seen.add((row.party_id, row.kind))
            totals[key] += row.total
    return {key: MatrixCell(tuple(chips), totals[key]) for key, chips in listed.items()}


def source_listing(dossier_id: int, level: int) -> Listing[SourceRow]:
    cited = Record.__table__.alias()
    citations = (
        select(func.count(Citation.id))
        .join(cited, cited.c.id == Citation.record_id)
        .where(
            Citation.source_id == Source.id,
            visible_row(cited, level),
            visible_column(Citation.__table__.c.handling, level),
        )
        .scalar_subquery()
    )
    query = select(
        Source.id.label("id"),
        Source.title.label("title"),
        Source.publisher.label("publisher"),
        Source.published_on.label("published_on"),
        Source.reliability.label("reliability"),
        citations.label("citations"),
        Source.handling.label("handling"),
    ).where(_in_dossier(Source, dossier_id), visible(Source, level))
    return Listing(
        query,
        text=("title", "publisher", "reliability"),
        order=("id",),
        make=_rows(SourceRow),
    )


@dataclass(frozen=True)
class DelegationGroup:
    """An event with delegations at it; id 0 stands for the standing delegations."""

    id: int
    start: dt.date | None
    title: str


@dataclass(frozen=True)
class TeamMember:
    person_id: int
    position: int
    name: str
    native_name: str
    role: str
    title: str


@dataclass(frozen=True)
class Team:
    id: int
    party: str
    members: tuple[TeamMember, ...]


def delegation_groups(dossier_id: int, level: int) -> Listing[DelegationGroup]:
    """The events the audience sees delegations at, in date order."""
    delegation = KindRows(Delegation)
    attended = (
        delegation.select(delegation.own.c.id)
        .where(delegation.own.c.event_id == Event.id, delegation.visible(level))
        .exists()
    )
    query = select(
        Event.id.label("id"), Event.start_date.label("start"), Event.title.label("title")
    ).where(_in_dossier(Event, dossier_id), visible(Event, level), attended)
    return Listing(query, text=("title",), order=("start",), make=_rows(DelegationGroup))


def has_standing_delegations(session: Session, dossier_id: int, level: int) -> bool:
    """Whether the audience sees delegations tied to no event (a standing team)."""
    query = select(Delegation.id).where(
        _in_dossier(Delegation, dossier_id),
        visible(Delegation, level),
        Delegation.event_id.is_(None),
    )
    return session.execute(query.limit(1)).first() is not None


def teams(
    session: Session, dossier_id: int, level: int, event_id: int | None, on: dt.date
) -> list[Team]:
    """Each party's delegation at one event (None: the standing ones), members in order.

    A member's title is the office they held on ``on`` among those the audience sees
    (:func:`briefing.domain.people.office_on`), "former: …" when it had ended by then.
    A delegation is never below
    its party (the store raises it), and one whose party is withheld is not listed.
    """
    offices = selectinload(DelegationMember.person).selectinload(Person.appointments)
    side = KindRows(Party)
    sides = side.select(side.own.c.id).where(side.visible(level))
    delegations = session.scalars(
        select(Delegation)
        .where(
            Delegation.dossier_id == dossier_id,
            visible(Delegation, level),
            Delegation.party_id.in_(sides),
            Delegation.event_id.is_(None) if event_id is None else Delegation.event_id == event_id,
        )
        .options(selectinload(Delegation.party), selectinload(Delegation.members).options(offices))
    ).all()
    result = []
    for delegation in sorted(delegations, key=lambda d: (d.party.code, d.id)):
        members = []
        for position, member in enumerate(delegation.members, start=1):
            person = member.person
            if not shown(person, level):
                continue
            held = office_on(only_shown(person.appointments, level), on)
            title = held.label(held.office.title) if held is not None else ""
            head = member.is_head and "head" not in member.role.lower()
            role = member.role + (" (head)" if head else "")
            members.append(
                TeamMember(person.id, position, person.name, person.native_name, role, title)
            )
        party = f"{delegation.party.name} ({delegation.party.code})"
        result.append(Team(delegation.id, party, tuple(members)))
    return result
