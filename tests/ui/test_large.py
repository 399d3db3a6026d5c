"""A dossier of 10,000 events opens and scrolls without a widget per row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from briefing.store.migrate import open_store
from briefing.ui.main_window import MainWindow
from briefing.ui.views.timeline import TimelinePage
from tests.builders import document, load

EVENTS = 10_000


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
    page = window.show_page("Timeline")
    assert isinstance(page, TimelinePage)
    qtbot.waitExposed(window)
    assert page.model.rowCount() == EVENTS

    widgets_before = len(page.table.findChildren(QWidget))
    page.table.scrollToBottom()
    page.table.scrollToTop()
    page.table.selectRow(EVENTS // 2)
    assert len(page.table.findChildren(QWidget)) == widgets_before < 50

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
