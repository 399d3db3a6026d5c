"""``briefing_pass_on`` asks the policies' question: is the record at a level the caller
may see?

Migration 0016's function compared ``record.handling`` with the caller's clearance by
hand, a second handling-level filter beside the one the row-level policies use
(``briefing_cleared_levels()``, :data:`briefing.store.server.policies.CLEARED`). They
agree today; this makes them one, so a change to what a clearance lets a login see
changes what counts as raised above it too. Nothing else in the function changes.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ABOVE_0016 = "r.handling > clearance"
ABOVE = "NOT (r.rls_level = ANY (briefing_cleared_levels()))"


def _pass_on(above: str) -> str:
    """The function's definition with ``above`` as the test that the record is raised;
    a login with no clearance is turned away before it (and would see no level)."""
    return (
        "CREATE OR REPLACE FUNCTION briefing_pass_on(dossier integer, record_uid text, "
        "copy text, sync text, base text, ours text) "
        "RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER "
        "SET search_path = public, pg_temp AS $$ "
        "DECLARE raised integer; clearance integer := briefing_clearance(); BEGIN "
        "IF clearance IS NULL OR NOT EXISTS (SELECT 1 FROM travel_copy c WHERE c.uid = copy "
        "AND c.login = session_user AND c.dossier_id = dossier) THEN RETURN false; END IF; "
        "SELECT r.id INTO raised FROM record r WHERE r.dossier_id = dossier "
        f"AND r.uid = record_uid AND {above}; "
        "IF raised IS NULL THEN RETURN false; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM travel_sync s WHERE s.uid = sync) THEN "
        "INSERT INTO raised_edit (dossier_id, record_id, uid, copy_uid, sync_uid, login, "
        "passed_at, base, ours) VALUES (dossier, raised, record_uid, copy, sync, session_user, "
        "date_trunc('second', now() AT TIME ZONE 'UTC'), base, ours) "
        "ON CONFLICT (sync_uid, uid) DO NOTHING; END IF; "
        "RETURN true; END $$"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_pass_on(ABOVE))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_pass_on(ABOVE_0016))
