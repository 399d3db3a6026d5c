"""Travel copies (issue 16): the server's register of copies, and a copy's note of its base.

``travel_copy`` is the register: one row per copy taken, with who took it, at what
clearance, when, until when, whether an administrator revoked it, and its base mark. On
PostgreSQL a trigger stamps the login, the clearance, the time and the base mark from the
server itself, so a client can register a copy neither for someone else nor at another
clearance. The dossier is named by id without a foreign key: the register outlives a
deleted dossier, as the audit trail does. The base mark is ``pg_current_snapshot()`` of
the transaction the copy was exported in: a row version written by a transaction that
snapshot does not see changed after the base. Who may read and change the register is
the server's policies' (:mod:`briefing.store.server.policies`).

``travel_base`` holds, inside a travel copy, the copy's own identity and the dossier file
it was filled from; ``travel_base_record`` the merge's base, one row per record: its state
as the traveller had it and its version on the server and in the copy (a record changed
since is one whose version differs). Both are in every database so a copy is an ordinary
Briefing file, and stay empty elsewhere. On SQLite ``travel_copy`` exists and is unused.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "travel_copy",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("clearance", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=63), nullable=True),
        sa.Column("base_mark", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_travel_copy")),
    )
    op.create_table(
        "travel_base",
        sa.Column("copy_uid", sa.String(length=36), nullable=False),
        sa.Column("server", sa.Text(), nullable=False),
        sa.Column("dossier_slug", sa.Text(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("clearance", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("base_mark", sa.Text(), nullable=False),
        sa.Column("base_document", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("copy_uid", name=op.f("pk_travel_base")),
    )
    op.create_table(
        "travel_base_record",
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("copy_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_travel_base_record")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION briefing_travel_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN NEW.login := session_user; NEW.clearance := briefing_clearance(); "
        "NEW.taken_at := date_trunc('second', now() AT TIME ZONE 'UTC'); "
        "NEW.base_mark := pg_current_snapshot()::text; "
        "NEW.revoked_at := NULL; NEW.revoked_by := NULL; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER travel_copy_stamp BEFORE INSERT ON travel_copy "
        "FOR EACH ROW EXECUTE FUNCTION briefing_travel_stamp()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER travel_copy_stamp ON travel_copy")
        op.execute("DROP FUNCTION briefing_travel_stamp()")
    op.drop_table("travel_base_record")
    op.drop_table("travel_base")
    op.drop_table("travel_copy")
