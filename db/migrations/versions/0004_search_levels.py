"""Search by level: each index row carries the level of what it shows, and protected
fields are found only by audiences that may see them.

``search_index`` gains a ``handling`` column (the highest level of the records a row's
title and text are built from). ``search_index_field_rows`` holds, for a record with
protected fields, one row per level of them: its own text and the values at or below that
level; ``search_index_fields`` is their full-text index, kept in step by triggers. A field
row goes with its record (a foreign key). Every dossier is indexed again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"

_CREATE = (
    # handling first: reading it never walks past a long body into overflow pages.
    "CREATE VIRTUAL TABLE search_index USING fts5("
    f"handling UNINDEXED, title, body, kind UNINDEXED, {_TOKENIZE})",
    "CREATE TABLE search_index_field_rows ("
    "id INTEGER PRIMARY KEY, "
    "record_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE, "
    "handling INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX search_index_field_rows_record ON search_index_field_rows (record_id)",
    "CREATE VIRTUAL TABLE search_index_fields USING fts5(title, body, "
    f"content = 'search_index_field_rows', content_rowid = 'id', {_TOKENIZE})",
    "CREATE TRIGGER search_index_field_rows_added AFTER INSERT ON search_index_field_rows "
    "BEGIN INSERT INTO search_index_fields (rowid, title, body) "
    "VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_index_field_rows_removed AFTER DELETE ON search_index_field_rows "
    "BEGIN INSERT INTO search_index_fields (search_index_fields, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE search_index")
    for statement in _CREATE:
        op.execute(statement)
    _index_every_dossier()


def _index_every_dossier() -> None:
    """The store's own indexing, so a migrated database's index is what the app writes."""
    from sqlalchemy.orm import Session

    from briefing.store.search import index_dossier

    session = Session(bind=op.get_bind())
    for (dossier_id,) in session.execute(sa.text("SELECT id FROM dossier")).all():
        index_dossier(session, dossier_id)
    session.flush()


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE search_index_fields")
    op.execute("DROP TABLE search_index_field_rows")  # its triggers go with it
    op.execute(
        f"CREATE VIRTUAL TABLE search_index_v3 USING fts5(title, body, kind UNINDEXED, {_TOKENIZE})"
    )
    op.execute(
        "INSERT INTO search_index_v3 (rowid, title, body, kind) "
        "SELECT rowid, title, body, kind FROM search_index"
    )
    op.execute("DROP TABLE search_index")
    op.execute("ALTER TABLE search_index_v3 RENAME TO search_index")
