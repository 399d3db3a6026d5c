"""The checks' findings in their own database: listed, filtered and found like any list."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Event, Record
from briefing.i18n import translator
from briefing.store.checks import Finding, Severity
from briefing.store.checks import process as check_run
from briefing.store.checks import run as checks
from briefing.store.checks.findings import (
    FILE,
    LISTING,
    SCRATCH_PREFIX,
    Findings,
    new_key,
    scratch_root,
)
from briefing.store.checks.process import CheckRun
from briefing.store.checks.run import run_checks
from briefing.store.db.database import Store
from briefing.store.db.encryption import encrypt
from briefing.store.db.migrate import open_store
from briefing.store.lists import listing
from briefing.store.lists.listing import Request
from briefing.store.visibility import EVERYTHING

TODAY = dt.date(2025, 5, 1)


@pytest.fixture
def found(store: Store, tmp_path: Path) -> Iterator[tuple[Findings, list[Finding]]]:
    """The sample's findings as the checks' process writes them, and the run as one list."""
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        whole = run_checks(session, dossier, level=EVERYTHING, today=TODAY)
        spec = _spec(store, dossier.id, tmp_path / "checks")
    assert check_run.run(spec) == len(whole)
    results = Findings(Path(spec.folder), spec.findings_key)
    yield results, whole
    results.close()


def _spec(store: Store, dossier_id: int, folder: Path, passphrase: str | None = None) -> CheckRun:
    folder.mkdir()
    return CheckRun(
        database=store.address,
        passphrase=passphrase,
        dossier_id=dossier_id,
        level=EVERYTHING,
        today=TODAY.isoformat(),
        folder=str(folder),
        findings_key=new_key() if passphrase else None,
    )


def _all(session: Session, request: Request | None = None) -> list[Finding]:
    return listing.read(session, LISTING, request or Request(), 0, 100_000)


def test_stored_findings_are_the_run_in_its_order(found: tuple[Findings, list[Finding]]) -> None:
    results, whole = found
    assert len(whole) > 10
    with results.store.session() as session:
        stored = _all(session)
    assert sorted(stored, key=repr) == sorted(whole, key=repr)  # nothing lost or repeated
    order = [(-f.severity, f.check, f.record_name) for f in stored]
    assert order == [(-f.severity, f.check, f.record_name) for f in whole]
    assert results.total == len(whole)


def test_each_record_and_message_is_stored_once(found: tuple[Findings, list[Finding]]) -> None:
    """What keeps 200,000 findings of a big dossier in a few MB: no text stored twice."""
    results, whole = found
    with results.store.session() as session:
        messages = session.execute(text("SELECT count(*) FROM found_message")).scalar_one()
        records = session.execute(text("SELECT count(*) FROM found_record")).scalar_one()
    assert messages == len({f.message for f in whole}) < len(whole)
    assert records == len({f.record_id for f in whole}) < len(whole)


def test_filter_sort_and_position_in_sql(found: tuple[Findings, list[Finding]]) -> None:
    results, whole = found
    with results.store.session() as session:
        problems = _all(session, Request(text="problem"))
        assert problems and all(f.severity == Severity.PROBLEM for f in problems)
        katherine = _all(session, Request(text="katherine tai"))
        assert katherine == [f for f in whole if "katherine tai" in f.message.lower()]
        by_record = _all(session, Request(sort=("record_name", "order")))
        assert [f.record_name for f in by_record] == sorted(f.record_name for f in whole)
        ids = [f.record_id for f in whole]
        several = next(i for i in ids if ids.count(i) > 1)
        first = listing.position(session, LISTING, Request(), several)
        stored = _all(session)
        assert stored[first].record_id == several
        assert all(f.record_id != several for f in stored[:first])
        assert listing.position(session, LISTING, Request(), -1) == -1


def test_summary_counts_what_to_act_on(found: tuple[Findings, list[Finding]]) -> None:
    results, whole = found
    serious = [f for f in whole if f.severity >= Severity.WARNING]
    assert results.count() == len(whole)
    assert results.count(at_least=Severity.WARNING) == len(serious)
    assert results.first(3, at_least=Severity.WARNING) == serious[:3]


def test_closing_deletes_the_findings_and_their_folder(
    found: tuple[Findings, list[Finding]],
) -> None:
    """Findings quote the dossier: their file must not outlive the window."""
    results, _whole = found
    assert results.path.exists()
    results.close()
    assert not results.folder.exists()


def test_an_encrypted_dossier_s_findings_are_encrypted_with_the_run_s_own_key(
    sample_db: Path, tmp_path: Path
) -> None:
    """A crash leaves the file behind: it must not quote the dossier to whoever finds it."""
    secret = "correct horse battery staple"
    encrypt(sample_db, secret)
    store = open_store(sample_db, seed_sample=False, passphrase=secret)
    try:
        with store.session() as session:
            dossier = session.scalars(select(Dossier)).one()
            whole = run_checks(session, dossier, level=EVERYTHING, today=TODAY)
            spec = _spec(store, dossier.id, tmp_path / "checks", secret)
    finally:
        store.close()
    assert spec.findings_key is not None
    assert secret not in repr(spec) and spec.findings_key not in repr(spec)
    assert check_run.run(spec) == len(whole)
    written = (Path(spec.folder) / FILE).read_bytes()
    assert b"SQLite format 3" not in written
    assert not [f.record_name for f in whole if f.record_name.encode() in written]
    with pytest.raises(DatabaseError):
        Findings(Path(spec.folder), new_key()).count()
    results = Findings(Path(spec.folder), spec.findings_key)
    assert results.count() == len(whole)
    results.close()


def _check_in_a_process(
    spec: CheckRun, folder: Path, *, hang_up: bool = False, command: list[str] | None = None
) -> tuple[int, str]:
    """Run the checks' process as the window does (its input left open), or hang up."""
    errors = folder / "stderr.txt"
    with errors.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            command or check_run.command(),
            stdin=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        assert process.stdin is not None
        process.stdin.write(spec.to_json() + "\n")
        process.stdin.flush()
        if hang_up:
            process.stdin.close()
        process.wait(timeout=120)
        if not hang_up:
            process.stdin.close()
    return process.returncode, errors.read_text(encoding="utf-8")


@pytest.mark.parametrize("what", ["no such dossier", "not a Briefing database"])
def test_the_checks_process_says_why_it_failed_in_one_line(
    store: Store, tmp_path: Path, what: str
) -> None:
    spec = _spec(store, 999_999, tmp_path / "checks")
    expected = "no longer in the database"
    if what == "not a Briefing database":
        other = tmp_path / "other.sqlite3"
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
        spec = replace(spec, database=str(other), dossier_id=1)
        expected = "the database said: no such table"
    status, stderr = _check_in_a_process(spec, tmp_path)
    said = stderr.strip().splitlines()
    assert status == 1 and len(said) == 1, stderr
    assert expected in said[0]


def test_the_checks_process_stops_when_the_window_s_process_is_gone(
    store: Store, tmp_path: Path
) -> None:
    """The window's end of the pipe closing (a crash, a kill) ends the checks too."""
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
    spec = _spec(store, dossier_id, tmp_path / "checks")
    status, _stderr = _check_in_a_process(spec, tmp_path, hang_up=True)
    assert status == check_run.ORPHANED


def test_a_bundled_app_is_its_own_checks_process(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In PyInstaller's bundle ``sys.executable`` is the app, which cannot run ``-m``: the
    window starts the app itself with the hidden argument, and the app's entry (the
    bundle's too) then does what ``-m briefing.store.checks.process`` does."""
    assert check_run.command()[1:] == ["-P", "-m", "briefing.store.checks.process"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert check_run.command() == [sys.executable, check_run.FLAG]
    monkeypatch.undo()
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        whole = run_checks(session, dossier, level=EVERYTHING, today=TODAY)
        spec = _spec(store, dossier.id, tmp_path / "checks")
    entry = [sys.executable, "-m", "briefing", check_run.FLAG]
    status, stderr = _check_in_a_process(spec, tmp_path, command=entry)
    assert (status, stderr) == (0, "")
    results = Findings(Path(spec.folder), spec.findings_key)
    assert results.count() == len(whole) > 0
    results.close()


def test_a_new_scratch_folder_sweeps_those_of_processes_that_have_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a crash leaves (unreadable: its key died with it) goes at the next start."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f"{SCRATCH_PREFIX}{gone.stdout.strip()}-abc"
    alive = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"
    unrelated = tmp_path / "briefing-checks-notes"
    for folder in (dead, alive, unrelated):
        (folder / "run").mkdir(parents=True)
    made = scratch_root()
    assert made.parent == tmp_path and made.name.startswith(f"{SCRATCH_PREFIX}{os.getpid()}-")
    assert not dead.exists() and alive.exists() and unrelated.exists()


def test_a_folder_gone_between_the_listing_and_the_look_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two Briefings starting their checks at once: one sweeps, or ends its run and
    removes its folder, while the other is listing them; the other goes on."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    vanished = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-gone"
    monkeypatch.setattr(Path, "glob", lambda _self, _pattern: iter([vanished]))
    made = scratch_root()
    assert made.is_dir() and made.name.startswith(f"{SCRATCH_PREFIX}{os.getpid()}-")


def test_the_run_says_how_far_it_is_after_each_batch(
    store: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window shows a percentage: the lines must climb to every record checked."""
    monkeypatch.setattr(checks, "BATCH", 10)  # the sample is smaller than one batch
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        records = session.scalar(
            select(func.count(Record.id)).where(Record.dossier_id == dossier_id)
        )
        events = session.scalar(select(func.count(Event.id)).where(Event.dossier_id == dossier_id))
    spec = _spec(store, dossier_id, tmp_path / "checks")
    check_run.run(spec)
    said = [tuple(map(int, line.split())) for line in capsys.readouterr().out.splitlines()]
    assert len(said) > 2
    done = [d for d, _total in said]
    assert done == sorted(done) and {t for _d, t in said} == {records + events}
    assert said[-1] == (records + events, records + events)


def test_a_finding_s_level_is_kept_with_it(tmp_path: Path) -> None:
    """The Checks page marks and filters each finding by the highest level it names."""
    finding = Finding("no-owner", Severity.NOTE, 7, "e:1", "event", "Deadline", "no owner", 3)
    results = Findings(tmp_path, None, writing=True)
    try:
        results.add([finding, replace(finding, record_id=8, level=1)])
        assert sorted((f.record_id, f.level) for f in results.first(10)) == [(7, 3), (8, 1)]
    finally:
        results.close()


def test_a_stored_finding_is_said_in_either_language(
    found: tuple[Findings, list[Finding]],
) -> None:
    """The file keeps what a finding says as its English template and arguments, so one
    run reads in the window's language, whichever it is, and in the book's."""
    results, _whole = found
    stored = results.first(results.total)
    english, korean = translator("en").gettext, translator("ko").gettext
    tai = next(f for f in stored if f.check == "out-of-office" and "Katherine Tai" in f.message)
    assert tai.said(english) == tai.message
    assert "when no recorded office of theirs covers that date" in tai.message
    said = tai.said(korean)
    assert said.startswith("Katherine Tai이(가) 2025-") and "그날: 전 " in said
    with results.store.session() as session:
        templates = set(session.execute(text("SELECT template FROM found_message")).scalars())
    assert all(f.template in templates for f in stored)
    assert not any("그날" in template for template in templates)
    assert all(f.said(korean) != f.message for f in stored)  # nothing left in English
