"""A record raised above the traveller's level during the trip (issue 16): it leaves the
copy at the next sync, and the traveller's edits to it reach someone cleared to see it,
on the real server with its row-level security."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from briefing.domain import Citation, Record, Source, TravelBaseRecord, TravelConflict
from briefing.errors import BriefingError
from briefing.store.audit import events
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import delete_record
from briefing.store.sync import raised
from briefing.store.sync.apply import STAMPS
from briefing.store.sync.conflicts import listed as kept_conflicts
from briefing.store.sync.operations import ConflictType
from briefing.store.sync.spec import Record as State
from briefing.store.sync.states import states
from briefing.store.travel import merge_base, take_copy
from briefing.store.versions import claim
from tests.cli.test_travel import (  # noqa: F401
    CONFIDENTIAL,
    PASSPHRASE,
    RESTRICTED,
    cleared_server,
    copy,
    server,
)
from tests.store.server.conftest import ClearedServer, passed_on
from tests.store.sync.test_trip import (
    attached,
    cut_after_the_server,
    delete,
    edit,
    field,
    opened,
    people,
    same_view,
    signed_in,
    sync,
    traveller,
)


def colleague(team: ClearedServer) -> AbstractContextManager[Store]:
    """The server as the Restricted login, cleared to see what is raised above the
    traveller."""
    return signed_in(team, RESTRICTED)


def raised_rows(team: ClearedServer, uid: str, rank: int | None = None) -> list[tuple[str, str]]:
    """The rows of edits passed on for ``uid``, read with plain SQL as the login of ``rank``
    (the superuser by default): each one's traveller and sync."""
    login = None if rank is None else team.logins[rank]
    with team.connect(login) as connection:
        found = connection.execute(
            "SELECT login, sync_uid FROM raised_edit WHERE uid = %s ORDER BY id", [uid]
        )
        return [(str(who), str(sync_uid)) for who, sync_uid in found]


def in_copy(path: Path, uid: str) -> tuple[bool, bool]:
    """Whether the copy holds the record, and its base."""
    with opened(path) as store, store.session() as session:
        record = session.scalar(select(Record.id).where(Record.uid == uid))
        return record is not None, session.get(TravelBaseRecord, uid) is not None


def edited_then_raised(path: Path, team: ClearedServer, index: int) -> str:
    """A person the traveller renames on the road while a colleague, at home, writes its
    bio and raises it above the traveller's level; its uid."""
    return edit_and_raise(path, team, people(path)[index])


def edit_and_raise(path: Path, team: ClearedServer, uid: str) -> str:
    with opened(path) as store:
        edit(store, uid, {"name": "Renamed on the plane"})
    with colleague(team) as home:
        edit(home, uid, {"bio": "Written at home", "handling": RESTRICTED})
    return uid


def whole(team: ClearedServer, uid: str) -> State:
    """The record as the server's top clearance has it."""
    with colleague(team) as home, home.session() as session:
        return states(session, find_dossier(session, "levels"), {uid}, RESTRICTED)[uid]


def unstamped(state: State, *left_out: str) -> dict[str, object]:
    return {k: v for k, v in state.fields.items() if k not in {*left_out, *STAMPS}}


def test_the_raised_record_leaves_the_copy_and_its_edits_reach_only_those_cleared(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = edited_then_raised(path, server, 0)
    synced = sync(path, server)
    assert (synced.passed_on, synced.conflicts) == (1, 0)
    assert in_copy(path, uid) == (False, False)
    with opened(path) as store, store.session() as session:
        assert session.scalars(select(TravelConflict)).all() == []
    assert raised_rows(server, uid) == [(server.logins[CONFIDENTIAL], synced.uid)]
    assert raised_rows(server, uid, CONFIDENTIAL) == []
    assert len(raised_rows(server, uid, RESTRICTED)) == 1
    again = sync(path, server)
    assert (again.passed_on, again.conflicts, again.sent, again.received) == (0, 0, 0, 0)


def test_settling_with_mine_takes_the_travellers_change_and_keeps_everything_else(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    path, _ = copy
    uid = people(path)[1]
    # A citation the traveller is never shown: the settled edits must leave it alone.
    with colleague(server) as home, home.session() as session:
        person = session.scalars(select(Record).where(Record.uid == uid)).one()
        source = session.scalars(select(Source).where(Source.dossier_id == person.dossier_id))
        claim(session, person.id, None)
        cited = source.first()
        person.citations.append(
            Citation(
                uid="cite:hidden", source=cited, excerpt="Kept from travellers", handling=RESTRICTED
            )
        )
    second = tmp_path / "second.briefing"
    with traveller(server) as login:
        take_copy(login, "levels", second, PASSPHRASE)
    edit_and_raise(second, server, uid)
    sync(second, server)
    before = whole(server, uid)
    assert "Kept from travellers" in str(before.fields["citations"])
    with colleague(server) as home, home.session() as session:
        (passed,) = [p for p in raised.listed(session) if p.uid == uid]
        assert passed.login == server.logins[CONFIDENTIAL]
        assert "cite:hidden" not in str(passed.ours.fields)
        assert [name for name, _, _ in passed.changes()] == ["name"]
        raised.settle(session, passed.id, True, RESTRICTED)
    with colleague(server) as home:
        assert field(home, uid, "name") == "Renamed on the plane"
        assert field(home, uid, "bio") == "Written at home"
        assert field(home, uid, "handling") == RESTRICTED
    assert raised_rows(server, uid) == []
    # Everything else, the citation the traveller never saw among it, is as it was.
    assert unstamped(whole(server, uid), "name") == unstamped(before, "name")


def test_settling_with_theirs_drops_the_edits(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = edited_then_raised(path, server, 2)
    with colleague(server) as home:
        name = field(home, uid, "name")
    sync(path, server)
    with colleague(server) as home, home.session() as session:
        (passed,) = [p for p in raised.listed(session) if p.uid == uid]
        raised.settle(session, passed.id, False, RESTRICTED)
    with colleague(server) as home:
        assert field(home, uid, "name") == name
    assert raised_rows(server, uid) == []
    with Store.at(server.url) as owner, owner.session() as session:
        (settled,) = [e for e in events(session) if e.detail.startswith(f"dropped from {uid}:")]
    assert (settled.action, settled.who) == ("travel edits settled", server.logins[RESTRICTED])
    assert f"edited by {server.logins[CONFIDENTIAL]}" in settled.detail


def test_the_traveller_can_neither_read_nor_write_edits_passed_on(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = edited_then_raised(path, server, 3)
    sync(path, server)
    (row,) = raised_rows(server, uid)
    with server.connect() as owner:
        found = owner.execute("SELECT id FROM raised_edit WHERE uid = %s", [uid]).fetchone()
    assert found is not None and isinstance(found[0], int)
    passed_id = found[0]
    with server.connect(server.logins[CONFIDENTIAL]) as login:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            login.execute(
                "INSERT INTO raised_edit (dossier_id, record_id, uid, copy_uid, sync_uid, "
                "login, passed_at, base, ours) SELECT dossier_id, id, uid, 'x', 'x', 'x', "
                "now(), '{}', '{}' FROM record LIMIT 1"
            )
        login.rollback()
        assert login.execute("DELETE FROM raised_edit WHERE uid = %s", [uid]).rowcount == 0
        login.commit()
    with (
        traveller(server) as team,
        team.session() as session,
        pytest.raises(BriefingError, match="no edits"),
    ):
        raised.settle(session, passed_id, True, CONFIDENTIAL)
    assert raised_rows(server, uid) == [row]


def test_a_record_deleted_not_raised_is_still_the_copys_conflict(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = people(path)[4]
    with opened(path) as store:
        edit(store, uid, {"name": "Renamed on the plane"})
    with Store.at(server.url) as home, home.session() as session:
        delete_record(session, session.scalars(select(Record.id).where(Record.uid == uid)).one())
    synced = sync(path, server)
    assert (synced.passed_on, synced.conflicts) == (0, 1)
    with opened(path) as store, store.session() as session:
        (kept,) = kept_conflicts(session)
    assert (kept.conflict.uid, kept.conflict.type) == (uid, ConflictType.EDIT_DELETE)
    assert in_copy(path, uid) == (True, True)
    assert raised_rows(server, uid) == []


def test_a_sync_cut_after_the_server_committed_stores_the_edits_once(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    path, _ = copy
    uid = edited_then_raised(path, server, 5)

    cut_after_the_server(path, server)
    assert len(raised_rows(server, uid)) == 1
    assert in_copy(path, uid) == (True, True)
    finished = sync(path, server)
    assert (finished.resumed, finished.passed_on, finished.conflicts) == (True, 1, 0)
    assert raised_rows(server, uid) == [(server.logins[CONFIDENTIAL], finished.uid)]
    assert in_copy(path, uid) == (False, False)


def test_edits_the_settler_cannot_read_are_named_in_one_line_and_can_be_dropped(
    server: ClearedServer,  # noqa: F811
) -> None:
    """The traveller's client wrote the states: one it garbled neither stops the list
    with a raw parser error nor stays on the server for want of being readable."""
    with Store.at(server.url) as owner, owner.session() as session:
        record = session.scalars(select(Record).where(Record.handling == RESTRICTED)).first()
        assert record is not None
        garbled = passed_on(record)
        garbled.sync_uid, garbled.ours = "garbled", "{not json"
        session.add(garbled)
        session.flush()
        garbled_id, uid = garbled.id, record.uid
    with (
        colleague(server) as home,
        home.session() as session,
        pytest.raises(BriefingError, match=rf"settle-raised {garbled_id} --theirs"),
    ):
        raised.listed(session)
    with colleague(server) as home, home.session() as session:
        settled = raised.settle(session, garbled_id, False, RESTRICTED)
    assert (settled.uid, settled.login) == (uid, "fixture")
    with colleague(server) as home, home.session() as session:
        assert garbled_id not in [p.id for p in raised.listed(session)]


def memberships(team: ClearedServer, uid: str) -> tuple[int, int]:
    """The delegations and events that list the person on the server, read as its owner."""
    with team.connect() as owner:
        counted = owner.execute(
            "SELECT (SELECT count(*) FROM delegation_member m JOIN record r "
            "ON r.id = m.person_id WHERE r.uid = %s), "
            "(SELECT count(*) FROM event_participant p JOIN record r "
            "ON r.id = p.person_id WHERE r.uid = %s)",
            [uid, uid],
        ).fetchone()
    assert counted is not None
    return int(counted[0]), int(counted[1])


@pytest.mark.parametrize("taken", [True, False])
def test_a_person_deleted_in_the_copy_and_raised_meanwhile_is_passed_on_with_memberships_kept(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    taken: bool,
) -> None:
    """The copy's delete took the person off a delegation and events it still sees; on the
    server the person is above the traveller now, and so are those entries. Withheld is
    not deleted: the server keeps the person and the entries, the traveller is left no
    refusal it could never settle, both sides show the traveller the same dossier, and the
    deletion waits for someone cleared to see the person, who takes it (the person and
    the entries go) or drops it (they stay)."""
    path, _ = copy
    uid = attached(path)[0]
    kept = memberships(server, uid)
    assert min(kept) >= 1
    with colleague(server) as home:
        edit(home, uid, {"handling": RESTRICTED})
    with opened(path) as store:
        delete(store, uid)
    synced = sync(path, server)
    assert (synced.conflicts, synced.passed_on) == (0, 1)
    with opened(path) as store, store.session() as session:
        assert kept_conflicts(session) == []
    assert memberships(server, uid) == kept
    assert raised_rows(server, uid) == [(server.logins[CONFIDENTIAL], synced.uid)]
    assert in_copy(path, uid) == (False, False)
    same_view(path, server)
    again = sync(path, server)
    assert (again.sent, again.received, again.conflicts, again.passed_on) == (0, 0, 0, 0)
    with colleague(server) as home, home.session() as session:
        (passed,) = [p for p in raised.listed(session) if p.uid == uid]
        assert [(name, now) for name, _, now in passed.changes()] == [("record", None)]
        raised.settle(session, passed.id, taken, RESTRICTED)
    assert raised_rows(server, uid) == []
    assert memberships(server, uid) == ((0, 0) if taken else kept)
    with colleague(server) as home, home.session() as session:
        left = session.scalar(select(Record.id).where(Record.uid == uid))
        assert (left is None) == taken
    after = sync(path, server)
    assert after.conflicts == 0
    same_view(path, server)


def test_a_delegation_edited_after_its_member_left_the_copy_raised_keeps_the_member(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
) -> None:
    """A person raised above the traveller leaves the copy at the next sync and takes
    their membership off the copy's delegation, unsaved (the server saved no delegation).
    The traveller renaming that delegation later sends the name, not the membership's
    removal: the server keeps the member it shows only to those cleared."""
    path, _ = copy
    uid = attached(path)[0]
    with opened(path) as store:
        base = merge_base(store).states
        (delegation, *_) = sorted(
            d
            for d, state in base.items()
            if state.kind == "delegation"
            and uid in [m["person"] for m in state.fields.get("members", ())]
        )
    kept = memberships(server, uid)
    with colleague(server) as home:
        edit(home, uid, {"handling": RESTRICTED})
    assert sync(path, server).conflicts == 0
    assert in_copy(path, uid) == (False, False)
    with opened(path) as store:
        edit(store, delegation, {"name": "Renamed on the road"})
    synced = sync(path, server)
    assert (synced.sent, synced.conflicts) == (1, 0)
    assert memberships(server, uid) == kept
    with traveller(server) as team:
        assert field(team, delegation, "name") == "Renamed on the road"
    same_view(path, server)
    again = sync(path, server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)
