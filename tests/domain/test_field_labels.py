"""Every field's label is in the catalogue, so a message naming a field says it in the
reader's words (a sync's refusal in a Korean window)."""

from __future__ import annotations

from briefing.domain.declarations import KOREAN_MARK
from briefing.domain.registry import KINDS
from briefing.domain.words import COMMON_FIELDS, FIELD_LABELS, KIND_WORDS, field_word, kind_word
from briefing.i18n import translator

KOREAN = translator("ko").gettext


def test_every_label_the_registry_declares_is_listed_for_the_catalogue() -> None:
    declared = {
        field.label.removesuffix(KOREAN_MARK)
        for kind in KINDS
        for field in (*kind.fields, *kind.links)
    }
    assert declared | set(COMMON_FIELDS.values()) <= set(FIELD_LABELS), sorted(
        declared - set(FIELD_LABELS)
    )


def test_every_kind_has_its_word() -> None:
    assert set(KIND_WORDS) == {kind.name for kind in KINDS}


def test_fields_and_kinds_are_named_in_korean_by_their_labels() -> None:
    assert field_word("bargaining_chip", "sectors").said(KOREAN) == "분야"
    assert field_word("bargaining_chip", "value_amount").said(KOREAN) == "규모"
    assert field_word("bargaining_chip", "value.amount").said(str) == "Value"
    assert field_word("person", "notes").said(KOREAN) == "비고"
    assert field_word("meeting_brief", "purpose_ko").said(KOREAN) == "목적 (한국어)"
    assert field_word("person", "from_a_newer_briefing").said(KOREAN) == "from_a_newer_briefing"
    assert kind_word("meeting_brief").said(KOREAN) == "회담 자료"
    assert kind_word("future_kind").said(KOREAN) == "future_kind"
