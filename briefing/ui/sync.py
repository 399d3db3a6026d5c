"""File ▸ Sync with the team server…: the window's way to sync the travel copy it is on.

The server is asked for as File ▸ Connect asks, filled in with what the copy records:
its server and database, and its login, which cannot be changed (only the login that
took a copy syncs it). A sync reads both sides' changes and writes both, so it runs in a
thread, as taking the copy does; its steps show in the status bar, and what went wrong
comes back as the store's one line. Afterwards every view reads the copy again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from briefing.errors import BriefingError
from briefing.store.db.database import database_url, is_server
from briefing.store.db.server import server_url, without_password
from briefing.ui.connect import ConnectDialog, is_server_address
from briefing.ui.i18n import QT_TRANSLATE_NOOP, messages, said, translate
from briefing.ui.settings import RECENT_DATABASES

if TYPE_CHECKING:
    from briefing.domain import TravelBase
    from briefing.store.db.database import Store
    from briefing.store.sync.trip import Synced
    from briefing.ui.main_window import MainWindow

NOT_A_COPY = QT_TRANSLATE_NOOP(
    "Sync",
    "Only a travel copy syncs, and this window is not on one. Take "
    "one on the team server with File ▸ Take a copy for travel…, "
    "then open it",
)
TIP = QT_TRANSLATE_NOOP(
    "Sync",
    "Send this travel copy's changes to its team server and bring back the server's",
)
CONFLICTS_TIP = QT_TRANSLATE_NOOP(
    "Sync",
    "Settle what this copy and the team server both changed differently",
)


def travel_base(store: Store) -> TravelBase | None:
    """The base the copy records, None if ``store`` is no travel copy. A copy is always
    an encrypted file, so nothing else is read, and a server never."""
    if is_server(store.url) or not store.encrypted:
        return None
    from briefing.store.travel import base_of

    try:
        return base_of(store)
    except BriefingError:
        return None


def known_server(base: TravelBase, recent: list[str]) -> str:
    """What the dialog starts from: the recent server of the copy's database and login
    (it has the exact address), else the server the copy names."""
    host, _, database = base.server.rpartition("/")
    for entry in recent:
        if is_server_address(entry):
            url = database_url(entry)
            if url.database == database and url.username == base.login:
                return entry
    # A copy taken over this machine's socket names it "localhost": empty asks libpq.
    address = "" if host == "localhost" else host
    return without_password(server_url(address, database, base.login))


def ask_server(parent: QWidget, base: TravelBase, recent: list[str]) -> Store | None:
    """The copy's server, connected in the Connect dialog as the copy's login; None if
    the person gives up."""
    dialog = ConnectDialog(parent, known_server(base, recent))
    dialog.setWindowTitle(translate("Sync", "Sync with the team server"))
    dialog.user.setReadOnly(True)
    dialog.user.setToolTip(
        translate("Sync", "Only {login}, who took this copy, syncs it").format(login=base.login)
    )
    dialog.connect_button.setText(translate("Sync", "&Sync"))
    dialog.exec()
    return dialog.store


def summary(synced: Synced) -> str:
    """The status bar's line once a sync is done."""
    conflicts = (
        translate("Sync", "1 conflict")
        if synced.conflicts == 1
        else translate("Sync", "{count} conflicts").format(count=synced.conflicts)
    )
    settle = (
        translate("Sync", " (View ▸ Travel conflicts… to settle them)") if synced.conflicts else ""
    )
    done = (
        translate("Sync", "Finished the sync cut short")
        if synced.resumed
        else translate("Sync", "Synced")
    )
    passed = synced.passed_on_said(messages().ngettext)
    return translate(
        "Sync",
        "{done}: sent {sent}, received {received}, {conflicts}{settle}{passed}",
    ).format(
        done=done,
        sent=synced.sent,
        received=synced.received,
        conflicts=conflicts,
        settle=settle,
        passed=passed,
    )


class Syncing(QThread):
    """Runs one sync off the window's thread, then closes the server's connection.

    Signals:
        step(str): what the sync is doing now.
        done(object, str): the :class:`~briefing.store.sync.trip.Synced` (or None) and,
        if none, the reason.
    """

    step = Signal(str)
    done = Signal(object, str)

    def __init__(self, copy: Store, server: Store, parent: QObject) -> None:
        super().__init__(parent)
        self.copy = copy
        self.server = server

    def run(self) -> None:
        from briefing.store.sync.trip import sync_copy  # the merge's modules, on first use

        try:
            synced = sync_copy(self.copy, self.server, self.step.emit)
        except BriefingError as exc:
            self.done.emit(None, said(exc))
        except Exception as exc:  # a bug must not leave the action disabled for ever
            self.done.emit(
                None, translate("Sync", "the sync failed ({type})").format(type=type(exc).__name__)
            )
        else:
            self.done.emit(synced, "")
        finally:
            self.server.close()


class Syncer(QObject):
    """Asks for the server, then syncs the window's copy with it in a :class:`Syncing`.

    Signals:
        finished(object, str): as :attr:`Syncing.done`, once the window has said so and
        its views have read the copy again.
    """

    finished = Signal(object, str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.syncing: Syncing | None = None

    def sync(self, server: Store | None = None) -> Syncing | None:
        """Start syncing with ``server``, asking for it if not given; None if the window
        is on no copy, the person gives up, or a sync is running already."""
        base = travel_base(self.window.store)
        if self.syncing is not None or base is None:
            return None
        if server is None:
            server = ask_server(self.window, base, RECENT_DATABASES.read(self.window.settings))
            if server is None:
                return None
        self._running(True)
        where = base.server
        self.window.statusBar().showMessage(
            translate("Sync", "Syncing with {where}…").format(where=where)
        )
        self.syncing = Syncing(self.window.store, server, self)
        self.syncing.step.connect(
            lambda step: self.window.statusBar().showMessage(
                translate("Sync", "Syncing with {where}: {step}…").format(where=where, step=step)
            )
        )
        self.syncing.done.connect(self._done)
        self.syncing.start()
        return self.syncing

    def _done(self, synced: Synced | None, why: str) -> None:
        if self.syncing is not None:
            self.syncing.wait()
            self.syncing = None
        self._running(False)
        if synced is None:
            self.window.statusBar().clearMessage()
            self.window.show_error(translate("Sync", "Not synced"), why)
        else:
            self.window.workspace.changed.emit()
            self.window.statusBar().showMessage(summary(synced), 60_000)
        self.finished.emit(synced, why)

    def _running(self, running: bool) -> None:
        """No second sync, and no settling, while one runs."""
        self.window.act.sync.setEnabled(not running)
        if self.window.act.conflicts_dialog is not None:
            self.window.act.conflicts_dialog.set_syncing(running)

    def stop(self) -> None:
        """Let a sync finish before the window closes its store."""
        if self.syncing is not None:
            self.syncing.wait()
