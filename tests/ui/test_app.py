"""Starting the GUI: faults reported from the start; only the embedded database is created."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from briefing.errors import BriefingError
from briefing.ui.app import Launcher, open_database, run
from briefing.ui.crash import CrashReporter
from briefing.ui.main_window import MainWindow


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


def test_the_app_reports_faults_from_the_moment_it_starts(
    qtbot: QtBot, settings: QSettings, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def start(launcher: Launcher, _explicit: str | None, _default: Path) -> MainWindow:
        frame = MainWindow(None, settings)
        qtbot.addWidget(frame)
        return frame

    hooks: list[object] = []
    monkeypatch.setattr(Launcher, "start", start)
    monkeypatch.setattr(QApplication, "exec", lambda _app: hooks.append(sys.excepthook) or 0)
    assert run(None, Path("/unused")) == 0
    assert len(hooks) == 1 and isinstance(getattr(hooks[0], "__self__", None), CrashReporter)
