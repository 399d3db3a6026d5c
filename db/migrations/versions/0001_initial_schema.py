"""Initial schema: records, dossiers, the default handling scale and the search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handling_level",
        sa.Column("rank", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("marking", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("rank", name=op.f("pk_handling_level")),
        sa.UniqueConstraint("name", name=op.f("uq_handling_level_name")),
    )
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("subtitle", sa.String(length=300), nullable=False),
        sa.Column("scene_setter", sa.Text(), nullable=False),
        sa.Column("prepared_for_id", sa.Integer(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("default_handling", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["default_handling"],
            ["handling_level.rank"],
            name=op.f("fk_dossier_default_handling_handling_level"),
        ),
        sa.ForeignKeyConstraint(
            ["prepared_for_id"],
            ["party.id"],
            name=op.f("fk_dossier_prepared_for_id_party"),
            ondelete="SET NULL",
            use_alter=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
        sa.UniqueConstraint("slug", name=op.f("uq_dossier_slug")),
    )
    op.create_table(
        "record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("handling", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_record_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["handling"],
            ["handling_level.rank"],
            name=op.f("fk_record_handling_handling_level"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record")),
        sa.UniqueConstraint("dossier_id", "uid", name=op.f("uq_record_dossier_id")),
    )
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_record_kind"), ["kind"], unique=False)

    op.create_table(
        "alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["record.id"],
            name=op.f("fk_alias_record_id_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alias")),
    )
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alias_record_id"), ["record_id"], unique=False)

    op.create_table(
        "party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("colour", sa.String(length=9), nullable=False),
        sa.ForeignKeyConstraint(
            ["id"], ["record.id"], name=op.f("fk_party_id_record"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party")),
    )
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("publisher", sa.String(length=300), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("full_text", sa.Text(), nullable=False),
        sa.Column(
            "reliability",
            sa.Enum(
                "A",
                "B",
                "C",
                "D",
                "E",
                "F",
                name="reliability",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.CheckConstraint(
            "reliability IN ('A','B','C','D','E','F')", name=op.f("ck_source_grade")
        ),
        sa.ForeignKeyConstraint(
            ["id"], ["record.id"], name=op.f("fk_source_id_record"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
    )
    op.create_table(
        "talking_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column(
            "point_kind",
            sa.Enum(
                "to_make",
                "defensive",
                "press_line",
                name="pointkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["id"],
            ["record.id"],
            name=op.f("fk_talking_point_id_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["record.id"],
            name=op.f("fk_talking_point_subject_id_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talking_point")),
    )
    with op.batch_alter_table("talking_point", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_talking_point_subject_id"), ["subject_id"], unique=False
        )

    op.create_table(
        "bargaining_chip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column(
            "chip_kind",
            sa.Enum(
                "offer",
                "ask",
                "leverage",
                "red_line",
                "concern",
                name="chipkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("value_amount", sa.BigInteger(), nullable=True),
        sa.Column("value_currency", sa.String(length=3), nullable=False),
        sa.Column("value_note", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "floated",
                "on_the_table",
                "off_the_table",
                "denied",
                "agreed",
                name="chipstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column(
            "likelihood",
            sa.Enum(
                "certain",
                "possible",
                "unlikely",
                name="likelihood",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("our_target", sa.Text(), nullable=False),
        sa.Column("our_minimum", sa.Text(), nullable=False),
        sa.Column("their_position", sa.Text(), nullable=False),
        sa.Column("tradeable", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["id"],
            ["record.id"],
            name=op.f("fk_bargaining_chip_id_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_bargaining_chip_party_id_party"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bargaining_chip")),
    )
    op.create_table(
        "citation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("locator", sa.String(length=200), nullable=False),
        sa.Column(
            "stance",
            sa.Enum(
                "supports",
                "disputes",
                "mentions",
                name="stance",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("credibility", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "stance IN ('supports','disputes','mentions')",
            name=op.f("ck_citation_stance"),
        ),
        sa.CheckConstraint("credibility BETWEEN 1 AND 6", name=op.f("ck_citation_credibility")),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["record.id"],
            name=op.f("fk_citation_record_id_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_citation_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citation")),
    )
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citation_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_citation_source_id"), ["source_id"], unique=False)

    op.create_table(
        "organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("acronym", sa.String(length=40), nullable=False),
        sa.Column(
            "org_kind",
            sa.Enum(
                "ministry",
                "agency",
                "legislature",
                "press",
                "association",
                "government",
                "company",
                "international",
                "think_tank",
                "other",
                name="orgkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["id"],
            ["record.id"],
            name=op.f("fk_organization_id_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_organization_party_id_party"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("native_name", sa.String(length=200), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("photo", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["id"], ["record.id"], name=op.f("fk_person_id_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_person_party_id_party"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["id"],
            ["record.id"],
            name=op.f("fk_appointment_id_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_appointment_organization_id_organization"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_appointment_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appointment_person_id"), ["person_id"], unique=False)

    op.create_table(
        "chip_sector",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chip_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["chip_id"],
            ["bargaining_chip.id"],
            name=op.f("fk_chip_sector_chip_id_bargaining_chip"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chip_sector")),
    )
    with op.batch_alter_table("chip_sector", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chip_sector_chip_id"), ["chip_id"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "event_kind",
            sa.Enum(
                "meeting",
                "call",
                "summit",
                "deadline",
                "election",
                "announcement",
                name="eventkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column(
            "precision",
            sa.Enum(
                "day",
                "week",
                "month",
                "approximate",
                name="dateprecision",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "held",
                "postponed",
                "cancelled",
                name="eventstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["id"], ["record.id"], name=op.f("fk_event_id_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["person.id"],
            name=op.f("fk_event_owner_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_start_date"), ["start_date"], unique=False)

    op.create_table(
        "chip_event",
        sa.Column("chip_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["chip_id"],
            ["bargaining_chip.id"],
            name=op.f("fk_chip_event_chip_id_bargaining_chip"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_chip_event_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chip_id", "event_id", name=op.f("pk_chip_event")),
    )
    op.create_table(
        "delegation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_delegation_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["id"],
            ["record.id"],
            name=op.f("fk_delegation_id_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_delegation_party_id_party"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation")),
    )
    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_participant",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_participant_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_event_participant_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "person_id", name=op.f("pk_event_participant")),
    )
    op.create_table(
        "meeting_brief",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("desired_outcome", sa.Text(), nullable=False),
        sa.Column("run_of_meeting", sa.Text(), nullable=False),
        sa.Column("our_objectives", sa.Text(), nullable=False),
        sa.Column("their_objectives", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_meeting_brief_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["id"],
            ["record.id"],
            name=op.f("fk_meeting_brief_id_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_brief")),
        sa.UniqueConstraint("event_id", name=op.f("uq_meeting_brief_event_id")),
    )
    op.create_table(
        "delegation_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_head", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegation.id"],
            name=op.f("fk_delegation_member_delegation_id_delegation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_delegation_member_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_member")),
    )
    with op.batch_alter_table("delegation_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_delegation_member_delegation_id"),
            ["delegation_id"],
            unique=False,
        )

    levels = sa.table(
        "handling_level",
        sa.column("rank", sa.Integer),
        sa.column("name"),
        sa.column("marking"),
    )
    op.bulk_insert(
        levels,
        [
            {"rank": 0, "name": "Public", "marking": "P"},
            {"rank": 1, "name": "Internal", "marking": "I"},
            {"rank": 2, "name": "Confidential", "marking": "C"},
            {"rank": 3, "name": "Restricted", "marking": "R"},
        ],
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "title, body, kind UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_index")
    with op.batch_alter_table("delegation_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_member_delegation_id"))

    op.drop_table("delegation_member")
    op.drop_table("meeting_brief")
    op.drop_table("event_participant")
    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_event_id"))

    op.drop_table("delegation")
    op.drop_table("chip_event")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_start_date"))

    op.drop_table("event")
    with op.batch_alter_table("chip_sector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chip_sector_chip_id"))

    op.drop_table("chip_sector")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_person_id"))

    op.drop_table("appointment")
    op.drop_table("person")
    op.drop_table("organization")
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citation_source_id"))
        batch_op.drop_index(batch_op.f("ix_citation_record_id"))

    op.drop_table("citation")
    op.drop_table("bargaining_chip")
    with op.batch_alter_table("talking_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talking_point_subject_id"))

    op.drop_table("talking_point")
    op.drop_table("source")
    op.drop_table("party")
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alias_record_id"))

    op.drop_table("alias")
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_kind"))
        batch_op.drop_index(batch_op.f("ix_record_dossier_id"))

    op.drop_table("record")
    op.drop_table("dossier")
    op.drop_table("handling_level")
