"""Starting the GUI and opening databases: only the embedded one is ever created."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytest import MonkeyPatch

from briefing.errors import BriefingError
from briefing.ui.app import Launcher, open_database


def test_opening_a_missing_file_says_so_and_creates_nothing(
    settings: QSettings, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    gone = tmp_path / "moved" / "talks.sqlite3"  # an entry of Open recent whose file went
    launcher = Launcher(settings)
    launcher.open_path(str(gone))
    assert launcher.windows == []
    assert len(said) == 1 and "briefing db create" in said[0]
    assert not gone.exists() and not gone.parent.exists()


def test_a_database_named_at_start_must_exist(tmp_path: Path) -> None:
    gone = tmp_path / "typo.sqlite3"
    try:
        open_database(str(gone), tmp_path / "default.sqlite3", lambda _prompt: None)
    except BriefingError as refused:
        assert "no database at" in str(refused)
    else:
        raise AssertionError("a missing database was opened")
    assert not gone.exists()
