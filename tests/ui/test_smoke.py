"""``briefing --smoke-test``, which CI runs on the PyInstaller bundle where nobody can look."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefing.ui import workspace as workspace_module
from briefing.ui.main_window import MainWindow
from briefing.ui.smoke import SmokeTest

OFFSCREEN_NOTICES = {
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
}
"""What Qt's offscreen platform says about the window manager it lacks (pyproject's
qt_log_ignore has the same): the only lines allowed on stderr."""


def test_the_smoke_test_opens_the_sample_checks_it_and_closes(tmp_path: Path) -> None:
    """A first start: the embedded database is created with the sample, the window names
    its dossier once the checks have reported, and the app exits 0 with nothing to say
    on stderr (the first-start welcome, a modal box, would wait for ever)."""
    env = {
        **os.environ,
        "BRIEFING_DB": str(tmp_path / "first.sqlite3"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "--smoke-test"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    title, findings = done.stdout.rstrip("\n").split("\t")
    assert title == "South Korea – United States trade talks, 2025 — Briefing"
    assert findings.endswith(" findings") and int(findings.split()[0]) > 0
    assert set(done.stderr.splitlines()) <= OFFSCREEN_NOTICES


def test_checks_that_fail_fail_the_smoke_test_and_close_the_window(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    failing = Path(__file__).with_name("failing_checks.py")
    monkeypatch.setattr(workspace_module, "CHECKS_COMMAND", [sys.executable, str(failing)])
    window.workspace.changed.emit()  # forget the findings the fixture's window may have
    test = SmokeTest(window)
    with qtbot.waitSignal(window.workspace.failed, timeout=30_000):
        test.begin()
    assert test.status == 1 and not window.isVisible()
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err.startswith("briefing: smoke test failed: ") and "busy" in said.err


def test_checks_that_never_finish_fail_the_smoke_test(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck = Path(__file__).with_name("stuck_checks.py")
    monkeypatch.setattr(workspace_module, "CHECKS_COMMAND", [sys.executable, str(stuck)])
    window.workspace.changed.emit()
    test = SmokeTest(window, timeout_ms=500)
    test.begin()
    qtbot.waitUntil(lambda: test.done, timeout=10_000)
    assert test.status == 1 and not window.isVisible()


def test_the_smoke_test_is_not_offered_to_people() -> None:
    from briefing.cli import build_parser

    assert "smoke" not in build_parser().format_help()
