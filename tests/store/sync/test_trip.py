"""``sync_copy`` on the real server (issue 16): both sides' changes meet field by field,
conflicts are kept with both values and settled, a sync cut between its two commits is
finished by the next without applying anything twice, and bad syncs change nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from briefing.domain import Party, Person, Record, TravelBase, TravelMoved, TravelSync
from briefing.errors import BriefingError
from briefing.store.audit import events
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import change_record, create_record, delete_record
from briefing.store.exchange.export import export_dossier, export_file
from briefing.store.sync import trip
from briefing.store.sync.conflicts import listed, settle
from briefing.store.sync.operations import ConflictType
from briefing.store.sync.spec import Record as State
from briefing.store.travel import merge_base, revoke, take_copy
from tests.cli.test_travel import (  # noqa: F401
    CONFIDENTIAL,
    PASSPHRASE,
    cleared_server,
    copy,
    server,
)
from tests.store.server.conftest import ClearedServer


@contextmanager
def opened(path: Path) -> Iterator[Store]:
    with open_store(path, passphrase=PASSPHRASE, seed_sample=False, create=False) as store:
        yield store


@contextmanager
def signed_in(team: ClearedServer, rank: int) -> Iterator[Store]:
    """The server as the login cleared to ``rank``."""
    with Store.at(team.url_as(team.logins[rank])) as store:
        yield store


def traveller(team: ClearedServer) -> AbstractContextManager[Store]:
    """The server as the Confidential login that took the copy."""
    return signed_in(team, CONFIDENTIAL)


def edit(store: Store, uid: str, values: dict[str, Any]) -> None:
    with store.session() as session:
        record_id = session.scalars(select(Record.id).where(Record.uid == uid)).one()
        change_record(session, record_id, values)


def field(store: Store, uid: str, name: str) -> Any:
    with store.session() as session:
        record = session.scalars(select(Record).where(Record.uid == uid)).one()
        return getattr(record, name)


def people(path: Path) -> list[str]:
    """Persons whose name and bio the traveller holds, by uid."""
    with opened(path) as store:
        states: Mapping[str, State] = merge_base(store).states
        return sorted(
            uid
            for uid, state in states.items()
            if state.kind == "person" and {"name", "bio"} <= set(state.fields)
        )


def sync(path: Path, team: ClearedServer) -> trip.Synced:
    with opened(path) as store, traveller(team) as login:
        return trip.sync_copy(store, login)


def cut_after_the_server(path: Path, team: ClearedServer) -> None:
    """A sync killed once the server has committed its side, before the copy takes its
    own: the next sync finishes it under the same id."""

    def killed(*_args: object) -> int:
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(trip, "_copy_side", killed)
        with pytest.raises(KeyboardInterrupt):
            sync(path, team)


def same_view(path: Path, team: ClearedServer) -> None:
    """The copy's dossier file is the server's for the traveller's clearance, byte for byte."""
    with opened(path) as store:
        carried = export_dossier(store, "levels", audience=CONFIDENTIAL)
    with Store.at(team.url) as owner:
        assert carried == export_dossier(owner, "levels", audience=CONFIDENTIAL)


def test_changes_to_different_fields_and_records_both_survive_and_a_second_sync_is_empty(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    first, second = people(path)[:2]
    with opened(path) as store:
        edit(store, first, {"name": "Renamed on the plane"})
        edit(store, second, {"bio": "Met at the airport"})
    with traveller(server) as team:
        edit(team, first, {"bio": "Written at home"})
    synced = sync(path, server)
    assert (synced.sent, synced.received, synced.conflicts, synced.resumed) == (2, 1, 0, False)
    with opened(path) as store, traveller(server) as team:
        for side in (store, team):
            assert field(side, first, "name") == "Renamed on the plane"
            assert field(side, first, "bio") == "Written at home"
            assert field(side, second, "bio") == "Met at the airport"
    same_view(path, server)
    again = sync(path, server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)


def test_one_field_changed_on_both_sides_is_kept_as_a_conflict_until_settled(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = people(path)[2]
    with opened(path) as store:
        edit(store, uid, {"name": "The copy's spelling"})
    with traveller(server) as team:
        edit(team, uid, {"name": "The server's spelling"})
    synced = sync(path, server)
    assert synced.conflicts == 1
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        assert field(store, uid, "name") == "The copy's spelling"
    assert (kept.conflict.uid, kept.conflict.field) == (uid, "name")
    assert (kept.conflict.ours, kept.conflict.theirs) == (
        "The copy's spelling",
        "The server's spelling",
    )
    assert kept.theirs_by == server.logins[CONFIDENTIAL] and not kept.refused
    with traveller(server) as team:
        assert field(team, uid, "name") == "The server's spelling"
    # Unsettled, the next sync finds it again and still overwrites nothing.
    assert sync(path, server).conflicts == 1
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        settle(session, kept.id, "ours", CONFIDENTIAL)
    settled = sync(path, server)
    assert (settled.sent, settled.conflicts) == (1, 0)
    with traveller(server) as team:
        assert field(team, uid, "name") == "The copy's spelling"
    same_view(path, server)


def test_settling_with_the_servers_value_takes_the_copy_to_it_and_sends_nothing(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = people(path)[3]
    with opened(path) as store:
        edit(store, uid, {"bio": "Ours"})
    with traveller(server) as team:
        edit(team, uid, {"bio": "Theirs"})
    sync(path, server)
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        settle(session, kept.id, "theirs", CONFIDENTIAL)
    with opened(path) as store:
        assert field(store, uid, "bio") == "Theirs"
    settled = sync(path, server)
    assert (settled.sent, settled.received, settled.conflicts) == (0, 0, 0)
    same_view(path, server)


def test_a_sync_cut_between_the_two_commits_is_finished_by_the_next_under_its_id(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    first, second = people(path)[4:6]
    with opened(path) as store:
        edit(store, first, {"name": "Sent before the crash"})
    with traveller(server) as team:
        edit(team, second, {"bio": "Waiting for the copy"})
    cut_after_the_server(path, server)
    with opened(path) as store, store.session() as session:
        pending = session.scalars(select(TravelBase.pending_sync)).one()
    assert pending is not None
    with traveller(server) as team:
        assert field(team, first, "name") == "Sent before the crash"
    with opened(path) as store:
        assert field(store, second, "bio") != "Waiting for the copy"
    finished = sync(path, server)
    assert (finished.uid, finished.resumed, finished.sent, finished.conflicts) == (
        pending,
        True,
        0,
        0,
    )
    with opened(path) as store:
        assert field(store, second, "bio") == "Waiting for the copy"
        with store.session() as session:
            assert session.scalars(select(TravelBase.pending_sync)).one() is None
    with Store.at(server.url) as owner, owner.session() as session:
        recorded = session.scalar(
            select(func.count()).select_from(TravelSync).where(TravelSync.uid == pending)
        )
    assert recorded == 1
    same_view(path, server)


def test_a_revoked_copy_or_one_of_another_server_is_refused_and_nothing_changes(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, uid = copy
    person = people(path)[6]
    with opened(path) as store:
        edit(store, person, {"name": "Never sent"})
        with store.session() as session:
            taken_from = session.scalars(select(TravelBase.server)).one()
            session.execute(update(TravelBase).values(server="elsewhere/briefing"))
    with pytest.raises(BriefingError, match="taken from elsewhere/briefing"):
        sync(path, server)
    with opened(path) as store, store.session() as session:
        session.execute(update(TravelBase).values(server=taken_from))
    with Store.at(server.url) as owner, owner.session() as session:
        revoke(session, uid)
    with pytest.raises(BriefingError, match="revoked"):
        sync(path, server)
    with traveller(server) as team:
        assert field(team, person, "name") != "Never sent"


def test_files_made_offline_reach_the_servers_trail_once_even_across_a_cut_sync(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    path, uid = copy
    with opened(path) as store:
        export_file(store, "levels", tmp_path / "on-the-plane.json", audience=CONFIDENTIAL)
    cut_after_the_server(path, server)
    assert sync(path, server).printed == 1  # the cut sync's, finished: not sent again
    with opened(path) as store:
        export_file(store, "levels", tmp_path / "in-the-hotel.json", audience=CONFIDENTIAL)
    assert sync(path, server).printed == 1
    assert sync(path, server).printed == 0
    with Store.at(server.url) as owner, owner.session() as session:
        trail = [e for e in events(session) if f"offline in travel copy {uid}" in e.detail]
    assert [(e.action, e.who, e.audience) for e in trail] == [
        ("dossier file", server.logins[CONFIDENTIAL], CONFIDENTIAL)
    ] * 2
    assert "on-the-plane.json" in trail[0].detail and "in-the-hotel.json" in trail[1].detail


def test_a_change_committed_after_a_sync_read_the_server_reaches_the_copy_at_the_next(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    """The server finds what changed since the copy's base by the snapshot it noted: a
    colleague's save begun before a sync read the server, and committed after it, is not
    in what that sync saw, and must not be lost to the next, though a later save committed
    before the sync (migration 0023)."""
    path, _ = copy
    late, early = people(path)[:2]
    with signed_in(server, CONFIDENTIAL + 1) as colleague, colleague.session() as session:
        record_id = session.scalars(select(Record.id).where(Record.uid == late)).one()
        change_record(session, record_id, {"bio": "Saved while the sync ran"})
        session.flush()
        with traveller(server) as team:
            edit(team, early, {"bio": "Saved and committed first"})
        assert sync(path, server).received == 1  # the first save is not committed yet
    synced = sync(path, server)
    assert synced.received == 1
    with opened(path) as store:
        assert field(store, late, "bio") == "Saved while the sync ran"
        assert field(store, early, "bio") == "Saved and committed first"
        with store.session() as session:
            assert session.scalars(select(TravelMoved.uid)).all() == []  # all settled
    assert sync(path, server).received == 0
    same_view(path, server)


def delete(store: Store, uid: str) -> None:
    with store.session() as session:
        record_id = session.scalars(select(Record.id).where(Record.uid == uid)).one()
        delete_record(session, record_id)


def unattached(path: Path) -> list[str]:
    """:func:`people` no other record names (as a member, a participant ...) but their
    own appointments: deleting one takes nothing else with it but records of its own."""
    with opened(path) as store:
        states: Mapping[str, State] = merge_base(store).states
        named = " ".join(
            json.dumps(state.fields)
            for state in states.values()
            if state.kind not in ("person", "appointment")
        )
    return [uid for uid in people(path) if f'"{uid}"' not in named]


def attached(path: Path) -> list[str]:
    """:func:`people` who are members of a delegation and participants of an event the
    traveller holds: deleting one changes those records without removing them."""
    with opened(path) as store:
        states: Mapping[str, State] = merge_base(store).states
    members = {
        member["person"]
        for state in states.values()
        if state.kind == "delegation"
        for member in state.fields.get("members", ())
    }
    participants = {
        person
        for state in states.values()
        if state.kind == "event"
        for person in state.fields.get("participants", ())
    }
    return [uid for uid in people(path) if uid in members & participants]


def backdate(store: Store, uid: str) -> None:
    """Stamp the record as saved long ago: stamps are to the second, and the side that
    makes it again must not match them by being quick."""
    long_ago = dt.datetime(2020, 1, 2, 3, 4, 5)
    with store.session() as session:
        session.execute(
            update(Record).where(Record.uid == uid).values(created_at=long_ago, updated_at=long_ago)
        )


def stamps(store: Store, uid: str) -> tuple[Any, Any]:
    return field(store, uid, "created_at"), field(store, uid, "updated_at")


@pytest.mark.parametrize("deleted_on", ["copy", "server"])
def test_a_deletion_settled_for_the_others_edit_leaves_the_record_stamped_alike_on_both_sides(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    deleted_on: str,
) -> None:
    """Settling a delete-vs-edit conflict for the edit makes the record again on the side
    that deleted it; after the next sync it carries the other side's stamps, so the two
    dossier files are the same byte for byte."""
    path, _ = copy
    uid = unattached(path)[0]
    # A colleague cleared to all of it deletes on the server.
    with opened(path) as store, Store.at(server.url) as colleague:
        deleting, editing = (store, colleague) if deleted_on == "copy" else (colleague, store)
        delete(deleting, uid)
        edit(editing, uid, {"bio": f"Kept by the one who edited it ({deleted_on} deleted it)"})
        backdate(editing, uid)
    assert sync(path, server).conflicts == 1
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        settle(session, kept.id, "theirs" if deleted_on == "copy" else "ours", CONFIDENTIAL)
    assert sync(path, server).conflicts == 0
    with opened(path) as store, traveller(server) as team:
        assert field(store, uid, "bio") == field(team, uid, "bio")
        assert stamps(store, uid) == stamps(team, uid)
    same_view(path, server)
    again = sync(path, server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)


@pytest.mark.parametrize("deleted_on", ["copy", "server"])
def test_a_deleted_member_settled_for_the_others_edit_leaves_both_sides_alike(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    deleted_on: str,
) -> None:
    """Deleting a person takes them off delegations and events: a change of those records,
    which the sync carries. Settled for the other side's edit, the person comes back on
    the side that deleted them without their memberships and participations, and so
    must the other side's records: both dossier files end the same (issue 16)."""
    path, _ = copy
    uid = attached(path)[0]
    with opened(path) as store, Store.at(server.url) as colleague:
        deleting, editing = (store, colleague) if deleted_on == "copy" else (colleague, store)
        delete(deleting, uid)
        edit(editing, uid, {"bio": f"Kept by the one who edited it ({deleted_on} deleted it)"})
    assert sync(path, server).conflicts == 1
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        settle(session, kept.id, "theirs" if deleted_on == "copy" else "ours", CONFIDENTIAL)
    assert sync(path, server).conflicts == 0
    same_view(path, server)
    with opened(path) as store, traveller(server) as team:
        assert field(store, uid, "bio") == field(team, uid, "bio")
    again = sync(path, server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)


def test_a_party_the_server_made_the_dossier_prepared_for_meanwhile_is_not_deleted(
    server: ClearedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The copy deletes a party while, at home, the dossier is made prepared for it: the
    dossier's new cover names the party the copy deleted, so the deletion is kept as a
    conflict and the cover held back, as a record's reference to it would be; the server
    keeps the party and its cover. Settled for the party, the next sync brings both to
    the copy."""
    with Store.at(server.url) as owner, owner.session() as session:
        dossier = find_dossier(session, "levels")
        was = dossier.prepared_for_id
        create_record(session, Party, dossier.id, "party:cover", {"name": "Cover", "code": "CV"})
    path = tmp_path / "cover.briefing"
    with traveller(server) as login:
        take_copy(login, "levels", path, PASSPHRASE)
    with Store.at(server.url) as owner, owner.session() as session:
        dossier = find_dossier(session, "levels")
        dossier.prepared_for_id = session.scalars(
            select(Record.id).where(Record.uid == "party:cover")
        ).one()
    try:
        with opened(path) as store:
            delete(store, "party:cover")
        assert sync(path, server).conflicts == 1
        with opened(path) as store, store.session() as session:
            (kept,) = listed(session)
            assert (kept.conflict.uid, kept.conflict.type) == (
                "party:cover",
                ConflictType.DELETE_EDIT,
            )
            assert kept.reason is None
        with Store.at(server.url) as owner, owner.session() as session:
            cover = find_dossier(session, "levels").prepared_for
            assert cover is not None and cover.uid == "party:cover"
        with opened(path) as store, store.session() as session:
            settle(session, kept.id, "theirs", CONFIDENTIAL)
        assert sync(path, server).conflicts == 0
        with opened(path) as store, store.session() as session:
            cover = find_dossier(session, "levels").prepared_for
            assert cover is not None and cover.uid == "party:cover"
        same_view(path, server)
    finally:
        with Store.at(server.url) as owner, owner.session() as session:
            find_dossier(session, "levels").prepared_for_id = was


def delegations(path: Path) -> list[str]:
    with opened(path) as store:
        states: Mapping[str, State] = merge_base(store).states
        return sorted(uid for uid, state in states.items() if state.kind == "delegation")


def add_member(store: Store, delegation: str, person: str) -> None:
    with store.session() as session:
        found = session.scalars(select(Record).where(Record.uid == delegation)).one()
        added = session.scalars(select(Record.id).where(Record.uid == person)).one()
        members = [m.person_id for m in found.members]  # type: ignore[attr-defined]
        change_record(session, found.id, {"members": [*members, added]})


def members(store: Store, delegation: str) -> list[str]:
    with store.session() as session:
        found = session.scalars(select(Record).where(Record.uid == delegation)).one()
        return [m.person.uid for m in found.members]  # type: ignore[attr-defined]


@pytest.mark.parametrize("deleted_on", ["copy", "server"])
@pytest.mark.parametrize("for_the_delete", [True, False])
def test_a_person_deleted_on_one_side_and_made_a_member_on_the_other_is_a_conflict(
    server: ClearedServer,  # noqa: F811
    tmp_path: Path,
    deleted_on: str,
    for_the_delete: bool,
) -> None:
    """Adding a member is an edit of what the other side deleted: the side that deleted
    the person cannot take a membership naming no one. The deletion is kept as a conflict
    and the membership waits; settled for the delete, the person and the membership go on
    both sides, settled for the person, both stay on both sides (issue 16)."""
    uid = f"person:joining-{deleted_on}-{for_the_delete}"
    with Store.at(server.url) as owner, owner.session() as session:
        dossier = find_dossier(session, "levels")
        create_record(session, Person, dossier.id, uid, {"name": "Joining", "handling": 0})
    path = tmp_path / "joining.briefing"
    with traveller(server) as login:
        take_copy(login, "levels", path, PASSPHRASE)
    delegation = delegations(path)[0]
    with opened(path) as store, Store.at(server.url) as colleague:
        deleting, adding = (store, colleague) if deleted_on == "copy" else (colleague, store)
        delete(deleting, uid)
        add_member(adding, delegation, uid)
    assert sync(path, server).conflicts == 1
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        assert (kept.conflict.uid, kept.conflict.field, kept.refused) == (uid, None, False)
        ours = for_the_delete == (deleted_on == "copy")
        settle(session, kept.id, "ours" if ours else "theirs", CONFIDENTIAL)
    assert sync(path, server).conflicts == 0
    same_view(path, server)
    with opened(path) as store, traveller(server) as team:
        for side in (store, team):
            assert (uid in members(side, delegation)) is not for_the_delete
            with side.session() as session:
                held = session.scalars(select(Record.id).where(Record.uid == uid)).all()
                assert bool(held) is not for_the_delete
    again = sync(path, server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)
