"""``briefing --smoke-test``: open the window, wait for the checks, say so, and close.

A build that nobody can look at (the PyInstaller bundle in CI, on Qt's offscreen
platform) still has to show that its window works: that the database opens into it,
that the checks' process (the bundle's own executable) runs and reports, and that the
window closes cleanly. The app then prints one line, the window's title (which names
the dossier) and the number of findings, and exits 0; or says on stderr what did not
happen and exits 1. The first-start welcome is not shown: nobody is there to close it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer

from briefing.text import for_terminal
from briefing.ui.main_window import MainWindow

TIMEOUT_MS = 120_000
"""Long enough for a cold start of the bundle and the sample's checks on a slow machine."""


class SmokeTest(QObject):
    """Drives one window through the smoke test; ``status`` is the exit status it earned."""

    def __init__(self, window: MainWindow, timeout_ms: int = TIMEOUT_MS) -> None:
        super().__init__(window)
        self.window = window
        self.status = 1  # until the checks have reported
        self.done = False
        self.timeout_ms = timeout_ms
        window.started.connect(self.begin)
        QTimer.singleShot(timeout_ms, self, self._timed_out)

    def begin(self) -> None:
        """The first page is on screen: ask for the checks, as the Checks page does."""
        workspace = self.window.workspace
        if not workspace.dossier_id:
            self._finish(1, "no dossier was opened")
            return
        workspace.findings_ready.connect(self._checked)
        workspace.failed.connect(lambda reason: self._finish(1, reason))
        if workspace.findings() is not None:
            self._checked()

    def _checked(self) -> None:
        findings = self.window.workspace.findings()
        total = findings.total if findings is not None else 0
        print(f"{for_terminal(self.window.windowTitle())}\t{total} findings", flush=True)
        self._finish(0)

    def _timed_out(self) -> None:
        self._finish(1, f"the checks did not finish within {self.timeout_ms / 1000:g} s")

    def _finish(self, status: int, reason: str = "") -> None:
        if self.done:
            return
        self.done = True
        self.status = status
        if reason:
            print(f"briefing: smoke test failed: {for_terminal(reason)}", file=sys.stderr)
        self.window.close()  # the last window: the application quits
