"""A dossier of 10,000 events opens and scrolls without a widget per row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from briefing.store.listing import Request
from briefing.store.migrate import open_store
from briefing.store.queries import EventRow
from briefing.ui.main_window import MainWindow
from briefing.ui.table_model import PagedModel, RowSource
from tests.builders import document, load
from tests.ui.conftest import show_timeline

EVENTS = 10_000


class CountingSource:
    """A row source that counts the rows the model reads through it."""

    def __init__(self, inner: RowSource[EventRow]) -> None:
        self.inner = inner
        self.rows = 0

    def count(self, request: Request) -> int:
        return self.inner.count(request)

    def read(self, request: Request, offset: int, limit: int) -> Sequence[EventRow]:
        rows = self.inner.read(request, offset, limit)
        self.rows += len(rows)
        return rows

    def position(self, request: Request, record_id: int) -> int:
        return self.inner.position(request, record_id)


def test_ten_thousand_events_open_and_scroll(qtbot: QtBot, tmp_path: Path) -> None:
    start = dt.date(2020, 1, 1)
    events = [
        {
            "id": f"e:{n}",
            "title": f"Working session {n}",
            "kind": "meeting" if n % 7 else "deadline",
            "start_date": (start + dt.timedelta(days=n // 8)).isoformat(),
            "status": "held",
        }
        for n in range(EVENTS)
    ]
    store = open_store(tmp_path / "big.sqlite3", seed_sample=False)
    load(store, document("big", events=events))
    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    page = show_timeline(qtbot, window)
    assert page.model.rowCount() == EVENTS

    source = page.model.source
    assert source is not None
    counting = CountingSource(source)
    page.model.set_source(counting)
    widgets_before = len(page.table.findChildren(QWidget))
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.table.indexAt(page.table.rect().center()).row() > EVENTS // 2)
    page.table.scrollToTop()
    page.table.selectRow(EVENTS // 2)
    assert len(page.table.findChildren(QWidget)) == widgets_before < 50
    assert page.model.index(EVENTS - 1, 1).data() == "Working session 9999"
    assert 0 < counting.rows <= 8 * PagedModel.BLOCK  # the screens shown, not every row

    chart = page.chart
    chart.fit()
    visible_when_fitted = len(
        chart._visible(
            chart.horizontalScrollBar().value(),
            chart.horizontalScrollBar().value() + chart.viewport().width(),
        )
    )
    chart.set_scale(20.0)
    chart.center_on(start + dt.timedelta(days=600))
    left = chart.horizontalScrollBar().value()
    drawn = chart._visible(left, left + chart.viewport().width())
    assert 0 < len(drawn) < EVENTS / 10
    assert len(drawn) < visible_when_fitted / 5
    painted = chart.paint_count
    image = chart.viewport().grab()
    assert chart.paint_count == painted + 1
    assert not image.isNull()
    store.close()
