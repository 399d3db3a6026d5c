"""Opening a database safely: refuse what we must not touch, back up, migrate, seed.

A file is inspected read-only before anything writes to it (even setting WAL mode
writes to the header), so a file we refuse is left byte for byte as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.engine import URL

from briefing.assets import migrations_dir, sample_dossier_path
from briefing.errors import DatabaseRefused
from briefing.store.backup import backup_database
from briefing.store.database import (
    SQLITE_HEADER,
    Store,
    database_url,
    make_engine,
    sqlite_path,
)


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _inspect_sqlite_file(path: Path) -> str | None:
    """The file's schema revision, read without writing; raises if it is not ours."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseRefused(f"{path} is not a Briefing database (not an SQLite file)")
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseRefused(
                        f"{path} is an SQLite database but not a Briefing one; it was not changed"
                    )
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"{path} cannot be read ({exc}); it may be damaged. "
            "It was not changed: restore a copy from its backups folder."
        ) from exc
    return str(row[0]) if row else None


def _check_revision(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise DatabaseRefused(
            f"{where} was written by a newer version of Briefing (schema {revision}); "
            f"this version knows schemas up to {head_revision()}. It was not changed: "
            "update Briefing to open it."
        )


def upgrade(store: Store) -> bool:
    """Bring the schema to head, backing up a SQLite file first; True if anything ran."""
    with store.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    _check_revision(current, store.location)
    if current == head_revision():
        return False
    path = store.path
    if current is not None and path is not None:
        backup_database(path, f"before-{head_revision()}")
    with store.engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
    return True


def open_store(target: str | Path | URL, *, seed_sample: bool = True) -> Store:
    """Open (creating if needed) the database at ``target``, migrated to the current schema.

    A database created here gets the sample dossier when ``seed_sample`` is true, so a
    first start shows something real to explore.
    """
    url = target if isinstance(target, URL) else database_url(target)
    path = sqlite_path(url)
    fresh = True
    if path is not None and path.exists() and path.stat().st_size > 0:
        revision = _inspect_sqlite_file(path)
        _check_revision(revision, str(path))
        fresh = revision is None
    elif path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(url, make_engine(url))
    try:
        if path is None:
            with store.engine.connect() as connection:
                fresh = not inspect(connection).has_table("alembic_version")
        upgrade(store)
        if fresh and seed_sample:
            from briefing.store.exchange import import_file

            import_file(store, sample_dossier_path())
    except BaseException:
        store.close()
        raise
    return store
