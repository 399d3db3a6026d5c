"""Times that mean one instant (issue 19): the dossier's home zone, a flight's arrival.

``dossier.home_zone`` is the IANA zone of the travelling party's home clock, on which a
timed event's home time is shown beside the venue's and days left are counted. Every
existing dossier gets Asia/Seoul, as a new one does by default: the sample, and the
dossiers written so far, are prepared for the Korean delegation.

``event.arrival_place`` and ``event.arrival_timezone`` make an event a journey: it departs
from ``place`` on ``timezone``'s clock and arrives at ``arrival_place``, its end time read
on ``arrival_timezone``'s clock. Both are empty for every existing event, which ends where
it starts.

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HOME_ZONE = "Asia/Seoul"
"""As :data:`briefing.domain.dossier.HOME_ZONE` was when this revision was written."""


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("home_zone", sa.String(length=64), server_default=HOME_ZONE, nullable=False)
        )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("arrival_place", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("arrival_timezone", sa.String(length=64), server_default="", nullable=False)
        )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can): a batch rebuild of ``dossier``, which every
    # record refers to, would delete them all while foreign keys are on (a downgrade run
    # other than by migrate()).
    for table, column in (
        ("event", "arrival_timezone"),
        ("event", "arrival_place"),
        ("dossier", "home_zone"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
