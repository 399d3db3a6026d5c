"""A change is announced once per statement and names no dossier.

Migration 0009's trigger ran for every row and sent the dossier's id: any login may
LISTEN, so one cleared below a dossier learnt that it exists and when it is worked on,
and an import of 190,000 records queued as many trigger calls. The notice now carries
nothing; a window that hears one reads its own dossier again, which row-level security
keeps to what its reader may see.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "briefing_changes"


def _replace(body: str, each: str) -> None:
    op.execute("DROP TRIGGER record_changes ON record")
    op.execute(
        "CREATE OR REPLACE FUNCTION briefing_notify_change() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER record_changes AFTER INSERT OR UPDATE OR DELETE ON record "
        f"FOR EACH {each} EXECUTE FUNCTION briefing_notify_change()"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _replace(f"PERFORM pg_notify('{CHANNEL}', '');", "STATEMENT")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _replace(
            "IF TG_OP = 'DELETE' THEN "
            f"PERFORM pg_notify('{CHANNEL}', OLD.dossier_id::text); "
            "ELSE "
            f"PERFORM pg_notify('{CHANNEL}', NEW.dossier_id::text); "
            "END IF;",
            "ROW",
        )
