"""Start-up against two baselines started the same way, in the same run.

(a) a bare PySide6 QMainWindow that paints once and quits; (b) the stack's floor: the
same window after ``import sqlalchemy.orm`` and one SQLite query. The app is started
the way ``briefing`` starts it (:meth:`Launcher.start`) and measured twice: when the
main window's frame (navigation, status bar) first paints, and when the sample
dossier's overview is fully shown, that is, painted with its text in place (the checks
fill in afterwards, from their thread). Every figure is the median of several fresh
processes, timed from the moment the parent starts them, so interpreter start-up counts
for all alike; every process finds its modules' bytecode compiled, as an installed app
does. Peak memory is the child's peak RSS.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.memory import peak_mb

RUNS = 7
OVERVIEW_PARTS = (
    "South Korea – United States trade talks, 2025",
    "Scene-setter",
    "Next deadlines and key dates",
    "In this dossier",
)
"""What the overview shows of the sample once it is complete (the checks fill in later)."""


def _report(**figures: float) -> None:
    figures["rss_mb"] = peak_mb()
    print(json.dumps(figures), flush=True)


def child(mode: str, database: str) -> None:
    """In a fresh process: start one of the subjects and print when it painted."""
    from collections.abc import Callable

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    class OnPaint(QObject):
        """Calls ``then`` just after the first paint for which ``ready`` holds."""

        def __init__(
            self, then: Callable[[], None], ready: Callable[[], bool] | None = None
        ) -> None:
            super().__init__()
            self.then = then
            self.ready = ready
            self.fired = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if (
                event.type() == QEvent.Type.Paint
                and not self.fired
                and (self.ready is None or self.ready())
            ):
                self.fired = True
                QTimer.singleShot(0, self.then)
            return False

    if mode in ("bare", "floor"):
        app = QApplication(sys.argv)
        if mode == "floor":
            import sqlalchemy
            import sqlalchemy.orm

            engine = sqlalchemy.create_engine(f"sqlite:///{database}")
            with engine.connect() as connection:
                connection.execute(sqlalchemy.text("SELECT count(*) FROM record")).all()
        window = QMainWindow()
        window.setCentralWidget(QLabel("hello"))
        window.resize(1360, 820)

        def done() -> None:
            _report(painted=time.time())
            app.quit()

        watcher = OnPaint(done)
        window.installEventFilter(watcher)
        window.show()
        app.exec()
        return

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QTextBrowser

    from briefing.ui.app import Launcher, make_application

    app = make_application()
    # Settings of its own, so no start inherits another's window size (offscreen, a saved
    # geometry is clamped to the 800-pixel screen and paints faster than the baselines).
    folder = tempfile.mkdtemp(prefix="briefing-startup-settings-")
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    times: dict[str, float] = {}
    watchers: list[OnPaint] = []

    def frame_painted() -> None:
        times["frame"] = time.time()

    def overview_shown() -> None:
        times["overview"] = time.time()
        _report(**times)
        QTimer.singleShot(0, quit_app)  # after the work the app queued behind the paint

    def quit_app() -> None:
        window.close()  # as a person quits: the checks' thread is waited for, settings saved
        app.quit()

    def watch_overview() -> None:
        """Wait for the overview's text to be painted: its sections, not a blank page."""
        browser = window.pages["Overview"].browser  # type: ignore[attr-defined]
        assert isinstance(browser, QTextBrowser)

        def complete() -> bool:
            text = browser.toPlainText()
            return all(part in text for part in OVERVIEW_PARTS)

        watchers.append(OnPaint(overview_shown, complete))
        # The browser's paint pass includes its viewport's: the zero timer in OnPaint runs
        # after both. (Asking for viewport() here would cost PySide a first-use type lookup
        # of some 15 ms that the app itself never pays before the page is on screen.)
        browser.installEventFilter(watchers[-1])

    # The app's own start path: the frame at once, the database once the frame painted.
    window = Launcher(settings).start(database, Path(database))
    watchers.append(OnPaint(frame_painted))
    window.installEventFilter(watchers[-1])
    window.opened.connect(watch_overview)
    app.exec()
    shutil.rmtree(folder)


def _run(mode: str, database: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    output = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.startup", "child", mode, str(database)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return {k: (v - started if k != "rss_mb" else v) for k, v in figures.items()}


def _compile_bytecode() -> None:
    """Give the children's own modules their bytecode, as ``pip install`` does.

    The baselines' libraries were compiled when they were installed; without this, a
    source checkout run with PYTHONDONTWRITEBYTECODE would compile the app's modules on
    every start, a cost an installed app never pays, and the tests' modules too.
    """
    root = Path(__file__).resolve().parents[2]
    for package in ("briefing", "tests"):
        compileall.compile_dir(root / package, quiet=1)


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def measure() -> list[tuple[str, float, str, float | None, str]]:
    """Rows of (figure, value, unit, ratio to its baseline, target)."""
    from briefing.assets import sample_dossier_path
    from briefing.store.db.migrate import open_store
    from briefing.store.exchange.writing import import_file

    folder = Path(tempfile.mkdtemp(prefix="briefing-startup-"))
    database = folder / "sample.sqlite3"
    store = open_store(database, seed_sample=False)
    import_file(store, sample_dossier_path())
    store.close()
    open_store(database, seed_sample=False).close()  # the day's backup, made before timing
    _compile_bytecode()
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "floor": [], "app": []}
    try:
        for _ in range(RUNS):
            for mode in runs:  # interleaved, so load on the machine affects all alike
                runs[mode].append(_run(mode, database))
    finally:
        shutil.rmtree(folder)
    bare = _median(runs["bare"], "painted")
    floor = _median(runs["floor"], "painted")
    frame = _median(runs["app"], "frame")
    overview = _median(runs["app"], "overview")
    floor_mb = _median(runs["floor"], "rss_mb")
    app_mb = _median(runs["app"], "rss_mb")
    return [
        ("(a) bare QMainWindow, first paint", bare, "s", None, "baseline"),
        ("(b) floor: + sqlalchemy.orm and a query", floor, "s", None, "baseline"),
        ("main window frame, first paint", frame, "s", frame / bare, "≤ 1.2 × (a)"),
        ("sample overview fully shown", overview, "s", overview / floor, "≤ 1.2 × (b)"),
        ("(b) floor peak memory", floor_mb, "MB", None, "baseline"),
        ("app peak memory", app_mb, "MB", app_mb - floor_mb, "≤ (b) + 40 MB"),
    ]


def print_table(rows: list[tuple[str, float, str, float | None, str]]) -> None:
    print(f"{'figure':44} {'value':>10} {'vs baseline':>12}  target")
    for name, value, unit, ratio, target in rows:
        shown = f"{value:.3f} {unit}" if unit == "s" else f"{value:.0f} {unit}"
        versus = "" if ratio is None else (f"+{ratio:.0f} MB" if unit == "MB" else f"{ratio:.2f}×")
        print(f"{name:44} {shown:>10} {versus:>12}  {target}")


def main() -> int:
    print_table(measure())
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
