"""A team server set up by ``briefing server init``, with one login per level (issue 15).

Built once a module: the sample dossier (its dossier row is Internal) and a generated one
with records at every level and protected fields above their records, editions for every
audience (each keeping a snapshot and a PDF), a traveller's edits passed on at every
level, then a login for each rank, the top one an administrator. The test cluster trusts
its socket, so the logins need no password.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from briefing.domain import Edition, EditionCopy, RaisedEdit, Record, RecordDeparture
from briefing.generator import generate_into
from briefing.store.db.database import Store
from briefing.store.editions import pack
from briefing.store.server.accounts import add_user
from briefing.store.server.setup import initialise
from briefing.store.sync.conflicts import encode
from briefing.store.sync.spec import Json
from briefing.store.sync.spec import Record as State
from tests.server import Cluster

LEVEL_NAMES = ("Public", "Internal", "Confidential", "Restricted")
_modules = itertools.count()


@dataclass
class ClearedServer:
    """The database, and a login name for each rank (``logins[rank]``)."""

    cluster: Cluster
    url: URL
    logins: dict[int, str]
    stranger: str
    """A login in briefing_staff without a clearance in this database."""

    def connect(self, user: str | None = None) -> psycopg.Connection[tuple[object, ...]]:
        """Plain SQL as ``user`` (the superuser, who sees every row, by default)."""
        return psycopg.connect(
            dbname=self.url.database,
            user=user or self.url.username,
            host=str(self.cluster.socket_dir),
        )

    def url_as(self, user: str) -> URL:
        return self.url.set(username=user)


def passed_on(record: Record, **changed: Json) -> RaisedEdit:
    """A traveller's edits to ``record`` (its ``changed`` fields) as a sync passes them on,
    for tests that need some on a server without a sync: the owner adds the row, which
    no login may write."""
    unchanged = encode(State(record.kind, {}))
    return RaisedEdit(
        dossier_id=record.dossier_id,
        record_id=record.id,
        uid=record.uid,
        copy_uid="fixture",
        sync_uid="fixture",
        login="fixture",
        passed_at=dt.datetime(2026, 1, 1),
        base=unchanged,
        ours=encode(State(record.kind, changed)),
    )


@contextmanager
def cleared_on(cluster: Cluster, template: str) -> Iterator[ClearedServer]:
    """A cleared server in a new database of ``cluster`` copied from ``template`` (which
    holds the sample dossier); dropped, with its logins, at the end."""
    url = cluster.create_database(template=template)
    prefix = f"rls{os.getpid()}_{next(_modules)}"
    logins = {rank: f"{prefix}_{name.lower()}" for rank, name in enumerate(LEVEL_NAMES)}
    stranger = f"{prefix}_stranger"
    try:
        with Store.at(url) as store:
            generate_into(
                store, people=12, events=24, chips=8, sources=4, slug="levels", protect=0.5
            )
            with store.session() as session:
                for rank in range(len(LEVEL_NAMES)):
                    kept = f"the {LEVEL_NAMES[rank]} edition".encode()
                    edition = Edition(
                        dossier_id=1,
                        number=rank + 1,
                        audience=rank,
                        snapshot=pack(kept),
                        pdf=pack(b"%PDF " + kept),
                    )
                    session.add(edition)
                    session.flush()
                    # A numbered copy of each, so its distribution list is at every level.
                    session.add(
                        EditionCopy(
                            edition_id=edition.id,
                            number=1,
                            recipient=f"the {LEVEL_NAMES[rank]} reader",
                            document_id=f"{rank:032x}",
                            code=f"ABCDEFG{rank + 2}",
                            pdf=pack(b"%PDF copy 1 of " + kept),
                        )
                    )
                # A traveller's edits passed on, at every level, so the server's
                # tests of each content table see rows of this one too.
                lowest = select(func.min(Record.id)).group_by(Record.handling)
                for record in session.scalars(select(Record).where(Record.id.in_(lowest))):
                    session.add(passed_on(record))
                    # And records that left at every level (the server's trigger notes
                    # a departure; the owner adds these, which no login may write).
                    session.add(
                        RecordDeparture(
                            dossier_id=1, uid=f"left-{record.uid}", handling=record.handling
                        )
                    )
            initialise(store)
            with store.session() as session:
                for rank, name in logins.items():
                    add_user(session, name, LEVEL_NAMES[rank], admin=rank == 3, password="")
                add_user(session, stranger, "Public", admin=False, password="")
                session.connection().exec_driver_sql(
                    f"DELETE FROM briefing_clearance WHERE role_name = '{stranger}'"
                )
        yield ClearedServer(cluster, url, logins, stranger)
    finally:
        cluster.drop_database(url)
        cluster.execute(*(f"DROP ROLE IF EXISTS {n}" for n in [*logins.values(), stranger]))


@pytest.fixture(scope="module")
def cleared_server(postgres: Cluster, pg_sample: str) -> Iterator[ClearedServer]:
    with cleared_on(postgres, pg_sample) as cleared:
        yield cleared
