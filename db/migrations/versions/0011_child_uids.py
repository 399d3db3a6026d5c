"""Stable keys for the rows below a record, so a field-level merge can pair them across
two databases (issue 16).

A citation gets a ``uid``, unique within its record (files nest a citation in its record,
and a merge pairs records before their citations). The rows there are get the id an
import gives a citation that comes without one (``derived_citation_uid``): a hash of its
record's and source's uids, its excerpt and locator, and how often that passage was cited
in the record before it. Two databases that took in the same dossier file therefore agree
on their citations' ids after this upgrade, as they agree on their records'.

Aliases and chip sectors are values whose text is their key, and a delegation's member is
keyed by the person: each becomes unique within its record, and repeats are removed first
(the lowest id stays; of a person listed twice on a delegation, the head mark, else the
earlier place, stays). A downgrade drops the ids and the rules, not the repeats.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 10_000

_KEYS = (
    ("alias", ("record_id", "name")),
    ("chip_sector", ("chip_id", "name")),
)
"""Value tables and the columns a row is unique by, the first naming its owner."""


def _citation_uid(record: str, source: str, excerpt: str, locator: str, repeat: int) -> str:
    """``briefing.domain.sources.derived_citation_uid``, written here so the migration does
    not change with the app (a test checks the two agree)."""
    parts = (record, source, excerpt, locator, str(repeat))
    key = "".join(f"{len(part)}:{part}" for part in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _remove_repeats() -> None:
    for table, (owner, value) in _KEYS:
        op.execute(
            f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM {table} AS first "
            f"WHERE first.{owner} = {table}.{owner} AND first.{value} = {table}.{value} "
            f"AND first.id < {table}.id)"
        )
    op.execute(
        "DELETE FROM delegation_member WHERE EXISTS (SELECT 1 FROM delegation_member AS kept "
        "WHERE kept.delegation_id = delegation_member.delegation_id "
        "AND kept.person_id = delegation_member.person_id AND ("
        "(kept.is_head AND NOT delegation_member.is_head) "
        "OR (kept.is_head = delegation_member.is_head AND (kept.position, kept.id) < "
        "(delegation_member.position, delegation_member.id))))"
    )


def _fill_citation_uids() -> None:
    """Each citation's derived id, in id order (an import's file order)."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT c.id, c.record_id, r.uid, s.uid, c.excerpt, c.locator FROM citation AS c "
            "JOIN record AS r ON r.id = c.record_id JOIN record AS s ON s.id = c.source_id "
            "ORDER BY c.id"
        ).execution_options(stream_results=True, yield_per=_BATCH)
    )
    seen: dict[tuple[int, str], int] = {}
    uids: list[dict[str, object]] = []
    for citation_id, record_id, record, source, excerpt, locator in rows:
        first = _citation_uid(record, source, excerpt, locator, 0)
        repeat = seen.get((record_id, first), 0)
        seen[(record_id, first)] = repeat + 1
        uid = first if not repeat else _citation_uid(record, source, excerpt, locator, repeat)
        uids.append({"uid": uid, "id": citation_id})
    update = sa.text("UPDATE citation SET uid = :uid WHERE id = :id")
    for start in range(0, len(uids), _BATCH):
        bind.execute(update, uids[start : start + _BATCH])


def upgrade() -> None:
    _remove_repeats()
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=120), nullable=True))
    _fill_citation_uids()
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=120), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_citation_record_id"), ["record_id", "uid"])
    for table, columns in (*_KEYS, ("delegation_member", ("delegation_id", "person_id"))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_unique_constraint(batch_op.f(f"uq_{table}_{columns[0]}"), columns)


def downgrade() -> None:
    for table, columns in (*_KEYS, ("delegation_member", ("delegation_id", "person_id"))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"uq_{table}_{columns[0]}"), type_="unique")
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_citation_record_id"), type_="unique")
        batch_op.drop_column("uid")
