"""Migration 0011 (issue 16): citations get the ids an import derives, repeated aliases,
sectors and members go, and the rules hold, on a SQLite file and on a team server whose
row-level security is in place (``server upgrade``); and back down again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from briefing.assets import sample_dossier_path
from briefing.store.db.database import Store
from briefing.store.db.migrate import (
    alembic_config,
    head_revision,
    migrate,
    open_store,
    schema_revision,
)
from briefing.store.exchange.writing import import_file
from briefing.store.server.setup import initialise, upgrade_server

CITATIONS = (
    "SELECT r.uid, s.uid, c.excerpt, c.locator, c.uid FROM citation AS c "
    "JOIN record AS r ON r.id = c.record_id JOIN record AS s ON s.id = c.source_id"
)


def _columns(connection: Connection) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns("citation")}


def _repeat_children(connection: Connection) -> tuple[int, int]:
    """Before 0011: an alias and a sector twice, and a member listed again later as head.
    Returns that member's delegation and person."""
    connection.execute(
        text("INSERT INTO alias (record_id, name) SELECT record_id, name FROM alias LIMIT 1")
    )
    connection.execute(
        text(
            "INSERT INTO chip_sector (chip_id, name) SELECT chip_id, name FROM chip_sector LIMIT 1"
        )
    )
    delegation, person = connection.execute(
        text(
            "SELECT delegation_id, person_id FROM delegation_member WHERE NOT is_head "
            "ORDER BY id LIMIT 1"
        )
    ).one()
    connection.execute(
        text(
            "INSERT INTO delegation_member (delegation_id, person_id, role, position, is_head) "
            "VALUES (:d, :p, 'head after all', 99, true)"
        ),
        {"d": delegation, "p": person},
    )
    return delegation, person


def _check_upgraded(store: Store, member: tuple[int, int], expected: set[tuple[str, ...]]) -> None:
    with store.engine.connect() as connection:
        assert {tuple(row) for row in connection.execute(text(CITATIONS))} == expected
        for table, owner, key in (
            ("alias", "record_id", "name"),
            ("chip_sector", "chip_id", "name"),
            ("delegation_member", "delegation_id", "person_id"),
        ):
            repeats = connection.execute(
                text(f"SELECT count(*) FROM {table} GROUP BY {owner}, {key} HAVING count(*) > 1")
            ).first()
            assert repeats is None, table
        kept = connection.execute(
            text(
                "SELECT role, is_head FROM delegation_member "
                "WHERE delegation_id = :d AND person_id = :p"
            ),
            {"d": member[0], "p": member[1]},
        ).one()
        assert (kept.role, bool(kept.is_head)) == ("head after all", True)
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO alias (record_id, name) SELECT record_id, name FROM alias LIMIT 1")
        )


def _imported_citations(tmp_path: Path) -> set[tuple[str, ...]]:
    """The citations, with their ids, of the sample imported into a new file."""
    fresh = open_store(tmp_path / "fresh.sqlite3", seed_sample=False)
    try:
        import_file(fresh, sample_dossier_path())
        with fresh.engine.connect() as connection:
            return {tuple(row) for row in connection.execute(text(CITATIONS))}
    finally:
        fresh.close()


def test_0011_on_a_file_gives_citations_their_import_ids(sample_db: Path, tmp_path: Path) -> None:
    expected = _imported_citations(tmp_path)
    with Store.at(sample_db) as store:
        with store.engine.connect() as connection:
            migrate(connection, "0010", down=True)
        with store.engine.begin() as connection:
            member = _repeat_children(connection)
    upgraded = open_store(sample_db, seed_sample=False)
    try:
        _check_upgraded(upgraded, member, expected)
        with upgraded.engine.connect() as connection:
            migrate(connection, "0010", down=True)
            assert "uid" not in _columns(connection)
            connection.rollback()
            migrate(connection, "head")
        assert schema_revision(upgraded) == head_revision()
    finally:
        upgraded.close()


def test_server_upgrade_runs_0011_under_row_level_security(
    pg_sample_url: URL, tmp_path: Path
) -> None:
    """A server set up before 0011 (policies, level columns and triggers on every content
    table) takes it through ``server upgrade``, and its citations get the same ids as a
    file's: the two can merge."""
    expected = _imported_citations(tmp_path)
    with Store.at(pg_sample_url) as store:
        initialise(store)
        with store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0010")
            assert "uid" not in _columns(connection)
            member = _repeat_children(connection)
        upgrade_server(store)
        assert schema_revision(store) == head_revision()
        _check_upgraded(store, member, expected)
        with store.engine.connect() as connection:
            unprotected = connection.execute(
                text(
                    "SELECT relname FROM pg_class WHERE relname IN "
                    "('citation', 'alias', 'chip_sector', 'delegation_member') "
                    "AND NOT (relrowsecurity AND relforcerowsecurity)"
                )
            ).all()
            assert unprotected == []
