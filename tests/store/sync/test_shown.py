"""A travel copy's conflicts as the Conflicts page shows them (issue 16): the record by
the name the copy gives it (its uid once the copy has none), the place, both values as
readable text, who changed it on the server, why the server refused, and what an edit
starts from."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from briefing.domain import Person, TravelConflict
from briefing.domain.words import field_word, kind_word
from briefing.errors import Phrase
from briefing.i18n import translator
from briefing.store.db.database import Store
from briefing.store.sync.apply_items import HAS_NO
from briefing.store.sync.apply_records import ALREADY_HIDDEN
from briefing.store.sync.conflicts import Found, keep
from briefing.store.sync.operations import Conflict, ConflictType
from briefing.store.sync.shown import ABSENT, place, readable, shown
from briefing.store.sync.spec import MISSING
from briefing.store.sync.spec import Record as State

pytestmark = pytest.mark.sqlite_only

AT = dt.datetime(2026, 12, 5, 16, 20)
ENGLISH = translator("en").gettext
KOREAN = translator("ko").gettext


def test_text_reads_as_it_is_and_anything_else_as_compact_json() -> None:
    assert readable("Met at the airport\non Tuesday", ENGLISH) == "Met at the airport\non Tuesday"
    assert readable(MISSING, ENGLISH) == readable(None, ENGLISH) == ABSENT
    assert readable(12, ENGLISH) == "12"
    assert readable(["b", "a"], ENGLISH) == '["b", "a"]'
    assert readable({"page": "12", "note": "é"}, ENGLISH) == '{"note": "é", "page": "12"}'
    assert readable(State("person", {"name": "Ann"}), ENGLISH) == "the whole person"


def test_each_conflict_shows_its_record_place_values_and_the_servers_word(
    store: Store,
) -> None:
    with store.session() as session:
        person = session.scalars(select(Person).order_by(Person.id)).first()
        assert person is not None
        uid, name = person.uid, person.display_name
        found = [
            Found(
                Conflict(uid, "person", ConflictType.EDIT_EDIT, "A", "Ours", "Theirs", "bio"),
                theirs_by="rls_confidential",
                theirs_at=AT,
            ),
            Found(
                Conflict(
                    uid, "person", ConflictType.EDIT_EDIT, [], ["x"], ["y"], "sectors", key="k"
                ),
            ),
            Found(
                Conflict(
                    "gone-1", "person", ConflictType.EDIT_DELETE, None, None, State("person", {})
                ),
                reason=Phrase(ALREADY_HIDDEN, uid="gone-1"),
            ),
        ]
        keep(session, "sync-1", found, AT)
    with store.session() as session:
        text, listed_set, refused = shown(session, ENGLISH)
    assert (text.record, text.place, text.mine, text.theirs) == (
        name,
        "Short biography",
        "Ours",
        "Theirs",
    )
    assert text.changed == "rls_confidential, 2026-12-05 16:20 UTC" and text.reason == ""
    assert text.draft == "Theirs"
    assert (listed_set.place, listed_set.mine, listed_set.draft) == ("Sectors · k", '["x"]', None)
    assert listed_set.changed == ""
    assert (refused.record, refused.place, refused.mine, refused.theirs) == (
        "gone-1",
        "the whole record",
        ABSENT,
        "the whole person",
    )
    assert refused.reason == (
        "the server refused it: gone-1 is already in the dossier, above your clearance"
    )
    assert refused.draft is None


def test_a_conflicts_place_is_said_in_the_readers_words() -> None:
    """Fields by their labels, an item by its key (data), a list's order as a word: the
    codes ("bio", "members") are the exchange file's, not the reader's."""
    item = Conflict(
        "p-1", "person", ConflictType.EDIT_EDIT, {}, {}, {}, "citations", "c-2", "stance"
    )
    order = Conflict("d-1", "delegation", ConflictType.REORDER, [], [], [], "members", order=True)
    whole = Conflict("p-1", "person", ConflictType.DELETE_EDIT, None, None, None)
    assert place(item, ENGLISH) == "Citations · c-2 · Stance"
    assert place(order, ENGLISH) == "Members (in order) · order"
    assert place(item, KOREAN) == "인용 · c-2 · 입장"
    assert place(order, KOREAN).endswith(" · 순서") and "members" not in place(order, KOREAN)
    assert place(whole, KOREAN) == KOREAN("the whole record") != "the whole record"


def test_a_kind_is_named_in_the_readers_words() -> None:
    assert readable(State("bargaining_chip", {}), ENGLISH) == "the whole bargaining chip"
    assert readable(State("bargaining_chip", {}), KOREAN) == "협상 카드 항목 전체"
    assert readable(State("person", {"name": "Ann"}), KOREAN) == "인물 항목 전체"


def test_a_refusal_kept_is_said_in_the_language_it_is_shown_in(store: Store) -> None:
    """The server's reason is kept as its message and arguments, the kind among them, so
    a Korean window says all of it in Korean, whatever language the sync ran in."""
    conflict = Conflict("c-1", "bargaining_chip", ConflictType.EDIT_EDIT, [], ["x"], [], "members")
    reason = Phrase(
        HAS_NO,
        uid="c-1",
        kind=kind_word("bargaining_chip"),
        field=field_word("delegation", "members"),
    )
    with store.session() as session:
        keep(session, "sync-1", [Found(conflict, reason=reason)], AT)
    with store.session() as session:
        (english,) = shown(session, ENGLISH)
        (korean,) = shown(session, KOREAN)
    assert (
        english.reason
        == "the server refused it: c-1: a record of kind bargaining chip has no Members (in order)"
    )
    assert (
        korean.reason
        == "서버가 거부했습니다: c-1: 협상 카드 유형 항목에는 구성원(서열순)이(가) 없습니다"
    )


def test_a_reason_kept_before_it_was_translatable_reads_as_it_was(store: Store) -> None:
    """A conflict kept by an earlier Briefing holds its reason as English text (no
    arguments): it is shown as it is, braces and all, in any language."""
    with store.session() as session:
        keep(
            session,
            "sync-1",
            [
                Found(
                    Conflict("x-1", "person", ConflictType.EDIT_EDIT, None, 1, None, "bio"),
                    reason=Phrase("unused"),
                )
            ],
            AT,
        )
        row = session.scalars(select(TravelConflict)).one()
        row.reason, row.reason_arguments = "x-1: bio cannot be {'a': 1}", None
    with store.session() as session:
        (korean,) = shown(session, KOREAN)
    assert korean.reason == "서버가 거부했습니다: x-1: bio cannot be {'a': 1}"
