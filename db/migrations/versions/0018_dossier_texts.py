"""The dossier's subtitle and scene-setter in rows of their own (issue 15).

On a team server the dossier row took the higher of its subtitle's and scene-setter's
levels, so a login cleared below them saw no dossier at all, not even its title, which is
always the lowest level. ``dossier_text`` holds each dossier's subtitle and scene-setter,
one row of each kind with the level it had (None still meaning the dossier's default);
the dossier row keeps the title and, on a server, is at the lowest level. ``briefing
server upgrade`` gives the new table its level column, triggers and policies
(:mod:`briefing.store.server.policies`).

SQLite drops the old columns by rebuilding ``dossier``: with foreign keys on, dropping the
old table would delete every record through their cascades, so this runs only with them
off (:func:`briefing.store.db.migrate.migrate` turns them off around a migration).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = (
    ("subtitle", "subtitle", "subtitle_handling"),
    ("scene_setter", "scene_setter", "scene_handling"),
)
"""Each text's kind, and the dossier's columns that held its text and its level."""

OLD_LEVEL = (
    "greatest(coalesce({row}.subtitle_handling, {row}.default_handling), "
    "coalesce({row}.scene_handling, {row}.default_handling))"
)
NEW_LEVEL = "coalesce((SELECT min(rank) FROM handling_level), 0)"


def _refuse_cascades() -> None:
    """Refuse to rebuild ``dossier`` on SQLite where that would delete its records."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        return
    if bind.exec_driver_sql("SELECT 1 FROM record LIMIT 1").first() is not None:
        raise RuntimeError(
            "migration 0018 rebuilds the dossier table, which with foreign keys on would "
            "delete every record; run it through briefing.store.db.migrate.migrate"
        )


def _server_level(expression: str) -> None:
    """On a server set up with levels, the dossier row's level as ``expression`` has it
    (the function ``briefing server upgrade`` made refers to the columns as they were)."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.exec_driver_sql("SELECT to_regprocedure('briefing_level_dossier()')").scalar() is None:
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION briefing_level_dossier() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN "
        f"NEW.rls_level := {expression.format(row='NEW')}; RETURN NEW; END $$"
    )
    op.execute(f"UPDATE dossier SET rls_level = {expression.format(row='dossier')}")


def upgrade() -> None:
    _refuse_cascades()
    op.create_table(
        "dossier_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("handling", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('subtitle', 'scene_setter')", name=op.f("ck_dossier_text_kind")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_dossier_text_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["handling"],
            ["handling_level.rank"],
            name=op.f("fk_dossier_text_handling_handling_level"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_text")),
        sa.UniqueConstraint("dossier_id", "kind", name=op.f("uq_dossier_text_dossier_id")),
    )
    for kind, text, level in KINDS:
        op.execute(
            "INSERT INTO dossier_text (dossier_id, kind, text, handling) "
            f"SELECT id, '{kind}', coalesce({text}, ''), {level} FROM dossier ORDER BY id"
        )
    _server_level(NEW_LEVEL)
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_dossier_scene_handling_handling_level"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_dossier_subtitle_handling_handling_level"), type_="foreignkey"
        )
        for _kind, text, level in KINDS:
            batch_op.drop_column(level)
            batch_op.drop_column(text)


def downgrade() -> None:
    _refuse_cascades()
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subtitle", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("scene_setter", sa.Text(), nullable=False, server_default=""))
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
    for kind, text, level in KINDS:
        op.execute(
            f"UPDATE dossier SET {text} = coalesce((SELECT t.text FROM dossier_text t "
            f"WHERE t.dossier_id = dossier.id AND t.kind = '{kind}'), ''), "
            f"{level} = (SELECT t.handling FROM dossier_text t "
            f"WHERE t.dossier_id = dossier.id AND t.kind = '{kind}')"
        )
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.alter_column("subtitle", server_default=None)
        batch_op.alter_column("scene_setter", server_default=None)
    _server_level(OLD_LEVEL)
    op.drop_table("dossier_text")
    if op.get_bind().dialect.name == "postgresql":
        for trigger in ("briefing_follow_default", "briefing_guard_default"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON dossier")
        for function in (
            "briefing_follow_default",
            "briefing_guard_default",
            "briefing_guard_text",
            "briefing_level_dossier_text",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
