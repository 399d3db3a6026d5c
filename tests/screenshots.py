"""Grab the README's screenshots from the real app, at 1366×768:
``xvfb-run -s "-screen 0 1366x768x24" python -m tests.screenshots``.

Runs the main window on a copy of the sample dossier (today pinned to the sample's as-of
date, so the pictures do not change from day to day) and saves one PNG per page, one
of the travel conflicts page and one of the Editions page comparing two editions. Name
shots to take only those (``... tests.screenshots conflicts editions``); ``ko`` takes them
in the Korean interface, as ``window-NAME-ko.png``.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, QSize
from PySide6.QtWidgets import QApplication, QWidget

from briefing.assets import resource, sample_dossier_path
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.exchange.writing import import_file
from briefing.ui import i18n
from briefing.ui.app import make_application
from briefing.ui.main_window import MainWindow

if TYPE_CHECKING:
    from briefing.ui.views.programme import ProgrammePage

SIZE = QSize(1366, 768)
"""A common laptop screen: the window must fit one (tests/ui/test_main_window.py)."""
SHOTS = {
    "overview": ("Overview", None),
    "timeline": ("Timeline", "event:2025-04-24-two-plus-two"),
    "chips": ("Bargaining chips", "chip:defence-cost-sharing"),
    "programme": ("Programme", "event:2025-04-24-transfer-to-talks"),
}

CONFLICTS_SIZE = QSize(1100, 330)
EDITIONS_SIZE = QSize(1240, 700)


def _programme_row(page: ProgrammePage, record_id: int) -> QModelIndex:
    """The Programme page's row of the entry ``record_id``, under its day."""
    from briefing.ui.views.programme_model import RECORD_ID

    model = page.model
    for day in range(model.rowCount()):
        parent = model.index(day, 0)
        for row in range(model.rowCount(parent)):
            entry = model.index(row, 0, parent)
            if entry.data(RECORD_ID) == record_id:
                return entry
    raise LookupError(record_id)


def conflicts_page(app: QApplication, window: MainWindow, store: Store) -> QWidget:
    """View ▸ Travel conflicts… with two conflicts kept as a sync keeps them (the sample
    is no travel copy, and this script has no server to sync with)."""
    from briefing.store.sync.conflicts import Found, keep
    from briefing.store.sync.operations import Conflict, ConflictType
    from briefing.ui.sync_conflicts import ConflictsDialog

    found = [
        Found(
            Conflict(
                "event:2025-04-24-two-plus-two",
                "event",
                ConflictType.EDIT_EDIT,
                "Washington, D.C.",
                "Washington, D.C., USTR (600 17th Street NW)",
                "Washington, D.C., Treasury (Cash Room)",
                field="place",
            ),
            theirs_by="kim_jiwoo",
            theirs_at=dt.datetime(2025, 4, 23, 16, 5),
        ),
        Found(
            Conflict(
                "chip:defence-cost-sharing",
                "bargaining_chip",
                ConflictType.EDIT_EDIT,
                2,
                1,
                3,
                field="priority",
            ),
            theirs_by="park_minseo",
            theirs_at=dt.datetime(2025, 4, 24, 8, 40),
        ),
    ]
    with store.session() as session:
        keep(session, "screenshot", found, dt.datetime(2025, 4, 24, 9, 0))
    page = ConflictsDialog(window.workspace, 2, window)
    page.resize(CONFLICTS_SIZE)
    page.show()
    for _ in range(5):
        app.processEvents()
    return page


def editions_page(app: QApplication, window: MainWindow, store: Store, folder: Path) -> QWidget:
    """View ▸ Editions… comparing two Confidential editions printed either side of a few
    edits, as a desk officer printing them would (the computer's account named "kim_jiwoo")."""
    import os

    from sqlalchemy import select

    from briefing.book import BookOptions, export_book
    from briefing.domain import BargainingChip, Event
    from briefing.ui.editions import EditionsDialog

    os.environ["LOGNAME"] = "kim_jiwoo"
    today = dt.date(2025, 5, 1)
    first = BookOptions(audience=2, today=today, edition_note="Minister's reading, 30 April")
    export_book(store, None, first, folder / "edition-1.pdf")
    with store.session() as session:
        event = session.scalars(
            select(Event).where(Event.uid == "event:2025-04-24-two-plus-two")
        ).one()
        event.place = "Washington, D.C., Treasury (Cash Room)"
        event.summary = event.summary.replace("trade", "trade and investment", 1)
        chip = session.scalars(
            select(BargainingChip).where(BargainingChip.uid == "chip:defence-cost-sharing")
        ).one()
        chip.priority = 1
    second = BookOptions(audience=2, today=today, edition_note="For the plane, 1 May")
    export_book(store, None, second, folder / "edition-2.pdf")
    page = EditionsDialog(window)
    page.resize(EDITIONS_SIZE)
    page.show()
    page.table.selectAll()
    done: list[bool] = []
    page.comparison_shown.connect(lambda: done.append(True))
    page.compare()
    while not done:
        app.processEvents()
    for _ in range(5):
        app.processEvents()
    return page


def main() -> int:
    app = make_application()
    language = "ko" if "ko" in sys.argv[1:] else "en"
    i18n.install(app, language)
    suffix = "-ko" if language == "ko" else ""
    folder = Path(tempfile.mkdtemp())
    store = open_store(folder / "sample.sqlite3", seed_sample=False)
    import_file(store, sample_dossier_path())
    window = MainWindow(store, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.workspace.set_today(dt.date(2025, 5, 1))
    window.resize(SIZE)
    window.show()
    from sqlalchemy import select

    from briefing.domain import Record
    from briefing.ui.views.programme import ProgrammePage
    from briefing.ui.views.timeline import TimelinePage

    out = resource("screenshots")
    out.mkdir(exist_ok=True)
    wanted = set(sys.argv[1:]) - {"ko"} or {*SHOTS, "conflicts", "editions"}
    for name, (page, uid) in SHOTS.items():
        if name not in wanted:
            continue
        shown = window.show_page(page)
        while isinstance(shown, TimelinePage) and not shown.chart_current():
            app.processEvents()  # the chart reads every event in a worker thread
        if uid is not None:
            with store.session() as session:
                record_id = session.scalars(select(Record.id).where(Record.uid == uid)).one()
            if isinstance(shown, ProgrammePage):  # jump() would open the event's Timeline
                shown.tree.setCurrentIndex(_programme_row(shown, record_id))
            else:
                window.jump(record_id)
        while window.workspace.findings() is None:  # the checks run in a worker thread
            app.processEvents()
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"window-{name}{suffix}.png"))
        print(out / f"window-{name}{suffix}.png")
    if "conflicts" in wanted:
        shot = out / f"window-conflicts{suffix}.png"
        conflicts_page(app, window, store).grab().save(str(shot))
        print(shot)
    if "editions" in wanted:
        shot = out / f"window-editions{suffix}.png"
        editions_page(app, window, store, folder).grab().save(str(shot))
        print(shot)
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
