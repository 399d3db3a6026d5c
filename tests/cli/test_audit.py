"""``briefing server audit``: every export, one aligned line each, oldest first."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from briefing.domain import AuditEvent
from briefing.store.db.migrate import open_store
from tests.audit_trail import expected_user
from tests.cli.running import run
from tests.conftest import SAMPLE_SLUG


def test_exports_are_printed_one_aligned_line_each(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    book, file = tmp_path / "book.pdf", tmp_path / "internal.json"
    assert (
        run(capsys, "--db", database, "export", "--audience", "Public", "--out", str(book))[0] == 0
    )
    code, _, _ = run(
        capsys,
        "--db",
        database,
        "dossier",
        "export",
        SAMPLE_SLUG,
        str(file),
        "--audience",
        "Internal",
    )
    assert code == 0
    missing = tmp_path / "missing" / "whole.json"
    assert run(capsys, "--db", database, "dossier", "export", SAMPLE_SLUG, str(missing))[0] == 2
    code, out, err = run(capsys, "server", "audit", "--db", database)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    with open_store(database, seed_sample=False) as store:
        who = expected_user(store)
    for line, action, audience, edition, name in (
        (lines[0], "book", "Public", "edition 1", "book.pdf"),
        (lines[1], "dossier file", "Internal", "-", "internal.json"),
    ):
        fields = line.split("  ")
        words = [field.strip() for field in fields if field.strip()]
        assert words[1:6] == [who, action, SAMPLE_SLUG, audience, edition]
        assert words[7] == name
        dt.datetime.fromisoformat(words[0])
    # Aligned: each column starts at the same place on every line.
    assert lines[0].index(SAMPLE_SLUG) == lines[1].index(SAMPLE_SLUG)
    assert lines[0].index("edition 1") == lines[1].index("- ")


def test_since_prints_only_events_on_or_after_the_day(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    run(capsys, "--db", database, "dossier", "export", SAMPLE_SLUG, str(tmp_path / "f.json"))
    today = dt.datetime.now(dt.UTC).date()
    code, out, _ = run(capsys, "--db", database, "server", "audit", "--since", str(today))
    assert code == 0
    assert [line.split()[3] for line in out.splitlines()] == ["dossier"]
    tomorrow = today + dt.timedelta(days=1)
    code, out, _ = run(capsys, "--db", database, "server", "audit", "--since", str(tomorrow))
    assert (code, out) == (0, f"no events since {tomorrow}\n")


def test_since_leaves_out_an_older_event(
    capsys: pytest.CaptureFixture[str], sample_db: Path
) -> None:
    """Only on a file: the server stamps every event with its own clock."""
    with open_store(sample_db, seed_sample=False) as store, store.session() as session:
        session.add(AuditEvent(at=dt.datetime(2020, 1, 2, 3, 4, 5), who="ana", action="book"))
        session.add(AuditEvent(at=dt.datetime(2025, 1, 1), who="bo", action="draft"))
    _, out, _ = run(capsys, "--db", str(sample_db), "server", "audit")
    assert [line.split()[:3] for line in out.splitlines()] == [
        ["2020-01-02", "03:04:05", "ana"],
        ["2025-01-01", "00:00:00", "bo"],
    ]
    _, out, _ = run(capsys, "--db", str(sample_db), "server", "audit", "--since", "2021-06-01")
    assert [line.split()[2] for line in out.splitlines()] == ["bo"]


def test_an_empty_trail_says_so(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    assert run(capsys, "--db", str(sample_db), "server", "audit") == (0, "no events\n", "")


def test_the_trail_is_printed_in_korean(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    """The trail keeps its actions in English; a Korean reader reads them in Korean."""
    db = ("--db", str(sample_db))
    book, whole = tmp_path / "book.pdf", tmp_path / "whole.json"
    assert run(capsys, *db, "export", "--audience", "Public", "--out", str(book))[0] == 0
    assert run(capsys, *db, "dossier", "export", SAMPLE_SLUG, str(whole))[0] == 0
    code, out, _ = run(capsys, "--language", "ko", "server", "audit", *db)
    assert code == 0
    book_line, file_line = out.splitlines()
    assert " 자료집 " in book_line and "제1판" in book_line
    assert " 자료철 파일 " in file_line and " 모든 등급 " in file_line
    assert "dossier file" not in out and "all levels" not in out


def test_every_action_the_trail_records_is_marked_for_translation() -> None:
    """An action recorded with a word :data:`~briefing.store.audit.ACTIONS` lacks would
    reach a Korean reader of the trail in English: every word written as an ``action``
    of ``audit.record`` (or of those that pass it on: the accounts' ``_audit``, the
    exports' ``keep_edition``) is there."""
    from briefing.store.audit import ACTIONS

    recorded: set[str] = set()
    for path in (Path(__file__).resolve().parents[2] / "briefing").rglob("*.py"):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "attr", getattr(call.func, "id", ""))
            given = [
                k.value
                for k in call.keywords
                if k.arg == "action" and name in ("record", "keep_edition")
            ]
            given += call.args[1:2] if name == "_audit" else []
            recorded |= {
                node.value
                for value in given
                for node in ast.walk(value)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
            }
    assert {"book", "cards", "draft", "reprint", "user added"} <= recorded
    assert recorded <= set(ACTIONS)
