"""Working beside others: their changes appear in an open window by themselves, keeping
the selection, and a save over one of them is refused with the edit kept in the form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import URL, select

from briefing.domain import Delegation, DelegationMember, Person
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.edits import change_record, delete_record
from briefing.ui.conflicts import ConflictBanner
from briefing.ui.main_window import MainWindow
from briefing.ui.views.people import PeoplePage
from tests.ui.conftest import AS_OF, listed

SHOWN_WITHIN_MS = 2000


def _people(window: MainWindow) -> tuple[int, int]:
    with window.store.session() as session:
        ahn = session.scalars(select(Person.id).where(Person.name == "Ahn Duk-geun")).one()
        other = session.scalars(
            select(Person.id).where(Person.id != ahn).order_by(Person.id).limit(1)
        ).one()
    return ahn, other


def _elsewhere(url: URL, record_id: int, values: dict[str, object]) -> None:
    """Another person's save, through a store of their own."""
    with Store.at(url) as other, other.session() as session:
        change_record(session, record_id, values, None)


def _shows_others_change(window: MainWindow, qtbot: QtBot) -> None:
    ahn, other = _people(window)
    window.jump(ahn)
    people = window.pages["People"]
    assert isinstance(people, PeoplePage)
    qtbot.waitUntil(lambda: window.refresher is not None and window.refresher.feed is not None)
    assert people.current_id() == ahn

    _elsewhere(window.store.url, other, {"name": "Renamed elsewhere"})

    def shown() -> None:
        assert "Renamed elsewhere" in [row.name for row in listed(people.model)]

    qtbot.waitUntil(shown, timeout=SHOWN_WITHIN_MS)
    assert people.current_id() == ahn
    assert window.details.record_id == ahn

    _elsewhere(window.store.url, ahn, {"bio": "A biography written elsewhere"})
    qtbot.waitUntil(
        lambda: "A biography written elsewhere" in window.details.browser.toPlainText(),
        timeout=SHOWN_WITHIN_MS,
    )
    assert people.current_id() == ahn


def test_others_changes_appear_keeping_the_selection(window: MainWindow, qtbot: QtBot) -> None:
    """On SQLite through ``PRAGMA data_version``, on a server through NOTIFY."""
    _shows_others_change(window, qtbot)


@pytest.fixture
def server_window(
    qtbot: QtBot, qapp: object, pg_sample_url: URL, settings: QSettings
) -> Iterator[MainWindow]:
    store = open_store(pg_sample_url, seed_sample=False)
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.workspace.set_today(AS_OF)
    main.show()
    qtbot.waitExposed(main)
    yield main


def test_on_a_server_others_changes_appear_through_notify(
    server_window: MainWindow, qtbot: QtBot
) -> None:
    _shows_others_change(server_window, qtbot)
    refresher = server_window.refresher
    assert refresher is not None and refresher.feed is not None
    assert refresher.feed.fileno() is not None  # a socket watched, not a timer


def test_a_refused_save_keeps_the_form_and_says_who_and_when(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahn, _other = _people(window)
    window.jump(ahn)
    qtbot.waitUntil(lambda: window.refresher is not None and window.refresher.feed is not None)
    form, _model = window.editor.form_for_record(ahn)
    form.inputs["name"].set_value("My spelling")
    monkeypatch.setattr("getpass.getuser", lambda: "kim")
    _elsewhere(window.store.url, ahn, {"name": "Kim's spelling"})
    monkeypatch.undo()
    qtbot.waitUntil(  # the window shows theirs; the open form keeps what was typed
        lambda: "Kim's spelling" in window.details.browser.toPlainText(), timeout=SHOWN_WITHIN_MS
    )
    assert form.inputs["name"].value() == "My spelling"

    assert not window.editor.submit_edit(ahn, form)
    assert form.inputs["name"].value() == "My spelling"
    banner = form.findChild(ConflictBanner)
    assert isinstance(banner, ConflictBanner) and banner.isVisibleTo(form)
    who = "kim" if window.store.url.get_backend_name() == "sqlite" else window.store.url.username
    assert banner.message.text().startswith(f"{who} changed this record at ")
    assert "Your edit is still here" in banner.message.text()
    with window.store.session() as session:
        assert session.get_one(Person, ahn).name == "Kim's spelling"
    assert not window.act.undo.isEnabled()  # nothing was saved, so nothing to undo

    banner.reload.click()
    assert form.inputs["name"].value() == "Kim's spelling"
    assert not banner.isVisibleTo(form)
    form.inputs["name"].set_value("Agreed spelling")
    assert window.editor.submit_edit(ahn, form)
    with window.store.session() as session:
        assert session.get_one(Person, ahn).name == "Agreed spelling"


def test_undo_over_someone_elses_change_is_refused_and_leaves_the_history(
    window: MainWindow, qtbot: QtBot
) -> None:
    ahn, _other = _people(window)
    window.jump(ahn)
    window.editor.apply_edit(ahn, {"bio": "Mine"})
    assert window.act.undo.isEnabled()
    _elsewhere(window.store.url, ahn, {"bio": "Theirs"})

    with qtbot.waitSignal(window.workspace.failed) as failed:
        window.act.undo.trigger()
    assert "cannot be undone" in str(failed.args[0])
    with window.store.session() as session:
        assert session.get_one(Person, ahn).bio == "Theirs"
    assert window.workspace.undo_stack.count() == 0
    assert not window.act.undo.isEnabled()

    window.editor.apply_edit(ahn, {"bio": "Mine again"})  # my own changes undo as before
    window.act.undo.trigger()
    with window.store.session() as session:
        assert session.get_one(Person, ahn).bio == "Theirs"


def _member(window: MainWindow) -> tuple[int, int]:
    """A delegation and one of its members (a person), as the sample has them."""
    with window.store.session() as session:
        member = session.scalars(select(DelegationMember).order_by(DelegationMember.id)).first()
        assert member is not None
        return member.delegation_id, member.person_id


def test_a_form_on_a_delegation_hears_that_someone_deleted_its_member(window: MainWindow) -> None:
    """Deleting a person took them off the delegation: a change of it, which a save from a
    form read before must not undo by writing its old members back (issue 16)."""
    delegation, person = _member(window)
    form, _model = window.editor.form_for_record(delegation)
    form.inputs["name"].set_value("Renamed in the form")
    with Store.at(window.store.url) as other, other.session() as session:
        delete_record(session, person)

    assert not window.editor.submit_edit(delegation, form)
    banner = form.findChild(ConflictBanner)
    assert isinstance(banner, ConflictBanner) and banner.isVisibleTo(form)
    assert "changed this record at " in banner.message.text()
    with window.store.session() as session:
        assert person not in [m.person_id for m in session.get_one(Delegation, delegation).members]


def test_deleting_a_member_in_ones_own_window_leaves_ones_own_edits_undoable(
    window: MainWindow,
) -> None:
    """The delete saves the delegation again; the window knows that save is its own, so
    undoing the delete and then the delegation's edit is refused by nothing."""
    delegation, person = _member(window)
    window.editor.apply_edit(delegation, {"name": "Renamed here"})
    window.editor.apply_delete(person)
    with window.store.session() as session:
        assert person not in [m.person_id for m in session.get_one(Delegation, delegation).members]
    failed: list[str] = []
    window.workspace.failed.connect(failed.append)
    window.act.undo.trigger()
    window.act.undo.trigger()
    window.act.redo.trigger()
    assert failed == []
    with window.store.session() as session:
        found = session.get_one(Delegation, delegation)
        assert found.name == "Renamed here" and person in [m.person_id for m in found.members]
    assert window.workspace.undo_stack.count() == 2
