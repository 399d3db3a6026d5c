"""A whole dossier to and from one JSON file (format in ``exchange_format``).

Import validates everything (syntax, schema, references, the database's handling scale)
before it opens a write transaction, and then writes in one transaction, so a refused or
failed file leaves the database exactly as it was.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

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
from briefing.domain.rules import span_problem
from briefing.errors import BriefingError, ImportRefused, NotFound
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
)
from briefing.store.json_position import dotted, locate

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Larger files are refused before parsing: a real dossier is a few megabytes."""

R = TypeVar("R", bound=Record)


# --------------------------------------------------------------------------- export


def _records(session: Session, model: type[R], dossier: Dossier) -> Sequence[R]:
    return session.scalars(
        select(model).where(model.dossier_id == dossier.id).order_by(model.id)
    ).all()


def _common(record: Record, levels: dict[int, str]) -> dict[str, Any]:
    return {
        "id": record.uid,
        "handling": levels[record.handling],
        "notes": record.notes,
        "aliases": [a.name for a in record.aliases],
        "citations": [
            CitationOut(
                source=c.source.uid,
                excerpt=c.excerpt,
                locator=c.locator,
                stance=c.stance,
                credibility=c.credibility,
            )
            for c in record.citations
        ],
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def _uid(record: Record | None) -> str | None:
    return record.uid if record is not None else None


def dossier_to_model(session: Session, dossier: Dossier) -> DossierFile:
    levels_rows = session.scalars(select(HandlingLevel).order_by(HandlingLevel.rank)).all()
    levels = {level.rank: level.name for level in levels_rows}

    def common(record: Record) -> dict[str, Any]:
        return _common(record, levels)

    return DossierFile(
        format=FORMAT_NAME,
        version=FORMAT_VERSION,
        handling_levels=[
            LevelOut(rank=x.rank, name=x.name, marking=x.marking) for x in levels_rows
        ],
        dossier=DossierOut(
            slug=dossier.slug,
            title=dossier.title,
            subtitle=dossier.subtitle,
            scene_setter=dossier.scene_setter,
            prepared_for=_uid(dossier.prepared_for),
            as_of=dossier.as_of,
            default_handling=levels[dossier.default_handling],
        ),
        parties=[
            PartyOut(**common(p), name=p.name, code=p.code, colour=p.colour)
            for p in _records(session, Party, dossier)
        ],
        organizations=[
            OrganizationOut(
                **common(o),
                name=o.name,
                acronym=o.acronym,
                kind=o.org_kind,
                party=_uid(o.party),
            )
            for o in _records(session, Organization, dossier)
        ],
        people=[
            PersonOut(
                **common(p),
                name=p.name,
                native_name=p.native_name,
                party=_uid(p.party),
                bio=p.bio,
                photo=base64.b64encode(p.photo).decode("ascii") if p.photo else None,
            )
            for p in _records(session, Person, dossier)
        ],
        appointments=[
            AppointmentOut(
                **common(a),
                person=a.person.uid,
                title=a.title,
                organization=_uid(a.organization),
                start=a.start,
                end=a.end,
            )
            for a in _records(session, Appointment, dossier)
        ],
        sources=[
            SourceOut(
                **common(s),
                title=s.title,
                publisher=s.publisher,
                author=s.author,
                published_on=s.published_on,
                language=s.language,
                address=s.address,
                full_text=s.full_text,
                reliability=s.reliability,
            )
            for s in _records(session, Source, dossier)
        ],
        events=[
            EventOut(
                **common(e),
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
                summary=e.summary,
                outcome=e.outcome,
                owner=_uid(e.owner),
                participants=[p.uid for p in e.participants],
            )
            for e in _records(session, Event, dossier)
        ],
        delegations=[
            DelegationOut(
                **common(d),
                name=d.name,
                event=_uid(d.event),
                party=d.party.uid,
                members=[
                    MemberOut(person=m.person.uid, role=m.role, head=m.is_head) for m in d.members
                ],
            )
            for d in _records(session, Delegation, dossier)
        ],
        meeting_briefs=[
            MeetingBriefOut(
                **common(b),
                event=b.event.uid,
                purpose=b.purpose,
                desired_outcome=b.desired_outcome,
                run_of_meeting=b.run_of_meeting,
                our_objectives=b.our_objectives,
                their_objectives=b.their_objectives,
            )
            for b in _records(session, MeetingBrief, dossier)
        ],
        chips=[
            ChipOut(
                **common(c),
                title=c.title,
                party=_uid(c.party),
                kind=c.chip_kind,
                description=c.description,
                sectors=c.sector_names,
                value=ValueOut(amount=c.value_amount, currency=c.value_currency, note=c.value_note),
                status=c.status,
                priority=c.priority,
                likelihood=c.likelihood,
                our_target=c.our_target,
                our_minimum=c.our_minimum,
                their_position=c.their_position,
                tradeable=c.tradeable,
                events=[e.uid for e in c.events],
            )
            for c in _records(session, BargainingChip, dossier)
        ],
        talking_points=[
            TalkingPointOut(**common(t), subject=_uid(t.subject), kind=t.point_kind, text=t.text)
            for t in session.scalars(
                select(TalkingPoint)
                .where(TalkingPoint.dossier_id == dossier.id)
                .order_by(TalkingPoint.position, TalkingPoint.id)
            )
        ],
    )


def dumps(model: DossierFile) -> str:
    """The file's text: stable key order and layout, so equal dossiers give equal bytes."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    data = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_dossier(store: Store, slug: str) -> str:
    with store.session() as session:
        return dumps(dossier_to_model(session, find_dossier(session, slug)))


def export_file(store: Store, slug: str, target: Path) -> None:
    """Write the dossier to ``target`` through a temporary file, so a failure keeps the old one."""
    text = export_dossier(store, slug)
    partial: Path | None = None
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
        partial = Path(name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())  # on disk before the name points at it
        partial.replace(target)
    except OSError as exc:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise BriefingError(f"could not write {target}: {exc.strerror or exc}") from exc


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


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def parse(raw: bytes) -> DossierFile:
    """Bytes of an exchange file to a validated model, or ImportRefused saying where."""
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRefused(
            f"the file is {len(raw) / 1048576:.1f} MB; dossier files are limited to "
            f"{MAX_FILE_BYTES // 1048576} MB"
        )
    if raw.startswith((b"PK\x03\x04", b"\x1f\x8b")):
        raise ImportRefused("the file is a compressed archive, not a dossier JSON file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImportRefused("the file is not valid UTF-8 text", line=line) from exc
    if not text.strip():
        raise ImportRefused("the file is empty")
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"the file is not valid JSON: {exc.msg}", line=exc.lineno) from exc
    except RecursionError as exc:
        raise ImportRefused("the file nests too deeply to be a dossier") from exc
    except ValueError as exc:
        raise ImportRefused(f"the file is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportRefused(f'not a Briefing dossier file (no "format": "{FORMAT_NAME}")', line=1)
    version = data.get("version")
    if isinstance(version, bool):
        raise ImportRefused(
            "the format version must be a number, not true or false",
            where="version",
            line=locate(text, ["version"]),
        )
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ImportRefused(
            f"the file uses dossier format version {version}, written by a newer Briefing; "
            f"this version reads version {FORMAT_VERSION}",
            where="version",
            line=locate(text, ["version"]),
        )
    try:
        model = DossierFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        path = [p for p in error["loc"] if isinstance(p, str | int)]
        more = exc.error_count() - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise ImportRefused(
            f"{error['msg']}{suffix}", where=dotted(path), line=locate(text, path)
        ) from exc
    problem = _semantic_problem(model)
    if problem is not None:
        reason, path = problem
        raise ImportRefused(reason, where=dotted(path), line=locate(text, path))
    return model


_RECORD_LISTS: tuple[str, ...] = (
    "parties",
    "organizations",
    "people",
    "appointments",
    "sources",
    "events",
    "delegations",
    "meeting_briefs",
    "chips",
    "talking_points",
)


def _semantic_problem(model: DossierFile) -> tuple[str, list[str | int]] | None:
    """What the schema cannot say: unique ids, references that resolve, consistent dates."""
    level_names = [x.name for x in model.handling_levels]
    if not level_names:
        return "the file lists no handling levels", ["handling_levels"]
    if len(set(level_names)) != len(level_names) or len(
        {x.rank for x in model.handling_levels}
    ) != len(level_names):
        return "handling levels repeat a name or a rank", ["handling_levels"]
    kinds: dict[str, str] = {}
    for list_name in _RECORD_LISTS:
        for index, record in enumerate(getattr(model, list_name)):
            if record.id in kinds:
                return f"the id {record.id!r} is used twice", [list_name, index, "id"]
            kinds[record.id] = list_name

    def bad_ref(uid: str | None, wanted: str) -> str | None:
        if uid is None or kinds.get(uid) == wanted:
            return None
        if uid not in kinds:
            return f"refers to {uid!r}, which is not in the file"
        return f"refers to {uid!r}, which is one of the {kinds[uid]}, not the {wanted}"

    def check_record(
        record: RecordOut, path: list[str | int]
    ) -> tuple[str, list[str | int]] | None:
        if record.handling is not None and record.handling not in level_names:
            return f"unknown handling level {record.handling!r}", [*path, "handling"]
        for i, citation in enumerate(record.citations):
            if (msg := bad_ref(citation.source, "sources")) is not None:
                return f"citation {msg}", [*path, "citations", i, "source"]
        return None

    refs: list[tuple[str | None, str, list[str | int]]] = []
    spans: list[tuple[dt.date | None, dt.date | None, list[str | int]]] = []
    if (
        model.dossier.default_handling is not None
        and model.dossier.default_handling not in level_names
    ):
        return "unknown handling level", ["dossier", "default_handling"]
    refs.append((model.dossier.prepared_for, "parties", ["dossier", "prepared_for"]))
    for list_name in _RECORD_LISTS:
        for index, record in enumerate(getattr(model, list_name)):
            path: list[str | int] = [list_name, index]
            if (found := check_record(record, path)) is not None:
                return found
            match record:
                case OrganizationOut() | PersonOut() | ChipOut():
                    refs.append((record.party, "parties", [*path, "party"]))
                case AppointmentOut():
                    refs.append((record.person, "people", [*path, "person"]))
                    refs.append((record.organization, "organizations", [*path, "organization"]))
                    spans.append((record.start, record.end, [*path, "end"]))
                case EventOut():
                    refs.append((record.owner, "people", [*path, "owner"]))
                    refs.extend(
                        (p, "people", [*path, "participants", i])
                        for i, p in enumerate(record.participants)
                    )
                    spans.append((record.start_date, record.end_date, [*path, "end_date"]))
                case DelegationOut():
                    refs.append((record.event, "events", [*path, "event"]))
                    refs.append((record.party, "parties", [*path, "party"]))
                    refs.extend(
                        (m.person, "people", [*path, "members", i, "person"])
                        for i, m in enumerate(record.members)
                    )
                case MeetingBriefOut():
                    refs.append((record.event, "events", [*path, "event"]))
            if isinstance(record, ChipOut):
                refs.extend(
                    (e, "events", [*path, "events", i]) for i, e in enumerate(record.events)
                )
            if (
                isinstance(record, TalkingPointOut)
                and record.subject is not None
                and record.subject not in kinds
            ):
                return f"refers to {record.subject!r}, which is not in the file", [*path, "subject"]
            if isinstance(record, PersonOut) and record.photo is not None:
                try:
                    base64.b64decode(record.photo, validate=True)
                except (binascii.Error, ValueError):
                    return "the photo is not valid base64", [*path, "photo"]
    for uid, wanted, path in refs:
        if (msg := bad_ref(uid, wanted)) is not None:
            return msg, path
    for start, end, path in spans:
        if (msg := span_problem(start, end)) is not None:
            return msg, path
    briefed = [b.event for b in model.meeting_briefs]
    if len(set(briefed)) != len(briefed):
        return "an event has more than one meeting brief", ["meeting_briefs"]
    return None


def _check_levels(session: Session, model: DossierFile) -> dict[str, int]:
    """Handling names to ranks; the file's scale must match the database's."""
    existing = session.scalars(select(HandlingLevel).order_by(HandlingLevel.rank)).all()
    wanted = sorted(model.handling_levels, key=lambda x: x.rank)
    if [(x.rank, x.name) for x in existing] != [(x.rank, x.name) for x in wanted]:
        has_dossiers = session.scalar(select(Dossier.id).limit(1)) is not None
        if has_dossiers:
            mine = ", ".join(x.name for x in existing)
            theirs = ", ".join(x.name for x in wanted)
            raise ImportRefused(
                f"the file's handling levels ({theirs}) differ from this database's ({mine})",
                where="handling_levels",
            )
        for level in existing:
            session.delete(level)
        session.flush()
        session.add_all(HandlingLevel(rank=x.rank, name=x.name, marking=x.marking) for x in wanted)
        session.flush()
    return {x.name: x.rank for x in wanted}


class _Writer:
    """Writes a validated file as rows, table by table, with ids assigned up front.

    Going through the ORM one object at a time costs minutes for a ministry-sized
    dossier; here each table is one executemany, and because record ids are chosen
    before writing, every reference is resolved without reading anything back. Rows go
    in file order, so ids (and with them the order of a later export) follow the file.
    """

    def __init__(self, session: Session, model: DossierFile, levels: dict[str, int]) -> None:
        self.session = session
        self.model = model
        self.levels = levels
        self.now = utcnow()
        self.ids: dict[str, int] = {}
        self.rows: dict[str, list[dict[str, Any]]] = {}
        last = session.scalar(select(func.max(Record.id))) or 0
        self.next_id = int(last) + 1
        default = model.dossier.default_handling
        self.default_handling = levels[default] if default else min(levels.values())

    def _table(self, name: str) -> list[dict[str, Any]]:
        return self.rows.setdefault(name, [])

    def ref(self, uid: str | None) -> int | None:
        return self.ids[uid] if uid is not None else None

    def _assign(self) -> None:
        for list_name in _RECORD_LISTS:
            for data in getattr(self.model, list_name):
                self.ids[data.id] = self.next_id
                self.next_id += 1

    def add(self, data: RecordOut, kind: str, **columns: Any) -> int:
        record_id = self.ids[data.id]
        self._table("record").append(
            {
                "id": record_id,
                "uid": data.id,
                "kind": kind,
                "dossier_id": self.dossier_id,
                "handling": self.levels[data.handling] if data.handling else self.default_handling,
                "notes": data.notes,
                "created_at": data.created_at or self.now,
                "updated_at": data.updated_at or self.now,
            }
        )
        self._table(kind).append({"id": record_id, **columns})
        return record_id

    def write(self) -> int:
        m, d = self.model, self.model.dossier
        dossier = Dossier(
            slug=d.slug,
            title=d.title,
            subtitle=d.subtitle,
            scene_setter=d.scene_setter,
            as_of=d.as_of,
            default_handling=self.default_handling,
        )
        self.session.add(dossier)
        self.session.flush()
        self.dossier_id = dossier.id
        self._assign()
        ref = self.ref
        for pa in m.parties:
            self.add(pa, "party", name=pa.name, code=pa.code, colour=pa.colour)
        for org in m.organizations:
            self.add(
                org,
                "organization",
                name=org.name,
                acronym=org.acronym,
                org_kind=org.kind,
                party_id=ref(org.party),
            )
        for pe in m.people:
            self.add(
                pe,
                "person",
                name=pe.name,
                native_name=pe.native_name,
                party_id=ref(pe.party),
                bio=pe.bio,
                photo=base64.b64decode(pe.photo) if pe.photo else None,
            )
        for ap in m.appointments:
            self.add(
                ap,
                "appointment",
                person_id=ref(ap.person),
                title=ap.title,
                organization_id=ref(ap.organization),
                start=ap.start,
                end=ap.end,
            )
        for so in m.sources:
            self.add(
                so,
                "source",
                title=so.title,
                publisher=so.publisher,
                author=so.author,
                published_on=so.published_on,
                language=so.language,
                address=so.address,
                full_text=so.full_text,
                reliability=so.reliability,
            )
        for ev in m.events:
            event_id = self.add(
                ev,
                "event",
                title=ev.title,
                event_kind=ev.kind,
                start_date=ev.start_date,
                start_time=ev.start_time,
                end_date=ev.end_date,
                end_time=ev.end_time,
                precision=ev.precision,
                place=ev.place,
                timezone=ev.timezone,
                status=ev.status,
                summary=ev.summary,
                outcome=ev.outcome,
                owner_id=ref(ev.owner),
            )
            self._table("event_participant").extend(
                {"event_id": event_id, "person_id": ref(p)} for p in ev.participants
            )
        for de in m.delegations:
            delegation_id = self.add(
                de, "delegation", name=de.name, event_id=ref(de.event), party_id=ref(de.party)
            )
            self._table("delegation_member").extend(
                {
                    "delegation_id": delegation_id,
                    "person_id": ref(member.person),
                    "role": member.role,
                    "position": position,
                    "is_head": member.head,
                }
                for position, member in enumerate(de.members)
            )
        for mb in m.meeting_briefs:
            self.add(
                mb,
                "meeting_brief",
                event_id=ref(mb.event),
                purpose=mb.purpose,
                desired_outcome=mb.desired_outcome,
                run_of_meeting=mb.run_of_meeting,
                our_objectives=mb.our_objectives,
                their_objectives=mb.their_objectives,
            )
        for ch in m.chips:
            chip_id = self.add(
                ch,
                "bargaining_chip",
                title=ch.title,
                party_id=ref(ch.party),
                chip_kind=ch.kind,
                description=ch.description,
                value_amount=ch.value.amount,
                value_currency=ch.value.currency,
                value_note=ch.value.note,
                status=ch.status,
                priority=ch.priority,
                likelihood=ch.likelihood,
                our_target=ch.our_target,
                our_minimum=ch.our_minimum,
                their_position=ch.their_position,
                tradeable=ch.tradeable,
            )
            self._table("chip_sector").extend({"chip_id": chip_id, "name": n} for n in ch.sectors)
            self._table("chip_event").extend(
                {"chip_id": chip_id, "event_id": ref(e)} for e in ch.events
            )
        for position, tp in enumerate(m.talking_points):
            self.add(
                tp,
                "talking_point",
                subject_id=ref(tp.subject),
                point_kind=tp.kind,
                text=tp.text,
                position=position,
            )
        for list_name in _RECORD_LISTS:
            for rec in getattr(m, list_name):
                record_id = self.ids[rec.id]
                self._table("alias").extend(
                    {"record_id": record_id, "name": n} for n in rec.aliases
                )
                self._table("citation").extend(
                    {
                        "record_id": record_id,
                        "source_id": self.ids[c.source],
                        "excerpt": c.excerpt,
                        "locator": c.locator,
                        "stance": c.stance,
                        "credibility": c.credibility,
                    }
                    for c in rec.citations
                )
        for table in Base.metadata.sorted_tables:
            rows = self.rows.get(table.name)
            if rows:
                self.session.execute(insert(table), rows)
        dossier.prepared_for_id = ref(d.prepared_for)
        self.session.flush()
        return dossier.id


def import_model(store: Store, model: DossierFile, *, slug: str | None = None) -> str:
    """Add the dossier in ``model`` to the database in one transaction; returns its slug."""
    if slug is not None:
        model = model.model_copy(
            update={"dossier": model.dossier.model_copy(update={"slug": slug})}
        )
    with store.session() as session:
        if session.scalar(select(Dossier.id).where(Dossier.slug == model.dossier.slug)) is not None:
            raise ImportRefused(
                f"the database already holds a dossier called {model.dossier.slug!r}; "
                "import it under another name (--as NEW-SLUG) or delete the existing one",
                where="dossier.slug",
            )
        levels = _check_levels(session, model)
        with search.deferred(session):
            dossier_id = _Writer(session, model, levels).write()
        search.index_dossier(session, dossier_id)
        return model.dossier.slug


def import_file(store: Store, path: Path, *, slug: str | None = None) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror or exc}") from exc
    return import_model(store, parse(raw), slug=slug)


def json_schema() -> str:
    """The published JSON Schema of the exchange format."""
    return json.dumps(DossierFile.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
