"""Each handling level gains its name in a Korean book (issue 18).

A book is printed in the export's language, banners and markings included, so the scale
a ministry keeps in its database names each rung in Korean too. ``name_ko`` is empty for
a rung nobody named in Korean (a book then prints its English name); the default scale's
rungs are named here, in the Korean government's terms (resources/locale/glossary.md).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KOREAN = {
    "Public": "공개",
    "Internal": "대외비",
    "Confidential": "3급비밀",
    "Restricted": "2급비밀",
}
"""As :data:`briefing.domain.base.KOREAN_LEVEL_NAMES` was when this revision was written."""


def upgrade() -> None:
    op.add_column("handling_level", sa.Column("name_ko", sa.String(length=40), nullable=True))
    levels = sa.table("handling_level", sa.column("name"), sa.column("name_ko"))
    for english, korean in _KOREAN.items():
        op.execute(levels.update().where(levels.c.name == english).values(name_ko=korean))


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can): a batch rebuild of the table every record refers
    # to fails while foreign keys are on (a downgrade run other than by migrate()).
    op.execute("ALTER TABLE handling_level DROP COLUMN name_ko")
