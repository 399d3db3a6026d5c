"""Migration 0028: a kept conflict's refusal is its message and arguments, said in the
reader's language; going down gives each its English back, as an earlier Briefing shows
it, and a reason kept before reads as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL

from briefing.errors import Phrase
from briefing.i18n import translator
from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config
from briefing.store.sync.apply_items import HAS_NO
from briefing.store.sync.conflicts import Found, keep, listed
from briefing.store.sync.operations import Conflict, ConflictType

ENGLISH = "c-1: a record of kind bargaining chip has no members"


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_0028_keeps_each_reason_readable_down_and_up(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    target: Path | URL = (
        request.getfixturevalue("pg_url") if kind == "postgresql" else tmp_path / "db.sqlite3"
    )
    conflict = Conflict("c-1", "bargaining_chip", ConflictType.EDIT_EDIT, [], ["x"], [], "members")
    reason = Phrase(HAS_NO, uid="c-1", kind=Phrase("bargaining chip"), field="members")
    with Store.at(target) as store:
        with store.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        with store.session() as session:
            keep(session, "sync-1", [Found(conflict, reason=reason)], dt.datetime(2026, 12, 6))
        with store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0027")
            columns = {c["name"] for c in inspect(connection).get_columns("travel_conflict")}
            assert "reason_arguments" not in columns
            held = connection.execute(text("SELECT reason FROM travel_conflict")).scalar_one()
            assert held == ENGLISH
            command.upgrade(alembic_config(connection), "head")
        with store.session() as session:
            (kept,) = listed(session)
        assert kept.reason is not None
        assert kept.reason.said(translator("ko").gettext) == ENGLISH
