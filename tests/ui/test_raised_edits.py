"""View ▸ Travel edits passed on… (issue 16), on a real server: a traveller's edits to
records a colleague raised above the traveller during the trip are listed for a login
cleared to see them, with both values and who and when, and settled from the page as
``dossier settle-raised`` settles them; a login below the records' level sees none, and
a window on a file has the action off, saying why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing.store.db.migrate import open_store
from briefing.store.sync import raised
from briefing.store.sync.shown import ShownPassed
from briefing.ui.main_window import MainWindow
from briefing.ui.raised_edits import (
    ALREADY_SETTLED,
    HEADERS,
    LINE_CHARACTERS,
    NOT_ON_SERVER,
    SOME,
    RaisedEditsDialog,
)
from tests.cli.test_travel import (  # noqa: F401
    CONFIDENTIAL,
    RESTRICTED,
    cleared_server,
    copy,
    server,
)
from tests.store.server.conftest import ClearedServer
from tests.store.sync.test_raised import colleague
from tests.store.sync.test_trip import edit, field, opened, people, sync
from tests.ui.conftest import open_from_view_menu


def window_as(qtbot: QtBot, team: ClearedServer, rank: int, settings: QSettings) -> MainWindow:
    """A window connected to the team server as the login cleared to ``rank``."""
    store = open_store(team.url_as(team.logins[rank]), seed_sample=False, create=False)
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def cleared(
    qtbot: QtBot,
    server: ClearedServer,  # noqa: F811
    settings: QSettings,
) -> Iterator[MainWindow]:
    """A window on the server as the Restricted login, cleared above the traveller."""
    yield window_as(qtbot, server, RESTRICTED, settings)


def renamed_then_raised(path: Path, team: ClearedServer, uids: list[str]) -> dict[str, str]:
    """Persons the traveller renames on the road while a colleague raises them above the
    traveller's level, then the traveller's sync; each one's name on the server now."""
    with opened(path) as store:
        for uid in uids:
            edit(store, uid, {"name": f"Travelled {uid}"})
    names = {}
    with colleague(team) as home:
        for uid in uids:
            edit(home, uid, {"handling": RESTRICTED})
            names[uid] = field(home, uid, "name")
    assert sync(path, team).passed_on == len(uids)
    return names


def of(page: RaisedEditsDialog, names: dict[str, str]) -> dict[str, ShownPassed]:
    """The page's rows for the records ``names`` names, by record name: the module's
    server holds edits passed on by other tests, and its fixture's, too."""
    wanted = set(names.values())
    return {row.record: row for row in page.model.rows if row.record in wanted}


def select(page: RaisedEditsDialog, row: ShownPassed) -> None:
    page.table.selectRow(page.model.rows.index(row))


def raised_page(window: MainWindow) -> RaisedEditsDialog:
    open_from_view_menu(window, window.act.raised)
    page = window.act.raised_dialog
    assert isinstance(page, RaisedEditsDialog) and page.isVisible()
    return page


def test_a_cleared_login_sees_the_passed_on_edits_and_keeps_the_travellers_or_the_current(
    qtbot: QtBot,
    cleared: MainWindow,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    qtmodeltester: ModelTester,
) -> None:
    path, _ = copy
    first, second = people(path)[:2]
    names = renamed_then_raised(path, server, [first, second])
    page = raised_page(cleared)
    qtmodeltester.check(page.model)
    rows = of(page, names)
    assert set(rows) == {names[first], names[second]}  # the records as the server names them
    row = rows[names[first]]
    assert (row.fields, row.travellers, row.current) == ("name", f"Travelled {first}", names[first])
    assert row.edited.startswith(server.logins[CONFIDENTIAL] + ", ")
    assert row.edited.endswith(" UTC")
    assert page.keep_travellers.isEnabled() and page.keep_current.isEnabled()
    assert page.intro.text() == SOME

    select(page, row)
    page.keep_travellers.click()
    with colleague(server) as home:
        assert field(home, first, "name") == f"Travelled {first}"
        assert field(home, first, "handling") == RESTRICTED
    (left,) = of(page, names).values()  # the list is read again
    assert page.message.text() == f"Settled {names[first]}: kept the traveller's edit."

    # By keyboard: each choice has its Alt key, and Space presses the one tabbed to.
    assert [b.shortcut().toString() for b in (page.keep_travellers, page.keep_current)] == [
        "Alt+T",
        "Alt+C",
    ]
    select(page, left)
    qtbot.keyClick(page.keep_current, Qt.Key.Key_Space)
    assert of(page, names) == {}
    assert page.message.text() == f"Settled {names[second]}: kept the current record."
    with colleague(server) as home:
        assert field(home, second, "name") == names[second]
    with colleague(server) as home, home.session() as session:
        assert {p.uid for p in raised.listed(session)}.isdisjoint({first, second})


def test_edits_settled_meanwhile_by_someone_else_are_refused_in_one_line_and_leave_the_list(
    cleared: MainWindow,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    (uid,) = people(path)[2:3]
    names = renamed_then_raised(path, server, [uid])
    page = raised_page(cleared)
    (row,) = of(page, names).values()
    select(page, row)
    with colleague(server) as home, home.session() as session:
        raised.settle(session, row.id, False, RESTRICTED)
    assert not page.settle(mine=True)
    assert page.message.text() == f"{names[uid]} was not settled: {ALREADY_SETTLED}"
    assert of(page, names) == {}
    with colleague(server) as home:
        assert field(home, uid, "name") == names[uid]


def test_a_login_below_the_records_level_sees_no_edits_passed_on(
    qtbot: QtBot,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    settings: QSettings,
) -> None:
    path, _ = copy
    names = renamed_then_raised(path, server, people(path)[3:4])
    below = window_as(qtbot, server, CONFIDENTIAL, settings)
    assert of(raised_page(below), names) == {}
    above = window_as(qtbot, server, RESTRICTED, settings)
    assert len(of(raised_page(above), names)) == 1


@pytest.mark.sqlite_only
def test_on_a_file_the_action_is_off_and_says_why(window: MainWindow) -> None:
    assert not window.act.raised.isEnabled()
    assert window.act.raised.toolTip() == NOT_ON_SERVER
    assert window.act.show_raised() is None and window.act.raised_dialog is None


def test_several_fields_read_by_name_and_a_long_value_is_cut_with_all_of_it_in_the_tip(
    cleared: MainWindow,
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    (uid,) = people(path)[5:6]
    bio = "Met at the airport lounge. " * 10
    with opened(path) as store:
        edit(store, uid, {"name": "Renamed in transit", "bio": bio})
    with colleague(server) as home:
        edit(home, uid, {"handling": RESTRICTED})
        name = field(home, uid, "name")
    assert sync(path, server).passed_on == 1
    page = raised_page(cleared)
    (row,) = of(page, {uid: name}).values()
    assert row.fields == "bio, name"
    assert row.travellers == f"bio: {bio}\nname: Renamed in transit"
    assert row.current.endswith(f"\nname: {name}")
    cell = page.model.index(page.model.rows.index(row), HEADERS.index("The traveller's"))
    shown = cell.data(Qt.ItemDataRole.DisplayRole).splitlines()
    assert shown[0].endswith("…") and len(shown[0]) <= LINE_CHARACTERS
    assert shown[1] == "name: Renamed in transit"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == row.travellers
