"""A dossier written as an exchange file: whole, or as one audience may see it.

Everything an audience's file holds or drops is decided by :mod:`briefing.store.visibility`,
as for its book; the layout is stable, so equal dossiers give equal bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from briefing.domain import (
    Appointment,
    BargainingChip,
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
from briefing.domain.dossier import SCENE_SETTER, SUBTITLE
from briefing.domain.references import referenced, render
from briefing.domain.registry import kind_of
from briefing.errors import NotFound
from briefing.files import write_atomically
from briefing.i18n import N_
from briefing.store import audit
from briefing.store.chunked import chunked
from briefing.store.db.database import Store
from briefing.store.db.holding import collector_paused
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.schema import (
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
    field_keys,
)
from briefing.store.references import withheld_from
from briefing.store.visibility import (
    EVERYTHING,
    above,
    at_most,
    cleared,
    field,
    highest,
    levels,
    rung,
    scene_level,
    shared_with_colleagues,
    subtitle_level,
    up_to,
    visible,
)

R = TypeVar("R", bound=Record)


# --------------------------------------------------------------------------- export


def _records(
    session: Session,
    model: type[R],
    dossier: Dossier,
    level: int,
    *collections: Any,
    order: Callable[[R], Any] = lambda _record: 0,
    only: Collection[str] | None = None,
) -> list[R]:
    """A kind's records an audience at ``level`` may see (of those with uids in ``only``,
    when given), with their aliases, citations, protected fields and ``collections``
    loaded up front: loaded record by record, a ministry-sized dossier took minutes of
    queries to export.

    Listed by ``order`` and then by uid, compared here rather than by the database: the
    row ids of records made during a trip differ between a travel copy and its server,
    and a server's collation may order text unlike a laptop's, so only what both hold
    the same gives both the same file (:func:`_by_uid`)."""
    chosen = () if only is None else (model.uid.in_(sorted(only)),)
    found = session.scalars(
        select(model)
        .where(model.dossier_id == dossier.id, visible(model, level), *chosen)
        .options(
            selectinload(model.aliases),
            selectinload(model.citations),
            selectinload(model.field_levels),
            *(selectinload(collection) for collection in collections),
        )
    ).all()
    return sorted(found, key=lambda record: (order(record), record.uid))


def _by_uid(records: Iterable[Any], order: Callable[[Any], Any] = lambda _row: 0) -> list[Any]:
    """A record's list (its citations, an event's participants) in an order both databases
    share: by ``order`` and then uid, not by the row ids the relationship falls back on."""
    return sorted(records, key=lambda row: (order(row), row.uid))


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
        partial: bool = False,
    ) -> None:
        self.session = session
        self.dossier_id = dossier.id
        self.level = level
        self.scale = up_to(scale, level)
        self.names = {x.rank: x.name for x in scale}
        self.uids: dict[int, str | None] = {}
        self.ranks: dict[int, int] = {}
        self.withheld: set[str] = set()
        self.partial = partial
        # A partial export (a sync's few records) learns what they name as it goes: reading
        # every record and source up front cost a small sync more than its changes.
        self.decided: set[str] | None = set() if partial and not whole else None
        if partial:
            return
        rows = session.execute(
            select(Record.id, Record.uid, Record.handling).where(
                Record.dossier_id == dossier.id, visible(Record, level)
            )
        ).all()
        self.uids = {row[0]: row[1] for row in rows}
        self.ranks = {row[0]: row[2] for row in rows}
        if not whole:
            everything = session.scalars(select(Source.uid).where(Source.dossier_id == dossier.id))
            self.withheld = withheld_from(session, dossier.id, level, everything)

    def learn(self, records: Sequence[Record], linked: Iterable[int] = ()) -> None:
        """In a partial export, the uids and levels of what ``records`` name (their
        references, citations' sources and ``linked`` ids), in one query rather than one
        a reference."""
        if not self.partial:
            return
        ids = set(linked)
        for record in records:
            ids.update(c.source_id for c in record.citations)
            ids.update(
                getattr(record, declared.name)
                for declared in kind_of(record.kind).fields
                if declared.targets and not declared.protected
            )
        unknown = sorted(i for i in ids if i is not None and i not in self.uids)
        for piece in chunked(unknown, 10_000):  # under SQLite's bound-parameter limit
            self.uids.update(dict.fromkeys(piece))
            rows = self.session.execute(
                select(Record.id, Record.uid, Record.handling).where(
                    Record.id.in_(piece), visible(Record, self.level)
                )
            )
            for record_id, uid, rank in rows:
                self.uids[record_id], self.ranks[record_id] = uid, rank

    def text(self, value: str) -> str:
        """Free text as the audience gets it: a reference to a source it may not see goes,
        as in its book, so a file for an audience names no withheld source's id. A uid that
        names no source stays, a mistake for the checks to report."""
        if "[[" not in value:
            return value
        if self.decided is not None:  # a partial export asks about the sources it meets
            fresh = set(referenced(value)) - self.decided
            if fresh:
                self.withheld |= withheld_from(self.session, self.dossier_id, self.level, fresh)
                self.decided |= fresh
        if not self.withheld:
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
        for c in _by_uid(record.citations):
            source = self.ref(c.source_id)
            if source is None or not cleared(c.handling, self.level):
                continue
            floor = highest(record.handling, self.ranks[c.source_id])
            out.append(
                CitationOut(
                    id=c.uid,
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
            "aliases": sorted(a.name for a in record.aliases),
            "citations": self.citations(record),
            "created_at": record.created_at,
            "updated_at": record.updated_at,
        }
        if "notes" in shown:  # withheld notes are left unset, not blank (store.sync.states)
            common["notes"] = self.text(shown["notes"])
        return common, shown

    def own(self, record: Record, shown: dict[str, Any], model: type[RecordOut]) -> dict[str, Any]:
        """The fields its kind declares, as keyword arguments of its ``model``: references
        as the uids the audience may see, free text as it may read it, a protected field
        only when shown (see :meth:`record`), a dotted one in its object (a chip's value)."""
        values: dict[str, Any] = {}
        parts: dict[str, dict[str, Any]] = {}
        for declared in kind_of(record.kind).fields:
            if declared.protected and declared.name not in shown:
                continue
            value = shown[declared.name] if declared.protected else getattr(record, declared.name)
            if declared.targets:
                value = self.ref(value)
            elif declared.references:
                value = self.text(value)
            elif declared.storage == "bytes":
                value = base64.b64encode(value).decode("ascii") if value else None
            key, _, part = declared.exchange_name.partition(".")
            if part:
                parts.setdefault(key, {})[part] = value
            else:
                values[key] = value
        for key, members in parts.items():
            values[key] = model.model_fields[key].annotation(**members)  # type: ignore[misc]
        return values

    def dossier(self, dossier: Dossier) -> DossierOut:
        """The dossier's own fields as the audience may see them. A text above it, and a
        party it may not see, are left unset rather than blank, as a record's withheld
        notes are: a sync takes what is unset as withheld (:mod:`briefing.store.sync.states`)."""
        default = dossier.default_handling
        shown: dict[str, Any] = {}
        if self._text_shown(dossier, SUBTITLE, subtitle_level(default, dossier.subtitle_handling)):
            shown.update(
                subtitle=dossier.subtitle,
                subtitle_ko=dossier.subtitle_ko,
                subtitle_handling=self.name(dossier.subtitle_handling),
            )
        if self._text_shown(dossier, SCENE_SETTER, scene_level(default, dossier.scene_handling)):
            shown.update(
                scene_setter=self.text(dossier.scene_setter),
                scene_setter_ko=self.text(dossier.scene_setter_ko),
                scene_handling=self.name(dossier.scene_handling),
            )
        party = self.ref(dossier.prepared_for_id)
        if party is not None or dossier.prepared_for_id is None:
            shown["prepared_for"] = party
        return DossierOut(
            slug=dossier.slug,
            title=dossier.title,
            title_ko=dossier.title_ko,
            **shown,
            as_of=dossier.as_of,
            count_days_from=dossier.count_days_from,
            home_zone=dossier.home_zone,
            default_handling=self.names[at_most(default, self.level)],
        )

    def _text_shown(self, dossier: Dossier, kind: str, rank: int) -> bool:
        """Whether the audience may read the dossier's text of ``kind`` at ``rank``: a
        server that withholds its row from the login does not show it either."""
        return kind in dossier.texts and cleared(rank, self.level)

    def name(self, rank: int | None) -> str | None:
        return None if rank is None else self.names[rank]


def dossier_to_model(
    session: Session,
    dossier: Dossier,
    *,
    audience: int | None = None,
    only: Collection[str] | None = None,
) -> DossierFile:
    """The dossier as a file's model: whole, or what an audience at rank ``audience`` may
    see (and the file then says so); with ``only``, of the records those uids name alone
    (a sync reads the records that changed, not the dossier), at most some thousands."""
    scale = levels(session)
    if audience is not None and rung(scale, audience) is None:
        names = ", ".join(x.name for x in scale)
        raise NotFound(
            N_("no handling level has rank {audience}; the levels are: {names}"),
            audience=audience,
            names=names,
        )
    level = EVERYTHING if audience is None else audience
    ex = _Export(session, dossier, scale, level, whole=audience is None, partial=only is not None)
    ref = ex.ref

    def records(
        session: Session,
        model: type[R],
        dossier: Dossier,
        level: int,
        *collections: Any,
        order: Callable[[R], Any] = lambda _record: 0,
        linked: Callable[[R], Iterable[int]] = lambda _record: (),
    ) -> Sequence[R]:
        found = _records(session, model, dossier, level, *collections, order=order, only=only)
        ex.learn(found, (i for record in found for i in linked(record)))
        return found

    def parties() -> Iterator[PartyOut]:
        for p in records(session, Party, dossier, level):
            common, shown = ex.record(p)
            yield PartyOut(**common, **ex.own(p, shown, PartyOut))

    def organizations() -> Iterator[OrganizationOut]:
        for o in records(session, Organization, dossier, level):
            common, shown = ex.record(o)
            yield OrganizationOut(**common, **ex.own(o, shown, OrganizationOut))

    def people() -> Iterator[PersonOut]:
        for p in records(session, Person, dossier, level):
            common, shown = ex.record(p)
            yield PersonOut(**common, **ex.own(p, shown, PersonOut))

    def appointments() -> Iterator[AppointmentOut]:
        for a in records(session, Appointment, dossier, level):
            if ref(a.person_id) is None:  # its parent is withheld: so is it
                continue
            common, shown = ex.record(a)
            yield AppointmentOut(**common, **ex.own(a, shown, AppointmentOut))

    def sources() -> Iterator[SourceOut]:
        for s in records(session, Source, dossier, level):
            common, shown = ex.record(s)
            yield SourceOut(**common, **ex.own(s, shown, SourceOut))

    def events() -> Iterator[EventOut]:
        for e in records(
            session,
            Event,
            dossier,
            level,
            Event.participants,
            linked=lambda e: (p.id for p in e.participants),
        ):
            common, shown = ex.record(e)
            yield EventOut(
                **common,
                **ex.own(e, shown, EventOut),
                participants=ex.refs(p.id for p in _by_uid(e.participants, lambda p: p.name)),
            )

    def delegations() -> Iterator[DelegationOut]:
        for d in records(
            session,
            Delegation,
            dossier,
            level,
            Delegation.members,
            linked=lambda d: (m.person_id for m in d.members),
        ):
            if ref(d.party_id) is None or (ref(d.event_id) is None and d.event_id is not None):
                continue  # a parent is withheld: so is it
            common, shown = ex.record(d)
            members = [(ref(m.person_id), m) for m in d.members]
            yield DelegationOut(
                **common,
                **ex.own(d, shown, DelegationOut),
                members=[
                    MemberOut(person=person, role=m.role, head=m.is_head)
                    for person, m in members
                    if person is not None
                ],
            )

    def meeting_briefs() -> Iterator[MeetingBriefOut]:
        for b in records(session, MeetingBrief, dossier, level):
            if ref(b.event_id) is None:  # its parent is withheld: so is it
                continue
            common, shown = ex.record(b)
            yield MeetingBriefOut(**common, **ex.own(b, shown, MeetingBriefOut))

    def chips() -> Iterator[ChipOut]:
        for c in records(
            session,
            BargainingChip,
            dossier,
            level,
            BargainingChip.sectors,
            BargainingChip.events,
            linked=lambda c: (e.id for e in c.events),
        ):
            common, shown = ex.record(c)
            yield ChipOut(
                **common,
                **ex.own(c, shown, ChipOut),
                sectors=sorted(c.sector_names),
                events=ex.refs(e.id for e in _by_uid(c.events, lambda e: e.start_date)),
            )

    def talking_points() -> Iterator[TalkingPointOut]:
        for t in records(session, TalkingPoint, dossier, level, order=lambda t: t.position):
            if ref(t.subject_id) is None and t.subject_id is not None:
                continue  # about a withheld record: not a line about the dossier instead
            common, shown = ex.record(t)
            yield TalkingPointOut(**common, **ex.own(t, shown, TalkingPointOut))

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


def dossier_out(session: Session, dossier: Dossier, audience: int) -> DossierOut:
    """The dossier's own fields as an audience at rank ``audience`` may see them (see
    :meth:`_Export.dossier`), without reading its records: a sync reads them every time."""
    ex = _Export(session, dossier, levels(session), audience, whole=False, partial=True)
    return ex.dossier(dossier)


def dumps(model: DossierFile) -> str:
    """The file's text: stable key order and layout, so equal dossiers give equal bytes."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    data = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_dossier(store: Store, slug: str, *, audience: int | None = None) -> str:
    """The dossier's file text: the whole dossier, or with ``audience`` (a rank of the
    handling scale) only what that audience may see, its scale stopping at that level."""
    with collector_paused(), store.session() as session:
        return dumps(dossier_to_model(session, find_dossier(session, slug), audience=audience))


def export_file(store: Store, slug: str, target: Path, *, audience: int | None = None) -> None:
    """Write the dossier (see :func:`export_dossier`) to ``target`` through a temporary
    file, so a failure keeps the old one, recording it in the audit trail as it is written.
    A whole dossier is readable by its owner alone; one for an audience at the scale's
    lowest levels as any new file of the person's.

    A whole dossier written from a laptop's database carries a new revision id and the
    revisions it descends from, which the database keeps, so that a database that takes
    the file in can later merge the other's files against their common base
    (:mod:`briefing.store.exchange.revisions`)."""
    from briefing.store.exchange import revisions

    with audit.exporting(store, target) as session:
        dossier = find_dossier(session, slug)
        with collector_paused():
            model = dossier_to_model(session, dossier, audience=audience)
            if audience is None:
                model = revisions.stamped(session, dossier, model)
            data = dumps(model).encode("utf-8")
        shared = audience is not None and shared_with_colleagues(
            [x.rank for x in levels(session)], audience
        )
        audit.record(
            session,
            action="dossier file",
            dossier=slug,
            audience=audience,
            content_hash=hashlib.sha256(data).hexdigest(),
            detail=target.name,
        )
        session.flush()
        write_atomically(target, data, shared=shared)
