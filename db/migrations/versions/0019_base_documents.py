"""A travel copy keeps the dossier file it was filled from in a table of its own.

``travel_base.base_document`` sat before the columns a sync updates (``pending_sync``,
``audit_sent``, ``audit_upto``), and SQLite rewrites a whole row on update: every sync
wrote the dossier's compressed file twice. ``travel_base_document`` holds it now, one row
per copy, written once when the copy is taken.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "travel_base_document",
        sa.Column("copy_uid", sa.String(length=36), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["copy_uid"],
            ["travel_base.copy_uid"],
            name=op.f("fk_travel_base_document_copy_uid_travel_base"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("copy_uid", name=op.f("pk_travel_base_document")),
    )
    op.execute(
        "INSERT INTO travel_base_document (copy_uid, document) "
        "SELECT copy_uid, base_document FROM travel_base"
    )
    # Not a batch rebuild: on SQLite that drops and re-creates ``travel_base``, and the
    # drop would cascade to the rows just copied. Both dialects drop a column in place.
    op.execute("ALTER TABLE travel_base DROP COLUMN base_document")


def downgrade() -> None:
    # Nullable: a column added to rows that exist cannot be NOT NULL without a default,
    # and every row gets its document back just below.
    op.add_column("travel_base", sa.Column("base_document", sa.LargeBinary(), nullable=True))
    op.execute(
        "UPDATE travel_base SET base_document = (SELECT document FROM travel_base_document "
        "WHERE travel_base_document.copy_uid = travel_base.copy_uid)"
    )
    op.drop_table("travel_base_document")
