"""A whole dossier to and from one JSON file (format in ``exchange_format``).

Import validates everything (syntax, schema, references, the database's handling scale)
before it writes, and then writes in one transaction, so a refused or failed file leaves
the database exactly as it was. The file is read a chunk at a time and each record held
as compact rows once validated, so even a ministry-sized dossier never sits in memory as
bytes, text, JSON objects and models at once (``python -m tests.benchmarks import``).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import datetime as dt
import gc
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path
from sys import intern
from typing import Any, BinaryIO, NamedTuple, NoReturn, TypeVar

from pydantic import ValidationError
from sqlalchemy import Connection, LargeBinary, Table, func, insert, select
from sqlalchemy.orm import Session, selectinload

from briefing.domain import (
    Appointment,
    BargainingChip,
    Base,
    Delegation,
    Dossier,
    Event,
    HandlingLevel,
    MeetingBrief,
    Organization,
    Party,
    Person,
    Record,
    Source,
    TalkingPoint,
)
from briefing.domain.base import utcnow
from briefing.domain.references import render
from briefing.domain.registry import Field as KindField
from briefing.domain.registry import kind_of
from briefing.domain.rules import span_problem
from briefing.errors import ImportRefused, NotFound
from briefing.files import write_atomically
from briefing.store import search
from briefing.store.database import Store
from briefing.store.exchange_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    AppointmentOut,
    ChipOut,
    CitationOut,
    DelegationOut,
    DossierFile,
    DossierOut,
    EventOut,
    LevelOut,
    MeetingBriefOut,
    MemberOut,
    OrganizationOut,
    PartyOut,
    PersonOut,
    RecordOut,
    SourceOut,
    TalkingPointOut,
    ValueOut,
    field_keys,
)
from briefing.store.json_position import dotted, locate
from briefing.store.references import withheld_from
from briefing.store.visibility import (
    EVERYTHING,
    Rung,
    above,
    at_most,
    blank,
    cleared,
    enforce_floors,
    field,
    highest,
    levels,
    lowest,
    rung,
    scale_repeats,
    scene_level,
    shared_with_colleagues,
    starts_scale,
    subtitle_level,
    up_to,
    visible,
)
from briefing.text import for_terminal, unseen

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Larger files are refused before parsing: a real dossier is a few megabytes."""

R = TypeVar("R", bound=Record)


# --------------------------------------------------------------------------- export


def _records(
    session: Session,
    model: type[R],
    dossier: Dossier,
    level: int,
    *collections: Any,
    order: Sequence[Any] = (),
) -> Sequence[R]:
    """A kind's records an audience at ``level`` may see, with their aliases, citations,
    protected fields and ``collections`` loaded up front: loaded record by record, a
    ministry-sized dossier took minutes of queries to export."""
    return session.scalars(
        select(model)
        .where(model.dossier_id == dossier.id, visible(model, level))
        .order_by(*order, model.id)
        .options(
            selectinload(model.aliases),
            selectinload(model.citations),
            selectinload(model.field_levels),
            *(selectinload(collection) for collection in collections),
        )
    ).all()


class _Export:
    """One dossier as an audience at ``level`` sees it, as the file's models.

    Every decision goes through :mod:`briefing.store.visibility`: records by ``visible``,
    references by whether the record they name was read (a withheld one reads as None,
    so the link is dropped), citations and protected fields by their own levels.
    """

    def __init__(
        self,
        session: Session,
        dossier: Dossier,
        scale: Sequence[HandlingLevel],
        level: int,
        *,
        whole: bool,
    ) -> None:
        self.session = session
        self.level = level
        self.scale = up_to(scale, level)
        self.names = {x.rank: x.name for x in scale}
        rows = session.execute(
            select(Record.id, Record.uid, Record.handling).where(
                Record.dossier_id == dossier.id, visible(Record, level)
            )
        ).all()
        self.uids: dict[int, str | None] = {row[0]: row[1] for row in rows}
        self.ranks: dict[int, int] = {row[0]: row[2] for row in rows}
        self.withheld: set[str] = set()
        if not whole:
            everything = session.scalars(select(Source.uid).where(Source.dossier_id == dossier.id))
            self.withheld = withheld_from(session, dossier.id, level, everything)

    def text(self, value: str) -> str:
        """Free text as the audience gets it: a reference to a source it may not see goes,
        as in its book, so a file for an audience names no withheld source's id. A uid that
        names no source stays, a mistake for the checks to report."""
        if not self.withheld or "[[" not in value:
            return value
        return render(value, str, lambda uid: None if uid in self.withheld else f"[[{uid}]]")

    def ref(self, record_id: int | None) -> str | None:
        """The uid a reference names, None when it names nothing the audience may see.

        From one query rather than by loading the record: the records of a kind are let
        go once written, and reloading them one by one took most of the time exporting
        a large dossier."""
        if record_id is None:
            return None
        if record_id not in self.uids:  # a record of another dossier
            row = self.session.execute(
                select(Record.uid, Record.handling).where(
                    Record.id == record_id, visible(Record, self.level)
                )
            ).one_or_none()
            self.uids[record_id] = None if row is None else row[0]
            if row is not None:
                self.ranks[record_id] = row[1]
        return self.uids[record_id]

    def refs(self, record_ids: Iterable[int]) -> list[str]:
        """The uids of a list's records the audience may see, in the list's order."""
        return [uid for uid in map(self.ref, record_ids) if uid is not None]

    def fields(self, record: Record) -> tuple[dict[str, Any], dict[str, str]]:
        """The protected columns the audience may see, by column, and the levels of those
        above their record, by the file's key (a chip's value is one key for three)."""
        shown: dict[str, Any] = {}
        above_record: dict[str, str] = {}
        for key, columns in field_keys(record.kind).items():
            found = {c: f for c in columns if (f := field(record, c, self.level)) is not None}
            if len(found) != len(columns):  # part of it is above the audience: all of it goes
                continue
            shown.update((column, f.value) for column, f in found.items())
            rank = highest(*(f.level for f in found.values()))
            if above(rank, record.handling):
                above_record[key] = self.names[rank]
        return shown, above_record

    def citations(self, record: Record) -> list[CitationOut]:
        out = []
        for c in record.citations:
            source = self.ref(c.source_id)
            if source is None or not cleared(c.handling, self.level):
                continue
            floor = highest(record.handling, self.ranks[c.source_id])
            out.append(
                CitationOut(
                    source=source,
                    handling=self.names[c.handling] if above(c.handling, floor) else None,
                    excerpt=c.excerpt,
                    locator=c.locator,
                    stance=c.stance,
                    credibility=c.credibility,
                )
            )
        return out

    def record(self, record: Record) -> tuple[dict[str, Any], dict[str, Any]]:
        """The columns every record shares, as keyword arguments of its model, and the
        protected columns the audience may see (see :meth:`fields`)."""
        shown, above_record = self.fields(record)
        common = {
            "id": record.uid,
            "handling": self.names[record.handling],
            "field_handling": above_record,
            "notes": self.text(shown.get("notes", "")),
            "aliases": [a.name for a in record.aliases],
            "citations": self.citations(record),
            "created_at": record.created_at,
            "updated_at": record.updated_at,
        }
        return common, shown

    def dossier(self, dossier: Dossier) -> DossierOut:
        default = dossier.default_handling
        subtitle = cleared(subtitle_level(default, dossier.subtitle_handling), self.level)
        scene = cleared(scene_level(default, dossier.scene_handling), self.level)
        return DossierOut(
            slug=dossier.slug,
            title=dossier.title,
            subtitle=dossier.subtitle if subtitle else "",
            subtitle_handling=self.name(dossier.subtitle_handling) if subtitle else None,
            scene_setter=self.text(dossier.scene_setter) if scene else "",
            scene_handling=self.name(dossier.scene_handling) if scene else None,
            prepared_for=self.ref(dossier.prepared_for_id),
            as_of=dossier.as_of,
            count_days_from=dossier.count_days_from,
            default_handling=self.names[at_most(default, self.level)],
        )

    def name(self, rank: int | None) -> str | None:
        return None if rank is None else self.names[rank]


def dossier_to_model(
    session: Session, dossier: Dossier, *, audience: int | None = None
) -> DossierFile:
    """The dossier as a file's model: whole, or what an audience at rank ``audience`` may
    see (and the file then says so)."""
    scale = levels(session)
    if audience is not None and rung(scale, audience) is None:
        names = ", ".join(x.name for x in scale)
        raise NotFound(f"no handling level has rank {audience}; the levels are: {names}")
    level = EVERYTHING if audience is None else audience
    ex = _Export(session, dossier, scale, level, whole=audience is None)
    ref = ex.ref

    def parties() -> Iterator[PartyOut]:
        for p in _records(session, Party, dossier, level):
            common, _ = ex.record(p)
            yield PartyOut(**common, name=p.name, code=p.code, colour=p.colour)

    def organizations() -> Iterator[OrganizationOut]:
        for o in _records(session, Organization, dossier, level):
            common, _ = ex.record(o)
            yield OrganizationOut(
                **common, name=o.name, acronym=o.acronym, kind=o.org_kind, party=ref(o.party_id)
            )

    def people() -> Iterator[PersonOut]:
        for p in _records(session, Person, dossier, level):
            common, _ = ex.record(p)
            yield PersonOut(
                **common,
                name=p.name,
                native_name=p.native_name,
                party=ref(p.party_id),
                bio=ex.text(p.bio),
                photo=base64.b64encode(p.photo).decode("ascii") if p.photo else None,
            )

    def appointments() -> Iterator[AppointmentOut]:
        for a in _records(session, Appointment, dossier, level):
            person = ref(a.person_id)
            if person is None:  # its parent is withheld: so is it
                continue
            common, _ = ex.record(a)
            yield AppointmentOut(
                **common,
                person=person,
                title=a.title,
                organization=ref(a.organization_id),
                start=a.start,
                end=a.end,
            )

    def sources() -> Iterator[SourceOut]:
        for s in _records(session, Source, dossier, level):
            common, _ = ex.record(s)
            yield SourceOut(
                **common,
                title=s.title,
                publisher=s.publisher,
                author=s.author,
                published_on=s.published_on,
                language=s.language,
                address=s.address,
                full_text=s.full_text,
                reliability=s.reliability,
            )

    def events() -> Iterator[EventOut]:
        for e in _records(session, Event, dossier, level, Event.participants):
            common, _ = ex.record(e)
            yield EventOut(
                **common,
                title=e.title,
                kind=e.event_kind,
                start_date=e.start_date,
                start_time=e.start_time,
                end_date=e.end_date,
                end_time=e.end_time,
                precision=e.precision,
                place=e.place,
                timezone=e.timezone,
                status=e.status,
                summary=ex.text(e.summary),
                outcome=ex.text(e.outcome),
                owner=ref(e.owner_id),
                participants=ex.refs(p.id for p in e.participants),
            )

    def delegations() -> Iterator[DelegationOut]:
        for d in _records(session, Delegation, dossier, level, Delegation.members):
            party, event = ref(d.party_id), ref(d.event_id)
            if party is None or (event is None and d.event_id is not None):
                continue  # a parent is withheld: so is it
            common, _ = ex.record(d)
            members = [(ref(m.person_id), m) for m in d.members]
            yield DelegationOut(
                **common,
                name=d.name,
                event=event,
                party=party,
                members=[
                    MemberOut(person=person, role=m.role, head=m.is_head)
                    for person, m in members
                    if person is not None
                ],
            )

    def meeting_briefs() -> Iterator[MeetingBriefOut]:
        for b in _records(session, MeetingBrief, dossier, level):
            event = ref(b.event_id)
            if event is None:  # its parent is withheld: so is it
                continue
            common, shown = ex.record(b)
            yield MeetingBriefOut(
                **common,
                event=event,
                purpose=ex.text(b.purpose),
                desired_outcome=ex.text(shown.get("desired_outcome", "")),
                run_of_meeting=ex.text(b.run_of_meeting),
                our_objectives=ex.text(shown.get("our_objectives", "")),
                their_objectives=ex.text(shown.get("their_objectives", "")),
            )

    def chips() -> Iterator[ChipOut]:
        for c in _records(
            session, BargainingChip, dossier, level, BargainingChip.sectors, BargainingChip.events
        ):
            common, shown = ex.record(c)
            yield ChipOut(
                **common,
                title=c.title,
                party=ref(c.party_id),
                kind=c.chip_kind,
                description=ex.text(c.description),
                sectors=c.sector_names,
                value=ValueOut(
                    amount=shown.get("value_amount"),
                    currency=shown.get("value_currency", ""),
                    note=ex.text(shown.get("value_note", "")),
                ),
                status=c.status,
                priority=c.priority,
                likelihood=c.likelihood,
                our_target=ex.text(shown.get("our_target", "")),
                our_minimum=ex.text(shown.get("our_minimum", "")),
                their_position=ex.text(shown.get("their_position", "")),
                tradeable=c.tradeable,
                events=ex.refs(e.id for e in c.events),
            )

    def talking_points() -> Iterator[TalkingPointOut]:
        order = (TalkingPoint.position,)
        for t in _records(session, TalkingPoint, dossier, level, order=order):
            subject = ref(t.subject_id)
            if subject is None and t.subject_id is not None:
                continue  # about a withheld record: not a line about the dossier instead
            common, _ = ex.record(t)
            yield TalkingPointOut(
                **common, subject=subject, kind=t.point_kind, text=ex.text(t.text)
            )

    return DossierFile(
        format=FORMAT_NAME,
        version=FORMAT_VERSION,
        audience=None if audience is None else ex.names[audience],
        handling_levels=[LevelOut(rank=x.rank, name=x.name, marking=x.marking) for x in ex.scale],
        dossier=ex.dossier(dossier),
        parties=list(parties()),
        organizations=list(organizations()),
        people=list(people()),
        appointments=list(appointments()),
        sources=list(sources()),
        events=list(events()),
        delegations=list(delegations()),
        meeting_briefs=list(meeting_briefs()),
        chips=list(chips()),
        talking_points=list(talking_points()),
    )


def dumps(model: DossierFile) -> str:
    """The file's text: stable key order and layout, so equal dossiers give equal bytes."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    data = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_dossier(store: Store, slug: str, *, audience: int | None = None) -> str:
    """The dossier's file text: the whole dossier, or with ``audience`` (a rank of the
    handling scale) only what that audience may see, its scale stopping at that level."""
    with _collector_paused(), store.session() as session:
        return dumps(dossier_to_model(session, find_dossier(session, slug), audience=audience))


def export_file(store: Store, slug: str, target: Path, *, audience: int | None = None) -> None:
    """Write the dossier (see :func:`export_dossier`) to ``target`` through a temporary
    file, so a failure keeps the old one. A whole dossier is readable by its owner alone;
    one for an audience at the scale's lowest levels as any new file of the person's."""
    text = export_dossier(store, slug, audience=audience)
    shared = False
    if audience is not None:
        with store.session() as session:
            shared = shared_with_colleagues([x.rank for x in levels(session)], audience)
    write_atomically(target, text.encode("utf-8"), shared=shared)


def find_dossier(session: Session, slug: str | None) -> Dossier:
    """The dossier with ``slug``, or the only one when ``slug`` is None."""
    if slug is None:
        dossiers = session.scalars(select(Dossier).order_by(Dossier.id)).all()
        if len(dossiers) == 1:
            return dossiers[0]
        if not dossiers:
            raise NotFound("the database holds no dossier")
        names = ", ".join(d.slug for d in dossiers)
        raise NotFound(f"the database holds several dossiers; name one of: {names}")
    dossier = session.scalar(select(Dossier).where(Dossier.slug == slug))
    if dossier is None:
        raise NotFound(f"no dossier called {slug!r}")
    return dossier


# --------------------------------------------------------------------------- import

_RECORD_TYPES: dict[str, type[RecordOut]] = {
    "parties": PartyOut,
    "organizations": OrganizationOut,
    "people": PersonOut,
    "appointments": AppointmentOut,
    "sources": SourceOut,
    "events": EventOut,
    "delegations": DelegationOut,
    "meeting_briefs": MeetingBriefOut,
    "chips": ChipOut,
    "talking_points": TalkingPointOut,
}
"""The record lists of a file, in the order the format writes them, with their item types."""

_RECORD_LISTS: tuple[str, ...] = tuple(_RECORD_TYPES)
_LIST_NUMBERS = {name: number for number, name in enumerate(_RECORD_LISTS)}
_FIELD_ORDER = {name: position for position, name in enumerate(DossierFile.model_fields)}

_CHUNK = 1 << 20
"""Bytes read and decoded at a time: a file is parsed through a window, never held whole."""

_MARGIN = 32
"""A syntax error this close to the end of the window may be a value cut by the window."""

_SPACE = re.compile(r"[ \t\n\r]*")
_NOT_OURS = f'not a Briefing dossier file (no "format": "{FORMAT_NAME}")'


def _twice(key: str) -> str:
    return f"the key {key!r} appears twice in one object"


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(_twice(key))
            seen.add(key)
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=_reject_duplicate_keys)


def _too_big(size: int) -> ImportRefused:
    return ImportRefused(
        f"the file is {size / 1048576:.1f} MB; dossier files are limited to "
        f"{MAX_FILE_BYTES // 1048576} MB"
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dossier is read and written.

    A large dossier is millions of small objects and none of them form cycles, but each
    collection walks all of them again as they accumulate: with the collector running,
    it took most of the time spent parsing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Reader:
    """A file's JSON, decoded a chunk at a time and parsed one value at a time.

    Only the top level is walked here; each value under it (each item of a record list)
    is decoded by the standard library's parser, so syntax errors carry its messages.
    ``buf`` holds the text from the cursor ``pos`` to what has been read so far, and
    ``line`` is the line number of its first character.
    """

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream = stream
        self.name = name
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.size = 0
        self.newlines = 0
        self.eof = False

    def more(self) -> bool:
        """Decode the next chunk into the window; False once the file is used up.

        The amount read grows with the value in hand, so a value larger than a chunk
        (a long text) is re-parsed a few times, not once per chunk.
        """
        if self.eof:
            return False
        try:
            data = self.stream.read(max(_CHUNK, len(self.buf) - self.pos))
        except OSError as exc:
            raise ImportRefused(f"cannot read {self.name}: {exc.strerror or exc}") from exc
        if self.size == 0 and data.startswith((b"PK\x03\x04", b"\x1f\x8b")):
            raise ImportRefused("the file is a compressed archive, not a dossier JSON file")
        self.size += len(data)
        if self.size > MAX_FILE_BYTES:
            raise _too_big(self.size)
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            line = self.newlines + exc.object[: exc.start].count(b"\n") + 1
            raise ImportRefused("the file is not valid UTF-8 text", line=line) from exc
        self.newlines += data.count(b"\n")
        self.line += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        self.eof = not data
        return True

    def refuse(self, reason: str, at: int | None = None) -> NoReturn:
        """Refuse the file for a syntax problem, unless its encoding is wrong further on:
        that is the more basic fault, and it was always reported first."""
        line = None if at is None else self.line + self.buf.count("\n", 0, at)
        while True:
            self.pos = len(self.buf)
            if not self.more():
                break
        raise ImportRefused(reason, line=line)

    def expected(self, what: str) -> NoReturn:
        self.refuse(f"the file is not valid JSON: {what}", self.pos)

    def next_char(self) -> str:
        """Move past JSON whitespace; the character there, or "" at the end of the file."""
        while True:
            match = _SPACE.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value(self) -> Any:
        """Decode the value at the cursor, reading on until it is whole."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated") or exc.pos >= len(self.buf) - _MARGIN
                if self.eof or not cut:
                    self.refuse(f"the file is not valid JSON: {exc.msg}", exc.pos)
                self.more()
                continue
            except RecursionError:
                self.refuse("the file nests too deeply to be a dossier")
            except ValueError as exc:  # a repeated key, an integer of thousands of digits
                self.refuse(f"the file is not valid JSON: {exc}")
            if end < len(self.buf) or self.eof:  # else a number might go on past the window
                self.pos = end
                return value
            self.more()

    def document(self, take: Callable[[str, int, Any], None]) -> dict[str, Any]:
        """Walk the whole file. Each item of a record list goes to ``take`` as soon as it is
        decoded; the rest of the top-level object (format, levels, dossier …) is returned."""
        char = self.next_char()
        if char.isspace():  # other Unicode spaces: the file is empty if nothing else follows
            while self.more():
                pass
            if self.buf[self.pos :].strip():
                self.expected("Expecting value")
            char = ""
        if not char:
            raise ImportRefused("the file is empty")
        if char != "{":
            self.value()
            self.end()
            raise ImportRefused(_NOT_OURS, line=1)
        self.pos += 1
        head: dict[str, Any] = {}
        seen: set[str] = set()
        repeated: str | None = None
        char = self.next_char()
        while char != "}":
            if char != '"':
                self.expected("Expecting property name enclosed in double quotes")
            key = self.value()
            if key in seen and repeated is None:
                repeated = key
            seen.add(key)
            if self.next_char() != ":":
                self.expected("Expecting ':' delimiter")
            self.pos += 1
            if self.next_char() == "[" and key in _RECORD_TYPES and repeated is None:
                self.items(key, take)
            else:
                head[key] = self.value()
            char = self.after_value("}", "Expecting property name enclosed in double quotes")
        self.pos += 1
        self.end()
        if repeated is not None:  # as the standard parser reports it: once the object is read
            raise ImportRefused(f"the file is not valid JSON: {_twice(repeated)}")
        return head

    def items(self, key: str, take: Callable[[str, int, Any], None]) -> None:
        self.pos += 1
        char = self.next_char()
        index = 0
        while char != "]":
            take(key, index, self.value())
            index += 1
            char = self.after_value("]", "Expecting value")
        self.pos += 1

    def after_value(self, closer: str, after_comma: str) -> str:
        """Past the comma after a member, or at the closing bracket: the character there.

        ``after_comma`` is the standard parser's words for a comma straight before the
        closer, so a refusal reads the same as ``json.loads`` would put it.
        """
        char = self.next_char()
        if char == ",":
            self.pos += 1
            char = self.next_char()
            if char == closer:
                self.expected(after_comma)
        elif char != closer:
            self.expected("Expecting ',' delimiter")
        return char

    def end(self) -> None:
        if self.next_char():
            self.expected("Extra data")


_ANY = "*"
"""A reference that may name a record of any kind (a talking point's subject)."""


class _Link(NamedTuple):
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


class _Kind(NamedTuple):
    """How one record list becomes rows: its table, columns, references and date span."""

    table: str
    columns: tuple[str, ...]
    values: Callable[[Any], tuple[Any, ...]]
    refs: tuple[tuple[int, str, str], ...]
    span: tuple[int, int, str] | None
    links: tuple[_Link, ...]
    indexed: bool
    positions: dict[str, int]
    """Where each of the table's columns sits in a staged row's values."""


def _wanted(field: KindField) -> str:
    """The list a reference field's uid must name: its one target kind's, or any."""
    return kind_of(field.targets[0]).exchange if len(field.targets) == 1 else _ANY


def _kind(
    name: str, span: tuple[str, str] | None = None, links: tuple[_Link, ...] = ()
) -> tuple[str, _Kind]:
    """The registry's kind ``name`` as its list in the file and how that list becomes rows:
    its fields' columns, in the table's order, map to their attributes in the file, its
    reference fields name records of their target kinds; ``span`` names attributes; a kind
    with a position column holds the record's place in its list there."""
    kind = kind_of(name)
    fields = {field.name: field.exchange_name for field in kind.fields}
    refs = {field.exchange_name: _wanted(field) for field in kind.fields if field.targets}
    attributes = list(fields.values())
    index = kind.position
    return kind.exchange, _Kind(
        kind.name,
        (*fields, index) if index else tuple(fields),
        attrgetter(*attributes),
        tuple((attributes.index(a), a, wanted) for a, wanted in refs.items()),
        (attributes.index(span[0]), attributes.index(span[1]), span[1]) if span else None,
        links,
        bool(index),
        {column: position for position, column in enumerate(fields)},
    )


_KINDS: dict[str, _Kind] = dict(
    (
        _kind("party"),
        _kind("organization"),
        _kind("person"),
        _kind("appointment", span=("start", "end")),
        _kind("source"),
        _kind(
            "event",
            span=("start_date", "end_date"),
            links=(
                _Link(
                    "event_participant",
                    "event_id",
                    "participants",
                    ("person_id",),
                    lambda e: [(intern(p),) for p in e.participants],
                    "people",
                ),
            ),
        ),
        _kind(
            "delegation",
            links=(
                _Link(
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
                _Link(
                    "chip_sector",
                    "chip_id",
                    "sectors",
                    ("name",),
                    lambda c: [(intern(s),) for s in c.sectors],
                ),
                _Link(
                    "chip_event",
                    "chip_id",
                    "events",
                    ("event_id",),
                    lambda c: [(intern(e),) for e in c.events],
                    "events",
                ),
            ),
        ),
        _kind("talking_point"),
    )
)
"""Each record list's rows. Links hold references in their first column."""

_FIELD_KEYS = {list_name: field_keys(kind.table) for list_name, kind in _KINDS.items()}
"""Each record list's keys of ``field_handling``, with the columns each one covers."""

_RECORD_COLUMNS = (
    "id",
    "uid",
    "kind",
    "dossier_id",
    "handling",
    "notes",
    "created_at",
    "updated_at",
)
_NOT_BASE64 = object()
"""Stands in for a photo that is not base64, until the checks report it."""


def _rungs(scale: Iterable[LevelOut | HandlingLevel]) -> list[Rung]:
    return [(x.rank, x.name, x.marking) for x in scale]


def _default_rank(head: DossierFile, scale: dict[str, int]) -> int:
    """The level of a record the file gives none: its dossier's default, else its lowest."""
    name = head.dossier.default_handling
    return scale[name] if name else lowest(*scale.values())


def _name_of(scale: dict[str, int], rank: int) -> str:
    return {r: name for name, r in scale.items()}[rank]


def _protected(
    list_name: str, row: _Row, scale: dict[str, int], record_rank: int
) -> dict[str, int]:
    """The columns of ``row`` whose values go into FieldLevel rows, with their levels.

    The rule of :func:`visibility.set_field_level`: a field at its record's level is no
    more protected than the record, so its value stays in the record's column."""
    keys = _FIELD_KEYS[list_name]
    moved: dict[str, int] = {}
    for key, name in row.fields:
        if above(scale[name], record_rank):
            moved.update(dict.fromkeys(keys[key], scale[name]))
    return moved


class _Row(NamedTuple):
    """One record, validated and held compactly until it is written; references are uids."""

    uid: str
    handling: str | None
    notes: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    aliases: tuple[str, ...]
    citations: tuple[tuple[Any, ...], ...]
    values: tuple[Any, ...]
    links: tuple[tuple[tuple[Any, ...], ...], ...]
    fields: tuple[tuple[str, str], ...]
    """The file's ``field_handling``: (key, level name) pairs, usually none."""


class _Stage:
    """A dossier's records as rows: checked as a whole, then written table by table.

    The pydantic models of a ministry-sized dossier take several times the memory of its
    file; records are staged as tuples as soon as each is validated and the model let go.
    Strings that many records repeat (handling names, the uids of cited sources and of
    participants) are interned, since the parser makes a new one for every occurrence.
    Every record gets its row id up front (in file order, so a later export keeps the
    order), so all references resolve without reading anything back.
    """

    def __init__(self) -> None:
        self.rows: dict[str, list[_Row]] = {name: [] for name in _RECORD_LISTS}
        self.numbers: dict[str, int] = {}
        self.kinds = bytearray()
        self.duplicate: tuple[str, list[str | int]] | None = None
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
                self.duplicate = (f"the id {uid!r} is used twice", [list_name, index, "id"])
            return
        self.numbers[uid] = len(self.kinds)
        self.kinds.append(_LIST_NUMBERS[list_name])
        kind = _KINDS[list_name]
        values = list(kind.values(record))
        for position, _, _ in kind.refs:
            if values[position] is not None:
                values[position] = intern(values[position])
        if isinstance(record, PersonOut) and record.photo is not None:
            try:
                values[-1] = base64.b64decode(record.photo, validate=True)
            except (binascii.Error, ValueError):
                values[-1] = _NOT_BASE64
        if kind.indexed:
            values.append(index)
        if record.field_handling or any(c.handling for c in record.citations):
            self.levelled.add(uid)
        self.rows[list_name].append(
            _Row(
                uid,
                record.handling and intern(record.handling),
                record.notes,
                self.stamp(record.created_at),
                self.stamp(record.updated_at),
                tuple(record.aliases),
                tuple(
                    [
                        (
                            intern(c.source),
                            c.excerpt,
                            c.locator,
                            c.stance,
                            c.credibility,
                            c.handling and intern(c.handling),
                        )
                        for c in record.citations
                    ]
                ),
                tuple(values),
                tuple([tuple(link.rows(record)) for link in kind.links]),
                tuple(record.field_handling.items()) if record.field_handling else (),
            )
        )

    def bad_ref(self, uid: str | None, wanted: str) -> str | None:
        if uid is None:
            return None
        number = self.numbers.get(uid)
        if number is None:
            return f"refers to {uid!r}, which is not in the file"
        found = _RECORD_LISTS[self.kinds[number]]
        if wanted in (_ANY, found):
            return None
        return f"refers to {uid!r}, which is one of the {found}, not the {wanted}"

    @staticmethod
    def bad_levels(
        list_name: str, row: _Row, scale: dict[str, int], default: int
    ) -> tuple[str, list[str | int]] | None:
        """A level of a record's citations or fields that the file's scale does not name,
        or a field below its record's level; with the path under the record.

        A field below its record is refused rather than raised: its level would claim a
        protection that the record's own level already exceeds, which says the file was
        written wrongly, not that a parent has moved."""
        for i, citation in enumerate(row.citations):
            if citation[5] is not None and citation[5] not in scale:
                return f"unknown handling level {citation[5]!r}", ["citations", i, "handling"]
        record_rank = default if row.handling is None else scale[row.handling]
        keys = _FIELD_KEYS[list_name]
        for key, name in row.fields:
            path: list[str | int] = ["field_handling", key]
            if key not in keys:
                allowed = ", ".join(keys)
                return (
                    f"{key!r} cannot carry a level of its own in {list_name} (only {allowed})",
                    path,
                )
            if name not in scale:
                return f"unknown handling level {name!r}", path
            if above(record_rank, scale[name]):
                return (
                    f"{key} is handled {name}, below its record's level "
                    f"({_name_of(scale, record_rank)}); a field may only be more sensitive "
                    "than its record",
                    path,
                )
        return None

    def problem(self, head: DossierFile) -> tuple[str, list[str | int]] | None:
        """What the schema cannot say: unique ids, references that resolve, consistent dates."""
        if not head.handling_levels:
            return "the file lists no handling levels", ["handling_levels"]
        if scale_repeats(_rungs(head.handling_levels)):
            return "handling levels repeat a name or a rank", ["handling_levels"]
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
                return f"unknown handling level {name!r}", path
        default = _default_rank(head, scale)
        for list_name, rows in self.rows.items():
            for index, row in enumerate(rows):
                if row.handling is not None and row.handling not in scale:
                    path = [list_name, index, "handling"]
                    return f"unknown handling level {row.handling!r}", path
                if (
                    self.levelled
                    and row.uid in self.levelled
                    and (bad := self.bad_levels(list_name, row, scale, default)) is not None
                ):
                    return bad[0], [list_name, index, *bad[1]]
                for i, citation in enumerate(row.citations):
                    if (msg := self.bad_ref(citation[0], "sources")) is not None:
                        return f"citation {msg}", [list_name, index, "citations", i, "source"]
                if list_name == "people" and row.values[-1] is _NOT_BASE64:
                    return "the photo is not valid base64", [list_name, index, "photo"]
        if (msg := self.bad_ref(head.dossier.prepared_for, "parties")) is not None:
            return msg, ["dossier", "prepared_for"]
        for list_name, rows in self.rows.items():
            kind = _KINDS[list_name]
            for index, row in enumerate(rows):
                for position, attribute, wanted in kind.refs:
                    if (msg := self.bad_ref(row.values[position], wanted)) is not None:
                        return msg, [list_name, index, attribute]
                for link, items in zip(kind.links, row.links, strict=True):
                    for i, item in enumerate(items):
                        if link.wanted and (msg := self.bad_ref(item[0], link.wanted)):
                            return msg, [list_name, index, link.field, i, *link.part]
        for list_name, rows in self.rows.items():
            if (span := _KINDS[list_name].span) is not None:
                start, end, attribute = span
                for index, row in enumerate(rows):
                    if (msg := span_problem(row.values[start], row.values[end])) is not None:
                        return msg, [list_name, index, attribute]
        briefed = [row.values[0] for row in self.rows["meeting_briefs"]]
        if len(set(briefed)) != len(briefed):
            return "an event has more than one meeting brief", ["meeting_briefs"]
        return None

    def write(self, session: Session, head: DossierFile, levels: dict[str, int], slug: str) -> int:
        """Insert every row; returns the new dossier's id."""
        d = head.dossier
        default = _default_rank(head, levels)
        dossier = Dossier(
            slug=slug,
            title=d.title,
            subtitle=d.subtitle,
            subtitle_handling=levels[d.subtitle_handling] if d.subtitle_handling else None,
            scene_setter=d.scene_setter,
            scene_handling=levels[d.scene_handling] if d.scene_handling else None,
            as_of=d.as_of,
            count_days_from=d.count_days_from,
            default_handling=default,
        )
        session.add(dossier)
        session.flush()
        first = int(session.scalar(select(func.max(Record.id))) or 0) + 1
        numbers = self.numbers
        now = utcnow()
        dossier_id = dossier.id

        def rank(row: _Row) -> int:
            return levels[row.handling] if row.handling else default

        sources = {row.uid: rank(row) for row in self.rows["sources"]}
        # By record, the columns whose values go into FieldLevel rows, with their levels.
        protected = {
            row.uid: _protected(list_name, row, levels, rank(row))
            for list_name, rows in self.rows.items()
            for row in rows
            if row.fields
        }

        def records() -> Iterator[tuple[Any, ...]]:
            for list_name, rows in self.rows.items():
                kind = _KINDS[list_name].table
                for row in rows:
                    notes = row.notes
                    if row.fields and "notes" in protected[row.uid]:
                        notes = blank("notes")
                    yield (
                        first + numbers[row.uid],
                        row.uid,
                        kind,
                        dossier_id,
                        levels[row.handling] if row.handling else default,
                        notes,
                        row.created_at or now,
                        row.updated_at or now,
                    )

        def field_rows() -> Iterator[tuple[Any, ...]]:
            for list_name, rows in self.rows.items():
                positions = _KINDS[list_name].positions
                for row in rows:
                    if not row.fields:
                        continue
                    for column, field_rank in protected[row.uid].items():
                        value = row.values[positions[column]] if column in positions else row.notes
                        yield (
                            first + numbers[row.uid],
                            column,
                            field_rank,
                            json.dumps(value, ensure_ascii=False),
                        )

        def aliases() -> Iterator[tuple[Any, ...]]:
            for rows in self.rows.values():
                for row in rows:
                    for name in row.aliases:
                        yield first + numbers[row.uid], name

        # A citation's level when the file gives none: the same few pairs over and over.
        floor = lru_cache(maxsize=None)(highest)

        def citations() -> Iterator[tuple[Any, ...]]:
            for rows in self.rows.values():
                for row in rows:
                    record_id = first + numbers[row.uid]
                    own = rank(row)
                    for c in row.citations:
                        handling = levels[c[5]] if c[5] else floor(own, sources[c[0]])
                        yield (record_id, first + numbers[c[0]], c[1], c[2], c[3], c[4], handling)

        def kind_rows(kind: _Kind, rows: list[_Row]) -> Iterator[tuple[Any, ...]]:
            positions = [position for position, _, _ in kind.refs]
            for row in rows:
                values = list(row.values)
                for position in positions:
                    if values[position] is not None:
                        values[position] = first + numbers[values[position]]
                if row.fields:
                    for column in protected[row.uid]:
                        if column in kind.positions:
                            values[kind.positions[column]] = blank(column)
                yield (first + numbers[row.uid], *values)

        def link_rows(link: _Link, which: int, rows: list[_Row]) -> Iterator[tuple[Any, ...]]:
            for row in rows:
                owner = first + numbers[row.uid]
                for item in row.links[which]:
                    if link.wanted:
                        yield (owner, first + numbers[item[0]], *item[1:])
                    else:
                        yield (owner, *item)

        tables: dict[str, tuple[tuple[str, ...], Iterator[tuple[Any, ...]]]] = {
            "record": (_RECORD_COLUMNS, records()),
            "alias": (("record_id", "name"), aliases()),
            "citation": (
                (
                    "record_id",
                    "source_id",
                    "excerpt",
                    "locator",
                    "stance",
                    "credibility",
                    "handling",
                ),
                citations(),
            ),
            "field_level": (("record_id", "field", "handling", "value"), field_rows()),
        }
        for list_name, rows in self.rows.items():
            kind = _KINDS[list_name]
            tables[kind.table] = (("id", *kind.columns), kind_rows(kind, rows))
            for which, link in enumerate(kind.links):
                tables[link.table] = ((link.owner, *link.columns), link_rows(link, which, rows))
        connection = session.connection()
        for table in Base.metadata.sorted_tables:
            if table.name in tables:
                columns, values = tables[table.name]
                _insert(connection, table, columns, values)
        if d.prepared_for is not None:
            dossier.prepared_for_id = first + numbers[d.prepared_for]
        session.flush()
        return dossier.id


_BATCH = 10_000


def _insert(
    connection: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: Iterable[tuple[Any, ...]],
) -> None:
    """Insert ``rows`` (values in ``columns`` order) through the driver, in batches.

    Core's executemany builds a dictionary and runs every column's type processing for
    each row, which was most of an import's writing time. Here only the columns whose
    type converts values (dates to text, enums to their values) are touched, with the
    same conversions, so the stored values are those Core would store. The conversions
    remember recent values: dates, levels and kinds repeat from row to row.
    """
    dialect = connection.dialect
    statement = insert(table).compile(dialect=dialect, column_keys=list(columns))
    # SQLite's driver takes parameters by position, in the order the statement lists them.
    pick = itemgetter(*(columns.index(name) for name in statement.positiontup or ()))
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for position, name in enumerate(columns):
        column_type = table.c[name].type
        process = column_type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            photos = isinstance(column_type, LargeBinary)  # too big to keep, and never repeat
            converters.append((position, process if photos else lru_cache(1024)(process)))
    batch: list[Any] = []
    for row in rows:
        if converters:
            values = list(row)
            for position, convert in converters:
                values[position] = convert(values[position])
            batch.append(pick(values))
        else:
            batch.append(pick(row))
        if len(batch) == _BATCH:
            connection.exec_driver_sql(statement.string, batch)
            batch = []
    if batch:
        connection.exec_driver_sql(statement.string, batch)


class _Loader:
    """Validates each record as the reader hands it over, and stages it.

    Schema errors are collected rather than raised, so the refusal names the problem the
    whole-document validation named first and counts the others, and a syntax error
    further on still takes precedence, as it always has.
    """

    def __init__(self, keep: bool) -> None:
        self.stage = _Stage()
        self.kept: dict[str, list[RecordOut]] | None = {} if keep else None
        self.first: tuple[int, str, list[str | int]] | None = None
        self.errors = 0

    def take(self, list_name: str, index: int, item: Any) -> None:
        try:
            record = _RECORD_TYPES[list_name].model_validate(item)
        except ValidationError as exc:
            self.note(exc, [list_name, index])
            return
        if self.errors:
            return
        self.stage.add(list_name, index, record)
        if self.kept is not None:
            self.kept.setdefault(list_name, []).append(record)

    def note(self, exc: ValidationError, prefix: list[str | int]) -> None:
        self.errors += exc.error_count()
        error = exc.errors(include_url=False)[0]
        path = [*prefix, *(p for p in error["loc"] if isinstance(p, str | int))]
        order = _FIELD_ORDER.get(str(path[0]), len(_FIELD_ORDER)) if path else -1
        if self.first is None or order < self.first[0]:
            self.first = (order, error["msg"], path)

    def refusal(self, line: Callable[[list[str | int]], int | None]) -> ImportRefused:
        """The first schema problem, in the order whole-document validation has them, and
        how many others there are."""
        assert self.first is not None
        _, message, path = self.first
        more = self.errors - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return ImportRefused(f"{message}{suffix}", where=dotted(path), line=line(path))

    def finish(self, head: dict[str, Any], text: Callable[[], str | None]) -> DossierFile:
        """The file's model (its lists empty unless kept), or ImportRefused saying where."""

        def line(path: list[str | int]) -> int | None:
            whole = text()
            return locate(whole, path) if whole is not None else None

        if head.get("format") != FORMAT_NAME:
            raise ImportRefused(_NOT_OURS, line=1)
        version = head.get("version")
        if isinstance(version, bool):
            raise ImportRefused(
                "the format version must be a number, not true or false",
                where="version",
                line=line(["version"]),
            )
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise ImportRefused(
                f"the file uses dossier format version {version}, written by a newer Briefing; "
                f"this version reads version {FORMAT_VERSION}",
                where="version",
                line=line(["version"]),
            )
        try:
            model = DossierFile.model_validate({**head, **(self.kept or {})})
        except ValidationError as exc:
            self.note(exc, [])
            raise self.refusal(line) from exc
        if self.first is not None:
            raise self.refusal(line)
        problem = self.stage.problem(model)
        if problem is not None:
            reason, path = problem
            raise ImportRefused(reason, where=dotted(path), line=line(path))
        return model


def _load(
    stream: BinaryIO, size: int, name: str, text: Callable[[], str | None], *, keep: bool
) -> tuple[DossierFile, _Stage]:
    """Read, validate and check a whole file; its records come back staged (and, with
    ``keep``, also in the model)."""
    if size > MAX_FILE_BYTES:
        raise _too_big(size)
    loader = _Loader(keep)
    head = _Reader(stream, name).document(loader.take)
    return loader.finish(head, text), loader.stage


def parse(raw: bytes) -> DossierFile:
    """Bytes of an exchange file to a validated model, or ImportRefused saying where."""
    with _collector_paused():
        model, _ = _load(
            io.BytesIO(raw), len(raw), "the file", lambda: raw.decode("utf-8-sig"), keep=True
        )
    return model


def _unprintable_level(head: DossierFile) -> tuple[str, list[str | int]] | None:
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
                    f'the handling level {part} "{for_terminal(text)}" holds '
                    f"{for_terminal(hidden[0])}, which is not printable text",
                    ["handling_levels", index, part],
                )
    return None


def _check_levels(session: Session, model: DossierFile) -> dict[str, int]:
    """Handling names to ranks. The file's scale must be the database's, or its lowest
    levels (a file for an audience stops at that audience's level); a database with no
    dossier yet takes the file's scale instead."""
    existing = levels(session)
    wanted = model.handling_levels
    if not starts_scale(_rungs(wanted), _rungs(existing)):
        if session.scalar(select(Dossier.id).limit(1)) is not None:
            raise ImportRefused(
                f"the file's handling levels ({_scale_text(wanted)}) differ from this "
                f"database's ({_scale_text(existing)}); a file's levels must be the "
                "database's or its lowest ones, with the same ranks, names and markings",
                where="handling_levels",
            )
        for level in existing:
            session.delete(level)
        session.flush()
        session.add_all(HandlingLevel(rank=x.rank, name=x.name, marking=x.marking) for x in wanted)
        session.flush()
    return {x.name: x.rank for x in wanted}


def _scale_text(scale: Iterable[LevelOut | HandlingLevel]) -> str:
    return ", ".join(f"{name} ({marking})" for _, name, marking in sorted(_rungs(scale)))


@dataclass(frozen=True, slots=True)
class Imported:
    """A dossier just imported: its slug, and what the import raised to keep every child
    at or above its parents (say, an Internal brief of a Restricted event), one message
    each, for the person to be told."""

    slug: str
    messages: tuple[str, ...] = ()


def _write(store: Store, head: DossierFile, stage: _Stage, slug: str | None) -> Imported:
    """Add the staged dossier in one transaction, its search index built in one pass."""
    slug = slug if slug is not None else head.dossier.slug
    with store.session() as session:
        if session.scalar(select(Dossier.id).where(Dossier.slug == slug)) is not None:
            raise ImportRefused(
                f"the database already holds a dossier called {slug!r}; "
                "import it under another name (--as NEW-SLUG) or delete the existing one "
                f"(briefing dossier delete {slug})",
                where="dossier.slug",
            )
        scale = _check_levels(session, head)
        with search.deferred(session):
            dossier_id = stage.write(session, head, scale, slug)
        messages = enforce_floors(session, dossier_id)
        search.index_dossier(session, dossier_id)
    store.refresh_statistics()
    return Imported(slug, tuple(messages))


def import_model(store: Store, model: DossierFile, *, slug: str | None = None) -> Imported:
    """Add the dossier in ``model`` to the database in one transaction.

    The model is checked as a file's would be (ids, references, dates, levels), since a
    model built in code has only been through the schema."""
    with _collector_paused():
        stage = _Stage()
        for list_name in _RECORD_LISTS:
            for index, record in enumerate(getattr(model, list_name)):
                stage.add(list_name, index, record)
        problem = stage.problem(model)
        if problem is not None:
            reason, path = problem
            raise ImportRefused(reason, where=dotted(path))
        return _write(store, model, stage, slug)


def import_file(store: Store, path: Path, *, slug: str | None = None) -> Imported:
    """Add the dossier in the file at ``path``.

    The file is read in chunks and each record is staged as compact rows as soon as it is
    validated, so memory follows the dossier's content rather than several copies of the
    file (bytes, text, JSON objects and models).
    """

    def text() -> str | None:
        """The whole text, read again only to put a line number on a refusal."""
        try:
            return path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    with _collector_paused():
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise ImportRefused(f"cannot read {path}: {exc.strerror or exc}") from exc
        with stream:
            head, stage = _load(
                stream, os.fstat(stream.fileno()).st_size, str(path), text, keep=False
            )
        return _write(store, head, stage, slug)


def json_schema() -> str:
    """The published JSON Schema of the exchange format."""
    return json.dumps(DossierFile.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
