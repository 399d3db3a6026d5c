"""File ▸ Connect to a team server… (issue 15): the dialog keeps the window responsive and
says what went wrong in one line; recent servers are remembered without their password;
the status bar names server, user and clearance; no audience above the clearance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL

from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.db.server import with_password
from briefing.store.visibility import EVERYTHING
from briefing.ui.connect import ConnectDialog
from briefing.ui.export_dialog import ExportDialog
from briefing.ui.main_window import MainWindow
from briefing.ui.settings import RECENT_DATABASES
from tests.conftest import LOGIN_ROLE, Login

SCREEN = (1366, 768)


def _dialog(qtbot: QtBot, login: Login, password: str) -> ConnectDialog:
    dialog = ConnectDialog(None, login.url.render_as_string(hide_password=False))
    qtbot.addWidget(dialog)
    dialog.password.setText(password)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_is_filled_in_from_a_recent_server_and_hides_the_password(
    qtbot: QtBot, pg_login: Login, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, pg_login, "typed")
    assert dialog.address.text() == pg_login.url.query["host"]
    assert (dialog.database.text(), dialog.user.text()) == (pg_login.url.database, LOGIN_ROLE)
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    dialog.move(0, 0)
    image = dialog.grab().toImage()
    assert image.width() <= SCREEN[0] and image.height() <= SCREEN[1]
    assert image.save(str(tmp_path / "connect.png"))


def test_a_wrong_password_is_one_line_in_the_dialog_which_stays_open(
    qtbot: QtBot, pg_login: Login
) -> None:
    dialog = _dialog(qtbot, pg_login, "not it")
    dialog.connect_button.click()
    assert not dialog.connect_button.isEnabled()  # the attempt runs in its thread
    qtbot.waitUntil(lambda: dialog.attempt is None, timeout=20_000)
    assert dialog.isVisible() and dialog.store is None
    said = dialog.message.text()
    assert said == (
        f"cannot open the Briefing server at localhost: it did not accept user {LOGIN_ROLE} "
        "with that password"
    )
    assert "\n" not in dialog.message.text()


def test_no_password_is_asked_for_in_the_dialog(qtbot: QtBot, pg_login: Login) -> None:
    dialog = _dialog(qtbot, pg_login, "")
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.attempt is None, timeout=20_000)
    assert "asks for a password" in dialog.message.text()


def test_the_right_password_connects_and_closes_the_dialog(qtbot: QtBot, pg_login: Login) -> None:
    dialog = _dialog(qtbot, pg_login, pg_login.password)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.connect_button.click()
    assert dialog.store is not None
    assert dialog.password.text() == ""
    dialog.store.close()


@pytest.fixture
def cleared_store(pg_sample_url: URL) -> Iterator[Store]:
    """The sample on the server, with ``briefing_clearance()`` as ``rls`` creates it,
    here saying the user is cleared for Internal (rank 1); opened with a password in
    its URL (the socket's trust ignores it) to show it is never remembered."""
    with Store.at(pg_sample_url) as owner, owner.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE FUNCTION briefing_clearance() RETURNS int LANGUAGE sql STABLE AS 'SELECT 1'"
        )
    opened = open_store(with_password(pg_sample_url, "never-kept"), seed_sample=False)
    yield opened
    opened.close()


@pytest.fixture
def server_window(qtbot: QtBot, cleared_store: Store, settings: QSettings) -> Iterator[MainWindow]:
    main = MainWindow(cleared_store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main


def test_the_status_bar_names_the_server_the_user_and_the_clearance(
    server_window: MainWindow,
) -> None:
    database = server_window.store.url.database
    assert server_window.status_location.text() == (
        f"Server: localhost/{database} · user briefing_admin · clearance Internal"
    )


def test_no_audience_above_the_clearance_is_offered(
    server_window: MainWindow, qtbot: QtBot
) -> None:
    box = server_window.audience_box
    assert [box.itemData(i) for i in range(box.count())] == [EVERYTHING, 0, 1]
    dialog = server_window.files.export_book()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    choices = dialog.audience
    assert [choices.itemData(i) for i in range(choices.count())] == [0, 1]


def test_a_recent_server_is_remembered_without_its_password(
    server_window: MainWindow, settings: QSettings, tmp_path: Path
) -> None:
    remembered = RECENT_DATABASES.read(settings)[0]
    assert remembered.startswith("postgresql+psycopg://briefing_admin@/")
    settings.sync()
    assert "never-kept" not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "never-kept" not in server_window.status_location.text()
    offered = [action.text() for action in server_window.recent_menu.actions()]
    assert offered[0] == remembered


def test_a_recent_server_opens_through_the_dialog_filled_in_with_it(
    qtbot: QtBot, pg_login: Login, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.ui.app import Launcher

    asked: list[str] = []

    def connect(parent: object, known: str) -> Store:
        asked.append(known)
        return open_store(with_password(pg_login.url, pg_login.password), seed_sample=False)

    monkeypatch.setattr("briefing.ui.connect.ask_connection", connect)
    launcher = Launcher(settings)
    address = pg_login.url.render_as_string(hide_password=False)
    launcher.open_path(address)
    assert asked == [address]
    (window,) = launcher.windows
    qtbot.addWidget(window)
    assert window.status_location.text().startswith(f"Server: localhost/{pg_login.url.database}")
    assert f"user {LOGIN_ROLE}" in window.status_location.text()
    window.close()


def test_a_server_named_at_start_opens_without_the_dialog_when_libpq_has_the_password(
    pg_login: Login, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from briefing.ui.app import open_database

    passwords = tmp_path / "pgpass"
    passwords.write_text(f"*:*:*:{LOGIN_ROLE}:{pg_login.password}\n", encoding="utf-8")
    passwords.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passwords))

    def no_dialog(parent: object, known: str) -> None:
        raise AssertionError("the dialog was shown")

    monkeypatch.setattr("briefing.ui.connect.ask_connection", no_dialog)
    address = pg_login.url.render_as_string(hide_password=False)
    store = open_database(address, tmp_path / "unused.sqlite3", lambda prompt: None)
    assert store is not None
    store.close()
