"""The main window itself: its size on a laptop's screen, its title, its status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QSizeGrip, QWidget
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from briefing.domain import Dossier
from briefing.store.database import Store
from briefing.store.migrate import open_store
from briefing.ui.app import Launcher
from briefing.ui.main_window import PAGE_TITLES, MainWindow
from briefing.ui.views.timeline import TimelinePage
from tests.ui.conftest import show_timeline

LAPTOP = QSize(1280, 720)


def _inside(window: MainWindow, widget: QWidget) -> bool:
    """Whether ``widget`` is shown whole within the window, at least at its size hint."""
    where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    hint = widget.sizeHint()
    return (
        widget.isVisible()
        and window.rect().contains(where)
        and widget.width() >= hint.width()
        and widget.height() >= hint.height()
    )


def test_every_page_fits_a_laptop_window_with_the_details_pane(
    window: MainWindow, qtbot: QtBot
) -> None:
    show_timeline(qtbot, window)  # its legend once held the window 1649 pixels wide
    for title in ["Timeline", *[t for t in PAGE_TITLES if t != "Timeline"]]:
        page = window.show_page(title)
        if isinstance(page, TimelinePage):
            qtbot.waitUntil(page.chart_current)
        window.resize(LAPTOP)
        qtbot.waitUntil(lambda: window.size() == LAPTOP)
        bar = window.statusBar()
        last = max(
            (
                w
                for w in bar.findChildren(QWidget)
                if w.isVisible() and w.parent() is bar and not isinstance(w, QSizeGrip)
            ),
            key=lambda w: w.geometry().right(),
        )
        assert last is window.status_counts
        assert _inside(window, window.details), title
        assert _inside(window, last), title
        assert _inside(window, page), title


def test_the_first_window_fits_the_screen(qtbot: QtBot, settings: QSettings) -> None:
    frame = MainWindow(None, settings)  # nothing saved: its size is the default
    qtbot.addWidget(frame)
    available = frame.screen().availableGeometry().size()
    assert frame.width() <= available.width() and frame.height() <= available.height()


def test_the_title_names_the_dossier_on_screen(window: MainWindow) -> None:
    assert window.windowTitle() == "South Korea – United States trade talks, 2025 — Briefing"
    window.create_dossier("Japan – United States\u202e talks")
    assert window.windowTitle() == "Japan – United States talks — Briefing"


def test_new_database_creates_an_empty_one_and_opens_it_in_a_window(
    qtbot: QtBot, store: Store, settings: QSettings, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    launcher = Launcher(settings)
    launcher.show(store)
    first = launcher.windows[0]
    qtbot.addWidget(first)
    target = tmp_path / "folder" / "talks"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    first.act_new_database.trigger()
    created = target.with_suffix(".sqlite3")
    assert len(launcher.windows) == 2
    second = launcher.windows[1]
    qtbot.addWidget(second)
    assert second.store.path == created and second.workspace.dossier_ids() == []
    assert second.windowTitle() == "Briefing"
    second.close()
    reopened = open_store(created, seed_sample=False, create=False)  # a database, migrated
    with reopened.session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0
    reopened.close()


def test_new_database_never_overwrites_a_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    opened: list[str] = []
    window.open_database_callback = opened.append
    taken = tmp_path / "notes.sqlite3"
    taken.write_text("someone's notes", encoding="utf-8")
    assert window.new_database(str(taken)) is None
    qtbot.waitUntil(lambda: _error_shown() is not None)
    error = _error_shown()
    assert error is not None and "already exists" in error.text()
    error.close()
    assert taken.read_text(encoding="utf-8") == "someone's notes" and opened == []


def _error_shown() -> QMessageBox | None:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()
        ),
        None,
    )
