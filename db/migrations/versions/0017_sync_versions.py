"""A sync reads the records that moved, not the dossier (issue 16): two covering indexes.

A sync compares each record's version with the one its travel copy's base noted. Both
tables hold the records' text inline, so reading a version meant reading (in a copy,
decrypting) every page of the table: ``ix_record_versions`` lets that comparison read an
index of uids and versions instead, on a server and in a copy alike, and
``ix_travel_base_record_versions`` does the same for the base's versions in a copy.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_record_versions", "record", ["dossier_id", "uid", "version", "handling"])
    op.create_index(
        "ix_travel_base_record_versions",
        "travel_base_record",
        ["uid", "server_version", "copy_version"],
    )


def downgrade() -> None:
    op.drop_index("ix_travel_base_record_versions", table_name="travel_base_record")
    op.drop_index("ix_record_versions", table_name="record")
