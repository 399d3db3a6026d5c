"""Checks a reviewer runs before printing: what in the dossier deserves a second look.

Each check looks at one batch of plain rows (:mod:`.reads`) and says what it found about
which record; ``find`` streams the dossier through them a batch at a time and names what
they found (:mod:`.names`). They only report: the sample keeps doubtful facts with their
citations on purpose, and it is a person's call what to do about them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

from sqlalchemy import Select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, is_disputed
from briefing.domain.enums import EventKind, EventStatus, Stance
from briefing.domain.people import office_on
from briefing.domain.references import referenced
from briefing.i18n import N_
from briefing.store.checks import reads
from briefing.store.checks.finding import THE_DOSSIER, Finding, Severity, arguments
from briefing.store.checks.names import names
from briefing.store.checks.reads import Cited, EventRow, RecordRow
from briefing.store.references import named_sources, withheld_from
from briefing.store.visibility import LOWEST, cleared, highest, scene_level, seen_field

GATHERINGS = (EventKind.MEETING, EventKind.CALL, EventKind.SUMMIT)
"""Event kinds that must have someone attending; elections and deadlines need not."""

BATCH = 1000
"""Rows read at a time: a dossier of 100,000 events is checked in flat memory."""


class Hit(NamedTuple):
    """What a check found, before its record is named: the record, and the highest level of
    what the message names besides the record's name (a person, a source). The message is
    a template and its arguments (:class:`~briefing.store.checks.finding.Finding`)."""

    check: str
    severity: Severity
    record_id: int
    kind: str
    template: str
    level: int
    arguments: str = ""


@dataclass(frozen=True, slots=True)
class Context:
    """One run's inputs."""

    session: Session
    dossier: Dossier
    level: int
    today: dt.date


def _hit(
    check: str,
    severity: Severity,
    record: EventRow | RecordRow,
    template: str,
    *named: int,
    **values: object,
) -> Hit:
    """A hit on ``record`` saying ``template`` (marked ``N_``) filled with ``values``."""
    kind = "event" if isinstance(record, EventRow) else record.kind
    level = highest(record.handling, *named)
    return Hit(
        check, severity, record.id, kind, template, level, arguments(**values) if values else ""
    )


# --- Events ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Events:
    """A batch of events with who the audience sees at each."""

    rows: Sequence[EventRow]
    attending: dict[int, dict[int, reads.Attendee]]


def out_of_office(ctx: Context, batch: Events) -> Iterator[Hit]:
    """Someone placed at an event on a date none of their recorded offices covers.

    "Covers" is the one rule (:func:`briefing.domain.people.office_on`) every list and
    card uses: the finding names the former office they read there, if any.
    """
    held_by = reads.offices(ctx.session, batch.rows, ctx.level) if batch.attending else {}
    for event in batch.rows:
        for person in batch.attending.get(event.id, {}).values():
            offices = held_by.get(person.id, [])
            held = office_on(offices, event.start)
            if offices and (held is None or not held.current):
                values: dict[str, object] = {"person": person.name, "date": event.start}
                if held is None:
                    template = N_(
                        "{person} is placed at this event on {date}, when no recorded "
                        "office of theirs covers that date"
                    )
                elif held.office.end is None:
                    template = N_(
                        "{person} is placed at this event on {date}, when no recorded "
                        "office of theirs covers that date; that day: {title}"
                    )
                    values["title"] = held.office.title
                else:
                    template = N_(
                        "{person} is placed at this event on {date}, when no recorded "
                        "office of theirs covers that date; that day: former: {title} "
                        "(until {until})"
                    )
                    values |= {"title": held.office.title, "until": held.office.end}
                yield _hit(
                    "out-of-office",
                    Severity.PROBLEM,
                    event,
                    template,
                    person.placed,
                    person.handling,
                    *(o.handling for o in offices),
                    **values,
                )


def no_participants(ctx: Context, batch: Events) -> Iterator[Hit]:
    for event in batch.rows:
        if event.kind in GATHERINGS and not batch.attending.get(event.id):
            yield _hit(
                "no-participants",
                Severity.WARNING,
                event,
                N_("a meeting with nobody recorded at it"),
            )


def stale_deadlines(ctx: Context, batch: Events) -> Iterator[Hit]:
    for event in batch.rows:
        if event.last_day < ctx.today and event.status == EventStatus.PLANNED:
            deadline = event.kind == EventKind.DEADLINE
            yield _hit(
                "past-still-planned",
                Severity.WARNING if deadline else Severity.NOTE,
                event,
                N_("this deadline on {date} has passed but is still marked planned")
                if deadline
                else N_("this event on {date} has passed but is still marked planned"),
                date=event.last_day,
            )


def ownerless_deadlines(ctx: Context, batch: Events) -> Iterator[Hit]:
    """A deadline with no owner the audience may see: one it may not see is no owner to it."""
    for event in batch.rows:
        if event.kind == EventKind.DEADLINE and not event.owner_shown:
            yield _hit("no-owner", Severity.NOTE, event, N_("a deadline with nobody owning it"))


# --- Records --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Records:
    """A batch of records with the citations the audience sees of each."""

    rows: Sequence[RecordRow]
    cited: dict[int, list[Cited]]


def weak_sources(ctx: Context, batch: Records) -> Iterator[Hit]:
    """A fact whose every supporting citation is weak (grade D–F or credibility 4–6)."""
    for record in batch.rows:
        if record.kind == "source":
            continue
        backing = [c for c in batch.cited.get(record.id, []) if c.stance != Stance.DISPUTES]
        if backing and all(c.is_weak for c in backing):
            grades = ", ".join(sorted({f"{c.reliability.value}{c.credibility}" for c in backing}))
            yield _hit(
                "weak-sources",
                Severity.WARNING,
                record,
                N_("rests only on weakly graded sources ({grades})"),
                *_cited(backing),
                grades=grades,
            )


def disputed(ctx: Context, batch: Records) -> Iterator[Hit]:
    for record in batch.rows:
        citations = batch.cited.get(record.id, [])
        if is_disputed(citations):
            against = ", ".join(c.title for c in citations if c.stance == Stance.DISPUTES)
            yield _hit(
                "disputed",
                Severity.WARNING,
                record,
                N_("sources disagree; disputed by: {sources}"),
                *_cited(citations),
                sources=against,
            )


def _cited(citations: Iterable[Cited]) -> Iterator[int]:
    """The levels a finding quoting these citations (grades, source titles) names."""
    for c in citations:
        yield c.handling
        yield c.source_handling


def uncited(ctx: Context, batch: Records) -> Iterator[Hit]:
    for record in batch.rows:
        if record.kind != "source" and not batch.cited.get(record.id):
            yield _hit("uncited", Severity.NOTE, record, N_("no source is cited"))


UNKNOWN = N_(
    "{field} refers to [[{uid}]], which names no source at this level, so it prints nothing"
)
"""What an unknown-source finding says of a text field, named as the dossier stores it."""
UNKNOWN_IN_SCENE_SETTER = N_(
    "The scene-setter refers to [[{uid}]], which names no source at this level, so it "
    "prints nothing"
)


# --- Checks with a query of their own -------------------------------------------------


def unknown_sources(ctx: Context) -> Iterator[Hit]:
    """A reference in text (``[[UID]]``) that names no source: it prints nothing. One to a
    source above the audience is, for the audience, not in the text at all (its book
    prints nothing there and its dossier file leaves it out), so it is not reported and
    the findings hint at nothing the audience may not see."""
    texts = reads.texts(ctx.session, ctx.dossier.id, ctx.level, BATCH)
    while batch := list(islice(texts, BATCH)):
        found = [
            (text, uid)
            for text in batch
            if isinstance(text.seen.value, str)
            for uid in referenced(text.seen.value)
        ]
        uids = {uid for _text, uid in found}
        named = named_sources(ctx.session, ctx.dossier.id, ctx.level, uids)
        withheld = withheld_from(ctx.session, ctx.dossier.id, ctx.level, uids - named.keys())
        for text, uid in found:
            if uid not in named and uid not in withheld:
                where = text.name.replace("_", " ").capitalize()
                yield Hit(
                    "unknown-source",
                    Severity.WARNING,
                    text.record_id,
                    text.kind,
                    UNKNOWN,
                    text.seen.level,
                    arguments(field=where, uid=uid),
                )


def people_without_role(ctx: Context) -> Iterator[Hit]:
    stmt = reads.people_without_role(ctx.dossier.id, ctx.level)
    for (person_id,) in reads.stream(ctx.session, stmt, BATCH):
        message = N_("no office or role is recorded")
        yield Hit("no-role", Severity.NOTE, person_id, "person", message, LOWEST)


def chips_without_position(ctx: Context) -> Iterator[Hit]:
    """Our own chip with no walk-away minimum the audience may see.

    A minimum withheld from the audience is no minimum to it, and the finding says just
    what it says of a chip that has none, so it hints at nothing. Whose chips are "ours"
    is known only to an audience that may see the party the dossier is prepared for.
    """
    ours = ctx.dossier.prepared_for_id
    ours_level = reads.party_level(ctx.session, ours) if ours is not None else None
    if ours is None or ours_level is None or not cleared(ours_level, ctx.level):
        return
    stmt = reads.chip_minimums(ctx.dossier.id, ours, ctx.level)
    for chip_id, handling, column, rank, stored in reads.stream(ctx.session, stmt, BATCH):
        own = None if rank is None else (rank, stored)
        minimum = seen_field(column, handling, own, ctx.level)
        if minimum is None or not str(minimum.value).strip():
            yield Hit(
                "no-minimum",
                Severity.NOTE,
                chip_id,
                "bargaining_chip",
                N_("our own chip has no walk-away minimum"),
                highest(handling, ours_level),
            )


def unsettled_conflicts(ctx: Context) -> Iterator[Hit]:
    """A record of a travel copy that the last sync left in conflict: neither side's value
    was written there, and the book prints the copy's until someone settles it. Only a
    copy keeps conflicts (a server grants their table to nobody). The finding names no
    field: one withheld from the audience must not be hinted at."""
    if ctx.session.get_bind().dialect.name != "sqlite":
        return
    stmt = reads.unsettled(ctx.dossier.id, ctx.level)
    for record_id, kind, handling in reads.stream(ctx.session, stmt, BATCH):
        yield Hit(
            "sync-conflict",
            Severity.PROBLEM,
            record_id,
            kind,
            N_(
                "in conflict since the last sync: the copy's value prints until someone "
                "settles it (briefing travel conflicts)"
            ),
            handling,
        )


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
                UNKNOWN_IN_SCENE_SETTER,
                level,
                arguments(uid=uid),
            )


EVENT_CHECKS: tuple[Callable[[Context, Events], Iterator[Hit]], ...] = (
    out_of_office,
    no_participants,
    stale_deadlines,
    ownerless_deadlines,
)
RECORD_CHECKS: tuple[Callable[[Context, Records], Iterator[Hit]], ...] = (
    weak_sources,
    disputed,
    uncited,
)
OWN_QUERY_CHECKS: tuple[Callable[[Context], Iterator[Hit]], ...] = (
    unknown_sources,
    people_without_role,
    chips_without_position,
    unsettled_conflicts,
)


def _batches(session: Session, stmt: Select[Any]) -> Iterator[Sequence[Any]]:
    """The rows of ``stmt``, :data:`BATCH` at a time: what one round of checks looks at."""
    yield from session.execute(stmt, execution_options={"yield_per": BATCH}).partitions()


def _named(session: Session, hits: list[Hit]) -> list[Finding]:
    """The findings of ``hits``, each naming its record by the registry's display name and
    marked with the highest level of that name and of what its message says."""
    if not hits:
        return []
    known = names(session, ((h.record_id, h.kind) for h in hits))
    return [
        Finding(
            h.check,
            h.severity,
            h.record_id,
            known[h.record_id].uid,
            h.kind,
            known[h.record_id].name,
            h.template,
            highest(known[h.record_id].level, h.level),
            h.arguments,
        )
        for h in hits
    ]


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
    so a ministry's 200,000 findings are never all held at once; ``progress`` lets it say
    how far the run is.
    """
    ctx = Context(session, dossier, level, today)
    events, records = reads.events(dossier.id, level), reads.records(dossier.id, level)
    total, done = reads.count(session, events) + reads.count(session, records), 0
    for rows in _batches(session, events):
        event_rows = [EventRow(*r) for r in rows]
        batch = Events(event_rows, reads.attendees(session, event_rows, level))
        yield _named(session, [h for check in EVENT_CHECKS for h in check(ctx, batch)])
        done += len(rows)
        if progress is not None:
            progress(done, total)
    for rows in _batches(session, records):
        record_rows = [RecordRow(*r) for r in rows]
        cited = reads.citations(session, record_rows, level)
        found = Records(record_rows, cited)
        yield _named(session, [h for check in RECORD_CHECKS for h in check(ctx, found)])
        done += len(rows)
        if progress is not None:
            progress(done, total)
    for check in OWN_QUERY_CHECKS:
        hits = check(ctx)
        while batch_hits := list(islice(hits, BATCH)):
            yield _named(session, batch_hits)
    yield list(scene_setter_sources(ctx))


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
