"""The test server's finder: where it looks for PostgreSQL, and what it says without one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.store.db import dump
from tests import server


def _install(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("initdb", "pg_ctl"):
        (folder / name).touch()
    return folder


def test_the_newest_debian_server_is_found_without_pg_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(dump, "DEBIAN_SERVERS", tmp_path)
    _install(tmp_path / "9.6" / "bin")
    newest = _install(tmp_path / "15" / "bin")
    assert server.server_binaries() == newest


def test_without_a_server_the_reason_names_where_it_looked_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(dump, "DEBIAN_SERVERS", tmp_path)
    with pytest.raises(server.ServerUnavailable, match=r"pg_config --bindir.*postgresql"):
        server.start_cluster()


@pytest.mark.parametrize(("value", "required"), [("true", True), ("1", True), ("", False)])
def test_ci_requires_the_server(
    monkeypatch: pytest.MonkeyPatch, value: str, required: bool
) -> None:
    monkeypatch.setenv("CI", value)
    assert server.required_in_ci() is required
