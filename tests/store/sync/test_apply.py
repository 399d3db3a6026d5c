"""A merge's operations applied to a real database, on both backends.

The oracle is the engine's own plain :func:`~briefing.store.sync.operations.apply`: for
the records an operation list touches, the database read back as states must equal the
states before with the operations applied to them. Each applied record's version goes
up by one; an operation touching anything above the writer's clearance is refused and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from sqlalchemy import select

from briefing.domain import Citation, DelegationMember, FieldLevel, Record
from briefing.i18n import translator
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import change_record
from briefing.store.sync.apply import Refused, apply_operations
from briefing.store.sync.operations import (
    AddItem,
    CreateRecord,
    DeleteRecord,
    Operation,
    RemoveItem,
    Reorder,
    SetEntry,
    SetField,
    SetItemField,
    apply,
)
from briefing.store.sync.spec import EXCHANGE_SPEC, Shape
from briefing.store.sync.spec import Record as State
from briefing.store.sync.states import states
from tests.builders import cite, document, load

PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED = 0, 1, 2, 3

PEOPLE = [
    {
        "id": "person:ahn",
        "name": "Ahn Duk-geun",
        "party": "party:a",
        "bio": "Minister of trade",
        "notes": "Internal view of him",
        "aliases": ["An Deok-geun"],
        "citations": [cite(uid="cite:1"), cite(uid="cite:secret", credibility=1)],
        "field_handling": {"notes": "Internal"},
    },
    {"id": "person:kim", "name": "Kim Jung-kwan", "party": "party:a"},
    {"id": "person:yeo", "name": "Yeo Han-koo", "party": "party:b"},
    {"id": "person:secret", "handling": "Confidential", "name": "Withheld person"},
]
EVENTS = [
    {
        "id": "event:talks",
        "title": "Trade talks",
        "start_date": "2026-03-02",
        "participants": ["person:ahn", "person:secret"],
    }
]
DELEGATIONS = [
    {
        "id": "delegation:a",
        "party": "party:a",
        "event": "event:talks",
        "members": [
            {"person": "person:ahn", "role": "Head", "head": True},
            {"person": "person:secret", "role": "Adviser"},
            {"person": "person:kim", "role": "Deputy"},
        ],
    }
]
CHIPS = [
    {
        "id": "chip:steel",
        "title": "Steel quota",
        "party": "party:a",
        "sectors": ["steel"],
        "value": {"amount": 500, "currency": "USD", "note": "a year"},
        "our_minimum": "Keep 300",
        "field_handling": {"value": "Internal", "our_minimum": "Confidential"},
        "events": ["event:talks"],
    },
    {
        "id": "chip:hidden",
        "handling": "Restricted",
        "title": "Hidden chip",
        "party": "party:a",
    },
]


def _document() -> dict[str, Any]:
    doc = document("trip", people=PEOPLE, events=EVENTS, delegations=DELEGATIONS, chips=CHIPS)
    doc["version"] = 3
    doc["sources"].append({"id": "src:secret", "title": "Secret source", "handling": "Restricted"})
    doc["people"][0]["citations"][1]["handling"] = "Confidential"
    return doc


@pytest.fixture
def trip(empty_store: Store) -> Store:
    load(empty_store, _document())
    return empty_store


def _canonical(found: Mapping[str, State]) -> dict[str, Any]:
    """States as the merge compares them: sets and keyed items in key order, no stamps."""
    out: dict[str, Any] = {}
    for uid, state in found.items():
        fields: dict[str, Any] = {}
        for name, value in state.fields.items():
            declared = EXCHANGE_SPEC.of(state.kind, name)
            if declared.shape is Shape.STAMP:
                continue
            if declared.shape is Shape.SET:
                value = sorted(value)
            elif declared.shape is Shape.KEYED:
                value = sorted(value, key=lambda item: str(item[declared.key]))
            fields[name] = value
        out[uid] = (state.kind, fields)
    return out


def _versions(store: Store) -> dict[str, int]:
    with store.session() as session:
        rows = session.execute(select(Record.uid, Record.version))
        return dict(rows.all())


def _applied(
    store: Store, operations: Sequence[Operation], level: int = RESTRICTED
) -> list[Refused]:
    """Apply ``operations`` and check the database against the plain apply, and that each
    touched record that stays was saved once."""
    uids = {op.uid for op in operations}
    versions = _versions(store)
    with store.session() as session:
        before = states(session, find_dossier(session, "trip"), uids, level)
    with store.session() as session:
        refused = apply_operations(session, find_dossier(session, "trip"), operations, level)
    with store.session() as session:
        after = states(session, find_dossier(session, "trip"), uids, level)
    left = {id(r.operation) for r in refused}
    done = [op for op in operations if id(op) not in left]
    assert _canonical(after) == _canonical(apply(before, done))
    now = _versions(store)
    for uid in {op.uid for op in done} & now.keys():
        assert now[uid] == versions.get(uid, 0) + 1, uid
    return refused


def test_scalar_reference_and_protected_fields(trip: Store) -> None:
    assert not _applied(
        trip,
        [
            SetField("person:ahn", "name", "An Deok-geun"),
            SetField("person:ahn", "party", "party:b"),
            SetField("person:ahn", "notes", "New view"),
            SetField("chip:steel", "our_minimum", "Keep 250"),
            SetField("chip:steel", "kind", "ask"),
            SetField("event:talks", "start_date", "2026-04-01"),
            SetField("event:talks", "owner", "person:kim"),
        ],
    )
    with trip.session() as session:
        stored = session.scalars(select(FieldLevel).where(FieldLevel.field == "our_minimum"))
        assert [row.value for row in stored] == ['"Keep 250"']  # still in its protected row


def test_object_entries_and_field_levels(trip: Store) -> None:
    assert not _applied(
        trip,
        [
            SetEntry("chip:steel", "value", "amount", 450),
            SetEntry("chip:steel", "value", "currency", "EUR"),
            SetEntry("chip:steel", "field_handling", "our_target", "Confidential"),
            RemoveItem("chip:steel", "field_handling", "value"),
            SetEntry("person:ahn", "field_handling", "notes", "Confidential"),
        ],
    )


def test_aliases_sectors_participants_and_linked_events(trip: Store) -> None:
    assert not _applied(
        trip,
        [
            AddItem("person:ahn", "aliases", "Ahn", "Ahn"),
            RemoveItem("person:ahn", "aliases", "An Deok-geun"),
            AddItem("chip:steel", "sectors", "autos", "autos"),
            RemoveItem("chip:steel", "sectors", "steel"),
            RemoveItem("chip:steel", "events", "event:talks"),
            AddItem("event:talks", "participants", "person:kim", "person:kim"),
            RemoveItem("event:talks", "participants", "person:ahn"),
        ],
    )


def test_citations_added_removed_and_changed(trip: Store) -> None:
    new = {"id": "cite:2", "source": "src:good", "excerpt": "more", "locator": "p. 4"}
    item = {"handling": None, "stance": "supports", "credibility": 3, **new}
    assert not _applied(
        trip,
        [
            AddItem("person:kim", "citations", "cite:2", item),
            SetItemField("person:ahn", "citations", "cite:1", "excerpt", "requoted"),
            SetItemField("person:ahn", "citations", "cite:1", "stance", "disputes"),
            RemoveItem("person:ahn", "citations", "cite:secret"),
        ],
    )


def test_members_added_removed_changed_and_reordered(trip: Store) -> None:
    assert not _applied(
        trip,
        [
            AddItem(
                "delegation:a",
                "members",
                "person:yeo",
                {"person": "person:yeo", "role": "Note taker", "head": False},
                ("person:ahn", "person:yeo", "person:secret", "person:kim"),
            ),
            SetItemField("delegation:a", "members", "person:kim", "role", "Minister"),
            Reorder("delegation:a", "members", ("person:kim", "person:yeo", "person:ahn")),
        ],
    )
    assert not _applied(trip, [RemoveItem("delegation:a", "members", "person:ahn")])


def _state(store: Store, uid: str) -> dict[str, Any]:
    with store.session() as session:
        found = states(session, find_dossier(session, "trip"), [uid], RESTRICTED)
    return dict(found[uid].fields)


def test_create_with_references_and_citations_then_delete(trip: Store) -> None:
    """New records hold every field a merge sends (a side's whole state), naming one
    another in any order the list gives them."""
    person = {**_state(trip, "person:kim"), "name": "Park", "party": "party:b"}
    person |= {"aliases": ["Pak"], "field_handling": {"notes": "Internal"}, "notes": "n"}
    delegation = _state(trip, "delegation:a") | {
        "party": "party:b",
        "members": [{"person": "person:park", "role": "Head", "head": True}],
    }
    citation = {
        "id": "c",
        "source": "src:good",
        "handling": None,
        "excerpt": "x",
        "locator": "",
        "stance": "supports",
        "credibility": 3,
    }
    brief = {
        "handling": "Internal",
        "field_handling": {"our_objectives": "Confidential"},
        "notes": "",
        "aliases": [],
        "citations": [citation],
        "event": "event:talks",
        "purpose": "Agree the quota",
        "purpose_ko": "",
        "desired_outcome": "",
        "desired_outcome_ko": "",
        "run_of_meeting": "",
        "run_of_meeting_ko": "",
        "our_objectives": "Hold 300",
        "our_objectives_ko": "300 유지",
        "their_objectives": "",
        "their_objectives_ko": "",
        "created_at": person["created_at"],
    }
    assert not _applied(
        trip,
        [
            CreateRecord("brief:talks", "meeting_brief", brief),
            CreateRecord("delegation:b", "delegation", delegation),
            CreateRecord("person:park", "person", person),
        ],
    )
    assert not _applied(trip, [DeleteRecord("brief:talks"), DeleteRecord("person:yeo")])


# ------------------------------------------------ clearances


def _rows(store: Store) -> dict[str, Any]:
    """Everything an operation could change, with every version."""
    with store.session() as session:
        return {
            "records": session.execute(
                select(Record.uid, Record.version, Record.handling, Record.notes)
            ).all(),
            "fields": session.execute(select(FieldLevel.field, FieldLevel.value)).all(),
            "citations": session.execute(
                select(Citation.uid, Citation.excerpt, Citation.handling)
            ).all(),
            "members": session.execute(
                select(DelegationMember.person_id, DelegationMember.position)
            ).all(),
        }


@pytest.mark.parametrize(
    ("operation", "reason"),
    [
        (SetField("person:secret", "name", "X"), "not in the dossier"),
        (SetField("chip:hidden", "title", "X"), "not in the dossier"),
        (DeleteRecord("person:secret"), "not in the dossier"),
        (SetField("person:ahn", "handling", "Confidential"), "above your clearance"),
        (SetField("person:ahn", "notes", "overwritten"), "above your clearance"),
        (SetEntry("chip:steel", "value", "amount", 1), "above your clearance"),
        (RemoveItem("chip:steel", "field_handling", "value"), "above your clearance"),
        (SetEntry("chip:steel", "field_handling", "their_position", "Internal"), "clearance"),
        (RemoveItem("person:ahn", "citations", "cite:secret"), "above your clearance"),
        (SetItemField("person:ahn", "citations", "cite:secret", "excerpt", "x"), "clearance"),
        (
            AddItem("person:ahn", "citations", "cite:secret", {"source": "src:good"}),
            "above your clearance",
        ),
        (
            AddItem("person:kim", "citations", "cite:9", {"source": "src:secret"}),
            "not in the dossier",
        ),
        (RemoveItem("delegation:a", "members", "person:secret"), "no member"),
        (RemoveItem("event:talks", "participants", "person:secret"), "not in the dossier"),
        (SetField("person:ahn", "party", "chip:hidden"), "not in the dossier"),
        (DeleteRecord("person:ahn"), "you may not see"),  # a citation above the writer
        (DeleteRecord("party:a"), "you may not see"),  # the hidden chip names it
        (DeleteRecord("event:talks"), "you may not see"),  # its hidden participant
        (CreateRecord("chip:hidden", "bargaining_chip", {"title": "Over it"}), "clearance"),
        (
            CreateRecord("person:new", "person", {"name": "N", "handling": "Confidential"}),
            "above your clearance",
        ),
    ],
)
def test_what_is_above_the_writer_is_refused_and_unchanged(
    trip: Store, operation: Operation, reason: str
) -> None:
    before = _rows(trip)
    with trip.session() as session:
        refused = apply_operations(session, find_dossier(session, "trip"), [operation], PUBLIC)
    assert [r.operation for r in refused] == [operation]
    assert reason in str(refused[0].reason)
    assert "\n" not in str(refused[0].reason)
    assert _rows(trip) == before


def test_a_reorder_keeps_a_hidden_member_in_its_place(trip: Store) -> None:
    """Ahn, [secret], Kim reordered by a Public writer to Kim, Ahn: the hidden adviser
    stays second, and the writer's order holds around it."""
    with trip.session() as session:
        dossier = find_dossier(session, "trip")
        refused = apply_operations(
            session,
            dossier,
            [Reorder("delegation:a", "members", ("person:kim", "person:ahn"))],
            PUBLIC,
        )
        assert refused == []
    with trip.session() as session:
        rows = session.execute(
            select(Record.uid)
            .join(DelegationMember, DelegationMember.person_id == Record.id)
            .order_by(DelegationMember.position)
        ).scalars()
        assert list(rows) == ["person:kim", "person:secret", "person:ahn"]


def test_refused_and_applied_operations_in_one_list(trip: Store) -> None:
    """A refused operation leaves the others applied."""
    refused = _applied(
        trip,
        [
            SetField("person:kim", "name", "Kim J."),
            SetField("person:secret", "name", "X"),
            SetField("person:yeo", "bio", "Trade negotiator"),
        ],
        PUBLIC,
    )
    assert [r.operation.uid for r in refused] == ["person:secret"]


def test_a_record_a_delete_took_with_it_is_gone_for_the_rest_of_the_list(trip: Store) -> None:
    """Deleting the talks takes their brief: a later change to the brief is refused, not
    written to a row that is no longer there."""
    brief = {"event": "event:talks", "purpose": "Agree", "handling": "Public"}
    with trip.session() as session:
        dossier = find_dossier(session, "trip")
        created = CreateRecord("brief:talks", "meeting_brief", brief)
        assert apply_operations(session, dossier, [created], RESTRICTED) == []
    later = SetField("brief:talks", "purpose", "Too late")
    operations = [
        SetField("brief:talks", "purpose", "Agree the quota"),
        DeleteRecord("event:talks"),
        later,
    ]
    with trip.session() as session:
        refused = apply_operations(session, find_dossier(session, "trip"), operations, RESTRICTED)
    assert [r.operation for r in refused] == [later]
    assert "not in the dossier" in str(refused[0].reason)
    assert "brief:talks" not in _versions(trip)


def test_a_text_citing_a_hidden_source_is_not_overwritten_by_a_writer_who_cannot_see_it(
    trip: Store,
) -> None:
    """The traveller's copy of Kim's bio never held the reference to the Restricted
    source, so a save of the bio from it would delete the reference: refused, and a
    writer cleared for the source may still change the text."""
    with trip.session() as session:
        kim = session.scalars(select(Record.id).where(Record.uid == "person:kim")).one()
        change_record(session, kim, {"bio": "Trade envoy [[src:secret]], see [[src:good]]"})
    before = _rows(trip)
    edit = SetField("person:kim", "bio", "Trade envoy, see [[src:good]]")
    with trip.session() as session:
        refused = apply_operations(session, find_dossier(session, "trip"), [edit], INTERNAL)
    assert [r.operation for r in refused] == [edit]
    assert "cites a source above your clearance" in str(refused[0].reason)
    assert _rows(trip) == before
    assert not _applied(trip, [edit], RESTRICTED)


@pytest.mark.parametrize(
    ("operation", "english", "korean"),
    [
        (
            SetField("person:kim", "party", "event:talks"),
            "event:talks is a record of kind event, not party",
            "event:talks은(는) 일정 유형 항목이며, 당사자 유형이 아닙니다",
        ),
        (
            AddItem("person:kim", "sectors", "steel", {}),
            "person:kim: a record of kind person has no Sectors",
            "person:kim: 인물 유형 항목에는 분야이(가) 없습니다",
        ),
        (
            SetField("person:kim", "name", 7),
            "person:kim: Name (romanized) cannot be 7 (the value should be text)",
            "person:kim: 이름(로마자)은(는) 7일 수 없습니다(값은 텍스트여야 합니다)",
        ),
    ],
)
def test_a_refusal_is_said_in_the_readers_language_kinds_included(
    trip: Store, operation: Operation, english: str, korean: str
) -> None:
    """Why an operation was refused is its message and arguments, not English text: the
    kinds it names and the schema's words are the reader's, in Korean as in English."""
    with trip.session() as session:
        (refused,) = apply_operations(session, find_dossier(session, "trip"), [operation], PUBLIC)
    assert refused.reason.said(translator("en").gettext) == english
    assert refused.reason.said(translator("ko").gettext) == korean
