"""Each record counts its saves and names who saved last, so concurrent edits are refused
instead of lost; on PostgreSQL every change to a record tells listening windows.

``version`` starts at 1 for the records there are. A save names the version its editor
loaded (:mod:`briefing.store.versions`). On PostgreSQL a trigger calls
``pg_notify('briefing_changes', dossier id)`` for each record inserted, updated or
deleted; PostgreSQL sends one notice per dossier and transaction, however many rows, and
an open window reads the dossier again (:mod:`briefing.store.changes`). SQLite has no
notices: a window there watches ``PRAGMA data_version`` instead.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "briefing_changes"


def upgrade() -> None:
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(
            sa.Column("changed_by", sa.String(length=120), server_default="", nullable=False)
        )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION briefing_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        "IF TG_OP = 'DELETE' THEN "
        f"PERFORM pg_notify('{CHANNEL}', OLD.dossier_id::text); "
        "ELSE "
        f"PERFORM pg_notify('{CHANNEL}', NEW.dossier_id::text); "
        "END IF; "
        "RETURN NULL; "
        "END $$"
    )
    op.execute(
        "CREATE TRIGGER record_changes AFTER INSERT OR UPDATE OR DELETE ON record "
        "FOR EACH ROW EXECUTE FUNCTION briefing_notify_change()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER record_changes ON record")
        op.execute("DROP FUNCTION briefing_notify_change()")
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.drop_column("changed_by")
        batch_op.drop_column("version")
