"""Starting the GUI: the QApplication, the database, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from briefing.errors import BriefingError
from briefing.store.database import Store
from briefing.store.migrate import open_store


def open_database(explicit: str | None, default: Path) -> Store:
    if explicit:
        return open_store(explicit, seed_sample=False)
    return open_store(default, seed_sample=True)


def run(explicit: str | None, default: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Briefing")
    app.setOrganizationName("Briefing")
    try:
        store = open_database(explicit, default)
    except BriefingError as exc:
        QMessageBox.critical(None, "Briefing", str(exc))
        return 2
    from briefing.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    return app.exec()
