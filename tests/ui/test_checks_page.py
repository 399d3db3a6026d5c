"""The Checks page over findings kept in SQL, and checks that stop when outdated."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QThread
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing.store import checks as checks_module
from briefing.store.checks import Finding, Severity
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


def test_an_edit_while_the_checks_run_stops_the_outdated_run(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ministry's dossier takes some 40 s to check: an edit must not wait for that."""
    checks_done(qtbot, window)
    window.show_page("Checks")
    reached, gate = threading.Event(), threading.Event()
    pulled: list[int] = []
    real_find = checks_module.find

    def held_find(*args: Any, **kwargs: Any) -> Iterator[list[Finding]]:
        run = len(pulled)
        pulled.append(0)
        for batch in real_find(*args, **kwargs):
            if run == 0 and not gate.is_set():
                reached.set()
                gate.wait(10)  # the first run is held here until the test has edited
            pulled[run] += 1
            yield batch

    monkeypatch.setattr(checks_module, "find", held_find)
    window.workspace.changed.emit()  # a first run starts, and is held on its first batch
    qtbot.waitUntil(reached.is_set)
    with qtbot.waitSignal(window.workspace.findings_ready, timeout=30_000):
        window.workspace.changed.emit()  # an edit: the held run is now outdated
        gate.set()
    assert len(pulled) == 2
    assert pulled[0] == 1  # the outdated run took no batch after its first
    assert pulled[1] > 1
    found = window.workspace.findings()
    assert found is not None and found.total > 0


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
