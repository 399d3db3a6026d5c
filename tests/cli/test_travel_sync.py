"""``briefing travel sync``, ``conflicts`` and ``settle`` on a real server (issue 16)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from tests.book.pdf import pdftotext
from tests.cli.test_server import run
from tests.cli.test_travel import (  # noqa: F401
    CONFIDENTIAL,
    PASSPHRASE,
    as_login,
    cleared_server,
    copy,
    refused,
    server,
)
from tests.store.server.conftest import ClearedServer
from tests.store.sync.test_trip import edit, field, opened, people, traveller


def travel(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    passphrase: str = PASSPHRASE,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(passphrase + "\n"))
    return run(capsys, "travel", *argv, "--passphrase-stdin")


def sync_argv(team: ClearedServer, path: Path) -> list[str]:
    """``travel sync`` of the copy at ``path`` as the Confidential login that took it."""
    return as_login(team, CONFIDENTIAL, "sync", str(path))


def test_a_conflict_is_listed_settled_with_mine_and_sent_by_the_next_sync(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = people(path)[7]
    with opened(path) as store:
        edit(store, uid, {"name": "Kim Jung-kwan"})
    with traveller(server) as team:
        edit(team, uid, {"name": "Kim Jeong-gwan"})
    sync = sync_argv(server, path)
    code, out, err = travel(capsys, monkeypatch, *sync)
    assert (code, err) == (0, ""), err
    assert "sent 0 change(s), received 0, 1 conflict(s) kept" in out
    code, out, err = travel(capsys, monkeypatch, "conflicts", str(path))
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    assert lines[0].startswith("1. ") and f"{uid} · Name (romanized) (edit/edit)" in lines[0]
    assert lines[2] == "   mine:   Kim Jung-kwan"
    assert lines[3].startswith(f"   theirs: Kim Jeong-gwan ({server.logins[CONFIDENTIAL]}, ")
    book = path.with_name("book.pdf")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    exported = run(
        capsys, "--db", str(path), "export", "--audience", "Confidential", "--out", str(book),
        "--passphrase-stdin",
    )  # fmt: skip
    assert exported[0] == 0, exported
    printed = " ".join(pdftotext(book))
    assert "sync-conflict — Kim Jung-kwan" in printed, printed[-2000:]
    assert "in conflict since the last sync" in printed
    code, out, err = travel(capsys, monkeypatch, "settle", str(path), "1", "--mine")
    assert (code, err) == (0, ""), err
    code, out, err = travel(capsys, monkeypatch, *sync)
    assert "sent 1 change(s), received 0, 0 conflict(s) kept" in out, (out, err)
    with traveller(server) as team:
        assert field(team, uid, "name") == "Kim Jung-kwan"
    assert travel(capsys, monkeypatch, "conflicts", str(path))[1] == "no conflicts\n"
    book.unlink()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    run(capsys, "--db", str(path), "export", "--audience", "Confidential", "--out", str(book),
        "--passphrase-stdin")  # fmt: skip
    assert "sync-conflict" not in " ".join(pdftotext(book))


def test_a_wrong_passphrase_or_an_unknown_conflict_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = people(path)[8]
    with opened(path) as store:
        edit(store, uid, {"name": "Not yet sent"})
    sync = sync_argv(server, path)
    refused(travel(capsys, monkeypatch, *sync, passphrase="wrong"), "passphrase")
    refused(travel(capsys, monkeypatch, "settle", str(path), "9", "--theirs"), "no conflict 9")
    with traveller(server) as team:
        assert field(team, uid, "name") != "Not yet sent"
    with opened(path) as store:
        assert field(store, uid, "name") == "Not yet sent"


def _title(store: Store, title: str | None = None) -> str:
    """The dossier's title, first set to ``title`` when given."""
    with store.session() as session:
        dossier = find_dossier(session, "levels")
        if title is not None:
            dossier.title = title
        return dossier.title


def test_a_title_changed_on_both_sides_is_listed_as_the_dossiers_and_settled(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    with Store.at(server.url) as owner:
        was = _title(owner)
        try:
            with opened(path) as store:
                _title(store, "Renamed on the plane")
            _title(owner, "Renamed at home")
            sync = sync_argv(server, path)
            code, out, err = travel(capsys, monkeypatch, *sync)
            assert "1 conflict(s) kept" in out, (out, err)
            code, out, err = travel(capsys, monkeypatch, "conflicts", str(path))
            assert (code, err) == (0, ""), err
            lines = out.splitlines()
            assert lines[0] == "1. the dossier · Title (edit/edit)"
            assert lines[1:3] == [f"   base:   {was}", "   mine:   Renamed on the plane"]
            # Who changed the dossier's row on the server, and when (migration 0029).
            assert re.fullmatch(
                rf"   theirs: Renamed at home \({re.escape(str(server.url.username))}, "
                r"\d{4}-\d\d-\d\d \d\d:\d\d\)",
                lines[3],
            ), lines[3]
            monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
            listing = ("travel", "conflicts", str(path), "--passphrase-stdin")
            korean = run(capsys, "--language", "ko", *listing)[1]
            assert korean.splitlines()[0] == "1. 자료철 · 제목 (수정/수정)"
            code, out, err = travel(capsys, monkeypatch, "settle", str(path), "1", "--theirs")
            assert (code, err) == (0, ""), err
            code, out, err = travel(capsys, monkeypatch, *sync)
            assert "0 conflict(s) kept" in out, (out, err)
            with opened(path) as store:
                assert _title(store) == "Renamed at home"
        finally:
            _title(owner, was)
