"""A server's search rows carry their record's dossier and level (issue 15).

A search on PostgreSQL found a word's rows in the ``tsv`` index, then looked each one up in
``record`` for its dossier and level before ranking: for a common name ("Kim", 543 rows
on the 100k-event dossier) those lookups were half the statement's running time, where
SQLite's index answers with its rows alone. Each of a record's own rows on a server now
holds the record's ``dossier_id`` and ``handling``: written with it by the store's
indexing, and kept in step by a trigger when a record's level is changed by a statement
rather than an edit (a floor raising a part to its whole's level, an undo putting levels
back), which indexes nothing again. SQLite's FTS5 table is left as it is; a hit is still
shown only by its record's own level.

Every list and count joins a kind's rows to ``record`` for their dossier and level, by
id: on a server each lookup also read the record's row from the table, where SQLite's
rowid table holds them in its key. An index of record ids holding both (``record_scope``)
answers those lookups alone (a cleared server's ``briefing server init`` replaces it
with one holding the row-security level too, ``record_levels``).

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE search_index ADD COLUMN dossier_id integer, ADD COLUMN handling integer"
    )
    op.execute(
        "UPDATE search_index AS s SET dossier_id = r.dossier_id, handling = r.handling "
        "FROM record AS r WHERE r.id = s.rowid"
    )
    op.execute(
        "ALTER TABLE search_index ALTER COLUMN dossier_id SET NOT NULL, "
        "ALTER COLUMN handling SET NOT NULL"
    )
    op.execute("CREATE INDEX record_scope ON record (id) INCLUDE (dossier_id, handling)")
    op.execute(
        "CREATE FUNCTION briefing_search_follows() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN UPDATE search_index SET dossier_id = NEW.dossier_id, handling = NEW.handling "
        "WHERE rowid = NEW.id; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER briefing_search_follows AFTER UPDATE OF handling, dossier_id ON record "
        "FOR EACH ROW WHEN (OLD.handling IS DISTINCT FROM NEW.handling "
        "OR OLD.dossier_id IS DISTINCT FROM NEW.dossier_id) "
        "EXECUTE FUNCTION briefing_search_follows()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS record_scope")
    op.execute("DROP INDEX IF EXISTS record_levels")
    op.execute("DROP TRIGGER briefing_search_follows ON record")
    op.execute("DROP FUNCTION briefing_search_follows()")
    op.execute("ALTER TABLE search_index DROP COLUMN handling, DROP COLUMN dossier_id")
