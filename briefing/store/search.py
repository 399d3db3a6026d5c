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
    ColumnElement,
    FromClause,
    Integer,
    Select,
    String,
    Subquery,
    bindparam,
    column,
    event,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from briefing.domain import Alias, ChipSector, FieldLevel, Record
from briefing.domain.references import without_references
from briefing.store.chunked import chunked
from briefing.store.holding import objects_held
from briefing.store.visibility import (
    cleared_sql,
    highest,
    highest_of,
    highest_sql,
    visible_to,
)

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
    """A record found; ``level`` is that of the title and snippet it shows (the highest of
    the record, those its title names, and the protected fields the snippet may quote)."""

    record_id: int
    kind: str
    title: str
    snippet: str
    level: int


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

_FIELD_TEXT = (
    "(SELECT group_concat(char(10) || ifnull(json_extract(f.value, '$'), ''), '') "
    "FROM field_level AS f WHERE f.record_id = m.rowid "
    f"AND {cleared_sql('f.handling', 'lv.level')})"
)
"""The protected values of record ``m`` an audience at ``lv.level`` may see, one a line."""


def _index(session: Session, condition: str, params: dict[str, Any]) -> None:
    """(Re)write the index rows of the records matching ``condition`` (on ``r``).

    A record's own row holds what every audience of the record may see (a protected
    field's column is blank). A record with protected fields also gets a row for each level
    of them, holding its own text and every protected value at or below that level, so an
    audience finds the record by a value, and sees it in a snippet, only when it may see
    the value. Deleting a record deletes its field rows (a foreign key), and triggers keep
    their full-text index in step with them.
    """
    chosen = f"(SELECT r.id FROM record AS r WHERE {condition})"
    session.execute(text(f"DELETE FROM search_index WHERE rowid IN {chosen}"), params)
    session.execute(
        text(f"DELETE FROM search_index_field_rows WHERE record_id IN {chosen}"), params
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
    session.execute(
        text(
            "INSERT INTO search_index_field_rows (record_id, handling, kind, title, body) "
            f"SELECT m.rowid, lv.level, m.kind, m.title, m.body || ifnull({_FIELD_TEXT}, '') "
            "FROM (SELECT DISTINCT f.record_id AS record_id, "
            f"{highest_sql('f.handling', 'r.handling')} AS level "
            "FROM field_level AS f JOIN record AS r ON r.id = f.record_id "
            f"WHERE {condition}) AS lv "
            "JOIN search_index AS m ON m.rowid = lv.record_id "
            "ORDER BY lv.record_id, lv.level"
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
    body = without_references(body)  # which sources it names is not the audience's to see
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
# The few columns a hit's title is read from: aliases of the mapped tables would copy every
# column of them, a few milliseconds a keystroke.
_RECORD = table(
    "record", column("id", Integer), column("dossier_id", Integer), column("handling", Integer)
)
_BRIEF = table("meeting_brief", column("id", Integer), column("event_id", Integer))
_DELEGATION = table(
    "delegation", column("id", Integer), column("event_id", Integer), column("party_id", Integer)
)
_FIELD_INDEX = table("search_index_fields", column("rowid", Integer), column("rank"))
_FIELD_ROWS = table(
    "search_index_field_rows",
    column("id", Integer),
    column("record_id", Integer),
    column("handling", Integer),
    column("kind", String),
    column("title", String),
    column("body", String),
)

_QUERY: ColumnElement[str] = bindparam("query", type_=String)
_RANKS = table("handling_level", column("rank", Integer))
_LEVELS_SHOWN: ColumnElement[str] = (
    literal("{title body} : (", String)
    + _QUERY
    + literal(") AND levels : (", String)
    + select(
        func.coalesce(
            func.group_concat(func.printf("r%d", _RANKS.c.rank), " OR "),
            "none",
        )
    )
    .where(visible_to(_RANKS.c.rank, bindparam("level", type_=Integer)))
    .scalar_subquery()
    + literal(")", String)
)
"""The query on a field row's title and text, and only on rows whose level (a word in its
``levels`` column) the audience may see: the index skips the others."""


def _best(
    rows: FromClause,
    index: str,
    match: ColumnElement[str],
    record_id: ColumnElement[int],
    row_id: ColumnElement[int],
    handling: ColumnElement[int] | None,
    rank: ColumnElement[Any],
    *,
    ranked: bool,
) -> Subquery:
    """The best records (id, score) by rows of the full-text table ``index`` (joined with
    what ``rows`` adds) that match the query and that the audience may see (the record, and
    the row's own ``handling`` when it has one): the first ``limit``, or the best ``limit``
    ranked among the first ``among``."""
    record = _RECORD.alias(f"{index}_record")
    level = bindparam("level", type_=Integer)
    # Ordering by rowid makes the index drive the join: driven from the dossier's records,
    # SQLite would re-run the MATCH for each of them, for seconds on a one-letter prefix.
    matches = (
        select(record_id.label("id"))
        .select_from(rows.join(record, record.c.id == record_id))
        .where(
            literal_column(index).op("MATCH")(match),
            record.c.dossier_id == bindparam("dossier", type_=Integer),
            visible_to(record.c.handling, level),
        )
        .order_by(row_id)
    )
    if handling is not None:
        matches = matches.where(visible_to(handling, level))
    limit = bindparam("limit", type_=Integer)
    if not ranked:
        return matches.add_columns(record_id.label("score")).limit(limit).subquery()
    among = bindparam("among", type_=Integer)
    candidates = matches.add_columns(rank.label("score")).limit(among).subquery()
    return select(candidates).order_by(candidates.c.score, candidates.c.id).limit(limit).subquery()


@functools.cache
def _statement(ranked: bool) -> Select[str]:
    """The search, built once (building it took longer than running it) and bound to a
    query, dossier, audience and limit when run: all the hits, in one row."""
    own = _best(
        _INDEX,
        "search_index",
        _QUERY,
        _INDEX.c.rowid,
        _INDEX.c.rowid,
        None,
        _INDEX.c.rank,
        ranked=ranked,
    )
    fields = _best(
        _FIELD_INDEX.join(_FIELD_ROWS, _FIELD_ROWS.c.id == _FIELD_INDEX.c.rowid),
        "search_index_fields",
        _LEVELS_SHOWN,
        _FIELD_ROWS.c.record_id,
        _FIELD_INDEX.c.rowid,
        _FIELD_ROWS.c.handling,
        _FIELD_INDEX.c.rank,
        ranked=ranked,
    )
    either = union_all(select(own), select(fields)).subquery("either")
    found = (
        select(either.c.id, func.min(either.c.score).label("score"))
        .group_by(either.c.id)
        .order_by("score", either.c.id)
        .limit(bindparam("limit", type_=Integer))
        .subquery("found")
    )
    return _shown(found)


def search(
    session: Session, query: str, *, dossier_id: int, level: int, limit: int = 50
) -> list[Hit]:
    """Records of one dossier matching ``query``, best first, none above ``level``.

    A record is found by its own row or by a row holding protected fields of it, only by
    rows the audience may see; its snippet comes from the fullest row the audience may see.

    The work stays bounded however much of a large dossier matches. A query of only one- or
    two-letter words takes the first ``limit`` matches: those are early keystrokes, and
    their prefixes match most of the index. Longer queries are ranked, but among the first
    ``RANK_AMONG`` matches only, since scoring costs about a microsecond a match; a dossier
    holding fewer matches than that (any dossier a person could read) is ranked in full.
    """
    words = query_words(query)
    if not words or not _uses_fts(session):
        return []
    ranked = max(len(word) for word in words) >= RANKED_FROM
    hits = session.scalar(
        _statement(ranked),
        {
            "query": fts_query(words),
            "dossier": dossier_id,
            "level": level,
            "limit": limit,
            "among": RANK_AMONG,
        },
    )
    return [
        Hit(
            record_id,
            kind,
            without_references(title),
            snippet(body, words),
            highest(row_level, title_level),
        )
        for record_id, _score, row_level, title_level, kind, title, body in sorted(
            json.loads(hits or "[]"), key=lambda hit: (hit[1], hit[0])
        )
    ]


def _shown(found: Subquery) -> Select[str]:
    """What each hit shows, all in one row: every row fetched releases the GIL, and while
    the checks run in their worker thread, taking it back can wait milliseconds each time.

    The snippet's text is the record's fullest row the audience may see: the one with the
    protected fields of the highest level it may see, which holds the record's own text
    too. A title is built from the records :data:`NAMED_AFTER` names; its level is the
    highest of theirs, and a title above the audience is not shown (the floors keep a brief
    and a delegation at their event's and party's level, so none ever is).
    """
    level = bindparam("level", type_=Integer)
    own = _INDEX.alias("shown")
    extra = _FIELD_ROWS.alias("extra")
    fuller = _FIELD_ROWS.alias("fuller")
    record = _RECORD.alias("own_record")
    brief = _BRIEF.alias("brief")
    delegation = _DELEGATION.alias("delegation")
    event = _RECORD.alias("named_event")
    party = _RECORD.alias("named_party")
    fullest = (
        select(fuller.c.id)
        .where(fuller.c.record_id == found.c.id, visible_to(fuller.c.handling, level))
        .order_by(fuller.c.handling.desc())
        .limit(1)
        .scalar_subquery()
    )
    title_level = highest_of(record.c.handling, event.c.handling, party.c.handling)
    return (
        select(
            func.json_group_array(
                func.json_array(
                    found.c.id,
                    found.c.score,
                    func.coalesce(extra.c.handling, record.c.handling),
                    title_level,
                    own.c.kind,
                    own.c.title,
                    func.coalesce(extra.c.body, own.c.body),
                )
            )
        )
        .select_from(found)
        .join(record, record.c.id == found.c.id)
        .join(own, own.c.rowid == found.c.id)
        .outerjoin(extra, extra.c.id == fullest)
        .outerjoin(brief, brief.c.id == found.c.id)
        .outerjoin(delegation, delegation.c.id == found.c.id)
        .outerjoin(event, event.c.id == func.coalesce(brief.c.event_id, delegation.c.event_id))
        .outerjoin(party, party.c.id == delegation.c.party_id)
        .where(visible_to(title_level, level))
    )
