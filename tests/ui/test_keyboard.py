"""Keyboard access: the main actions answer their keys once the window has started."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from briefing.ui.main_window import MainWindow


def test_the_actions_have_their_keys_once_the_first_page_is_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Keys are given after the first paint (start-up speed): they must arrive then."""
    qtbot.waitUntil(lambda: not window.act.find.shortcut().isEmpty())
    assert window.act.find.shortcut() == QKeySequence("Ctrl+K")
    assert window.act.edit.shortcut() == QKeySequence("Ctrl+E")
    assert window.act.redo.shortcuts() == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    assert window.act.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
