"""Starting the GUI: the application, its fonts and settings, the database, the window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing.errors import BriefingError
from briefing.ui.main_window import MainWindow
from briefing.ui.security import Ask, ask_passphrase, open_encrypted

if TYPE_CHECKING:
    from briefing.store.database import Store


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Briefing")
    app.setOrganizationName("Briefing")
    app.setApplicationDisplayName("Briefing")
    return app


def open_database(explicit: str | None, default: Path, ask: Ask) -> Store | None:
    """The database named on the command line, or the embedded one (seeded when new).

    An encrypted file is unlocked with ``ask``; None when the person gives up.
    """
    from briefing.store.migrate import open_store

    target = explicit or str(default)
    return open_encrypted(
        target,
        lambda passphrase: open_store(target, seed_sample=not explicit, passphrase=passphrase),
        ask,
    )


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

    def show(self, store: Store) -> None:
        self.frame().attach(store)

    def open_path(self, path: str) -> None:
        from briefing.store.migrate import open_store

        try:
            store = open_encrypted(
                path,
                lambda passphrase: open_store(path, seed_sample=False, passphrase=passphrase),
                lambda prompt: ask_passphrase(None, prompt),
            )
        except BriefingError as exc:
            QMessageBox.warning(None, "Briefing", f"{path} was not opened:\n{exc}")
            return
        if store is not None:
            self.show(store)


def run(explicit: str | None, default: Path) -> int:
    app = make_application()
    settings = QSettings()
    first_start = not settings.value("welcomed", False, type=bool)
    launcher = Launcher(settings)
    window = launcher.frame()
    app.processEvents()  # paint the frame before the database and its libraries load
    try:
        store = open_database(explicit, default, lambda prompt: ask_passphrase(None, prompt))
    except BriefingError as exc:
        QMessageBox.critical(None, "Briefing", f"The database was not opened:\n{exc}")
        return 2
    if store is None:
        return 2
    window.attach(store)
    if first_start:
        settings.setValue("welcomed", True)
        QMessageBox.information(
            None,
            "Welcome to Briefing",
            "This is the sample dossier on the 2025 South Korea – United States trade talks, "
            "built from five news articles.\n\nBrowse with the list on the left, search with "
            "Ctrl+K, and open the Checks page to see what a reviewer should look at. "
            "File ▸ New dossier starts your own.",
        )
    return app.exec()
