"""Migration 0025: the dossier's and its records' bilingual texts gain a Korean column,
empty in a database written before it, and lose it again going down."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL

from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config

BEFORE = "0024"
KOREAN = {
    "dossier": {"title_ko"},
    "dossier_text": {"text_ko"},
    "meeting_brief": {
        "purpose_ko",
        "desired_outcome_ko",
        "run_of_meeting_ko",
        "our_objectives_ko",
        "their_objectives_ko",
    },
    "talking_point": {"text_ko"},
}


def _korean_columns(connection: Connection) -> dict[str, set[str]]:
    found = inspect(connection)
    return {
        table: {c["name"] for c in found.get_columns(table) if c["name"].endswith("_ko")}
        for table in KOREAN
    }


def _goes_up_and_down(store: Store) -> None:
    with store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.downgrade(alembic_config(connection), BEFORE)
        assert _korean_columns(connection) == {table: set() for table in KOREAN}
        connection.execute(
            text(
                "INSERT INTO dossier (slug, title, default_handling, count_days_from) "
                "VALUES ('old', 'Written before', 0, 'today')"
            )
        )
        command.upgrade(alembic_config(connection), "head")
        assert _korean_columns(connection) == KOREAN
        title_ko = connection.execute(text("SELECT title_ko FROM dossier WHERE slug = 'old'"))
        assert title_ko.scalar_one() == ""


def test_the_korean_columns_come_and_go(tmp_path: Path) -> None:
    with Store.at(tmp_path / "korean.sqlite3") as store:
        _goes_up_and_down(store)


def test_the_korean_columns_come_and_go_on_a_server(pg_url: URL) -> None:
    with Store.at(pg_url) as store:
        _goes_up_and_down(store)
