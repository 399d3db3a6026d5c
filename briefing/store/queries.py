"""Read-only queries behind the lists: plain rows, filtered for an audience.

Lists select only the columns they show, as tuples rather than ORM objects, so a dossier
with tens of thousands of events loads as quickly as a small one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from briefing.domain import (
    Appointment,
    BargainingChip,
    ChipSector,
    Citation,
    Delegation,
    Dossier,
    Event,
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
    Likelihood,
    Reliability,
    Stance,
)
from briefing.domain.events import event_participant, last_day
from briefing.store.visibility import visible


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    native_name: str
    party: str
    title: str
    organization: str
    handling: int


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class SourceRow:
    id: int
    title: str
    publisher: str
    published_on: dt.date | None
    reliability: Reliability
    citations: int
    handling: int


def disputed_ids(session: Session, dossier_id: int, level: int) -> set[int]:
    """Records with both supporting and disputing citations from sources the audience sees."""
    src = aliased(Record, flat=True)
    rows = session.execute(
        select(Citation.record_id, Citation.stance)
        .join(src, src.id == Citation.source_id)
        .join(Record, Record.id == Citation.record_id)
        .where(Record.dossier_id == dossier_id, src.handling <= level)
        .where(Citation.stance.in_([Stance.SUPPORTS, Stance.DISPUTES]))
        .distinct()
    )
    stances: dict[int, set[Stance]] = defaultdict(set)
    for record_id, stance in rows:
        stances[record_id].add(stance)
    return {r for r, s in stances.items() if len(s) == 2}


def _party_codes(session: Session, dossier_id: int, level: int) -> dict[int, str]:
    rows = session.execute(
        select(Party.id, Party.code).where(Party.dossier_id == dossier_id, visible(Party, level))
    )
    return dict(rows.all())


def people(session: Session, dossier_id: int, level: int, on: dt.date) -> list[PersonRow]:
    """Everyone, with the office each held on ``on`` (or their latest one)."""
    parties = _party_codes(session, dossier_id, level)
    covering: dict[int, tuple[str, str]] = {}
    latest: dict[int, tuple[str, str]] = {}
    org = aliased(Organization, flat=True)
    appointment_rows = session.execute(
        select(
            Appointment.person_id, Appointment.title, Appointment.start, Appointment.end, org.name
        )
        .outerjoin(org, (org.id == Appointment.organization_id) & (org.handling <= level))
        .where(Appointment.dossier_id == dossier_id, visible(Appointment, level))
        .order_by(Appointment.start, Appointment.id)
    )
    for person_id, title, start, end, org_name in appointment_rows:
        office = (title, org_name or "")
        if (start is None or start <= on) and (end is None or on <= end):
            covering[person_id] = office
        if person_id not in latest or start is None or start <= on:
            latest[person_id] = office
    offices = {**latest, **covering}
    rows = session.execute(
        select(Person.id, Person.name, Person.native_name, Person.party_id, Person.handling)
        .where(Person.dossier_id == dossier_id, visible(Person, level))
        .order_by(Person.name, Person.id)
    )
    return [
        PersonRow(
            pid,
            name,
            native,
            parties.get(party_id, "") if party_id else "",
            *offices.get(pid, ("", "")),
            handling,
        )
        for pid, name, native, party_id, handling in rows
    ]


def events(session: Session, dossier_id: int, level: int) -> list[EventRow]:
    parties = _party_codes(session, dossier_id, level)
    sides: dict[int, set[str]] = defaultdict(set)
    attendee = aliased(Person, flat=True)
    for event_id, party_id in session.execute(
        select(event_participant.c.event_id, attendee.party_id)
        .join(attendee, attendee.id == event_participant.c.person_id)
        .where(attendee.dossier_id == dossier_id, attendee.handling <= level)
    ):
        if party_id in parties:
            sides[event_id].add(parties[party_id])
    for event_id, party_id in session.execute(
        select(Delegation.event_id, Delegation.party_id).where(
            Delegation.dossier_id == dossier_id, visible(Delegation, level)
        )
    ):
        if event_id is not None and party_id in parties:
            sides[event_id].add(parties[party_id])
    rows = session.execute(
        select(
            Event.id,
            Event.title,
            Event.event_kind,
            Event.start_date,
            Event.end_date,
            Event.precision,
            Event.place,
            Event.status,
            Event.handling,
        )
        .where(Event.dossier_id == dossier_id, visible(Event, level))
        .order_by(Event.start_date, Event.id)
    )
    result = []
    for eid, title, kind, start, end, precision, place, status, handling in rows:
        codes = sorted(sides.get(eid, ()))
        party = codes[0] if len(codes) == 1 else ("Joint" if codes else "")
        result.append(
            EventRow(
                eid,
                title,
                kind,
                start,
                last_day(start, end, precision),
                precision,
                place,
                status,
                party,
                handling,
            )
        )
    return result


def format_value(amount: int | None, currency: str) -> str:
    """$44 billion, not 44000000000 USD."""
    if amount is None:
        return ""
    symbol = {"USD": "$", "KRW": "₩", "EUR": "€", "JPY": "¥", "GBP": "£"}.get(currency, "")
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if amount >= size:
            number = f"{amount / size:.1f}".removesuffix(".0")
            text = f"{symbol}{number} {word}"
            break
    else:
        text = f"{symbol}{amount:,}"
    return text if symbol or not currency else f"{text} {currency}"


def chips(session: Session, dossier_id: int, level: int) -> list[ChipRow]:
    sectors: dict[int, list[str]] = defaultdict(list)
    for chip_id, name in session.execute(
        select(ChipSector.chip_id, ChipSector.name)
        .join(BargainingChip, BargainingChip.id == ChipSector.chip_id)
        .where(BargainingChip.dossier_id == dossier_id)
        .order_by(ChipSector.id)
    ):
        sectors[chip_id].append(name)
    disputed = disputed_ids(session, dossier_id, level)
    party = aliased(Party, flat=True)
    rows = session.execute(
        select(
            BargainingChip.id,
            BargainingChip.title,
            party.code,
            party.colour,
            BargainingChip.chip_kind,
            BargainingChip.status,
            BargainingChip.priority,
            BargainingChip.likelihood,
            BargainingChip.value_amount,
            BargainingChip.value_currency,
            BargainingChip.handling,
        )
        .outerjoin(party, (party.id == BargainingChip.party_id) & (party.handling <= level))
        .where(BargainingChip.dossier_id == dossier_id, visible(BargainingChip, level))
        .order_by(BargainingChip.priority, BargainingChip.title, BargainingChip.id)
    )
    return [
        ChipRow(
            cid,
            title,
            code or "",
            colour or "#607080",
            kind,
            status,
            priority,
            likelihood,
            tuple(sectors.get(cid, ())),
            format_value(amount, currency),
            handling,
            cid in disputed,
        )
        for (
            cid,
            title,
            code,
            colour,
            kind,
            status,
            priority,
            likelihood,
            amount,
            currency,
            handling,
        ) in rows
    ]


def sources(session: Session, dossier_id: int, level: int) -> list[SourceRow]:
    counts = dict(
        session.execute(
            select(Citation.source_id, func.count(Citation.id))
            .join(Record, Record.id == Citation.record_id)
            .where(Record.dossier_id == dossier_id, Record.handling <= level)
            .group_by(Citation.source_id)
        ).all()
    )
    rows = session.execute(
        select(
            Source.id,
            Source.title,
            Source.publisher,
            Source.published_on,
            Source.reliability,
            Source.handling,
        )
        .where(Source.dossier_id == dossier_id, visible(Source, level))
        .order_by(Source.id)
    )
    return [
        SourceRow(sid, title, publisher, date, grade, counts.get(sid, 0), handling)
        for sid, title, publisher, date, grade, handling in rows
    ]


def counts(session: Session, dossier_id: int, level: int) -> dict[str, int]:
    """How many records of each kind the audience sees."""
    rows = session.execute(
        select(Record.kind, func.count(Record.id))
        .where(Record.dossier_id == dossier_id, visible(Record, level))
        .group_by(Record.kind)
    )
    return dict(rows.all())


def dossiers(session: Session) -> list[tuple[int, str, str]]:
    return [
        (d.id, d.slug, d.title) for d in session.scalars(select(Dossier).order_by(Dossier.title))
    ]
