"""A fault in the window is told in one message naming the log, which holds its traceback."""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from briefing.store.db import backup
from briefing.ui.crash import CrashReporter
from briefing.ui.main_window import MainWindow


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the reporter shows (QMessageBox.critical, answered at once)."""
    texts: list[str] = []

    def critical(_parent: QWidget | None, _title: str, text: str) -> None:
        texts.append(text)

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return texts


@pytest.fixture
def reporter(tmp_path: Path) -> Iterator[CrashReporter]:
    """Installed in place of pytest-qt's own hook for the test, then put back."""
    installed = CrashReporter(tmp_path / "logs" / "briefing.log")
    installed.install()
    yield installed
    installed.uninstall()


def _broken(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("the backup folder went away")


@pytest.mark.sqlite_only("File > Back up now is the fault's vehicle: a file backup")
@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_told_once_and_its_traceback_logged(
    window: MainWindow,
    qtbot: QtBot,
    reporter: CrashReporter,
    shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backup, "backup_database", _broken)  # File > Back up now's work
    window.act.backup.trigger()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "the backup folder went away" in shown[0] and str(reporter.log) in shown[0]
    log = reporter.log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "backup_now" in log and "RuntimeError: the backup folder went away" in log
    assert stat.S_IMODE(reporter.log.stat().st_mode) == 0o600  # it may quote a record
    assert stat.S_IMODE(reporter.log.parent.stat().st_mode) == 0o700


@pytest.mark.sqlite_only("File > Back up now is the fault's vehicle: a file backup")
@pytest.mark.qt_no_exception_capture
def test_faults_while_a_message_is_open_are_logged_not_shown(
    window: MainWindow,
    qtbot: QtBot,
    reporter: CrashReporter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []

    def critical(_parent: QWidget | None, _title: str, text: str) -> None:
        shown.append(text)
        window.act.backup.trigger()  # another fault while the person reads the first
        window.act.backup.trigger()

    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(backup, "backup_database", _broken)
    window.act.backup.trigger()
    qtbot.waitUntil(lambda: len(shown) == 1)
    QApplication.processEvents()
    assert len(shown) == 1
    assert reporter.log.read_text(encoding="utf-8").count("Traceback") == 3


@pytest.mark.qt_no_exception_capture
def test_a_fault_in_a_worker_thread_is_told_on_the_gui_thread(
    qtbot: QtBot, reporter: CrashReporter, monkeypatch: pytest.MonkeyPatch
) -> None:
    on: list[threading.Thread] = []

    def critical(_parent: QWidget | None, _title: str, text: str) -> None:
        on.append(threading.current_thread())

    monkeypatch.setattr(QMessageBox, "critical", critical)
    worker = threading.Thread(target=_broken)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(on))
    assert on == [threading.main_thread()]
    assert "RuntimeError: the backup folder went away" in reporter.log.read_text(encoding="utf-8")
