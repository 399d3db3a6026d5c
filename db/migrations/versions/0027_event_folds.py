"""Which of two instants a wall time means where the clocks show it twice (issue 19).

The night daylight saving time ends, a venue's clocks show an hour twice: 01:30 in New
York is first 01:30 EDT, then, an hour later, 01:30 EST. ``event.start_fold`` and
``event.end_fold`` say which one an event's start and end mean, as the form asks them: 0
the first, 1 the second. They are empty for every existing event, and for every time that
is not in such a fold; an existing time in one keeps being read as the first, as it was.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_fold", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("end_fold", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Dropped in place, as 0026's columns are: a batch rebuild of a table others refer to
    # would delete their rows while foreign keys are on.
    for column in ("end_fold", "start_fold"):
        op.execute(f"ALTER TABLE event DROP COLUMN {column}")
