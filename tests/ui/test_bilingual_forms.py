"""A bilingual field's Korean text in the record form (issue 18): its own editor beside
the English, declared once in the registry, and one level for both languages."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import FieldLevel, MeetingBrief, TalkingPoint
from briefing.store.edits import level_key
from briefing.ui.main_window import MainWindow


def test_the_brief_form_edits_the_korean_objectives_at_the_englishs_level(
    window: MainWindow, qtbot: QtBot
) -> None:
    with window.store.session() as session:
        brief = session.scalars(
            select(MeetingBrief).where(MeetingBrief.our_objectives_ko != "")
        ).first()
        assert brief is not None
        brief_id, korean = brief.id, brief.our_objectives_ko
    form, _model = window.editor.form_for_record(brief_id)
    qtbot.addWidget(form)
    editor = form.inputs["our_objectives_ko"]
    assert editor.spec.label.endswith("(한국어)")
    assert editor.value() == korean
    assert level_key("our_objectives_ko") not in form.inputs, "one picker for both"
    editor.set_value("- 7월 8일 이전 합의 확보.")
    form.inputs[level_key("our_objectives")].set_value(3)
    assert window.editor.save_edit(brief_id, form.values())
    with window.store.session() as session:
        rows = session.scalars(select(FieldLevel).where(FieldLevel.record_id == brief_id))
        levels = {row.field: (row.handling, json.loads(row.value)) for row in rows}
        assert levels["our_objectives_ko"] == (3, "- 7월 8일 이전 합의 확보.")
        assert levels["our_objectives"][0] == 3
        stored = session.get(MeetingBrief, brief_id)
        assert stored is not None and stored.our_objectives_ko == ""


def test_a_talking_point_form_has_its_korean_text(window: MainWindow, qtbot: QtBot) -> None:
    with window.store.session() as session:
        point = session.scalars(select(TalkingPoint).where(TalkingPoint.text_ko != "")).first()
        assert point is not None
        point_id, korean = point.id, point.text_ko
    form, _model = window.editor.form_for_record(point_id)
    qtbot.addWidget(form)
    assert form.inputs["text_ko"].value() == korean
    form.inputs["text_ko"].set_value("새 문안.")
    assert window.editor.save_edit(point_id, form.values())
    with window.store.session() as session:
        stored = session.get(TalkingPoint, point_id)
        assert stored is not None and stored.text_ko == "새 문안."
