"""The Checks page over findings kept in SQL, and checks that stop when outdated."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing.store.checks import Severity
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


def test_an_edit_while_the_checks_run_kills_the_outdated_run(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ministry's dossier takes some 25 s to check: an edit must not wait for that."""
    checks_done(qtbot, window)
    workspace = window.workspace
    monkeypatch.setattr(workspace_module, "CHECKS_MODULE", "tests.ui.stuck_checks")
    workspace.changed.emit()  # the data changed: a run starts, and never ends by itself
    assert workspace.findings() is None
    stuck = workspace._workers[0]
    qtbot.waitUntil(lambda: stuck.process is not None)
    monkeypatch.setattr(workspace_module, "CHECKS_MODULE", "briefing.store.check_run")
    with qtbot.waitSignal(workspace.findings_ready, timeout=60_000):
        workspace.changed.emit()  # an edit: the stuck run is outdated
        workspace.findings()
    assert stuck.process is not None and stuck.process.returncode is not None
    assert stuck.result is None and not Path(stuck.spec.folder).exists()
    found = workspace.findings()
    assert found is not None and found.total > 0


def test_closing_the_window_deletes_the_findings(window: MainWindow, qtbot: QtBot) -> None:
    checks_done(qtbot, window)
    found = window.workspace.findings()
    assert found is not None and found.path.exists()
    window.close()
    assert not found.folder.exists()


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
