"""What the checks read: Core selects of plain rows, already filtered to an audience.

No ORM object is built: on a ministry's dossier the checks read some 300,000 records, and
loading them as objects (with their citations, members and offices) took most of their
time. Each read here takes the ids of one batch, or streams one kind of record whole.
Everything withheld from the audience is left out in SQL, through
:mod:`briefing.store.visibility`, so a check never sees what it must not report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Select, and_, exists, func, select
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
)
from briefing.domain.enums import DatePrecision, EventKind, EventStatus, Reliability, Stance
from briefing.domain.events import event_participant, last_day
from briefing.domain.references import text_fields
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
    """The events the audience sees, by date; whether each one's owner is shown to it."""
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
        .order_by(EVENT.c.start_date, EVENT.c.id)
    )


Ids = Sequence[int] | Select[Any]
"""A batch's ids, or a select of them (the benchmark's baseline reads a dossier whole)."""


def participants(ids: Ids, level: int) -> Select[Any]:
    """The people the audience sees among these events' own participants."""
    person = _record("person")
    return (
        select(event_participant.c.event_id, PERSON.c.id, PERSON.c.name, person.c.handling)
        .select_from(event_participant)
        .join(PERSON, PERSON.c.id == event_participant.c.person_id)
        .join(person, person.c.id == PERSON.c.id)
        .where(event_participant.c.event_id.in_(ids), visible_row(person, level))
        .order_by(PERSON.c.name, PERSON.c.id)
    )


def members(ids: Ids, level: int) -> Select[Any]:
    """The people the audience sees in these events' delegations it sees, with the level
    of the delegation."""
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
            DELEGATION.c.event_id.in_(ids),
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
    """
    ids = [e.id for e in batch]
    handling = {e.id: e.handling for e in batch}
    seen: dict[int, dict[int, Attendee]] = defaultdict(dict)
    for event_id, person_id, name, rank in session.execute(participants(ids, level)):
        seen[event_id][person_id] = Attendee(person_id, name, rank, handling[event_id])
    for event_id, person_id, name, rank, placed in session.execute(members(ids, level)):
        seen[event_id].setdefault(person_id, Attendee(person_id, name, rank, placed))
    return seen


def appointments(people: Ids, level: int) -> Select[Any]:
    """The offices of these people the audience sees, each person's by start and id (as
    ``Person.appointments``, whose order :func:`office_on` breaks ties by)."""
    appointment = _record("appointment")
    return (
        select(
            APPOINTMENT.c.person_id,
            APPOINTMENT.c.start,
            APPOINTMENT.c.end,
            APPOINTMENT.c.title,
            appointment.c.handling,
        )
        .join(appointment, appointment.c.id == APPOINTMENT.c.id)
        .where(APPOINTMENT.c.person_id.in_(people), visible_row(appointment, level))
        .order_by(APPOINTMENT.c.person_id, APPOINTMENT.c.start, APPOINTMENT.c.id)
    )


def offices(session: Session, people: Sequence[int], level: int) -> dict[int, list[Office]]:
    held: dict[int, list[Office]] = defaultdict(list)
    for person_id, start, end, title, rank in session.execute(appointments(people, level)):
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


def cited(ids: Ids, level: int) -> Select[Any]:
    """The citations the audience sees of these records (it sees their source too), in
    the order they were made."""
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
            CITATION.c.record_id.in_(ids),
            visible_column(CITATION.c.handling, level),
            visible_row(source, level),
        )
        .order_by(CITATION.c.record_id, CITATION.c.id)
    )


def citations(session: Session, ids: Sequence[int], level: int) -> dict[int, list[Cited]]:
    found: dict[int, list[Cited]] = defaultdict(list)
    for record_id, *row in session.execute(cited(ids, level)):
        found[record_id].append(Cited(*row))
    return found


def field_rows(ids: Ids) -> Select[Any]:
    """The protected fields of these records: each one's level and stored value."""
    return select(FIELD.c.record_id, FIELD.c.field, FIELD.c.handling, FIELD.c.value).where(
        FIELD.c.record_id.in_(ids)
    )


def text_columns(kind: str, ids: Ids) -> Select[Any]:
    """The texts of these records of ``kind`` that may hold references (:func:`text_fields`)."""
    table = Record.metadata.tables[kind]
    columns = [table.c[n] if n in table.c else RECORD.c[n] for n in text_fields(kind)]
    return (
        select(table.c.id, *columns)
        .join(RECORD, RECORD.c.id == table.c.id)
        .where(table.c.id.in_(ids))
    )


def texts(
    session: Session, batch: Sequence[RecordRow], level: int
) -> Iterator[tuple[RecordRow, str, Field]]:
    """Each text of these records that may hold references, as the audience sees it: a
    protected one at its own level, or not at all when withheld."""
    protected: dict[tuple[int, str], tuple[int, str]] = {}
    for record_id, name, rank, value in session.execute(field_rows([r.id for r in batch])):
        protected[(record_id, name)] = (rank, value)
    by_kind: dict[str, list[RecordRow]] = defaultdict(list)
    for record in batch:
        by_kind[record.kind].append(record)
    for kind, kept in by_kind.items():
        names = text_fields(kind)
        stmt = text_columns(kind, [r.id for r in kept])
        values = {row[0]: row[1:] for row in session.execute(stmt)}
        for record in kept:
            for name, value in zip(names, values[record.id], strict=True):
                seen = seen_field(value, record.handling, protected.get((record.id, name)), level)
                if seen is not None:
                    yield record, name, seen


def people_without_role(dossier_id: int, level: int) -> Select[Any]:
    """The people the audience sees with no office it sees, by name."""
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
        .order_by(PERSON.c.name)
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
