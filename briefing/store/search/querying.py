"""Finding records in the full-text index: words, phrases and titles, ranked, with snippets.

A query is cut into at most a few words, each matched as a prefix, and asked in tiers (a
title holding the words as typed, a text holding them side by side, one holding each);
only rows the audience may see are matched, and the snippet comes from the fullest of
them. The index itself is kept in step by :mod:`briefing.store.search.indexing`. On
PostgreSQL the same statements ask its ``tsv`` columns (migration 0006) with tsqueries
instead of FTS5 MATCH, and rank with ``ts_rank`` instead of bm25.
"""

from __future__ import annotations

import functools
import json
import re
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    FromClause,
    Integer,
    Select,
    String,
    Subquery,
    and_,
    bindparam,
    case,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.orm import Session

from briefing.domain.references import without_references
from briefing.store.search.indexing import dialect_of
from briefing.store.search.planning import joined_as_written
from briefing.store.search.snippets import fold, snippet
from briefing.store.visibility import (
    highest,
    highest_of,
    visible_to,
)

_TOKEN = re.compile(r"\w+", re.UNICODE)
RANKED_FROM = 3
"""A query is ranked once one of its words has this many letters."""
RANK_AMONG = 2_000
"""The most matches a query ranks (see ``search``)."""
MAX_WORDS = 8
"""The most words of a query sent to the index (see ``query_words``)."""
PHRASE_WORDS = 16
"""The most words a query may have to be looked for as a phrase (see ``phrase_query``)."""


@dataclass(frozen=True)
class Hit:
    """A record found; ``level`` is that of the title and snippet it shows (the highest of
    the record, those its title names, and the protected fields the snippet may quote)."""

    record_id: int
    kind: str
    title: str
    snippet: str
    level: int


def query_words(query: str) -> list[str]:
    """The words of ``query`` worth asking the index for, in the order typed.

    A word repeated, or one that starts another word of the query ("tar" in "tar
    tariff"), adds nothing but cost, so it goes. Past ``MAX_WORDS`` only the longest stay:
    a pasted paragraph would otherwise become hundreds of terms, and the longest words are
    the rarest, so they still find the record the paragraph came from.
    """
    typed: dict[str, str] = {}
    for word in _TOKEN.findall(query):
        typed.setdefault(fold(word), word)
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


def phrase_query(query: str) -> str | None:
    """An FTS5 phrase of every word of ``query`` in the order typed, or None past
    ``PHRASE_WORDS`` words (a pasted paragraph, found by its words alone).

    "2+2" is the phrase "2 2": the two words side by side, as the index holds the
    meeting's name, where the words alone ask only for something starting with "2". The
    last word is a prefix while being typed, as in :func:`fts_query`, once it has
    ``RANKED_FROM`` letters; a shorter one must be whole, since the prefixes of one or two
    letters match most of the index. Only word characters reach the quotes, so nothing
    typed is read as query syntax.
    """
    words = _TOKEN.findall(query)
    if not words or len(words) > PHRASE_WORDS:
        return None
    prefix = "*" if len(words[-1]) >= RANKED_FROM else ""
    return f'"{" ".join(words)}"{prefix}'


def server_queries(query: str) -> dict[int, str]:
    """The PostgreSQL tsquery of each tier a search asks, by tier, as ``tier_queries``:
    words folded as the index folds them and quoted, so nothing typed is read as syntax;
    a title's words carry the title's weight (A)."""
    words = [f"'{fold(word)}':*" for word in query_words(query)]
    if not words:
        return {}
    asked = {WORDS: " & ".join(words)}
    typed = [fold(word) for word in _TOKEN.findall(query)]
    if len(typed) <= PHRASE_WORDS:
        # The last word is a prefix once it has RANKED_FROM letters, as in phrase_query.
        marks = [""] * (len(typed) - 1) + ["*" if len(typed[-1]) >= RANKED_FROM else ""]
        asked[TITLE] = " <-> ".join(
            f"'{word}':{mark}A" for word, mark in zip(typed, marks, strict=True)
        )
        if len(typed) > 1:
            asked[PHRASE] = " <-> ".join(
                f"'{word}':{mark}" if mark else f"'{word}'"
                for word, mark in zip(typed, marks, strict=True)
            )
    return dict(sorted(asked.items()))


_INDEX = table(
    "search_index",
    column("rowid", Integer),
    column("rank"),
    column("kind", String),
    column("title", String),
    column("body", String),
    column("tsv"),
    column("dossier_id", Integer),
    column("handling", Integer),
)
# The few columns a hit's title is read from: aliases of the mapped tables would copy every
# column of them, a few milliseconds a keystroke.
_RECORD = table(
    "record",
    column("id", Integer),
    column("dossier_id", Integer),
    column("handling", Integer),
    column("kind", String),
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
    column("tsv"),
)

_RANKS = table("handling_level", column("rank", Integer))


_CJK_LETTERS = "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]"
_CJK = re.compile(_CJK_LETTERS)
"""Hangul (syllables, jamo), kana and kanji."""
HOLDS_CJK = literal_column(f"'{_CJK_LETTERS}'", String)
"""The same letters as a PostgreSQL regular expression, written into the statement (not
bound) exactly as migration 0010's partial trigram indexes state their condition: the
planner uses such an index only for a query that says so in the same words."""


def substrings(query: str) -> list[str]:
    """LIKE patterns of the words of ``query`` when one of them is Hangul, kanji or kana,
    for PostgreSQL: those scripts run words together without spaces, so a word is also
    looked for inside others there (pg_trgm's indexes serve it); on SQLite, as before, a
    word matches only the start of one."""
    words = query_words(query)
    if not any(_CJK.search(word) for word in words):
        return []
    return [f"%{fold(word).replace('_', ' ')}%" for word in words]


def _levels_shown(query: ColumnElement[str]) -> ColumnElement[str]:
    """``query`` on a field row's title and text, and only on rows whose level (a word in
    its ``levels`` column) the audience may see: the index skips the others."""
    return (
        literal("{title body} : (", String)
        + query
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


TITLE, PHRASE, WORDS = range(3)
"""How a record matches, best first: its title holds the words as typed, side by side; its
text does; or it holds each of them somewhere. A record's place is its best tier, then
(see ``PARTS``) its kind, then its relevance."""

PARTS = ("appointment", "delegation", "meeting_brief", "talking_point")
"""Kinds of record filed under another (an appointment under its person, a delegation and
a brief under their event, a talking point under what it is about). They repeat that
record's name ("Korean delegation – “2+2” consultations"), so among records that match
as well as each other, the one asked for comes before the parts of it."""


@dataclass(frozen=True)
class _Indexed:
    """A full-text table, with what its rows join and how a row names its record.

    ``vector`` is PostgreSQL's ``tsv`` column; without one, the table is FTS5's.
    """

    name: str
    rows: FromClause
    record_id: ColumnElement[int]
    row_id: ColumnElement[int]
    handling: ColumnElement[int] | None
    rank: ColumnElement[Any]
    own: bool
    vector: ColumnElement[Any] | None = None
    placed: bool = False
    """Whether a row holds its record's dossier, level and kind (a server's own rows,
    migration 0030), so its matches are not looked up in ``record``."""

    def match(self, tier: int, parts: tuple[bool, ...] = ()) -> ColumnElement[Any]:
        """Whether a row matches the tier's query (bound when the search runs), or, on
        PostgreSQL, holds each of the ``parts`` substrings (see ``substrings``).

        ``parts`` says of each substring whether it holds Hangul, kanji or kana: a title
        or text holding such a substring folded holds such a letter itself (folding only
        lowers, removes accents and blanks punctuation), and saying so lets the trigram
        indexes cover only the texts that hold one."""
        query = bindparam(f"tier{tier}", type_=String)
        if self.vector is not None:
            found = self.vector.op("@@")(_tsquery(query))
            if tier != WORDS or not parts:
                return found
            return or_(found, and_(*(self._holds(part, cjk) for part, cjk in enumerate(parts))))
        shown = query if self.handling is None else _levels_shown(query)
        return literal_column(self.name).op("MATCH")(shown)

    def _holds(self, part: int, cjk: bool) -> ColumnElement[bool]:
        pattern = bindparam(f"part{part}", type_=String)
        found = []
        for name in ("title", "body"):
            text = self.rows.c[name]
            held = func.briefing_fold(text).like(pattern)
            found.append(and_(text.op("~")(HOLDS_CJK), held) if cjk else held)
        return or_(*found)

    def relevance(self, tier: int) -> ColumnElement[Any]:
        """Between 0 and 1, lower the better: 1 / (1 − bm25), FTS5's rank being negative
        and lower the better; 1 / (1 + ts_rank) on PostgreSQL, whose rank is positive."""
        if self.vector is None:
            return 1.0 / (1.0 - self.rank)
        rank = func.ts_rank(self.vector, _tsquery(bindparam(f"tier{tier}", type_=String)))
        return 1.0 / (1.0 + rank)


def _tsquery(query: ColumnElement[str]) -> ColumnElement[Any]:
    return func.to_tsquery(literal_column("'simple'::regconfig"), query)


_OWN = _Indexed(
    "search_index", _INDEX, _INDEX.c.rowid, _INDEX.c.rowid, None, _INDEX.c.rank, own=True
)
_FIELDS = _Indexed(
    "search_index_fields",
    _FIELD_INDEX.join(_FIELD_ROWS, _FIELD_ROWS.c.id == _FIELD_INDEX.c.rowid),
    _FIELD_ROWS.c.record_id,
    _FIELD_INDEX.c.rowid,
    _FIELD_ROWS.c.handling,
    _FIELD_INDEX.c.rank,
    own=False,
)
_SERVER_OWN = replace(_OWN, vector=_INDEX.c.tsv, placed=True)
_SERVER_FIELDS = _Indexed(
    "search_index_field_rows",
    _FIELD_ROWS,
    _FIELD_ROWS.c.record_id,
    _FIELD_ROWS.c.id,
    _FIELD_ROWS.c.handling,
    _FIELD_ROWS.c.id,
    own=False,
    vector=_FIELD_ROWS.c.tsv,
)


def _matches(
    indexed: _Indexed, tier: int, parts: tuple[bool, ...] = ()
) -> tuple[Select[Any], ColumnElement[str]]:
    """The rows of ``indexed`` matching the tier's query that the audience may see (the
    record, and the row's own ``handling`` when it has one), in rowid order, and the kind
    of their record: read from the row itself where it holds them (``placed``), else from
    its record."""
    level = bindparam("level", type_=Integer)
    if indexed.placed:
        rows, record = indexed.rows, indexed.rows
    else:
        record = _RECORD.alias(f"{indexed.name}_{tier}_record")
        rows = indexed.rows.join(record, record.c.id == indexed.record_id)
    # Ordering by rowid makes the index drive the join: driven from the dossier's records,
    # SQLite would re-run the MATCH for each of them, for seconds on a one-letter prefix.
    matches = (
        select(indexed.record_id.label("id"))
        .select_from(rows)
        .where(
            indexed.match(tier, parts),
            record.c.dossier_id == bindparam("dossier", type_=Integer),
            visible_to(record.c.handling, level),
        )
        .order_by(indexed.row_id)
    )
    if indexed.handling is not None:
        matches = matches.where(visible_to(indexed.handling, level))
    return matches, record.c.kind


def _place(tier: ColumnElement[int], kind: ColumnElement[str]) -> ColumnElement[int]:
    """Twice the tier, plus one for a part of another record: a hit's score is this plus
    its relevance, between 0 and 1, so it orders every tier's hits at once."""
    return 2 * tier + case((kind.in_(PARTS), 1), else_=0)


def _tier_first(indexed: _Indexed, tier: int, *, ranked: bool, parts: tuple[bool, ...]) -> Subquery:
    """The best records (id, score) by rows of ``indexed`` matching one tier's query: the
    first ``limit``, or the best ``limit`` ranked among the first ``among``."""
    matches, kind = _matches(indexed, tier, parts)
    place = _place(literal(tier), kind)
    limit = bindparam("limit", type_=Integer)
    if not ranked:
        return matches.add_columns((place + 1.0).label("score")).limit(limit).subquery()
    among = bindparam("among", type_=Integer)
    score = place + indexed.relevance(tier)
    candidates = matches.add_columns(score.label("score")).limit(among).subquery()
    return select(candidates).order_by(candidates.c.score, candidates.c.id).limit(limit).subquery()


def _words_first(indexed: _Indexed, tiers: tuple[int, ...], parts: tuple[bool, ...]) -> Subquery:
    """The best ``limit`` records (id, score) among the first ``among`` rows of ``indexed``
    matching the words, each placed in the best tier whose query its row matches.

    A row matching a title or phrase matches the words too, so the tiers only sort these
    candidates: each tier's query is asked for the rowids up to the last candidate's (a
    bounded read, as FTS5 seeks by rowid), not ranked again, and a common word is never
    read to the end of its index.
    """
    matches, kind = _matches(indexed, WORDS, parts)
    among = bindparam("among", type_=Integer)
    columns = [
        indexed.row_id.label("row"),
        indexed.relevance(WORDS).label("rank"),
        kind.label("kind"),
    ]
    if indexed.vector is not None:
        columns.append(indexed.vector.label("vector"))
    words = matches.add_columns(*columns).limit(among).cte(f"{indexed.name}_words")
    better = [
        (_better(indexed, tier, words), tier)
        for tier in tiers
        if tier != WORDS and (tier != TITLE or indexed.own)
    ]
    tier = case(*better, else_=WORDS) if better else literal(WORDS)
    score = _place(tier, words.c.kind) + words.c.rank
    return (
        select(words.c.id, score.label("score"))
        .order_by("score", words.c.id)
        .limit(bindparam("limit", type_=Integer))
        .subquery()
    )


def _better(indexed: _Indexed, tier: int, words: CTE) -> ColumnElement[bool]:
    """Whether a candidate's row matches the tier's query too.

    FTS5 answers a MATCH by its index alone, so its rows are asked for by rowid up to
    the last candidate's. A server's row holds its vector: testing the candidates' own
    (a few hundred) beat a second index scan over every row the query matches, which for a
    common name ("Kim") was most of the search's time (issue 15).
    """
    if indexed.vector is not None:
        return words.c.vector.op("@@")(_tsquery(bindparam(f"tier{tier}", type_=String)))
    last = select(func.max(words.c.row)).scalar_subquery()
    return words.c.row.in_(
        select(indexed.row_id)
        .select_from(indexed.rows)
        .where(indexed.match(tier), indexed.row_id <= last)
    )


@functools.cache
def _statement(
    ranked: bool, tiers: tuple[int, ...], server: bool, parts: tuple[bool, ...]
) -> Select[str]:
    """The search, built once per shape (building it took longer than running it) and
    bound to the tiers' queries, dossier, audience and limit when run: all the hits, in
    one row.

    When the words are ranked, the title and phrase tiers sort the words' candidates (see
    ``_words_first``). When they are not (a query of short words), each tier is a query of
    its own, so the first matches of the words cannot crowd out the few records holding
    them as typed; those tiers' words are whole (see ``phrase_query``), so they are ranked.
    A title is in a record's own row; a phrase or the words may also be found in its
    protected fields.
    """
    found_by: list[Subquery] = []
    for indexed in (_SERVER_OWN, _SERVER_FIELDS) if server else (_OWN, _FIELDS):
        if ranked:
            found_by.append(_words_first(indexed, tiers, parts))
            continue
        for tier in tiers:
            if tier != TITLE or indexed.own:
                found_by.append(_tier_first(indexed, tier, ranked=tier != WORDS, parts=parts))
    either = union_all(*(select(best) for best in found_by)).subquery("either")
    found = (
        select(either.c.id, func.min(either.c.score).label("score"))
        .group_by(either.c.id)
        .order_by("score", either.c.id)
        .limit(bindparam("limit", type_=Integer))
        .subquery("found")
    )
    return _shown(found, server)


def tier_queries(query: str) -> dict[int, str]:
    """The FTS5 query of each tier a search asks, by tier (see ``TITLE``)."""
    words = query_words(query)
    if not words:
        return {}
    asked = {WORDS: fts_query(words)}
    phrase = phrase_query(query)
    if phrase is not None:
        asked[TITLE] = f"title : {phrase}"
        if len(_TOKEN.findall(query)) > 1:
            asked[PHRASE] = phrase
    return dict(sorted(asked.items()))


def search(
    session: Session, query: str, *, dossier_id: int, level: int, limit: int = 50
) -> list[Hit]:
    """Records of one dossier matching ``query``, best first, none above ``level``.

    Best first means: a title holding the query's words as typed, then a text holding
    them side by side, then one holding each of them (see ``TITLE``), and within each, a
    record before the parts filed under it, then the more relevant (FTS5's bm25). A record
    is found by its own row or by a row holding protected fields of it, only by rows the
    audience may see; its snippet comes from the fullest row the audience may see.

    The work stays bounded however much of a large dossier matches. A query of only one- or
    two-letter words takes the first ``limit`` matches of its words: those are early
    keystrokes, and their prefixes match most of the index. Longer queries are ranked, but
    among the first ``RANK_AMONG`` matches only, since scoring costs about a microsecond a
    match; a dossier holding fewer matches than that (any dossier a person could read) is
    ranked in full.
    """
    server = dialect_of(session) == "postgresql"
    asked = server_queries(query) if server else tier_queries(query)
    parts = substrings(query) if server else []
    if not asked:
        return []
    words = query_words(query)
    ranked = max(len(word) for word in words) >= RANKED_FROM
    statement = _statement(ranked, tuple(asked), server, tuple(bool(_CJK.search(p)) for p in parts))
    values = {
        **{f"tier{tier}": text for tier, text in asked.items()},
        "dossier": dossier_id,
        "level": level,
        **{f"part{part}": pattern for part, pattern in enumerate(parts)},
        "limit": limit,
        "among": RANK_AMONG,
    }
    with joined_as_written(session) if server else nullcontext():
        hits = session.scalar(statement, values)
    return [
        Hit(
            record_id,
            kind,
            without_references(title),
            snippet(body, words),
            highest(row_level, title_level),
        )
        for record_id, _score, row_level, title_level, kind, title, body in sorted(
            hits if isinstance(hits, list) else json.loads(hits or "[]"),
            key=lambda hit: (hit[1], hit[0]),
        )
    ]


def _shown(found: Subquery, server: bool) -> Select[str]:
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
    group, row = (
        (func.json_agg, func.json_build_array)
        if server
        else (
            func.json_group_array,
            func.json_array,
        )
    )
    return (
        select(
            group(
                row(
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
