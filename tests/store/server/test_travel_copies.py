"""The server's register of travel copies (issue 16): who may read and change it, what the
server stamps on it, and :func:`check_copy`'s refusals, which a sync asks before anything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from briefing.errors import BriefingError
from briefing.store.db.database import Store
from briefing.store.travel import Taken, check_copy, expire, revoke, take_copy
from tests.store.server.conftest import ClearedServer

INTERNAL, CONFIDENTIAL, RESTRICTED = 1, 2, 3


@contextmanager
def as_login(server: ClearedServer, rank: int) -> Iterator[Session]:
    """One transaction as the login cleared to ``rank``."""
    with Store.at(server.url_as(server.logins[rank])) as store, store.session() as session:
        yield session


def utc_today() -> dt.date:
    """The server's date: an expiry is a day in UTC."""
    return dt.datetime.now(dt.UTC).date()


@pytest.fixture
def taken(cleared_server: ClearedServer, tmp_path: Path) -> Taken:
    with Store.at(cleared_server.url_as(cleared_server.logins[CONFIDENTIAL])) as store:
        return take_copy(store, "levels", tmp_path / "trip.briefing", "a passphrase")


def test_the_copy_and_its_base_mark_come_from_one_repeatable_read_snapshot(
    monkeypatch: pytest.MonkeyPatch, cleared_server: ClearedServer, tmp_path: Path
) -> None:
    """A sync asks what changed since the base mark, so the mark must be the snapshot the
    copy's contents were read in, not a later one."""
    from briefing.store import travel

    isolation: list[object] = []
    real_export = travel.dossier_to_model

    def export_and_look(session: Session, *args: Any, **kwargs: Any) -> Any:
        isolation.append(session.scalar(text("SHOW transaction_isolation")))
        return real_export(session, *args, **kwargs)

    monkeypatch.setattr(travel, "dossier_to_model", export_and_look)
    with Store.at(cleared_server.url_as(cleared_server.logins[CONFIDENTIAL])) as store:
        take_copy(store, "levels", tmp_path / "trip.briefing", "a passphrase")
    assert isolation == ["repeatable read"]


def test_its_taker_may_sync_a_copy_and_nobody_else(
    cleared_server: ClearedServer, taken: Taken
) -> None:
    with as_login(cleared_server, CONFIDENTIAL) as session:
        check_copy(session, taken.uid)
    taker = cleared_server.logins[CONFIDENTIAL]
    with (
        as_login(cleared_server, RESTRICTED) as session,
        pytest.raises(BriefingError, match=f"taken by {taker}, not"),
    ):
        check_copy(session, taken.uid)
    with as_login(cleared_server, INTERNAL) as session:
        with pytest.raises(BriefingError, match=r"no travel copy .* taken by"):
            check_copy(session, taken.uid)
        for unknown in ("00000000-0000-0000-0000-000000000000", "not a uid"):
            with pytest.raises(BriefingError, match="no travel copy"):
                check_copy(session, unknown)


def test_a_revoked_or_expired_copy_is_refused_and_only_administrators_change_either(
    cleared_server: ClearedServer, taken: Taken
) -> None:
    changes = (
        lambda session: revoke(session, taken.uid),
        lambda session: expire(session, taken.uid, dt.date(2020, 1, 1)),
    )
    for change in changes:
        with (
            pytest.raises(BriefingError, match="only a Briefing administrator"),
            as_login(cleared_server, CONFIDENTIAL) as session,
        ):
            change(session)
    with as_login(cleared_server, CONFIDENTIAL) as session:
        check_copy(session, taken.uid)
    with as_login(cleared_server, RESTRICTED) as session:
        expire(session, taken.uid, utc_today() + dt.timedelta(days=2))
    with as_login(cleared_server, CONFIDENTIAL) as session:
        check_copy(session, taken.uid)
    with as_login(cleared_server, RESTRICTED) as session:
        expire(session, taken.uid, utc_today())
    with (
        as_login(cleared_server, CONFIDENTIAL) as session,
        pytest.raises(BriefingError, match=f"expired on {utc_today():%Y-%m-%d}"),
    ):
        check_copy(session, taken.uid)
    with as_login(cleared_server, RESTRICTED) as session:
        revoke(session, taken.uid)
    with (
        as_login(cleared_server, CONFIDENTIAL) as session,
        pytest.raises(BriefingError, match=f"revoked on .* by {cleared_server.logins[RESTRICTED]}"),
    ):
        check_copy(session, taken.uid)


def test_a_login_cannot_register_a_copy_as_someone_else(cleared_server: ClearedServer) -> None:
    """The server stamps the taker and its clearance, whatever the client writes."""
    with cleared_server.connect(cleared_server.logins[INTERNAL]) as internal:
        internal.execute(
            "INSERT INTO travel_copy (uid, dossier_id, login, clearance, taken_at, base_mark) "
            "VALUES ('11111111-1111-1111-1111-111111111111', 1, %s, 3, now(), 'x')",
            [cleared_server.logins[RESTRICTED]],
        )
        rows = internal.execute("SELECT login, clearance, base_mark FROM travel_copy").fetchall()
        assert [row[:2] for row in rows] == [(cleared_server.logins[INTERNAL], INTERNAL)]
        assert rows[0][2] != "x"
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            internal.execute("UPDATE travel_copy SET revoked_at = NULL")
        internal.rollback()
    with (
        cleared_server.connect(cleared_server.logins[INTERNAL]) as internal,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        internal.execute("SELECT * FROM travel_base")
