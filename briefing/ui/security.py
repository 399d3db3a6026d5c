"""Passphrases in the GUI: the unlock question at open, a new passphrase typed twice,
and the idle auto-lock.

The passphrase lives only in the Store's access settings while the database is open;
it is never written to settings, logs or the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.errors import PassphraseNeeded, WrongPassphrase
from briefing.ui.i18n import translate

if TYPE_CHECKING:
    from briefing.store.db.database import Store

ATTEMPTS = 5

Ask = Callable[[str], str | None]


def ask_passphrase(parent: QWidget | None, prompt: str) -> str | None:
    """The passphrase typed at a hidden prompt (its Qt classes load only if one is asked)."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(
        parent, translate("Security", "Unlock database"), prompt, QLineEdit.EchoMode.Password
    )
    return text if ok and text else None


def ask_new_passphrase(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """A new passphrase, typed twice with echo off: nobody can see a typo in a hidden
    field, and a mistyped one locks its file for good. None if the person gives up."""
    dialog = NewPassphraseDialog(parent, title, prompt)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.passphrase() if accepted else None


def open_encrypted(path: str, opener: Callable[[str | None], Store], ask: Ask) -> Store | None:
    """Open ``path``, asking for a passphrase while one is needed; None if the person gives up."""
    passphrase: str | None = None
    prompt = translate("Security", "{Path} is encrypted. Passphrase:").format(Path=Path(path).name)
    for _ in range(ATTEMPTS + 1):
        try:
            return opener(passphrase)
        except WrongPassphrase:
            prompt = translate(
                "Security", "That passphrase does not open {Path}. Try again:"
            ).format(Path=Path(path).name)
        except PassphraseNeeded:
            pass
        passphrase = ask(prompt)
        if passphrase is None:
            return None
    return None


class NewPassphraseDialog(QDialog):
    """A new passphrase and its repetition; OK only once both are typed and the same."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        for field, name in (
            (self.first, translate("Security", "New passphrase")),
            (self.second, translate("Security", "Repeat passphrase")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.textChanged.connect(self._compare)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(translate("Security", "&Passphrase:"), self.first)
        form.addRow(translate("Security", "&Repeat it:"), self.second)
        self.message = QLabel(self)
        self.message.setAccessibleName(translate("Security", "Passphrase message"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._compare()

    def _compare(self) -> None:
        first, second = self.first.text(), self.second.text()
        self.ok.setEnabled(bool(first) and first == second)
        differ = bool(second) and first != second
        self.message.setText(translate("Security", "The two passphrases differ.") if differ else "")

    def passphrase(self) -> str | None:
        first = self.first.text()
        return first if first and first == self.second.text() else None


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
