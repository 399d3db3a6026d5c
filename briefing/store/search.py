"""Full-text search over every record, kept in step by the store itself.

SQLite FTS5 holds one row per record (``rowid`` = record id) with its display name and
everything else worth finding, aliases included, so "An Deok-geun" finds Ahn Duk-geun.
A session hook re-indexes whatever a flush touched; the GUI never maintains the index.
The rows are built in SQL, one INSERT … SELECT per kind, so indexing a freshly imported
dossier of 100,000 events takes seconds rather than loading every record as an object.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    column,
    event,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from briefing.domain import Alias, ChipSector, Record
from briefing.store.chunked import chunked
from briefing.store.holding import objects_held
from briefing.store.visibility import visible

_TOKEN = re.compile(r"\w+", re.UNICODE)
_WORD_START = re.compile(r"(?<!\w)\w")
_LAST_GAP = re.compile(r"\s\S*\Z")
_DEFERRED = "search-index-deferred"
RANKED_FROM = 3
"""A query is ranked once one of its words has this many letters."""
RANK_AMONG = 2_000
"""The most matches a query ranks (see ``search``)."""
MAX_WORDS = 8
"""The most words of a query sent to the index (see ``query_words``)."""
SNIPPET_CHARS = 120
"""The most characters of a record's text a snippet shows, before its [brackets]."""
SNIPPET_LEAD = 40
"""How much of a snippet comes before the word found, when the text has that much."""
_PATTERN_LETTERS = 64
"""How much of a query word a snippet's pattern spells out: a pasted run of 30,000 letters
would otherwise compile into a regular expression of 30,000 character classes."""


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

    def expire_all(self) -> None:
        """Expire every object, keeping them alive meanwhile (see briefing.store.holding)."""
        with objects_held(self):
            super().expire_all()


event.listen(IndexedSession, "after_flush", _after_flush)


def _plain_letters() -> dict[str, str]:
    """Accented Latin letters and the plain letter the index folds each to.

    The index's tokenizer (``remove_diacritics 2``) files "Deök" under "deok"; snippets
    must find the same words, so they fold alike. Only Latin letters fold: decomposing
    Hangul would turn a syllable into its jamo.
    """
    plain: dict[str, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        base = unicodedata.normalize("NFKD", letter)[0].lower()
        if base != letter.lower() and base.isascii() and base.isalpha():
            plain[letter.lower()] = base
    return plain


_PLAIN = _plain_letters()
_SPELLINGS = {
    base: base + "".join(letter for letter, plain in _PLAIN.items() if plain == base)
    for base in set(_PLAIN.values())
}
"""Each plain letter and every accented letter folding to it, for a regex character class."""


def _fold(word: str) -> str:
    return "".join(_PLAIN.get(letter, letter) for letter in word.lower())


def query_words(query: str) -> list[str]:
    """The words of ``query`` worth asking the index for, in the order typed.

    A word repeated, or one that starts another word of the query ("tar" in "tar
    tariff"), adds nothing but cost, so it goes. Past ``MAX_WORDS`` only the longest stay:
    a pasted paragraph would otherwise become hundreds of terms, and the longest words are
    the rarest, so they still find the record the paragraph came from.
    """
    typed: dict[str, str] = {}
    for word in _TOKEN.findall(query):
        typed.setdefault(_fold(word), word)
    kept: list[str] = []
    for plain in sorted(typed, key=len, reverse=True):
        if len(kept) == MAX_WORDS:
            break
        if not any(longer.startswith(plain) for longer in kept):
            kept.append(plain)
    return [word for plain, word in typed.items() if plain in kept]


def fts_query(words: list[str]) -> str:
    """An FTS5 query of the words a person typed: every word, as a prefix, all required.

    Each word is quoted, so nothing typed is read as query syntax.
    """
    return " ".join(f'"{word}"*' for word in words)


def _spelled(word: str) -> str:
    """A regular expression for ``word`` in any case and with or without diacritics."""
    return "".join(
        f"[{_SPELLINGS[letter]}]" if letter in _SPELLINGS else re.escape(letter)
        for letter in _fold(word)[:_PATTERN_LETTERS]
    )


@functools.lru_cache(maxsize=16)
def _patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a word of a text starts with one of ``words``, and the whole of such a word.

    Cached: a search builds one snippet per hit from the same words.
    """
    starts = "|".join(sorted((_spelled(word) for word in words), key=len, reverse=True))
    first = rf"(?<!\w)(?:{starts})"
    return re.compile(first, re.IGNORECASE), re.compile(rf"{first}\w*", re.IGNORECASE)


def _bracketed(word: re.Match[str]) -> str:
    # A function, not a "[\g<0>]" template: expanding a template imports re on every call,
    # through PySide's import hook once the GUI runs, which costs more than the match.
    return f"[{word.group()}]"


def snippet(body: str, words: Sequence[str]) -> str:
    """Some ``SNIPPET_CHARS`` of ``body`` around the first of ``words``, each found one in
    [brackets], cut at word boundaries and marked … where cut.

    FTS5's own ``snippet()`` scores every place a query's words occur, which over a long
    text full of them takes seconds per hit; this finds the first place only, and is run
    for the hits shown, not for every match.
    """
    first, whole = _patterns(tuple(words))
    found = first.search(body)
    at = found.start() if found else 0
    start = max(0, at - SNIPPET_LEAD)
    if start:
        word = _WORD_START.search(body, start, at + 1)
        start = word.start() if word else start
    end = min(len(body), start + SNIPPET_CHARS)
    if end < len(body) and not body[end].isspace():
        gap = _LAST_GAP.search(body, at + 1, end)
        end = gap.start() if gap else end
    shown = " ".join(body[start:end].split())
    marked = whole.sub(_bracketed, shown)
    return f"{'…' if start else ''}{marked}{'…' if end < len(body) else ''}"


_INDEX = table(
    "search_index",
    column("rowid", Integer),
    column("rank"),
    column("kind", String),
    column("title", String),
    column("body", String),
)


def search(
    session: Session, query: str, *, dossier_id: int, level: int, limit: int = 50
) -> list[Hit]:
    """Records of one dossier matching ``query``, best first, none above ``level``.

    The work stays bounded however much of a large dossier matches. A query of only one- or
    two-letter words takes the first ``limit`` matches: those are early keystrokes, and
    their prefixes match most of the index. Longer queries are ranked, but among the first
    ``RANK_AMONG`` matches only, since scoring costs about a microsecond a match; a dossier
    holding fewer matches than that (any dossier a person could read) is ranked in full.
    """
    words = query_words(query)
    if not words or not _uses_fts(session):
        return []
    # Ordering by rowid makes the index drive the join: driven from the dossier's records,
    # SQLite would re-run the MATCH for each of them, for seconds on a one-letter prefix.
    matches = (
        select(_INDEX.c.rowid.label("id"))
        .join_from(_INDEX, Record, Record.id == _INDEX.c.rowid)
        .where(
            literal_column("search_index").op("MATCH")(fts_query(words)),
            Record.dossier_id == dossier_id,
            visible(Record, level),
        )
        .order_by(_INDEX.c.rowid)
    )
    if max(len(word) for word in words) >= RANKED_FROM:
        scored = matches.add_columns(_INDEX.c.rank.label("score")).limit(RANK_AMONG)
        candidates = scored.subquery("candidates")
        best = select(candidates).order_by(candidates.c.score, candidates.c.id)
    else:
        best = matches.add_columns(_INDEX.c.rowid.label("score"))
    found = best.limit(limit).subquery("found")
    shown = _INDEX.alias("shown")
    # All the hits in one row: every row fetched releases the GIL, and while the checks run
    # in their worker thread, taking it back can wait milliseconds each time.
    hits = session.scalar(
        select(
            func.json_group_array(
                func.json_array(
                    found.c.id, found.c.score, shown.c.kind, shown.c.title, shown.c.body
                )
            )
        ).join_from(found, shown, shown.c.rowid == found.c.id)
    )
    return [
        Hit(record_id, kind, title, snippet(body, words))
        for record_id, _score, kind, title, body in sorted(
            json.loads(hits or "[]"), key=lambda hit: (hit[1], hit[0])
        )
    ]
