"""The dossier's home time zone, set from the Overview: a known zone only, one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from briefing.errors import NotSaved
from briefing.store.dossier_rows import home_zone
from briefing.store.dossiers import set_home_zone
from briefing.store.transaction import transaction
from briefing.ui.home_zone import ZoneDialog
from briefing.ui.main_window import MainWindow
from briefing.ui.views.overview import OverviewPage


def _overview(window: MainWindow) -> OverviewPage:
    page = window.show_page("Overview")
    assert isinstance(page, OverviewPage)
    page.reload()
    return page


def _saved(window: MainWindow) -> str:
    with window.store.session() as session:
        return home_zone(session, window.workspace.dossier_id)


def test_the_overview_sets_the_home_zone_and_undo_restores_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _overview(window)
    assert "Home time zone: Asia/Seoul (KST, UTC+9)" in page.browser.toPlainText()
    page.browser.anchorClicked.emit(QUrl("home-zone:"))  # the overview's own link
    dialog = page.zone_dialog
    assert isinstance(dialog, ZoneDialog)
    qtbot.waitExposed(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.combo.setEditText("Mars/Olympus")
    assert not ok.isEnabled()
    assert "'Mars/Olympus' is not a time zone Briefing knows" in dialog.reading.text()
    dialog.combo.setEditText("Europe/Zurich")
    assert ok.isEnabled()
    assert dialog.reading.text().startswith("Today: CE")  # CET or CEST, as the season has it
    with qtbot.waitSignal(window.workspace.changed):
        ok.click()
    assert _saved(window) == "Europe/Zurich"
    assert window.workspace.home_zone() == "Europe/Zurich"
    assert "Home time zone: Europe/Zurich" in _overview(window).browser.toPlainText()
    window.workspace.undo_stack.undo()
    assert _saved(window) == "Asia/Seoul"
    assert "Home time zone: Asia/Seoul" in _overview(window).browser.toPlainText()
    window.workspace.undo_stack.redo()
    assert _saved(window) == "Europe/Zurich"


def test_the_store_refuses_an_unknown_zone_and_keeps_the_one_it_had(window: MainWindow) -> None:
    refusal = "'Korea Standard Time' is not a time zone Briefing knows"
    with pytest.raises(NotSaved, match=refusal), transaction(window.store) as session:
        set_home_zone(session, window.workspace.dossier_id, "Korea Standard Time")
    assert _saved(window) == "Asia/Seoul"
