"""A field withheld from the traveller, in a travel copy (issue 16): the copy holds its
blank, which a sync never sends; a value the traveller types there is sent, refused by the
server and reported as a conflict, never kept back unsent and unsaid."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from briefing.domain import Record
from briefing.store.db.database import Store
from briefing.store.edits import change_record
from briefing.store.exchange.export import export_dossier
from briefing.store.sync.conflicts import listed, settle
from tests.builders import document
from tests.conftest import TEST_BACKENDS
from tests.store.server.conftest import ClearedServer, cleared_server  # noqa: F401
from tests.store.sync.test_trip_dossier import INTERNAL, sync, travelling

pytestmark = pytest.mark.skipif(
    "postgresql" not in TEST_BACKENDS, reason="a travel copy needs a server"
)

VALUE = {"amount": 350_000_000, "currency": "USD", "note": "the ceiling"}
_numbers = itertools.count()


@pytest.fixture
def trip_of(
    cleared_server: ClearedServer,  # noqa: F811
    tmp_path: Path,
) -> Iterator[tuple[Store, Store, str]]:
    """The server (as its owner), the Internal traveller's open copy, and the dossier's
    slug: its chip is Internal, its value and target Confidential."""
    slug = f"withheld-{next(_numbers)}"
    chip = {
        "id": "chip:cut",
        "title": "Tariff cut",
        "party": "party:a",
        "handling": "Internal",
        "value": VALUE,
        "our_target": "Ten percent.",
        "field_handling": {"value": "Confidential", "our_target": "Confidential"},
    }
    doc = document(slug, chips=[chip])
    for record in (*doc["parties"], *doc["sources"]):
        record["handling"] = "Public"
    with travelling(cleared_server, tmp_path, doc) as trip:
        yield trip


def chip(store: Store, slug: str, *names: str) -> tuple[Any, ...]:
    """The chip's fields in the dossier's file: the whole of it for the server's owner,
    all there is in the copy."""
    (found,) = json.loads(export_dossier(store, slug))["chips"]
    return tuple(found.get(name) for name in names)


def edit(store: Store, values: dict[str, Any]) -> None:
    with store.session() as session:
        record_id = session.scalars(select(Record.id).where(Record.uid == "chip:cut")).one()
        change_record(session, record_id, values)


def test_a_record_saved_with_its_withheld_fields_blank_sends_only_what_changed(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    owner, copy, slug = trip_of
    assert chip(copy, slug, "value", "our_target") == (None, None)
    edit(copy, {"title": "Tariff cut, phased"})
    synced = sync(copy, cleared_server)
    assert (synced.sent, synced.received, synced.conflicts) == (1, 0, 0)
    assert chip(owner, slug, "title", "value", "our_target") == (
        "Tariff cut, phased",
        VALUE,
        "Ten percent.",
    )
    assert export_dossier(copy, slug, audience=INTERNAL) == export_dossier(
        owner, slug, audience=INTERNAL
    )


def test_typing_over_a_withheld_field_is_reported_and_settled_back_to_its_blank(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    owner, copy, slug = trip_of
    edit(copy, {"our_target": "Typed on the plane"})
    synced = sync(copy, cleared_server)
    assert (synced.sent, synced.conflicts) == (0, 1)
    assert chip(owner, slug, "our_target") == ("Ten percent.",)
    with copy.session() as session:
        (kept,) = listed(session)
    assert (kept.conflict.uid, kept.conflict.field, kept.refused) == (
        "chip:cut",
        "our_target",
        True,
    )
    assert (kept.conflict.ours, kept.conflict.theirs) == ("Typed on the plane", "")
    assert "above your clearance" in str(kept.reason)
    assert chip(copy, slug, "our_target") == ("Typed on the plane",)
    assert sync(copy, cleared_server).conflicts == 1  # unsettled, it is reported again
    with copy.session() as session:
        (kept,) = listed(session)
        settle(session, kept.id, "theirs", INTERNAL)
    assert chip(copy, slug, "our_target") == (None,)
    settled = sync(copy, cleared_server)
    assert (settled.sent, settled.received, settled.conflicts) == (0, 0, 0)
    assert chip(owner, slug, "our_target") == ("Ten percent.",)
    assert export_dossier(copy, slug, audience=INTERNAL) == export_dossier(
        owner, slug, audience=INTERNAL
    )
