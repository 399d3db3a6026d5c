"""Logging in from the command line (issue 15): the server's password from standard input
or a hidden prompt, never from the address; one line of our own when it is wrong."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy.engine import URL

from briefing.cli import main
from tests.conftest import LOGIN_ROLE, SAMPLE_SLUG, Login


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def address(url: URL) -> str:
    return url.render_as_string(hide_password=False)


@pytest.mark.parametrize("stdin_first", [True, False])
def test_the_right_password_on_standard_input_opens_the_server(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pg_login: Login,
    stdin_first: bool,
) -> None:
    command = ["dossier", "list"]
    options = ["--db", address(pg_login.url), "--passphrase-stdin"]
    argv = options + command if stdin_first else command + options
    code, out, err = run(capsys, monkeypatch, pg_login.password + "\n", *argv)
    assert (code, err) == (0, "")
    assert out.startswith(SAMPLE_SLUG)


@pytest.mark.parametrize("user", [LOGIN_ROLE, "nobody_here"])
def test_a_wrong_password_or_unknown_role_is_one_line_of_our_own(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, pg_login: Login, user: str
) -> None:
    db = address(pg_login.url.set(username=user))
    code, out, err = run(
        capsys, monkeypatch, "not it\n", "--db", db, "--passphrase-stdin", "dossier", "list"
    )
    assert (code, out) == (2, "")
    assert err == (
        "briefing: cannot open the Briefing server at localhost: it did not accept user "
        f"{user} with that password\n"
    )


def test_without_a_terminal_or_standard_input_the_password_is_asked_for_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, pg_login: Login
) -> None:
    code, out, err = run(capsys, monkeypatch, "", "--db", address(pg_login.url), "dossier", "list")
    assert (code, out) == (2, "")
    assert err == (
        "briefing: a password is needed: run in a terminal, or pipe it in with --passphrase-stdin\n"
    )


def test_a_password_in_the_address_is_refused_and_never_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, pg_login: Login
) -> None:
    db = address(pg_login.url.set(password=pg_login.password))
    code, out, err = run(capsys, monkeypatch, "", "--db", db, "dossier", "list")
    assert (code, out) == (2, "")
    assert pg_login.password not in err
    assert re.search("password does not belong in the server's address", err)


def test_a_remote_server_without_verified_tls_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(psycopg.Connection, "connect", refuse)
    monkeypatch.delenv("BRIEFING_INSECURE_SERVER", raising=False)
    db = "postgresql+psycopg://alice@db.ministry.example/briefing?sslmode=require"
    code, out, err = run(capsys, monkeypatch, "", "--db", db, "dossier", "list")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "sslmode=verify-full" in err


def test_the_app_refuses_a_password_in_the_address_before_its_window_opens(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.ui.app

    monkeypatch.setattr(briefing.ui.app, "run", lambda *a, **k: pytest.fail("window opened"))
    db = "postgresql+psycopg://alice:hunter2-words@localhost/briefing"
    code, out, err = run(capsys, monkeypatch, "", "--db", db)
    assert (code, out) == (2, "")
    assert "hunter2" not in err and "does not belong in the server's address" in err
