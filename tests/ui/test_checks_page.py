"""The Checks page over findings kept in SQL, and checks that stop when outdated."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import Dossier
from briefing.store.checks import Severity
from briefing.ui import i18n
from briefing.ui import workspace as workspace_module
from briefing.ui.main_window import MainWindow
from briefing.ui.views.checks import ChecksPage
from tests.ui.conftest import checks_done, listed


def test_checks_list_filters_and_sorts_in_sql(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = window.show_page("Checks")
    assert isinstance(page, ChecksPage)
    checks_done(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    qtmodeltester.check(page.model)
    everything = listed(page.model)
    assert [f.severity for f in everything] == sorted(
        (f.severity for f in everything), reverse=True
    )
    page.filter.setText("PROBLEM")
    page.apply_filter()
    problems = listed(page.model)
    assert problems and {f.severity for f in problems} == {Severity.PROBLEM}
    page.filter.clear()
    page.apply_filter()
    page.model.sort(2)  # by record
    names = [f.record_name for f in listed(page.model)]
    assert names == sorted(names)


def test_findings_are_said_in_the_interface_language(
    window: MainWindow, qtbot: QtBot, qapp: QApplication
) -> None:
    """The findings are stored once, as message ids; the page says them in the language
    the interface is in."""
    page = window.show_page("Checks")
    assert isinstance(page, ChecksPage)
    checks_done(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)

    def said() -> list[str]:
        return [str(page.model.index(row, 3).data()) for row in range(page.model.rowCount())]

    english = said()
    assert any("is placed at this event on" in text for text in english)
    i18n.install(qapp, "ko")
    try:
        korean = said()
    finally:
        i18n.install(qapp, "en")
    assert any("이 일정에 배정되어 있으나" in text for text in korean)
    assert not any("is placed at this event on" in text for text in korean)
    assert said() == english


STUCK = [sys.executable, str(Path(__file__).with_name("stuck_checks.py"))]
"""A checks' process that never finishes by itself."""


def test_an_edit_while_the_checks_run_kills_the_outdated_run(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ministry's dossier takes some 30 s to check: an edit must not wait for that."""
    checks_done(qtbot, window)
    workspace = window.workspace
    real = workspace_module.CHECKS_COMMAND
    monkeypatch.setattr(workspace_module, "CHECKS_COMMAND", STUCK)
    workspace.changed.emit()  # the data changed: a run starts, and never ends by itself
    assert workspace.findings() is None
    stuck = workspace.check_runs[0]
    qtbot.waitUntil(lambda: stuck.process is not None)
    monkeypatch.setattr(workspace_module, "CHECKS_COMMAND", real)
    with qtbot.waitSignal(workspace.findings_ready, timeout=60_000):
        workspace.changed.emit()  # an edit: the stuck run is outdated
        workspace.findings()
    assert stuck.process is not None and stuck.process.returncode is not None
    assert stuck.result is None and not Path(stuck.spec.folder).exists()
    found = workspace.findings()
    assert found is not None and found.total > 0


def test_asking_again_while_the_checks_run_starts_no_second_run(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Not while the process runs, nor once its thread has ended with its report still on
    the way to the window: a second run there would leak the first one's findings."""
    checks_done(qtbot, window)
    workspace = window.workspace
    workspace.changed.emit()
    for _ in range(3):  # the overview, the Checks page and the status all ask
        assert workspace.findings() is None
    assert len(workspace.check_runs) == 1
    run = workspace.check_runs[0]
    run.wait()  # the thread has ended; its finished signal waits for the event loop
    assert workspace.findings() is None
    assert workspace.check_runs == (run,)
    qtbot.waitUntil(lambda: workspace.findings() is not None, timeout=60_000)
    assert len(workspace.check_runs) == 0
    found = workspace.findings()
    assert found is not None and found.total > 0


def test_closing_the_window_during_a_run_ends_it_and_deletes_its_files(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks_done(qtbot, window)
    found = window.workspace.findings()
    assert found is not None and found.path.exists()
    monkeypatch.setattr(workspace_module, "CHECKS_COMMAND", STUCK)
    window.workspace.changed.emit()
    window.workspace.findings()
    stuck = window.workspace.check_runs[0]
    qtbot.waitUntil(lambda: stuck.process is not None)
    window.close()
    assert stuck.process is not None and stuck.process.returncode is not None
    assert not found.folder.exists() and not Path(stuck.spec.folder).exists()


def test_no_thread_starts_once_the_window_is_closing(window: MainWindow, qtbot: QtBot) -> None:
    """Work held back until after the first paint may run after a quick close: a thread
    it started then would outlive the window and abort the app."""
    workspace = window.workspace
    workspace.shutdown()
    workspace.changed.emit()  # the checks are out of date and asked for again
    assert workspace.findings() is None
    task = workspace.in_background(lambda session: 1, lambda result: None)
    assert not task.isRunning() and not task.isFinished()
    assert not [t for t in window.findChildren(QThread) if t.isRunning()]


def test_the_status_bar_says_how_far_the_checks_are(window: MainWindow, qtbot: QtBot) -> None:
    checks_done(qtbot, window)
    workspace = window.workspace
    with qtbot.waitSignal(workspace.checks_progress, timeout=60_000) as progressed:
        workspace.changed.emit()
        workspace.findings()
    assert 0 <= progressed.args[0] <= 100
    assert window.statusBar().currentMessage() == f"Running the checks… {progressed.args[0]}%"
    qtbot.waitUntil(lambda: workspace.findings() is not None, timeout=60_000)
    assert not window.statusBar().currentMessage().startswith("Running the checks")


def test_a_finding_on_the_scene_setter_opens_the_overview(window: MainWindow, qtbot: QtBot) -> None:
    with window.store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        dossier.scene_setter += " A typo [[src:nosuch]]."
        session.commit()
    window.workspace.changed.emit()
    page = window.show_page("Checks")
    assert isinstance(page, ChecksPage)
    checks_done(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    rows = listed(page.model)
    row = next(n for n, f in enumerate(rows) if "[[src:nosuch]]" in f.message)
    assert rows[row].record_name == "Scene-setter"
    page.table.activated.emit(page.model.index(row, 0))
    qtbot.waitUntil(lambda: window.current_page() == "Overview")
