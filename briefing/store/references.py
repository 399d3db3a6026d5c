"""Which sources the references in a text name, for one audience.

The syntax is :mod:`briefing.domain.references`; this is the one query that resolves it,
through the audience filter, for the window and the checks (the book resolves against
the numbered sources it has already loaded through the same filter). A source the
audience may not see is simply not in the answer, exactly like a uid that names nothing,
so nothing built from the answer can tell the two apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.domain import Source
from briefing.store.chunked import chunked
from briefing.store.visibility import visible


@dataclass(frozen=True, slots=True)
class NamedSource:
    """A source a reference names: where to open it and what it is called."""

    id: int
    title: str


def named_sources(
    session: Session, dossier_id: int, level: int, uids: Iterable[str]
) -> dict[str, NamedSource]:
    """The sources of the dossier with these uids that an audience at ``level`` may see."""
    found: dict[str, NamedSource] = {}
    for piece in chunked(sorted(set(uids)), 10_000):  # under SQLite's bound-parameter limit
        rows = session.execute(
            select(Source.uid, Source.id, Source.title).where(
                Source.dossier_id == dossier_id,
                Source.uid.in_(piece),
                visible(Source, level),
            )
        )
        found.update((uid, NamedSource(id_, title)) for uid, id_, title in rows)
    return found
