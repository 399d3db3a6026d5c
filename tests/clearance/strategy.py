"""The Hypothesis strategy: random small dossiers with random levels everywhere.

Hypothesis draws the structure (how many records of each kind, their links, every
level); markers come from a counter (``plan.new_marker``), so shrinking works on
structure and levels only. Levels are drawn independently for every record, protected
field, citation and the dossier's subtitle and scene-setter, so children land both above
and below their parents, and fields both above and below their records. A chip's value
(amount, currency and note) takes one level, as the store keeps it.

Most dossiers are small (about a dozen records, up to some 30); one draw in twenty is
large, up to :data:`MAX_RECORDS`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import strategies as st

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
from tests.clearance.plan import (
    FILLER,
    GROUPED,
    PROTECTED,
    TODAY,
    Cite,
    Member,
    Plan,
    Rec,
    new_amount,
    new_currency,
    new_marker,
)
from tests.kinds import BILINGUAL_TEXT_FIELDS, KOREAN_TEXT_FIELDS

MAX_RECORDS = 40
GATHERINGS = (EventKind.MEETING, EventKind.CALL, EventKind.SUMMIT)

levels = st.integers(0, 3)
maybe_level = st.one_of(st.none(), levels)

_words = itertools.count()


def text(words: int = 2) -> str:
    """A marker, then ``words`` filler words."""
    n = next(_words)
    tail = [FILLER[(n * 7 + i * 11) % len(FILLER)] for i in range(words)]
    return " ".join([new_marker(), *tail])


_korean = itertools.count()


def texts(kind: str) -> dict[str, str]:
    """A marked text for each free-text column of a record of ``kind``; every other
    Korean text is left empty, so a Korean book falls back to the English there."""
    bare = {"code", "acronym", "language", "timezone"}  # short columns: the marker alone
    korean = set(KOREAN_TEXT_FIELDS.get(kind, ()))
    return {
        name: "" if name in korean and next(_korean) % 2 else text(0 if name in bare else 2)
        for name in BILINGUAL_TEXT_FIELDS[kind]
    }


def _pick(draw: Any, pool: list[Rec], *, optional: bool = True) -> Rec | None:
    if not pool:
        return None
    if optional and draw(st.booleans()):
        return None
    chosen: Rec = pool[draw(st.integers(0, len(pool) - 1))]
    return chosen


def _some(draw: Any, pool: list[Rec], most: int) -> list[Rec]:
    if not pool:
        return []
    chosen = draw(
        st.lists(st.integers(0, len(pool) - 1), max_size=min(most, len(pool)), unique=True)
    )
    return [pool[i] for i in chosen]


def _record(draw: Any, kind: str) -> Rec:
    rec = Rec(kind, new_marker(), draw(levels), texts(kind))
    group_of = {column: group for group in GROUPED for column in group}
    for column in PROTECTED[kind]:
        group = group_of.get(column, (column,))
        if column != group[0]:
            continue  # a group's other members take its first's level
        level = draw(maybe_level)
        if level is not None:
            rec.field_levels.update(dict.fromkeys(group, level))
    return rec


def _cite(draw: Any, rec: Rec, sources: list[Rec]) -> None:
    if not sources:
        return
    for _ in range(draw(st.integers(0, 2))):
        rec.cites.append(
            Cite(
                source=sources[draw(st.integers(0, len(sources) - 1))],
                level=draw(levels),
                stance=draw(st.sampled_from(list(Stance))).value,
                credibility=draw(st.integers(1, 6)),
                excerpt=text(3),
                locator=text(0),
            )
        )


def _aliases(draw: Any, rec: Rec, least: int = 0) -> None:
    rec.aliases = [text(0) for _ in range(draw(st.integers(least, 2)))]


@st.composite
def plans(draw: Any) -> Plan:
    """A dossier of at most :data:`MAX_RECORDS` records, every kind, every level."""
    large = draw(st.integers(0, 19)) == 19
    wide = 2 if large else 1
    count = {
        "party": draw(st.integers(1, 2 + (large and 1))),
        "organization": draw(st.integers(0, 2 * wide)),
        "person": draw(st.integers(0, 3 * wide + (large and 2))),
        "source": draw(st.integers(0, 3 + 2 * (large and 1))),
        "event": draw(st.integers(0, 3 * wide + (large and 2))),
        "delegation": draw(st.integers(0, 2 * wide)),
        "bargaining_chip": draw(st.integers(0, 3 * wide)),
        "talking_point": draw(st.integers(0, 3 * wide + (large and 2))),
    }
    records: list[Rec] = []

    parties = []
    for _ in range(count["party"]):
        party = _record(draw, "party")
        _aliases(draw, party, least=1)  # so the book's annex lists every party's name
        parties.append(party)
    organizations = []
    for _ in range(count["organization"]):
        org = _record(draw, "organization")
        org.values["org_kind"] = draw(st.sampled_from(list(OrgKind)))
        org.party = _pick(draw, parties)
        _aliases(draw, org)
        organizations.append(org)
    sources = []
    for n in range(count["source"]):
        source = _record(draw, "source")
        source.values["reliability"] = draw(st.sampled_from(list(Reliability)))
        source.values["published_on"] = dt.date(2025, 1, 1) + dt.timedelta(days=n * 9)
        sources.append(source)
    people = []
    appointments = []
    for _ in range(count["person"]):
        person = _record(draw, "person")
        person.party = _pick(draw, parties)
        _aliases(draw, person)
        _cite(draw, person, sources)
        people.append(person)
        for _ in range(draw(st.integers(0, 2))):
            office = _record(draw, "appointment")
            office.person = person
            office.organization = _pick(draw, organizations)
            office.values["start"] = dt.date(2020, 1, 1) + dt.timedelta(
                days=draw(st.integers(0, 1400))
            )
            # Ended offices make the out-of-office check speak (it quotes names).
            office.values["end"] = dt.date(2024, 6, 30) if draw(st.booleans()) else None
            _cite(draw, office, sources)
            appointments.append(office)
    events = []
    for _ in range(count["event"]):
        event = _record(draw, "event")
        kind = draw(st.sampled_from(list(EventKind)))
        event.values.update(
            event_kind=kind,
            start_date=TODAY + dt.timedelta(days=draw(st.integers(-90, 90))),
            start_time=dt.time(10, 0) if kind in GATHERINGS else None,
            precision=draw(st.sampled_from(list(DatePrecision))),
            status=draw(st.sampled_from(list(EventStatus))),
        )
        if kind in GATHERINGS:
            event.participants = _some(draw, people, 3)
        if kind == EventKind.DEADLINE:
            event.owner = _pick(draw, people)
        _aliases(draw, event)
        _cite(draw, event, sources)
        events.append(event)
    gatherings = [e for e in events if e.values["event_kind"] in GATHERINGS]
    delegations = []
    for _ in range(count["delegation"]):
        delegation = _record(draw, "delegation")
        if draw(st.booleans()):
            delegation.texts["name"] = ""  # labelled "<party> delegation – <event title>"
        delegation.party = _pick(draw, parties, optional=False)
        delegation.event = _pick(draw, events)
        delegation.members = [
            Member(person, text(1), head=i == 0) for i, person in enumerate(_some(draw, people, 3))
        ]
        _cite(draw, delegation, sources)
        delegations.append(delegation)
    briefs = []
    for event in gatherings:
        if draw(st.booleans()):
            brief = _record(draw, "meeting_brief")
            brief.event = event
            _cite(draw, brief, sources)
            briefs.append(brief)
    chips = []
    for _ in range(count["bargaining_chip"]):
        chip = _record(draw, "bargaining_chip")
        chip.party = _pick(draw, parties)
        chip.values.update(
            chip_kind=draw(st.sampled_from(list(ChipKind))),
            status=draw(st.sampled_from(list(ChipStatus))),
            likelihood=draw(st.sampled_from(list(Likelihood))),
            priority=draw(st.integers(1, 5)),
        )
        if draw(st.booleans()):
            chip.values.update(value_amount=new_amount(), value_currency=new_currency())
        chip.sectors = [text(0) for _ in range(draw(st.integers(0, 2)))]
        chip.events = _some(draw, events, 2)
        _aliases(draw, chip)
        _cite(draw, chip, sources)
        chips.append(chip)
    points = []
    for n in range(count["talking_point"]):
        point = _record(draw, "talking_point")
        point.subject = _pick(draw, [*chips, *events])
        point.values.update(point_kind=draw(st.sampled_from(list(PointKind))), position=n)
        _cite(draw, point, sources)
        points.append(point)

    records = [
        *parties,
        *organizations,
        *sources,
        *people,
        *appointments,
        *events,
        *delegations,
        *briefs,
        *chips,
        *points,
    ]
    records = _trimmed(records, MAX_RECORDS)
    return Plan(
        slug=new_marker(),
        title=text(2),
        subtitle=text(2),
        scene_setter=text(5),
        default_handling=draw(levels),
        subtitle_handling=draw(maybe_level),
        scene_handling=draw(maybe_level),
        prepared_for=_pick(draw, parties),
        records=records,
    )


def _trimmed(records: list[Rec], most: int) -> list[Rec]:
    """At most ``most`` records: drop from the end, and whatever points at a dropped one."""
    kept = records[:most]
    while True:
        ids = {id(r) for r in kept}
        still = [
            r
            for r in kept
            if not any(_gone(getattr(r, name), ids) for name in ("person", "event", "subject"))
            and not (r.kind == "delegation" and _gone(r.party, ids))
        ]
        if len(still) == len(kept):
            break
        kept = still
    ids = {id(r) for r in kept}
    for r in kept:
        r.participants = [p for p in r.participants if id(p) in ids]
        r.members = [m for m in r.members if id(m.person) in ids]
        r.events = [e for e in r.events if id(e) in ids]
        r.cites = [c for c in r.cites if id(c.source) in ids]
        for name in ("party", "organization", "owner"):
            if getattr(r, name) is not None and id(getattr(r, name)) not in ids:
                setattr(r, name, None)
    return kept


def _gone(rec: Rec | None, kept: set[int]) -> bool:
    return rec is not None and id(rec) not in kept
