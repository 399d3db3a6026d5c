"""The overview's key dates (the next ones, those still running, the last deadlines), and
the dossier's texts as the summary gives them for the audience."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing.store.db.database import Store
from briefing.store.lists import summary
from briefing.ui import i18n
from briefing.ui.views.overview import OverviewPage
from briefing.ui.workspace import Workspace
from tests.builders import cite, document, load

TODAY = dt.date(2025, 6, 15)


def _event(name: str, kind: str, start: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "e:" + name.lower().replace(" ", "-"),
        "title": name,
        "kind": kind,
        "start_date": start,
        "citations": [cite()],
        **extra,
    }


def test_key_dates_from_a_long_history(empty_store: Store, qtbot: QtBot) -> None:
    history = [
        _event(f"Old meeting {n}", "meeting", (TODAY - dt.timedelta(days=40 + n)).isoformat())
        for n in range(300)
    ]
    deadlines = [
        _event(f"Passed deadline {word}", "deadline", (TODAY - dt.timedelta(days=n)).isoformat())
        for n, word in ((50, "fifty"), (10, "ten"), (3, "three"), (1, "one"))
    ]
    running = [
        _event("June summit season", "summit", "2025-06-01", precision="month"),
        _event("Long review", "meeting", "2024-01-10", end_date="2025-12-31"),
        _event("June deadline window", "deadline", "2025-06-01", precision="month"),
    ]
    ahead = [
        _event(f"Next {n}", "meeting", (TODAY + dt.timedelta(days=n)).isoformat())
        for n in range(1, 12)
    ]
    load(empty_store, document(events=history + deadlines + running + ahead))
    workspace = Workspace(empty_store)
    workspace.set_today(TODAY)
    page = OverviewPage(workspace)
    qtbot.addWidget(page)
    page.reload()
    text = page.browser.toPlainText()
    upcoming = text.split("Next deadlines and key dates", 1)[1].split("Recently passed", 1)[0]
    order = ["Long review", "June summit season", "June deadline window"] + [
        f"Next {n}" for n in range(1, 6)
    ]
    positions = [upcoming.find(name) for name in order]
    assert all(p >= 0 for p in positions), (order, upcoming)
    assert positions == sorted(positions)
    assert "Next 6" not in upcoming  # eight dates ahead, no more
    passed = text.split("Recently passed deadlines", 1)[1].split("In this dossier", 1)[0]
    positions = [passed.find(f"Passed deadline {word}") for word in ("ten", "three", "one")]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), passed
    assert "Passed deadline fifty" not in passed and "June deadline window" not in passed
    assert "Old meeting" not in text


def test_what_the_summary_withholds_leaves_no_heading_or_label(
    store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Overview shows the subtitle, scene-setter and party exactly as the summary
    gives them for the audience: one it withholds leaves nothing behind."""
    workspace = Workspace(store)
    workspace.set_today(TODAY)
    page = OverviewPage(workspace)
    qtbot.addWidget(page)
    page.reload()
    shown = page.browser.toPlainText()
    assert "Scene-setter" in shown and "Prepared for:" in shown
    full = summary.summary

    def withholding(*args: Any, **kwargs: Any) -> summary.Summary:
        return dataclasses.replace(
            full(*args, **kwargs), subtitle="", scene_setter="", prepared_for=""
        )

    monkeypatch.setattr(summary, "summary", withholding)
    page.reload()
    text = page.browser.toPlainText()
    assert "Scene-setter" not in text and "Prepared for" not in text
    title, after = text.splitlines()[:2]
    assert title == shown.splitlines()[0] and after.startswith("as of ")


def test_a_korean_window_opens_on_the_dossiers_korean_texts(
    empty_store: Store, qtbot: QtBot, qapp: QApplication
) -> None:
    """The title and subtitle a Korean team wrote head the Korean window's overview; a
    text with no Korean (here the scene-setter) stays in English rather than vanishing."""
    doc = document()
    doc["dossier"].update(
        title_ko="한미 통상 협의",
        subtitle="For the talks",
        subtitle_ko="협상용",
        scene_setter="Where things stand",
    )
    load(empty_store, doc)
    workspace = Workspace(empty_store)
    page = OverviewPage(workspace)
    qtbot.addWidget(page)
    i18n.install(qapp, "ko")
    try:
        page.reload()
        korean = page.browser.toPlainText()
    finally:
        i18n.install(qapp, "en")
    page.reload()
    english = page.browser.toPlainText()
    assert "한미 통상 협의" in korean and "협상용" in korean and "Where things stand" in korean
    assert "Dossier test" not in korean and "For the talks" not in korean
    assert "Dossier test" in english and "For the talks" in english and "협상" not in english
