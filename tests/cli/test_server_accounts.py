"""``briefing server init`` and ``briefing server user …`` on a real server (issue 15)."""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import URL

from briefing.cli import main
from briefing.store.server.levels import NOT_CONTENT
from tests.cli.test_server import address, run
from tests.server import Cluster

_names = itertools.count()


@pytest.fixture(scope="module")
def server(postgres: Cluster) -> Iterator[URL]:
    """An empty UTF8 database set up by ``server init``, and the logins made on it dropped
    after (roles belong to the whole cluster)."""
    url = postgres.create_database()
    assert main(["server", "init", address(url)]) == 0
    yield url
    postgres.drop_database(url)
    with psycopg.connect(dbname="postgres", user=url.username, host=url.query["host"]) as c:
        made = c.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", [_PREFIX + "%"])
        for (name,) in made.fetchall():
            c.execute(f'DROP ROLE "{name}"')


_PREFIX = f"acct{os.getpid()}_"


def fresh_name() -> str:
    return f"{_PREFIX}{next(_names)}"


def users(capsys: pytest.CaptureFixture[str], url: URL) -> list[list[str]]:
    code, out, err = run(capsys, "server", "user", "list", "--db", address(url))
    assert (code, err) == (0, "")
    return [line.split("\t") for line in out.splitlines() if line.startswith(_PREFIX)]


def add(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    url: URL,
    name: str,
    *options: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long secret\n"))
    return run(
        capsys, "server", "user", "add", name, *options, "--db", address(url), "--passphrase-stdin"
    )


def refused(outcome: tuple[int, str, str], *words: str) -> None:
    code, out, err = outcome
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    for word in words:
        assert word in err


@pytest.mark.parametrize(
    ("encoding", "locale"), [("SQL_ASCII", "C"), ("LATIN1", "C"), ("UTF8", "C")]
)
def test_init_refuses_a_database_that_is_not_utf8_with_a_unicode_collation(
    capsys: pytest.CaptureFixture[str], postgres: Cluster, encoding: str, locale: str
) -> None:
    name = f"plain_{os.getpid()}_{encoding.lower()}"
    postgres.execute(
        f"CREATE DATABASE {name} TEMPLATE template0 ENCODING '{encoding}' "
        f"LC_COLLATE '{locale}' LC_CTYPE '{locale}'"
    )
    url = postgres.url(name)
    try:
        refused(run(capsys, "server", "init", address(url)), "UTF8", "Nothing was changed")
        with psycopg.connect(dbname=name, user=url.username, host=url.query["host"]) as c:
            tables = c.execute(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            )
            assert tables.fetchone() == (0,)
    finally:
        postgres.drop_database(url)


def test_init_sets_up_a_server_a_login_then_uses(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: URL
) -> None:
    name = fresh_name()
    assert add(capsys, monkeypatch, server, name, "--clearance", "internal")[0] == 0
    code, out, err = run(capsys, "--db", address(server.set(username=name)), "dossier", "list")
    assert (code, out, err) == (0, "no dossiers\n", "")


def test_users_are_added_listed_changed_and_removed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: URL
) -> None:
    boss, clerk = fresh_name(), fresh_name()
    code, _, err = add(capsys, monkeypatch, server, boss, "--clearance", "Restricted", "--admin")
    assert (code, err) == (0, "")
    assert add(capsys, monkeypatch, server, clerk, "--clearance", "Internal")[0] == 0
    assert [boss, "Restricted", "admin"] in users(capsys, server)
    assert [clerk, "Internal", ""] in users(capsys, server)
    with psycopg.connect(
        dbname=server.database, user=server.username, host=server.query["host"]
    ) as c:
        stored = c.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", [clerk])
        assert str(stored.fetchone()).startswith("('SCRAM-SHA-256$")
    command = ("server", "user", "set-clearance", clerk, "confidential", "--db", address(server))
    assert run(capsys, *command)[0] == 0
    assert [clerk, "Confidential", ""] in users(capsys, server)
    assert run(capsys, "server", "user", "remove", clerk, "--db", address(server))[0] == 0
    assert clerk not in {row[0] for row in users(capsys, server)}
    with psycopg.connect(
        dbname=server.database, user=server.username, host=server.query["host"]
    ) as c:
        assert c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [clerk]).fetchone() is None
    code, trail, err = run(capsys, "server", "audit", "--db", address(server))
    assert (code, err) == (0, "")
    changes = [line.split()[3:] for line in trail.splitlines() if clerk in line]
    assert changes == [
        [
            "user",
            "added",
            "-",
            "-",
            "-",
            "-",
            f"{clerk}:",
            "Internal,",
            "not",
            "an",
            "administrator",
        ],
        ["clearance", "changed", "-", "-", "-", "-", f"{clerk}:", "Confidential"],
        ["user", "removed", "-", "-", "-", "-", clerk],
    ]


def test_bad_input_is_refused_in_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: URL
) -> None:
    boss = fresh_name()
    assert add(capsys, monkeypatch, server, boss, "--clearance", "Restricted", "--admin")[0] == 0
    before = users(capsys, server)
    db = ("--db", address(server))
    refused(add(capsys, monkeypatch, server, boss, "--clearance", "Public"), "already exists")
    refused(
        add(capsys, monkeypatch, server, fresh_name(), "--clearance", "Secret"),
        "Public, Internal, Confidential, Restricted",
    )
    refused(
        add(capsys, monkeypatch, server, "x'); DROP TABLE record; --", "--clearance", "Public"),
        "not a plain user name",
    )
    refused(add(capsys, monkeypatch, server, "Capital", "--clearance", "Public"), "plain")
    refused(
        run(capsys, "server", "user", "set-clearance", "nobody_here", "Public", *db),
        "no Briefing user",
    )
    refused(run(capsys, "server", "user", "remove", "nobody_here", *db), "no Briefing user")
    refused(run(capsys, "server", "user", "set-clearance", boss, "Top", *db), "choose one of")
    assert users(capsys, server) == before


def test_the_last_administrator_can_be_neither_removed_nor_demoted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, postgres: Cluster
) -> None:
    url = postgres.create_database()
    try:
        assert main(["server", "init", address(url)]) == 0
        boss, other = fresh_name(), fresh_name()
        assert add(capsys, monkeypatch, url, boss, "--clearance", "Restricted", "--admin")[0] == 0
        db = ("--db", address(url))
        refused(run(capsys, "server", "user", "remove", boss, *db), "last administrator")
        refused(
            run(capsys, "server", "user", "set-clearance", boss, "Public", "--no-admin", *db),
            "last administrator",
        )
        assert users(capsys, url) == [[boss, "Restricted", "admin"]]
        # With a second administrator the first may go.
        assert add(capsys, monkeypatch, url, other, "--clearance", "Public", "--admin")[0] == 0
        assert run(capsys, "server", "user", "remove", boss, *db)[0] == 0
        assert users(capsys, url) == [[other, "Public", "admin"]]
    finally:
        postgres.drop_database(url)


def test_a_login_that_is_no_administrator_cannot_manage_accounts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: URL
) -> None:
    clerk = fresh_name()
    assert add(capsys, monkeypatch, server, clerk, "--clearance", "Internal")[0] == 0
    as_clerk = server.set(username=clerk)
    refused(
        add(capsys, monkeypatch, as_clerk, fresh_name(), "--clearance", "Public"), "administrator"
    )
    refused(run(capsys, "server", "user", "list", "--db", address(as_clerk)), "administrator")
    refused(
        run(
            capsys,
            "server",
            "user",
            "set-clearance",
            clerk,
            "Restricted",
            "--db",
            address(as_clerk),
        ),
        "administrator",
    )


def test_an_administrator_login_manages_accounts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: URL
) -> None:
    boss, clerk = fresh_name(), fresh_name()
    assert add(capsys, monkeypatch, server, boss, "--clearance", "Restricted", "--admin")[0] == 0
    as_boss = server.set(username=boss)
    assert add(capsys, monkeypatch, as_boss, clerk, "--clearance", "Internal")[0] == 0
    assert [clerk, "Internal", ""] in users(capsys, as_boss)
    assert run(capsys, "server", "user", "remove", clerk, "--db", address(as_boss))[0] == 0


def test_upgrade_reapplies_the_policies_and_refuses_a_table_nobody_classified(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, postgres: Cluster
) -> None:
    url = postgres.create_database()
    try:
        assert main(["server", "init", address(url)]) == 0
        clerk = fresh_name()
        assert add(capsys, monkeypatch, url, clerk, "--clearance", "Public")[0] == 0
        code, out, err = run(capsys, "server", "upgrade", address(url))
        assert (code, err) == (0, "")
        assert "policies re-applied" in out
        with psycopg.connect(dbname=url.database, user=url.username, host=url.query["host"]) as c:
            forced = c.execute(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                "AND relkind = 'r' AND NOT (relrowsecurity AND relforcerowsecurity) "
                "AND NOT relname = ANY(%s)",
                [sorted(NOT_CONTENT)],
            )
            assert forced.fetchone() == (0,)
            c.execute("CREATE TABLE surprise (id integer)")
        refused(run(capsys, "server", "upgrade", "--db", address(url)), "surprise")
        as_clerk = psycopg.connect(dbname=url.database, user=clerk, host=url.query["host"])
        with as_clerk as c, pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("SELECT * FROM surprise")
    finally:
        postgres.drop_database(url)
