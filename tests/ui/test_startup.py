"""Start-up is staged: the frame paints first, then the page on screen, then the rest."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import Citation
from briefing.store.db.database import Store
from briefing.ui.app import Launcher
from briefing.ui.main_window import MainWindow
from briefing.ui.views.overview import OverviewPage
from briefing.ui.workspace import Workspace


@pytest.fixture
def collector() -> Iterator[None]:
    """Undo what a launcher does to the garbage collector, for the tests that follow."""
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("collector")
def test_the_frame_shows_before_the_database_opens(
    qtbot: QtBot, sample_db: Path, settings: QSettings
) -> None:
    window = Launcher(settings).start(str(sample_db), Path("/unused"))
    qtbot.addWidget(window)
    assert window.isVisible() and not window.attached
    with qtbot.waitSignal(window.opened, timeout=10_000):
        pass
    assert window.attached and window.store.path == sample_db
    with qtbot.waitSignal(window.started, timeout=10_000):
        pass
    assert gc.isenabled()
    window.close()


def test_only_the_page_on_screen_is_built(window: MainWindow) -> None:
    assert window.stack.count() == 1
    assert isinstance(window.stack.currentWidget(), OverviewPage)
    timeline = window.show_page("Timeline")
    assert window.stack.count() == 2 and window.stack.currentWidget() is timeline
    assert window.pages["Timeline"] is timeline and window.current_page() == "Timeline"


def test_the_overview_runs_the_checks_once_it_is_on_screen(qtbot: QtBot, store: Store) -> None:
    page = OverviewPage(Workspace(store))
    qtbot.addWidget(page)
    page.reload()  # as when the data changes while the page is hidden
    assert "Running the checks" in page.browser.toPlainText()
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: "Open checks:" in page.browser.toPlainText(), timeout=30_000)
    page.workspace.shutdown()  # as its window would: the findings' files go


def test_the_forms_load_on_the_first_edit(window: MainWindow, qtbot: QtBot) -> None:
    assert window._editor is None  # looking at records does not load the forms
    with window.store.session() as session:
        citation = session.scalars(select(Citation.id).order_by(Citation.id)).first()
    assert citation is not None
    with qtbot.waitSignal(window.details.delete_citation):
        window.details.browser.anchorClicked.emit(QUrl(f"citation-delete:{citation}"))
    with window.store.session() as session:
        assert session.get(Citation, citation) is None
    assert window._editor is not None and window.workspace.undo_stack.canUndo()
