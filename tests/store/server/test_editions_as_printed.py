"""An edition on a team server is kept as printed: the server names who printed it and
when, and no login rewrites or removes one (issue 17: editions that can be traced).
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy import select

from briefing.domain import Dossier, Edition, EditionCopy
from briefing.generator import generate_into
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import delete_dossier
from briefing.store.editions import next_edition, pack
from briefing.store.server.refusals import AS_PRINTED
from tests.conftest import SAMPLE_SLUG
from tests.store.server.conftest import ClearedServer


def _print(server: ClearedServer, rank: int, slug: str) -> int:
    """An edition for the Public audience added by the login of ``rank``, claiming to be
    someone else's, printed long ago; its id."""
    url = server.url_as(server.logins[rank])
    with open_store(url, seed_sample=False) as store, store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == slug)).one()
        edition = Edition(
            dossier_id=dossier.id,
            number=next_edition(session, dossier.id),
            audience=0,
            made_by="someone-else",
            created_at=dt.datetime(2000, 1, 1),
            pdf=pack(b"%PDF the book"),
        )
        edition.copies = [
            EditionCopy(number=1, recipient="Minister", document_id="00", code="AAAAAAAA")
        ]
        session.add(edition)
        session.flush()
        return edition.id


def test_the_server_names_who_printed_an_edition_and_when(
    cleared_server: ClearedServer,
) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=1)
    edition_id = _print(cleared_server, 1, SAMPLE_SLUG)
    with cleared_server.connect() as owner:
        made_by, created_at = owner.execute(
            "SELECT made_by, created_at FROM edition WHERE id = %s", (edition_id,)
        ).fetchone()
    assert made_by == cleared_server.logins[1]
    assert created_at >= before


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE edition SET note = 'reworded' WHERE id = {id}",
        "UPDATE edition SET made_by = 'someone-else' WHERE id = {id}",
        "DELETE FROM edition WHERE id = {id}",
        "UPDATE edition_copy SET recipient = 'someone else' WHERE edition_id = {id}",
        "DELETE FROM edition_copy WHERE edition_id = {id}",
    ],
)
def test_no_login_rewrites_or_removes_an_edition(
    cleared_server: ClearedServer, statement: str
) -> None:
    edition_id = _print(cleared_server, 1, SAMPLE_SLUG)
    for rank in (1, 3):  # its printer, and an administrator
        with (
            cleared_server.connect(cleared_server.logins[rank]) as login,
            pytest.raises(psycopg.errors.InsufficientPrivilege, match=AS_PRINTED),
        ):
            login.execute(statement.format(id=edition_id))
    with cleared_server.connect() as owner:
        kept = owner.execute(
            "SELECT note, made_by FROM edition WHERE id = %s", (edition_id,)
        ).fetchone()
    assert kept == ("", cleared_server.logins[1])


def test_deleting_a_dossier_removes_its_editions(cleared_server: ClearedServer) -> None:
    admin = cleared_server.url_as(cleared_server.logins[3])
    with open_store(admin, seed_sample=False) as store:
        generate_into(store, people=1, events=1, chips=1, sources=1, slug="gone")
    edition_id = _print(cleared_server, 3, "gone")
    with open_store(admin, seed_sample=False) as store, store.session() as session:
        delete_dossier(session, "gone")
    with cleared_server.connect() as owner:
        left = owner.execute("SELECT count(*) FROM edition WHERE id = %s", (edition_id,))
        assert left.fetchone() == (0,)
