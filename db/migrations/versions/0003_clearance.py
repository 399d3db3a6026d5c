"""Clearance below the record: citations and protected fields carry levels; a child is
never below its parents.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "field_level",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("handling", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handling"],
            ["handling_level.rank"],
            name=op.f("fk_field_level_handling_handling_level"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["record.id"],
            name=op.f("fk_field_level_record_id_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_level")),
        sa.UniqueConstraint("record_id", "field", name=op.f("uq_field_level_record_id")),
    )
    with op.batch_alter_table("field_level", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_field_level_record_id"), ["record_id"], unique=False)
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handling", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_foreign_key(
            batch_op.f("fk_citation_handling_handling_level"),
            "handling_level",
            ["handling"],
            ["rank"],
        )
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.alter_column("handling", server_default=None)
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subtitle_handling", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("scene_handling", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_dossier_subtitle_handling_handling_level"),
            "handling_level",
            ["subtitle_handling"],
            ["rank"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_dossier_scene_handling_handling_level"),
            "handling_level",
            ["scene_handling"],
            ["rank"],
        )
    _raise_floors()


def _raise_floors() -> None:
    """Raise what earlier versions let sit below its parent, and log each change.

    The store's own rule (``briefing.store.visibility.raise_floors``) is used so that a
    migrated database ends up exactly as the app would have kept it.
    """
    from sqlalchemy.orm import Session

    from briefing.store.visibility import raise_floors

    session = Session(bind=op.get_bind())
    log = logging.getLogger("briefing.migrate")
    for (dossier_id,) in session.execute(sa.text("SELECT id FROM dossier")).all():
        for message in raise_floors(session, dossier_id=dossier_id):
            log.warning("%s", message)
    session.flush()


def downgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_dossier_scene_handling_handling_level"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_dossier_subtitle_handling_handling_level"), type_="foreignkey"
        )
        batch_op.drop_column("scene_handling")
        batch_op.drop_column("subtitle_handling")
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_citation_handling_handling_level"), type_="foreignkey"
        )
        batch_op.drop_column("handling")
    with op.batch_alter_table("field_level", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_field_level_record_id"))
    op.drop_table("field_level")
