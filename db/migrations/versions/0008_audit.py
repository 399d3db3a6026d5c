"""The audit trail: an append-only table of every export (and, later, clearance change).

Append-only is the database's rule, not only the app's: triggers refuse any UPDATE or
DELETE of an event (and, on PostgreSQL, a TRUNCATE, which row triggers never see), for
every role, the table's owner included. On PostgreSQL an insert is also stamped by the
server with the role that made it and the server's clock, so a client cannot put another
name or time on its event.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = "the audit trail is append-only: its events cannot be changed or removed"


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("dossier", sa.Text(), nullable=True),
        sa.Column("audience", sa.Integer(), nullable=True),
        sa.Column("edition", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION briefing_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{REFUSAL} (% refused)', TG_OP "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        op.execute(
            "CREATE FUNCTION briefing_audit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN NEW.who := current_user; "
            "NEW.at := date_trunc('second', now() AT TIME ZONE 'UTC'); RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_event_stamp BEFORE INSERT ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION briefing_audit_stamp()"
        )
        op.execute(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION briefing_audit_refuse()"
        )
        op.execute(
            "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
            "FOR EACH STATEMENT EXECUTE FUNCTION briefing_audit_refuse()"
        )
        return
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_event_no_{operation.lower()} BEFORE {operation} "
            f"ON audit_event BEGIN SELECT RAISE(ABORT, '{REFUSAL} ({operation} refused)'); END"
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_event_at"), table_name="audit_event")
    op.drop_table("audit_event")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION briefing_audit_refuse()")
        op.execute("DROP FUNCTION briefing_audit_stamp()")
