"""GUI fixtures: a main window on a private copy of the sample, with "today" pinned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing.store.db.database import Store
from briefing.ui import i18n
from briefing.ui.fonts import register_fonts
from briefing.ui.main_window import MainWindow
from briefing.ui.table_model import PagedModel
from briefing.ui.views.timeline import TimelinePage

T = TypeVar("T")

AS_OF = dt.date(2025, 5, 1)


@pytest.fixture(autouse=True)
def in_english(qapp: QApplication) -> Iterator[None]:
    """Every GUI test reads the English sources, whatever the machine's locale; a test
    that switches language gets English back after it."""
    i18n.install(qapp, "en")
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, qapp: object, store: Store, settings: QSettings) -> Iterator[MainWindow]:
    register_fonts(qapp)  # type: ignore[arg-type]
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.workspace.set_today(AS_OF)
    main.resize(1300, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main


def checks_done(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for the checks' worker thread to report for the data on screen."""
    window.workspace.findings()
    qtbot.waitUntil(lambda: window.workspace.findings() is not None, timeout=30_000)


def listed(model: PagedModel[T]) -> list[T]:
    """Every row a list shows now, read through its model page by page as a view would."""
    rows = [model.row_at(n) for n in range(model.rowCount())]
    return [row for row in rows if row is not None]


def show_timeline(qtbot: QtBot, window: MainWindow) -> TimelinePage:
    """The timeline page, once its chart has read the events in the background."""
    page = window.show_page("Timeline")
    assert isinstance(page, TimelinePage)
    qtbot.waitUntil(page.chart_current, timeout=30_000)
    return page


def open_from_view_menu(window: MainWindow, action: QAction) -> None:
    """Trigger ``action`` as a user would: it is in the View menu, and enabled."""
    view_menu = window.menuBar().actions()[2].menu()
    assert action in view_menu.actions() and action.isEnabled()
    action.trigger()
