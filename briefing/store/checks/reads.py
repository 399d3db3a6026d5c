"""What the checks read: Core selects of plain rows, already filtered to an audience.

No ORM object is built: on a ministry's dossier the checks read some 300,000 records, and
loading them as objects (with their citations, members and offices) took most of their
time. Events and records are streamed by id, and what each batch needs besides (its
attendees, their offices, its citations) is read for the batch's span of ids; the texts
holding references are streamed whole, kind by kind. Everything withheld from the
audience is left out in SQL, through :mod:`briefing.store.visibility`, so a check never
sees what it must not report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    exists,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session

from briefing.domain import (
    Appointment,
    BargainingChip,
    Citation,
    Delegation,
    DelegationMember,
    Event,
    FieldLevel,
    Person,
    Record,
    Source,
    TravelConflict,
)
from briefing.domain.enums import DatePrecision, EventKind, EventStatus, Reliability, Stance
from briefing.domain.events import event_participant, last_day
from briefing.domain.references import text_fields
from briefing.domain.registry import KINDS
from briefing.domain.sources import weakly_graded
from briefing.store.visibility import Field, seen_field, visible_column, visible_row

RECORD = Record.__table__
EVENT = Event.__table__
PERSON = Person.__table__
DELEGATION = Delegation.__table__
MEMBER = DelegationMember.__table__
APPOINTMENT = Appointment.__table__
CITATION = Citation.__table__
SOURCE = Source.__table__
CHIP = BargainingChip.__table__
FIELD = FieldLevel.__table__
CONFLICT = TravelConflict.__table__


class EventRow(NamedTuple):
    id: int
    kind: EventKind
    status: EventStatus
    start: dt.date
    end: dt.date | None
    precision: DatePrecision
    handling: int
    owner_id: int | None
    owner_shown: bool

    @property
    def last_day(self) -> dt.date:
        return last_day(self.start, self.end, self.precision)


class Attendee(NamedTuple):
    """A person the audience sees at an event, and the level of what places them there."""

    id: int
    name: str
    handling: int
    placed: int


class Office(NamedTuple):
    """An appointment the audience sees, as :func:`~briefing.domain.people.office_on` takes it."""

    start: dt.date | None
    end: dt.date | None
    title: str
    handling: int


class Cited(NamedTuple):
    """A citation the audience sees, with what a finding quotes of its source."""

    stance: Stance
    credibility: int
    handling: int
    reliability: Reliability
    title: str
    source_handling: int

    @property
    def is_weak(self) -> bool:
        return weakly_graded(self.reliability, self.credibility)


def _record(name: str) -> Any:
    """The record row of a ``name`` (its level, its dossier), under an alias of its own."""
    return RECORD.alias(f"{name}_record")


def events(dossier_id: int, level: int) -> Select[Any]:
    """The events the audience sees, by id; whether each one's owner is shown to it."""
    own, owner = _record("own"), _record("owner")
    return (
        select(
            EVENT.c.id,
            EVENT.c.event_kind,
            EVENT.c.status,
            EVENT.c.start_date,
            EVENT.c.end_date,
            EVENT.c.precision,
            own.c.handling,
            EVENT.c.owner_id,
            owner.c.id.is_not(None),
        )
        .select_from(EVENT)
        .join(own, own.c.id == EVENT.c.id)
        .outerjoin(owner, and_(owner.c.id == EVENT.c.owner_id, visible_row(owner, level)))
        .where(own.c.dossier_id == dossier_id, visible_row(own, level))
        .order_by(EVENT.c.id)
    )


LO, HI = bindparam("lo", type_=Integer), bindparam("hi", type_=Integer)
"""A batch is a span of ids (events and records are read by id): each read takes the span
as two parameters, so its statement is built and compiled once per run, not per batch."""

Span = dict[str, int]
"""The parameters of a batch's span: its first and last id."""


def span(ids: Sequence[int]) -> Span:
    return {"lo": ids[0], "hi": ids[-1]}


def _in_span(column: ColumnElement[int]) -> ColumnElement[bool]:
    return column.between(LO, HI)


@cache
def participants(level: int) -> Select[Any]:
    """The people the audience sees among the own participants of events in the span."""
    person = _record("person")
    return (
        select(event_participant.c.event_id, PERSON.c.id, PERSON.c.name, person.c.handling)
        .select_from(event_participant)
        .join(PERSON, PERSON.c.id == event_participant.c.person_id)
        .join(person, person.c.id == PERSON.c.id)
        .where(_in_span(event_participant.c.event_id), visible_row(person, level))
        .order_by(PERSON.c.name, PERSON.c.id)
    )


@cache
def members(level: int) -> Select[Any]:
    """The people the audience sees in the delegations it sees of events in the span,
    with the level of the delegation."""
    person, delegation = _record("person"), _record("delegation")
    return (
        select(DELEGATION.c.event_id, PERSON.c.id, PERSON.c.name, person.c.handling)
        .add_columns(delegation.c.handling)
        .select_from(MEMBER)
        .join(DELEGATION, DELEGATION.c.id == MEMBER.c.delegation_id)
        .join(delegation, delegation.c.id == DELEGATION.c.id)
        .join(PERSON, PERSON.c.id == MEMBER.c.person_id)
        .join(person, person.c.id == PERSON.c.id)
        .where(
            _in_span(DELEGATION.c.event_id),
            visible_row(delegation, level),
            visible_row(person, level),
        )
        .order_by(DELEGATION.c.id, MEMBER.c.position, MEMBER.c.id)
    )


def attendees(
    session: Session, batch: Sequence[EventRow], level: int
) -> dict[int, dict[int, Attendee]]:
    """Who the audience sees at each event: its own participants (placed at the event's
    level), then the members of each delegation it may see (placed at the delegation's).

    A person placed only by a withheld delegation is not at the event for this audience.
    The span may hold events the batch does not (another dossier's, withheld ones): their
    rows are passed over.
    """
    where = span([e.id for e in batch])
    handling = {e.id: e.handling for e in batch}
    seen: dict[int, dict[int, Attendee]] = defaultdict(dict)
    for event_id, person_id, name, rank in session.execute(participants(level), where).all():
        if event_id in handling:
            seen[event_id][person_id] = Attendee(person_id, name, rank, handling[event_id])
    for event_id, person_id, name, rank, placed in session.execute(members(level), where).all():
        if event_id in handling:
            seen[event_id].setdefault(person_id, Attendee(person_id, name, rank, placed))
    return seen


@cache
def appointments(level: int) -> Select[Any]:
    """The offices the audience sees of everyone placed at an event in the span, each
    person's by start and id (as ``Person.appointments``, whose order :func:`office_on`
    breaks ties by)."""
    appointment = _record("appointment")
    placed = union(
        select(event_participant.c.person_id).where(_in_span(event_participant.c.event_id)),
        select(MEMBER.c.person_id)
        .join(DELEGATION, DELEGATION.c.id == MEMBER.c.delegation_id)
        .where(_in_span(DELEGATION.c.event_id)),
    )
    return (
        select(
            APPOINTMENT.c.person_id,
            APPOINTMENT.c.start,
            APPOINTMENT.c.end,
            APPOINTMENT.c.title,
            appointment.c.handling,
        )
        .join(appointment, appointment.c.id == APPOINTMENT.c.id)
        .where(APPOINTMENT.c.person_id.in_(placed), visible_row(appointment, level))
        .order_by(
            APPOINTMENT.c.person_id, APPOINTMENT.c.start.asc().nulls_first(), APPOINTMENT.c.id
        )
    )


def offices(session: Session, batch: Sequence[EventRow], level: int) -> dict[int, list[Office]]:
    held: dict[int, list[Office]] = defaultdict(list)
    where = span([e.id for e in batch])
    for person_id, start, end, title, rank in session.execute(appointments(level), where).all():
        held[person_id].append(Office(start, end, title, rank))
    return held


class RecordRow(NamedTuple):
    id: int
    kind: str
    handling: int


def records(dossier_id: int, level: int) -> Select[Any]:
    """Every record the audience sees, by id."""
    return (
        select(RECORD.c.id, RECORD.c.kind, RECORD.c.handling)
        .where(RECORD.c.dossier_id == dossier_id, visible_row(RECORD, level))
        .order_by(RECORD.c.id)
    )


@cache
def cited(level: int) -> Select[Any]:
    """The citations the audience sees of records in the span (it sees their source too),
    in the order they were made."""
    source = _record("source")
    return (
        select(
            CITATION.c.record_id,
            CITATION.c.stance,
            CITATION.c.credibility,
            CITATION.c.handling,
            SOURCE.c.reliability,
            SOURCE.c.title,
            source.c.handling,
        )
        .join(SOURCE, SOURCE.c.id == CITATION.c.source_id)
        .join(source, source.c.id == SOURCE.c.id)
        .where(
            _in_span(CITATION.c.record_id),
            visible_column(CITATION.c.handling, level),
            visible_row(source, level),
        )
        .order_by(CITATION.c.record_id, CITATION.c.id)
    )


def citations(session: Session, batch: Sequence[RecordRow], level: int) -> dict[int, list[Cited]]:
    found: dict[int, list[Cited]] = defaultdict(list)
    for record_id, *row in session.execute(cited(level), span([r.id for r in batch])).all():
        found[record_id].append(Cited(*row))
    return found


REFERENCE = "[["
"""What a text holding a reference contains: the others are not read at all."""


def text_columns(kind: str, dossier_id: int, level: int) -> Select[Any]:
    """The texts that may hold references (:func:`text_fields`) of the records of ``kind``
    the audience sees, where any does. A protected text's column is blank: its value is
    in :func:`protected_texts`."""
    table = Record.metadata.tables[kind]
    columns = [table.c[n] if n in table.c else RECORD.c[n] for n in text_fields(kind)]
    return (
        select(table.c.id, RECORD.c.handling, *columns)
        .join(RECORD, RECORD.c.id == table.c.id)
        .where(
            RECORD.c.dossier_id == dossier_id,
            visible_row(RECORD, level),
            or_(*(column.contains(REFERENCE) for column in columns)),
        )
        .order_by(table.c.id)
    )


def protected_texts(dossier_id: int, level: int) -> Select[Any]:
    """The protected fields holding a reference of the records the audience sees."""
    return (
        select(RECORD.c.id, RECORD.c.kind, RECORD.c.handling, FIELD.c.field)
        .add_columns(FIELD.c.handling, FIELD.c.value)
        .join(RECORD, RECORD.c.id == FIELD.c.record_id)
        .where(
            RECORD.c.dossier_id == dossier_id,
            visible_row(RECORD, level),
            FIELD.c.value.contains(REFERENCE),
        )
        .order_by(FIELD.c.id)
    )


class Text(NamedTuple):
    record_id: int
    kind: str
    name: str
    seen: Field


def texts(session: Session, dossier_id: int, level: int, size: int) -> Iterator[Text]:
    """Each text holding a reference the audience sees, kind by kind: a protected one at
    its own level, or not at all when withheld."""
    for kind in KINDS:
        names = text_fields(kind.name)
        stmt = text_columns(kind.name, dossier_id, level)
        for record_id, handling, *values in stream(session, stmt, size):
            for name, value in zip(names, values, strict=True):
                seen = seen_field(value, handling, None, level)
                if seen is not None:
                    yield Text(record_id, kind.name, name, seen)
    stmt = protected_texts(dossier_id, level)
    for record_id, kind_name, handling, name, rank, stored in stream(session, stmt, size):
        seen = seen_field(None, handling, (rank, stored), level)
        if seen is not None and name in text_fields(kind_name):
            yield Text(record_id, kind_name, name, seen)


def stream(session: Session, stmt: Select[Any], size: int) -> Iterator[Any]:
    """The rows of ``stmt``, fetched from the database ``size`` at a time."""
    yield from session.execute(stmt, execution_options={"yield_per": size})


def people_without_role(dossier_id: int, level: int) -> Select[Any]:
    """The people the audience sees with no office it sees."""
    person, appointment = _record("person"), _record("appointment")
    office = (
        exists()
        .where(APPOINTMENT.c.person_id == PERSON.c.id)
        .where(appointment.c.id == APPOINTMENT.c.id, visible_row(appointment, level))
    )
    return (
        select(PERSON.c.id)
        .join(person, person.c.id == PERSON.c.id)
        .where(person.c.dossier_id == dossier_id, visible_row(person, level), ~office)
        .order_by(PERSON.c.id)
    )


def party_level(session: Session, party_id: int) -> int | None:
    return session.scalar(select(RECORD.c.handling).where(RECORD.c.id == party_id))


def chip_minimums(dossier_id: int, party_id: int, level: int) -> Select[Any]:
    """The party's chips the audience sees, each with its minimum and, when the minimum is
    protected, its own row's level and value."""
    chip = _record("chip")
    return (
        select(CHIP.c.id, chip.c.handling, CHIP.c.our_minimum, FIELD.c.handling, FIELD.c.value)
        .join(chip, chip.c.id == CHIP.c.id)
        .outerjoin(FIELD, and_(FIELD.c.record_id == CHIP.c.id, FIELD.c.field == "our_minimum"))
        .where(
            chip.c.dossier_id == dossier_id,
            CHIP.c.party_id == party_id,
            visible_row(chip, level),
        )
        .order_by(CHIP.c.id)
    )


def count(session: Session, stmt: Select[Any]) -> int:
    """How many rows ``stmt`` yields: what the progress counts up to."""
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def unsettled(dossier_id: int, level: int) -> Select[Any]:
    """The records the audience sees that a travel copy's last sync left in conflict."""
    return (
        select(RECORD.c.id, RECORD.c.kind, RECORD.c.handling)
        .where(
            RECORD.c.dossier_id == dossier_id,
            visible_row(RECORD, level),
            RECORD.c.uid.in_(select(CONFLICT.c.uid)),
        )
        .order_by(RECORD.c.id)
    )
