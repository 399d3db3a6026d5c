"""Full-text search on PostgreSQL: the same index rows as FTS5's, searched with tsvectors.

SQLite's index is FTS5 (0001, 0004), which PostgreSQL lacks. There, ``search_index`` and
``search_index_field_rows`` are plain tables holding the very rows the store writes on
SQLite (:mod:`briefing.store.search.indexing`), each with a generated ``tsv``: the title
(weight A, so a query can ask for the title alone) and the text, folded as FTS5's
``remove_diacritics 2`` folds them, so "Deök" is found by "deok", and cut into words
where FTS5's ``unicode61`` cuts them (PostgreSQL's parser would read "2+2" as "2" and
"+2", and "e-mail" as three words, which no phrase typed would match). A GIN index serves the
word queries; ``pg_trgm`` indexes on title and text serve substring queries (Hangul, kanji
and kana are written without spaces). ``CREATE EXTENSION pg_trgm`` needs a superuser:
``briefing server init`` runs this as the administrator. Nothing happens on SQLite.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _accents() -> tuple[str, str]:
    """Accented Latin letters and their plain letters, for ``translate``: as querying's
    ``_plain_letters``, written here so the migration does not change with the app."""
    accented, plain = [], []
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code).lower()
        base = unicodedata.normalize("NFKD", letter)[0].lower()
        # One letter each: "İ" lowers to two characters, which would shift translate's pairs.
        single = len(letter) == 1 and letter not in accented
        if single and base != letter and base.isascii() and base.isalpha():
            accented.append(letter)
            plain.append(base)
    return "".join(accented), "".join(plain)


def _folded_vector() -> str:
    return (
        "setweight(to_tsvector('simple'::regconfig, briefing_fold(title)), 'A') || "
        "to_tsvector('simple'::regconfig, briefing_fold(body))"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    accented, plain = _accents()
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE FUNCTION briefing_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
        "PARALLEL SAFE AS $$ SELECT regexp_replace("
        f"translate(lower($1), '{accented}', '{plain}'), '[^[:alnum:]]+', ' ', 'g') $$"
    )
    op.execute(
        "CREATE TABLE search_index ("
        "rowid INTEGER PRIMARY KEY REFERENCES record (id) ON DELETE CASCADE, "
        "title TEXT NOT NULL, body TEXT NOT NULL, kind TEXT NOT NULL, "
        f"tsv tsvector GENERATED ALWAYS AS ({_folded_vector()}) STORED)"
    )
    op.execute(
        "CREATE TABLE search_index_field_rows ("
        "id SERIAL PRIMARY KEY, "
        "record_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE, "
        "handling INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, "
        f"tsv tsvector GENERATED ALWAYS AS ({_folded_vector()}) STORED)"
    )
    op.execute("CREATE INDEX search_index_field_rows_record ON search_index_field_rows (record_id)")
    for name in ("search_index", "search_index_field_rows"):
        op.execute(f"CREATE INDEX {name}_tsv ON {name} USING gin (tsv)")
        for column in ("title", "body"):
            op.execute(
                f"CREATE INDEX {name}_{column}_trgm ON {name} "
                f"USING gin (briefing_fold({column}) gin_trgm_ops)"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE search_index_field_rows")
    op.execute("DROP TABLE search_index")
    op.execute("DROP FUNCTION briefing_fold(text)")
