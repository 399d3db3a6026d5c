"""File ▸ Connect to a team server…: the dialog, and opening a server named elsewhere.

The password is typed with echo off and lives only in the open store's URL: the recent
servers remember the address, the database and the user, never the password. Trying
the connection runs in a thread, so a server that takes its time to answer leaves the
window responsive, and what went wrong is one line in the dialog.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.errors import BriefingError
from briefing.store.db.database import database_url, is_server
from briefing.store.db.migrate import open_store
from briefing.store.db.server import Identity, PasswordNeeded, address_of, server_url
from briefing.ui.i18n import said, translate

if TYPE_CHECKING:
    from briefing.store.db.database import Store

NEW_SERVER = "postgresql+psycopg://"
"""What File ▸ Connect to a team server… asks the application to open: no server yet."""


def is_server_address(target: str) -> bool:
    """Whether a recent entry or ``--db`` names a team server rather than a file."""
    if "://" not in target:
        return False
    try:
        return is_server(database_url(target))
    except BriefingError:
        return False


class Attempt(QThread):
    """Opens the server off the window's thread; ``done`` carries the store or the reason.

    Signals:
        done(object, str): the open store (or None) and, if none, why in one line.
    """

    done = Signal(object, str)

    def __init__(self, opener: Callable[[], Store], parent: QWidget) -> None:
        super().__init__(parent)
        self.opener = opener

    def run(self) -> None:
        try:
            store = self.opener()
        except PasswordNeeded:
            self.done.emit(
                None,
                translate("Connect", "the server asks for a password: type it and connect again"),
            )
        except BriefingError as exc:
            self.done.emit(None, said(exc))
        except Exception as exc:  # a bug must not leave the dialog waiting for ever
            self.done.emit(
                None,
                translate("Connect", "the connection failed ({type})").format(
                    type=type(exc).__name__
                ),
            )
        else:
            self.done.emit(store, "")


class ConnectDialog(QDialog):
    """Address, database, user and password of a team server; Connect tries them.

    Attributes:
        store: the opened server once the dialog is accepted.
    """

    def __init__(self, parent: QWidget | None = None, known: str = NEW_SERVER) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Connect", "Connect to a team server"))
        self.store: Store | None = None
        self.attempt: Attempt | None = None
        url = database_url(known)
        self.address = QLineEdit(address_of(url), self)
        self.address.setPlaceholderText(
            translate("Connect", "host or host:port (empty: this machine)")
        )
        self.database = QLineEdit(url.database or "", self)
        self.database.setPlaceholderText("briefing")
        self.user = QLineEdit(url.username or getpass.getuser(), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for field, name in (
            (self.address, translate("Connect", "Server address")),
            (self.database, translate("Connect", "Database")),
            (self.user, translate("Connect", "User")),
            (self.password, translate("Connect", "Password")),
        ):
            field.setAccessibleName(name)
        form = QFormLayout()
        form.addRow(translate("Connect", "&Server:"), self.address)
        form.addRow(translate("Connect", "&Database:"), self.database)
        form.addRow(translate("Connect", "&User:"), self.user)
        form.addRow(translate("Connect", "&Password:"), self.password)
        self.message = QLabel(self)
        self.message.setAccessibleName(translate("Connect", "Connection message"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(translate("Connect", "&Connect"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        empty = next((f for f in (self.address, self.database, self.user) if not f.text()), None)
        (empty or self.password).setFocus()

    def try_connect(self) -> None:
        """Open the server in a thread; the dialog closes when it is open."""
        if self.attempt is not None:
            return
        if not self.database.text().strip():
            self.say(
                translate("Connect", "name the database on the server (ask your IT department)")
            )
            return
        try:
            url = server_url(
                self.address.text(), self.database.text(), self.user.text(), self.password.text()
            )
        except BriefingError as exc:
            self.say(said(exc))
            return
        self.say(translate("Connect", "Connecting…"))
        self.connect_button.setEnabled(False)
        self.attempt = Attempt(lambda: open_store(url, seed_sample=False, create=False), self)
        self.attempt.done.connect(self._done)
        self.attempt.start()

    def _done(self, store: Store | None, why: str) -> None:
        if self.attempt is not None:
            self.attempt.wait()
            self.attempt = None
        if self.result() == QDialog.DialogCode.Rejected.value and not self.isVisible():
            if store is not None:
                store.close()  # cancelled while it was connecting: nobody wants it now
            return
        self.connect_button.setEnabled(True)
        if store is None:
            self.say(why)
            self.password.setFocus()
            return
        self.store = store
        self.password.clear()
        self.accept()

    def say(self, message: str) -> None:
        """One sentence of ours, wrapped to the dialog's width rather than cut short."""
        self.message.setText(message)

    def reject(self) -> None:
        if self.attempt is not None:
            self.attempt.wait()  # the thread holds the store it may still be opening
        super().reject()


def ask_connection(parent: QWidget | None, known: str = NEW_SERVER) -> Store | None:
    """The store the person connects to in the dialog; None if they cancel."""
    dialog = ConnectDialog(parent, known)
    dialog.exec()
    return dialog.store


def open_server(parent: QWidget | None, address: str) -> Store | None:
    """The server ``address`` names, straight away when no password is needed (libpq's
    password or service file gives it), else through the dialog, filled in."""
    try:
        return open_store(address, seed_sample=False, create=False)
    except PasswordNeeded:
        return ask_connection(parent, address)


def location_text(identity: Identity, level_name: str | None) -> str:
    """The status bar's place: the file, or the server, the user and their clearance."""
    if identity.user is None:
        return translate("Connect", "Database: {server}").format(server=identity.server)
    clearance = (
        translate("Connect", " · clearance {level_name}").format(level_name=level_name)
        if level_name
        else ""
    )
    return translate("Connect", "Server: {server} · user {user}{clearance}").format(
        server=identity.server, user=identity.user, clearance=clearance
    )
