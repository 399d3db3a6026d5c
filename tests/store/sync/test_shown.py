"""A travel copy's conflicts as the Conflicts page shows them (issue 16): the record by
the name the copy gives it (its uid once the copy has none), the place, both values as
readable text, who changed it on the server, why the server refused, and what an edit
starts from."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from briefing.domain import Person
from briefing.i18n import translator
from briefing.store.db.database import Store
from briefing.store.sync.conflicts import Found, keep
from briefing.store.sync.operations import Conflict, ConflictType
from briefing.store.sync.shown import ABSENT, readable, shown
from briefing.store.sync.spec import MISSING
from briefing.store.sync.spec import Record as State

pytestmark = pytest.mark.sqlite_only

AT = dt.datetime(2026, 12, 5, 16, 20)
ENGLISH = translator("en").gettext


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
                reason="above your clearance",
            ),
        ]
        keep(session, "sync-1", found, AT)
    with store.session() as session:
        text, listed_set, refused = shown(session, ENGLISH)
    assert (text.record, text.place, text.mine, text.theirs) == (name, "bio", "Ours", "Theirs")
    assert text.changed == "rls_confidential, 2026-12-05 16:20 UTC" and text.reason == ""
    assert text.draft == "Theirs"
    assert (listed_set.place, listed_set.mine, listed_set.draft) == ("sectors · k", '["x"]', None)
    assert listed_set.changed == ""
    assert (refused.record, refused.place, refused.mine, refused.theirs) == (
        "gone-1",
        "the whole record",
        ABSENT,
        "the whole person",
    )
    assert refused.reason == "the server refused it: above your clearance"
    assert refused.draft is None
