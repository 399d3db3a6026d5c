"""The 2× benchmark dossier (about 960 pages) exports in the benchmark's own child process.

That child once died of SIGSEGV: a double free inside CPython 3.11 when a garbage
collection started while a session was closing (see briefing.store.db.holding). Whether a
collection lands on that spot depends on the allocation counts of the whole process, so
the export runs several times, each in a fresh process started by the benchmark's own
``run_child``; a crash fails the test with the child's faulthandler traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks import book

EXPORTS = 3


@pytest.fixture(scope="module")
def double_dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database, _seconds = book.generate(tmp_path_factory.mktemp("bench"), 2)
    return database


@pytest.mark.parametrize("run", range(EXPORTS))
def test_the_2x_dossier_exports_in_the_benchmark_child(
    double_dossier: Path, tmp_path: Path, run: int
) -> None:
    target = tmp_path / f"bench-{run}.pdf"
    figures = book.run_child("export", str(double_dossier), str(target))
    assert figures["pages"] > 900
    assert target.stat().st_size == figures["bytes"]
