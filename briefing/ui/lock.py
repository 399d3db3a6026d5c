"""Locking an encrypted database's window: after idle minutes, or on File ▸ Lock now.

While locked, the window shows only a passphrase prompt: no page, no details, no menus.
The window builds this on the first lock or when it opens an encrypted database; most
databases are not encrypted and never lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing.store.db.encryption import check_passphrase
from briefing.ui.i18n import translate
from briefing.ui.security import IdleWatcher
from briefing.ui.settings import AUTOLOCK_MINUTES

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

MOST_MINUTES = 240


class LockPanel(QWidget):
    """The passphrase prompt that takes the window's place while it is locked.

    Signals:
        entered(str): the passphrase typed, on Return.
    """

    entered = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(
            translate("Lock", "<h2>Locked</h2><p>Enter the database passphrase to continue.</p>"),
            self,
        )
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(translate("Lock", "Passphrase"))
        self.field.setMaximumWidth(320)
        self.field.returnPressed.connect(lambda: self.entered.emit(self.field.text()))
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c0392b")
        layout.addWidget(title)
        layout.addWidget(self.field, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def ask(self, error: str = "") -> None:
        """Empty the field and wait for the passphrase, saying why if it is asked again."""
        self.field.clear()
        self.error.setText(error)
        self.field.setFocus()


class WindowLock:
    """Locks and unlocks one window, and watches for the idle minutes that lock it.

    Attributes:
        idle: the watcher, for an encrypted database; None for any other.
        panel: the prompt, built on the first lock.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.store = window.store
        self.idle: IdleWatcher | None = None
        self.panel: LockPanel | None = None
        if self.store.encrypted:
            self.idle = IdleWatcher(self.minutes(), window)
            self.idle.idle.connect(self.lock)
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self.idle)

    def stop(self) -> None:
        """Stop watching for idle time: the window is closing."""
        app = QApplication.instance()
        if self.idle is not None and app is not None:
            app.removeEventFilter(self.idle)

    def minutes(self) -> float:
        return AUTOLOCK_MINUTES.read(self.window.settings)

    def choose_minutes(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self.window,
            translate("Lock", "Auto-lock"),
            translate("Lock", "Lock an encrypted database after this many idle minutes:"),
            int(self.minutes()),
            1,
            MOST_MINUTES,
        )
        if ok:
            AUTOLOCK_MINUTES.write(self.window.settings, minutes)
            if self.idle is not None:
                self.idle.set_minutes(minutes)

    def _panel(self) -> LockPanel:
        if self.panel is None:
            self.panel = LockPanel(self.window)
            self.panel.entered.connect(self.unlock)
            self.window.central.addWidget(self.panel)
        return self.panel

    def is_locked(self) -> bool:
        return self.panel is not None and self.window.central.currentWidget() is self.panel

    def lock(self) -> None:
        """Hide every record until the passphrase is given again (encrypted databases)."""
        if not self.store.encrypted or self.is_locked():
            return
        window = self.window
        panel = self._panel()
        window.central.setCurrentWidget(panel)
        window.details.browser.clear()
        self._show_chrome(False)
        window.status_counts.clear()
        panel.ask()

    def unlock(self, passphrase: str) -> bool:
        assert self.store.path is not None
        panel = self._panel()
        if (
            not check_passphrase(self.store.path, passphrase)
            or passphrase != self.store.access.passphrase
        ):
            panel.ask(translate("Lock", "That passphrase is not right."))
            return False
        panel.field.clear()
        window = self.window
        window.central.setCurrentWidget(window.splitter)
        self._show_chrome(True)
        window.details.refresh()
        window.refresh_status()
        if self.idle is not None:
            self.idle.set_minutes(self.minutes())
        return True

    def _show_chrome(self, shown: bool) -> None:
        for bar in self.window.findChildren(QToolBar):
            bar.setVisible(shown)
        self.window.menuBar().setEnabled(shown)
