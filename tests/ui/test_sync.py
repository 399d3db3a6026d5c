"""File ▸ Sync with the team server… and View ▸ Travel conflicts… (issue 16), on a real
travel copy of the test server: off on a file, saying why; from the menu, the server is
asked for as Connect asks, as the copy's login, and the sync's counts show once its
thread is done, with the views read again; conflicts are listed with both values and
settled from the page, and the next sync takes the choice to the server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing.domain import TravelBase
from briefing.store.db.database import Store, database_url
from briefing.store.db.migrate import open_store
from briefing.store.db.server import address_of, without_password
from briefing.store.dossiers import find_dossier
from briefing.store.sync.trip import Synced
from briefing.store.travel import revoke
from briefing.ui.connect import ConnectDialog
from briefing.ui.main_window import MainWindow
from briefing.ui.sync import NOT_A_COPY, Syncer, known_server, summary
from briefing.ui.sync_conflicts import NONE_LEFT, ConflictsDialog
from briefing.ui.views.people import PeoplePage
from tests.cli.test_travel import (  # noqa: F401
    CONFIDENTIAL,
    PASSPHRASE,
    cleared_server,
    copy,
    server,
)
from tests.store.server.conftest import ClearedServer
from tests.store.sync.test_trip import edit, field, people, traveller
from tests.ui.conftest import listed

TIMEOUT_MS = 120_000


@pytest.fixture
def on_copy(
    qtbot: QtBot,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    settings: QSettings,
) -> Iterator[MainWindow]:
    """A window on the Confidential login's travel copy; the server is a recent one."""
    from briefing.ui.settings import RECENT_DATABASES

    login = server.url_as(server.logins[CONFIDENTIAL])
    RECENT_DATABASES.write(settings, [without_password(login)])
    store = open_store(copy[0], passphrase=PASSPHRASE, seed_sample=False, create=False)
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main


def as_traveller(team: ClearedServer) -> Store:
    return open_store(team.url_as(team.logins[CONFIDENTIAL]), seed_sample=False, create=False)


def syncer_of(window: MainWindow) -> Syncer:
    if window.act.syncer is None:
        window.act.syncer = Syncer(window)
    return window.act.syncer


def synced(
    qtbot: QtBot, window: MainWindow, start: Callable[[], object]
) -> tuple[Synced | None, str]:
    """Start a sync and wait for its thread's report."""
    start()
    syncer = window.act.syncer
    assert isinstance(syncer, Syncer) and syncer.syncing is not None
    assert not window.act.sync.isEnabled()  # no second sync while one runs
    with qtbot.waitSignal(syncer.finished, timeout=TIMEOUT_MS) as finished:
        pass  # the thread's report is queued to this thread: it cannot arrive before now
    assert window.act.sync.isEnabled()
    outcome, why = finished.args
    return outcome, why


def sync_with(qtbot: QtBot, window: MainWindow, team: ClearedServer) -> Synced:
    """Sync with the server given, as the copy's login, without the dialog."""
    outcome, why = synced(qtbot, window, lambda: syncer_of(window).sync(as_traveller(team)))
    assert why == "" and outcome is not None
    return outcome


def conflicts_page(window: MainWindow) -> ConflictsDialog:
    window.act.conflicts.trigger()
    page = window.act.conflicts_dialog
    assert isinstance(page, ConflictsDialog) and page.isVisible()
    return page


@pytest.mark.sqlite_only
def test_on_a_file_sync_and_conflicts_are_off_and_say_why(window: MainWindow) -> None:
    for action in (window.act.sync, window.act.conflicts):
        assert not action.isEnabled()
        assert action.toolTip() == NOT_A_COPY
    assert window.act.show_conflicts() is None and window.act.syncer is None


def test_sync_from_the_menu_asks_as_the_copys_login_and_shows_the_counts(
    qtbot: QtBot,
    on_copy: MainWindow,
    server: ClearedServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = on_copy.store.path
    assert path is not None
    first, second = people(path)[:2]
    edit(on_copy.store, first, {"bio": "Written on the plane"})
    with traveller(server) as team:
        edit(team, second, {"name": "Renamed at home"})
    page = on_copy.show_page("People")
    assert isinstance(page, PeoplePage)
    assert "Renamed at home" not in [row.name for row in listed(page.model)]
    asked: list[tuple[str, str, bool, str]] = []

    def connect_at_once(dialog: ConnectDialog) -> int:
        asked.append(
            (
                dialog.database.text(),
                dialog.user.text(),
                dialog.user.isReadOnly(),
                dialog.windowTitle(),
            )
        )
        dialog.show()
        dialog.try_connect()
        qtbot.waitUntil(lambda: dialog.attempt is None, timeout=TIMEOUT_MS)
        return dialog.result()

    # The dialog, filled in as it opens, connects as if Sync were pressed.
    monkeypatch.setattr(ConnectDialog, "exec", connect_at_once)
    file_menu = on_copy.menuBar().actions()[0].menu()
    assert on_copy.act.sync in file_menu.actions() and on_copy.act.sync.isEnabled()
    outcome, why = synced(qtbot, on_copy, on_copy.act.sync.trigger)
    assert why == "" and outcome is not None
    assert asked == [
        (server.url.database, server.logins[CONFIDENTIAL], True, "Sync with the team server")
    ]
    assert (outcome.sent, outcome.received, outcome.conflicts) == (1, 1, 0)
    assert on_copy.statusBar().currentMessage() == "Synced: sent 1, received 1, 0 conflicts"
    qtbot.waitUntil(lambda: "Renamed at home" in [row.name for row in listed(page.model)])
    with traveller(server) as team:
        assert field(team, first, "bio") == "Written on the plane"


def test_a_refused_sync_is_one_line_and_the_action_comes_back(
    qtbot: QtBot,
    on_copy: MainWindow,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    with Store.at(server.url) as owner, owner.session() as session:
        revoke(session, copy[1])
    outcome, why = synced(qtbot, on_copy, lambda: syncer_of(on_copy).sync(as_traveller(server)))
    assert outcome is None
    assert len(why.splitlines()) == 1 and "revoked" in why
    box = on_copy.findChild(QMessageBox, "errorDialog")
    assert isinstance(box, QMessageBox) and box.text() == why


def test_a_conflict_is_listed_with_both_values_and_keep_mine_then_sync_sends_the_copys(
    qtbot: QtBot,
    on_copy: MainWindow,
    server: ClearedServer,  # noqa: F811
    qtmodeltester: ModelTester,
) -> None:
    path = on_copy.store.path
    assert path is not None
    uid = people(path)[2]
    edit(on_copy.store, uid, {"name": "The copy's spelling"})
    with traveller(server) as team:
        edit(team, uid, {"name": "The server's spelling"})
    assert sync_with(qtbot, on_copy, server).conflicts == 1
    assert (
        on_copy.statusBar().currentMessage().startswith("Synced: sent 0, received 0, 1 conflict (")
    )
    page = conflicts_page(on_copy)
    qtmodeltester.check(page.model)
    (row,) = page.model.rows
    assert row.record == "The copy's spelling"  # the record as the copy names it
    assert (row.place, row.mine, row.theirs) == (
        "Name (romanized)",
        "The copy's spelling",
        "The server's spelling",
    )
    assert row.changed.startswith(server.logins[CONFIDENTIAL] + ", ") and row.changed.endswith(
        " UTC"
    )
    assert page.keep_mine.isEnabled() and page.take_theirs.isEnabled() and page.edit.isEnabled()
    page.keep_mine.click()
    assert page.model.rows == [] and page.intro.text() == NONE_LEFT
    assert not page.keep_mine.isEnabled()
    settled = sync_with(qtbot, on_copy, server)
    assert (settled.sent, settled.conflicts) == (1, 0)
    with traveller(server) as team:
        assert field(team, uid, "name") == "The copy's spelling"


def test_take_theirs_and_edit_settle_in_the_copy_and_the_list_follows(
    qtbot: QtBot,
    on_copy: MainWindow,
    server: ClearedServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = on_copy.store.path
    assert path is not None
    first, second = people(path)[3:5]
    for uid in (first, second):
        edit(on_copy.store, uid, {"bio": f"Ours {uid}"})
    with traveller(server) as team:
        for uid in (first, second):
            edit(team, uid, {"bio": f"Theirs {uid}"})
    page = conflicts_page(on_copy)
    assert page.model.rows == [] and page.intro.text() == NONE_LEFT

    assert sync_with(qtbot, on_copy, server).conflicts == 2
    assert page.take_theirs.isEnabled()  # the open page lists what the sync kept

    def running() -> None:
        syncer_of(on_copy).sync(as_traveller(server))
        # Nothing is settled while a sync runs: it replaces the list when done.
        assert not page.take_theirs.isEnabled() and not page.settle("theirs")

    outcome, _why = synced(qtbot, on_copy, running)
    assert outcome is not None and outcome.conflicts == 2
    assert page.take_theirs.isEnabled()
    assert [(row.place, row.theirs) for row in page.model.rows] == [
        ("Short biography", f"Theirs {first}"),
        ("Short biography", f"Theirs {second}"),
    ]
    page.table.selectRow(0)
    page.take_theirs.click()
    assert field(on_copy.store, first, "bio") == f"Theirs {first}"
    (left,) = page.model.rows
    assert page.current() == left and left.theirs == f"Theirs {second}"
    prefilled: list[str] = []

    def typed(_parent: object, _title: str, _label: str, text: str) -> tuple[str, bool]:
        prefilled.append(text)
        return "Written after both", True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", typed)
    page.edit.click()
    assert prefilled == [f"Theirs {second}"]
    assert page.model.rows == []
    assert field(on_copy.store, second, "bio") == "Written after both"
    settled = sync_with(qtbot, on_copy, server)
    assert (settled.sent, settled.received, settled.conflicts) == (1, 0, 0)
    with traveller(server) as team:
        assert field(team, first, "bio") == f"Theirs {first}"
        assert field(team, second, "bio") == "Written after both"


def _subtitle(store: Store, subtitle: str | None = None) -> str:
    """The dossier's subtitle, first set to ``subtitle`` when given."""
    with store.session() as session:
        dossier = find_dossier(session, "levels")
        if subtitle is not None:
            dossier.subtitle = subtitle
        return dossier.subtitle


def test_a_subtitle_changed_on_both_sides_is_the_dossiers_conflict_and_keep_mine_sends_it(
    qtbot: QtBot,
    on_copy: MainWindow,
    server: ClearedServer,  # noqa: F811
    qtmodeltester: ModelTester,
) -> None:
    with Store.at(server.url) as owner:
        was = _subtitle(owner)
        try:
            _subtitle(on_copy.store, "The copy's round")
            _subtitle(owner, "The server's round")
            assert sync_with(qtbot, on_copy, server).conflicts == 1
            page = conflicts_page(on_copy)
            qtmodeltester.check(page.model)
            (row,) = page.model.rows
            assert (row.record, row.place, row.mine, row.theirs) == (
                "the dossier",
                "Subtitle",
                "The copy's round",
                "The server's round",
            )
            assert page.keep_mine.isEnabled() and page.edit.isEnabled()
            page.keep_mine.click()
            assert page.model.rows == [] and page.intro.text() == NONE_LEFT
            settled = sync_with(qtbot, on_copy, server)
            assert (settled.sent, settled.conflicts) == (1, 0)
            assert _subtitle(owner) == "The copy's round"
        finally:
            _subtitle(owner, was)


def test_the_dialog_starts_from_a_recent_server_of_the_copys_database_and_login() -> None:
    base = TravelBase(server="db.example.org/briefing", login="ann")
    exact = "postgresql+psycopg://ann@db.example.org:5433/briefing?sslmode=verify-full"
    others = [
        "/home/ann/trip.sqlite3",
        "postgresql+psycopg://bob@db.example.org:5433/briefing",
        "postgresql+psycopg://ann@db.example.org:5433/other",
    ]
    assert known_server(base, [*others, exact]) == exact
    named = database_url(known_server(base, others))
    assert (address_of(named), named.database, named.username) == (
        "db.example.org",
        "briefing",
        "ann",
    )
    on_this_machine = database_url(known_server(TravelBase(server="localhost/b", login="ann"), []))
    assert (address_of(on_this_machine), on_this_machine.database) == ("", "b")


def test_the_summary_counts_and_says_when_it_finished_a_sync_cut_short() -> None:
    assert summary(Synced("u", 3, 0, 1, False)) == (
        "Synced: sent 3, received 0, 1 conflict (View ▸ Travel conflicts… to settle them)"
    )
    assert summary(Synced("u", 0, 2, 0, True)) == (
        "Finished the sync cut short: sent 0, received 2, 0 conflicts"
    )


def test_the_summary_tells_of_edits_passed_on_only_when_there_are_some() -> None:
    assert summary(Synced("u", 1, 0, 0, False, passed_on=2)) == (
        "Synced: sent 1, received 0, 0 conflicts, 2 edits passed on to someone cleared to see them"
    )
    assert summary(Synced("u", 1, 0, 0, False, passed_on=1)).endswith(
        ", 1 edit passed on to someone cleared to see them"
    )
    assert "passed on" not in summary(Synced("u", 1, 0, 0, False))
