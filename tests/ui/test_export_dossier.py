"""File ▸ Export dossier for an audience…: a file holding only what that audience may see.

Needs ``export_file(store, slug, target, audience=rank)`` from the exchange work.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget
from sqlalchemy import select

from briefing.domain import Record
from briefing.store.visibility import visible
from briefing.ui.main_window import MainWindow


def _titles(window: MainWindow, level: int) -> tuple[list[str], list[str]]:
    """Display names of the records an audience at ``level`` may see, and of the others."""
    with window.store.session() as session:
        records = session.scalars(select(Record)).all()
        seen = set(session.scalars(select(Record.id).where(visible(Record, level))))
        return (
            [r.display_name for r in records if r.id in seen],
            [r.display_name for r in records if r.id not in seen],
        )


def test_the_menu_asks_the_audience_then_the_file_and_writes_only_what_it_may_see(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "internal.json"
    offered: list[tuple[list[str], int]] = []

    def pick(
        _parent: QWidget, _title: str, _label: str, items: list[str], current: int, *_: object
    ) -> tuple[str, bool]:
        offered.append((items, current))
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    window.set_audience(1)
    window.act.export_audience.trigger()
    assert offered == [(["(P) Public", "(I) Internal", "(C) Confidential", "(R) Restricted"], 1)]
    written = json.loads(target.read_text(encoding="utf-8"))
    assert [x["name"] for x in written["handling_levels"]] == ["Public", "Internal"]
    text = json.dumps(written, ensure_ascii=False)  # every string as the file means it

    def said(name: str) -> bool:
        return json.dumps(name, ensure_ascii=False)[1:-1] in text

    seen, withheld = _titles(window, 1)
    assert withheld and not any(said(name) for name in withheld)
    assert "Ahn Duk-geun" in seen and said("Ahn Duk-geun")
    assert "for the Internal audience" in window.statusBar().currentMessage()


def test_staff_are_offered_the_highest_level_and_cancel_asks_no_more(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[int] = []

    def cancel(
        _parent: QWidget, _title: str, _label: str, items: list[str], current: int, *_: object
    ) -> tuple[str, bool]:
        offered.append(current)
        return "", False

    def no_file(*_args: object) -> tuple[str, str]:
        raise AssertionError("asked for a file after the audience was cancelled")

    monkeypatch.setattr(QInputDialog, "getItem", cancel)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_file)
    assert window.files.export_for_audience() is None
    assert offered == [3]


def test_an_audience_and_a_path_given_need_no_questions(window: MainWindow, tmp_path: Path) -> None:
    written = window.files.export_for_audience(0, str(tmp_path / "public.json"))
    assert written is not None
    levels = json.loads(written.read_text(encoding="utf-8"))["handling_levels"]
    assert [x["name"] for x in levels] == ["Public"]
