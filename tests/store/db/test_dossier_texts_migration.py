"""Migration 0018 moves the dossier's subtitle and scene-setter into ``dossier_text`` and
back, on both backends, losing nothing: the records, the texts and their levels, and the
dossier file, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL

from briefing.domain import Dossier
from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config, migrate
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.export import export_dossier
from briefing.store.server.setup import initialise, upgrade_server
from tests.conftest import SAMPLE_SLUG
from tests.kinds import KOREAN_TEXT_FIELDS

KEPT = ("record", "person", "event", "citation", "field_level", "alias")
"""Tables whose rows a rebuild of ``dossier`` would take with it through their cascades."""


LATER = {
    "dossier": ("title_ko",),
    "dossier_text": ("text_ko",),
    **KOREAN_TEXT_FIELDS,
    "event": ("arrival_place", "arrival_timezone", "start_fold", "end_fold"),
}
"""The columns later migrations added, which going down to 0017 drops: the Korean texts
(0025), a journey's arrival (0026) and which of two instants a time means (0027)."""


def _without_later_columns(store: Store) -> None:
    with store.engine.begin() as connection:
        for table, columns in LATER.items():
            blank = ", ".join(
                f"{c} = {'NULL' if c.endswith('_fold') else repr('')}" for c in columns
            )
            connection.execute(text(f"UPDATE {table} SET {blank}"))


def _counts(connection: Connection) -> dict[str, int]:
    return {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in KEPT}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_0018_keeps_every_record_text_and_level_down_and_up(
    kind: str, request: pytest.FixtureRequest, sample_db: Path
) -> None:
    server = kind == "postgresql"
    target: Path | URL = request.getfixturevalue("pg_sample_url") if server else sample_db
    with Store.at(target) as store:
        if server:
            initialise(store)
        _without_later_columns(store)
        with store.session() as session:
            dossier = find_dossier(session, SAMPLE_SLUG)
            dossier.subtitle_handling = 2
            subtitle, scene = dossier.subtitle, dossier.scene_setter
        whole = export_dossier(store, SAMPLE_SLUG)
        public = export_dossier(store, SAMPLE_SLUG, audience=0)
        assert '"subtitle_handling": "Confidential"' in whole
        with store.engine.connect() as connection:
            before = _counts(connection)
            assert before["record"] > 0
            connection.rollback()
            migrate(connection, "0017", down=True)
            assert "dossier_text" not in inspect(connection).get_table_names()
            old = connection.execute(
                text(
                    "SELECT subtitle, subtitle_handling, scene_setter, scene_handling "
                    "FROM dossier WHERE slug = :slug"
                ),
                {"slug": SAMPLE_SLUG},
            ).one()
            assert tuple(old) == (subtitle, 2, scene, None)
            assert _counts(connection) == before
            connection.rollback()
        if server:
            upgrade_server(store)
        else:
            with store.engine.connect() as connection:
                migrate(connection, "head")
        with store.engine.connect() as connection:
            assert _counts(connection) == before
            texts = connection.execute(
                text(
                    "SELECT t.kind, t.text, t.handling FROM dossier_text t "
                    "JOIN dossier d ON d.id = t.dossier_id WHERE d.slug = :slug ORDER BY t.kind"
                ),
                {"slug": SAMPLE_SLUG},
            ).all()
            assert [tuple(t) for t in texts] == [
                ("scene_setter", scene, None),
                ("subtitle", subtitle, 2),
            ]
            columns = {c["name"] for c in inspect(connection).get_columns("dossier")}
            assert not columns & {"subtitle", "scene_setter", "subtitle_handling"}
            if server:
                level = connection.execute(
                    text("SELECT rls_level FROM dossier WHERE slug = :slug"), {"slug": SAMPLE_SLUG}
                )
                assert level.scalar_one() == 0
        assert export_dossier(store, SAMPLE_SLUG) == whole
        assert export_dossier(store, SAMPLE_SLUG, audience=0) == public
        with store.session() as session:
            assert find_dossier(session, SAMPLE_SLUG).subtitle == subtitle
            assert session.query(Dossier).count() == 1


def test_0018_refuses_to_rebuild_the_dossier_with_foreign_keys_on(sample_db: Path) -> None:
    """Run other than by :func:`migrate`, the rebuild would delete every record: refused."""
    with Store.at(sample_db) as store:
        refused = pytest.raises(RuntimeError, match="delete every record")
        with refused, store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0017")
        with store.engine.connect() as connection:
            assert _counts(connection)["record"] > 0
