"""Read one audience's view of a dossier into plain data, in one session.

Every query goes through ``visibility.visible`` and every relationship through
``shown``/``only_shown``/``shown_citations``: this module is the only place the book
touches the database, so it is the one place to get the handling filter right.
Relationships are loaded eagerly, so a 500-page book costs a few dozen queries, and the
checks that run in the same session find their collections already loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from briefing.book.data import (
    BookData,
    BriefV,
    ChipV,
    Cite,
    DelegationV,
    EventV,
    FieldV,
    FindingV,
    Level,
    MemberV,
    OfficeV,
    OrgV,
    PartyV,
    PersonV,
    PointV,
    SourceV,
    ValueV,
)
from briefing.book.language import in_edition
from briefing.book.options import BookOptions
from briefing.domain import (
    Appointment,
    BargainingChip,
    Citation,
    Delegation,
    DelegationMember,
    Dossier,
    Event,
    MeetingBrief,
    Organization,
    Party,
    Person,
    Record,
    Source,
    TalkingPoint,
)
from briefing.domain.declarations import korean
from briefing.domain.enums import Stance
from briefing.domain.fields import GROUPS
from briefing.domain.registry import kind_of
from briefing.errors import NotFound
from briefing.i18n import translator
from briefing.store.checks.run import run_checks
from briefing.store.dossiers import find_dossier
from briefing.store.editions import next_edition
from briefing.store.visibility import (
    Field,
    cleared,
    field,
    highest,
    levels,
    only_shown,
    rung,
    scene_level,
    shown,
    shown_citations,
    subtitle_level,
    top_of_scale,
    up_to,
    visible,
)

R = TypeVar("R", bound=Record)


def _common(model: type[Record]) -> tuple[Any, ...]:
    return (
        selectinload(model.aliases),
        selectinload(model.citations).joinedload(Citation.source),
    )


class _Loader:
    def __init__(self, session: Session, dossier: Dossier, level: int, language: str) -> None:
        self.session = session
        self.dossier = dossier
        self.level = level
        self.language = language
        self.numbers: dict[int, int] = {}
        self.kept: list[Record] = []
        """ORM objects held while the checks run, so the identity map keeps their
        eagerly loaded collections instead of lazily loading them again."""

    def rows(self, model: type[R], *options: Any, order: Sequence[Any] = ()) -> list[R]:
        stmt = (
            select(model)
            .where(model.dossier_id == self.dossier.id, visible(model, self.level))
            .options(*_common(model), *options)
            .order_by(*order, model.id)
        )
        found = list(self.session.scalars(stmt).unique())
        self.kept.extend(found)
        return found

    def cites(self, record: Record) -> tuple[Cite, ...]:
        """The citations the audience may see, each at its own level (an excerpt may be
        more sensitive than the record it supports)."""
        return tuple(
            Cite(
                self.numbers[c.source_id],
                highest(c.handling, c.source.handling),
                c.stance,
                c.credibility,
                c.excerpt,
                c.locator,
            )
            for c in shown_citations(record, self.level)
            if c.source_id in self.numbers
        )

    def text(self, record: Record, name: str) -> str:
        """A bilingual field's text in the book's language (:func:`in_edition`)."""
        return in_edition(getattr(record, name), getattr(record, korean(name)), self.language)

    def field(self, record: Record, name: str) -> FieldV | None:
        """A protected text field as the audience sees it, in the book's language if it is
        bilingual; None when withheld, and when empty, so that a section prints nothing
        for either. Its Korean shares its level (one group), so both are shown or neither."""
        found = field(record, name, self.level)
        if found is None:
            return None
        value = found.value
        if kind_of(record.kind).field(name).bilingual:
            other = field(record, korean(name), self.level)
            value = in_edition(value or "", other.value or "" if other else "", self.language)
        if not value:
            return None
        return FieldV(value, found.level)

    def value(self, chip: BargainingChip) -> ValueV | None:
        """A chip's amount, currency and note, shown only together, at their highest level."""
        parts: list[Field] = []
        for name in GROUPS["value_amount"]:
            found = field(chip, name, self.level)
            if found is None:
                return None
            parts.append(found)
        amount, currency, note = (p.value for p in parts)
        if amount is None and not note:
            return None
        return ValueV(amount, currency or "", note or "", highest(*(p.level for p in parts)))


def _aliases(record: Record) -> tuple[str, ...]:
    return tuple(a.name for a in record.aliases)


def _disputed(cites: Iterable[Cite]) -> bool:
    stances = {c.stance for c in cites}
    return Stance.SUPPORTS in stances and Stance.DISPUTES in stances


def load_book(session: Session, slug: str | None, options: BookOptions) -> BookData:
    """What an audience at ``options.audience`` may see of the dossier, as plain data."""
    dossier = find_dossier(session, slug)
    level = options.audience
    scale = levels(session)
    audience = rung(scale, level)
    if audience is None:
        names = ", ".join(x.name for x in scale)
        raise NotFound(f"no handling level has rank {level}; the levels are: {names}")
    loader = _Loader(session, dossier, level, options.language)

    sources = loader.rows(Source)
    sources.sort(key=lambda s: (s.published_on is None, s.published_on, s.title.casefold(), s.id))
    loader.numbers = {s.id: n for n, s in enumerate(sources, 1)}

    parties = {
        p.id: PartyV(p.id, p.handling, p.name, p.code, p.colour, _aliases(p))
        for p in loader.rows(Party)
    }
    orgs = {
        o.id: OrgV(o.id, o.handling, o.name, o.acronym, o.org_kind, _aliases(o))
        for o in loader.rows(Organization, order=(Organization.name,))
    }

    def office(a: Appointment) -> OfficeV:
        org = orgs.get(a.organization_id) if a.organization_id is not None else None
        where, where_level = "", a.handling
        if org is not None:
            where = f"{org.name} ({org.acronym})" if org.acronym else org.name
            where_level = org.level
        return OfficeV(a.handling, a.title, where, where_level, a.start, a.end)

    people = {
        p.id: PersonV(
            p.id,
            p.handling,
            p.name,
            p.native_name,
            parties.get(p.party_id) if p.party_id is not None else None,
            p.bio,
            p.photo,
            tuple(office(a) for a in only_shown(p.appointments, level)),
            _aliases(p),
            loader.cites(p),
        )
        for p in loader.rows(
            Person,
            selectinload(Person.appointments).selectinload(Appointment.citations),
            order=(Person.name,),
        )
    }

    events: list[EventV] = []
    for e in loader.rows(
        Event,
        selectinload(Event.participants),
        selectinload(Event.delegations)
        .selectinload(Delegation.members)
        .joinedload(DelegationMember.person),
        order=(Event.start_date, Event.start_time.asc().nulls_first()),
    ):
        cites = loader.cites(e)
        events.append(
            EventV(
                e.id,
                e.handling,
                e.title,
                e.event_kind,
                e.start_date,
                e.start_time,
                e.end_date,
                e.end_time,
                e.precision,
                e.place,
                e.timezone,
                e.status,
                e.summary,
                e.outcome,
                people.get(e.owner_id) if e.owner_id is not None else None,
                tuple(people[p.id] for p in e.participants if p.id in people),
                _aliases(e),
                cites,
                _disputed(cites),
                e.arrival_place,
                e.arrival_timezone,
                e.start_fold,
                e.end_fold,
            )
        )
    event_ids = {e.id for e in events}

    delegations = tuple(
        DelegationV(
            d.id,
            d.handling,
            d.name,
            parties.get(d.party_id),
            d.event_id if d.event_id in event_ids else None,
            tuple(
                MemberV(people[m.person_id], m.role, m.is_head)
                for m in d.members
                if m.person_id in people
            ),
            loader.cites(d),
        )
        for d in loader.rows(Delegation, selectinload(Delegation.members))
    )

    briefs = {
        b.event_id: BriefV(
            b.id,
            b.handling,
            loader.text(b, "purpose"),
            loader.field(b, "desired_outcome"),
            loader.text(b, "run_of_meeting"),
            loader.field(b, "our_objectives"),
            loader.field(b, "their_objectives"),
            loader.cites(b),
        )
        for b in loader.rows(MeetingBrief, selectinload(MeetingBrief.field_levels))
        if b.event_id in event_ids
    }

    chips: list[ChipV] = []
    for c in loader.rows(
        BargainingChip,
        selectinload(BargainingChip.sectors),
        selectinload(BargainingChip.events),
        selectinload(BargainingChip.field_levels),
        order=(BargainingChip.priority,),
    ):
        cites = loader.cites(c)
        chips.append(
            ChipV(
                c.id,
                c.handling,
                c.title,
                parties.get(c.party_id) if c.party_id is not None else None,
                c.chip_kind,
                c.description,
                tuple(c.sector_names),
                loader.value(c),
                c.status,
                c.priority,
                c.likelihood,
                loader.field(c, "our_target"),
                loader.field(c, "our_minimum"),
                loader.field(c, "their_position"),
                c.tradeable,
                tuple(e.id for e in c.events if e.id in event_ids),
                _aliases(c),
                cites,
                _disputed(cites),
            )
        )

    shown_ids = {*event_ids, *(c.id for c in chips), *people, *parties, *orgs}
    points: dict[int | None, list[PointV]] = {}
    for t in loader.rows(TalkingPoint, order=(TalkingPoint.position,)):
        if t.subject_id is not None and t.subject_id not in shown_ids:
            continue
        points.setdefault(t.subject_id, []).append(
            PointV(t.id, t.handling, t.point_kind, loader.text(t, "text"), loader.cites(t))
        )

    subtitle_at = subtitle_level(dossier.default_handling, dossier.subtitle_handling)
    scene_at = scene_level(dossier.default_handling, dossier.scene_handling)
    prepared = dossier.prepared_for if shown(dossier.prepared_for, level) else None
    findings = _findings(loader, options)
    return BookData(
        slug=dossier.slug,
        title=in_edition(dossier.title, dossier.title_ko, options.language),
        subtitle=(
            in_edition(dossier.subtitle, dossier.subtitle_ko, options.language)
            if cleared(subtitle_at, level)
            else ""
        ),
        subtitle_level=subtitle_at,
        scene_setter=(
            in_edition(dossier.scene_setter, dossier.scene_setter_ko, options.language)
            if cleared(scene_at, level)
            else ""
        ),
        scene_level=scene_at,
        as_of=dossier.as_of,
        home_zone=dossier.home_zone,
        prepared_for=parties.get(prepared.id) if prepared is not None else None,
        audience=Level(audience.rank, audience.name, audience.marking, audience.name_ko or ""),
        levels=tuple(
            Level(x.rank, x.name, x.marking, x.name_ko or "") for x in up_to(scale, level)
        ),
        parties=tuple(parties.values()),
        organizations=tuple(orgs.values()),
        people=tuple(people.values()),
        events=tuple(events),
        delegations=delegations,
        briefs=briefs,
        chips=tuple(chips),
        points={k: tuple(v) for k, v in points.items()},
        sources=tuple(
            SourceV(
                s.id,
                s.uid,
                loader.numbers[s.id],
                s.handling,
                s.title,
                s.publisher,
                s.author,
                s.published_on,
                s.language,
                s.address,
                s.reliability,
            )
            for s in sources
        ),
        findings=findings,
        edition=None if options.draft else next_edition(session, dossier.id),
        today=_reference(dossier, options),
        printed_on=options.day,
        for_staff=top_of_scale([x.rank for x in scale], level),
    )


def _reference(dossier: Dossier, options: BookOptions) -> dt.date:
    """The day the book counts from: the dossier's, unless asked to count from today."""
    return options.day if options.count_from_today else dossier.reference_date(options.day)


def _findings(loader: _Loader, options: BookOptions) -> tuple[FindingV, ...]:
    """The checks' findings at the audience's level, each marked at the highest level of
    the records it names (the checks run at that level, so none is above it)."""
    today = _reference(loader.dossier, options)
    found = run_checks(loader.session, loader.dossier, level=loader.level, today=today)
    words = translator(options.language)
    return tuple(
        FindingV(
            words.gettext(f.severity.label), f.check, f.level, f.record_name, f.said(words.gettext)
        )
        for f in found
        if cleared(f.level, loader.level)
    )
