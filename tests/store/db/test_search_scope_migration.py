"""Migration 0030: a server's search rows are given their record's dossier and level, so a
database upgraded with its index already written searches as one indexed since."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.engine import URL

from briefing.domain import Dossier
from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config
from briefing.store.search.querying import search
from tests.builders import document, load


def test_0030_gives_an_indexed_server_its_rows_dossiers_and_levels(pg_url: URL) -> None:
    people = [
        {"id": "p:open", "name": "Kim Open"},
        {"id": "p:secret", "name": "Kim Secret", "handling": "Restricted"},
    ]
    with Store.at(pg_url) as store:
        with store.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        for slug in ("north", "south"):
            load(store, document(slug, people=[{**p, "id": f"{p['id']}:{slug}"} for p in people]))
        with store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0029")
            columns = {c["name"] for c in inspect(connection).get_columns("search_index")}
            assert {"dossier_id", "handling"}.isdisjoint(columns)
            command.upgrade(alembic_config(connection), "head")
        with store.session() as session:
            for dossier in session.scalars(select(Dossier)):
                found = {
                    level: sorted(
                        hit.title
                        for hit in search(session, "Kim", dossier_id=dossier.id, level=level)
                    )
                    for level in (0, 3)
                }
                assert found == {0: ["Kim Open"], 3: ["Kim Open", "Kim Secret"]}
