"""Grab the README's screenshots from the real app, at 1366×768:
``xvfb-run -s "-screen 0 1366x768x24" python -m tests.screenshots``.

Runs the main window on a copy of the sample dossier (today pinned to the sample's as-of
date, so the pictures do not change from day to day) and saves one PNG per page.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QSize

from briefing.assets import resource, sample_dossier_path
from briefing.store.db.migrate import open_store
from briefing.store.exchange.writing import import_file
from briefing.ui.app import make_application
from briefing.ui.main_window import MainWindow

SIZE = QSize(1366, 768)
"""A common laptop screen: the window must fit one (tests/ui/test_main_window.py)."""
SHOTS = {
    "overview": ("Overview", None),
    "timeline": ("Timeline", "event:2025-04-24-two-plus-two"),
    "chips": ("Bargaining chips", "chip:defence-cost-sharing"),
}


def main() -> int:
    app = make_application()
    folder = Path(tempfile.mkdtemp())
    store = open_store(folder / "sample.sqlite3", seed_sample=False)
    import_file(store, sample_dossier_path())
    window = MainWindow(store, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.workspace.set_today(dt.date(2025, 5, 1))
    window.resize(SIZE)
    window.show()
    from sqlalchemy import select

    from briefing.domain import Record
    from briefing.ui.views.timeline import TimelinePage

    out = resource("screenshots")
    out.mkdir(exist_ok=True)
    for name, (page, uid) in SHOTS.items():
        shown = window.show_page(page)
        while isinstance(shown, TimelinePage) and not shown.chart_current():
            app.processEvents()  # the chart reads every event in a worker thread
        if uid is not None:
            with store.session() as session:
                window.jump(session.scalars(select(Record.id).where(Record.uid == uid)).one())
        while window.workspace.findings() is None:  # the checks run in a worker thread
            app.processEvents()
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"window-{name}.png"))
        print(out / f"window-{name}.png")
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
