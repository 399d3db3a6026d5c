"""The checks benchmark measures what it says: its baseline reads the checks' joins, and its
checks child writes every finding the checks find."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from briefing.domain import Dossier
from briefing.store.checks.findings import Findings
from briefing.store.checks.run import run_checks
from briefing.store.db.migrate import open_store
from briefing.store.visibility import EVERYTHING
from tests.benchmarks import checks


def test_the_benchmark_children_read_and_check_the_dossier(tmp_path: Path) -> None:
    database = tmp_path / "sample.sqlite3"
    store = open_store(database, seed_sample=True)
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        found = run_checks(session, dossier, level=EVERYTHING)
    store.close()
    baseline = checks.run_child("baseline", database, tmp_path / "baseline")
    checked = checks.run_child("checks", database, tmp_path / "checks")
    assert checked["findings"] == len(found) > 0
    results = Findings(tmp_path / "checks", None)
    try:
        assert results.total == len(found)
    finally:
        results.close(delete=False)
    assert baseline["rows"] > len(found)
    assert baseline["peak_mb"] > 0 and checked["seconds"] > 0
