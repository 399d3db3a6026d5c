"""A change naming a record the other side deleted waits behind that deletion's conflict
(issue 16): a new record naming it, a citation of it, a reference added after an earlier
conflict on the record was settled. Settled either way, on either side, nothing is lost
that was not part of the reported conflict, and the copy ends as the server is."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.domain import Citation, Party, Person, Record, Source
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import create_record
from briefing.store.sync.conflicts import listed, settle
from briefing.store.travel import take_copy
from briefing.store.versions import claim
from tests.cli.test_travel import (  # noqa: F401
    CONFIDENTIAL,
    PASSPHRASE,
    cleared_server,
    server,
)
from tests.store.server.conftest import ClearedServer
from tests.store.sync.test_trip import (
    add_member,
    delegations,
    delete,
    edit,
    field,
    members,
    opened,
    people,
    same_view,
    sync,
    traveller,
)


def made(store: Store, kind: type[Record], uid: str, values: dict[str, object]) -> None:
    with store.session() as session:
        dossier = find_dossier(session, "levels")
        create_record(session, kind, dossier.id, uid, {"handling": 0, **values})


def record_id(store: Store, uid: str) -> int:
    with store.session() as session:
        return session.scalars(select(Record.id).where(Record.uid == uid)).one()


def joined(store: Store, uid: str, party: str) -> None:
    """A new person of ``party``."""
    made(store, Person, uid, {"name": "New", "party_id": record_id(store, party)})


def cited(store: Store, person: str, uid: str, source: str) -> None:
    """A new citation of ``source`` on ``person``."""
    with store.session() as session:
        found = session.scalars(select(Record).where(Record.uid == person)).one()
        claim(session, found.id, None)
        held = session.scalars(select(Source).where(Source.uid == source)).one()
        found.citations.append(Citation(uid=uid, source=held, excerpt="Quoted"))


def holds(store: Store, uid: str) -> bool:
    with store.session() as session:
        return session.scalars(select(Record.id).where(Record.uid == uid)).first() is not None


def citations(store: Store, person: str) -> list[str]:
    with store.session() as session:
        found = session.scalars(select(Record).where(Record.uid == person)).one()
        return sorted(c.uid for c in found.citations)


@pytest.mark.parametrize("deleted_on", ["copy", "server"])
@pytest.mark.parametrize("for_the_delete", [True, False])
@pytest.mark.parametrize("naming", ["record", "citation"])
def test_a_new_record_or_citation_naming_what_the_other_side_deleted_waits_for_it(
    server: ClearedServer,  # noqa: F811
    tmp_path: Path,
    deleted_on: str,
    for_the_delete: bool,
    naming: str,
) -> None:
    """A person made in a party the other side deleted, or a citation of a source it
    deleted, is the other side's edit of what this one deleted: the deletion is a
    conflict and the new record or citation waits. Settled for the delete, the party
    or source goes on both sides, and with it the new person's party (the person stays)
    or the citation; settled for keeping, both are on both sides."""
    tag = f"{naming}-{deleted_on}-{for_the_delete}"
    named = f"party:leaving-{tag}" if naming == "record" else f"src:leaving-{tag}"
    new = f"person:new-{tag}" if naming == "record" else f"cite:new-{tag}"
    with Store.at(server.url) as owner:
        if naming == "record":
            made(owner, Party, named, {"name": "Leaving", "code": "LV"})
        else:
            made(owner, Source, named, {"title": "Leaving"})
    path = tmp_path / "naming.briefing"
    with traveller(server) as login:
        take_copy(login, "levels", path, PASSPHRASE)
    person = people(path)[0]
    with opened(path) as store, Store.at(server.url) as colleague:
        deleting, adding = (store, colleague) if deleted_on == "copy" else (colleague, store)
        delete(deleting, named)
        if naming == "record":
            joined(adding, new, named)
        else:
            cited(adding, person, new, named)
    assert sync(path, server).conflicts == 1
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        assert (kept.conflict.uid, kept.conflict.field, kept.refused) == (named, None, False)
        ours = for_the_delete == (deleted_on == "copy")
        settle(session, kept.id, "ours" if ours else "theirs", CONFIDENTIAL)
    assert sync(path, server).conflicts == 0
    same_view(path, server)
    with opened(path) as store, traveller(server) as team:
        for side in (store, team):
            assert holds(side, named) is not for_the_delete
            if naming == "record":
                party = field(side, new, "party")
                assert (party is None) if for_the_delete else (party.uid == named)
            else:
                assert (new in citations(side, person)) is not for_the_delete
    again = sync(path, server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)


@pytest.mark.parametrize("deleted_on", ["copy", "server"])
def test_a_member_added_after_a_settled_conflict_on_the_person_waits_for_its_deletion(
    server: ClearedServer,  # noqa: F811
    tmp_path: Path,
    deleted_on: str,
) -> None:
    """An edit/edit conflict on a person, settled; then one side deletes the person and
    the other makes them a member before the next sync: that deletion is a conflict of
    its own, not taken as the settled one, and the membership is not lost unreported."""
    uid = f"person:settled-{deleted_on}"
    with Store.at(server.url) as owner:
        made(owner, Person, uid, {"name": "Settled"})
    path = tmp_path / "settled.briefing"
    with traveller(server) as login:
        take_copy(login, "levels", path, PASSPHRASE)
    delegation = delegations(path)[0]
    with opened(path) as store, traveller(server) as team:
        edit(store, uid, {"bio": "The copy's"})
        edit(team, uid, {"bio": "The server's"})
    assert sync(path, server).conflicts == 1
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        settle(session, kept.id, "theirs", CONFIDENTIAL)
    with opened(path) as store, Store.at(server.url) as colleague:
        deleting, adding = (store, colleague) if deleted_on == "copy" else (colleague, store)
        delete(deleting, uid)
        add_member(adding, delegation, uid)
    assert sync(path, server).conflicts == 1
    with opened(path) as store, store.session() as session:
        (kept,) = listed(session)
        assert (kept.conflict.uid, kept.conflict.field) == (uid, None)
        settle(session, kept.id, "theirs" if deleted_on == "copy" else "ours", CONFIDENTIAL)
    assert sync(path, server).conflicts == 0
    same_view(path, server)
    with opened(path) as store, traveller(server) as team:
        for side in (store, team):
            assert uid in members(side, delegation)
