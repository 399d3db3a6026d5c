"""What the GUI remembers survives a restart, and a settings file edited by hand (or
written by another version) never stops the window from opening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from briefing.store.db.database import Store
from briefing.ui.main_window import MainWindow
from briefing.ui.settings import (
    AUTOLOCK_MINUTES,
    DEFAULT_LOCK_MINUTES,
    EXPORT_SECTIONS,
    LAST_FOLDER,
    RECENT_DATABASES,
    WINDOW_GEOMETRY,
)


def _reopened(settings: QSettings) -> QSettings:
    settings.sync()
    return QSettings(settings.fileName(), QSettings.Format.IniFormat)


def test_what_is_written_reads_back_after_a_restart(settings: QSettings, tmp_path: Path) -> None:
    EXPORT_SECTIONS.write(settings, ["cover"])  # one item: an INI file gives back a string
    RECENT_DATABASES.write(settings, [str(tmp_path / "a.sqlite3")])
    LAST_FOLDER.write(settings, tmp_path)
    AUTOLOCK_MINUTES.write(settings, 3)
    again = _reopened(settings)
    assert EXPORT_SECTIONS.read(again) == ["cover"]
    assert RECENT_DATABASES.read(again) == [str(tmp_path / "a.sqlite3")]
    assert LAST_FOLDER.read(again) == tmp_path
    assert AUTOLOCK_MINUTES.read(again) == 3


def test_a_value_edited_by_hand_reads_as_its_default_and_the_window_opens(
    qtbot: QtBot, qapp: object, store: Store, settings: QSettings
) -> None:
    for key in ("window/geometry", "window/state", "window/splitter", "export/audience"):
        settings.setValue(key, "not what was written")
    settings.setValue(AUTOLOCK_MINUTES.key, "soon")
    settings.setValue("window/page", "No such page")
    again = _reopened(settings)
    assert AUTOLOCK_MINUTES.read(again) == DEFAULT_LOCK_MINUTES
    window = MainWindow(store, again)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_page() == "Overview"
    window.close()
    assert WINDOW_GEOMETRY.read(_reopened(again)) is not None  # written over on closing
