"""Shared fixtures. No test touches the user's real data folder or settings.

Environment variables are set before Qt or platformdirs are imported anywhere, so the
embedded default database and QSettings live under a temporary folder for the session.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy.engine import URL

from tests.server import Cluster, ServerUnavailable, required_in_ci, start_cluster

_SANDBOX = Path(tempfile.mkdtemp(prefix="briefing-tests-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ.pop("BRIEFING_DB", None)
# The command line speaks the locale's language (briefing.cli.cli_language): tests read
# English whatever the machine's, and a test that wants Korean says so.
os.environ["LANGUAGE"] = "en"

from briefing.assets import sample_dossier_path  # noqa: E402
from briefing.store.db.database import Store  # noqa: E402
from briefing.store.db.migrate import open_store, upgrade  # noqa: E402
from briefing.store.exchange.writing import import_file  # noqa: E402

SAMPLE_SLUG = "kr-us-trade-2025"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class NetworkAttempt(AssertionError):
    """The code under test tried to reach the network; the app must never do that."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any test whose code opens an internet socket or resolves a host name.

    Local (AF_UNIX) sockets stay allowed: they are how processes on one machine talk.
    """
    attempts: list[str] = []
    real_connect = socket.socket.connect

    def refuse(what: str) -> NoReturn:
        attempts.append(what)
        raise NetworkAttempt(f"network access attempted: {what}")

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(f"connect {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(
        socket.socket, "connect_ex", lambda self, address: refuse(f"connect_ex {address!r}")
    )
    monkeypatch.setattr(
        socket,
        "create_connection",
        lambda address, *a, **k: refuse(f"create_connection {address!r}"),
    )
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, *a, **k: refuse(f"getaddrinfo {host!r}")
    )
    yield attempts
    assert attempts == [], f"the code tried to reach the network: {attempts}"


@pytest.fixture(autouse=True)
def collected_after() -> Iterator[None]:
    """Collect the garbage as each test ends, so a handle it leaked fails that test.

    From Python 3.13 an SQLite connection left to the collector warns, and pytest turns
    the warning into an error (``filterwarnings = error``), but only when the collector
    happens to run: often in some later test. A collection here pins it on the test
    that leaked it. It costs up to 0.2 s a test, so only where there is something to
    catch; on 3.11 tests/cli/test_handles.py counts file descriptors instead.
    """
    yield
    if sys.version_info >= (3, 13):
        gc.collect()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the sample dossier, built once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "sample.sqlite3"
    store = open_store(path, seed_sample=False)
    import_file(store, sample_dossier_path())
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def sample_db(sample_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "sample.sqlite3"
    shutil.copyfile(sample_template, target)
    return target


# ------------------------------------------------ both backends (issue 15)
BACKENDS = ("sqlite", "postgresql")
TEST_BACKENDS = tuple(
    name.strip()
    for name in os.environ.get("BRIEFING_TEST_BACKENDS", ",".join(BACKENDS)).split(",")
    if name.strip()
)
"""Where tests that take ``store``, ``empty_store`` or another ``backend`` fixture run: each
of these, as its own case (``test_x[sqlite]``, ``test_x[postgresql]``), so the README's one
test command covers the embedded file and the team server. ``BRIEFING_TEST_BACKENDS=sqlite``
runs the SQLite half only. A test marked ``sqlite_only`` (it is about SQLite's file: backups,
encryption, paths, pragmas) runs on SQLite whatever this says, under its plain name."""
if not TEST_BACKENDS or set(TEST_BACKENDS) - set(BACKENDS):
    raise pytest.UsageError(
        f"BRIEFING_TEST_BACKENDS lists some of {', '.join(BACKENDS)}, not {TEST_BACKENDS}"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about SQLite's own file; not run again on PostgreSQL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and not metafunc.definition.get_closest_marker(
        "sqlite_only"
    ):
        # Module scope groups a module's cases by backend, so a module's shared fixtures
        # (tests/book/conftest.py's sample_store) are built once for each.
        metafunc.parametrize("backend", TEST_BACKENDS, indirect=True, scope="module")


@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: where this case's databases live (``TEST_BACKENDS``)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def store(request: pytest.FixtureRequest, backend: str) -> Iterator[Store]:
    """A private copy of the sample dossier's database, open, on each backend."""
    fixture = "pg_sample_url" if backend == "postgresql" else "sample_db"
    opened = open_store(request.getfixturevalue(fixture), seed_sample=False)
    yield opened
    opened.close()


@pytest.fixture
def empty_store(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Store]:
    """A database with the schema and no dossier, open, on each backend."""
    if backend == "postgresql":
        target: Path | URL = request.getfixturevalue("pg_url")
    else:
        target = tmp_path / "empty.sqlite3"
    opened = open_store(target, seed_sample=False)
    yield opened
    opened.close()


# ------------------------------------------------ PostgreSQL (issue 15)
@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster on a Unix socket, for the whole session (tests/server.py).

    Without a server here the tests that need one skip, saying why; in CI they fail.
    """
    try:
        cluster = start_cluster()
    except ServerUnavailable as exc:
        if required_in_ci():
            pytest.fail(f"CI needs a PostgreSQL server: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_schema(postgres: Cluster) -> str:
    """A template database holding this version's schema and no dossier, migrated once.

    Clients never migrate a server; an administrator does (issue 15), so the tests do it
    here with the same upgrade a SQLite file gets.
    """
    url = postgres.create_database()
    with Store.at(url) as store:
        upgrade(store)
    postgres.mark_template(url)
    assert url.database is not None
    return url.database


@pytest.fixture
def pg_url(postgres: Cluster, pg_schema: str) -> Iterator[URL]:
    """A fresh database of this test's own, with the schema and no dossier; dropped after."""
    url = postgres.create_database(template=pg_schema)
    yield url
    postgres.drop_database(url)


@pytest.fixture(scope="session")
def pg_sample(postgres: Cluster, pg_schema: str) -> str:
    """A template database holding the sample dossier, imported once."""
    url = postgres.create_database(template=pg_schema)
    with Store.at(url) as store:
        import_file(store, sample_dossier_path())
    postgres.mark_template(url)
    assert url.database is not None
    return url.database


@pytest.fixture
def pg_sample_url(postgres: Cluster, pg_sample: str) -> Iterator[URL]:
    """A fresh database of this test's own holding the sample dossier; dropped after."""
    url = postgres.create_database(template=pg_sample)
    yield url
    postgres.drop_database(url)


@pytest.fixture
def pg_store(pg_url: URL) -> Iterator[Store]:
    """An open store on a fresh, empty PostgreSQL database."""
    opened = open_store(pg_url, seed_sample=False)
    yield opened
    opened.close()


@dataclass(frozen=True)
class Login:
    """A role on the password cluster: its URL (no password in it) and its password."""

    url: URL
    password: str = field(repr=False)


LOGIN_ROLE = "desk_officer"
LOGIN_PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class PasswordCluster:
    """The password cluster and the name of its template database with the sample."""

    cluster: Cluster
    template: str


@pytest.fixture(scope="session")
def postgres_passwords() -> Iterator[PasswordCluster]:
    """A second throwaway cluster whose roles log in with scram-sha-256 passwords (the
    superuser keeps trust on the socket to set things up), holding the sample dossier in
    a template database and one role, :data:`LOGIN_ROLE`, that may read and write it."""
    try:
        cluster = start_cluster(passwords=True)
    except ServerUnavailable as exc:
        if required_in_ci():
            pytest.fail(f"CI needs a PostgreSQL server: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server: {exc}")
    cluster.execute(f"CREATE ROLE {LOGIN_ROLE} LOGIN PASSWORD '{LOGIN_PASSWORD}'")
    url = cluster.create_database()
    with Store.at(url) as store:
        upgrade(store)
        import_file(store, sample_dossier_path())
        with store.engine.begin() as connection:
            for grant in (
                f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {LOGIN_ROLE}",
                f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {LOGIN_ROLE}",
            ):
                connection.exec_driver_sql(grant)
    cluster.mark_template(url)
    assert url.database is not None
    yield PasswordCluster(cluster, url.database)
    cluster.stop()


@pytest.fixture
def pg_login(
    postgres_passwords: PasswordCluster, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Login]:
    """A fresh sample database on the password cluster, as :data:`LOGIN_ROLE` sees it: the
    URL carries no password, and no libpq password or service file gives one."""
    for variable in ("PGPASSWORD", "PGSERVICE", "PGHOST", "PGSSLMODE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    monkeypatch.setenv("PGSERVICEFILE", os.devnull)
    cluster = postgres_passwords.cluster
    url = cluster.create_database(template=postgres_passwords.template)
    yield Login(url.set(username=LOGIN_ROLE), LOGIN_PASSWORD)
    cluster.drop_database(url)


@pytest.fixture
def own_cluster() -> Iterator[tuple[Cluster, URL]]:
    """A cluster of this test's own, to stop and start (never the session's), with the
    sample dossier."""
    try:
        cluster = start_cluster()
    except ServerUnavailable as exc:
        if required_in_ci():
            pytest.fail(f"CI needs a PostgreSQL server: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server: {exc}")
    try:
        url = cluster.create_database()
        with Store.at(url) as store:
            upgrade(store)
            import_file(store, sample_dossier_path())
        yield cluster, url
    finally:
        cluster.stop()
