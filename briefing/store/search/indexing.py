"""Full-text search over every record, kept in step by the store itself.

SQLite FTS5 holds one row per record (``rowid`` = record id) with its display name and
everything else worth finding, aliases included, so "An Deok-geun" finds Ahn Duk-geun.
A session hook re-indexes whatever a flush touched; the GUI never maintains the index.
The rows are built in SQL, one INSERT … SELECT per kind, so indexing a freshly imported
dossier of 100,000 events takes seconds rather than loading every record as an object.
The texts are written in the SQL SQLite and PostgreSQL share (the registry's); on
PostgreSQL the same rows go to plain tables whose ``tsv`` column the server derives
(migration 0006), so indexing is the same statements on both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    event,
    text,
)
from sqlalchemy.orm import Session

from briefing.domain import Alias, ChipSector, FieldLevel, Record
from briefing.domain.portable_sql import spelled
from briefing.domain.registry import KINDS, Kind
from briefing.store.chunked import chunked
from briefing.store.db.holding import objects_held
from briefing.store.visibility import (
    cleared_sql,
    highest_sql,
)

_DEFERRED = "search-index-deferred"


def uses_fts(session: Session) -> bool:
    return dialect_of(session) == "sqlite"


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


_ALIASES = "(SELECT group_concat(a.name, '\n') FROM alias AS a WHERE a.record_id = r.id)"


def _lines(*parts: str) -> str:
    return " || '\n' || ".join(f"coalesce({part}, '')" for part in parts)


def _body(kind: Kind) -> str:
    """The text search finds a record of ``kind`` by: its searchable fields and extras."""
    fields = (f"t.{field.name}" for field in kind.fields if field.searchable)
    return _lines(*fields, *kind.search_also)


_VALUE = {"sqlite": "json_extract(f.value, '$')", "postgresql": "(CAST(f.value AS jsonb) #>> '{}')"}


def _field_text(dialect: str) -> str:
    """The protected values of record ``m`` an audience at ``lv.level`` may see, one a line."""
    return (
        f"(SELECT group_concat('\n' || coalesce({_VALUE[dialect]}, ''), '') "
        "FROM field_level AS f WHERE f.record_id = m.rowid "
        f"AND {cleared_sql('f.handling', 'lv.level')})"
    )


def _index(session: Session, condition: str, params: dict[str, Any]) -> None:
    """(Re)write the index rows of the records matching ``condition`` (on ``r``).

    A record's own row holds what every audience of the record may see (a protected
    field's column is blank). A record with protected fields also gets a row for each level
    of them, holding its own text and every protected value at or below that level, so an
    audience finds the record by a value, and sees it in a snippet, only when it may see
    the value. Deleting a record deletes its field rows (a foreign key), and triggers keep
    their full-text index in step with them.
    """
    dialect = dialect_of(session)
    chosen = f"(SELECT r.id FROM record AS r WHERE {condition})"
    session.execute(text(f"DELETE FROM search_index WHERE rowid IN {chosen}"), params)
    session.execute(
        text(f"DELETE FROM search_index_field_rows WHERE record_id IN {chosen}"), params
    )
    # A server's own rows also hold their record's dossier and level (migration 0030).
    placed = [] if dialect == "sqlite" else ["dossier_id", "handling"]
    columns = ", ".join(["rowid", "title", "body", "kind", *placed])
    kept = ", ".join(f"r.{column}" for column in ["kind", *placed])
    for kind in KINDS:
        session.execute(
            text(
                spelled(
                    f"INSERT INTO search_index ({columns}) "
                    f"SELECT r.id, {kind.title_sql}, {_lines(_body(kind), 'r.notes', _ALIASES)}, "
                    f"{kept} FROM record AS r JOIN {kind.name} AS t ON t.id = r.id "
                    f"{kind.joins} WHERE {condition}",
                    dialect,
                )
            ),
            params,
        )
    session.execute(
        text(
            spelled(
                "INSERT INTO search_index_field_rows (record_id, handling, kind, title, body) "
                "SELECT m.rowid, lv.level, m.kind, m.title, "
                f"m.body || coalesce({_field_text(dialect)}, '') "
                "FROM (SELECT DISTINCT f.record_id AS record_id, "
                f"{highest_sql('f.handling', 'r.handling', dialect=dialect)} AS level "
                "FROM field_level AS f JOIN record AS r ON r.id = f.record_id "
                f"WHERE {condition}) AS lv "
                "JOIN search_index AS m ON m.rowid = lv.record_id "
                "ORDER BY lv.record_id, lv.level",
                dialect,
            )
        ),
        params,
    )


def index_dossier(session: Session, dossier_id: int) -> None:
    """Index every record of a dossier in one statement per kind (used after an import)."""
    _index(session, "r.dossier_id = :dossier", {"dossier": dossier_id})


def index_records(session: Session, record_ids: Iterable[int]) -> None:
    """Re-index these records, and those titled after them (a brief after its event, a
    delegation after its party and event), after an edit, an undo or a restore."""
    ids = sorted(set(record_ids))
    for piece in chunked(ids, 500):
        listed = ", ".join(str(int(i)) for i in piece)
        _index(
            session,
            f"(r.id IN ({listed}) "
            f"OR r.id IN (SELECT id FROM meeting_brief WHERE event_id IN ({listed})) "
            f"OR r.id IN (SELECT id FROM delegation "
            f"WHERE event_id IN ({listed}) OR party_id IN ({listed})))",
            {},
        )


def drop(session: Session, record_ids: Iterable[int]) -> None:
    """Take deleted records out of the index (FTS5's rows have no foreign key to follow;
    PostgreSQL's do, but a record deleted by this session's SQL is gone from it already)."""
    for record_id in record_ids:
        session.execute(text("DELETE FROM search_index WHERE rowid = :id"), {"id": record_id})


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
        elif isinstance(obj, Alias | FieldLevel):
            reindex.add(obj.record_id)
        elif isinstance(obj, ChipSector):
            reindex.add(obj.chip_id)
    for obj in session.deleted:
        if isinstance(obj, Record):
            dropped.add(obj.id)
        elif isinstance(obj, Alias | FieldLevel):
            reindex.add(obj.record_id)
        elif isinstance(obj, ChipSector):
            reindex.add(obj.chip_id)
    return reindex - dropped, dropped


def _after_flush(session: Session, _context: Any) -> None:
    if session.info.get(_DEFERRED):
        return
    reindex, dropped = _touched(session)
    if not reindex and not dropped:
        return
    with session.no_autoflush:
        drop(session, dropped)
        index_records(session, reindex)


class IndexedSession(Session):
    """The store's session class: every flush brings the search index up to date."""

    def expire_all(self) -> None:
        """Expire every object, keeping them alive meanwhile (see briefing.store.db.holding)."""
        with objects_held(self):
            super().expire_all()


event.listen(IndexedSession, "after_flush", _after_flush)
