"""A server guard's refusal reaches the person in their language (issue 18): the guards
raise in English, and the client knows their sentences."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from briefing.domain import Record
from briefing.errors import NotSaved
from briefing.i18n import translator
from briefing.store.db.migrate import open_store
from briefing.store.server.refusals import APPEND_ONLY, LOWERING, said
from tests.store.server.conftest import ClearedServer

KOREAN = translator("ko").gettext


def test_a_guards_refusal_is_said_in_korean(cleared_server: ClearedServer) -> None:
    url = cleared_server.url_as(cleared_server.logins[2])
    with open_store(url, seed_sample=False) as store:
        with store.session() as session:
            secret = session.scalars(
                select(Record.id).where(Record.handling == 2).order_by(Record.id)
            ).first()
        assert secret is not None
        with pytest.raises(NotSaved) as refused, store.session() as session:
            session.execute(text(f"UPDATE record SET handling = 1 WHERE id = {secret}"))
    english, korean = refused.value.said(str), refused.value.said(KOREAN)
    assert LOWERING in english
    assert "취급 등급은 관리자만 낮출 수 있습니다" in korean
    assert "administrator" not in korean and "nothing was changed" not in korean


def test_a_sentence_the_client_does_not_know_is_passed_on_as_the_server_said_it() -> None:
    assert said("a newer server's own reason") == "a newer server's own reason"
    audit = said(f"{APPEND_ONLY} (UPDATE refused)")
    assert not isinstance(audit, str) and audit.said(KOREAN).startswith("감사 기록은")
