"""A dossier says what it counts days from: today, or its own as-of date.

The sample dossier, written as of 1 May 2025, counts from that date, as a fresh import of
it does; every other dossier keeps counting from today, as before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE_SLUG = "kr-us-trade-2025"


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "count_days_from",
                sa.Enum("today", "as_of", name="daycount", native_enum=False, length=20),
                server_default="today",
                nullable=False,
            )
        )
    op.execute(
        sa.text("UPDATE dossier SET count_days_from = 'as_of' WHERE slug = :slug").bindparams(
            slug=SAMPLE_SLUG
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_column("count_days_from")
