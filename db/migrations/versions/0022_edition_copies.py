"""An edition printed in numbered copies records its distribution list (issue 17).

Each copy is a row of ``edition_copy``: its number, its recipient, the document id and
margin code that name it again (``briefing edition whose``) and its PDF as written, so a
reprint of copy k is copy k byte for byte. On a team server a copy is at its edition's
audience (:mod:`briefing.store.server.levels`): a login below it reads neither the
distribution list nor the copies, as it reads no edition above it.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "edition_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["edition.id"],
            name=op.f("fk_edition_copy_edition_id_edition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_edition_copy")),
        sa.UniqueConstraint("edition_id", "number", name=op.f("uq_edition_copy_edition_id")),
    )
    op.create_index(op.f("ix_edition_copy_document_id"), "edition_copy", ["document_id"])
    op.create_index(op.f("ix_edition_copy_code"), "edition_copy", ["code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_edition_copy_code"), table_name="edition_copy")
    op.drop_index(op.f("ix_edition_copy_document_id"), table_name="edition_copy")
    op.drop_table("edition_copy")
