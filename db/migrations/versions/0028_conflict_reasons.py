"""A kept conflict's refusal said in the reader's language (issue 18).

Why the server refused a traveller's change was kept as English text. It is now kept as
a check's finding is: ``travel_conflict.reason`` holds the message id, and the new
``reason_arguments`` the arguments that fill it (JSON), so the Conflicts page and
``briefing travel conflicts`` say it in their language. A conflict kept before has no
arguments, and its English reason is shown as it was.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONFLICT = sa.table(
    "travel_conflict",
    sa.column("id", sa.Integer),
    sa.column("reason", sa.Text),
    sa.column("reason_arguments", sa.Text),
)


def _english(template: str, arguments: dict[str, Any]) -> str:
    """The message filled with its arguments, each kept phrase (a kind's name) in turn."""
    return template.format(
        **{
            name: _english(value["message"], value["arguments"])
            if isinstance(value, dict)
            else value
            for name, value in arguments.items()
        }
    )


def upgrade() -> None:
    with op.batch_alter_table("travel_conflict", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason_arguments", sa.Text(), nullable=True))


def downgrade() -> None:
    # Each reason goes back to its English, as an earlier Briefing shows it.
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_CONFLICT.c.id, _CONFLICT.c.reason, _CONFLICT.c.reason_arguments).where(
            _CONFLICT.c.reason_arguments.is_not(None)
        )
    ).all()
    for row in rows:
        english = _english(row.reason, json.loads(row.reason_arguments or "{}"))
        connection.execute(
            sa.update(_CONFLICT).where(_CONFLICT.c.id == row.id).values(reason=english)
        )
    op.execute("ALTER TABLE travel_conflict DROP COLUMN reason_arguments")
