"""Plain, immutable copies of what one audience may see of a dossier.

The loader fills these in one database session, through the visibility filter; the
sections then lay out pages from them without touching the database, so a long layout
holds no transaction open and cannot see anything the filter did not pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefing.domain import formats
from briefing.domain.dossier import HOME_ZONE
from briefing.domain.enums import (
    ChipKind,
    ChipStatus,
    DatePrecision,
    EventKind,
    EventStatus,
    Likelihood,
    OrgKind,
    PointKind,
    Reliability,
    Stance,
)
from briefing.domain.people import Held, office_on
from briefing.store.visibility import rung


@dataclass(frozen=True, slots=True)
class Level:
    rank: int
    name: str
    marking: str
    name_ko: str = field(default="", repr=False, compare=False)
    """The name a Korean book prints ("" for the English one). Out of the repr, which
    :func:`briefing.book.build.content_hash` digests: it says what the audience sees of
    the dossier, in any language."""

    def named(self, language: str) -> str:
        """The level's name in a book printed in ``language``."""
        return self.name_ko if language == "ko" and self.name_ko else self.name


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation of a source the audience may see; ``number`` is the source's in the book."""

    number: int
    level: int
    stance: Stance
    credibility: int
    excerpt: str
    locator: str


@dataclass(frozen=True, slots=True)
class FieldV:
    """A field that may be handled above its record, as the audience sees it.

    A field the audience may not see is None where it would be, never a FieldV, so a
    section has nothing to print for it: no label, no gap.
    """

    text: str
    level: int


@dataclass(frozen=True, slots=True)
class ValueV:
    """A chip's value: amount, currency and note, protected together as one field."""

    amount: int | None
    currency: str
    note: str
    level: int


@dataclass(frozen=True, slots=True)
class SourceV:
    id: int
    uid: str
    number: int
    level: int
    title: str
    publisher: str
    author: str
    published_on: dt.date | None
    language: str
    address: str
    reliability: Reliability


@dataclass(frozen=True, slots=True)
class PartyV:
    id: int
    level: int
    name: str
    code: str
    colour: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrgV:
    id: int
    level: int
    name: str
    acronym: str
    kind: OrgKind
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OfficeV:
    level: int
    title: str
    organization: str
    organization_level: int
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class PersonV:
    id: int
    level: int
    name: str
    native_name: str
    party: PartyV | None
    bio: str
    photo: bytes | None
    offices: tuple[OfficeV, ...]
    aliases: tuple[str, ...]
    cites: tuple[Cite, ...]

    def office_on(self, day: dt.date) -> Held[OfficeV] | None:
        """The office held on ``day`` among those the audience sees, by the one rule
        (:func:`briefing.domain.people.office_on`): a former one says so."""
        return office_on(self.offices, day)


@dataclass(frozen=True, slots=True)
class PointV:
    id: int
    level: int
    kind: PointKind
    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class MemberV:
    person: PersonV
    role: str
    head: bool


@dataclass(frozen=True, slots=True)
class DelegationV:
    id: int
    level: int
    name: str
    party: PartyV | None
    event_id: int | None
    members: tuple[MemberV, ...]
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class BriefV:
    id: int
    level: int
    purpose: str
    desired_outcome: FieldV | None
    run_of_meeting: str
    our_objectives: FieldV | None
    their_objectives: FieldV | None
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class EventV:
    id: int
    level: int
    title: str
    kind: EventKind
    start_date: dt.date
    start_time: dt.time | None
    end_date: dt.date | None
    end_time: dt.time | None
    precision: DatePrecision
    place: str
    timezone: str
    status: EventStatus
    summary: str
    outcome: str
    owner: PersonV | None
    participants: tuple[PersonV, ...]
    aliases: tuple[str, ...]
    cites: tuple[Cite, ...]
    disputed: bool
    arrival_place: str = ""
    arrival_timezone: str = ""
    start_fold: int | None = None
    end_fold: int | None = None

    @property
    def last_day(self) -> dt.date:
        return self.end_date or self.start_date


@dataclass(frozen=True, slots=True)
class ChipV:
    id: int
    level: int
    title: str
    party: PartyV | None
    kind: ChipKind
    description: str
    sectors: tuple[str, ...]
    value: ValueV | None
    status: ChipStatus
    priority: int
    likelihood: Likelihood
    our_target: FieldV | None
    our_minimum: FieldV | None
    their_position: FieldV | None
    tradeable: bool
    event_ids: tuple[int, ...]
    aliases: tuple[str, ...]
    cites: tuple[Cite, ...]
    disputed: bool


@dataclass(frozen=True, slots=True)
class FindingV:
    severity: str
    check: str
    level: int
    record: str
    message: str


@dataclass(frozen=True)
class BookData:
    """Everything one edition prints, already filtered for its audience."""

    slug: str
    title: str
    subtitle: str
    subtitle_level: int
    scene_setter: str
    scene_level: int
    as_of: dt.date | None
    prepared_for: PartyV | None
    audience: Level
    levels: tuple[Level, ...]
    parties: tuple[PartyV, ...]
    organizations: tuple[OrgV, ...]
    people: tuple[PersonV, ...]
    events: tuple[EventV, ...]
    delegations: tuple[DelegationV, ...]
    briefs: dict[int, BriefV]
    chips: tuple[ChipV, ...]
    points: dict[int | None, tuple[PointV, ...]]
    sources: tuple[SourceV, ...]
    findings: tuple[FindingV, ...]
    edition: int | None
    """The number of the edition this is; None for a draft, which is never an edition."""
    today: dt.date
    """The book's "today": the day its D-counts, today marker, offices and checks are
    taken on. The dossier's reference date (its as-of date, when it counts from that),
    unless the export was asked to count from today (``--today``)."""
    printed_on: dt.date
    """The edition's date: the day it is (or the one the export was given)."""
    for_staff: bool = False
    """The audience is cleared to the highest level of the scale: the staff who prepare
    the dossier, whose default book includes the reviewer's checks."""
    home_zone: str = HOME_ZONE
    """The travelling party's home clock: timed events show it beside the venue's, and
    days left are counted on its calendar (:mod:`briefing.domain.times`)."""

    def marking(self, level: int) -> str:
        """The portion mark for a record at ``level``, e.g. "(C)"."""
        found = rung(self.levels, level)
        if found is None:
            raise KeyError(level)
        return formats.marking(found.marking)
