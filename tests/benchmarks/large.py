"""A ministry-sized dossier in the window: lists, search, timeline frames and memory.

The dossier (100,000 events, 20,000 people, 5,000 chips, 2,000 sources) is generated once
per run into a temporary database; the window is then measured in a fresh process, so its
peak memory is the GUI's own. The memory baseline is a bare PySide6 window measured the
same way in the same run.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.memory import peak_mb

SIZE = {"people": 20_000, "events": 100_000, "chips": 5_000, "sources": 2_000}
PAGES = ("Overview", "Delegations", "People", "Timeline", "Bargaining chips", "Sources", "Checks")
QUERIES = ("t", "ta", "tar", "tari", "tarif", "tariff", "Kim", "Kim Min", "shipbuilding", "LNG")


def child(database: str) -> None:
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from briefing.ui.app import Launcher, make_application
    from briefing.ui.views.checks import ChecksPage
    from briefing.ui.views.timeline import TimelinePage

    app = make_application()
    settings = QSettings(str(Path(database).with_suffix(".ini")), QSettings.Format.IniFormat)
    start = time.perf_counter()
    launcher = Launcher(settings)
    window = launcher.start(database, Path(database))  # as `briefing` starts
    opened = QEventLoop()
    window.started.connect(opened.quit)
    opened.exec()
    opened_at = time.perf_counter()
    figures: dict[str, float] = {"open_s": opened_at - start}
    for title in PAGES:
        start = time.perf_counter()
        window.show_page(title)
        QApplication.processEvents()
        figures[f"page {title}"] = time.perf_counter() - start
    keystrokes = []
    for query in QUERIES:
        start = time.perf_counter()
        window.search.run_query(query, popup=False)
        keystrokes.append(time.perf_counter() - start)
    figures["search_median_s"] = statistics.median(keystrokes)
    figures["search_max_s"] = max(keystrokes)
    page = window.show_page("Timeline")
    assert isinstance(page, TimelinePage)
    start = time.perf_counter()
    if not page.chart_current():  # every event, read in a worker thread
        waiting = QEventLoop()
        page.chart_ready.connect(waiting.quit)
        waiting.exec()
    figures["chart_ready_s"] = time.perf_counter() - start
    chart = page.chart
    frames = []
    zooms = []
    for scale in (0.05, 0.5, 2.0, 8.0, 40.0):
        start = time.perf_counter()
        chart.set_scale(scale)
        zooms.append(time.perf_counter() - start)
        for _ in range(3):
            start = time.perf_counter()
            chart.viewport().repaint()
            frames.append(time.perf_counter() - start)
    figures["zoom_max_s"] = max(zooms)
    figures["frame_max_s"] = max(frames)
    figures["frame_median_s"] = statistics.median(frames)
    figures["rss_before_checks_mb"] = peak_mb()
    workspace = window.workspace
    if workspace.findings() is None:  # the checks run in a worker thread from the start
        waiting = QEventLoop()
        workspace.findings_ready.connect(waiting.quit)
        waiting.exec()
    figures["checks_done_s"] = time.perf_counter() - opened_at
    checks = window.show_page("Checks")
    assert isinstance(checks, ChecksPage)
    start = time.perf_counter()
    checks.filter.setText("Kim")
    checks.apply_filter()
    figures["checks_filter_s"] = time.perf_counter() - start
    figures["rss_mb"] = peak_mb()
    # The checks ran in a process of their own: its peak, as the largest child waited for.
    figures["checks_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    window.workspace.shutdown()
    print(json.dumps(figures), flush=True)
    app.quit()


def bare_child() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("hello"))
    window.show()
    QApplication.processEvents()
    print(json.dumps({"rss_mb": peak_mb()}))
    app.quit()


def _child(*args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    output = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.large", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def build(folder: Path) -> tuple[Path, float]:
    from briefing.generator import generate_into
    from briefing.store.db.migrate import open_store

    database = folder / "large.sqlite3"
    store = open_store(database, seed_sample=False)
    start = time.perf_counter()
    generate_into(store, **SIZE, slug="large", seed=7)
    seconds = time.perf_counter() - start
    store.close()
    open_store(database, seed_sample=False).close()  # the day's backup, before timing
    return database, seconds


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="briefing-large-"))
    database, built = build(folder)
    bare = _child("bare")["rss_mb"]
    gui = _child("child", str(database))
    print(f"dossier: {SIZE} (generated and imported in {built:.1f} s)")
    print(f"{'figure':36} {'value':>12}  target")
    print(f"{'open the window on it':36} {gui['open_s'] * 1000:>9.0f} ms")
    for title in PAGES:
        shown = gui[f"page {title}"] * 1000
        print(f"{'open ' + title:36} {shown:>9.0f} ms  ≤ 250 ms")
    print(f"{'search keystroke (median)':36} {gui['search_median_s'] * 1000:>9.1f} ms  ≤ 50 ms")
    print(f"{'search keystroke (worst)':36} {gui['search_max_s'] * 1000:>9.1f} ms  ≤ 50 ms")
    print(f"{'timeline chart filled (background)':36} {gui['chart_ready_s'] * 1000:>9.0f} ms")
    print(f"{'timeline zoom step (worst)':36} {gui['zoom_max_s'] * 1000:>9.0f} ms")
    print(f"{'timeline frame (median)':36} {gui['frame_median_s'] * 1000:>9.1f} ms  ≤ 16 ms")
    print(f"{'timeline frame (worst, any zoom)':36} {gui['frame_max_s'] * 1000:>9.1f} ms  ≤ 16 ms")
    print(f"{'checks done, after the window opened':36} {gui['checks_done_s']:>9.1f} s")
    print(f"{'filter the checks list for Kim':36} {gui['checks_filter_s'] * 1000:>9.0f} ms")
    limit = 1.3 * bare + 100
    target = f"≤ {limit:.0f} MB (1.3 × {bare:.0f} + 100)"
    before = gui["rss_before_checks_mb"]
    print(f"{'GUI peak memory, checks still running':36} {before:>9.0f} MB  {target}")
    print(f"{'GUI peak memory, checks done':36} {gui['rss_mb']:>9.0f} MB  {target}")
    print(f"{'checks process peak memory':36} {gui['checks_rss_mb']:>9.0f} MB")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        child(sys.argv[2])
    elif sys.argv[1:2] == ["bare"]:
        bare_child()
    else:
        sys.exit(main())
