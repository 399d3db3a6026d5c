"""The dossier exchange file, version 4: one JSON document holding one dossier.

The pydantic models below *are* the schema; ``db/dossier.schema.json`` is generated from
them (``briefing dossier schema``) for people who read or write the files with other
tools. Each kind's record model is built from its declaration in
:mod:`briefing.domain.registry` (its fields' types, sizes, defaults and links), so a field
declared there is in the file with nothing written here; what every record shares, the
dossier and the file around them are written out below. Records refer to each other by
their ``id`` (the record's stable uid), never by database row numbers, so a file imports
into any database.

Version 2 adds levels below the record: a citation's own ``handling``, a record's
``field_handling`` (the protected fields of :data:`briefing.domain.fields.PROTECTED` that
are more sensitive than their record), the dossier's ``subtitle_handling`` and
``scene_handling``, and ``audience`` on a file exported for one audience. A version 1
file is a version 2 file without any of these, and imports as it always has. The
dossier's optional ``count_days_from`` came later and needs no new version: a file
without it counts from today, as every dossier did before; nor does its optional
``home_zone`` (issue 19): a file without it keeps Asia/Seoul, as every dossier did.

Version 3 gives each citation its stable ``id``, unique within its record, so a merge of
two databases' changes pairs their citations as it pairs their records. A citation
without one (every citation of a version 1 or 2 file) gets the id derived from its
record, source, excerpt and locator (:func:`briefing.domain.sources.derived_citation_uid`),
so two databases taking in the same file agree on it. Aliases and sectors are keyed by
their text and a delegation's members by their person, as they always were written; a
record lists each once (a repeated alias or sector is taken once, a repeated member is
refused).

Version 4 carries texts in Korean as well as English (issue 18): the dossier's
``title_ko``, ``subtitle_ko`` and ``scene_setter_ko``, and each bilingual field's
``<field>_ko`` beside it (:func:`briefing.domain.declarations.with_korean`), at its English's
level (one ``field_handling`` key covers both). A file of an earlier version has no Korean
texts, and imports as it always has.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import cache
from types import GenericAlias
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    create_model,
)

from briefing.domain import enums
from briefing.domain.dossier import HOME_ZONE
from briefing.domain.enums import DayCount, Stance
from briefing.domain.fields import GROUPS, protected_fields
from briefing.domain.registry import Field as KindField
from briefing.domain.registry import Kind, kind_of
from briefing.domain.times import zone_info

FORMAT_NAME = "briefing-dossier"
FORMAT_VERSION = 4

MAX_BASES = 10
"""How many earlier revisions a file names, and a database keeps of each dossier."""

RevisionId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f-]{36}$")]
"""A revision's id: a UUID, made when a database writes the dossier whole to a file."""

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
"""The file's key for each of :data:`~briefing.domain.fields.GROUPS` not keyed by its first
column: a chip's value is one object in the file, and one entry of its ``field_handling``.
A bilingual field and its Korean text are keyed by the English field's name."""


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
            keys[GROUP_KEYS.get(group, group)] = GROUPS[group]
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
    id: Uid | None = Field(
        default=None,
        description="The citation's stable id, unique within its record. Absent (files "
        "before version 3), one is derived from the record, source, excerpt and locator.",
    )
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


class MemberOut(Strict):
    person: Uid
    role: Annotated[str, StringConstraints(max_length=200)] = ""
    head: bool = False


_SIZES: dict[str, int] = {"text": 300, "lines": 300, "multiline": 2_000_000}
"""The most characters of a field, by its widget, where the registry declares no ``size``."""

_PATTERNS: dict[str, str] = {"colour": r"^#[0-9a-fA-F]{6}$", "currency": r"^([A-Z]{3})?$"}
"""The pattern a field's ``rule`` asks of its text in a file (a pattern bounds its length)."""

_NULLABLE = ("ref", "date", "time", "int", "bytes")
"""What a file may give as null when a field is not required and has no default."""

_LINK_ITEMS: dict[str, Any] = {"members": MemberOut}
"""Links whose items are objects rather than a uid or a line: a member has a role too."""


def _value_type(field: KindField) -> Any:
    """The type of the field's value in a file, with its bounds."""
    storage = field.storage or field.widget
    if storage == "ref":
        return Uid
    if storage == "choice":
        return getattr(enums, field.choices)
    if storage in ("int", "spin"):
        return Annotated[int, Field(ge=field.low, le=field.high)]
    simple = {"date": dt.date, "time": dt.time, "bool": bool}
    if storage in simple:
        return simple[storage]
    if field.rule in _PATTERNS:
        return Annotated[str, StringConstraints(pattern=_PATTERNS[field.rule])]
    longest = field.size or _SIZES[field.widget]
    shortest = 1 if field.required else None
    return Annotated[str, StringConstraints(min_length=shortest, max_length=longest)]


def _declared(field: KindField) -> tuple[Any, Any]:
    """The field as a model's field: its type, and its default unless it is required."""
    kind = _value_type(field)
    if field.required:
        default: Any = ...
    elif field.choices and isinstance(field.default, str):
        default = kind[field.default]
    elif field.default is not None:
        default = field.default
    elif (field.storage or field.widget) in _NULLABLE:
        kind, default = kind | None, None
    else:
        default = False if field.widget == "bool" else ""
    return kind, Field(default, description=field.description or None)


def _link(link: KindField) -> tuple[Any, Any]:
    """A link as a list of the file's items: uids, lines, or objects of their own."""
    item = _LINK_ITEMS.get(link.name)
    if item is None and link.widget == "refs":
        item = Uid
    if item is None:
        item = Annotated[str, StringConstraints(min_length=1, max_length=link.size or 300)]
    return GenericAlias(list, (item,)), Field(default_factory=list, json_schema_extra=_EMPTY_LIST)


def record_model(model_name: str, kind: Kind) -> Any:
    """The record model of a kind, built from its registry declaration.

    A field whose name in the file is dotted ("value.amount") is part of one object (a
    chip's ``value``), a model of its own named for it. A kind with protected fields names
    them as the keys its ``field_handling`` may hold. Links come after the fields, or
    straight after the one they follow.
    """
    fields: dict[str, Any] = {}
    if field_keys(kind.name) != field_keys("record"):
        fields["field_handling"] = (dict[str, LevelName], _field_handling(kind.name))
    parts: dict[str, dict[str, Any]] = {}
    for field in kind.fields:
        key, _, part = field.exchange_name.partition(".")
        if part:
            parts.setdefault(key, {})[part] = _declared(field)
        fields[key] = fields.get(key) if part else _declared(field)
    for key, members in parts.items():
        group = create_model(f"{key.title()}Out", __base__=Strict, **members)
        fields[key] = (group, group())
    for link in kind.links:
        if link.name in RecordOut.model_fields:
            continue
        items = list(fields.items())
        place = [name for name, _ in items].index(link.follows) + 1 if link.follows else len(items)
        fields = dict([*items[:place], (link.name, _link(link)), *items[place:]])
    return create_model(model_name, __base__=RecordOut, **fields)


if TYPE_CHECKING:

    class _Generated(RecordOut):
        """What mypy knows of a model built from the registry: a record with any fields."""

        model_config = ConfigDict(extra="allow")

        def __getattr__(self, name: str) -> Any: ...

    class ValueOut(Strict):
        model_config = ConfigDict(extra="allow")

        def __getattr__(self, name: str) -> Any: ...

    class PartyOut(_Generated): ...

    class OrganizationOut(_Generated): ...

    class PersonOut(_Generated): ...

    class AppointmentOut(_Generated): ...

    class SourceOut(_Generated): ...

    class EventOut(_Generated): ...

    class DelegationOut(_Generated): ...

    class MeetingBriefOut(_Generated): ...

    class ChipOut(_Generated): ...

    class TalkingPointOut(_Generated): ...
else:
    PartyOut = record_model("PartyOut", kind_of("party"))
    OrganizationOut = record_model("OrganizationOut", kind_of("organization"))
    PersonOut = record_model("PersonOut", kind_of("person"))
    AppointmentOut = record_model("AppointmentOut", kind_of("appointment"))
    SourceOut = record_model("SourceOut", kind_of("source"))
    EventOut = record_model("EventOut", kind_of("event"))
    DelegationOut = record_model("DelegationOut", kind_of("delegation"))
    MeetingBriefOut = record_model("MeetingBriefOut", kind_of("meeting_brief"))
    ChipOut = record_model("ChipOut", kind_of("bargaining_chip"))
    TalkingPointOut = record_model("TalkingPointOut", kind_of("talking_point"))
    ValueOut = ChipOut.model_fields["value"].annotation


def _known_zone(name: str) -> str:
    """An IANA zone the time-zone database knows, or a validation error naming it."""
    zone_info(name)
    return name


class DossierOut(Strict):
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
    title: Name
    title_ko: Annotated[str, StringConstraints(max_length=300)] = Field(
        default="", description="The title in Korean; absent or empty, there is none."
    )
    subtitle: Annotated[str, StringConstraints(max_length=300)] = ""
    subtitle_ko: Annotated[str, StringConstraints(max_length=300)] = Field(
        default="", description="The subtitle in Korean, at the subtitle's level."
    )
    subtitle_handling: LevelName | None = Field(
        default=None, description="The subtitle's level; absent, the default_handling."
    )
    scene_setter: Text = ""
    scene_setter_ko: Text = Field(
        default="", description="The scene-setter in Korean, at the scene-setter's level."
    )
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
    home_zone: Annotated[str, AfterValidator(_known_zone)] = Field(
        default=HOME_ZONE,
        description="The IANA zone of the travelling party's home clock, on which home "
        "times are shown and days left counted. Absent (older files), Asia/Seoul.",
    )
    default_handling: LevelName | None = None


class DossierFile(Strict):
    """A dossier. Lists are in a fixed order so equal dossiers give equal files."""

    format: Literal["briefing-dossier"]
    version: Literal[1, 2, 3, 4]
    audience: LevelName | None = Field(
        default=None,
        description="Present when the file was exported for one audience: that level. "
        "The file then holds only what the audience may see, and its handling_levels "
        "stop at that level.",
    )
    revision: RevisionId | None = Field(
        default=None,
        description="The id of this file's version of the dossier, when a database wrote it "
        "whole: another database that took it in (by import or merge) knows it by this id, "
        "and can merge a later file that descends from it against it.",
    )
    bases: list[RevisionId] = Field(
        default=[],
        max_length=MAX_BASES,
        description="The revisions this file's dossier descends from, newest first: what "
        "`briefing dossier merge` looks for to find the common base of the two sides.",
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
