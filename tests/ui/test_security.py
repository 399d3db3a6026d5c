"""Encrypted databases in the window: unlocking, auto-lock, and read-only files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from briefing.errors import WrongPassphrase
from briefing.store.db.backup import list_backups
from briefing.store.db.encryption import encrypt
from briefing.store.db.migrate import open_store
from briefing.ui import workspace as workspace_module
from briefing.ui.app import open_database
from briefing.ui.main_window import MainWindow
from tests.ui.conftest import listed

SECRET = "ministerial-cable-42"


def test_unlock_asks_until_the_passphrase_is_right(sample_db: Path) -> None:
    encrypt(sample_db, SECRET)
    answers = iter(["wrong", SECRET])
    prompts: list[str] = []

    def ask(prompt: str) -> str | None:
        prompts.append(prompt)
        return next(answers)

    store = open_database(str(sample_db), Path("/unused"), ask)
    assert store is not None and store.encrypted
    assert "encrypted" in prompts[0] and "does not open" in prompts[1]
    store.close()
    assert open_database(str(sample_db), Path("/unused"), lambda _p: None) is None


def _encrypted_window(qtbot: QtBot, sample_db: Path, settings: QSettings) -> MainWindow:
    encrypt(sample_db, SECRET)
    settings.setValue("security/autolock_minutes", 0.002)
    store = open_store(sample_db, seed_sample=False, passphrase=SECRET)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_idle_window_locks_and_hides_every_record(
    qtbot: QtBot, sample_db: Path, settings: QSettings
) -> None:
    window = _encrypted_window(qtbot, sample_db, settings)
    people = window.show_page("People")
    window.jump(listed(people.model)[0].id)
    assert window.locker.idle is not None
    with qtbot.waitSignal(window.locker.idle.idle, timeout=5000):
        pass
    assert window.locker.is_locked()
    assert window.details.browser.toPlainText() == ""
    assert not window.menuBar().isEnabled()
    image = window.grab().toImage()
    assert not image.isNull()
    assert window.central.currentWidget() is window.locker.panel
    assert not window.locker.unlock("guess")
    assert "not right" in window.locker.panel.error.text()
    assert window.locker.is_locked()
    assert window.locker.unlock(SECRET)
    assert not window.locker.is_locked() and window.menuBar().isEnabled()
    assert window.details.browser.toPlainText()
    window.close()


def test_plain_database_never_locks(window: MainWindow) -> None:
    assert window.locker.idle is None
    window.locker.lock()
    assert not window.locker.is_locked()


def test_read_only_database_disables_editing(
    qtbot: QtBot, sample_db: Path, settings: QSettings
) -> None:
    store = open_store(sample_db, seed_sample=False, read_only=True)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    people = window.show_page("People")
    window.jump(listed(people.model)[0].id)
    assert not window.act.edit.isEnabled() and not window.act.delete.isEnabled()
    assert not window.act.new["person"].isEnabled()
    assert "read-only" in window.status_location.text()


@pytest.mark.sqlite_only("backs up and restores the database file")
def test_backup_and_restore_from_the_window(window: MainWindow) -> None:
    made = window.files.backup_now()
    assert made is not None and made in list_backups(window.store.path)  # type: ignore[arg-type]
    people = window.show_page("People")
    ahn = next(r.id for r in listed(people.model) if r.name == "Ahn Duk-geun")
    window.editor.apply_edit(ahn, {"name": "Edited after backup"})
    window.files.restore(made.name)
    names = [r.name for r in listed(people.model)]
    assert "Ahn Duk-geun" in names and "Edited after backup" not in names
    assert not window.workspace.undo_stack.canUndo()


def test_wrong_passphrase_at_open_changes_nothing(sample_db: Path) -> None:
    encrypt(sample_db, SECRET)
    before = sample_db.read_bytes()
    with pytest.raises(WrongPassphrase):
        open_store(sample_db, seed_sample=False, passphrase="nope")
    assert sample_db.read_bytes() == before


def test_no_secret_reaches_the_checks_process_s_command_line_or_environment(
    qtbot: QtBot, sample_db: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The passphrase and the findings' key go on the process's input alone."""
    seen: list[tuple[list[str], dict[str, str]]] = []
    real_popen = subprocess.Popen

    def spy(args: list[str], **kwargs: Any) -> subprocess.Popen[str]:
        seen.append((list(args), dict(kwargs.get("env") or os.environ)))
        return real_popen(args, **kwargs)

    monkeypatch.setattr(workspace_module.subprocess, "Popen", spy)
    encrypt(sample_db, SECRET)
    store = open_store(sample_db, seed_sample=False, passphrase=SECRET)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    window.workspace.findings()
    qtbot.waitUntil(lambda: window.workspace.findings() is not None, timeout=60_000)
    found = window.workspace.findings()
    assert found is not None and found.total > 0 and seen
    key = found.store.access.passphrase
    assert key is not None and len(key) == 64 and key != SECRET
    for args, env in seen:
        assert not [a for a in args if SECRET in a or key in a]
        assert not [v for v in env.values() if SECRET in v or key in v]
