"""An exchange file's records checked before anything is written.

Each record is validated by the schema as the reader hands it over and staged as compact
rows; the checks the schema cannot make (unique ids, references that resolve, consistent
dates, levels the file's scale names) then run over the staged rows as a whole, so a
refused file leaves the database untouched.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable, Iterable
from operator import attrgetter
from sys import intern
from typing import Any, NamedTuple

from briefing.domain import (
    HandlingLevel,
)
from briefing.domain.registry import Field as KindField
from briefing.domain.registry import kind_of
from briefing.domain.rules import TIMES, span_problem, times_problem
from briefing.domain.sources import derived_citation_uid
from briefing.errors import N_, Phrase
from briefing.store.exchange.reader import (
    LIST_NUMBERS,
    RECORD_LISTS,
)
from briefing.store.exchange.schema import (
    DossierFile,
    LevelOut,
    RecordOut,
    field_keys,
)
from briefing.store.visibility import (
    Rung,
    above,
    lowest,
    scale_repeats,
)
from briefing.text import for_terminal, unseen

_ANY = "*"
"""A reference that may name a record of any kind (a talking point's subject)."""


UNKNOWN_LEVEL = N_("unknown handling level {name!r}")
Problem = tuple[Phrase | str, list[str | int]]
"""What is wrong with a file, said when it is refused (the domain's rules say theirs in
English), and the path to where."""


class Link(NamedTuple):
    """Rows of another table that belong to one record: an event's participants, say.

    Attributes:
        table, owner: the table, and its column naming the record.
        field: the record's list in the file, for messages.
        columns, rows: the other columns, and their values from the validated record.
        wanted: the list the uid in a row's first value must name, if it is a reference.
        part: where that uid sits in an item of ``field``, for messages.
    """

    table: str
    owner: str
    field: str
    columns: tuple[str, ...]
    rows: Callable[[Any], list[tuple[Any, ...]]]
    wanted: str | None = None
    part: tuple[str, ...] = ()


class Kind(NamedTuple):
    """How one record list becomes rows: its table, columns, references and date span."""

    table: str
    columns: tuple[str, ...]
    values: Callable[[Any], tuple[Any, ...]]
    refs: tuple[tuple[int, str, str], ...]
    span: tuple[int, int, str] | None
    links: tuple[Link, ...]
    indexed: bool
    positions: dict[str, int]
    """Where each of the table's columns sits in a staged row's values."""
    binary: tuple[tuple[int, str], ...]
    """Where the values kept as bytes sit (base64 in the file), with their attributes."""


def _wanted(field: KindField) -> str:
    """The list a reference field's uid must name: its one target kind's, or any."""
    return kind_of(field.targets[0]).exchange if len(field.targets) == 1 else _ANY


def _kind(
    name: str, span: tuple[str, str] | None = None, links: tuple[Link, ...] = ()
) -> tuple[str, Kind]:
    """The registry's kind ``name`` as its list in the file and how that list becomes rows:
    its fields' columns, in the table's order, map to their attributes in the file, its
    reference fields name records of their target kinds; ``span`` names attributes; a kind
    with a position column holds the record's place in its list there."""
    kind = kind_of(name)
    fields = {field.name: field.exchange_name for field in kind.fields}
    refs = {field.exchange_name: _wanted(field) for field in kind.fields if field.targets}
    attributes = list(fields.values())
    index = kind.position
    return kind.exchange, Kind(
        kind.name,
        (*fields, index) if index else tuple(fields),
        attrgetter(*attributes),
        tuple((attributes.index(a), a, wanted) for a, wanted in refs.items()),
        (attributes.index(span[0]), attributes.index(span[1]), span[1]) if span else None,
        links,
        bool(index),
        {column: position for position, column in enumerate(fields)},
        tuple(
            (attributes.index(field.exchange_name), field.exchange_name)
            for field in kind.fields
            if field.storage == "bytes"
        ),
    )


KINDS: dict[str, Kind] = dict(
    (
        _kind("party"),
        _kind("organization"),
        _kind("person"),
        _kind("appointment", span=("start", "end")),
        _kind("source"),
        _kind(
            "event",
            links=(
                Link(
                    "event_participant",
                    "event_id",
                    "participants",
                    ("person_id",),
                    lambda e: [(intern(p),) for p in dict.fromkeys(e.participants)],
                    "people",
                ),
            ),
        ),
        _kind(
            "delegation",
            links=(
                Link(
                    "delegation_member",
                    "delegation_id",
                    "members",
                    ("person_id", "role", "position", "is_head"),
                    lambda d: [
                        (intern(m.person), m.role, i, m.head) for i, m in enumerate(d.members)
                    ],
                    "people",
                    ("person",),
                ),
            ),
        ),
        _kind("meeting_brief"),
        _kind(
            "bargaining_chip",
            links=(
                Link(
                    "chip_sector",
                    "chip_id",
                    "sectors",
                    ("name",),
                    lambda c: [(intern(s),) for s in dict.fromkeys(c.sectors)],
                ),
                Link(
                    "chip_event",
                    "chip_id",
                    "events",
                    ("event_id",),
                    lambda c: [(intern(e),) for e in dict.fromkeys(c.events)],
                    "events",
                ),
            ),
        ),
        _kind("talking_point"),
    )
)
"""Each record list's rows. Links hold references in their first column. A link whose
items are values or plain references lists each once (a repeat says nothing more); a
delegation's member carries a role and head mark too, so a repeat is refused instead."""

FIELD_KEYS = {list_name: field_keys(kind.table) for list_name, kind in KINDS.items()}
"""Each record list's keys of ``field_handling``, with the columns each one covers."""

_NOT_BASE64 = object()
"""Stands in for bytes (a photo) that are not base64, until the checks report them."""


def rungs(scale: Iterable[LevelOut | HandlingLevel]) -> list[Rung]:
    return [(x.rank, x.name, x.marking) for x in scale]


def default_rank(head: DossierFile, scale: dict[str, int]) -> int:
    """The level of a record the file gives none: its dossier's default, else its lowest."""
    name = head.dossier.default_handling
    return scale[name] if name else lowest(*scale.values())


def _name_of(scale: dict[str, int], rank: int) -> str:
    return {r: name for name, r in scale.items()}[rank]


class Row(NamedTuple):
    """One record, validated and held compactly until it is written; references are uids."""

    uid: str
    handling: str | None
    notes: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    aliases: tuple[str, ...]
    """Each text once: an alias is keyed by its text."""
    citations: tuple[tuple[Any, ...], ...]
    """(source uid, excerpt, locator, stance, credibility, level name, stable id)."""
    values: tuple[Any, ...]
    links: tuple[tuple[tuple[Any, ...], ...], ...]
    fields: tuple[tuple[str, str], ...]
    """The file's ``field_handling``: (key, level name) pairs, usually none."""


class Stage:
    """A dossier's records as rows: checked as a whole, then written table by table.

    The pydantic models of a ministry-sized dossier take several times the memory of its
    file; records are staged as tuples as soon as each is validated and the model let go.
    Strings that many records repeat (handling names, the uids of cited sources and of
    participants) are interned, since the parser makes a new one for every occurrence.
    Every record gets its row id up front (in file order, so a later export keeps the
    order), so all references resolve without reading anything back.
    """

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {name: [] for name in RECORD_LISTS}
        self.numbers: dict[str, int] = {}
        self.kinds = bytearray()
        self.duplicate: Problem | None = None
        self.last: dt.datetime | None = None
        self.levelled: set[str] = set()
        """The uids of records with a level on a field or a citation: few, and the only
        ones whose levels need checking beyond the record's own."""

    def stamp(self, value: dt.datetime | None) -> dt.datetime | None:
        """One object while a timestamp repeats: records written together share theirs."""
        if value is not None and value == self.last:
            return self.last
        self.last = value
        return value

    def add(self, list_name: str, index: int, record: RecordOut) -> None:
        uid = record.id
        if uid in self.numbers:
            if self.duplicate is None:
                self.duplicate = (
                    Phrase(N_("the id {uid!r} is used twice"), uid=uid),
                    [list_name, index, "id"],
                )
            return
        self.numbers[uid] = len(self.kinds)
        self.kinds.append(LIST_NUMBERS[list_name])
        kind = KINDS[list_name]
        values = list(kind.values(record))
        for position, _, _ in kind.refs:
            if values[position] is not None:
                values[position] = intern(values[position])
        for position, _ in kind.binary:
            if values[position] is not None:
                try:
                    values[position] = base64.b64decode(values[position], validate=True)
                except (binascii.Error, ValueError):
                    values[position] = _NOT_BASE64
        if kind.indexed:
            values.append(index)
        if record.field_handling or any(c.handling for c in record.citations):
            self.levelled.add(uid)
        self.rows[list_name].append(
            Row(
                uid,
                record.handling and intern(record.handling),
                record.notes,
                self.stamp(record.created_at),
                self.stamp(record.updated_at),
                tuple(dict.fromkeys(record.aliases)),
                _citations(uid, record),
                tuple(values),
                tuple([tuple(link.rows(record)) for link in kind.links]),
                tuple(record.field_handling.items()) if record.field_handling else (),
            )
        )

    @staticmethod
    def repeated(list_name: str, row: Row) -> Problem | None:
        """A citation id or a delegation's member given twice in one record, with the path
        under the record: either would be two rows under one stable key."""
        ids: set[str] = set()
        for i, citation in enumerate(row.citations):
            if citation[6] in ids:
                return (
                    Phrase(N_("the citation id {uid!r} is used twice"), uid=citation[6]),
                    ["citations", i, "id"],
                )
            ids.add(citation[6])
        if list_name == "delegations":
            people: set[str] = set()
            for i, member in enumerate(row.links[0]):
                if member[0] in people:
                    return (
                        Phrase(
                            N_("{person!r} is listed twice among the members"), person=member[0]
                        ),
                        ["members", i, "person"],
                    )
                people.add(member[0])
        return None

    def times_problem(self) -> Problem | None:
        """The first event whose times name no instant or end before they start, judged
        as the event form judges them (a flight by its instants, not its clocks)."""
        positions = KINDS["events"].positions
        for index, row in enumerate(self.rows["events"]):
            values = {name: row.values[positions[name]] for name in _EVENT_TIMES}
            if (found := times_problem(values)) is not None:
                field, problem = found
                return problem, ["events", index, _EVENT_TIMES[field]]
        return None

    def bad_ref(self, uid: str | None, wanted: str) -> Phrase | None:
        if uid is None:
            return None
        number = self.numbers.get(uid)
        if number is None:
            return Phrase(N_("refers to {uid!r}, which is not in the file"), uid=uid)
        found = RECORD_LISTS[self.kinds[number]]
        if wanted in (_ANY, found):
            return None
        return Phrase(
            N_("refers to {uid!r}, which is one of the {found}, not the {wanted}"),
            uid=uid,
            found=found,
            wanted=wanted,
        )

    @staticmethod
    def bad_levels(list_name: str, row: Row, scale: dict[str, int], default: int) -> Problem | None:
        """A level of a record's citations or fields that the file's scale does not name,
        or a field below its record's level; with the path under the record.

        A field below its record is refused rather than raised: its level would claim a
        protection that the record's own level already exceeds, which says the file was
        written wrongly, not that a parent has moved."""
        for i, citation in enumerate(row.citations):
            if citation[5] is not None and citation[5] not in scale:
                return Phrase(UNKNOWN_LEVEL, name=citation[5]), ["citations", i, "handling"]
        record_rank = default if row.handling is None else scale[row.handling]
        keys = FIELD_KEYS[list_name]
        for key, name in row.fields:
            path: list[str | int] = ["field_handling", key]
            if key not in keys:
                allowed = ", ".join(keys)
                return (
                    Phrase(
                        N_("{key!r} cannot carry a level of its own in {kind} (only {allowed})"),
                        key=key,
                        kind=list_name,
                        allowed=allowed,
                    ),
                    path,
                )
            if name not in scale:
                return Phrase(UNKNOWN_LEVEL, name=name), path
            if above(record_rank, scale[name]):
                return (
                    Phrase(
                        N_(
                            "{key} is handled {name}, below its record's level ({record}); a "
                            "field may only be more sensitive than its record"
                        ),
                        key=key,
                        name=name,
                        record=_name_of(scale, record_rank),
                    ),
                    path,
                )
        return None

    def problem(self, head: DossierFile) -> Problem | None:
        """What the schema cannot say: unique ids, references that resolve, consistent dates."""
        if not head.handling_levels:
            return Phrase(N_("the file lists no handling levels")), ["handling_levels"]
        if scale_repeats(rungs(head.handling_levels)):
            return Phrase(N_("handling levels repeat a name or a rank")), ["handling_levels"]
        if (unprintable := _unprintable_level(head)) is not None:
            return unprintable
        if self.duplicate is not None:
            return self.duplicate
        scale = {x.name: x.rank for x in head.handling_levels}
        d = head.dossier
        named: tuple[tuple[str | None, list[str | int]], ...] = (
            (head.audience, ["audience"]),
            (d.default_handling, ["dossier", "default_handling"]),
            (d.subtitle_handling, ["dossier", "subtitle_handling"]),
            (d.scene_handling, ["dossier", "scene_handling"]),
        )
        for name, path in named:
            if name is not None and name not in scale:
                return Phrase(UNKNOWN_LEVEL, name=name), path
        default = default_rank(head, scale)
        for list_name, rows in self.rows.items():
            binary = KINDS[list_name].binary
            for index, row in enumerate(rows):
                if row.handling is not None and row.handling not in scale:
                    path = [list_name, index, "handling"]
                    return Phrase(UNKNOWN_LEVEL, name=row.handling), path
                if (
                    self.levelled
                    and row.uid in self.levelled
                    and (bad := self.bad_levels(list_name, row, scale, default)) is not None
                ):
                    return bad[0], [list_name, index, *bad[1]]
                for i, citation in enumerate(row.citations):
                    if (msg := self.bad_ref(citation[0], "sources")) is not None:
                        return (
                            Phrase(N_("citation {problem}"), problem=msg),
                            [list_name, index, "citations", i, "source"],
                        )
                if (twice := self.repeated(list_name, row)) is not None:
                    return twice[0], [list_name, index, *twice[1]]
                for position, attribute in binary:
                    if row.values[position] is _NOT_BASE64:
                        return (
                            Phrase(N_("the {attribute} is not valid base64"), attribute=attribute),
                            [list_name, index, attribute],
                        )
        if (msg := self.bad_ref(head.dossier.prepared_for, "parties")) is not None:
            return msg, ["dossier", "prepared_for"]
        for list_name, rows in self.rows.items():
            kind = KINDS[list_name]
            for index, row in enumerate(rows):
                for position, attribute, wanted in kind.refs:
                    if (msg := self.bad_ref(row.values[position], wanted)) is not None:
                        return msg, [list_name, index, attribute]
                for link, items in zip(kind.links, row.links, strict=True):
                    for i, item in enumerate(items):
                        if link.wanted and (msg := self.bad_ref(item[0], link.wanted)):
                            return msg, [list_name, index, link.field, i, *link.part]
        for list_name, rows in self.rows.items():
            if (span := KINDS[list_name].span) is not None:
                start, end, attribute = span
                for index, row in enumerate(rows):
                    if (wrong := span_problem(row.values[start], row.values[end])) is not None:
                        return wrong, [list_name, index, attribute]
        if (timed := self.times_problem()) is not None:
            return timed
        briefed = [row.values[0] for row in self.rows["meeting_briefs"]]
        if len(set(briefed)) != len(briefed):
            return Phrase(N_("an event has more than one meeting brief")), ["meeting_briefs"]
        return None


_EVENT_TIMES = {
    field.name: field.exchange_name for field in kind_of("event").fields if field.name in TIMES
}
"""An event's columns :func:`briefing.domain.rules.times_problem` reads, with their
attributes in the file."""


def _citations(uid: str, record: RecordOut) -> tuple[tuple[Any, ...], ...]:
    """A record's citations as staged rows, each with its stable id: the file's, or the
    one derived from what it cites (files before version 3 give none)."""
    rows = []
    repeats: dict[str, int] = {}
    for c in record.citations:
        stable = c.id
        if stable is None:
            stable = derived_citation_uid(uid, c.source, c.excerpt, c.locator, 0)
            repeat = repeats.get(stable, 0)
            repeats[stable] = repeat + 1
            if repeat:
                stable = derived_citation_uid(uid, c.source, c.excerpt, c.locator, repeat)
        rows.append(
            (
                intern(c.source),
                c.excerpt,
                c.locator,
                c.stance,
                c.credibility,
                c.handling and intern(c.handling),
                stable,
            )
        )
    return tuple(rows)


def _unprintable_level(head: DossierFile) -> Problem | None:
    """The first level name or marking holding a character a reader cannot see, if any.

    Names and markings are printed literally on every page of a book (a marking is any
    printable text of up to 8 characters, ``<`` and ``&`` included), so an invisible or
    control character in one is refused here rather than silently dropped in print.
    """
    for index, level in enumerate(head.handling_levels):
        for part, text in (("name", level.name), ("marking", level.marking)):
            hidden = [char for char in text if unseen(char)]
            if hidden:
                return (
                    Phrase(
                        N_(
                            'the handling level {part} "{text}" holds {char}, which is not '
                            "printable text"
                        ),
                        part=part,
                        text=for_terminal(text),
                        char=for_terminal(hidden[0]),
                    ),
                    ["handling_levels", index, part],
                )
    return None
