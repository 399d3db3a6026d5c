"""Checks a reviewer runs before printing: what in the dossier deserves a second look.

Each check is a function over one dossier returning findings; ``run_checks`` runs them
all. They only report: the sample keeps doubtful facts with their citations on purpose,
and it is a person's call what to do about them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, with_polymorphic

from briefing.domain import (
    BargainingChip,
    Citation,
    Delegation,
    DelegationMember,
    Dossier,
    Event,
    Party,
    Person,
    Record,
    Source,
    is_disputed,
)
from briefing.domain.enums import EventKind, EventStatus, Stance
from briefing.domain.people import office_on
from briefing.domain.references import referenced, text_fields
from briefing.store.checks.finding import THE_DOSSIER, Finding, Severity
from briefing.store.chunked import chunked
from briefing.store.references import named_sources, withheld_from
from briefing.store.visibility import (
    cleared,
    field,
    highest,
    name_level,
    only_shown,
    scene_level,
    shown,
    shown_citations,
    visible,
)

GATHERINGS = (EventKind.MEETING, EventKind.CALL, EventKind.SUMMIT)
"""Event kinds that must have someone attending; elections and deadlines need not."""


BATCH = 100
"""Records loaded at a time: a dossier of 100,000 events is checked in flat memory."""


class Context:
    """One run's inputs; the rows several checks share are loaded a batch at a time.

    A batch's objects are dropped before the next is read (the session's identity map
    holds unchanged objects weakly), so checking a ministry's dossier does not hold every
    event, person and citation at once.
    """

    def __init__(self, session: Session, dossier: Dossier, level: int, today: dt.date) -> None:
        self.session = session
        self.dossier = dossier
        self.level = level
        self.today = today

    def event_ids(self) -> list[int]:
        return list(
            self.session.scalars(
                select(Event.id)
                .where(Event.dossier_id == self.dossier.id, visible(Event, self.level))
                .order_by(Event.start_date, Event.id)
            )
        )

    def record_ids(self) -> list[int]:
        return list(
            self.session.scalars(
                select(Record.id)
                .where(Record.dossier_id == self.dossier.id, visible(Record, self.level))
                .order_by(Record.id)
            )
        )

    def event_batches(self, ids: list[int]) -> Iterator[list[Event]]:
        held = selectinload(Person.appointments)
        for chunk in chunked(ids, BATCH):
            stmt = (
                select(Event)
                .where(Event.id.in_(chunk))
                .options(
                    selectinload(Event.participants).options(held),
                    selectinload(Event.delegations)
                    .selectinload(Delegation.members)
                    .selectinload(DelegationMember.person)
                    .options(held),
                )
                .order_by(Event.start_date, Event.id)
            )
            yield list(self.session.scalars(stmt))

    def record_batches(self, ids: list[int]) -> Iterator[list[Record]]:
        every_kind = with_polymorphic(Record, "*")
        cited = selectinload(every_kind.citations).selectinload(Citation.source)
        for chunk in chunked(ids, BATCH):
            stmt = (
                select(every_kind)
                .where(every_kind.id.in_(chunk))
                .options(
                    # A source's full text can run to pages; its grade and title suffice.
                    cited.load_only(Source.title, Source.reliability, Source.handling),
                    # Delegations and briefs are named after their party and event: loaded
                    # with the batch, not one query per record (3 s of a ministry's run).
                    selectinload(every_kind.Delegation.party),
                    selectinload(every_kind.Delegation.event),
                    selectinload(every_kind.MeetingBrief.event),
                    # Protected text is read for its references to sources.
                    selectinload(every_kind.field_levels),
                )
                .order_by(every_kind.id)
            )
            yield list(self.session.scalars(stmt))


def _finding(check: str, severity: Severity, record: Record, message: str, *named: int) -> Finding:
    """A finding on ``record`` whose message also names things at the levels ``named``."""
    level = highest(name_level(record), *named)
    return Finding(
        check, severity, record.id, record.uid, record.kind, record.display_name, message, level
    )


def attendees(ctx: Context, event: Event) -> dict[int, tuple[Person, int]]:
    """Who the audience sees at ``event``, each with the level of what places them there:
    the event's own list of participants, or a delegation the audience may see.

    A person placed only by a withheld delegation is not at the event for this audience,
    so no check says anything about them there.
    """
    seen = {p.id: (p, event.handling) for p in only_shown(event.participants, ctx.level)}
    for delegation in only_shown(event.delegations, ctx.level):
        for member in delegation.members:
            if shown(member.person, ctx.level):
                seen.setdefault(member.person.id, (member.person, delegation.handling))
    return seen


def out_of_office(ctx: Context, events: list[Event]) -> Iterator[Finding]:
    """Someone placed at an event on a date none of their recorded offices covers.

    "Covers" is the one rule (:func:`briefing.domain.people.office_on`) every list and
    card uses: the finding names the former office they read there, if any.
    """
    for event in events:
        for person, placed in attendees(ctx, event).values():
            offices = only_shown(person.appointments, ctx.level)
            held = office_on(offices, event.start_date)
            if offices and (held is None or not held.current):
                then = f"; that day: {held.label(held.office.title)}" if held is not None else ""
                yield _finding(
                    "out-of-office",
                    Severity.PROBLEM,
                    event,
                    f"{person.name} is placed at this event on {event.start_date}, "
                    f"when no recorded office of theirs covers that date{then}",
                    placed,
                    person.handling,
                    *(a.handling for a in offices),
                )


def weak_sources(ctx: Context, records: list[Record]) -> Iterator[Finding]:
    """A fact whose every supporting citation is weak (grade D–F or credibility 4–6)."""
    for record in records:
        if record.kind == "source":
            continue
        backing = [c for c in shown_citations(record, ctx.level) if c.stance != Stance.DISPUTES]
        if backing and all(c.is_weak for c in backing):
            grades = ", ".join(
                sorted({f"{c.source.reliability.value}{c.credibility}" for c in backing})
            )
            yield _finding(
                "weak-sources",
                Severity.WARNING,
                record,
                f"rests only on weakly graded sources ({grades})",
                *_cited(backing),
            )


def disputed(ctx: Context, records: list[Record]) -> Iterator[Finding]:
    for record in records:
        citations = shown_citations(record, ctx.level)
        if is_disputed(citations):
            against = ", ".join(c.source.title for c in citations if c.stance == Stance.DISPUTES)
            yield _finding(
                "disputed",
                Severity.WARNING,
                record,
                f"sources disagree; disputed by: {against}",
                *_cited(citations),
            )


def _cited(citations: list[Citation]) -> Iterator[int]:
    """The levels a finding quoting these citations (grades, source titles) names."""
    for c in citations:
        yield c.handling
        yield c.source.handling


def no_participants(ctx: Context, events: list[Event]) -> Iterator[Finding]:
    for event in events:
        if event.event_kind in GATHERINGS and not attendees(ctx, event):
            yield _finding(
                "no-participants", Severity.WARNING, event, "a meeting with nobody recorded at it"
            )


def stale_deadlines(ctx: Context, events: list[Event]) -> Iterator[Finding]:
    for event in events:
        if event.last_day < ctx.today and event.status == EventStatus.PLANNED:
            what = "deadline" if event.event_kind == EventKind.DEADLINE else "event"
            yield _finding(
                "past-still-planned",
                Severity.WARNING if what == "deadline" else Severity.NOTE,
                event,
                f"this {what} on {event.last_day} has passed but is still marked planned",
            )


def ownerless_deadlines(ctx: Context, events: list[Event]) -> Iterator[Finding]:
    """A deadline with no owner the audience may see: one it may not see is no owner to it."""
    deadlines = [e for e in events if e.event_kind == EventKind.DEADLINE]
    owners = {e.owner_id for e in deadlines if e.owner_id is not None}
    if owners:
        owners = set(
            ctx.session.scalars(
                select(Record.id).where(Record.id.in_(owners), visible(Record, ctx.level))
            )
        )
    for event in deadlines:
        if event.owner_id not in owners:
            yield _finding("no-owner", Severity.NOTE, event, "a deadline with nobody owning it")


def people_without_role(ctx: Context) -> Iterator[Finding]:
    stmt = select(Person).where(Person.dossier_id == ctx.dossier.id, visible(Person, ctx.level))
    stmt = stmt.options(selectinload(Person.appointments)).execution_options(yield_per=BATCH)
    for person in ctx.session.scalars(stmt.order_by(Person.name)):
        if not only_shown(person.appointments, ctx.level):
            yield _finding("no-role", Severity.NOTE, person, "no office or role is recorded")


def uncited(ctx: Context, records: list[Record]) -> Iterator[Finding]:
    for record in records:
        if record.kind != "source" and not shown_citations(record, ctx.level):
            yield _finding("uncited", Severity.NOTE, record, "no source is cited")


def _unknown(uid: str, where: str) -> str:
    """What an unknown-source finding says."""
    return f"{where} refers to [[{uid}]], which names no source at this level, so it prints nothing"


def unknown_sources(ctx: Context, records: list[Record]) -> Iterator[Finding]:
    """A reference in text (``[[UID]]``) that names no source: it prints nothing. One to a
    source above the audience is, for the audience, not in the text at all (its book
    prints nothing there and its dossier file leaves it out), so it is not reported and
    the findings hint at nothing the audience may not see."""
    found: list[tuple[Record, str, int, str]] = []
    for record in records:
        for name in text_fields(record.kind):
            text = field(record, name, ctx.level)
            if text is not None and isinstance(text.value, str):
                found += [(record, name, text.level, uid) for uid in referenced(text.value)]
    if not found:
        return
    uids = {f[3] for f in found}
    named = named_sources(ctx.session, ctx.dossier.id, ctx.level, uids)
    withheld = withheld_from(ctx.session, ctx.dossier.id, ctx.level, uids - named.keys())
    for record, name, level, uid in found:
        if uid not in named and uid not in withheld:
            where = name.replace("_", " ").capitalize()
            yield _finding("unknown-source", Severity.WARNING, record, _unknown(uid, where), level)


def scene_setter_sources(ctx: Context) -> Iterator[Finding]:
    """A reference in the scene-setter that names no source (see :func:`unknown_sources`)."""
    dossier = ctx.dossier
    level = scene_level(dossier.default_handling, dossier.scene_handling)
    uids = referenced(dossier.scene_setter or "") if cleared(level, ctx.level) else []
    if not uids:
        return
    named = named_sources(ctx.session, dossier.id, ctx.level, uids)
    withheld = withheld_from(ctx.session, dossier.id, ctx.level, set(uids) - named.keys())
    for uid in uids:
        if uid not in named and uid not in withheld:
            yield Finding(
                "unknown-source",
                Severity.WARNING,
                THE_DOSSIER,
                "dossier",
                "dossier",
                "Scene-setter",
                _unknown(uid, "The scene-setter"),
                level,
            )


def chips_without_position(ctx: Context) -> Iterator[Finding]:
    """Our own chip with no walk-away minimum the audience may see.

    A minimum withheld from the audience is no minimum to it, and the finding says just
    what it says of a chip that has none, so it hints at nothing. Whose chips are "ours"
    is known only to an audience that may see the party the dossier is prepared for.
    """
    ours_id = ctx.dossier.prepared_for_id
    ours = ctx.session.get(Party, ours_id) if ours_id is not None else None
    if ours is None or not shown(ours, ctx.level):
        return
    stmt = select(BargainingChip).where(
        BargainingChip.dossier_id == ctx.dossier.id,
        BargainingChip.party_id == ours.id,
        visible(BargainingChip, ctx.level),
    )
    stmt = stmt.options(selectinload(BargainingChip.field_levels))
    stmt = stmt.execution_options(yield_per=BATCH)
    for chip in ctx.session.scalars(stmt.order_by(BargainingChip.id)):
        minimum = field(chip, "our_minimum", ctx.level)
        if minimum is None or not str(minimum.value).strip():
            yield _finding(
                "no-minimum",
                Severity.NOTE,
                chip,
                "our own chip has no walk-away minimum",
                ours.handling,
            )


EVENT_CHECKS: tuple[Callable[[Context, list[Event]], Iterator[Finding]], ...] = (
    out_of_office,
    no_participants,
    stale_deadlines,
    ownerless_deadlines,
)
RECORD_CHECKS: tuple[Callable[[Context, list[Record]], Iterator[Finding]], ...] = (
    weak_sources,
    disputed,
    uncited,
    unknown_sources,
)
OWN_QUERY_CHECKS: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    people_without_role,
    chips_without_position,
    scene_setter_sources,
)


Progress = Callable[[int, int], None]
"""Told the records checked so far and how many there are, after each batch."""


def find(
    session: Session,
    dossier: Dossier,
    *,
    level: int,
    today: dt.date,
    progress: Progress | None = None,
) -> Iterator[list[Finding]]:
    """Every finding on records an audience at ``level`` may see, a batch at a time.

    A caller stores them as they come (the checks' process, in a database of their own),
    so a ministry's 200,000 findings are never all held as objects at once; ``progress``
    lets it say how far the run is, which on such a dossier takes half a minute.
    """
    ctx = Context(session, dossier, level, today)
    event_ids, record_ids = ctx.event_ids(), ctx.record_ids()
    total, done = len(event_ids) + len(record_ids), 0
    for events in ctx.event_batches(event_ids):
        yield [f for check in EVENT_CHECKS for f in check(ctx, events)]
        done += len(events)
        if progress is not None:
            progress(done, total)
    for records in ctx.record_batches(record_ids):
        yield [f for check in RECORD_CHECKS for f in check(ctx, records)]
        done += len(records)
        if progress is not None:
            progress(done, total)
    for check in OWN_QUERY_CHECKS:
        yield list(check(ctx))


def run_checks(
    session: Session, dossier: Dossier, *, level: int, today: dt.date | None = None
) -> list[Finding]:
    """Every finding on records an audience at ``level`` may see, worst first.

    Deadlines are judged on ``today``, by default the dossier's own reference date (its
    as-of date, when it counts from that).
    """
    found = find(session, dossier, level=level, today=today or dossier.reference_date())
    findings = [f for batch in found for f in batch]
    return sorted(findings, key=lambda f: (-f.severity, f.check, f.record_name))
