"""Search on PostgreSQL: fold text with ``translate`` only when it holds an accented letter.

0006's ``briefing_fold`` runs ``translate`` over every text with a table of about 400
accented letters; PostgreSQL's ``translate`` looks each character of the text up in that
table one by one, about 2 ms for a 500-character text, and every index row folds its title
and text four times (the stored ``tsv`` and the two trigram indexes). Importing the
100,000-event dossier took 15 times SQLite's time, nearly all of it there
(``python -m tests.benchmarks server``). A regular expression matching any letter of the
table costs microseconds, and most texts (English, Hangul, kanji, kana) hold none: those
skip ``translate``. The result is the same for every text, so the stored ``tsv`` values
and the indexes stay valid. Nothing happens on SQLite.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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
"""Letters of the table per ``translate``: a text with accents pays for its pieces only."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    accented, plain = _accents()
    steps = "".join(
        f"IF folded ~ '[{accented[at : at + PIECE]}]' THEN "
        f"folded := translate(folded, '{accented[at : at + PIECE]}', '{plain[at : at + PIECE]}'); "
        "END IF; "
        for at in range(0, len(accented), PIECE)
    )
    op.execute(
        "CREATE OR REPLACE FUNCTION briefing_fold(text) RETURNS text LANGUAGE plpgsql "
        "IMMUTABLE STRICT PARALLEL SAFE AS $$ DECLARE folded text := lower($1); BEGIN "
        f"{steps}RETURN regexp_replace(folded, '[^[:alnum:]]+', ' ', 'g'); END $$"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    accented, plain = _accents()
    op.execute(
        "CREATE OR REPLACE FUNCTION briefing_fold(text) RETURNS text LANGUAGE sql IMMUTABLE "
        "STRICT PARALLEL SAFE AS $$ SELECT regexp_replace("
        f"translate(lower($1), '{accented}', '{plain}'), '[^[:alnum:]]+', ' ', 'g') $$"
    )
