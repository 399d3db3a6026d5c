"""A merge's operations applied through a traveller's own login on a team server, where
row-level security hides what is above the login: what the server refuses (a delete
reaching hidden rows, a level lowered, a new record over a hidden one's id) comes back
refused, that operation alone, and the rest of the list is applied and committed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select

from briefing.domain import Citation, Person, Record
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.sync.apply import apply_operations
from briefing.store.sync.operations import CreateRecord, DeleteRecord, Operation, SetField
from tests.store.server.conftest import ClearedServer, cleared_server  # noqa: F401

INTERNAL = 1


def _rows(store: Store) -> list[Any]:
    """Every record of the dossier, with its version and level."""
    with store.session() as session:
        dossier = find_dossier(session, "levels").id
        return list(
            session.execute(
                select(Record.uid, Record.version, Record.handling)
                .where(Record.dossier_id == dossier)
                .order_by(Record.id)
            ).all()
        )


def test_what_the_server_refuses_is_refused_alone(
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    with Store.at(cleared_server.url) as owner, owner.session() as session:
        dossier = find_dossier(session, "levels").id
        in_dossier = Record.dossier_id == dossier
        hidden_citation = exists().where(Citation.record_id == Record.id, Citation.handling > 1)
        guarded = session.scalars(
            select(Record.uid).where(in_dossier, Record.handling <= INTERNAL, hidden_citation)
        ).first()
        lowered = session.scalars(
            select(Record.uid).where(in_dossier, Record.handling == INTERNAL)
        ).first()
        hidden = session.scalars(select(Record.uid).where(in_dossier, Record.handling > 1)).first()
        renamed = session.scalars(
            select(Person.uid).where(Person.dossier_id == dossier, Person.handling == 0)
        ).first()
    assert guarded and lowered and hidden and renamed
    refusing: list[Operation] = [
        DeleteRecord(guarded),
        SetField(lowered, "handling", "Public"),
        CreateRecord(hidden, "party", {"name": "Over it", "code": "X", "handling": "Public"}),
    ]
    login = cleared_server.url_as(cleared_server.logins[INTERNAL])
    with Store.at(cleared_server.url) as owner:
        before = _rows(owner)
    with open_store(login, seed_sample=False) as traveller, traveller.session() as session:
        operations = [*refusing, SetField(renamed, "name", "Renamed on the road")]
        refused = apply_operations(session, find_dossier(session, "levels"), operations, INTERNAL)
    create, delete, lower = refused  # new records are written first
    assert [create.operation, delete.operation, lower.operation] == [*refusing[2:], *refusing[:2]]
    assert all("\n" not in str(r.reason) for r in refused)
    assert "not cleared to see" in str(delete.reason)
    assert "only an administrator may lower" in str(lower.reason)
    assert "above your clearance" in str(create.reason)
    with Store.at(cleared_server.url) as owner:
        after = _rows(owner)
        with owner.session() as session:
            ahead = select(Person.name).where(Person.dossier_id == dossier, Person.uid == renamed)
            name = session.scalars(ahead).one()
    assert name == "Renamed on the road"
    changed = [row for row in after if row not in before]
    assert [(uid, version) for uid, version, _ in changed] == [
        (renamed, next(v for u, v, _ in before if u == renamed) + 1)
    ]
