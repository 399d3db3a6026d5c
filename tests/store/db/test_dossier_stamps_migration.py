"""Migration 0029: the dossier's rows and its texts' name who wrote them last and when;
going down drops the stamps and nothing else, and coming back up gives them back blank
(nobody, no time) on both backends, the dossier file byte for byte the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL

from briefing.store.db.database import Store
from briefing.store.db.migrate import migrate
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.export import export_dossier
from briefing.store.server.setup import initialise, upgrade_server
from tests.conftest import SAMPLE_SLUG

STAMPS = {"changed_by", "updated_at"}
TABLES = ("dossier", "dossier_text")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_0029_drops_the_dossiers_stamps_and_brings_them_back_blank(
    kind: str, request: pytest.FixtureRequest, sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = kind == "postgresql"
    monkeypatch.setattr("getpass.getuser", lambda: "kim")
    target: Path | URL = request.getfixturevalue("pg_sample_url") if server else sample_db
    with Store.at(target) as store:
        if server:
            initialise(store)
        with store.session() as session:
            find_dossier(session, SAMPLE_SLUG).subtitle = "Stamped before going down"
        whole = export_dossier(store, SAMPLE_SLUG)
        with store.engine.connect() as connection:
            migrate(connection, "0028", down=True)
            for table in TABLES:
                columns = {c["name"] for c in inspect(connection).get_columns(table)}
                assert not columns & STAMPS
            connection.rollback()
        if server:
            upgrade_server(store)
        else:
            with store.engine.connect() as connection:
                migrate(connection, "head")
        with store.engine.connect() as connection:
            for table in TABLES:
                stamps = connection.execute(
                    text(f"SELECT DISTINCT changed_by, updated_at FROM {table}")
                ).all()
                assert [tuple(s) for s in stamps] == [("", None)]
        assert export_dossier(store, SAMPLE_SLUG) == whole
        with store.session() as session:
            find_dossier(session, SAMPLE_SLUG).subtitle = "Stamped after coming back"
        who = store.url.username if server else "kim"
        with store.engine.connect() as connection:
            stamped = connection.execute(
                text(
                    "SELECT t.kind, t.changed_by, t.updated_at IS NOT NULL "
                    "FROM dossier_text t ORDER BY t.kind"
                )
            ).all()
        assert [tuple(s) for s in stamped] == [
            ("scene_setter", "", False),
            ("subtitle", who, True),
        ]
