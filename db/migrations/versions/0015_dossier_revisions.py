"""Dossier files met on a memory stick (issue 16): the revisions a database knows.

``dossier_revision`` keeps, per dossier, the last versions this database wrote whole to a
file or took in from one, each under the id the file carries, so that ``briefing dossier
merge`` finds the common base of a later file that names it. Only laptops' files keep
any; on a server the table stays empty and is granted to nobody, like a travel copy's.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dossier_revision",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_dossier_revision_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_dossier_revision")),
    )


def downgrade() -> None:
    op.drop_table("dossier_revision")
