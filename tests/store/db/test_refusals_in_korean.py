"""What the database refuses is said in the reader's language, not only in English.

The store raises its refusals as a message id and arguments (``BriefingError.said``); a
refusal built as English text before raising would reach a Korean user in English.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from briefing.errors import BriefingError, DatabaseRefused, NotFound
from briefing.i18n import translator
from briefing.store.db.backup import find_backup, list_backups
from briefing.store.db.database import (
    Store,
    connection_refused,
    refused_by_server,
    translate,
)
from briefing.store.db.migrate import open_store
from briefing.store.server.policies import apply

SERVER = make_url("postgresql+psycopg://minji@localhost/briefing")
HANGUL = re.compile("[가-힣]")


def _korean(error: BriefingError | None) -> str:
    assert error is not None
    korean = error.said(translator("ko").gettext)
    assert HANGUL.search(korean) and not HANGUL.search(str(error)), korean
    return korean


@pytest.mark.parametrize(
    ("driver_says", "url", "korean"),
    [
        ("database or disk is full", None, "디스크가 가득 찼습니다"),
        ("attempt to write a readonly database", None, "읽기 전용"),
        ("database is locked", None, "다른 Briefing 창에서"),
        ("disk I/O error", None, "데이터베이스 파일에 쓸 수 없습니다 (disk I/O error)"),
        ("server closed the connection unexpectedly", SERVER, "localhost의 서버가 응답하지"),
    ],
)
def test_a_failed_write_is_said_in_korean(driver_says: str, url: object, korean: str) -> None:
    error = translate(OperationalError("UPDATE", {}, Exception(driver_says)), url)  # type: ignore[arg-type]
    assert korean in _korean(error)


@pytest.mark.parametrize(
    ("driver_says", "korean"),
    [
        ('password authentication failed for user "minji"', "사용자 minji와(과) 그 비밀번호"),
        ("fe_sendauth: no password supplied", "사용자 minji의 비밀번호를 요구합니다"),
        ('database "briefing" does not exist', "briefing(이)라는 데이터베이스가 없습니다"),
        ("connection refused", "서버가 실행 중이 아니거나"),
        ("something else", "서버가 연결을 거부했습니다"),
    ],
)
def test_a_server_that_cannot_be_opened_is_said_in_korean(driver_says: str, korean: str) -> None:
    error = connection_refused(OperationalError("connect", {}, Exception(driver_says)), SERVER)
    assert _korean(error).startswith("localhost의 Briefing 서버를 열 수 없습니다: ")
    assert korean in _korean(error)


@pytest.mark.parametrize(
    ("primary", "korean"),
    [
        ('new row violates row-level security policy for table "chip"', "인가 등급보다 높은"),
        ("permission denied for table chip", "이 로그인으로는 할 수 없는 일입니다"),
    ],
)
def test_a_servers_refusal_is_said_in_korean(primary: str, korean: str) -> None:
    orig = Exception(primary)
    orig.sqlstate = "42501"  # type: ignore[attr-defined]
    orig.diag = SimpleNamespace(message_primary=primary)  # type: ignore[attr-defined]
    error = refused_by_server(DBAPIError("INSERT", {}, orig))
    assert korean in _korean(error)


def test_no_backups_is_said_in_korean(tmp_path: Path) -> None:
    with pytest.raises(NotFound) as refused:
        find_backup(tmp_path / "briefing.sqlite3", None)
    assert _korean(refused.value).startswith(f"{tmp_path / 'briefing.sqlite3'}의 백업이 ")


def test_a_damaged_file_and_its_backups_are_said_in_korean(sample_db: Path) -> None:
    """The backups hint after why the file will not open is said in Korean too."""
    open_store(sample_db, seed_sample=False).close()
    (backup,) = list_backups(sample_db)
    data = sample_db.read_bytes()
    sample_db.write_bytes(data[: len(data) // 3])
    with pytest.raises(DatabaseRefused) as refused:
        open_store(sample_db, seed_sample=False)
    korean = _korean(refused.value)
    assert korean.startswith((f"{sample_db}을(를) ", f"{sample_db}이(가) "))
    assert korean.endswith(
        f"파일은 바꾸지 않았습니다. {backup.parent}에 백업이 1개 있으며 가장 최근 것은 "
        f"{backup.name}입니다. `briefing db restore` 또는 파일 ▸ 백업 복원으로 되살리십시오."
    )


def test_a_table_the_server_policies_do_not_know_is_said_in_korean(pg_url: URL) -> None:
    with Store.at(pg_url) as store, store.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE notes (body text)")
        with pytest.raises(BriefingError) as refused:
            apply(connection)
    assert _korean(refused.value).startswith("테이블 notes은(는) 자료철 내용도 아니고 ")
