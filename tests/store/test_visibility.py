"""The one filter's rules: floors under children, protected fields in rows of their own."""

from __future__ import annotations

import json

from sqlalchemy import select

from briefing.domain import BargainingChip, Citation, Delegation, Event, FieldLevel, MeetingBrief
from briefing.store.db.database import Store
from briefing.store.visibility import (
    below_parents,
    field,
    field_level,
    raised_messages,
    set_field,
    set_field_level,
)
from tests.builders import cite, document, load

RESTRICTED, INTERNAL = "Restricted", "Internal"


def _talks(**event: object) -> dict[str, object]:
    return {
        "id": "e:talks",
        "title": "Secret talks",
        "kind": "meeting",
        "start_date": "2025-04-24",
        **event,
    }


def test_import_raises_a_brief_and_an_unnamed_delegation_to_their_event(
    empty_store: Store,
) -> None:
    """The case that started the clearance work: children labelled from a Restricted event."""
    load(
        empty_store,
        document(
            events=[_talks(handling=RESTRICTED)],
            meeting_briefs=[{"id": "b:1", "event": "e:talks", "handling": INTERNAL}],
            delegations=[
                {"id": "d:1", "event": "e:talks", "party": "party:a", "handling": INTERNAL}
            ],
        ),
    )
    with empty_store.session() as session:
        brief = session.scalars(select(MeetingBrief)).one()
        delegation = session.scalars(select(Delegation)).one()
        assert brief.handling == 3
        assert delegation.handling == 3


def test_a_citation_is_never_below_its_record_or_source(empty_store: Store) -> None:
    doc = document(events=[_talks(handling=INTERNAL, citations=[cite()])])
    doc["sources"][0]["handling"] = "Confidential"
    load(empty_store, doc)
    with empty_store.session() as session:
        citation = session.scalars(select(Citation)).one()
        assert citation.handling == 2


def test_raising_a_parent_raises_its_children_on_save_and_says_so(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            events=[_talks(handling=INTERNAL)],
            meeting_briefs=[{"id": "b:1", "event": "e:talks", "handling": INTERNAL}],
        ),
    )
    with empty_store.session() as session:
        event = session.scalars(select(Event)).one()
        assert [r.uid for r in below_parents(session, event, 3)] == ["b:1"]
        event.handling = 3
        session.flush()
        messages = raised_messages(session)
        brief = session.scalars(select(MeetingBrief)).one()
        assert brief.handling == 3
    assert messages == [
        "Meeting brief b:1 raised from Internal to Restricted: it is built from Event "
        "e:talks, handled Restricted"
    ]


def test_a_protected_field_leaves_the_records_column(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            chips=[
                {
                    "id": "c:1",
                    "title": "Tariff cut",
                    "party": "party:a",
                    "handling": INTERNAL,
                    "our_minimum": "walk away below 15%",
                    "value": {"amount": 350, "currency": "USD", "note": "bn"},
                }
            ]
        ),
    )
    with empty_store.session() as session:
        chip = session.scalars(select(BargainingChip)).one()
        set_field_level(chip, "our_minimum", 3)
        set_field_level(chip, "value_amount", 2)
        session.flush()
        assert chip.our_minimum == ""
        assert chip.value_amount is None
        stored = {f.field: (f.handling, json.loads(f.value)) for f in chip.field_levels}
        assert stored == {
            "our_minimum": (3, "walk away below 15%"),
            "value_amount": (2, 350),
            "value_currency": (2, "USD"),
            "value_note": (2, "bn"),
        }
        assert field(chip, "our_minimum", 2) is None
        assert field(chip, "our_minimum", 3) == field(chip, "our_minimum", 10)
        shown = field(chip, "value_amount", 2)
        assert shown is not None and (shown.value, shown.level) == (350, 2)
        assert field(chip, "value_note", 1) is None, "the note goes with its amount"
        assert field(chip, "title", 0) is None, "the record itself is Internal"
        set_field(chip, "our_minimum", "walk away below 12%")
        assert field_level(chip, "our_minimum") == 3
        set_field_level(chip, "our_minimum", None)
        session.flush()
        assert chip.our_minimum == "walk away below 12%"
        assert set(session.scalars(select(FieldLevel.field))) == {
            "value_amount",
            "value_currency",
            "value_note",
        }


def test_a_field_below_its_raised_record_is_raised_with_it(empty_store: Store) -> None:
    load(empty_store, document(chips=[{"id": "c:1", "title": "Cut", "party": "party:a"}]))
    with empty_store.session() as session:
        chip = session.scalars(select(BargainingChip)).one()
        set_field_level(chip, "notes", 1)
        session.flush()
        chip.handling = 2
        session.flush()
        assert [f.handling for f in chip.field_levels] == [2]


def test_a_chips_value_is_protected_as_one(empty_store: Store) -> None:
    """Amount, currency and note share one level: a file, a form and the book's value line
    state one level for them, so a note protected alone would be lost on export."""
    load(
        empty_store,
        document(
            chips=[
                {
                    "id": "c:1",
                    "title": "Cut",
                    "party": "party:a",
                    "value": {"amount": 350, "currency": "USD", "note": "bn"},
                }
            ]
        ),
    )
    with empty_store.session() as session:
        chip = session.scalars(select(BargainingChip)).one()
        set_field_level(chip, "value_note", 2)
        session.flush()
        assert {f.field: f.handling for f in chip.field_levels} == {
            "value_amount": 2,
            "value_currency": 2,
            "value_note": 2,
        }
        assert (chip.value_amount, chip.value_currency, chip.value_note) == (None, "", "")
        set_field_level(chip, "value_amount", None)
        session.flush()
        assert chip.field_levels == []
        assert (chip.value_amount, chip.value_currency, chip.value_note) == (350, "USD", "bn")
