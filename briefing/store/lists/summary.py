"""What the window shows first: the dossiers, and the overview's heading, key dates and counts.

Everything here names tables rather than mapped classes: the first ORM statement configures
every mapper, some 30 ms the overview need not wait for (the first list or the checks pay it
instead). It is kept apart from the lists' SQL (:mod:`.people`, :mod:`.events` and the rest,
some 9 ms to import) for the same reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, DossierText, Event, Party, Record
from briefing.domain.declarations import in_edition
from briefing.domain.dossier import SCENE_SETTER, SUBTITLE
from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.events import last_day
from briefing.domain.formats import ENGLISH
from briefing.store.tables import KindRows
from briefing.store.visibility import cleared, scene_level, subtitle_level, visible_row


@dataclass(frozen=True)
class KeyDate:
    """A deadline, election, summit or meeting the overview lists with its days left."""

    id: int
    title: str
    kind: EventKind
    start: dt.date
    end: dt.date | None
    precision: DatePrecision
    status: EventStatus

    @property
    def last(self) -> dt.date:
        return last_day(self.start, self.end, self.precision)


@dataclass(frozen=True)
class Summary:
    """What the overview shows of a dossier, read before anything else is.

    The subtitle and the scene-setter are "" when the audience may not see them;
    ``subtitle_level`` and ``scene_level`` are the levels their portion markings show.
    The title, subtitle and scene-setter are in the language read for where they have it
    (:func:`~briefing.domain.declarations.in_edition`), each at its one level.
    """

    title: str
    subtitle: str
    subtitle_level: int
    scene_setter: str
    scene_level: int
    as_of: dt.date | None
    prepared_for: str
    upcoming: list[KeyDate]
    recent: list[KeyDate]
    counts: dict[str, int]


KEY_KINDS = (EventKind.DEADLINE, EventKind.ELECTION, EventKind.SUMMIT, EventKind.MEETING)
LONGEST_VAGUE_SPAN = dt.timedelta(days=31)
"""An event known only to its month may run this long past its recorded first day."""


def summary(
    session: Session,
    dossier_id: int,
    level: int,
    today: dt.date,
    *,
    upcoming: int,
    recent: int,
    language: str = ENGLISH,
) -> Summary:
    """The dossier's heading, its next key dates, the deadlines just passed, and counts.

    Three bounded reads of key dates, however long the dossier's history: the next ones,
    those begun lately that may still be running, and the last deadlines. Tables, not
    mapped classes, as for :func:`counts`: this is what the window opens on.
    """
    dossier = Dossier.__table__
    party = KindRows(Party)
    head = session.execute(
        select(
            dossier.c.title,
            dossier.c.title_ko,
            dossier.c.as_of,
            dossier.c.default_handling,
            party.own.c.name,
        )
        .outerjoin(
            party.joined,
            and_(party.own.c.id == dossier.c.prepared_for_id, party.visible(level)),
        )
        .where(dossier.c.id == dossier_id)
    ).one()
    event = KindRows(Event)
    key = (
        event.select(
            event.own.c.id,
            event.own.c.title,
            event.own.c.event_kind,
            event.own.c.start_date,
            event.own.c.end_date,
            event.own.c.precision,
            event.own.c.status,
        )
        .where(
            event.record.c.dossier_id == dossier_id,
            event.visible(level),
            event.own.c.event_kind.in_(KEY_KINDS),
        )
        .order_by(event.own.c.start_date, event.own.c.id)
    )
    start, end = event.own.c.start_date, event.own.c.end_date
    starting = session.execute(key.where(start >= today).limit(upcoming)).all()
    running = session.execute(
        key.where(start < today, or_(start >= today - LONGEST_VAGUE_SPAN, end >= today))
    ).all()
    passed = session.execute(
        key.where(event.own.c.event_kind == EventKind.DEADLINE, start < today)
        .order_by(None)
        .order_by(start.desc(), event.own.c.id.desc())
        .limit(recent + len(running))
    ).all()
    dates = [KeyDate(*row) for row in running] + [KeyDate(*row) for row in starting]
    ahead = [d for d in dates if d.last >= today][:upcoming]
    behind = [d for d in (KeyDate(*row) for row in passed) if d.last < today]
    texts = DossierText.__table__
    own = {
        kind: (in_edition(words, korean, language), handling)
        for kind, words, korean, handling in session.execute(
            select(texts.c.kind, texts.c.text, texts.c.text_ko, texts.c.handling).where(
                texts.c.dossier_id == dossier_id
            )
        )
    }
    subtitle, subtitle_handling = own.get(SUBTITLE, ("", None))
    scene_setter, scene_handling = own.get(SCENE_SETTER, ("", None))
    subtitle_at = subtitle_level(head.default_handling, subtitle_handling)
    scene_at = scene_level(head.default_handling, scene_handling)
    return Summary(
        title=in_edition(head.title, head.title_ko, language),
        subtitle=subtitle if cleared(subtitle_at, level) else "",
        subtitle_level=subtitle_at,
        scene_setter=scene_setter if cleared(scene_at, level) else "",
        scene_level=scene_at,
        as_of=head.as_of,
        prepared_for=head.name or "",
        upcoming=ahead,
        recent=behind[:recent][::-1],
        counts=counts(session, dossier_id, level),
    )


def dossiers(session: Session) -> list[tuple[int, str, str]]:
    """Id, slug and title of every dossier, by title."""
    dossier = Dossier.__table__
    rows = session.execute(
        select(dossier.c.id, dossier.c.slug, dossier.c.title).order_by(dossier.c.title)
    )
    return [(dossier_id, slug, title) for dossier_id, slug, title in rows]


def counts(session: Session, dossier_id: int, level: int) -> dict[str, int]:
    """How many records of each kind the audience sees."""
    record = Record.__table__
    rows = session.execute(
        select(record.c.kind, func.count(record.c.id))
        .where(record.c.dossier_id == dossier_id, visible_row(record, level))
        .group_by(record.c.kind)
    )
    return {str(kind): int(number) for kind, number in rows}
