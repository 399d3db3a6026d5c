"""``briefing calendar export`` and ``import``: the file, its audit line, its permissions,
and one line with exit 2 for a file refused."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from briefing.domain import AuditEvent
from briefing.store.db.migrate import open_store
from tests.cli.running import run
from tests.conftest import SAMPLE_SLUG
from tests.store.calendar.ics import blocks


def _audit(database: str) -> list[tuple[str, str | None, int | None, str]]:
    with open_store(database, seed_sample=False) as store, store.session() as session:
        from sqlalchemy import select

        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        return [(e.action, e.dossier, e.audience, e.detail) for e in rows]


def test_export_writes_the_audiences_events_and_records_it(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    public, restricted = tmp_path / "public.ics", tmp_path / "restricted.ics"
    code, out, err = run(
        capsys, "--db", database, "calendar", "export", "--audience", "public", "--out", str(public)
    )
    assert (code, err) == (0, "")
    assert out == f"wrote {public}: 3 events for the Public audience\n"
    code, out, _ = run(
        capsys,
        "calendar",
        "export",
        SAMPLE_SLUG,
        "--db",
        database,
        "--audience",
        "Restricted",
        "--out",
        str(restricted),
    )
    assert code == 0
    assert "known only to the week or month or approximately left out" in out
    assert len(blocks(public.read_bytes(), "VEVENT")) == 3
    assert len(blocks(restricted.read_bytes(), "VEVENT")) > 3
    # A calendar above the shared levels is its owner's alone, as a book.
    assert stat.S_IMODE(restricted.stat().st_mode) == 0o600
    assert _audit(database)[-2:] == [
        ("calendar", SAMPLE_SLUG, 0, "public.ics"),
        ("calendar", SAMPLE_SLUG, 3, "restricted.ics"),
    ]


def test_import_counts_and_a_refusal_is_one_line(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    exported = tmp_path / "programme.ics"
    run(
        capsys,
        "--db",
        database,
        "calendar",
        "export",
        "--audience",
        "Restricted",
        "--out",
        str(exported),
    )
    events = len(blocks(exported.read_bytes(), "VEVENT"))
    code, out, err = run(capsys, "--db", database, "calendar", "import", str(exported))
    assert (code, err) == (0, "")
    # Our own file comes back onto the events it was written from: nothing to change.
    assert out.strip() == (
        f"imported programme.ics into {SAMPLE_SLUG}: 0 added, 0 updated, {events} unchanged"
    )
    floating = tmp_path / "floating.ics"
    floating.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:f-1\r\n"
        b"DTSTAMP:20250401T000000Z\r\nDTSTART:20250424T100000\r\nSUMMARY:Call\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    code, out, err = run(capsys, "--db", database, "calendar", "import", str(floating))
    assert (code, out) == (2, "")
    assert err == (
        "briefing: event f-1: floating time 2025-04-24 10:00 has no time zone "
        "(give one with --zone)\n"
    )
    code, out, _ = run(
        capsys,
        "--db",
        database,
        "calendar",
        "import",
        str(floating),
        "--zone",
        "Asia/Seoul",
        "--level",
        "Internal",
    )
    assert code == 0 and "1 added" in out
