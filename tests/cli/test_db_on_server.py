"""``briefing db …`` on a team server (issue 15): a backup is a pg_dump for administrators,
and the SQLite-only commands say in one line what applies on a server instead."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from briefing.store.db.database import Store
from briefing.store.db.dump import find_pg_dump
from tests.cli.running import run


def address(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def test_an_administrators_backup_is_a_pg_dump_that_pg_restore_reads(
    capsys: pytest.CaptureFixture[str], pg_sample_url: URL, tmp_path: Path
) -> None:
    out_file = tmp_path / "team.dump"
    code, out, err = run(
        capsys, "--db", address(pg_sample_url), "db", "backup", "--out", str(out_file)
    )
    assert (code, out, err) == (0, f"{out_file}\n", "")
    listing = subprocess.run(
        [str(find_pg_dump().with_name("pg_restore")), "--list", str(out_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE DATA public person" in listing or "TABLE DATA public" in listing


def test_a_role_row_level_security_filters_cannot_back_up_and_is_told_in_one_line(
    capsys: pytest.CaptureFixture[str], pg_sample_url: URL, tmp_path: Path
) -> None:
    with Store.at(pg_sample_url) as store, store.engine.begin() as connection:
        for statement in (
            "CREATE ROLE clerk LOGIN",
            "GRANT SELECT ON ALL TABLES IN SCHEMA public TO clerk",
            "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO clerk",
            "CREATE TABLE notes (body text)",
            "GRANT SELECT ON notes TO clerk",
            "ALTER TABLE notes ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY nothing ON notes FOR SELECT USING (false)",
        ):
            connection.exec_driver_sql(statement)
    try:
        out_file = tmp_path / "team.dump"
        db = address(pg_sample_url.set(username="clerk"))
        code, out, err = run(capsys, "--db", db, "db", "backup", "--out", str(out_file))
        korean = run(capsys, "--language", "ko", "--db", db, "db", "backup", "--out", str(out_file))
    finally:
        with Store.at(pg_sample_url) as store, store.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE notes")
            connection.exec_driver_sql("DROP OWNED BY clerk")
            connection.exec_driver_sql("DROP ROLE clerk")
    assert (code, out) == (2, "")
    assert err == (
        "briefing: only an administrator can back up the server at localhost: user clerk "
        "cannot read every row; ask your administrator\n"
    )
    assert korean == (
        2,
        "",
        "briefing: localhost의 서버는 관리자만 백업할 수 있습니다. 사용자 clerk은(는) 모든 행을 "
        "읽을 수 없습니다. 관리자에게 요청하십시오\n",
    )
    assert not out_file.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("command", "applies"),
    [
        ("encrypt", "TLS (sslmode=verify-full)"),
        ("decrypt", "disk encryption"),
        ("rekey", "disk encryption"),
        ("restore", "pg_restore"),
        ("backups", "pg_dump files"),
        ("integrity", "pg_amcheck"),
    ],
)
def test_file_only_commands_say_what_applies_on_a_server(
    capsys: pytest.CaptureFixture[str], pg_url: URL, command: str, applies: str
) -> None:
    code, out, err = run(capsys, "--db", address(pg_url), "db", command)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert f"`db {command}` is not for a server" in err and applies in err
