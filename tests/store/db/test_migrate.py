"""Schema migrations: from empty to head, models in step, and files we must not touch."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from briefing.domain import Base
from briefing.errors import DatabaseRefused
from briefing.store.db.backup import list_backups
from briefing.store.db.migrate import alembic_config, head_revision, open_store
from tests.conftest import file_digest


def test_empty_to_head_creates_every_table(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite3", seed_sample=False)
    with store.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = MigrationContext.configure(connection).get_current_revision()
    store.close()
    assert revision == head_revision()
    assert set(Base.metadata.tables) <= tables
    assert "search_index" in tables


def test_models_match_migrations(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite3", seed_sample=False)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_object": lambda o, n, t, r, c: not (n or "").startswith("search_index")},
        )
        differences = compare_metadata(context, Base.metadata)
    store.close()
    assert differences == []


def test_downgrade_to_empty_and_back(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            command.downgrade(alembic_config(connection), "base")
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
            command.upgrade(alembic_config(connection), "head")
            assert "record" in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_older_schema_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    engine.dispose()
    before = file_digest(path)

    store = open_store(path, seed_sample=False)
    store.close()

    backups = list_backups(path)
    assert len(backups) == 1
    assert "before-" in backups[0].name
    with closing(sqlite3.connect(backups[0])) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with closing(sqlite3.connect(path)) as current:
        assert current.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
    assert file_digest(path) != before


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    store = open_store(path, seed_sample=False)
    store.close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.commit()
    before = file_digest(path)
    with pytest.raises(DatabaseRefused, match="newer version of Briefing"):
        open_store(path)
    assert file_digest(path) == before
    assert list_backups(path) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text, not a database\n", "not an SQLite file"),
        (b"SQLite format 3\x00" + b"\x00" * 40, "cannot be read"),
    ],
)
def test_files_that_are_not_our_databases_are_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "odd.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseRefused, match=message):
        open_store(path)
    assert path.read_bytes() == content


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
        connection.commit()
    before = file_digest(path)
    with pytest.raises(DatabaseRefused, match="not a Briefing one"):
        open_store(path)
    assert file_digest(path) == before


def test_connections_use_wal_foreign_keys_and_full_sync(tmp_path: Path) -> None:
    store = open_store(tmp_path / "p.sqlite3", seed_sample=False)
    with store.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA synchronous").scalar() == 2
        assert pragma("PRAGMA busy_timeout").scalar() >= 5000
    store.close()


def test_revisions_read_from_headers_match_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    from briefing.store.db.migrate import known_revisions

    assert known_revisions() == {s.revision for s in script.walk_revisions()}


def test_opening_a_current_database_does_not_load_alembic(sample_db: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from briefing.store.db.migrate import open_store; "
        f"open_store({str(sample_db)!r}, seed_sample=False).close(); "
        "print('alembic' in sys.modules, 'reportlab' in sys.modules, 'pydantic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "False"]
