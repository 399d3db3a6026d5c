"""Every mistake a person can make on the command line ends in one line and exit code 2.

One mistake (at least) per subcommand and per option that takes a value, plus the ones a
new user hit: no traceback, no "[Errno …]", nothing created where a database was missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.cli import main
from tests.conftest import SAMPLE_SLUG

ERRNO = re.compile(r"\[Errno|Errno \d|errno", re.IGNORECASE)


def mistakes(db: str, folder: Path) -> dict[str, list[str]]:
    missing = str(folder / "no" / "such" / "dir" / "x.sqlite3")
    bad_json = folder / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    pdf = str(folder / "out.pdf")
    on = ["--db", db]
    book = [*on, "export", SAMPLE_SLUG, "--audience", "Public", "--out", pdf]
    cal, ics = [*on, "calendar", "export"], str(folder / "out.ics")
    ics_in = str(folder / "in.ics")
    Path(ics_in).write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:u\r\n"
        b"DTSTAMP:20250401T000000Z\r\nDTSTART;VALUE=DATE:20250424\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    return {
        "--db missing file": ["--db", missing, "dossier", "list"],
        "--db empty file": ["--db", str(folder / "empty.sqlite3"), "dossier", "list"],
        "--db a folder": ["--db", str(folder), "dossier", "list"],
        "--db unknown scheme": ["--db", "foo://bar", "dossier", "list"],
        "--db another server": ["--db", "mysql://localhost/x", "dossier", "list"],
        "--db not a url": ["--db", "sqlite+nodriver://x", "dossier", "list"],
        "gui on a missing file": ["--db", missing, "gui"],
        "dossier list on a foreign file": ["--db", str(bad_json), "dossier", "list"],
        "dossier export unknown slug": [*on, "dossier", "export", "nope", str(folder / "x.json")],
        "dossier export unwritable": [*on, "dossier", "export", SAMPLE_SLUG, "/proc/x.json"],
        "dossier import bad file": [*on, "dossier", "import", str(bad_json)],
        "dossier import missing file": [*on, "dossier", "import", str(folder / "none.json")],
        "dossier import --as taken": [*on, "dossier", "import", str(bad_json), "--as", "x y"],
        "dossier schema unwritable": [*on, "dossier", "schema", "/proc/x.json"],
        "dossier generate --people": [*on, "dossier", "generate", "--people", "-3"],
        "dossier generate --events": [*on, "dossier", "generate", "--events", "many"],
        "dossier generate --chips": [*on, "dossier", "generate", "--chips", "1.5"],
        "dossier generate --sources": [*on, "dossier", "generate", "--sources", ""],
        "dossier generate --seed": [*on, "dossier", "generate", "--seed", "x"],
        "dossier generate --slug taken": [*on, "dossier", "generate", "--slug", SAMPLE_SLUG],
        "export unknown slug": [*on, "export", "nope", "--audience", "Public", "--out", pdf],
        "export --audience": [*on, "export", "--audience", "Cosmic", "--out", pdf],
        "export --paper": [*book, "--paper", "a5"],
        "export --sections empty": [*book, "--sections", ","],
        "export --sections unknown": [*book, "--sections", "chips,gossip"],
        "export --today": [*book, "--today", "tomorrow"],
        "export --out unwritable": [*on, "export", "--audience", "Public", "--out", "/proc/x"],
        "export --out a folder": [*on, "export", "--audience", "Public", "--out", str(folder)],
        "check unknown slug": [*on, "check", "nope"],
        "check --audience": [*on, "check", "--audience", "Cosmic"],
        "check --today": [*on, "check", "--today", "2025-13-01"],
        "db upgrade missing": ["--db", missing, "db", "upgrade"],
        "db backup missing": ["--db", missing, "db", "backup"],
        "db integrity missing": ["--db", missing, "db", "integrity"],
        "db backups missing": ["--db", missing, "db", "backups"],
        "db restore unknown backup": [*on, "db", "restore", "no-such-backup"],
        "db encrypt missing": ["--db", missing, "db", "encrypt", "--passphrase-stdin"],
        "db decrypt not encrypted": [*on, "db", "decrypt", "--passphrase-stdin"],
        "db rekey missing": ["--db", missing, "db", "rekey", "--passphrase-stdin"],
        "db create existing": [*on, "db", "create", db],
        "db create in a folder that cannot be made": ["db", "create", "/proc/no/x.sqlite3"],
        "db path with a bad url": ["--db", "foo://bar", "db", "path"],
        "travel out from a file": [
            *["travel", "out", "--from", db, "--to", str(folder / "trip.briefing")],
            "--passphrase-stdin",
        ],
        "travel out without --to": ["travel", "out", "--from", db],
        "travel list without a server": ["travel", "list"],
        "travel list on a file": [*on, "travel", "list"],
        "travel revoke on a file": [*on, "travel", "revoke", "some-uid"],
        "travel expire --on": [*on, "travel", "expire", "some-uid", "--on", "2025-02-30"],
        "calendar export unknown slug": [*cal, "nope", "--audience", "Public", "--out", ics],
        "calendar export --audience": [*cal, "--audience", "Cosmic", "--out", ics],
        "calendar export --out unwritable": [*cal, "--audience", "Public", "--out", "/proc/x"],
        "calendar export without --out": [*cal, "--audience", "Public"],
        "calendar import missing file": [*on, "calendar", "import", str(folder / "none.ics")],
        "calendar import bad file": [*on, "calendar", "import", str(bad_json)],
        "calendar import unknown slug": [*on, "calendar", "import", ics_in, "nope"],
        "calendar import --zone": [*on, "calendar", "import", ics_in, "--zone", "Mars/Base"],
        "calendar import --level": [*on, "calendar", "import", ics_in, "--level", "Cosmic"],
        "unknown command": [*on, "dossier", "frobnicate"],
    }


def test_every_mistake_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty.sqlite3").touch()
    failures = []
    for name, argv in mistakes(str(sample_db), tmp_path).items():
        try:
            code = main(argv)
        except SystemExit as stopped:
            code = stopped.code if isinstance(stopped.code, int) else 2
        _, err = capsys.readouterr()
        lines = err.strip().splitlines()
        if code != 2 or len(lines) != 1 or "Traceback" in err or ERRNO.search(err):
            failures.append(f"{name}: exit {code}, stderr {err!r}")
    assert not failures, "\n".join(failures)
    assert not (tmp_path / "no").exists(), "a missing database's folder was created"
    assert (tmp_path / "empty.sqlite3").stat().st_size == 0


def test_db_create_makes_the_only_new_databases(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "new" / "team.sqlite3"
    assert main(["db", "create", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"created {target}"
    assert main(["--db", str(target), "dossier", "list"]) == 0
    assert capsys.readouterr().out.strip() == "no dossiers"
    sample = tmp_path / "sample.sqlite3"
    assert main(["db", "create", str(sample), "--sample"]) == 0
    capsys.readouterr()
    assert main(["--db", str(sample), "dossier", "list"]) == 0
    assert capsys.readouterr().out.startswith(SAMPLE_SLUG)


def test_dossier_delete_asks_backs_up_and_can_be_undone(
    capsys: pytest.CaptureFixture[str], sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func, select

    from briefing.domain import Citation, Dossier, Record
    from briefing.store.db.backup import list_backups
    from briefing.store.db.migrate import open_store
    from briefing.store.dossiers import delete_dossier, restore_dossier

    def counts() -> tuple[int, int, int]:
        store = open_store(sample_db, seed_sample=False)
        with store.session() as session:
            found = tuple(
                int(session.scalar(select(func.count()).select_from(model)) or 0)
                for model in (Dossier, Record, Citation)
            )
        store.close()
        return found[0], found[1], found[2]

    before = counts()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--db", str(sample_db), "dossier", "delete", SAMPLE_SLUG]) == 2
    assert "--yes" in capsys.readouterr().err
    assert counts() == before
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda: "n")
    assert main(["--db", str(sample_db), "dossier", "delete", SAMPLE_SLUG]) == 0
    assert counts() == before
    backups = len(list_backups(sample_db))
    assert main(["--db", str(sample_db), "dossier", "delete", SAMPLE_SLUG, "--yes"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"deleted {SAMPLE_SLUG}")
    assert counts() == (0, 0, 0)
    assert len(list_backups(sample_db)) == backups + 1

    store = open_store(list_backups(sample_db)[-1], seed_sample=False)
    with store.session() as session:
        deleted = delete_dossier(session, SAMPLE_SLUG)
        restore_dossier(session, deleted)
        dossier = session.scalars(select(Dossier)).one()
        assert dossier.prepared_for is not None and dossier.prepared_for.code == "KR"
        assert session.scalar(select(func.count()).select_from(Record)) == before[1]
    store.close()


def test_export_help_names_the_sections_and_the_databases_levels(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from briefing.store.db.migrate import open_store
    from tests.builders import LEVELS, document, load

    target = tmp_path / "ministry.sqlite3"
    store = open_store(target, seed_sample=False)
    doc = document()
    doc["handling_levels"] = [
        {**level, "name": name}
        for level, name in zip(LEVELS, ("Open", "Desk", "Cabinet", "Eyes"), strict=True)
    ]
    load(store, doc)
    store.close()
    with pytest.raises(SystemExit):
        main(["--db", str(target), "export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "one of Open, Desk, Cabinet, Eyes" in text
    sections = "scene, programme, meetings, delegations, timeline, chips, checks, sources, aliases"
    assert sections in text
    with pytest.raises(SystemExit):
        main(["--db", str(tmp_path / "none.sqlite3"), "export", "--help"])
    assert "one of Public, Internal, Confidential, Restricted" in " ".join(
        capsys.readouterr().out.split()
    )
    assert not (tmp_path / "none.sqlite3").exists()
