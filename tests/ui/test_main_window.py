"""The main window itself: its size on a laptop's screen, its title, its status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QSizeGrip, QWidget
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from briefing.domain import Dossier, Person
from briefing.errors import BriefingError
from briefing.store.db import backup
from briefing.store.db.backup import list_backups
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.ui.app import Launcher
from briefing.ui.main_window import PAGE_TITLES, MainWindow
from briefing.ui.views.people import PeoplePage
from briefing.ui.views.timeline import TimelinePage
from tests.conftest import SAMPLE_SLUG
from tests.ui.conftest import listed, show_timeline

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
    window.files.create_dossier("Japan – United States\u202e talks")
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
    first.act.new_database.trigger()
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
    assert window.files.new_database(str(taken)) is None
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


def _answer(monkeypatch: MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: QWidget, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _names(window: MainWindow) -> list[str]:
    with window.store.session() as session:
        return sorted(session.scalars(select(Person.name)))


@pytest.mark.sqlite_only("the backup before a delete is a file copy")
def test_delete_dossier_asks_naming_it_backs_up_first_and_undo_brings_it_all_back(
    window: MainWindow, monkeypatch: MonkeyPatch
) -> None:
    assert window.store.path is not None
    window.files.create_dossier("Second talks")
    window.choose_dossier(SAMPLE_SLUG)
    sample = window.workspace.dossier_id
    page = window.show_page("People")
    assert isinstance(page, PeoplePage)
    ahn = next(p for p in listed(page.model) if p.name == "Ahn Duk-geun")
    window.editor.apply_edit(ahn.id, {"name": "Ahn Dukgeun"})  # undone after the delete's undo
    people = _names(window)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)

    window.act.delete_dossier.trigger()
    assert len(asked) == 1 and "South Korea – United States trade talks, 2025" in asked[0]
    assert [b.name for b in list_backups(window.store.path) if "before-delete" in b.name]
    assert window.workspace.dossier()[1] == "Second talks"
    assert window.windowTitle() == "Second talks — Briefing"
    assert [window.dossier_box.itemText(i) for i in range(window.dossier_box.count())] == [
        "Second talks"
    ]
    assert _names(window) == []

    window.act.undo.trigger()
    assert window.workspace.dossier_id == sample and _names(window) == people
    assert window.dossier_box.currentData() == sample and window.dossier_box.count() == 2
    assert any(p.id == ahn.id for p in listed(page.model))
    assert [hit.title for hit in window.search.run_query("Dukgeun")][:1] == ["Ahn Dukgeun"]
    window.act.undo.trigger()  # the edit made before the delete
    assert "Ahn Duk-geun" in _names(window)
    window.act.redo.trigger()
    window.act.redo.trigger()
    assert _names(window) == [] and window.workspace.dossier()[1] == "Second talks"


@pytest.mark.sqlite_only("the backup before a delete is a file copy")
def test_delete_dossier_cancelled_or_without_a_backup_deletes_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: MonkeyPatch
) -> None:
    assert window.store.path is not None
    people = _names(window)
    _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.files.delete_dossier()
    assert _names(window) == people
    assert not [b for b in list_backups(window.store.path) if "before-delete" in b.name]

    def no_room(*_args: object, **_kwargs: object) -> None:
        raise BriefingError("no backup made: the disk is full")

    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(backup, "backup_database", no_room)
    assert not window.files.delete_dossier()
    qtbot.waitUntil(lambda: _error_shown() is not None)
    error = _error_shown()
    assert error is not None and "the disk is full" in error.text()
    error.close()
    assert _names(window) == people and not window.act.undo.isEnabled()
