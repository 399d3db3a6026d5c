"""File ▸ Take a copy for travel… (issue 16): off on a file, saying why; on the team
server, an encrypted copy that opens with the passphrase typed twice, taken while the
window stays responsive; a failure is the store's one line, and leaves no file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import TravelCopy
from briefing.store.db.database import SQLITE_HEADER, Store
from briefing.store.db.migrate import open_store
from briefing.store.travel import Taken, base_of
from briefing.ui.main_window import MainWindow
from briefing.ui.security import NewPassphraseDialog
from briefing.ui.travel import ON_A_FILE, TravelCopier, proposed_name
from tests.store.server.conftest import ClearedServer, cleared_server  # noqa: F401

PASSPHRASE = "correct horse battery staple"
CONFIDENTIAL = 2


@pytest.fixture
def on_server(
    qtbot: QtBot,
    cleared_server: ClearedServer,  # noqa: F811
    settings: QSettings,
) -> Iterator[MainWindow]:
    """A window on the team server as the Confidential login, on the generated dossier."""
    login = cleared_server.url_as(cleared_server.logins[CONFIDENTIAL])
    store = open_store(login, seed_sample=False, create=False)
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.choose_dossier("levels")
    main.show()
    qtbot.waitExposed(main)
    yield main


def take(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path
) -> tuple[Taken | None, str]:
    """Choose File ▸ Take a copy for travel…, answer its two questions, and wait for its
    thread to report; the file dialog is checked to propose the dossier's name."""
    from briefing.ui import travel

    proposed: list[str] = []

    def save_as(_parent: object, _title: str, where: str, _filter: str) -> tuple[str, str]:
        proposed.append(Path(where).name)
        return str(target), ""

    monkeypatch.setattr(travel.QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(travel, "ask_new_passphrase", lambda *_: PASSPHRASE)
    window.act.travel_out.trigger()
    copier = window.act.travel_copier
    assert isinstance(copier, TravelCopier) and copier.taking is not None
    assert not window.act.travel_out.isEnabled()  # no second copy while one is taken
    with qtbot.waitSignal(copier.finished, timeout=60_000) as finished:
        pass  # the thread's report is queued to this thread: it cannot arrive before now
    assert proposed == [proposed_name("levels")]
    taken, why = finished.args
    return taken, why


def error_shown(window: MainWindow) -> QMessageBox:
    box = window.findChild(QMessageBox, "errorDialog")
    assert isinstance(box, QMessageBox)
    return box


@pytest.mark.sqlite_only
def test_on_a_file_the_action_is_off_and_its_tip_says_why(window: MainWindow) -> None:
    action = window.act.travel_out
    assert not action.isEnabled()
    assert action.toolTip() == ON_A_FILE
    assert "team server" in action.toolTip()
    assert window.act.travel_copier is None


def test_the_action_is_in_the_file_menu_with_a_mnemonic(on_server: MainWindow) -> None:
    action = on_server.act.travel_out
    assert action.isEnabled()
    file_menu = on_server.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    assert "&v" in action.text()
    mnemonics = [a.text().split("&")[1][0].lower() for a in file_menu.actions() if "&" in a.text()]
    assert mnemonics.count("v") == 1


def test_the_proposed_name_is_the_dossiers_and_says_nothing_of_the_clearance() -> None:
    name = proposed_name("levels")
    assert name.startswith("levels") and name.endswith(".sqlite3")
    assert not any(level in name.lower() for level in ("confidential", "restricted", "2"))


def test_the_new_passphrase_must_be_typed_twice_alike(qtbot: QtBot) -> None:
    dialog = NewPassphraseDialog(None, "Passphrase", "Choose one")
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled() and dialog.passphrase() is None
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE + "x")
    assert not dialog.ok.isEnabled() and dialog.passphrase() is None
    assert dialog.message.text() == "The two passphrases differ."
    dialog.second.setText(PASSPHRASE)
    assert dialog.ok.isEnabled() and dialog.passphrase() == PASSPHRASE
    assert dialog.message.text() == ""


def test_on_the_server_it_writes_an_encrypted_copy_that_opens_with_the_passphrase(
    qtbot: QtBot,
    on_server: MainWindow,
    cleared_server: ClearedServer,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / proposed_name("levels")
    taken, why = take(qtbot, on_server, monkeypatch, target)
    assert why == "" and taken is not None
    assert taken.path == target and taken.slug == "levels"
    assert not target.read_bytes().startswith(SQLITE_HEADER)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".ini") == [target.name]
    message = on_server.statusBar().currentMessage()
    assert target.name in message and taken.uid in message
    assert on_server.act.travel_out.isEnabled()
    assert on_server.findChild(QMessageBox, "errorDialog") is None
    with open_store(target, passphrase=PASSPHRASE, seed_sample=False, create=False) as copy:
        base = base_of(copy)
    assert (base.copy_uid, base.login, base.clearance) == (
        taken.uid,
        cleared_server.logins[CONFIDENTIAL],
        CONFIDENTIAL,
    )
    with Store.at(cleared_server.url) as owner, owner.session() as session:
        assert session.get(TravelCopy, taken.uid) is not None


def test_a_folder_that_is_not_there_is_one_line_and_no_file(
    qtbot: QtBot, on_server: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gone" / "levels-travel.sqlite3"
    taken, why = take(qtbot, on_server, monkeypatch, target)
    assert taken is None
    assert len(why.splitlines()) == 1 and "does not exist" in why
    box = error_shown(on_server)
    assert box.text() == why
    assert not (tmp_path / "gone").exists()
    assert on_server.act.travel_out.isEnabled()


def test_a_disk_that_refuses_the_file_is_one_line_and_leaves_nothing(
    qtbot: QtBot,
    on_server: MainWindow,
    cleared_server: ClearedServer,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from briefing.store import travel

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(travel, "import_model", full_disk)
    with Store.at(cleared_server.url) as owner, owner.session() as session:
        before = set(session.scalars(select(TravelCopy.uid)))
    folder = tmp_path / "trip"
    folder.mkdir()
    taken, why = take(qtbot, on_server, monkeypatch, folder / "levels-travel.sqlite3")
    assert taken is None
    assert len(why.splitlines()) == 1 and "No space left on device" in why
    assert error_shown(on_server).text() == why
    assert list(folder.iterdir()) == []
    with Store.at(cleared_server.url) as owner, owner.session() as session:
        assert set(session.scalars(select(TravelCopy.uid))) == before
