"""The command line in the user's language: ``--language``, else the locale, else English."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.cli_language import cli_language
from tests.conftest import SAMPLE_SLUG


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_speaks_korean_when_asked(
    capsys: pytest.CaptureFixture[str], sample_db: Path
) -> None:
    """The same findings, said in Korean: severities, messages and the summary line."""
    argv = ("--db", str(sample_db), "check", "--today", "2025-05-01")
    code, korean, _ = run(capsys, "--language", "ko", *argv)
    assert code == 0
    assert "기록된 직위 중 그날에 해당하는 것이 없습니다" in korean
    assert "문제" in korean and "Katherine Tai" in korean  # names are the dossier's own
    assert "점검 결과" in korean.splitlines()[-1]
    assert "no recorded office" not in korean
    code, english, _ = run(capsys, *argv)
    assert code == 0
    assert "when no recorded office of theirs covers that date" in english
    assert "findings in" in english.splitlines()[-1]
    assert len(english.splitlines()) == len(korean.splitlines())


def test_a_mistake_is_told_in_korean(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    code, _, err = run(capsys, "--language", "ko", "--db", str(sample_db), "check", "nope")
    assert code == 2
    assert err.strip() == "briefing: 'nope'(이)라는 자료철이 없습니다"
    code, _, err = run(capsys, "--language", "ko", "--db", str(sample_db), "check", "--today", "x")
    assert code == 2 and "날짜가 아닙니다" in err and "(--help 참고)" in err


def test_the_stores_refusals_are_told_in_korean(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A store error is raised with its message id, so the command line can say it in
    its language; the English stays as it was."""
    missing = tmp_path / "nowhere.sqlite3"
    code, _, err = run(capsys, "--language", "ko", "--db", str(missing), "check")
    assert code == 2
    assert err.strip() == (
        f"briefing: {missing}에 데이터베이스가 없습니다. 다음으로 만드십시오: "
        f"briefing db create {missing}"
    )
    code, _, err = run(capsys, "--db", str(missing), "check")
    assert err.strip() == (
        f"briefing: no database at {missing}; create one with: briefing db create {missing}"
    )


def test_help_is_korean_argparse_words_and_all(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--language", "ko", "check", "--help")
    assert code == 0
    assert out.startswith("사용법: ")
    assert "이 도움말을 보이고 끝냅니다" in out
    assert "점검 결과가 있으면 종료 코드 1" in out
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0
    assert out.startswith("usage: ") and "exit 1 when there are findings" in out


def test_the_locale_decides_when_no_language_is_given(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "ko_KR.UTF-8")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and out.startswith("사용법: ")
    code, out, _ = run(capsys, "--language", "en", "--help")
    assert code == 0 and out.startswith("usage: ")


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["--language", "ko", "check"], {}, "ko"),
        (["--language=ko", "check"], {"LANG": "en_US.UTF-8"}, "ko"),
        (["--db", "--language", "check"], {}, "en"),  # a file called "--language"
        (["export", "--language", "ko"], {}, "en"),  # the book's language, not the CLI's
        (["check"], {"LANGUAGE": "fr:ko"}, "ko"),
        (["check"], {"LC_ALL": "ko_KR.UTF-8", "LANG": "en_GB.UTF-8"}, "ko"),
        (["check"], {"LC_ALL": "C", "LANG": "ko_KR.UTF-8"}, "en"),
        (["check"], {}, "en"),
    ],
)
def test_which_language_the_command_line_speaks(
    argv: list[str], environ: dict[str, str], expected: str
) -> None:
    assert cli_language(argv, environ) == expected


def test_the_commands_summary_lines_speak_korean(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    """Not only ``check``: the lines ``edition``, ``calendar`` and ``db`` print after their
    work are said in the language asked for, the file names and counts as they are."""
    db = ("--db", str(sample_db))
    calendar = ("calendar", "export", "--audience", "Public", "--out")
    code, out, _ = run(capsys, "--language", "ko", *db, *calendar, str(tmp_path / "k.ics"))
    assert code == 0
    assert out.startswith(f"{tmp_path / 'k.ics'} 작성: Public 열람 대상용 일정 ")
    code, out, _ = run(capsys, *db, *calendar, str(tmp_path / "e.ics"))
    assert code == 0 and out.startswith(f"wrote {tmp_path / 'e.ics'}: ")
    assert "events for the Public audience" in out
    code, out, _ = run(capsys, "--language", "ko", *db, "edition", "list")
    assert (code, out) == (0, "발행본이 없습니다\n")
    code, out, _ = run(capsys, *db, "edition", "list")
    assert (code, out) == (0, "no editions\n")
    code, out, _ = run(capsys, "--language", "ko", *db, "db", "backups")
    assert code == 0 and re.fullmatch(r".+에 백업 \d+개", out.splitlines()[-1])
    assert "backup(s)" not in out


def test_every_refusal_is_told_in_korean(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    """The refusals the command line, the book's options and the store raise reach a
    Korean user in Korean, whichever layer raised them; the English stays as it was."""
    db = ("--db", str(sample_db))
    server = ("--db", "postgresql://someone@db.example.org/briefing")
    notes = tmp_path / "notes.pdf"
    notes.write_text("a note, not a PDF\n", encoding="utf-8")
    export = (*db, "export", "--audience", "Public", "--out", str(tmp_path / "book.pdf"))
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]\n", encoding="utf-8")
    newer = tmp_path / "newer.sqlite3"
    with closing(sqlite3.connect(newer)) as connection, connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('ffffffffffff')")
    calendar = tmp_path / "zone.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        "UID:e1@example.org\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Talks\r\n"
        "DTSTART;TZID=Mars/Olympus:20250423T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    remote = ("--db", "postgresql://someone@db.example.org/briefing")
    unknown = tmp_path / "unknown-level.json"
    assert run(capsys, *db, "dossier", "export", SAMPLE_SLUG, str(unknown))[0] == 0
    exported = unknown.read_text(encoding="utf-8")

    def broken(name: str, list_name: str, **values: object) -> Path:
        """The sample's file with its first ``list_name`` row given ``values``."""
        document = json.loads(exported)
        document[list_name][0] |= values
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")
        return path

    unknown = broken("unknown-level", "people", handling="Nowhere")
    backwards = broken("backwards", "events", start_date="2012-03-15", end_date="2012-03-14")
    nowhere = broken("nowhere", "events", timezone="Mars/Olympus")
    undated = broken("undated", "events", start_date="soon")
    two = tmp_path / "two.json"
    two.write_text(exported + exported, encoding="utf-8")
    cases = [
        ((*db, "dossier", "import", str(empty)), "파일이 비어 있습니다"),
        ((*db, "dossier", "import", str(listed)), "Briefing 자료철 파일이 아닙니다 ("),
        ((*db, "dossier", "import", str(listed)), "(1행)"),
        ((*db, "dossier", "import", str(unknown)), "알 수 없는 취급 등급 'Nowhere' ("),
        ((*db, "dossier", "import", str(unknown)), "행, 위치 people[0].handling)"),
        ((*db, "dossier", "import", str(backwards)), "끝(2012-03-14)이 시작(2012-03-15)보다"),
        ((*db, "dossier", "import", str(nowhere)), "알 수 없는 시간대 'Mars/Olympus' (Asia/Seoul"),
        ((*db, "dossier", "import", str(undated)), "값은 YYYY-MM-DD 형식의 날짜여야 합니다 ("),
        ((*db, "dossier", "import", str(two)), "올바른 JSON이 아닙니다: 문서 뒤에 불필요한 데이터"),
        (("--db", str(newer), "dossier", "list"), "더 새로운 버전의 Briefing이 썼습니다"),
        ((*remote, "dossier", "list"), "서버 인증서를 확인하는 TLS로만 연결합니다"),
        ((*db, "calendar", "import", str(calendar)), "알 수 없는 시간대 'Mars/Olympus'"),
        ((*export, "--card", "--since", "1"), "--card는 회담마다 요약지를 한 장씩"),
        ((*db, "edition", "whose", str(notes)), "notes.pdf은(는) PDF 파일이 아닙니다"),
        ((*export, "--sections", ","), "선택한 부분이 없습니다"),
        ((*export, "--sections", "gossip"), "알 수 없는 부분 'gossip'"),
        ((*export, "--copies", "A;B", "--draft"), "초안은 판이 아니므로"),
        ((*export, "--copies", "A;;B"), "사본 3부 중 2번째에 받는 사람이 없습니다"),
        ((*export, "--copies", "A;" + "B" * 300), "받는 사람 이름은 "),
        ((*db, "dossier", "merge", str(tmp_path / "gone.json")), "을(를) 읽을 수 없습니다: "),
        (("server", "upgrade"), "서버를 지정하십시오"),
        (("server", "init", str(sample_db)), "PostgreSQL 서버가 아닙니다"),
        ((*server, "db", "restore"), "서버는 관리자가 pg_dump 백업에서 pg_restore로 복원합니다"),
        ((*db, "db", "backup", "--out", str(tmp_path / "b")), "--out은 서버 백업용입니다"),
        (("travel", "list"), "출장용 사본은 팀 서버에 등록됩니다"),
    ]
    for argv, korean in cases:
        code, _, err = run(capsys, "--language", "ko", *argv)
        assert code == 2, (argv, err)
        assert korean in err and len(err.splitlines()) == 1, (argv, err)
        assert not re.search(r"[a-z]{3,} [a-z]{3,} [a-z]{3,}", err.partition(": ")[2]), err
        code, _, english = run(capsys, "--language", "en", *argv)
        assert code == 2 and not re.search("[가-힣]", english), english


def test_the_integrity_checks_findings_are_told_in_korean(
    capsys: pytest.CaptureFixture[str], sample_db: Path
) -> None:
    """A row pointing at a missing one is named in Korean, the tables as they are."""
    with closing(sqlite3.connect(sample_db)) as connection, connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(
            "UPDATE alias SET record_id = 999999 WHERE id = (SELECT min(id) FROM alias)"
        )
    code, out, _ = run(capsys, "--language", "ko", "--db", str(sample_db), "db", "integrity")
    assert code == 1
    assert re.search(r"alias의 \d+행이 없는 record을\(를\) 가리킵니다", out), out
    assert "points at" not in out and "problem(s)" not in out


def test_a_kept_conflict_is_listed_in_korean(
    capsys: pytest.CaptureFixture[str], sample_db: Path
) -> None:
    """Why the other side refused a change, and the kind of a whole record, are said in
    the reader's words: the reason is kept as its message and arguments."""
    from briefing.domain.words import field_word, kind_word
    from briefing.errors import Phrase
    from briefing.store.db.migrate import open_store
    from briefing.store.sync.apply_items import HAS_NO
    from briefing.store.sync.conflicts import Found, keep
    from briefing.store.sync.operations import Conflict, ConflictType
    from briefing.store.sync.spec import MISSING
    from briefing.store.sync.spec import Record as State

    chip = State("bargaining_chip", {"title": "Steel quota"})
    reason = Phrase(
        HAS_NO,
        uid="c-1",
        kind=kind_word("bargaining_chip"),
        field=field_word("delegation", "members"),
    )
    found = [
        Found(Conflict("c-1", "bargaining_chip", ConflictType.EDIT_EDIT, chip, MISSING, chip)),
        Found(
            Conflict("c-1", "bargaining_chip", ConflictType.EDIT_EDIT, [], ["x"], [], "members"),
            reason=reason,
        ),
    ]
    with open_store(sample_db, seed_sample=False) as store, store.session() as session:
        keep(session, "sync-1", found, dt.datetime(2026, 12, 6, 9, 0))
    code, korean, err = run(
        capsys, "--language", "ko", "--db", str(sample_db), "dossier", "conflicts"
    )
    assert (code, err) == (0, "")
    assert "   기준:   협상 카드 항목 전체" in korean.splitlines()
    assert "협상 카드 유형 항목에는 구성원(서열순)이(가) 없습니다" in korean
    assert "bargaining" not in korean and "record of kind" not in korean
    code, english, _ = run(capsys, "--db", str(sample_db), "dossier", "conflicts")
    assert "   base:   the whole bargaining chip" in english.splitlines()
    assert "c-1: a record of kind bargaining chip has no Members (in order)" in english
