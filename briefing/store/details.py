"""What the details pane shows of one record, read for an audience in one place.

The pane (:mod:`briefing.ui.record_html`) writes rich text and asks the database nothing
itself: the record comes with what it needs looked up besides, as plain data (the
levels' markings, the sources its text names, the talking points about it, and for a
source the records citing it). The record's own relationships (its party, its members)
load as the pane reads them, while the caller's session is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, with_polymorphic

from briefing.domain import Dossier, HandlingLevel, Record, Source, TalkingPoint, is_disputed
from briefing.domain.declarations import Field as DeclaredField
from briefing.domain.declarations import in_edition, korean
from briefing.domain.dossier import HOME_ZONE
from briefing.domain.enums import PointKind, Stance
from briefing.domain.formats import ENGLISH
from briefing.domain.references import referenced, text_fields
from briefing.store.chunked import chunked
from briefing.store.references import NamedSource, named_sources
from briefing.store.visibility import cleared, field, levels, shown, shown_citations, visible


@dataclass(frozen=True)
class Point:
    """A talking point about the record, as its list in the details shows it."""

    id: int
    kind: PointKind
    handling: int
    text: str


@dataclass(frozen=True)
class Citing:
    """A citation of a source by a record the audience sees: which, how, and the excerpt."""

    record_id: int
    name: str
    stance: Stance
    excerpt: str


@dataclass(frozen=True)
class RecordDetails:
    """One record as an audience at ``level`` sees it, with what its details need.

    Attributes:
        record: the record (its fields are read through :func:`~briefing.store.visibility.field`).
        level: the audience's level it was read for.
        marking, level_name: its handling level's portion marking and name.
        marks: every level's marking, by rank, for the parts marked on their own.
        refs: the sources named in its text that the audience may see, by uid.
        disputed: whether the citations the audience sees both support and dispute it.
        points: the talking points about it the audience sees, in their order.
        citing: for a source, the citations of it the audience sees, in their order.
        home_zone: the dossier's home zone, whose clock an event's times are shown on
            beside the venue's.
        language: the language it was read for: a bilingual text is shown in it where
            it has one (:meth:`written_in`), the talking points' texts already are.
    """

    record: Record
    level: int
    marking: str
    level_name: str
    marks: dict[int, str]
    refs: dict[str, NamedSource]
    disputed: bool
    points: tuple[Point, ...]
    citing: tuple[Citing, ...]
    home_zone: str = HOME_ZONE
    language: str = ENGLISH

    def written_in(self, declared: DeclaredField) -> str:
        """The column the details show for the field ``declared``: for a bilingual text,
        its Korean's when read in Korean and the audience sees a Korean text there, else
        its English (the other way round in English), as
        :func:`~briefing.domain.declarations.in_edition` chooses for a book. Both are read
        through :func:`~briefing.store.visibility.field`, so neither shows more."""
        if not declared.bilingual:
            return declared.name
        twin = korean(declared.name)
        first, other = (twin, declared.name) if self.language == "ko" else (declared.name, twin)
        seen = field(self.record, first, self.level)
        return first if seen is not None and str(seen.value or "").strip() else other


def _refs(session: Session, record: Record, level: int) -> dict[str, NamedSource]:
    """The sources named in the record's text that the audience may see."""
    uids: list[str] = []
    for name in text_fields(record.kind):
        found = field(record, name, level)
        if found is not None and isinstance(found.value, str):
            uids += referenced(found.value)
    return named_sources(session, record.dossier_id, level, uids) if uids else {}


def _citing(session: Session, source: Source, level: int) -> tuple[Citing, ...]:
    """The citations of ``source`` the audience sees, their records read in a few queries
    (each of its own kind), not one each."""
    every_kind = with_polymorphic(Record, "*")
    ids = sorted({c.record_id for c in source.cited_by})
    records: dict[int, Record] = {}
    for piece in chunked(ids, 10_000):  # under SQLite's limit on bound parameters
        records.update(
            (r.id, r) for r in session.scalars(select(every_kind).where(every_kind.id.in_(piece)))
        )
    return tuple(
        Citing(c.record_id, records[c.record_id].display_name, c.stance, c.excerpt)
        for c in source.cited_by
        if cleared(c.handling, level) and shown(records.get(c.record_id), level)
    )


def read_details(
    session: Session, record_id: int, level: int, language: str = ENGLISH
) -> RecordDetails | None:
    """The record ``record_id`` and what its details need, its level named in
    ``language``; None if the audience may not see it (or there is none)."""
    record = session.get(Record, record_id)
    if record is None or not shown(record, level):
        return None
    handling = session.get_one(HandlingLevel, record.handling)
    points = session.scalars(
        select(TalkingPoint)
        .where(TalkingPoint.subject_id == record.id, visible(TalkingPoint, level))
        .order_by(TalkingPoint.position, TalkingPoint.id)
    ).all()
    return RecordDetails(
        record=record,
        level=level,
        marking=handling.marking,
        level_name=handling.named(language),
        marks={x.rank: x.marking for x in levels(session)},
        refs=_refs(session, record, level),
        disputed=is_disputed(shown_citations(record, level)),
        points=tuple(
            Point(p.id, p.point_kind, p.handling, in_edition(p.text, p.text_ko, language))
            for p in points
        ),
        citing=_citing(session, record, level) if isinstance(record, Source) else (),
        home_zone=session.scalar(select(Dossier.home_zone).where(Dossier.id == record.dossier_id))
        or HOME_ZONE,
        language=language,
    )
