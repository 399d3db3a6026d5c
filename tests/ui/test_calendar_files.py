"""File ▸ Export calendar… and Import calendar…: the store's calendar functions, off the
GUI thread, ending in one line; a bad file is refused in one line with nothing changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from briefing.domain import Event
from briefing.ui.calendar_files import CalendarFiles
from briefing.ui.main_window import MainWindow
from tests.store.calendar.ics import blocks

PUBLIC = 0

CALL = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Travel office//EN\r\nBEGIN:VEVENT\r\n"
    b"UID:call-1@travel.example\r\nDTSTAMP:20250401T000000Z\r\nSUMMARY:Call with USTR\r\n"
    b"DTSTART;TZID=Eastern Standard Time:20250424T100000\r\n"
    b"DTEND;TZID=Eastern Standard Time:20250424T103000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _files(window: MainWindow) -> CalendarFiles:
    file_menu = window.menuBar().actions()[0].menu()
    actions = file_menu.actions()
    assert window.act.export_calendar in actions and window.act.import_calendar in actions
    assert window.act.export_calendar.isEnabled() and window.act.import_calendar.isEnabled()
    return window.act.calendar()


def _events(window: MainWindow) -> int:
    with window.store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Event)) or 0)


def _error_shown(window: MainWindow) -> str:
    box = window.findChild(QMessageBox, "errorDialog")
    assert isinstance(box, QMessageBox) and box.isVisible()
    return box.text()


def test_export_writes_the_audiences_calendar_off_the_gui_thread(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    files, target = _files(window), tmp_path / "public.ics"
    with qtbot.waitSignal(files.finished, timeout=30_000) as said:
        assert files.export(PUBLIC, str(target))
    assert said.args == [f"Wrote {target}: 3 events for the Public audience"]
    assert window.statusBar().currentMessage() == said.args[0]
    assert len(blocks(target.read_bytes(), "VEVENT")) == 3


def test_an_export_that_cannot_be_written_says_why(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    files = _files(window)
    with qtbot.waitSignal(files.finished, timeout=30_000) as said:
        files.export(PUBLIC, str(tmp_path / "missing" / "public.ics"))
    assert "missing" in said.args[0] and "\n" not in said.args[0]
    assert _error_shown(window) == said.args[0]


def test_import_adds_then_updates_by_uid_and_refuses_a_bad_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    files, source, before = _files(window), tmp_path / "trip.ics", _events(window)
    source.write_bytes(CALL)
    with qtbot.waitSignal(files.finished, timeout=30_000) as said:
        assert files.import_(str(source))
    assert said.args == ["Imported trip.ics: 1 added, 0 updated, 0 unchanged"]
    assert _events(window) == before + 1
    with qtbot.waitSignal(files.finished, timeout=30_000) as said:
        files.import_(str(source))
    assert said.args == ["Imported trip.ics: 0 added, 0 updated, 1 unchanged"]
    source.write_bytes(CALL.replace(b"20250424T10", b"20251102T01"))  # 01:xx twice that night
    with qtbot.waitSignal(files.finished, timeout=30_000) as said:
        files.import_(str(source))
    assert said.args == [
        "event call-1@travel.example: 2025-11-02 01:00 happens twice in America/New_York "
        "(first at 05:00 UTC, then at 06:00 UTC); give it in UTC to say which"
    ]
    assert _error_shown(window) == said.args[0]
    garbage = tmp_path / "garbage.ics"
    garbage.write_bytes(b"hello")
    with qtbot.waitSignal(files.finished, timeout=30_000) as said:
        files.import_(str(garbage))
    assert said.args[0].startswith("garbage.ics is not") and "\n" not in said.args[0]
    assert _events(window) == before + 1


def test_times_on_no_clock_are_read_on_the_zone_the_person_chooses(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """A travel office's file with floating times: the window asks which clock they are
    on (starting at the home zone) rather than only refusing; cancelled, nothing is taken."""
    floating = CALL.replace(b";TZID=Eastern Standard Time", b"")
    source, before = tmp_path / "floating.ics", _events(window)
    source.write_bytes(floating)
    files = _files(window)
    files.import_(str(source))
    qtbot.waitUntil(lambda: files.zone_dialog is not None and files.zone_dialog.isVisible())
    dialog = files.zone_dialog
    assert dialog is not None and dialog.zone() == "Asia/Seoul"
    with qtbot.waitSignal(files.finished, timeout=30_000) as said:
        dialog.reject()
    assert said.args == ["floating.ics was not imported: no time zone chosen for its times"]
    assert _events(window) == before

    files.import_(str(source))
    qtbot.waitUntil(lambda: files.zone_dialog is not dialog and files.zone_dialog is not None)
    dialog = files.zone_dialog
    assert dialog is not None
    dialog.combo.setCurrentText("Mars/Olympus")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # an unknown zone cannot be chosen
    dialog.combo.setCurrentText("America/New_York")
    assert ok.isEnabled()
    with qtbot.waitSignal(files.finished, timeout=30_000) as said:
        ok.click()
    assert said.args == ["Imported floating.ics: 1 added, 0 updated, 0 unchanged"]
    with window.store.session() as session:
        event = session.scalars(select(Event).where(Event.title == "Call with USTR")).one()
        assert (event.timezone, event.start_time) == ("America/New_York", dt.time(10))
