"""Opening a database safely: refuse what we must not touch, back up, migrate, seed.

A file is inspected read-only before anything writes to it (even setting WAL mode
writes to the header), so a file we refuse is left byte for byte as it was. Alembic is
imported only when a schema actually needs upgrading: the revisions are read from the
migration files' headers, which keeps an ordinary start-up fast.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from briefing.assets import migrations_dir, sample_dossier_path
from briefing.errors import (
    DatabaseMissing,
    DatabaseRefused,
    PassphraseNeeded,
    Phrase,
    WrongPassphrase,
)
from briefing.i18n import N_
from briefing.store.db.backup import backup_database, backup_folder, backup_if_due, list_backups
from briefing.store.db.database import (
    Access,
    Store,
    connect_sqlite,
    connection_refused,
    database_url,
    is_server,
    sqlite_path,
)
from briefing.store.db.encryption import is_encrypted
from briefing.store.db.server import PasswordNeeded, needs_password

if TYPE_CHECKING:
    from alembic.config import Config

_REVISION = re.compile(r"^revision: str = [\"'](\w+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision: str \| None = (?:[\"'](\w+)[\"']|None)", re.M)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration of our migrations, run on ``connection`` when given: for the
    upgrade on opening, and for walking the revisions by hand (down to an older schema, to
    prove a migration or a refusal on it)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _revision_graph() -> dict[str, str | None]:
    """Each migration's revision and the one it follows, read from the files' headers."""
    graph: dict[str, str | None] = {}
    for script in (migrations_dir() / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        assert revision and down, f"{script.name} lacks a revision header"
        graph[revision.group(1)] = down.group(1)
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    assert len(heads) == 1, f"the migrations must form one line, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


DAMAGED = N_("{path} is damaged ({reason}). {hint}")


def _backups_hint(path: Path) -> Phrase:
    backups = list_backups(path)
    if not backups:
        return Phrase(
            N_("It was not changed. There are no backups in {folder}."), folder=backup_folder(path)
        )
    return Phrase(
        N_(
            "It was not changed. {count} backup(s) are in {folder}, the newest {newest}; "
            "bring one back with `briefing db restore` or File ▸ Restore backup."
        ),
        count=len(backups),
        folder=backup_folder(path),
        newest=backups[-1].name,
    )


def _inspect_sqlite_file(path: Path, access: Access) -> str | None:
    """The file's schema revision, read without writing; raises if it must not be opened.

    Runs SQLite's quick integrity check too, so a damaged file is refused with a pointer
    to its backups instead of being "repaired" or overwritten.
    """
    encrypted = is_encrypted(path)
    size = path.stat().st_size
    if encrypted and (size < 1024 or size % 512):
        raise DatabaseRefused(
            N_("{path} is not a Briefing database (not an SQLite file)"), path=path
        )
    if encrypted and access.passphrase is None:
        raise PassphraseNeeded(
            N_(
                "{path} is encrypted, or it is not a Briefing database; if it is encrypted, give "
                "its passphrase"
            ),
            path=path,
        )
    # An encrypted file is all random bytes, in whole pages; a text file is neither.
    reading = Access(access.passphrase if encrypted else None, read_only=True)
    try:
        connection = connect_sqlite(path, reading)
    except Exception as exc:
        raise DatabaseRefused(
            N_("{path} cannot be opened ({reason}). {hint}"),
            path=path,
            reason=exc,
            hint=_backups_hint(path),
        ) from exc
    try:
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        except Exception as exc:
            if encrypted:
                raise WrongPassphrase(
                    N_(
                        "the passphrase does not open {path} (or it is not a Briefing database); "
                        "nothing was changed"
                    ),
                    path=path,
                ) from exc
            raise DatabaseRefused(
                N_("{path} cannot be read ({reason}); it may be damaged. {hint}"),
                path=path,
                reason=exc,
                hint=_backups_hint(path),
            ) from exc
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseRefused(
                    N_("{path} is an SQLite database but not a Briefing one; it was not changed"),
                    path=path,
                )
            return None
        try:
            problems = [str(r[0]) for r in connection.execute("PRAGMA quick_check(5)")]
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except Exception as exc:
            raise DatabaseRefused(DAMAGED, path=path, reason=exc, hint=_backups_hint(path)) from exc
        if problems != ["ok"]:
            raise DatabaseRefused(DAMAGED, path=path, reason=problems[0], hint=_backups_hint(path))
    finally:
        connection.close()
    return str(row[0]) if row else None


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_revision(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise DatabaseRefused(
            N_(
                "{where} was written by a newer version of Briefing (schema {revision}); this "
                "version knows schemas up to {head}. It was not changed: update Briefing to "
                "open it."
            ),
            where=where,
            revision=revision,
            head=head_revision(),
        )


def schema_revision(store: Store) -> str | None:
    """The schema revision a database holds; None when it has none yet."""
    with store.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _open_server(url: URL, *, read_only: bool) -> Store:
    """A PostgreSQL server's database, which must already hold this version's schema.

    Raises :class:`~briefing.store.db.server.PasswordNeeded` when the server asks for a
    password libpq's files do not give: the caller asks the person, then opens the URL
    :func:`~briefing.store.db.server.with_password` makes.

    Clients never migrate a server: several people use it at once, and its administrator
    upgrades it after a dump (issue 15). Nothing is seeded either: a server's dossiers are
    the team's. An older, newer or missing schema is refused, naming both revisions.
    """
    store = Store.at(url, Access(read_only=read_only))
    try:
        try:
            revision = schema_revision(store)
        except OperationalError as exc:
            refused = connection_refused(exc, url)
            if needs_password(exc):
                raise PasswordNeeded(refused.template, **refused.arguments) from exc
            raise refused from exc
        _check_revision(revision, store.location)
        if revision != head_revision():
            held = (
                Phrase(N_("schema {revision}"), revision=revision)
                if revision
                else Phrase(N_("no Briefing schema"))
            )
            raise DatabaseRefused(
                N_(
                    "{where} holds {held}; this version of Briefing needs schema {head}. A "
                    "server's schema is set up and upgraded by its administrator, never by a "
                    "client; it was not changed."
                ),
                where=store.location,
                held=held,
                head=head_revision(),
            )
    except BaseException:
        store.close()
        raise
    return store


def upgrade(store: Store) -> bool:
    """Bring the schema to head, backing up a SQLite file first; True if anything ran."""
    current = schema_revision(store)
    _check_revision(current, store.location)
    if current == head_revision():
        return False
    path = store.path
    if store.read_only:
        raise DatabaseRefused(
            N_(
                "{location} needs upgrading to this version's schema, but it is read-only here; "
                "copy it somewhere writable first. It was not changed."
            ),
            location=store.location,
        )
    if current is not None and path is not None:
        backup_database(path, f"before-{head_revision()}", access=store.access)
    with store.engine.connect() as connection:
        migrate(connection, "head")
    return True


def migrate(connection: Connection, revision: str, *, down: bool = False) -> None:
    """Walk the schema on ``connection`` up (or ``down``) to ``revision``, in one transaction.

    On SQLite with foreign keys off: a migration that rebuilds a table (batch mode) drops
    the old one, and with them on, dropping ``dossier`` deletes every record through their
    cascades. They are checked before the commit, which a broken reference refuses, and
    turned back on after. ``connection`` must not be in a transaction: SQLite ignores the
    switch inside one.
    """
    from alembic import command

    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.commit()
    try:
        with connection.begin():
            walk = command.downgrade if down else command.upgrade
            walk(alembic_config(connection), revision)
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise DatabaseRefused(
                    N_(
                        "migrating to {revision} would leave rows pointing at rows that are gone; "
                        "nothing was changed"
                    ),
                    revision=revision,
                )
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()


def require_database(path: Path) -> None:
    """Refuse a place that holds no database: only ``briefing db create`` makes one there."""
    if path.is_dir():
        raise DatabaseRefused(N_("{path} is a folder, not a database file"), path=path)
    if not path.exists() or path.stat().st_size == 0:
        raise DatabaseMissing(
            N_("no database at {path}; create one with: briefing db create {path}"), path=path
        )


def open_store(
    target: str | Path | URL,
    *,
    seed_sample: bool = True,
    passphrase: str | None = None,
    read_only: bool = False,
    daily_backup: bool = True,
    create: bool = True,
) -> Store:
    """Open the database at ``target``, migrated to the current schema.

    With ``create`` a missing or empty file becomes a new database (the embedded default,
    ``briefing db create``); without it, one is refused, so a mistyped ``--db`` never
    leaves an empty database and a new folder behind. A database created here gets the
    sample dossier when ``seed_sample`` is true, so a first start shows something real to
    explore. A file that cannot be written (read-only media, no permission) opens
    read-only. An existing file gets its daily backup.
    """
    url = target if isinstance(target, URL) else database_url(target)
    if is_server(url):
        return _open_server(url, read_only=read_only)
    path = sqlite_path(url)
    fresh = True
    access = Access(passphrase, read_only)
    if path is not None and not create:
        require_database(path)
    if path is not None and path.is_dir():
        raise DatabaseRefused(N_("{path} is a folder, not a database file"), path=path)
    if path is not None and path.exists() and path.stat().st_size > 0:
        revision = _inspect_sqlite_file(path, access)
        _check_revision(revision, str(path))
        fresh = revision is None
        access = Access(
            passphrase if is_encrypted(path) else None, read_only or not _writable(path)
        )
    elif path is not None:
        if read_only:
            raise DatabaseRefused(N_("{path} does not exist"), path=path)
        path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.at(url, access)
    try:
        if path is None:
            with store.engine.connect() as connection:
                fresh = not inspect(connection).has_table("alembic_version")
        upgrade(store)
        if path is not None and not fresh and not access.read_only and daily_backup:
            backup_if_due(path, access)
        if fresh and seed_sample:
            from briefing.store.exchange.writing import import_file

            import_file(store, sample_dossier_path())
        else:
            store.refresh_statistics(only_if_missing=True)
    except BaseException:
        store.close()
        raise
    return store
