"""Starting the GUI: the application, its fonts and settings, the database, the window.

The window's frame is shown first and the database is opened into it once the frame has
painted, so the person sees the app at once instead of after the database and its
libraries have loaded. What only the later stages or a failure need (dialogs, the
passphrase prompt) is imported there, not here: every Qt class costs its enums.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from briefing.errors import BriefingError
from briefing.ui.i18n import said, translate
from briefing.ui.main_window import MainWindow
from briefing.ui.onscreen import after_first_paint
from briefing.ui.settings import WELCOMED

if TYPE_CHECKING:
    from briefing.store.db.database import Store
    from briefing.ui.security import Ask

OPEN_AT_LATEST_MS = 500
"""The database opens after this long even if the frame has not painted (minimised)."""


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Briefing")
    app.setOrganizationName("Briefing")
    app.setApplicationDisplayName("Briefing")
    return app


def open_database(explicit: str | None, default: Path, ask: Ask) -> Store | None:
    """The database named on the command line, or the embedded one (seeded when new).

    Only the embedded one is created when missing: one named must exist (File ▸ New
    database and ``briefing db create`` make one). An encrypted file is unlocked with
    ``ask``; None when the person gives up.
    """
    from briefing.store.db.migrate import open_store
    from briefing.ui.connect import is_server_address, open_server
    from briefing.ui.security import open_encrypted

    target = explicit or str(default)
    if is_server_address(target):
        return open_server(None, target)
    return open_encrypted(
        target,
        lambda passphrase: open_store(
            target, seed_sample=not explicit, create=not explicit, passphrase=passphrase
        ),
        ask,
    )


COLLECT_EVERY = (20_000, 10, 10)
"""Allocations before a young collection, and young collections before an older one."""


def _startup_done() -> None:
    """Turn the garbage collector back on, sparing it what start-up built.

    Start-up allocates hundreds of thousands of objects that live as long as the app
    (modules, SQLAlchemy's mappers, Qt wrappers) and almost no garbage, yet every full
    collection on the way walks all of them: with the collector off, the first page is
    on screen some 15% sooner. Freezing moves those objects out of the collector's sight,
    so the collections while the person works stay short too; the price is that the
    little garbage start-up made is never reclaimed.

    Collections then come less often than Python's default (every 700 allocations), so
    the full ones over a big dossier's checks (a third of a second each, 134 of them while
    100,000 events were checked) are few: the worst search keystroke in that time went
    from 294 to 140 ms, and memory stayed the same.
    """
    gc.freeze()
    gc.set_threshold(*COLLECT_EVERY)
    gc.enable()


class Launcher:
    """Keeps the open windows alive and opens other databases when a window asks."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.windows: list[MainWindow] = []

    def frame(self) -> MainWindow:
        """A new, shown window with no database yet: :meth:`MainWindow.attach` fills it."""
        window = MainWindow(None, self.settings, self.open_path)
        window.show()
        self.windows.append(window)
        return window

    def start(self, explicit: str | None, default: Path) -> MainWindow:
        """Show a window now and open the database into it once the window has painted.

        If the database cannot be opened (refused, or the passphrase not given), the
        reason is shown and the application exits with status 2.
        """
        gc.disable()  # until the first page is on screen: see _startup_done
        window = self.frame()
        window.started.connect(_startup_done)
        after_first_paint(
            window,
            lambda: self._open_into(window, explicit, default),
            at_latest_ms=OPEN_AT_LATEST_MS,
        )
        return window

    def _open_into(self, window: MainWindow, explicit: str | None, default: Path) -> None:
        from briefing.ui.security import ask_passphrase

        try:
            store = open_database(explicit, default, lambda prompt: ask_passphrase(None, prompt))
        except BriefingError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(
                None,
                "Briefing",
                translate("App", "The database was not opened:\n{exc}").format(exc=said(exc)),
            )
            store = None
        if store is None:
            _startup_done()
            QApplication.exit(2)
            return
        try:
            window.attach(store)
        except BaseException:
            _startup_done()  # the window will never say it started
            raise

    def show(self, store: Store) -> None:
        self.frame().attach(store)

    def open_path(self, path: str) -> None:
        """Open an existing database in a window of its own; a missing one is refused
        (an entry of Open recent whose file has gone), never created. A server is opened
        through the connect dialog, filled in with what ``path`` names."""
        from PySide6.QtWidgets import QMessageBox

        from briefing.store.db.migrate import open_store
        from briefing.ui.connect import ask_connection, is_server_address
        from briefing.ui.security import ask_passphrase, open_encrypted

        if is_server_address(path):
            store = ask_connection(None, path)  # a recent server, or Connect to a team server…
            if store is not None:
                self.show(store)
            return
        try:
            store = open_encrypted(
                path,
                lambda passphrase: open_store(
                    path, seed_sample=False, create=False, passphrase=passphrase
                ),
                lambda prompt: ask_passphrase(None, prompt),
            )
        except BriefingError as exc:
            QMessageBox.warning(
                None,
                "Briefing",
                translate("App", "{path} was not opened:\n{exc}").format(path=path, exc=said(exc)),
            )
            return
        if store is not None:
            self.show(store)


def welcome(settings: QSettings) -> None:
    """Greet a first start, once, with where things are in the sample dossier."""
    from PySide6.QtWidgets import QMessageBox

    WELCOMED.write(settings, True)
    QMessageBox.information(
        None,
        translate("App", "Welcome to Briefing"),
        translate(
            "App",
            "This is the sample dossier on the 2025 South Korea – United States trade talks, "
            "built from five news articles.\n\nBrowse with the list on the left, search with "
            "Ctrl+K, and open the Checks page to see what a reviewer should look at. File ▸ "
            "New dossier starts your own.",
        ),
    )


def run(
    explicit: str | None,
    default: Path,
    *,
    smoke: bool = False,
    language: str | None = None,
) -> int:
    """The app until its last window closes; with ``smoke``, see :mod:`briefing.ui.smoke`.

    ``language`` (``--language``) overrides View ▸ Language's choice for this run only.
    """
    from briefing.ui import i18n
    from briefing.ui.crash import CrashReporter

    app = make_application()
    CrashReporter(parent=app).install()  # from now on no fault goes unsaid
    settings = QSettings()
    i18n.install(app, i18n.chosen_language(settings, language))
    launcher = Launcher(settings)
    window = launcher.start(explicit, default)
    if smoke:
        from briefing.ui.smoke import SmokeTest

        test = SmokeTest(window)
        return app.exec() or test.status
    if not WELCOMED.read(settings):
        window.opened.connect(lambda: welcome(settings))
    return app.exec()
