"""A sync asks each side what changed since its base, instead of reading every version.

A sync compared every record's version with its base's, on both sides: reading every
base version out of the encrypted copy and every uid and version off the server grew
with the dossier (about 1.4 s of a 3 s sync of the 100,000-event dossier, issue 16).

On a server, each record row carries ``sync_mark``, the id (``xid8``) of the transaction
that last wrote it (its default on insert, a trigger on update), indexed by dossier; and
``record_departure`` notes each record deleted or raised above its level, under the same
mark, at the level the record had (a content table: a login sees only the departures of
records it was cleared to see). A copy's base keeps the server's snapshot at its base
(``pg_current_snapshot()``); a transaction that snapshot did not see has an id at or
above the snapshot's ``xmin``, so "the rows marked at or above it" holds every change
the base lacks, whatever order concurrent transactions committed in (a counter handed
out by a sequence would not: a lower number can commit after a higher one was read).

In a travel copy (SQLite), triggers note in ``travel_moved`` each record inserted,
updated or deleted once the copy has its base, whatever code wrote it. A copy taken
before this revision has those notes filled here from the one full comparison, and its
base mark cleared: its first sync after this compares every version once, as before,
since the server noted no departures before it.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MOVED = {
    "travel_moved_insert": ("AFTER INSERT", "NEW"),
    "travel_moved_update": ("AFTER UPDATE", "NEW"),
    "travel_moved_delete": ("AFTER DELETE", "OLD"),
}
"""The copy's triggers, when they fire and which row's uid they note."""


def upgrade() -> None:
    op.create_table(
        "travel_moved",
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_travel_moved")),
    )
    op.create_table(
        "record_departure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.Column("handling", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_departure")),
    )
    op.create_index("ix_record_departure_dossier", "record_departure", ["dossier_id"])
    if op.get_bind().dialect.name == "postgresql":
        _server_marks()
    else:
        _copy_notes()


def _server_marks() -> None:
    # The default is evaluated once for the rows already there: this transaction's id,
    # above every older copy's mark (which that copy's migration clears anyway).
    for table in ("record", "record_departure"):
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN sync_mark xid8 NOT NULL DEFAULT pg_current_xact_id()"
        )
    op.execute("CREATE INDEX ix_record_sync_mark ON record (dossier_id, sync_mark)")
    op.execute(
        "CREATE INDEX ix_record_departure_sync_mark ON record_departure (dossier_id, sync_mark)"
    )
    op.execute(
        "CREATE FUNCTION briefing_sync_mark() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN NEW.sync_mark := pg_current_xact_id(); RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER briefing_sync_mark BEFORE UPDATE ON record "
        "FOR EACH ROW EXECUTE FUNCTION briefing_sync_mark()"
    )
    # The owner's function writes the departure: nobody else writes one, and the row
    # is at the level the record had, which the one deleting or raising it was cleared to.
    op.execute(
        "CREATE FUNCTION briefing_record_departure() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN "
        "IF TG_OP = 'DELETE' OR NEW.handling > OLD.handling THEN "
        "INSERT INTO record_departure (dossier_id, uid, handling) "
        "VALUES (OLD.dossier_id, OLD.uid, OLD.handling); END IF; RETURN NULL; END $$"
    )
    op.execute("REVOKE ALL ON FUNCTION briefing_record_departure() FROM PUBLIC")
    op.execute(
        "CREATE TRIGGER briefing_record_departure AFTER DELETE OR UPDATE OF handling "
        "ON record FOR EACH ROW EXECUTE FUNCTION briefing_record_departure()"
    )


def _copy_notes() -> None:
    for name, (when, row) in _MOVED.items():
        op.execute(
            f"CREATE TRIGGER {name} {when} ON record "
            "WHEN EXISTS (SELECT 1 FROM travel_base) BEGIN "
            f"INSERT OR IGNORE INTO travel_moved (uid) VALUES ({row}.uid); END"
        )
    op.execute(
        "INSERT OR IGNORE INTO travel_moved (uid) SELECT r.uid FROM record r "
        "LEFT JOIN travel_base_record b ON b.uid = r.uid "
        "WHERE EXISTS (SELECT 1 FROM travel_base) "
        "AND (b.uid IS NULL OR b.copy_version != r.version)"
    )
    op.execute(
        "INSERT OR IGNORE INTO travel_moved (uid) SELECT b.uid FROM travel_base_record b "
        "WHERE NOT EXISTS (SELECT 1 FROM record r WHERE r.uid = b.uid)"
    )
    op.execute("UPDATE travel_base SET base_mark = ''")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER briefing_record_departure ON record")
        op.execute("DROP FUNCTION briefing_record_departure()")
        op.execute("DROP TRIGGER briefing_sync_mark ON record")
        op.execute("DROP FUNCTION briefing_sync_mark()")
        op.execute("DROP INDEX ix_record_sync_mark")
        op.execute("ALTER TABLE record DROP COLUMN sync_mark")
    else:
        for name in _MOVED:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_record_departure_dossier", table_name="record_departure")
    op.drop_table("record_departure")
    op.drop_table("travel_moved")
