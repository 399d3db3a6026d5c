"""The checks' findings in their own database: listed, filtered and found like any list."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from briefing.domain import Dossier
from briefing.store import check_run, listing
from briefing.store.check_run import CheckRun
from briefing.store.checks import Finding, Severity, run_checks
from briefing.store.database import Store
from briefing.store.encryption import encrypt
from briefing.store.findings import FILE, LISTING, Findings
from briefing.store.listing import Request
from briefing.store.migrate import open_store
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
    results = Findings(Path(spec.folder), None)
    yield results, whole
    results.close()


def _spec(store: Store, dossier_id: int, folder: Path, passphrase: str | None = None) -> CheckRun:
    folder.mkdir()
    assert store.path is not None
    return CheckRun(
        database=str(store.path),
        passphrase=passphrase,
        read_only=False,
        dossier_id=dossier_id,
        level=EVERYTHING,
        today=TODAY.isoformat(),
        folder=str(folder),
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


def test_an_encrypted_dossier_s_findings_are_encrypted(sample_db: Path, tmp_path: Path) -> None:
    secret = "correct horse battery staple"
    encrypt(sample_db, secret)
    store = open_store(sample_db, seed_sample=False, passphrase=secret)
    try:
        with store.session() as session:
            dossier_id = session.scalars(select(Dossier.id)).one()
        spec = _spec(store, dossier_id, tmp_path / "checks", secret)
        assert check_run.run(spec) > 0
    finally:
        store.close()
    written = (Path(spec.folder) / FILE).read_bytes()
    assert b"Katherine Tai" not in written and b"SQLite format 3" not in written
    results = Findings(Path(spec.folder), secret)
    assert results.count() > 0
    results.close()


def test_the_checks_process_says_why_it_failed_in_one_line(store: Store, tmp_path: Path) -> None:
    spec = _spec(store, dossier_id=999_999, folder=tmp_path / "checks")
    ran = subprocess.run(
        [sys.executable, "-m", "briefing.store.check_run"],
        input=spec.to_json(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert ran.returncode == 1
    assert ran.stderr.strip() and len(ran.stderr.strip().splitlines()) == 1
