"""Exports from the window are in the audit trail as the command line's are (issue 15)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from briefing.ui.export_dialog import ExportDialog
from briefing.ui.main_window import MainWindow
from tests.audit_trail import expected_user, trail
from tests.conftest import SAMPLE_SLUG


def test_a_preview_and_an_edition_from_the_dialog_are_recorded(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = window.files.export_book()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.audience.setCurrentIndex(dialog.audience.findData(1))
    dialog.path.setText(str(tmp_path / "book.pdf"))
    with qtbot.waitSignal(dialog.previewed, timeout=120_000):
        dialog.preview()
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as done:
        dialog.start()
    dialog.reject()
    events = trail(window.store)
    assert [(e.action, e.dossier, e.audience, e.edition) for e in events] == [
        ("draft", SAMPLE_SLUG, 1, None),
        ("book", SAMPLE_SLUG, 1, 1),
    ]
    assert events[1].content_hash == done.args[0].content_hash
    assert {e.who for e in events} == {expected_user(window.store)}


def test_a_dossier_file_for_an_audience_is_recorded(window: MainWindow, tmp_path: Path) -> None:
    assert window.files.export_for_audience(0, str(tmp_path / "public.json")) is not None
    [event] = trail(window.store)
    assert (event.action, event.audience, event.detail) == ("dossier file", 0, "public.json")
