"""A traveller's edits to a record raised above the traveller's level (issue 16).

A colleague may raise a record above a traveller's clearance while the traveller, offline,
edits it. The sync reads the server at the traveller's clearance, so the record looks
deleted, and the traveller could neither settle the conflict nor show the edits to anyone
who can. ``raised_edit`` keeps, on a server, each such record's base and the traveller's
state at the record's level (a content table: row-level security shows it only to those
cleared to see the record), for someone cleared to settle.

A traveller's login may not write a row above its own level, so it stores one only
through ``briefing_pass_on``, a SECURITY DEFINER function that stores the edits only if a
record with that uid is in that dossier above the caller's clearance, stamps who and when
itself, and says no more than whether it stored them. ``briefing server upgrade`` hands
the function to the schema's owner and grants it (:mod:`briefing.store.server.policies`).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PASS_ON = "briefing_pass_on(integer, text, text, text, text, text)"


def upgrade() -> None:
    op.create_table(
        "raised_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.Column("copy_uid", sa.String(length=36), nullable=False),
        sa.Column("sync_uid", sa.String(length=36), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("passed_at", sa.DateTime(), nullable=False),
        sa.Column("base", sa.Text(), nullable=False),
        sa.Column("ours", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_raised_edit_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["record.id"],
            name=op.f("fk_raised_edit_record_id_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raised_edit")),
        sa.UniqueConstraint("sync_uid", "uid", name=op.f("uq_raised_edit_sync_uid")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    # A sync already recorded has passed its edits on (a sync cut short and run again, or
    # one whose passed-on edits were since settled): nothing is stored twice.
    op.execute(
        "CREATE FUNCTION briefing_pass_on(dossier integer, record_uid text, copy text, "
        "sync text, base text, ours text) "
        "RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER "
        "SET search_path = public, pg_temp AS $$ "
        "DECLARE raised integer; clearance integer := briefing_clearance(); BEGIN "
        "IF clearance IS NULL OR NOT EXISTS (SELECT 1 FROM travel_copy c WHERE c.uid = copy "
        "AND c.login = session_user AND c.dossier_id = dossier) THEN RETURN false; END IF; "
        "SELECT r.id INTO raised FROM record r WHERE r.dossier_id = dossier "
        "AND r.uid = record_uid AND r.handling > clearance; "
        "IF raised IS NULL THEN RETURN false; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM travel_sync s WHERE s.uid = sync) THEN "
        "INSERT INTO raised_edit (dossier_id, record_id, uid, copy_uid, sync_uid, login, "
        "passed_at, base, ours) VALUES (dossier, raised, record_uid, copy, sync, session_user, "
        "date_trunc('second', now() AT TIME ZONE 'UTC'), base, ours) "
        "ON CONFLICT (sync_uid, uid) DO NOTHING; END IF; "
        "RETURN true; END $$"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION {PASS_ON}")
    op.drop_table("raised_edit")
