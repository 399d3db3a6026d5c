"""Which sources the references in a text name, for one audience.

The syntax is :mod:`briefing.domain.references`; this is the one query that resolves it,
through the audience filter, for the window and the checks (the book resolves against
the numbered sources it has already loaded through the same filter). A source the
audience may not see is simply not in the answer, exactly like a uid that names nothing,
so nothing built from the answer can tell the two apart. What the audience is given
(a check run at its level, its dossier file) leaves a reference to a withheld source out
altogether (:func:`withheld_from`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.domain import Source
from briefing.store.chunked import chunked
from briefing.store.visibility import EVERYTHING, levels, visible


@dataclass(frozen=True, slots=True)
class NamedSource:
    """A source a reference names: where to open it, what it is called, and its handling
    level with that level's marking, which a link to it carries as the book's list does."""

    id: int
    title: str
    level: int
    marking: str


def named_sources(
    session: Session, dossier_id: int, level: int, uids: Iterable[str]
) -> dict[str, NamedSource]:
    """The sources of the dossier with these uids that an audience at ``level`` may see."""
    found: dict[str, NamedSource] = {}
    wanted = sorted(set(uids))
    marks = {rung.rank: rung.marking for rung in levels(session)} if wanted else {}
    for piece in chunked(wanted, 10_000):  # under SQLite's bound-parameter limit
        rows = session.execute(
            select(Source.uid, Source.id, Source.title, Source.handling).where(
                Source.dossier_id == dossier_id,
                Source.uid.in_(piece),
                visible(Source, level),
            )
        )
        found.update(
            (uid, NamedSource(id_, title, rank, marks[rank])) for uid, id_, title, rank in rows
        )
    return found


def withheld_from(session: Session, dossier_id: int, level: int, uids: Iterable[str]) -> set[str]:
    """Which of these uids name a source of the dossier above an audience at ``level``.

    For what the audience gets, such a reference is not there at all, as in its book: a
    check run for the audience does not report it and its dossier file leaves it out. A
    uid that names no source at any level stays a mistake to report at every level."""
    wanted = set(uids)
    shown = named_sources(session, dossier_id, level, wanted)
    hidden = wanted - shown.keys()
    return set(named_sources(session, dossier_id, EVERYTHING, hidden)) if hidden else set()
