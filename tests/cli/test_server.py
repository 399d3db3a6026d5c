"""The command line on a PostgreSQL server (issue 15): ``--db postgresql+psycopg://…``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy.engine import URL

from briefing.assets import sample_dossier_path
from tests.cli.running import run
from tests.conftest import SAMPLE_SLUG
from tests.server import Cluster


def address(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def test_a_server_database_lists_its_dossiers(
    capsys: pytest.CaptureFixture[str], pg_url: URL
) -> None:
    assert run(capsys, "--db", address(pg_url), "dossier", "list") == (0, "no dossiers\n", "")


def test_a_server_without_the_schema_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], postgres: Cluster
) -> None:
    url = postgres.create_database()
    try:
        code, out, err = run(capsys, "--db", address(url), "dossier", "list")
    finally:
        postgres.drop_database(url)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert "administrator" in err


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"database": "nowhere"}, "it holds no database called nowhere"),
        ({"username": "stranger"}, "it did not accept user stranger with that password"),
        ({"query": {"host": "/nonexistent/socket"}}, "it is not running, or not reachable"),
    ],
)
def test_a_server_that_cannot_be_opened_says_why_in_one_line_of_our_own(
    capsys: pytest.CaptureFixture[str], pg_url: URL, change: dict[str, Any], why: str
) -> None:
    code, out, err = run(capsys, "--db", address(pg_url.set(**change)), "dossier", "list")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert why in err
    assert not re.search("FATAL|failed:|psycopg|\\.s\\.PGSQL", err), err


def test_the_sqlite_integrity_check_says_it_is_not_for_a_server(
    capsys: pytest.CaptureFixture[str], pg_url: URL
) -> None:
    code, out, err = run(capsys, "--db", address(pg_url), "db", "integrity")
    assert (code, out) == (2, "")
    assert "SQLite files" in err
    assert len(err.splitlines()) == 1


def test_a_dossier_is_imported_and_deleted_on_a_server(
    capsys: pytest.CaptureFixture[str], pg_url: URL
) -> None:
    db = address(pg_url)
    assert run(capsys, "--db", db, "dossier", "import", str(sample_dossier_path()))[0] == 0
    assert run(capsys, "--db", db, "dossier", "delete", SAMPLE_SLUG, "--yes")[0] == 0
    assert run(capsys, "--db", db, "dossier", "list")[1] == "no dossiers\n"
