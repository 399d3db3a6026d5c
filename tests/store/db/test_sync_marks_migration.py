"""Migration 0023: each side of a sync notes what changes, so a sync need not read every
version; a copy taken before it starts with its notes filled from the full comparison."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL

from briefing.generator import generate_into
from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config

BEFORE = "0022"
NOTED = "SELECT uid FROM travel_moved ORDER BY uid"


def _uids(connection: Connection) -> list[str]:
    return list(connection.execute(text("SELECT uid FROM record ORDER BY uid")).scalars())


def test_a_copy_taken_before_notes_what_differs_from_its_base_and_then_each_change(
    tmp_path: Path,
) -> None:
    with Store.at(tmp_path / "copy.sqlite3") as store:
        with store.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        generate_into(store, people=3, events=3, chips=1, sources=1, slug="talks", seed=1)
        with store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), BEFORE)
            assert "travel_moved" not in inspect(connection).get_table_names()
            edited, *kept = _uids(connection)
            connection.execute(
                text(
                    "INSERT INTO travel_base (copy_uid, server, dossier_slug, login, clearance, "
                    "taken_at, base_mark) VALUES ('c1', 'db/b', 'talks', 'ann', 2, "
                    "'2026-12-01 09:00:00', '5:9:')"
                )
            )
            base = "INSERT INTO travel_base_record VALUES (:u, 'person', 1, :v, '{}')"
            for uid in [*kept, "deleted-on-the-plane"]:
                connection.execute(text(base), {"u": uid, "v": 1})
            connection.execute(text(base), {"u": edited, "v": 0})  # saved since its base
            command.upgrade(alembic_config(connection), "head")
            noted = list(connection.execute(text(NOTED)).scalars())
            assert noted == sorted([edited, "deleted-on-the-plane"])
            # Its base mark predates the server's marks: its next sync compares everything.
            assert connection.execute(text("SELECT base_mark FROM travel_base")).scalar() == ""
            connection.execute(text("DELETE FROM travel_moved"))
            connection.execute(
                text("UPDATE record SET version = version + 1 WHERE uid = :u"), {"u": kept[0]}
            )
            connection.execute(text("DELETE FROM citation"))
            connection.execute(text("DELETE FROM record WHERE uid = :u"), {"u": kept[1]})
            assert list(connection.execute(text(NOTED)).scalars()) == sorted(kept[:2])
            command.downgrade(alembic_config(connection), BEFORE)
            assert "travel_moved" not in inspect(connection).get_table_names()


def test_a_file_without_a_base_notes_nothing(tmp_path: Path) -> None:
    with Store.at(tmp_path / "file.sqlite3") as store:
        with store.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        generate_into(store, people=2, events=2, chips=1, sources=1, slug="talks", seed=1)
        with store.engine.begin() as connection:
            assert connection.execute(text(NOTED)).all() == []


def test_the_server_marks_each_write_and_notes_departures_and_goes_down_and_up(
    pg_url: URL,
) -> None:
    with Store.at(pg_url) as store:
        with store.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        generate_into(store, people=3, events=3, chips=1, sources=1, slug="talks", seed=1)
        with store.engine.begin() as connection:
            mark = connection.execute(text("SELECT pg_current_snapshot()::text")).scalar_one()
        since = (
            "SELECT uid FROM record WHERE sync_mark >= pg_snapshot_xmin(CAST(:m AS pg_snapshot))"
        )
        with store.engine.begin() as connection:
            assert connection.execute(text(since), {"m": mark}).all() == []
            edited, raised, deleted, *_ = _uids(connection)
            connection.execute(text("UPDATE record SET notes = 'x' WHERE uid = :u"), {"u": edited})
            connection.execute(text("UPDATE record SET handling = 3 WHERE uid = :u"), {"u": raised})
            connection.execute(text("DELETE FROM citation"))
            connection.execute(text("DELETE FROM record WHERE uid = :u"), {"u": deleted})
        with store.engine.begin() as connection:
            assert set(connection.execute(text(since), {"m": mark}).scalars()) == {edited, raised}
            left = since.replace("FROM record", "FROM record_departure")
            assert set(connection.execute(text(left), {"m": mark}).scalars()) == {raised, deleted}
            command.downgrade(alembic_config(connection), BEFORE)
            names = inspect(connection).get_table_names()
            assert "record_departure" not in names and "travel_moved" not in names
            columns = {c["name"] for c in inspect(connection).get_columns("record")}
            assert "sync_mark" not in columns
            function = "SELECT to_regprocedure('briefing_record_departure()')"
            assert connection.execute(text(function)).scalar() is None
            command.upgrade(alembic_config(connection), "head")
            assert connection.execute(text(function)).scalar() is not None
