"""The dossier exchange file, version 2: one JSON document holding one dossier.

The pydantic models below *are* the schema; ``db/dossier.schema.json`` is generated from
them (``briefing dossier schema``) for people who read or write the files with other
tools. Records refer to each other by their ``id`` (the record's stable uid), never by
database row numbers, so a file imports into any database.

Version 2 adds levels below the record: a citation's own ``handling``, a record's
``field_handling`` (the protected fields of :data:`briefing.domain.fields.PROTECTED` that
are more sensitive than their record), the dossier's ``subtitle_handling`` and
``scene_handling``, and ``audience`` on a file exported for one audience. A version 1
file is a version 2 file without any of these, and imports as it always has. The
dossier's optional ``count_days_from`` came later and needs no new version: a file
without it counts from today, as every dossier did before.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

from briefing.domain.enums import (
    ChipKind,
    ChipStatus,
    DatePrecision,
    DayCount,
    EventKind,
    EventStatus,
    Likelihood,
    OrgKind,
    PointKind,
    Reliability,
    Stance,
)
from briefing.domain.fields import GROUPS, protected_fields

FORMAT_NAME = "briefing-dossier"
FORMAT_VERSION = 2

Uid = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=r"^[^\s]+$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(max_length=2_000_000)]
LevelName = Annotated[str, StringConstraints(min_length=1, max_length=40)]
"""A handling level, by its name in the file's ``handling_levels``."""

_EMPTY_LIST: dict[str, JsonValue] = {"default": []}
"""What the schema shows as a record's empty-list default. The lists themselves come from
``default_factory=list``: pydantic deep-copies a literal ``[]`` default for every record
that omits the field, which was a tenth of the time spent validating a large file."""


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not vanish silently on import."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelOut(Strict):
    rank: Annotated[int, Field(ge=0, le=99)]
    name: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    marking: Annotated[str, StringConstraints(min_length=1, max_length=8)]


GROUP_KEYS: dict[str, str] = {"value_amount": "value"}
"""The file's key for each of :data:`~briefing.domain.fields.GROUPS`: a chip's value is one
object in the file, and one entry of its ``field_handling``."""


@cache
def field_keys(kind: str) -> Mapping[str, tuple[str, ...]]:
    """A kind's keys of ``field_handling``, each with the columns its level covers (one
    mapping per kind, shared: export asks for every record's)."""
    keys: dict[str, tuple[str, ...]] = {}
    for column in protected_fields(kind):
        group = next((head for head, members in GROUPS.items() if column in members), None)
        if group is None:
            keys[column] = (column,)
        else:
            keys[GROUP_KEYS[group]] = GROUPS[group]
    return keys


def _field_handling(kind: str) -> Any:
    keys = list(field_keys(kind))
    enum: list[JsonValue] = [*keys]
    return Field(
        default_factory=dict,
        description=(
            "Fields more sensitive than the record, each with its level (at or above the "
            f"record's): {', '.join(keys)}. The field's value stays where it always is in "
            "the record; a file for an audience leaves out a field above it entirely."
        ),
        json_schema_extra={"default": {}, "propertyNames": {"enum": enum}},
    )


class CitationOut(Strict):
    source: Uid
    handling: LevelName | None = Field(
        default=None,
        description="The citation's own level, when its excerpt is more sensitive than its "
        "record and its source; absent, it is the higher of their two levels.",
    )
    excerpt: Text = ""
    locator: Annotated[str, StringConstraints(max_length=200)] = ""
    stance: Stance = Stance.SUPPORTS
    credibility: Annotated[int, Field(ge=1, le=6)] = 3


class RecordOut(Strict):
    """Columns every record shares."""

    id: Uid
    handling: LevelName | None = None
    field_handling: dict[str, LevelName] = _field_handling("record")
    notes: Text = ""
    aliases: list[Name] = Field(default_factory=list, json_schema_extra=_EMPTY_LIST)
    citations: list[CitationOut] = Field(default_factory=list, json_schema_extra=_EMPTY_LIST)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class PartyOut(RecordOut):
    name: Name
    code: Annotated[str, StringConstraints(min_length=1, max_length=12)]
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] = "#607080"


class OrganizationOut(RecordOut):
    name: Name
    acronym: Annotated[str, StringConstraints(max_length=40)] = ""
    kind: OrgKind = OrgKind.OTHER
    party: Uid | None = None


class PersonOut(RecordOut):
    name: Name
    native_name: Annotated[str, StringConstraints(max_length=200)] = ""
    party: Uid | None = None
    bio: Text = ""
    photo: Annotated[str, StringConstraints(max_length=4_000_000)] | None = Field(
        default=None, description="The photo as base64-encoded JPEG or PNG bytes."
    )


class AppointmentOut(RecordOut):
    person: Uid
    title: Name
    organization: Uid | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class SourceOut(RecordOut):
    title: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    publisher: Annotated[str, StringConstraints(max_length=300)] = ""
    author: Annotated[str, StringConstraints(max_length=300)] = ""
    published_on: dt.date | None = None
    language: Annotated[str, StringConstraints(max_length=16)] = "en"
    address: Text = ""
    full_text: Text = ""
    reliability: Reliability = Reliability.F


class EventOut(RecordOut):
    title: Name
    kind: EventKind = EventKind.MEETING
    start_date: dt.date
    start_time: dt.time | None = None
    end_date: dt.date | None = None
    end_time: dt.time | None = None
    precision: DatePrecision = DatePrecision.DAY
    place: Annotated[str, StringConstraints(max_length=300)] = ""
    timezone: Annotated[str, StringConstraints(max_length=64)] = ""
    status: EventStatus = EventStatus.PLANNED
    summary: Text = ""
    outcome: Text = ""
    owner: Uid | None = None
    participants: list[Uid] = Field(default_factory=list, json_schema_extra=_EMPTY_LIST)


class MemberOut(Strict):
    person: Uid
    role: Annotated[str, StringConstraints(max_length=200)] = ""
    head: bool = False


class DelegationOut(RecordOut):
    name: Annotated[str, StringConstraints(max_length=300)] = ""
    event: Uid | None = None
    party: Uid
    members: list[MemberOut] = Field(default_factory=list, json_schema_extra=_EMPTY_LIST)


class MeetingBriefOut(RecordOut):
    field_handling: dict[str, LevelName] = _field_handling("meeting_brief")
    event: Uid
    purpose: Text = ""
    desired_outcome: Text = ""
    run_of_meeting: Text = ""
    our_objectives: Text = ""
    their_objectives: Text = ""


class ValueOut(Strict):
    amount: Annotated[int, Field(ge=0, le=10**18)] | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^([A-Z]{3})?$")] = ""
    note: Text = ""


class ChipOut(RecordOut):
    field_handling: dict[str, LevelName] = _field_handling("bargaining_chip")
    title: Name
    party: Uid | None = None
    kind: ChipKind = ChipKind.OFFER
    description: Text = ""
    sectors: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        default_factory=list, json_schema_extra=_EMPTY_LIST
    )
    value: ValueOut = ValueOut()
    status: ChipStatus = ChipStatus.FLOATED
    priority: Annotated[int, Field(ge=1, le=5)] = 3
    likelihood: Likelihood = Likelihood.POSSIBLE
    our_target: Text = ""
    our_minimum: Text = ""
    their_position: Text = ""
    tradeable: bool = True
    events: list[Uid] = Field(default_factory=list, json_schema_extra=_EMPTY_LIST)


class TalkingPointOut(RecordOut):
    subject: Uid | None = Field(
        default=None,
        description="The chip, event or other record it is about; none for the dossier.",
    )
    kind: PointKind = PointKind.TO_MAKE
    text: Annotated[str, StringConstraints(min_length=1, max_length=2_000_000)]


class DossierOut(Strict):
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
    title: Name
    subtitle: Annotated[str, StringConstraints(max_length=300)] = ""
    subtitle_handling: LevelName | None = Field(
        default=None, description="The subtitle's level; absent, the default_handling."
    )
    scene_setter: Text = ""
    scene_handling: LevelName | None = Field(
        default=None, description="The scene-setter's level; absent, the default_handling."
    )
    prepared_for: Uid | None = None
    as_of: dt.date | None = None
    count_days_from: DayCount = Field(
        default=DayCount.TODAY,
        description="What D-counts, offices and checks are taken on: today, or as_of. "
        "Absent (older files), today.",
    )
    default_handling: LevelName | None = None


class DossierFile(Strict):
    """A dossier. Lists are in a fixed order so equal dossiers give equal files."""

    format: Literal["briefing-dossier"]
    version: Literal[1, 2]
    audience: LevelName | None = Field(
        default=None,
        description="Present when the file was exported for one audience: that level. "
        "The file then holds only what the audience may see, and its handling_levels "
        "stop at that level.",
    )
    handling_levels: list[LevelOut]
    dossier: DossierOut
    parties: list[PartyOut] = []
    organizations: list[OrganizationOut] = []
    people: list[PersonOut] = []
    appointments: list[AppointmentOut] = []
    sources: list[SourceOut] = []
    events: list[EventOut] = []
    delegations: list[DelegationOut] = []
    meeting_briefs: list[MeetingBriefOut] = []
    chips: list[ChipOut] = []
    talking_points: list[TalkingPointOut] = []


def json_schema() -> str:
    """The published JSON Schema of the exchange format."""
    return json.dumps(DossierFile.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
