"""The dossier's and its records' texts gain a Korean version (issue 18).

A Korean team writes its dossier in Korean and English, so a Korean and an English book
of it can lie side by side. Each bilingual field (``bilingual=True`` in
:mod:`briefing.domain.registry`) gains a ``<field>_ko`` column beside its English, the
dossier a ``title_ko`` and each of its texts (subtitle, scene-setter) a ``text_ko`` in its
row, so the Korean has the English's level wherever it is kept. Empty means there is no
Korean text: a Korean book prints the English there.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS: tuple[tuple[str, str, sa.types.TypeEngine[str]], ...] = (
    ("dossier", "title_ko", sa.String(length=300)),
    ("dossier_text", "text_ko", sa.Text()),
    ("meeting_brief", "purpose_ko", sa.Text()),
    ("meeting_brief", "desired_outcome_ko", sa.Text()),
    ("meeting_brief", "run_of_meeting_ko", sa.Text()),
    ("meeting_brief", "our_objectives_ko", sa.Text()),
    ("meeting_brief", "their_objectives_ko", sa.Text()),
    ("talking_point", "text_ko", sa.Text()),
)
"""As the models declared them when this revision was written."""


def upgrade() -> None:
    for table, column, kind in COLUMNS:
        op.add_column(table, sa.Column(column, kind, nullable=False, server_default=""))


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can): a batch rebuild of tables other rows refer to
    # fails while foreign keys are on (a downgrade run other than by migrate()).
    for table, column, _kind in reversed(COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
