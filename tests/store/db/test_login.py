"""Logging in to a team server (issue 15): a password only to a local server or over TLS
that checks the certificate, refused before any connection; the password asked for when
the server wants one; one line of our own for a wrong password or an unknown role; who we
are and up to which clearance; and a server that stops mid-save then comes back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import select
from sqlalchemy.engine import URL

from briefing.domain import Person
from briefing.errors import BriefingError, DatabaseRefused
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.db.server import (
    INSECURE_OPT_OUT,
    Identity,
    PasswordNeeded,
    address_of,
    identity,
    refuse_password_in,
    server_url,
    with_password,
    without_password,
)
from briefing.store.edits import change_record
from tests.conftest import LOGIN_ROLE, Login
from tests.server import Cluster


@pytest.fixture
def no_connection(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """psycopg's connect, replaced by one that records any attempt (libpq's sockets are C
    sockets, out of reach of the tests' Python socket guard)."""
    import psycopg

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        attempts.append(args)
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(psycopg, "connect", refuse)
    monkeypatch.setattr(psycopg.Connection, "connect", refuse)
    for variable in ("PGHOST", "PGSSLMODE", "PGSERVICE", INSECURE_OPT_OUT):
        monkeypatch.delenv(variable, raising=False)
    return attempts


@pytest.mark.parametrize(
    "address",
    [
        "postgresql+psycopg://alice@db.ministry.example/briefing",
        "postgresql+psycopg://alice@db.ministry.example/briefing?sslmode=require",
        "postgresql+psycopg://alice@10.0.0.7:5433/briefing?sslmode=verify-ca",
        "postgresql+psycopg://alice@/briefing?host=localhost,db.ministry.example",
        "postgresql+psycopg://alice@localhost/briefing?hostaddr=10.0.0.7",
    ],
)
def test_a_remote_server_without_verified_tls_is_refused_before_connecting(
    no_connection: list[object], address: str
) -> None:
    with pytest.raises(DatabaseRefused, match="sslmode=verify-full") as refused:
        open_store(address, seed_sample=False)
    assert no_connection == []
    assert "ministry.example" in str(refused.value) or "10.0.0.7" in str(refused.value)
    assert len(str(refused.value).splitlines()) == 1


def test_a_remote_host_from_the_environment_or_a_service_file_is_refused_too(
    no_connection: list[object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PGHOST", "db.ministry.example")
    with pytest.raises(DatabaseRefused, match="verify-full"):
        Store.at("postgresql+psycopg://alice@/briefing")
    monkeypatch.delenv("PGHOST")
    services = tmp_path / "pg_service.conf"
    services.write_text("[team]\nhost=db.ministry.example\ndbname=briefing\n", encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with pytest.raises(DatabaseRefused, match="verify-full"):
        Store.at("postgresql+psycopg:///?service=team")
    assert no_connection == []


@pytest.mark.parametrize(
    "address",
    [
        "postgresql+psycopg://alice@db.ministry.example/briefing?sslmode=verify-full",
        "postgresql+psycopg://alice@localhost/briefing",
        "postgresql+psycopg://alice@127.0.0.1:5432/briefing",
        "postgresql+psycopg://alice@[::1]/briefing",
        "postgresql+psycopg://alice@/briefing?host=/run/postgresql",
        "postgresql+psycopg://alice@/briefing",
    ],
)
def test_a_local_or_verified_server_may_be_tried(no_connection: list[object], address: str) -> None:
    Store.at(address).close()  # the engine is made; connecting waits for the first session


def test_the_documented_opt_out_allows_an_unverified_server(
    no_connection: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(INSECURE_OPT_OUT, "1")
    Store.at("postgresql+psycopg://alice@db.ministry.example/briefing").close()


def test_a_password_typed_into_an_address_is_refused_without_echoing_it() -> None:
    with pytest.raises(DatabaseRefused) as refused:
        refuse_password_in("postgresql+psycopg://alice:s3cret-words@localhost/briefing")
    assert "s3cret" not in str(refused.value)
    refuse_password_in("postgresql+psycopg://alice@localhost/briefing")
    refuse_password_in("/home/alice/briefing.sqlite3")


def test_the_server_asks_for_the_password_and_the_right_one_opens(pg_login: Login) -> None:
    with pytest.raises(PasswordNeeded, match=f"asks for user {LOGIN_ROLE}'s password"):
        open_store(pg_login.url, seed_sample=False)
    with open_store(with_password(pg_login.url, pg_login.password), seed_sample=False) as store:
        with store.session() as session:
            assert session.scalars(select(Person.id)).first() is not None
        assert pg_login.password not in store.location


@pytest.mark.parametrize("user", [LOGIN_ROLE, "nobody_here"])
def test_a_wrong_password_or_unknown_role_is_one_line_of_our_own(
    pg_login: Login, user: str
) -> None:
    url = with_password(pg_login.url.set(username=user), "wrong password")
    with pytest.raises(DatabaseRefused) as refused:
        open_store(url, seed_sample=False)
    message = str(refused.value)
    assert message == (
        f"cannot open the Briefing server at localhost: it did not accept user {user} "
        "with that password"
    )
    assert not re.search("FATAL|psycopg|scram|wrong password", message)


def test_libpqs_password_file_is_honoured(
    pg_login: Login, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    passwords = tmp_path / "pgpass"
    passwords.write_text(f"*:*:*:{LOGIN_ROLE}:{pg_login.password}\n", encoding="utf-8")
    passwords.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passwords))
    with open_store(pg_login.url, seed_sample=False) as store:
        assert identity(store).user == LOGIN_ROLE


@pytest.mark.sqlite_only("about a file, whose identity is its path")
def test_a_file_has_no_user_and_no_clearance_limit(store: Store) -> None:
    assert identity(store) == Identity(store.location)


def test_the_identity_names_the_server_the_user_and_the_clearance(pg_store: Store) -> None:
    found = identity(pg_store)
    assert (found.server, found.user, found.clearance_rank) == (
        f"localhost/{pg_store.url.database}",
        "briefing_admin",
        None,
    )
    with pg_store.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE FUNCTION briefing_clearance() RETURNS int LANGUAGE sql STABLE AS 'SELECT 1'"
        )
    assert identity(pg_store).clearance_rank == 1


def test_a_server_stopped_mid_save_says_so_and_the_next_save_after_it_is_back_works(
    own_cluster: tuple[Cluster, URL],
) -> None:
    cluster, url = own_cluster
    with Store.at(url) as store:
        with store.session() as session:
            person = session.scalars(select(Person.id)).first()
        assert person is not None
        cluster.halt()
        try:
            with pytest.raises(BriefingError) as gone, store.session() as session:
                change_record(session, person, {"name": "Renamed"})
        finally:
            cluster.start()
        assert str(gone.value) == (
            "the server at localhost stopped answering; nothing was saved on it and your "
            "work is kept: try again when the server is back"
        )
        with store.session() as session:
            change_record(session, person, {"name": "Renamed"})
        with store.session() as session:
            assert session.get_one(Person, person).name == "Renamed"


@pytest.mark.parametrize(
    ("address", "host", "port", "socket"),
    [
        ("db.ministry.example", "db.ministry.example", None, None),
        ("db.ministry.example:5433", "db.ministry.example", 5433, None),
        ("[::1]:5433", "::1", 5433, None),
        ("/run/postgresql", None, None, "/run/postgresql"),
        ("", None, None, None),
    ],
)
def test_a_typed_address_becomes_a_url_and_back(
    address: str, host: str | None, port: int | None, socket: str | None
) -> None:
    url = server_url(address, "briefing", "alice", "typed secret")
    assert (url.host, url.port, url.query.get("host"), url.username) == (
        host,
        port,
        socket,
        "alice",
    )
    assert address_of(url) == address
    assert "typed secret" not in without_password(url) and url.password == "typed secret"


def test_a_port_that_is_no_number_is_refused() -> None:
    with pytest.raises(DatabaseRefused, match="not a port number"):
        server_url("db.ministry.example:http", "briefing", "alice")
