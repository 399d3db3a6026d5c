"""Migrations 0012 (travel copies), 0016 (edits passed on) and 0019 (base documents) go
down and up again on both backends, with their server functions."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL

from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config

TABLES = {"travel_copy", "travel_base", "travel_base_record"}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_travel_tables_go_down_and_come_back(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    target: Path | URL = (
        request.getfixturevalue("pg_url") if kind == "postgresql" else tmp_path / "db.sqlite3"
    )
    with Store.at(target) as store, store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        assert set(inspect(connection).get_table_names()) >= TABLES
        command.downgrade(alembic_config(connection), "0011")
        assert not TABLES & set(inspect(connection).get_table_names())
        if kind == "postgresql":
            stamp = "SELECT to_regprocedure('briefing_travel_stamp()')"
            assert connection.execute(text(stamp)).scalar() is None
        command.upgrade(alembic_config(connection), "head")
        assert set(inspect(connection).get_table_names()) >= TABLES
        if kind == "postgresql":
            assert connection.execute(text(stamp)).scalar() is not None


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_raised_edits_go_down_and_come_back_with_the_servers_function(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Migration 0016: the table, and on a server the only way a traveller stores a row."""
    target: Path | URL = (
        request.getfixturevalue("pg_url") if kind == "postgresql" else tmp_path / "db.sqlite3"
    )
    function = "SELECT to_regprocedure('briefing_pass_on(integer, text, text, text, text, text)')"
    with Store.at(target) as store, store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.downgrade(alembic_config(connection), "0015")
        assert "raised_edit" not in inspect(connection).get_table_names()
        if kind == "postgresql":
            assert connection.execute(text(function)).scalar() is None
        command.upgrade(alembic_config(connection), "head")
        assert "raised_edit" in inspect(connection).get_table_names()
        if kind == "postgresql":
            assert connection.execute(text(function)).scalar() is not None


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_copys_base_document_moves_to_its_own_table_and_back(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Migration 0019: a copy taken before it keeps its base, its document and its sync's
    progress; on SQLite the move must not cascade from ``travel_base``'s rebuild."""
    target: Path | URL = (
        request.getfixturevalue("pg_url") if kind == "postgresql" else tmp_path / "db.sqlite3"
    )
    document = zlib.compress(b"the dossier as the traveller was given it")
    base = (
        "INSERT INTO travel_base (copy_uid, server, dossier_slug, login, clearance, taken_at,"
        " base_mark, base_document, pending_sync, audit_sent) VALUES ('c1', 'db/b', 'talks',"
        " 'ann', 2, '2026-12-01 09:00:00', '1:1:', :document, 's1', 7)"
    )
    kept = "SELECT copy_uid, pending_sync, audit_sent FROM travel_base"
    with Store.at(target) as store, store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.downgrade(alembic_config(connection), "0018")
        connection.execute(text(base), {"document": document})
        command.upgrade(alembic_config(connection), "head")
        assert connection.execute(text(kept)).all() == [("c1", "s1", 7)]
        moved = "SELECT copy_uid, document FROM travel_base_document"
        assert connection.execute(text(moved)).all() == [("c1", document)]
        columns = {c["name"] for c in inspect(connection).get_columns("travel_base")}
        assert "base_document" not in columns
        command.downgrade(alembic_config(connection), "0018")
        assert "travel_base_document" not in inspect(connection).get_table_names()
        back = "SELECT copy_uid, pending_sync, audit_sent, base_document FROM travel_base"
        assert connection.execute(text(back)).all() == [("c1", "s1", 7, document)]


def test_the_pass_on_function_asks_the_policies_which_levels_the_login_sees(
    pg_url: URL,
) -> None:
    """Migration 0021: one handling-level filter on the server, the policies' list of
    levels, and not a second comparison of ``handling`` with the clearance."""
    body = "SELECT pg_get_functiondef(to_regprocedure(:name))"
    name = {"name": "briefing_pass_on(integer, text, text, text, text, text)"}
    with Store.at(pg_url) as store, store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        now = connection.execute(text(body), name).scalar_one()
        assert "briefing_cleared_levels()" in now and "r.handling" not in now
        command.downgrade(alembic_config(connection), "0020")
        before = connection.execute(text(body), name).scalar_one()
        assert "r.handling > clearance" in before
        command.upgrade(alembic_config(connection), "head")
