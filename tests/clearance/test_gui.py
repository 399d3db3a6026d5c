"""Proof by generation in the window: one main window, reused for every dossier and
audience, shows no marker above the audience on any page, in any model role, in any
record's details or search result, and shows every marker at or below it where that
page shows its field (see ``expect.py``).

Each dossier goes through the book, `briefing check`, search and the dossier file as
well: the book workers lay out its editions while the window is read, and the other
channels run while the window's checks work in their own process.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing.ui.fonts import register_fonts
from briefing.ui.main_window import MainWindow
from tests.clearance.channels import Desk
from tests.clearance.conftest import (
    DEFAULT_GUI_DOSSIERS,
    Tally,
    clearance_settings,
    dossiers,
)
from tests.clearance.gui import look_at_window, show_dossier
from tests.clearance.plan import AUDIENCES, TODAY, Plan
from tests.clearance.run import DossierRun
from tests.clearance.strategy import plans

GUI_DOSSIERS = dossiers("BRIEFING_GUI_DOSSIERS", DEFAULT_GUI_DOSSIERS)


@pytest.fixture(scope="module")
def window(
    qapp: QApplication, desk: Desk, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MainWindow]:
    """One window for the whole module, on the run's database, "today" pinned."""
    register_fonts(qapp)
    folder: Path = tmp_path_factory.mktemp("clearance-gui")
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(desk.store, settings)
    main.workspace.set_today(TODAY)
    main.resize(1300, 800)
    main.show()
    yield main
    main.workspace.shutdown()
    main.close()
    main.deleteLater()
    QApplication.processEvents()


@clearance_settings(GUI_DOSSIERS)
@given(plan=plans())
def test_the_window_shows_each_audience_its_markers_and_no_others(
    window: MainWindow,
    qtbot: QtBot,
    desk: Desk,
    book_pool: ProcessPoolExecutor,
    tally: Tally,
    plan: Plan,
) -> None:
    run = DossierRun(desk, book_pool, tally, plan)
    run.start()
    show_dossier(window, qtbot, run.dossier_id)
    for audience in AUDIENCES:
        look_at_window(
            window,
            qtbot,
            run.verdict,
            run.dossier_id,
            audience,
            tally.timing,
            meanwhile=lambda a=audience: run.channels(a),  # type: ignore[misc]
        )
    run.finish(gui=True)
