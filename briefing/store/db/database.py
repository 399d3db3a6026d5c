"""Opening a database: the engine, its pragmas, and the one way to get a session.

Every user action runs inside :meth:`Store.session`, one transaction that commits when
the block ends and rolls back when it raises, so nothing half-done reaches the file.
SQLite files are opened through :func:`connect_sqlite`, which is also what backups and
encryption use, so a passphrase and read-only mode apply to every connection alike.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from briefing.errors import BriefingError, DatabaseRefused, NotSaved
from briefing.i18n import N_
from briefing.store.db.holding import loaded_objects
from briefing.store.search import indexing
from briefing.store.server.refusals import said
from briefing.store.versions import stamp_dossier_rows

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class Access:
    """How to open a file: its passphrase (never shown in a repr) and whether read-only.

    ``scratch`` is for files the app writes once and may lose (the checks' findings): no
    journal and no syncing to disk, which would cost a flush per batch for nothing.
    ``raw_key`` says the passphrase is 64 hex digits used as the key itself, skipping the
    key derivation that makes a person's passphrase slow to guess (and, on each new
    connection, about 130 ms slow to use): for keys the app makes at random.
    """

    passphrase: str | None = field(default=None, repr=False)
    read_only: bool = False
    scratch: bool = False
    raw_key: bool = False


PLAIN = Access()
"""An ordinary, writable, unencrypted file."""


SUPPORTED_URLS = ("a file path", "sqlite:///PATH", "postgresql+psycopg://USER@HOST/DBNAME")
"""What ``--db`` accepts; any other kind of database is refused up front, by name."""

SERVER_DRIVERS = ("psycopg",)
"""PostgreSQL drivers the app is tested with: psycopg 3 (the ``[server]`` extra)."""


def database_url(target: str | Path) -> URL:
    """A file path, a SQLite URL or a PostgreSQL one; anything else is refused naming what is
    supported. A bare ``postgresql://`` means psycopg 3, not SQLAlchemy's default psycopg2."""
    text = str(target)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
    supported = " or ".join(SUPPORTED_URLS)
    try:
        url = make_url(text)
    except ArgumentError:
        raise DatabaseRefused(
            N_("{text} is not a database URL; use {supported}"), text=text, supported=supported
        ) from None
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if is_server(url):
        return url
    if url.get_backend_name() != "sqlite" or url.get_driver_name() not in ("pysqlite", ""):
        raise DatabaseRefused(
            N_("Briefing cannot use a {drivername} database ({text}); use {supported}"),
            drivername=url.drivername,
            text=text,
            supported=supported,
        )
    return url


def is_server(url: URL) -> bool:
    """Whether ``url`` is a PostgreSQL server the app can use (the team server of issue 15)."""
    return url.get_backend_name() == "postgresql" and url.get_driver_name() in SERVER_DRIVERS


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other servers and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def quote(text: str) -> str:
    """An SQL string literal; PRAGMA key takes no bound parameters."""
    return "'" + text.replace("'", "''") + "'"


def connect_sqlite(path: Path, access: Access = PLAIN) -> Any:
    """A DB-API connection to ``path`` with the app's pragmas.

    synchronous=FULL: in WAL mode, NORMAL can lose the last commits on power loss, and
    staff must be able to trust that a change they saw saved is on disk.
    """
    if access.passphrase is not None:
        import sqlcipher3.dbapi2 as driver
    else:
        driver = sqlite3
    if access.read_only:
        immutable = "&immutable=1" if not _writable_folder(path) else ""
        connection = driver.connect(
            f"{path.as_uri()}?mode=ro{immutable}", uri=True, check_same_thread=False
        )
    else:
        connection = driver.connect(str(path), check_same_thread=False)
    try:
        _prepare(connection, access)
    except BaseException:
        connection.close()  # a wrong key or a locked file must not leave the handle open
        raise
    return connection


def _prepare(connection: Any, access: Access) -> None:
    """Set the key and the app's pragmas on a new connection."""
    if access.passphrase is not None:
        connection.execute("PRAGMA cipher_log_level = NONE")
        if access.raw_key:
            if not re.fullmatch("[0-9a-f]{64}", access.passphrase):
                raise ValueError("a raw key is 64 lowercase hex digits")
            connection.execute(f"PRAGMA key = \"x'{access.passphrase}'\"")
        else:
            connection.execute(f"PRAGMA key = {quote(access.passphrase)}")
        # SQLCipher encrypts the database's pages, not SQLite's temporary files (sorts,
        # indexes being built): kept in memory, nothing of an encrypted file is in clear.
        connection.execute("PRAGMA temp_store = MEMORY")
    connection.create_function("casefold", 1, _casefold, deterministic=True)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    if access.scratch:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
    elif not access.read_only:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")


def _casefold(text: str | None) -> str | None:
    """SQL ``casefold(x)``: SQLite's own lower() and LIKE fold ASCII letters only."""
    return text.casefold() if isinstance(text, str) else text


def _writable_folder(path: Path) -> bool:
    return os.access(path.parent, os.W_OK)


def make_engine(url: URL, access: Access = PLAIN) -> Engine:
    path = sqlite_path(url)
    if is_server(url):
        return _server_engine(url)
    if path is None:
        return create_engine(url)
    options: dict[str, Any] = {}
    if access.passphrase is not None:
        # The pysqlite dialect over SQLCipher's driver module: errors are wrapped as usual,
        # and the key is set by connect_sqlite, never through the URL.
        import sqlcipher3.dbapi2

        options["module"] = sqlcipher3.dbapi2
    file_url = URL.create("sqlite+pysqlite", database=str(path))
    return create_engine(file_url, creator=lambda: connect_sqlite(path, access), **options)


def _server_engine(url: URL) -> Engine:
    """An engine on a PostgreSQL server; its driver comes with the ``[server]`` extra.

    Checked for a safe connection before anything connects (see
    :mod:`briefing.store.db.server`). Each pooled connection is tested before use, so after
    the server was restarted the next action simply reconnects.
    """
    from briefing.store.db.server import require_safe_connection

    require_safe_connection(url)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseRefused(
            N_(
                "{url} is a PostgreSQL server, and this installation lacks its driver; "
                "install it with: pip install 'briefing[server]'"
            ),
            url=url.render_as_string(hide_password=True),
        ) from None
    engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "connect", _plan_for_a_dossier)
    return engine


SERVER_SETTINGS = {
    "jit": "off",
    "random_page_cost": "1.1",
    "plan_cache_mode": "force_custom_plan",
    "max_parallel_workers_per_gather": "0",
}
"""How each connection to a server plans, whatever the server's defaults.

A dossier's tables fit in the server's memory, so reading a row by its index costs
about what reading it in sequence does: at the default ``random_page_cost`` of 4 the
planner counted a source's citations by scanning every record once per source (ten times
slower than looking each cited record up). JIT compiling pays off for queries running
for seconds; a list's page runs for milliseconds, and compiling a query whose estimate
crossed the threshold took longer than running it. The driver prepares a statement it
has run five times, and the server may then plan it once for any values: a search's
plan made without knowing its words took 400 ms where one made for them takes 12, so
every statement is planned for its values. Parallel workers pay for scans of millions of
rows; starting one for a list's count or page of a few thousand rows took longer than
the scan (a chips count spent 14 of its 26 ms waiting for its worker)."""


def _plan_for_a_dossier(connection: Any, _record: Any) -> None:
    with connection.cursor() as cursor:
        for name, value in SERVER_SETTINGS.items():
            cursor.execute(f"SET {name} = {value}")
    connection.commit()


def connection_refused(exc: OperationalError, url: URL) -> DatabaseRefused:
    """Why a server could not be opened, in one line of our own: the driver's text names
    sockets and libpq internals, and must not tell a stranger which user names exist."""
    from briefing.store.db.server import server_name

    text = str(exc.orig)
    where = server_name(url)
    user = url.username or "?"
    if "password authentication failed" in text or re.search(r'role ".*" does not exist', text):
        why = N_(
            "cannot open the Briefing server at {where}: it did not accept user {user} "
            "with that password"
        )
    elif "no password supplied" in text:
        why = N_("cannot open the Briefing server at {where}: it asks for user {user}'s password")
    elif re.search(r'database ".*" does not exist', text):
        why = N_("cannot open the Briefing server at {where}: it holds no database called {name}")
    elif any(x in text for x in ("refused", "No such file", "timeout", "translate host name")):
        why = N_(
            "cannot open the Briefing server at {where}: it is not running, or not reachable "
            "from here"
        )
    else:
        why = N_("cannot open the Briefing server at {where}: it refused the connection")
    return DatabaseRefused(why, where=where, user=user, name=url.database)


SERVER_GONE = (
    "server closed the connection",
    "terminating connection",
    "connection refused",
    "no such file or directory",
    "consuming input failed",
    "connection is closed",
    "connection is lost",
    "ssl connection has been closed",
    "timeout expired",
    "could not receive data",
    "could not send data",
)
"""What psycopg says when the server stopped or cannot be reached (lower case)."""


def translate(exc: OperationalError, url: URL | None = None) -> BriefingError | None:
    """What a failed write means for the person who made it; None for a bug."""
    text = str(exc.orig).lower()
    if url is not None and is_server(url):
        from briefing.store.db.server import server_name

        if any(sign in text for sign in SERVER_GONE):
            return BriefingError(
                N_(
                    "the server at {server} stopped answering; nothing was saved on it and "
                    "your work is kept: try again when the server is back"
                ),
                server=server_name(url),
            )
    if "full" in text:
        return BriefingError(N_("the disk is full; the change was not saved, nothing was lost"))
    if "readonly" in text or "read-only" in text:
        return BriefingError(N_("the database is read-only here; the change was not saved"))
    if "locked" in text or "busy" in text:
        return BriefingError(
            N_(
                "the database is busy in another Briefing window; the change was not saved, "
                "try again in a moment"
            )
        )
    if "disk i/o" in text or "unable to open" in text:
        return BriefingError(
            N_("the database file cannot be written ({reason}); nothing was lost"),
            reason=str(exc.orig),
        )
    return None


def refused_by_server(exc: DBAPIError) -> BriefingError | None:
    """A team server's refusal of a login's change (issue 15) in one line; None otherwise.

    Row-level security and the grants say only which table; the server's own guards (a
    level lowered, a delete reaching rows the login cannot see) word their refusal for the
    person, and it is passed on in the reader's language (:mod:`briefing.store.server.refusals`).
    """
    if getattr(exc.orig, "sqlstate", None) != "42501":
        return None
    diagnosis = getattr(exc.orig, "diag", None)
    primary = str(getattr(diagnosis, "message_primary", None) or exc.orig)
    if "row-level security" in primary:
        return NotSaved(
            N_("the server refused it: it would write above your clearance; nothing was changed")
        )
    if primary.startswith("permission denied"):
        return NotSaved(
            N_("the server refused it: your login is not allowed to do that; nothing was changed")
        )
    return NotSaved(N_("the server refused it: {why}; nothing was changed"), why=said(primary))


ANALYSIS_ROWS = 1000
"""Index entries ANALYZE samples: enough for the planner, milliseconds on any dossier."""

# Every flush stamps the dossier rows it writes, whoever writes them (``versions``).
event.listen(indexing.IndexedSession, "before_flush", stamp_dossier_rows)


class Store:
    """An open database. Pass it to whatever needs data; there is no global one.

    Attributes:
        url: where the data lives.
        engine: the SQLAlchemy engine, with pragmas applied on every connection.
        access: the passphrase and read-only flag every connection is opened with.
    """

    def __init__(self, url: URL, engine: Engine, access: Access = PLAIN) -> None:
        self.url = url
        self.engine = engine
        self.access = access
        self._sessions = sessionmaker(
            engine, class_=indexing.IndexedSession, expire_on_commit=False
        )

    @classmethod
    def at(cls, target: str | Path | URL, access: Access = PLAIN) -> Store:
        """The database at ``target`` as it is: no migration, backup or seeding (see
        :func:`~briefing.store.db.migrate.open_store` for opening a person's database)."""
        url = target if isinstance(target, URL) else database_url(target)
        return cls(url, make_engine(url, access), access)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def read_only(self) -> bool:
        return self.access.read_only

    @property
    def encrypted(self) -> bool:
        return self.access.passphrase is not None

    @property
    def location(self) -> str:
        """Where the data is, for people: a file path, or the URL without its password."""
        path = self.path
        return str(path) if path else self.url.render_as_string(hide_password=True)

    @property
    def address(self) -> str:
        """Where another process opens the same data (the checks' process): the file's path,
        or the server's URL with its password, so never to be shown or logged."""
        path = self.path
        return str(path) if path else self.url.render_as_string(hide_password=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises.

        Errors SQLite reports while writing (a full disk, a read-only file, a lock held
        too long by another window) become one-line BriefingErrors for the person, and so
        do a team server's refusals of a login's change (:func:`refused_by_server`).
        """
        held: list[object] = []
        try:
            with self._sessions.begin() as session:
                try:
                    yield session
                finally:
                    # Alive until the commit or rollback and the close have detached
                    # every state: see briefing.store.db.holding.
                    held = loaded_objects(session)
        except OperationalError as exc:
            meaning = translate(exc, self.url)
            if meaning is None:
                raise
            raise meaning from exc
        except DBAPIError as exc:
            refusal = refused_by_server(exc)
            if refusal is None:
                raise
            raise refusal from exc
        finally:
            del held

    def refresh_statistics(self, *, only_if_missing: bool = False) -> None:
        """Let SQLite's planner know how big each table and index is (a sampled ANALYZE).

        Without statistics it guesses, and on a ministry's dossier prefers the record
        table's dossier index to a kind's own table: counting a list read 127,000 rows
        instead of 20,000. Run after bulk imports, and on opening a database that has none.
        A failure (another window busy, a full disk) costs only speed, so it is not raised.
        On a server, after a bulk import only: its autovacuum keeps statistics otherwise.
        """
        if self.read_only:
            return
        if is_server(self.url):
            if not only_if_missing:
                self._analyze_server()
            return
        if self.path is None:
            return
        try:
            with self.engine.begin() as connection:
                if (
                    only_if_missing
                    and connection.exec_driver_sql(
                        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
                    ).first()
                ):
                    return
                # Another window writing: give up at once rather than wait the busy timeout.
                connection.exec_driver_sql("PRAGMA busy_timeout = 0")
                try:
                    connection.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_ROWS}")
                    connection.exec_driver_sql("ANALYZE")
                finally:
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except OperationalError:
            return

    def _analyze_server(self) -> None:
        """Only the tables' owner may analyse them; a person's login leaves it to autovacuum
        (PostgreSQL would warn for each table, for nothing)."""
        try:
            with self.engine.begin() as connection:
                owns = connection.exec_driver_sql(
                    "SELECT pg_has_role(relowner, 'USAGE') FROM pg_class "
                    "WHERE oid = to_regclass('record')"
                ).scalar()
                if owns:
                    connection.exec_driver_sql("ANALYZE")
        except DBAPIError:
            return

    def close(self) -> None:
        """Close every pooled connection now, not when the collector gets to them.

        An open handle keeps the file from being renamed or replaced on Windows (what
        backups, restore and a safe export do), and Python 3.13 reports each connection
        left to the collector as a ResourceWarning. The store stays usable: a later
        session opens a new connection.
        """
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
