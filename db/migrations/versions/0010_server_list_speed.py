"""Lists and imports on PostgreSQL: indexes in the lists' own orders, a cheaper fold,
trigram indexes only over the texts that need them.

The timeline lists events by start, then end, then id, empty values first (the order
SQLite gives NULLs, which every list states so both backends agree). PostgreSQL's
ascending index puts NULLs last, so it could not read ``event``'s start-date index in that
order and sorted the whole dossier's events for each first page (10 ms for 10,000 events,
growing with the dossier); an index in exactly that order lets it read the first page's
rows and stop. The chips list (priority, title, id) and the people list (name, id) get
one the same way.

0007's ``briefing_fold`` asks about sixteen regular expressions of a text, one per piece of
the accent table, before cutting it into words; most texts (English, Hangul, kanji, kana)
hold no accented letter at all. One expression matching any letter of the table is asked
first, and the pieces only of a text it matches: folding the search index's texts took
half the time, and an import folds each row four times (the stored ``tsv`` and the two
trigram indexes). The function gives the same result for every text, so the stored
values and indexes stay valid.

The trigram indexes (0006) serve one search: a Hangul, kanji or kana word looked for
inside longer words (those scripts are written without spaces). A text holding none of
those letters can never match such a word, yet every text was cut into trigrams, the
bulk of an import's time on the server. They now index the texts holding one such letter
(a partial index), and the search says so in the same words (``querying.HOLDS_CJK``).

Nothing happens on SQLite, whose own index on the start date serves the timeline.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


CJK_LETTERS = "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]"
"""Hangul (syllables, jamo), kana and kanji: the search's ``_CJK_LETTERS``, written here
so the migration does not change with the app."""

_TRIGRAMS = [
    (table, column)
    for table in ("search_index", "search_index_field_rows")
    for column in ("title", "body")
]


def _trigram_indexes(partial: bool) -> None:
    for table, column in _TRIGRAMS:
        name = f"{table}_{column}_trgm"
        where = f" WHERE {column} ~ '{CJK_LETTERS}'" if partial else ""
        op.execute(f"DROP INDEX {name}")
        op.execute(
            f"CREATE INDEX {name} ON {table} USING gin (briefing_fold({column}) gin_trgm_ops)"
            f"{where}"
        )


def _accents() -> tuple[str, str]:
    """0006's table, built the same way, so the function folds exactly as before."""
    accented, plain = [], []
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code).lower()
        base = unicodedata.normalize("NFKD", letter)[0].lower()
        single = len(letter) == 1 and letter not in accented
        if single and base != letter and base.isascii() and base.isalpha():
            accented.append(letter)
            plain.append(base)
    return "".join(accented), "".join(plain)


PIECE = 16
"""Letters of the table per ``translate``, as in 0007."""


def _fold(guarded: bool) -> str:
    """0007's function, with the one-expression guard in front of its pieces or without."""
    accented, plain = _accents()
    steps = "".join(
        f"IF folded ~ '[{accented[at : at + PIECE]}]' THEN "
        f"folded := translate(folded, '{accented[at : at + PIECE]}', '{plain[at : at + PIECE]}'); "
        "END IF; "
        for at in range(0, len(accented), PIECE)
    )
    if guarded:
        steps = f"IF folded ~ '[{accented}]' THEN {steps}END IF; "
    return (
        "CREATE OR REPLACE FUNCTION briefing_fold(text) RETURNS text LANGUAGE plpgsql "
        "IMMUTABLE STRICT PARALLEL SAFE AS $$ DECLARE folded text := lower($1); BEGIN "
        f"{steps}RETURN regexp_replace(folded, '[^[:alnum:]]+', ' ', 'g'); END $$"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX event_timeline ON event "
        "(start_date NULLS FIRST, end_date NULLS FIRST, id NULLS FIRST)"
    )
    op.execute(
        "CREATE INDEX bargaining_chip_order ON bargaining_chip "
        "(priority NULLS FIRST, title NULLS FIRST, id NULLS FIRST)"
    )
    op.execute("CREATE INDEX person_order ON person (name NULLS FIRST, id NULLS FIRST)")
    op.execute(_fold(guarded=True))
    _trigram_indexes(partial=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _trigram_indexes(partial=False)
    op.execute(_fold(guarded=False))
    op.execute("DROP INDEX person_order")
    op.execute("DROP INDEX bargaining_chip_order")
    op.execute("DROP INDEX event_timeline")
