"""The forms' level pickers, the question before a raise that drags children up, and undo."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import (
    BargainingChip,
    Citation,
    Event,
    FieldLevel,
    MeetingBrief,
    Person,
    Source,
)
from briefing.domain.fields import GROUPS
from briefing.store.edits import level_key
from briefing.ui.forms import FormDialog
from briefing.ui.main_window import MainWindow
from briefing.ui.views.chips import ChipsPage
from tests.ui.conftest import listed

LNG = "Participation in, and financing of, the Alaska LNG project"
"""A Confidential chip of the sample, worth $44 bn."""
TWO_PLUS_TWO = "Korea–US “2+2” trade and economic consultations"
"""An Internal event of the sample with two delegations, a Confidential brief and points."""


def _chip(window: MainWindow, title: str = LNG) -> int:
    with window.store.session() as session:
        return session.scalars(select(BargainingChip.id).where(BargainingChip.title == title)).one()


def _pickers(form: FormDialog) -> dict[str, list[int]]:
    """Each level picker's key and the ranks it offers."""
    found = {}
    for name, field in form.inputs.items():
        if field.spec.kind == "level":
            combo = field.widget
            assert isinstance(combo, QComboBox)
            found[name] = [combo.itemData(i) for i in range(combo.count())]
    return found


def _levels(window: MainWindow, record_id: int) -> dict[str, int]:
    with window.store.session() as session:
        rows = session.scalars(select(FieldLevel).where(FieldLevel.record_id == record_id))
        return {row.field: row.handling for row in rows}


def test_every_protectable_field_has_a_picker_that_never_offers_below_the_record(
    window: MainWindow, qtbot: QtBot
) -> None:
    form, _model = window.editor.form_for_record(_chip(window))
    qtbot.addWidget(form)
    protectable = ("value_amount", "our_target", "our_minimum", "their_position", "notes")
    assert _pickers(form) == {level_key(name): [2, 3] for name in protectable}
    assert form.inputs[level_key("our_minimum")].value() == 2  # the chip's own level
    with window.store.session() as session:
        brief = session.scalars(select(MeetingBrief.id)).first()
        person = session.scalars(select(Person.id)).first()
    assert brief is not None and person is not None
    brief_form, _model = window.editor.form_for_record(brief)
    qtbot.addWidget(brief_form)
    assert set(_pickers(brief_form)) == {
        level_key(name)
        for name in ("desired_outcome", "our_objectives", "their_objectives", "notes")
    }
    person_form, _model = window.editor.form_for_record(person)
    qtbot.addWidget(person_form)
    assert set(_pickers(person_form)) == {level_key("notes")}


def test_a_picker_follows_the_records_level_up_and_keeps_its_own_when_it_comes_down(
    window: MainWindow, qtbot: QtBot
) -> None:
    form, _model = window.editor.form_for_record(_chip(window))
    qtbot.addWidget(form)
    minimum = form.inputs[level_key("our_minimum")]
    form.inputs["handling"].set_value(3)
    assert _pickers(form)[level_key("our_minimum")] == [3] and minimum.value() == 3
    form.inputs["handling"].set_value(1)
    assert _pickers(form)[level_key("our_minimum")] == [1, 2, 3]
    assert minimum.value() == 3, "lowering the record never lowers a field with it"


def test_a_field_level_saved_from_the_form_hides_the_field_and_undo_brings_it_back(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    chip = _chip(window)
    form, _model = window.editor.form_for_record(chip)
    qtbot.addWidget(form)
    form.inputs[level_key("our_minimum")].set_value(3)
    form.inputs[level_key("value_amount")].set_value(3)
    assert window.editor.save_edit(chip, form.values())
    assert _levels(window, chip) == {
        "our_minimum": 3,
        **dict.fromkeys(GROUPS["value_amount"], 3),
    }
    window.jump(chip)
    window.set_audience(2)
    page = window.pages["Bargaining chips"]
    assert isinstance(page, ChipsPage)
    qtmodeltester.check(page.model)
    row = next(r for r in listed(page.model) if r.id == chip)
    assert row.value == ""
    window.details.show_record(chip)
    confidential = window.details.browser.toPlainText()
    assert "\nOur minimum\n" not in confidential and "\nValue\n" not in confidential
    window.set_audience(3)
    window.details.show_record(chip)
    restricted = window.details.browser.toPlainText()
    value = restricted.split("\nValue\n", 1)[1].split("\n", 1)[0]
    assert value.startswith("(R) $44 bn – ")
    assert "(R) $44 bn" in [page.model.index(n, 6).data() for n in range(page.model.rowCount())]

    window.act.undo.trigger()
    assert _levels(window, chip) == {}
    window.set_audience(2)
    window.details.show_record(chip)
    assert "\nOur minimum\n" in window.details.browser.toPlainText()
    window.act.redo.trigger()
    assert _levels(window, chip)["our_minimum"] == 3


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def answer(
        _parent: object, _title: str, text: str, *args: object
    ) -> QMessageBox.StandardButton:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def _event_levels(window: MainWindow) -> dict[str, int]:
    with window.store.session() as session:
        event = session.scalars(select(Event).where(Event.title == TWO_PLUS_TWO)).one()
        return {
            "event": event.handling,
            "brief": event.brief.handling if event.brief else -1,
            **{d.display_name: d.handling for d in event.delegations},
        }


def test_raising_an_event_names_what_it_drags_up_and_cancel_saves_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with window.store.session() as session:
        event = session.scalars(select(Event.id).where(Event.title == TWO_PLUS_TWO)).one()
    before = _event_levels(window)
    form, _model = window.editor.form_for_record(event)
    qtbot.addWidget(form)
    form.inputs["handling"].set_value(3)

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.editor.save_edit(event, form.values())
    assert asked[0].startswith("Raising this event to Restricted also raises: ")
    assert f"Brief: {TWO_PLUS_TWO}" in asked[0]
    assert "US delegation – “2+2” consultations" in asked[0]
    assert _event_levels(window) == before
    assert not window.act.undo.isEnabled()

    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.editor.save_edit(event, form.values())
    assert set(_event_levels(window).values()) == {3}
    said = window.statusBar().currentMessage()
    assert said.startswith("Raised: ") and "raised from Confidential to Restricted" in said

    window.act.undo.trigger()
    assert _event_levels(window) == before
    window.act.redo.trigger()
    assert set(_event_levels(window).values()) == {3}


def test_a_records_level_that_raises_nothing_else_is_saved_without_a_question(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    with window.store.session() as session:
        source = session.scalars(select(Source.id)).first()
    assert source is not None
    assert window.editor.save_edit(source, {"handling": 3})
    assert asked == []
    with window.store.session() as session:
        assert session.get_one(Source, source).handling == 3


def test_a_citations_level_is_never_below_its_record_or_its_source(
    window: MainWindow, qtbot: QtBot
) -> None:
    chip = _chip(window)
    with window.store.session() as session:
        sources = session.scalars(select(Source).order_by(Source.id)).all()
        sources[1].handling = 3
        public, restricted = sources[0].id, sources[1].id
    form = window.editor.citation_form(chip)
    qtbot.addWidget(form)
    form.inputs["source_id"].set_value(public)
    assert _pickers(form) == {"handling": [2, 3]}
    assert form.inputs["handling"].value() == 2
    form.inputs["source_id"].set_value(restricted)
    assert _pickers(form) == {"handling": [3]}
    form.inputs["source_id"].set_value(public)
    form.inputs["handling"].set_value(3)
    form.inputs["excerpt"].set_value("a Restricted excerpt")
    window.editor.apply_add_citation(chip, form.values())
    with window.store.session() as session:
        citation = session.scalars(
            select(Citation).where(Citation.excerpt == "a Restricted excerpt")
        ).one()
        assert (citation.handling, citation.source_id) == (3, public)
        citation_id = citation.id
    window.set_audience(2)
    window.details.show_record(chip)
    assert "a Restricted excerpt" not in window.details.browser.toPlainText()
    window.set_audience(3)
    window.details.show_record(chip)
    assert "a Restricted excerpt" in window.details.browser.toPlainText()
    edit = window.editor.citation_edit_form(citation_id)
    qtbot.addWidget(edit)
    assert edit.inputs["handling"].value() == 3 and _pickers(edit) == {"handling": [2, 3]}


def test_undoing_a_citations_new_source_lowers_its_level_again(window: MainWindow) -> None:
    chip = _chip(window)
    with window.store.session() as session:
        citation = session.get_one(BargainingChip, chip).citations[0]
        before = (citation.source_id, citation.handling)
        other = session.scalars(select(Source).where(Source.id != citation.source_id)).first()
        assert other is not None
        other.handling = 3
        citation_id, other_id = citation.id, other.id

    def stored() -> tuple[int, int]:
        with window.store.session() as session:
            found = session.get_one(Citation, citation_id)
            return found.source_id, found.handling

    window.editor.apply_citation_edit(citation_id, {"source_id": other_id})
    assert stored() == (other_id, 3)
    assert "Citation of " in window.statusBar().currentMessage()
    window.act.undo.trigger()
    assert stored() == before
