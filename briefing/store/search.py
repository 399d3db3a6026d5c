"""Full-text search over every record, kept in step by the store itself.

SQLite FTS5 holds one row per record (``rowid`` = record id) with its display name and
everything else worth finding, aliases included, so "An Deok-geun" finds Ahn Duk-geun.
A session hook re-indexes whatever a flush touched; the GUI never maintains the index.
The rows are built in SQL, one INSERT … SELECT per kind, so indexing a freshly imported
dossier of 100,000 events takes seconds rather than loading every record as an object.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from briefing.domain import Alias, ChipSector, Record

_TOKEN = re.compile(r"\w+", re.UNICODE)
_DEFERRED = "search-index-deferred"
RANKED_FROM = 3


@dataclass(frozen=True)
class Hit:
    record_id: int
    kind: str
    title: str
    snippet: str


def _uses_fts(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


_ALIASES = "(SELECT group_concat(a.name, char(10)) FROM alias AS a WHERE a.record_id = r.id)"
_SECTORS = "(SELECT group_concat(c.name, ' ') FROM chip_sector AS c WHERE c.chip_id = r.id)"


def _lines(*parts: str) -> str:
    return " || char(10) || ".join(f"ifnull({part}, '')" for part in parts)


_DELEGATION_TITLE = (
    "coalesce(nullif(t.name, ''), "
    "ifnull(p.name, '') || ' delegation' || ifnull(' – ' || e.title, ''))"
)
_KINDS: dict[str, tuple[str, str, str]] = {
    # kind: (title, the text to find, extra joins); the title is what a search result shows
    "party": ("t.name", _lines("t.name", "t.code"), ""),
    "organization": ("t.name", _lines("t.name", "t.acronym"), ""),
    "person": ("t.name", _lines("t.name", "t.native_name", "t.bio"), ""),
    "appointment": ("t.title", _lines("t.title"), ""),
    "event": ("t.title", _lines("t.title", "t.place", "t.summary", "t.outcome"), ""),
    "delegation": (
        _DELEGATION_TITLE,
        _lines(_DELEGATION_TITLE),
        "LEFT JOIN party AS p ON p.id = t.party_id LEFT JOIN event AS e ON e.id = t.event_id",
    ),
    "meeting_brief": (
        "'Brief: ' || ifnull(e.title, '')",
        _lines(
            "t.purpose",
            "t.desired_outcome",
            "t.run_of_meeting",
            "t.our_objectives",
            "t.their_objectives",
        ),
        "LEFT JOIN event AS e ON e.id = t.event_id",
    ),
    "bargaining_chip": (
        "t.title",
        _lines(
            "t.title",
            "t.description",
            "t.value_note",
            "t.our_target",
            "t.our_minimum",
            "t.their_position",
            _SECTORS,
        ),
        "",
    ),
    "source": ("t.title", _lines("t.title", "t.publisher", "t.author", "t.full_text"), ""),
    "talking_point": ("substr(replace(t.text, char(10), ' '), 1, 80)", _lines("t.text"), ""),
}


def _index(session: Session, condition: str, params: dict[str, Any]) -> None:
    """(Re)write the index rows of the records matching ``condition`` (on ``r``)."""
    session.execute(
        text(
            "DELETE FROM search_index WHERE rowid IN "
            f"(SELECT r.id FROM record AS r WHERE {condition})"
        ),
        params,
    )
    for kind, (title, body, joins) in _KINDS.items():
        session.execute(
            text(
                "INSERT INTO search_index (rowid, title, body, kind) "
                f"SELECT r.id, {title}, {_lines(body, 'r.notes', _ALIASES)}, r.kind "
                f"FROM record AS r JOIN {kind} AS t ON t.id = r.id {joins} "
                f"WHERE {condition}"
            ),
            params,
        )


def index_dossier(session: Session, dossier_id: int) -> None:
    """Index every record of a dossier in one statement per kind (used after an import)."""
    if _uses_fts(session):
        _index(session, "r.dossier_id = :dossier", {"dossier": dossier_id})


def index_records(session: Session, record_ids: Iterable[int]) -> None:
    """Re-index these records, and those titled after them (a brief after its event, a
    delegation after its party and event), after an edit, an undo or a restore."""
    if not _uses_fts(session):
        return
    ids = sorted(set(record_ids))
    for start in range(0, len(ids), 500):
        listed = ", ".join(str(int(i)) for i in ids[start : start + 500])
        _index(
            session,
            f"(r.id IN ({listed}) "
            f"OR r.id IN (SELECT id FROM meeting_brief WHERE event_id IN ({listed})) "
            f"OR r.id IN (SELECT id FROM delegation "
            f"WHERE event_id IN ({listed}) OR party_id IN ({listed})))",
            {},
        )


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
        index_records(session, reindex)


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
    # Ranking scores every match; a one- or two-letter prefix can match most of a large
    # dossier, so such early keystrokes take the first matches instead of the best ones.
    ranked = sum(len(token) for token in _TOKEN.findall(query)) >= RANKED_FROM
    rows = session.execute(
        text(
            "SELECT s.rowid, s.kind, s.title, snippet(search_index, 1, '[', ']', '…', 10) "
            "FROM search_index AS s JOIN record AS r ON r.id = s.rowid "
            "WHERE search_index MATCH :match AND r.dossier_id = :dossier AND r.handling <= :level "
            f"{'ORDER BY s.rank ' if ranked else ''}LIMIT :limit"
        ),
        {"match": match, "dossier": dossier_id, "level": level, "limit": limit},
    )
    return [Hit(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]
