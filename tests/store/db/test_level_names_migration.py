"""Migration 0024: the handling scale gains a Korean name per level, for Korean books."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL

from briefing.domain import KOREAN_LEVEL_NAMES
from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config

BEFORE = "0023"


def _names(connection: Connection) -> dict[str, str | None]:
    rows = connection.execute(text("SELECT name, name_ko FROM handling_level ORDER BY rank"))
    return {str(row[0]): row[1] for row in rows}


def _goes_up_and_down(store: Store) -> None:
    with store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.downgrade(alembic_config(connection), BEFORE)
        connection.execute(
            text("INSERT INTO handling_level (rank, name, marking) VALUES (4, 'Eyes only', 'E')")
        )
        command.upgrade(alembic_config(connection), "head")
        assert _names(connection) == {**KOREAN_LEVEL_NAMES, "Eyes only": None}
        command.downgrade(alembic_config(connection), BEFORE)
        columns = {c["name"] for c in inspect(connection).get_columns("handling_level")}
        assert "name_ko" not in columns
        command.upgrade(alembic_config(connection), "head")
        assert _names(connection)["Restricted"] == "2급비밀"


def test_the_default_scale_is_named_in_korean_and_a_new_level_is_not(tmp_path: Path) -> None:
    with Store.at(tmp_path / "levels.sqlite3") as store:
        _goes_up_and_down(store)


def test_the_server_scale_is_named_in_korean(pg_url: URL) -> None:
    with Store.at(pg_url) as store:
        _goes_up_and_down(store)
