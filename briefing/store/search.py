"""Full-text search over every record, kept in step by the store itself.

SQLite FTS5 holds one row per record (``rowid`` = record id) with its display name and
everything else worth finding, aliases included, so "An Deok-geun" finds Ahn Duk-geun.
A session hook re-indexes whatever a flush touched; the GUI never maintains the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, event, select, text
from sqlalchemy.orm import Session, selectinload, with_polymorphic

from briefing.domain import Alias, ChipSector, Record

_TOKEN = re.compile(r"\w+", re.UNICODE)
_DEFERRED = "search-index-deferred"


@dataclass(frozen=True)
class Hit:
    record_id: int
    kind: str
    title: str
    snippet: str


def _uses_fts(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_record(session: Session, record: Record) -> None:
    session.execute(text("DELETE FROM search_index WHERE rowid = :id"), {"id": record.id})
    session.execute(
        text("INSERT INTO search_index (rowid, title, body, kind) VALUES (:id, :t, :b, :k)"),
        {
            "id": record.id,
            "t": record.display_name,
            "b": record.search_text,
            "k": record.kind,
        },
    )


def index_many(session: Session, where: ColumnElement[bool]) -> int:
    """(Re)index the records matching ``where`` in bulk; returns how many were indexed.

    Loads each kind's rows with their aliases in a few queries instead of one per
    record, which is what makes importing a dossier of 100,000 events practical.
    """
    if not _uses_fts(session):
        return 0
    count = 0
    with session.no_autoflush:
        every_kind = with_polymorphic(Record, "*")
        records = session.scalars(
            select(every_kind)
            .where(where)
            .options(selectinload(every_kind.aliases))
            .execution_options(yield_per=2000)
        )
        batch: list[dict[str, object]] = []
        for record in records:
            batch.append(
                {
                    "id": record.id,
                    "t": record.display_name,
                    "b": record.search_text,
                    "k": record.kind,
                }
            )
            if len(batch) >= 2000:
                count += _write(session, batch)
                batch = []
        count += _write(session, batch)
    return count


def _write(session: Session, batch: list[dict[str, object]]) -> int:
    if batch:
        session.execute(text("DELETE FROM search_index WHERE rowid = :id"), batch)
        session.execute(
            text("INSERT INTO search_index (rowid, title, body, kind) VALUES (:id, :t, :b, :k)"),
            batch,
        )
    return len(batch)


@contextmanager
def deferred(session: Session) -> Iterator[None]:
    """Skip per-flush indexing inside the block; the caller indexes in bulk afterwards."""
    session.info[_DEFERRED] = True
    try:
        yield
    finally:
        session.info.pop(_DEFERRED, None)


def _touched(session: Session) -> tuple[set[int], set[int]]:
    """Ids of records to re-index and of records to drop, from a flush's pending objects."""
    reindex: set[int] = set()
    dropped: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Record):
            reindex.add(obj.id)
        elif isinstance(obj, Alias):
            reindex.add(obj.record_id)
        elif isinstance(obj, ChipSector):
            reindex.add(obj.chip_id)
    for obj in session.deleted:
        if isinstance(obj, Record):
            dropped.add(obj.id)
        elif isinstance(obj, Alias):
            reindex.add(obj.record_id)
        elif isinstance(obj, ChipSector):
            reindex.add(obj.chip_id)
    return reindex - dropped, dropped


def _after_flush(session: Session, _context: Any) -> None:
    if session.info.get(_DEFERRED) or not _uses_fts(session):
        return
    reindex, dropped = _touched(session)
    if not reindex and not dropped:
        return
    with session.no_autoflush:
        for record_id in dropped:
            session.execute(text("DELETE FROM search_index WHERE rowid = :id"), {"id": record_id})
        for record_id in reindex:
            record = session.get(Record, record_id)
            if record is not None:
                index_record(session, record)


class IndexedSession(Session):
    """The store's session class: every flush brings the search index up to date."""


event.listen(IndexedSession, "after_flush", _after_flush)


def fts_query(query: str) -> str:
    """Turn what a person typed into an FTS5 query: every word, as a prefix, all required."""
    return " ".join(f'"{token}"*' for token in _TOKEN.findall(query))


def search(
    session: Session, query: str, *, dossier_id: int, level: int, limit: int = 50
) -> list[Hit]:
    """Records of one dossier matching ``query``, best first, none above ``level``."""
    match = fts_query(query)
    if not match or not _uses_fts(session):
        return []
    rows = session.execute(
        text(
            "SELECT s.rowid, s.kind, s.title, snippet(search_index, 1, '[', ']', '…', 10) "
            "FROM search_index AS s JOIN record AS r ON r.id = s.rowid "
            "WHERE search_index MATCH :match AND r.dossier_id = :dossier AND r.handling <= :level "
            "ORDER BY s.rank LIMIT :limit"
        ),
        {"match": match, "dossier": dossier_id, "level": level, "limit": limit},
    )
    return [Hit(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]
