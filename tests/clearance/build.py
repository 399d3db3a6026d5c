"""Writing a :class:`~tests.clearance.plan.Plan` into a store, through the ORM.

Records are created as the forms create them (mapped objects in one session), with the
levels the plan drew, children below their parents included; the store raises them on
flush, as it does on every save (and ``visibility.enforce_floors`` once more, as an
import does). Field levels go through the store's own setter, ``set_field_level``, so
the value lands where the store keeps a protected field and the column goes blank.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from briefing.domain import (
    Alias,
    Appointment,
    BargainingChip,
    ChipSector,
    Citation,
    Delegation,
    DelegationMember,
    Dossier,
    Event,
    MeetingBrief,
    Organization,
    Person,
    Record,
    TalkingPoint,
)
from briefing.store import visibility
from briefing.store.db.database import Store
from briefing.store.search import indexing
from tests.clearance.plan import TODAY, Plan, Rec
from tests.kinds import MODELS


def build(store: Store, plan: Plan) -> int:
    """Create the plan's dossier in ``store``; returns the dossier's id."""
    with store.session() as session:
        with indexing.deferred(session):
            dossier_id = _write(session, plan)
        indexing.index_dossier(session, dossier_id)
    return dossier_id


def _write(session: Session, plan: Plan) -> int:
    dossier = Dossier(
        slug=plan.slug,
        title=plan.title,
        subtitle=plan.subtitle,
        scene_setter=plan.scene_setter,
        as_of=TODAY,
        default_handling=plan.default_handling,
        subtitle_handling=plan.subtitle_handling,
        scene_handling=plan.scene_handling,
    )
    session.add(dossier)
    session.flush()
    made: dict[int, Record] = {}

    def of(rec: Rec | None) -> Any:
        return made[id(rec)] if rec is not None else None

    for rec in plan.records:
        model = MODELS[rec.kind]
        columns: dict[str, Any] = {**rec.texts, **rec.values}
        obj = model(uid=rec.uid, dossier_id=dossier.id, handling=rec.level, **columns)
        obj.aliases = [Alias(name=a) for a in rec.aliases]
        _link(obj, rec, of)
        session.add(obj)
        made[id(rec)] = obj
    session.flush()
    if plan.prepared_for is not None:
        dossier.prepared_for_id = of(plan.prepared_for).id
    for rec in plan.records:
        for cite in rec.cites:
            citation = Citation(
                record_id=made[id(rec)].id,
                source_id=made[id(cite.source)].id,
                excerpt=cite.excerpt,
                locator=cite.locator,
                stance=cite.stance,
                credibility=cite.credibility,
                handling=cite.level,
            )
            session.add(citation)
    session.flush()
    for rec in plan.records:
        for column, level in rec.field_levels.items():
            if column in rec.texts or column in rec.values:
                visibility.set_field_level(made[id(rec)], column, level)
    visibility.enforce_floors(session, dossier.id)
    session.flush()
    return dossier.id


def _link(obj: Any, rec: Rec, of: Any) -> None:
    match obj:
        case Organization() | Person():
            obj.party = of(rec.party)
        case Appointment():
            obj.person = of(rec.person)
            obj.organization = of(rec.organization)
        case Event():
            obj.participants = [of(p) for p in rec.participants]
            obj.owner = of(rec.owner)
        case Delegation():
            obj.party = of(rec.party)
            obj.event = of(rec.event)
            obj.members = [
                DelegationMember(person=of(m.person), role=m.role, position=n, is_head=m.head)
                for n, m in enumerate(rec.members, 1)
            ]
        case MeetingBrief():
            obj.event = of(rec.event)
        case BargainingChip():
            obj.party = of(rec.party)
            obj.sectors = [ChipSector(name=s) for s in rec.sectors]
            obj.events = [of(e) for e in rec.events]
        case TalkingPoint():
            obj.subject = of(rec.subject)
