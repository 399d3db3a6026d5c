"""Syncing travel copies (issue 16): the server's record of syncs, a copy's conflicts.

``travel_sync`` holds, on a server, one row per finished sync: its id (chosen by the copy
before it asks the server, so a sync retried after a crash is known), the copy, who and
when (stamped by a trigger from the server itself, as ``travel_copy`` is), and the merge's
counts. ``travel_conflict`` holds, inside a copy, each place the last sync left in
conflict; ``travel_base.pending_sync`` the id of a sync begun and not finished in the
copy, and ``audit_sent``/``audit_upto`` which of the copy's audit events (books printed
offline) have reached the server's trail and which the pending sync sends. Like the other travel tables they are in every database and empty where unused.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "travel_sync",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("copy_uid", sa.String(length=36), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_travel_sync")),
    )
    op.create_table(
        "travel_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("base", sa.Text(), nullable=False),
        sa.Column("ours", sa.Text(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("theirs_by", sa.String(length=63), nullable=True),
        sa.Column("theirs_at", sa.DateTime(), nullable=True),
        sa.Column("sync_uid", sa.String(length=36), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel_conflict")),
    )
    with op.batch_alter_table("travel_base") as table:
        table.add_column(sa.Column("pending_sync", sa.String(length=36), nullable=True))
        table.add_column(sa.Column("audit_sent", sa.Integer(), server_default="0", nullable=False))
        table.add_column(sa.Column("audit_upto", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION briefing_sync_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN NEW.login := session_user; "
        "NEW.synced_at := date_trunc('second', now() AT TIME ZONE 'UTC'); RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER travel_sync_stamp BEFORE INSERT ON travel_sync "
        "FOR EACH ROW EXECUTE FUNCTION briefing_sync_stamp()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER travel_sync_stamp ON travel_sync")
        op.execute("DROP FUNCTION briefing_sync_stamp()")
    with op.batch_alter_table("travel_base") as table:
        table.drop_column("audit_upto")
        table.drop_column("audit_sent")
        table.drop_column("pending_sync")
    op.drop_table("travel_conflict")
    op.drop_table("travel_sync")
