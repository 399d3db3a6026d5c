"""What staff do in the window: search, edit and undo, audiences, checks, files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import Event, Person, Source
from briefing.ui import workspace as workspace_module
from briefing.ui.forms import FormDialog, fields_for
from briefing.ui.main_window import MainWindow
from briefing.ui.table_model import ID_ROLE
from briefing.ui.views.checks import ChecksPage
from briefing.ui.views.delegations import DelegationsPage
from briefing.ui.views.people import PeoplePage
from briefing.ui.views.timeline import TimelinePage
from tests.conftest import file_digest
from tests.ui.conftest import checks_done, listed


def _person_id(window: MainWindow, name: str) -> int:
    with window.store.session() as session:
        return session.scalars(select(Person.id).where(Person.name == name)).one()


def test_search_by_alias_finds_and_jumps(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    window.act.find.trigger()
    assert window.search.hasFocus()
    hits = window.search.run_query("An Deok-geun")
    assert [h.title for h in hits][:1] == ["Ahn Duk-geun"]
    qtmodeltester.check(window.search.hits_model)
    assert window.search.results()[0][0] == "Person · Ahn Duk-geun"
    with qtbot.waitSignal(window.search.chosen):
        window.search.returnPressed.emit()
    assert window.current_page() == "People"
    assert "Ahn Duk-geun" in window.details.browser.toPlainText()
    assert "An Deok-geun" in window.details.browser.toPlainText()


def test_the_drop_down_keeps_the_store_s_order(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    """Searching the central meeting's name shows it first, as the store ranks it: the
    drop-down re-sorted hits by kind, which put people and parties above it."""
    window.act.find.trigger()
    hits = window.search.run_query("2+2")
    qtmodeltester.check(window.search.hits_model)
    shown = window.search.results()
    assert shown[0][0] == "Event · Korea–US “2+2” trade and economic consultations"
    assert [record_id for _text, record_id in shown] == [hit.record_id for hit in hits]
    kinds = [text.split(" · ")[0] for text, _id in shown]
    assert len(set(kinds)) > 3
    with qtbot.waitSignal(window.search.chosen):
        window.search.returnPressed.emit()
    assert window.current_page() == "Timeline"


def test_edit_is_saved_undone_and_redone(window: MainWindow) -> None:
    ahn = _person_id(window, "Ahn Duk-geun")
    window.jump(ahn)
    window.editor.apply_edit(ahn, {"name": "Ahn Dukgeun", "bio": "Edited biography"})

    def stored() -> tuple[str, str]:
        with window.store.session() as session:
            person = session.get_one(Person, ahn)
            return person.name, person.bio

    assert stored() == ("Ahn Dukgeun", "Edited biography")
    people = window.pages["People"]
    assert isinstance(people, PeoplePage)
    assert "Ahn Dukgeun" in [r.name for r in listed(people.model)]
    assert window.act.undo.isEnabled()

    window.act.undo.trigger()
    assert stored()[0] == "Ahn Duk-geun"
    assert "Ahn Duk-geun" in [r.name for r in listed(people.model)]
    window.act.redo.trigger()
    assert stored() == ("Ahn Dukgeun", "Edited biography")


def test_delete_asks_naming_dependents_and_undo_restores(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahn = _person_id(window, "Ahn Duk-geun")
    asked: list[str] = []

    def answer(
        _parent: object, _title: str, text: str, *args: object
    ) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.jump(ahn)
    window.act.delete.trigger()
    assert "Ahn Duk-geun" in asked[0] and "appointment" in asked[0] and "citation" in asked[0]
    with window.store.session() as session:
        assert session.get(Person, ahn) is None
    window.act.undo.trigger()
    with window.store.session() as session:
        person = session.get_one(Person, ahn)
        assert person.appointments and person.citations
    window.search.run_query("Deok")
    assert any(record_id == ahn for _text, record_id in window.search.results())


def test_new_record_and_citation_can_be_undone(window: MainWindow) -> None:
    new_id = window.editor.apply_new(
        "person", {"name": "Yeo Han-koo", "native_name": "여한구", "handling": 1}
    )
    window.jump(new_id)
    assert "여한구" in window.details.browser.toPlainText()
    with window.store.session() as session:
        source_id = session.scalars(select(Source.id)).first()
    window.editor.apply_add_citation(
        new_id, {"source_id": source_id, "excerpt": "quoted", "credibility": 2}
    )
    assert "“quoted”" in window.details.browser.toPlainText()
    window.act.undo.trigger()
    assert "“quoted”" not in window.details.browser.toPlainText()
    window.act.undo.trigger()
    with window.store.session() as session:
        assert session.get(Person, new_id) is None
    window.act.redo.trigger()
    with window.store.session() as session:
        assert session.get_one(Person, new_id).native_name == "여한구"


def _event_form(window: MainWindow) -> FormDialog:
    with window.store.session() as session:
        fields = fields_for(session, Event, window.workspace.dossier_id, [("Internal", 1)])
    return FormDialog("New event", fields, {}, window)


def test_bad_date_is_refused_with_its_message(window: MainWindow, qtbot: QtBot) -> None:
    form = _event_form(window)
    qtbot.addWidget(form)
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert "title is missing" in form.inputs["title"].error.text()
    form.inputs["title"].set_value("Trade talks")
    form.inputs["start_date"].widget.setText("2025-02-30")  # type: ignore[attr-defined]
    assert "is not a date" in form.inputs["start_date"].error.text()
    assert not ok.isEnabled()
    form.inputs["start_date"].widget.setText("2025-04-24")  # type: ignore[attr-defined]
    form.inputs["end_date"].widget.setText("2025-04-20")  # type: ignore[attr-defined]
    assert "before it starts" in form.inputs["end_date"].error.text()
    assert not ok.isEnabled()
    form.inputs["end_date"].widget.setText("2025-04-25")  # type: ignore[attr-defined]
    form.inputs["timezone"].widget.setText("Mars/Olympus")  # type: ignore[attr-defined]
    assert "IANA" in form.inputs["timezone"].error.text()
    form.inputs["timezone"].widget.setText("Asia/Seoul")  # type: ignore[attr-defined]
    assert ok.isEnabled()


def test_audience_selector_hides_a_restricted_record_everywhere(
    window: MainWindow, qtbot: QtBot
) -> None:
    secret = window.editor.apply_new("person", {"name": "Secret Envoy Zeta", "handling": 3})
    window.jump(secret)
    people = window.pages["People"]
    assert isinstance(people, PeoplePage)
    assert "Secret Envoy Zeta" in [r.name for r in listed(people.model)]
    assert window.search.run_query("Zeta")
    counted = window.status_counts.text()

    window.set_audience(2)  # Confidential audience
    assert "Secret Envoy Zeta" not in [r.name for r in listed(people.model)]
    assert window.search.run_query("Zeta") == []
    assert window.status_counts.text() != counted and "10 people" not in window.status_counts.text()
    assert window.details.record_id is None and "Zeta" not in window.details.browser.toPlainText()
    checks = window.show_page("Checks")
    assert isinstance(checks, ChecksPage)
    checks_done(qtbot, window)
    assert listed(checks.model) and all(f.record_id != secret for f in listed(checks.model))
    overview = window.show_page("Overview")
    assert "Zeta" not in overview.browser.toPlainText()  # type: ignore[attr-defined]
    # the sample's own Restricted talking point is gone from its chip's details too
    window.set_audience(3)
    window.search.run_query("walk-away")
    restricted_hits = window.search.results()
    window.set_audience(2)
    window.search.run_query("walk-away")
    assert len(window.search.results()) < len(restricted_hits)


def test_checks_page_lists_findings_and_jumps(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("Checks")
    assert isinstance(page, ChecksPage)
    checks_done(qtbot, window)
    messages = [f.message for f in listed(page.model)]
    assert any("Katherine Tai" in m for m in messages)
    assert any(f.check == "disputed" and "Defence" in f.record_name for f in listed(page.model))
    row = next(i for i, f in enumerate(listed(page.model)) if f.check == "disputed")
    page.table.activated.emit(page.model.index(row, 0))
    assert window.current_page() == "Bargaining chips"
    assert "DISPUTED" in window.details.browser.toPlainText()


@pytest.mark.sqlite_only("compares the database file's bytes")
def test_importing_a_bad_file_shows_the_error_and_changes_nothing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"format": "briefing-dossier", "version": 1, "dossier": {"slug": "x"}}),
        encoding="utf-8",
    )
    path = window.store.path
    assert path is not None
    before = file_digest(path)
    assert window.files.import_dossier(str(bad)) is None
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == "errorDialog" and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog")
    assert isinstance(dialog, QMessageBox)
    assert (
        "handling_levels" in dialog.text()
        and "Nothing in the database was changed" in dialog.text()
    )
    dialog.close()
    assert file_digest(path) == before


def test_layout_and_last_view_persist(window: MainWindow, qtbot: QtBot) -> None:
    window.show_page("Sources")
    window.close()
    again = MainWindow(window.store, window.settings)
    qtbot.addWidget(again)
    assert again.current_page() == "Sources"
    assert again.workspace.dossier()[0] == "kr-us-trade-2025"


def test_moving_through_a_list_shows_details_and_activating_opens_the_page(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.show_page("Delegations")
    assert isinstance(page, DelegationsPage)
    tree, model = page.tree, page.model
    event_row = model.index(0, 0)
    tree.setCurrentIndex(event_row)  # an event: shown in details, the tree stays
    assert window.current_page() == "Delegations"
    title = str(event_row.data()).split(" — ", 1)[1]
    assert title in window.details.browser.toPlainText()
    tree.activated.emit(event_row)  # Enter or a double click opens it on its own page
    assert window.current_page() == "Timeline"
    timeline = window.pages["Timeline"]
    assert isinstance(timeline, TimelinePage)
    assert timeline.current_id() == event_row.data(ID_ROLE)


def test_checks_that_fail_in_their_process_say_so_in_the_status_bar(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = Path(__file__).with_name("failing_checks.py")
    monkeypatch.setattr(workspace_module, "CHECKS_COMMAND", [sys.executable, str(failing)])
    window.workspace.changed.emit()  # the data changed: the checks run again, and fail
    with qtbot.waitSignal(window.workspace.failed, timeout=30_000) as failed:
        window.workspace.findings()
    assert "busy" in failed.args[0]
    assert "The checks did not run" in window.statusBar().currentMessage()
