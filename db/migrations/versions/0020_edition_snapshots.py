"""Each edition keeps what its audience saw (issue 17): its dossier document and its PDF.

A reprint must give the very bytes of the edition after any later edit or upgrade, so the
PDF is kept as written, beside the audience's dossier document (for comparing editions)
and who printed it and on how many pages (for listing them). All live on the edition's
row, so the server's row-level security already holds them at the edition's audience.
Editions printed before this revision have none of them (NULL).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("made_by", "pages", "snapshot", "pdf")


def upgrade() -> None:
    with op.batch_alter_table("edition") as batch:
        batch.add_column(sa.Column("made_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("pages", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("snapshot", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("pdf", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("edition") as batch:
        for column in reversed(_COLUMNS):
            batch.drop_column(column)
