"""The command line: what each command prints, and exit code 2 with one line for mistakes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from briefing import __version__
from briefing.cli import main
from tests.book.pdf import pdftotext
from tests.cli.running import run
from tests.conftest import SAMPLE_SLUG, file_digest


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"briefing {__version__}"


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--version"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "BRIEFING_DB": "/nonexistent/never-used.sqlite3"},
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"briefing {__version__}"


def test_default_database_is_created_and_seeded_on_first_use(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "data" / "briefing.sqlite3"
    monkeypatch.setenv("BRIEFING_DB", str(default))
    code, out, _ = run(capsys, "dossier", "list")
    assert code == 0
    assert out.startswith(f"{SAMPLE_SLUG}\t")
    assert default.exists()
    code, out, _ = run(capsys, "dossier", "list")
    assert out.count(SAMPLE_SLUG) == 1


def test_default_location_is_the_user_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "db", "path")
    assert code == 0
    assert out.strip().startswith(os.environ["XDG_DATA_HOME"])


def test_db_option_works_before_and_after_the_command(
    capsys: pytest.CaptureFixture[str], sample_db: Path
) -> None:
    assert run(capsys, "--db", str(sample_db), "dossier", "list")[1].startswith(SAMPLE_SLUG)
    assert run(capsys, "dossier", "list", "--db", str(sample_db))[1].startswith(SAMPLE_SLUG)


def test_export_import_through_the_cli(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "out.json"
    code, _, _ = run(
        capsys, "--db", str(sample_db), "dossier", "export", SAMPLE_SLUG, str(out_file)
    )
    assert code == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["dossier"]["slug"] == SAMPLE_SLUG
    fresh = tmp_path / "fresh.sqlite3"
    assert run(capsys, "db", "create", str(fresh))[0] == 0
    code, out, _ = run(capsys, "--db", str(fresh), "dossier", "import", str(out_file))
    assert (code, out.strip()) == (0, f"imported dossier {SAMPLE_SLUG}")


def test_check_lists_the_sample_findings(
    capsys: pytest.CaptureFixture[str], sample_db: Path
) -> None:
    code, out, _ = run(capsys, "--db", str(sample_db), "check", "--today", "2025-05-01")
    assert code == 0
    assert "out-of-office" in out and "Katherine Tai" in out and "Yoo Myung-hee" in out
    assert "disputed" in out
    code, _, _ = run(capsys, "--db", str(sample_db), "check", "--strict")
    assert code == 1


def test_db_maintenance_commands(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    assert run(capsys, "--db", str(sample_db), "db", "integrity")[:2] == (0, "ok\n")
    code, out, _ = run(capsys, "--db", str(sample_db), "db", "backup")
    assert code == 0 and Path(out.strip()).is_file()
    code, out, _ = run(capsys, "--db", str(sample_db), "db", "upgrade")
    assert code == 0 and "schema at" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "no-such-dossier"], "no dossier called 'no-such-dossier'"),
        (["dossier", "export", "nope", "x.json"], "no dossier called 'nope'"),
        (["dossier", "import", "missing-file.json"], "cannot read"),
        (["check", "--audience", "Cosmic"], "no handling level called 'Cosmic'"),
        (["check", "--today", "yesterday"], "is not a date"),
        (["dossier", "frobnicate"], "invalid choice"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str],
    sample_db: Path,
    argv: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["--db", str(sample_db), *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert "Traceback" not in err


def test_bad_import_file_exits_2_and_leaves_database(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "briefing-dossier", "version": 1,\n  "dossier": 5}', encoding="utf-8"
    )
    before = file_digest(sample_db)
    code, _, err = run(capsys, "--db", str(sample_db), "dossier", "import", str(bad))
    assert code == 2
    assert "line" in err and "Traceback" not in err
    assert file_digest(sample_db) == before


def test_refused_database_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all")
    code, _, err = run(capsys, "--db", str(junk), "dossier", "list")
    assert code == 2
    assert "not a Briefing database" in err
    assert junk.read_bytes() == b"not a database at all"


def _stdin(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def test_encrypt_list_and_use_with_passphrase_from_stdin(
    capsys: pytest.CaptureFixture[str], sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", str(sample_db), "--passphrase-stdin"]
    _stdin(monkeypatch, "s3cret pass", "s3cret pass")
    code, out, _ = run(capsys, *db, "db", "encrypt")
    assert code == 0 and "encrypted" in out
    assert b"Ahn Duk-geun" not in sample_db.read_bytes()

    _stdin(monkeypatch, "wrong")
    code, _, err = run(capsys, *db, "dossier", "list")
    assert code == 2 and "passphrase does not open" in err and "s3cret" not in err

    _stdin(monkeypatch, "s3cret pass")
    code, out, _ = run(capsys, *db, "dossier", "list")
    assert code == 0 and out.startswith(SAMPLE_SLUG)

    _stdin(monkeypatch, "s3cret pass", "new pass", "new pass")
    assert run(capsys, *db, "db", "rekey")[0] == 0
    _stdin(monkeypatch, "new pass")
    assert run(capsys, *db, "db", "decrypt")[0] == 0
    assert (
        b"Ahn Duk-geun" in sample_db.read_bytes()
        or run(capsys, "--db", str(sample_db), "dossier", "list")[0] == 0
    )


def test_encrypted_database_without_a_passphrase_source_is_refused(
    capsys: pytest.CaptureFixture[str], sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.store.db.encryption import encrypt

    encrypt(sample_db, "k")
    _stdin(monkeypatch)  # not a terminal, nothing piped
    code, _, err = run(capsys, "--db", str(sample_db), "dossier", "list")
    assert code == 2 and "--passphrase-stdin" in err


def test_backups_listed_and_restored(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    assert run(capsys, *db, "db", "backup")[0] == 0
    code, out, _ = run(capsys, *db, "db", "backups")
    assert code == 0 and "manual" in out and "backup(s) in" in out
    name = next(line.split("\t")[0] for line in out.splitlines() if "manual" in line)
    code, out, _ = run(capsys, *db, "db", "restore", name)
    assert code == 0 and f"restored {name}" in out and "before-restore" in out
    code, _, err = run(capsys, *db, "db", "restore", "no-such-backup.sqlite3")
    assert code == 2 and "no backup called" in err


def test_user_text_is_printed_escaped_never_raw(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A title holding BEL, ESC or a bidi override cannot ring, recolour or turn the terminal."""
    from briefing.store.db.migrate import open_store
    from tests.builders import document, load

    hostile = "Talks\x07 in \x1b[31mSeoul\u202e\u200b"
    doc = document(
        slug="hostile",
        people=[{"id": "p:x", "name": hostile}],
        appointments=[{"id": "a:x", "person": "p:x", "title": "Envoy", "end": "2020-01-01"}],
        events=[
            {
                "id": "e:x",
                "title": "Talks",
                "kind": "meeting",
                "start_date": "2025-04-24",
                "participants": ["p:x"],
            }
        ],
    )
    doc["dossier"]["title"] = hostile
    path = tmp_path / "hostile.sqlite3"
    store = open_store(path, seed_sample=False)
    load(store, doc)
    store.close()
    escaped = "Talks\\x07 in \\x1b[31mSeoul\\u202e\\u200b"
    listed = run(capsys, "--db", str(path), "dossier", "list")[1]
    assert listed == f"hostile\t{escaped}\t6 records\n"
    checked = run(capsys, "--db", str(path), "check", "--today", "2025-05-01")[1]
    assert f"{escaped} is placed at this event" in checked
    with pytest.raises(SystemExit):
        main(["--db", str(path), "dossier", "list", hostile])
    refused = capsys.readouterr().err
    assert f"unrecognized arguments: {escaped}" in refused
    for out in (listed, checked, refused):
        assert not set(out) & set("\x07\x1b\u202e\u200b")


def test_export_draft_takes_no_edition_and_the_next_export_does(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    def editions() -> int:
        with closing(sqlite3.connect(sample_db)) as connection:
            return int(connection.execute("SELECT count(*) FROM edition").fetchone()[0])

    book = ["--db", str(sample_db), "export", "--audience", "Public", "--sections", "scene"]
    code, out, _ = run(capsys, *book, "--draft", "--out", str(tmp_path / "draft.pdf"))
    assert (code, editions()) == (0, 0)
    assert "a draft (no edition recorded)" in out
    assert all("DRAFT" in page for page in pdftotext(tmp_path / "draft.pdf", raw=True))
    code, out, _ = run(capsys, *book, "--out", str(tmp_path / "edition.pdf"))
    assert (code, editions()) == (0, 1)
    assert "edition 1," in out
