"""A team on one dossier: every login sees the dossier by its title, and its subtitle and
scene-setter only when cleared to their levels (issue 15, migration 0018).

The sample dossier's texts are at its default, Internal: a Public login used to see no
dossier at all, since the dossier row took its texts' level.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from briefing.domain import Dossier
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.exchange.export import export_file
from briefing.store.lists.summary import dossiers, summary
from briefing.store.visibility import EVERYTHING
from tests.conftest import SAMPLE_SLUG
from tests.store.server.conftest import ClearedServer

TODAY = dt.date(2025, 5, 1)


def login(server: ClearedServer, rank: int) -> Store:
    return open_store(server.url_as(server.logins[rank]), seed_sample=False)


@pytest.fixture
def sample(cleared_server: ClearedServer) -> Iterator[tuple[int, str, str]]:
    """The sample dossier's id, title and subtitle, read by the tables' owner."""
    with Store.at(cleared_server.url) as store, store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == SAMPLE_SLUG)).one()
        yield dossier.id, dossier.title, dossier.subtitle


def _refused(login: psycopg.Connection[tuple[object, ...]], statement: str) -> str:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refusal:
        login.execute(statement)
    login.rollback()
    return str(refusal.value)


def test_a_public_login_sees_the_dossier_by_its_title_and_not_its_texts(
    cleared_server: ClearedServer, sample: tuple[int, str, str], tmp_path: Path
) -> None:
    dossier_id, title, subtitle = sample
    assert subtitle
    with login(cleared_server, 0) as store:
        with store.session() as session:
            assert (dossier_id, SAMPLE_SLUG, title) in dossiers(session)
            head = summary(session, dossier_id, EVERYTHING, TODAY, upcoming=3, recent=3)
            assert (head.title, head.subtitle, head.scene_setter) == (title, "", "")
        export_file(store, SAMPLE_SLUG, tmp_path / "public.json")
    written = json.loads((tmp_path / "public.json").read_text(encoding="utf-8"))["dossier"]
    assert written["title"] == title
    assert "subtitle" not in written or written["subtitle"] == ""
    assert "scene_setter" not in written or written["scene_setter"] == ""


def test_a_login_cleared_to_the_texts_sees_them(
    cleared_server: ClearedServer, sample: tuple[int, str, str]
) -> None:
    dossier_id, title, subtitle = sample
    with login(cleared_server, 1) as store, store.session() as session:
        head = summary(session, dossier_id, EVERYTHING, TODAY, upcoming=3, recent=3)
        assert (head.title, head.subtitle) == (title, subtitle)
        assert head.scene_setter


def test_writes_to_a_text_above_the_clearance_are_refused(
    cleared_server: ClearedServer, sample: tuple[int, str, str]
) -> None:
    dossier_id = sample[0]
    ours = f"WHERE dossier_id = {dossier_id}"
    subtitle = f"{ours} AND kind = 'subtitle'"
    with cleared_server.connect(cleared_server.logins[0]) as public:
        # Not there to change; a text of its own level is refused too.
        assert public.execute(f"UPDATE dossier_text SET text = 'overwritten' {ours}").rowcount == 0
        _refused(
            public,
            "INSERT INTO dossier_text (dossier_id, kind, text, handling) "
            f"VALUES ({dossier_id}, 'subtitle', 'mine', 2)",
        )
        # Its title is the Public login's to see and change; its default level is not.
        assert public.execute(f"UPDATE dossier SET title = title WHERE id = {dossier_id}").rowcount
        assert "default level" in _refused(
            public, f"UPDATE dossier SET default_handling = 0 WHERE id = {dossier_id}"
        )
    with cleared_server.connect(cleared_server.logins[1]) as internal:
        assert internal.execute(f"UPDATE dossier_text SET text = text {ours}").rowcount == 2
        _refused(internal, f"UPDATE dossier_text SET handling = 2 {subtitle}")
        assert "only an administrator" in _refused(
            internal, f"UPDATE dossier_text SET handling = 0 {subtitle}"
        )
        assert "stays with its dossier" in _refused(
            internal, f"UPDATE dossier_text SET kind = 'scene_setter' {subtitle}"
        )
    with cleared_server.connect() as owner:
        kept = owner.execute(f"SELECT count(*) FROM dossier_text {ours} AND text = 'overwritten'")
        assert kept.fetchone() == (0,)


def test_lowering_the_default_shows_the_texts_that_take_it(
    cleared_server: ClearedServer, sample: tuple[int, str, str]
) -> None:
    dossier_id, _, subtitle = sample
    with cleared_server.connect(cleared_server.logins[3]) as admin:
        admin.execute(f"UPDATE dossier SET default_handling = 0 WHERE id = {dossier_id}")
        admin.commit()
    try:
        with login(cleared_server, 0) as store, store.session() as session:
            dossier = session.get(Dossier, dossier_id)
            assert dossier is not None
            assert dossier.subtitle == subtitle
    finally:
        with cleared_server.connect() as owner:
            owner.execute(f"UPDATE dossier SET default_handling = 1 WHERE id = {dossier_id}")
    with login(cleared_server, 0) as store, store.session() as session:
        dossier = session.get(Dossier, dossier_id)
        assert dossier is not None
        assert dossier.subtitle == ""
