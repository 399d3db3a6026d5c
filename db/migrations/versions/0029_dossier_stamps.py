"""Who changed the dossier's own fields, and when (issue 16).

A sync keeps a conflict with who changed its place on the server and when, read from
the record's ``changed_by`` and ``updated_at``. The dossier's own fields (its title,
dates and home zone on ``dossier``; its subtitle and scene-setter on ``dossier_text``)
had no such stamps, so a conflict on one showed neither. Both tables get them, as
``record`` has them: a text's on its own row, so a team server's row-level security
withholds when it changed from a login not cleared to the text. A row not written since
names nobody and no time.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("dossier", "dossier_text")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("changed_by", sa.String(length=120), server_default="", nullable=False)
            )
            batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can): a batch rebuild of ``dossier``, which every
    # record refers to, would delete them all while foreign keys are on (a downgrade run
    # other than by migrate()).
    for table in TABLES:
        for column in ("updated_at", "changed_by"):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
