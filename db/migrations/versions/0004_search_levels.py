"""Search protected fields by level: a value is found only by audiences that may see it.

``search_index_field_rows`` holds, for a record with protected fields, a row for each level
of them: the record's own indexed text and the values at or below that level, with that
level (also as a word, ``r3``, the index can select by); ``search_index_fields`` is their
full-text index, kept in step by triggers. A field
row goes with its record (a foreign key). Records that already have protected fields are
indexed again.

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

_CREATE = (
    "CREATE TABLE search_index_field_rows ("
    "id INTEGER PRIMARY KEY, "
    "record_id INTEGER NOT NULL REFERENCES record (id) ON DELETE CASCADE, "
    "handling INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, "
    # The level as a word the full-text index holds, so that a search asks the index for the
    # rows of the levels the audience may see instead of reading and discarding the others.
    "levels TEXT GENERATED ALWAYS AS ('r' || handling) VIRTUAL)",
    "CREATE INDEX search_index_field_rows_record ON search_index_field_rows (record_id)",
    "CREATE VIRTUAL TABLE search_index_fields USING fts5(title, body, levels, "
    "content = 'search_index_field_rows', content_rowid = 'id', "
    "tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_index_field_rows_added AFTER INSERT ON search_index_field_rows "
    "BEGIN INSERT INTO search_index_fields (rowid, title, body, levels) "
    "VALUES (new.id, new.title, new.body, new.levels); END",
    "CREATE TRIGGER search_index_field_rows_removed AFTER DELETE ON search_index_field_rows "
    "BEGIN INSERT INTO search_index_fields (search_index_fields, rowid, title, body, levels) "
    "VALUES ('delete', old.id, old.title, old.body, old.levels); END",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _CREATE:
        op.execute(statement)
    _index_protected_records()


def _index_protected_records() -> None:
    """The store's own indexing, so a migrated database's index is what the app writes."""
    from sqlalchemy.orm import Session

    from briefing.store.search.indexing import index_records

    session = Session(bind=op.get_bind())
    protected = session.scalars(sa.text("SELECT DISTINCT record_id FROM field_level")).all()
    index_records(session, protected)
    session.flush()


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE search_index_fields")
    op.execute("DROP TABLE search_index_field_rows")  # its triggers go with it
