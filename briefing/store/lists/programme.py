"""The programme page's entries (issue 19): the events that can be on the delegation's
programme, with the people and contact the audience may see, and the dossier's home zone.

Which of them make the programme, and on which day, is
:func:`briefing.domain.programme.programme`'s, as it is for the book.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from briefing.domain import Dossier, Event
from briefing.domain.dossier import HOME_ZONE
from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.programme import TALKS, TRAVEL_KINDS, Day, programme
from briefing.store.lists.sql import in_dossier
from briefing.store.visibility import only_shown, shown, visible


@dataclass(frozen=True, slots=True)
class ProgrammeRow:
    """An event as the programme shows it.

    Attributes:
        delegation: the names of the participants of the party the dossier is prepared
            for (all participants' when it is prepared for none) that the audience sees.
        contact: the contact on site: the name of the entry's owner, if the audience
            sees them.
    """

    id: int
    title: str
    kind: EventKind
    status: EventStatus
    precision: DatePrecision
    start_date: dt.date
    start_time: dt.time | None
    end_date: dt.date | None
    end_time: dt.time | None
    place: str
    timezone: str
    arrival_place: str
    arrival_timezone: str
    start_fold: int | None
    end_fold: int | None
    handling: int
    delegation: tuple[str, ...]
    contact: str


@dataclass(frozen=True, slots=True)
class Programme:
    """The days of the programme, and the home zone their home times are read on."""

    days: list[Day[ProgrammeRow]]
    home_zone: str


def load_programme(session: Session, dossier_id: int, level: int) -> Programme:
    """The programme of the dossier as an audience at ``level`` sees it."""
    dossier = session.get(Dossier, dossier_id)
    home = dossier.home_zone if dossier is not None else HOME_ZONE
    ours = dossier.prepared_for_id if dossier is not None else None
    live = (
        in_dossier(Event, dossier_id),
        visible(Event, level),
        Event.status != EventStatus.CANCELLED,
    )
    # The travel entries' days first: a ministry's dossier holds thousands of meetings, and
    # only those within the trip's days can be on its programme (none, without a trip).
    first, last = session.execute(
        select(func.min(Event.start_date), func.max(Event.start_date)).where(
            *live, Event.event_kind.in_(TRAVEL_KINDS)
        )
    ).one()
    if first is None:
        return Programme([], home)
    events = session.scalars(
        select(Event)
        .where(
            *live,
            or_(
                Event.event_kind.in_(TRAVEL_KINDS),
                and_(Event.event_kind.in_(TALKS), Event.start_date.between(first, last)),
            ),
        )
        .options(selectinload(Event.participants), selectinload(Event.owner))
    )
    rows = []
    for event in events:
        people = only_shown(event.participants, level)
        if ours is not None:
            people = [p for p in people if p.party_id == ours]
        owner = event.owner if shown(event.owner, level) else None
        rows.append(
            ProgrammeRow(
                id=event.id,
                title=event.title,
                kind=event.event_kind,
                status=event.status,
                precision=event.precision,
                start_date=event.start_date,
                start_time=event.start_time,
                end_date=event.end_date,
                end_time=event.end_time,
                place=event.place,
                timezone=event.timezone,
                arrival_place=event.arrival_place,
                arrival_timezone=event.arrival_timezone,
                start_fold=event.start_fold,
                end_fold=event.end_fold,
                handling=event.handling,
                delegation=tuple(p.name for p in people),
                contact=owner.name if owner is not None else "",
            )
        )
    return Programme(programme(rows), home)
