"""The delegations tree: the events delegations attend, and each party's team at one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from briefing.domain import Delegation, DelegationMember, Event, Party, Person
from briefing.domain.enums import DatePrecision
from briefing.domain.formats import ENGLISH
from briefing.domain.people import office_on
from briefing.i18n import translator
from briefing.store.lists.listing import Listing
from briefing.store.lists.sql import in_dossier, plain_rows
from briefing.store.tables import KindRows
from briefing.store.visibility import only_shown, shown, visible


@dataclass(frozen=True)
class DelegationGroup:
    """An event with delegations at it; id 0 stands for the standing delegations."""

    id: int
    start: dt.date | None
    title: str
    end: dt.date | None = None
    precision: DatePrecision = DatePrecision.DAY


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
        Event.id.label("id"),
        Event.start_date.label("start"),
        Event.title.label("title"),
        Event.end_date.label("end"),
        Event.precision.label("precision"),
    ).where(in_dossier(Event, dossier_id), visible(Event, level), attended)
    return Listing(query, text=("title",), order=("start",), make=plain_rows(DelegationGroup))


def has_standing_delegations(session: Session, dossier_id: int, level: int) -> bool:
    """Whether the audience sees delegations tied to no event (a standing team)."""
    query = select(Delegation.id).where(
        in_dossier(Delegation, dossier_id),
        visible(Delegation, level),
        Delegation.event_id.is_(None),
    )
    return session.execute(query.limit(1)).first() is not None


def teams(
    session: Session,
    dossier_id: int,
    level: int,
    event_id: int | None,
    on: dt.date,
    language: str = ENGLISH,
) -> list[Team]:
    """Each party's delegation at one event (None: the standing ones), members in order.

    A member's title is the office they held on ``on`` among those the audience sees
    (:func:`briefing.domain.people.office_on`), "former: …" when it had ended by then (in
    ``language``).
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
            title = held.label(held.office.title, language) if held is not None else ""
            head = member.is_head and "head" not in member.role.lower()
            role = member.role + (translator(language).gettext(" (head)") if head else "")
            members.append(
                TeamMember(person.id, position, person.name, person.native_name, role, title)
            )
        party = f"{delegation.party.name} ({delegation.party.code})"
        result.append(Team(delegation.id, party, tuple(members)))
    return result
