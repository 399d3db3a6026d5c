"""``briefing travel sync`` telling of edits passed on, and ``briefing dossier raised`` and
``settle-raised`` for the login cleared to see them, on a real server (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_server import run
from tests.cli.test_travel import (  # noqa: F401
    CONFIDENTIAL,
    RESTRICTED,
    as_login,
    cleared_server,
    copy,
    refused,
    server,
)
from tests.cli.test_travel_sync import sync_argv, travel
from tests.store.server.conftest import ClearedServer
from tests.store.sync.test_raised import colleague, edited_then_raised, raised_rows
from tests.store.sync.test_trip import field


def test_the_sync_tells_of_passed_on_edits_and_only_the_cleared_login_lists_and_takes_them(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = edited_then_raised(path, server, 6)
    with colleague(server) as home:
        name = field(home, uid, "name")
    code, out, err = travel(capsys, monkeypatch, *sync_argv(server, path))
    assert (code, err) == (0, ""), err
    assert "0 conflict(s) kept, 1 edit passed on to someone cleared to see them" in out, out
    code, out, err = run(capsys, "dossier", *as_login(server, CONFIDENTIAL, "raised"))
    assert (code, err) == (0, "") and f" {uid} " not in out, out
    code, out, err = run(capsys, "dossier", *as_login(server, RESTRICTED, "raised"))
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    (heading,) = [line for line in lines if f" {uid} (edited by " in line]
    assert server.logins[CONFIDENTIAL] in heading
    at = lines.index(heading)
    assert lines[at + 1] == f"   name: {name} -> Renamed on the plane"
    number = heading.split(".")[0]
    settle = as_login(server, RESTRICTED, "settle-raised", number, "--mine")
    code, out, err = run(capsys, "dossier", *settle)
    assert (code, err) == (0, ""), err
    assert out == f"the edits {number} of {server.logins[CONFIDENTIAL]} taken into {uid}\n"
    with colleague(server) as home:
        assert field(home, uid, "name") == "Renamed on the plane"
        assert field(home, uid, "bio") == "Written at home"
    assert raised_rows(server, uid) == []
    refused(run(capsys, "dossier", *settle), "no edits", number)


def test_a_sync_with_nothing_passed_on_says_nothing_of_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    code, out, err = travel(capsys, monkeypatch, *sync_argv(server, path))
    assert (code, err) == (0, "") and "passed on" not in out, (out, err)


def test_settling_edits_passed_on_in_a_file_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], sample_db: Path
) -> None:
    """A laptop's file has no clearances to settle by, and no traveller passes it edits:
    the refusal says so rather than what the file's driver makes of a server's query."""
    outcome = run(capsys, "--db", str(sample_db), "dossier", "settle-raised", "1", "--mine")
    refused(outcome, "not a team server", "Nothing was changed")
