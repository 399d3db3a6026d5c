"""A travel copy's base for its first sync, taken on the real server: each record's state
as the traveller had it and its version on either side, so a sync finds what changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from briefing.domain import Record
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import change_record
from briefing.store.exchange.export import dossier_out
from briefing.store.sync.spec import DOSSIER
from briefing.store.sync.states import copy_side, marked, own_side, own_state, side, states
from briefing.store.travel import merge_base
from tests.cli.test_travel import (  # noqa: F401
    CONFIDENTIAL,
    PASSPHRASE,
    cleared_server,
    copy,
    server,
)
from tests.store.server.conftest import ClearedServer


def test_a_copy_starts_with_nothing_to_sync_and_finds_its_own_edit(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    with open_store(path, passphrase=PASSPHRASE, seed_sample=False, create=False) as travel:
        base = merge_base(travel)
        login = server.url_as(server.logins[CONFIDENTIAL])
        with Store.at(login) as traveller, traveller.session() as session:
            dossier = find_dossier(session, "levels")
            then = base.states.server_versions(None)
            now = states(session, dossier, then.keys(), CONFIDENTIAL)
            own = own_state(dossier_out(session, dossier, CONFIDENTIAL))
            # The base is what the server shows the traveller, the dossier's own fields too.
            assert {**now, DOSSIER: own} == base.states
            assert side(session, dossier, then, CONFIDENTIAL) == {}
            assert own_side(session, dossier, base.states, CONFIDENTIAL, copy=False) == {}
            # And asked only about what the server wrote since the copy's snapshot.
            since = marked(session, dossier, base.mark)
            assert since is not None
            marked_then = base.states.server_versions(since)
            assert side(session, dossier, marked_then, CONFIDENTIAL, only=since) == {}
        with travel.session() as session:
            dossier = find_dossier(session, "levels")
            assert copy_side(session, dossier, base.states, CONFIDENTIAL) == {}
            uid = min(u for u, state in base.states.items() if state.kind == "person")
            record_id = session.scalars(select(Record.id).where(Record.uid == uid)).one()
            change_record(session, record_id, {"name": "Renamed on the plane"})
        with travel.session() as session:
            dossier = find_dossier(session, "levels")
            changed = copy_side(session, dossier, base.states, CONFIDENTIAL)
    assert list(changed) == [uid]
    state = changed[uid]
    assert state is not None and state.fields["name"] == "Renamed on the plane"
    assert set(state.fields) <= set(base.states[uid].fields)
