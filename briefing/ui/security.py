"""Passphrases in the GUI: the unlock question at open, and the idle auto-lock.

The passphrase lives only in the Store's access settings while the database is open;
it is never written to settings, logs or the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from briefing.errors import PassphraseNeeded, WrongPassphrase

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from briefing.store.db.database import Store

ATTEMPTS = 5

Ask = Callable[[str], str | None]


def ask_passphrase(parent: QWidget | None, prompt: str) -> str | None:
    """The passphrase typed at a hidden prompt (its Qt classes load only if one is asked)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, "Unlock database", prompt, QLineEdit.EchoMode.Password)
    return text if ok and text else None


def open_encrypted(path: str, opener: Callable[[str | None], Store], ask: Ask) -> Store | None:
    """Open ``path``, asking for a passphrase while one is needed; None if the person gives up."""
    passphrase: str | None = None
    prompt = f"{Path(path).name} is encrypted. Passphrase:"
    for _ in range(ATTEMPTS + 1):
        try:
            return opener(passphrase)
        except WrongPassphrase:
            prompt = f"That passphrase does not open {Path(path).name}. Try again:"
        except PassphraseNeeded:
            pass
        passphrase = ask(prompt)
        if passphrase is None:
            return None
    return None


class IdleWatcher(QObject):
    """Fires ``idle`` after ``minutes`` without a key press or mouse action in the app.

    Signals:
        idle(): the time ran out.
    """

    idle = Signal()
    ACTIVITY = (
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    )

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self.ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False
