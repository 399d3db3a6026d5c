"""The checks on a ministry-sized dossier: their time against reading the same rows, and
their process's peak memory against a process that only reads.

The dossier of the ``large`` benchmark (100,000 events, 20,000 people, 5,000 chips, 2,000
sources) is generated into a temporary database. Each figure comes from a fresh process:

- ``checks``: the checks' process as the window starts it (:func:`process.run`), writing
  every finding into its file, as staff see the dossier (every level);
- ``baseline``: the same modules loaded and the same database opened, then the same joins
  the checks read, over the whole dossier, as one Core select (a UNION ALL of each read,
  display names included) whose rows are fetched and discarded.

The baseline runs before and after the checks, and the ratio is to their mean, so a
machine that others load at the same time weighs on both sides; CPU time is printed
beside the wall clock for the same reason.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.large import build
from tests.benchmarks.memory import peak_mb

TARGET_RATIO = 3.0
TARGET_MB = 30.0


def baseline_select(dossier_id: int, level: int) -> Any:
    """The checks' reads as one select: each over the whole dossier (the batch reads given
    a span holding every id), padded to one width."""
    from sqlalchemy import column, false, null, select, text, union_all
    from sqlalchemy.sql.sqltypes import NullType

    from briefing.domain.registry import KINDS
    from briefing.store.checks import names, reads

    parts = [
        reads.events(dossier_id, level),
        reads.participants(level),
        reads.members(level),
        reads.appointments(level),
        reads.records(dossier_id, level),
        reads.cited(level),
        *(reads.text_columns(kind.name, dossier_id, level) for kind in KINDS),
        reads.protected_texts(dossier_id, level),
        reads.people_without_role(dossier_id, level),
    ]
    for kind in KINDS:
        sql = (
            f"{names.named(kind.name, 'sqlite')} "
            "WHERE r.dossier_id = :dossier AND r.handling <= :level"
        )
        named = text(sql).bindparams(dossier=dossier_id, level=level)
        parts.append(
            select(*named.columns(*map(column, ("id", "uid", "name", "level"))).subquery().c)
        )
    width = max(len(part.selected_columns) for part in parts)
    untyped = select(*(null().label(f"c{i}") for i in range(width))).where(false())
    padded = [
        select(*part.subquery().c, *(null() for _ in range(width - len(part.selected_columns))))
        for part in parts
    ]
    assert all(isinstance(c.type, NullType) for c in untyped.selected_columns)
    return union_all(untyped, *padded)


def child(role: str, database: str, folder: str) -> None:
    """In a fresh process: the checks (``checks``) or the baseline read; print the figures."""
    from sqlalchemy import select

    from briefing.domain import Dossier
    from briefing.store.checks import process, run  # noqa: F401 (the baseline loads them too)
    from briefing.store.checks.findings import Findings  # noqa: F401
    from briefing.store.db.database import Access, Store
    from briefing.store.visibility import EVERYTHING

    with Store.at(database, Access(None, read_only=True)) as store, store.session() as session:
        dossier = session.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
        assert dossier is not None, "the generated dossier is the last one made"
        dossier_id, today = dossier.id, dossier.reference_date()
    started_mb = peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    figures: dict[str, float] = {}
    if role == "checks":
        Path(folder).mkdir()
        spec = process.CheckRun(
            database, None, dossier_id, EVERYTHING, today.isoformat(), folder, None
        )
        figures["findings"] = process.run(spec)
    else:
        read_only = Access(None, read_only=True)
        with Store.at(database, read_only) as store, store.session() as session:
            stmt = baseline_select(dossier_id, EVERYTHING)
            everything = {"lo": 0, "hi": 2**62}  # the span the batch reads are given
            result = session.execute(stmt, everything, execution_options={"yield_per": 1000})
            figures["rows"] = sum(len(part) for part in result.partitions())
    figures |= {
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": time.process_time() - cpu,
        "started_mb": started_mb,
        "peak_mb": peak_mb(),
    }
    print(json.dumps(figures), flush=True)


def run_child(role: str, database: Path, folder: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.checks", role, str(database), str(folder)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="briefing-checks-bench-"))
    database, built = build(folder)
    first = run_child("baseline", database, folder / "first")
    checks = run_child("checks", database, folder / "checks")
    second = run_child("baseline", database, folder / "second")
    wall = statistics.mean([first["seconds"], second["seconds"]])
    cpu = statistics.mean([first["cpu_seconds"], second["cpu_seconds"]])
    floor = max(first["peak_mb"], second["peak_mb"])
    print(f"dossier: generated and imported in {built:.1f} s, {dt.datetime.now():%Y-%m-%d %H:%M}")
    print(f"baseline rows read: {first['rows']:.0f}; findings written: {checks['findings']:.0f}")
    print(f"{'figure':40} {'value':>12}  target")
    both = f"{first['seconds']:.1f} / {second['seconds']:.1f}"
    print(f"{'baseline read (before / after)':40} {both:>10} s")
    print(f"{'checks, findings written':40} {checks['seconds']:>10.1f} s")
    ratio = checks["seconds"] / wall
    print(f"{'checks / baseline, wall clock':40} {ratio:>10.2f} ×  ≤ {TARGET_RATIO:.0f} ×")
    print(f"{'checks / baseline, CPU time':40} {checks['cpu_seconds'] / cpu:>10.2f} ×")
    print(f"{'baseline process peak memory':40} {floor:>9.0f} MB")
    limit = f"≤ {floor + TARGET_MB:.0f} MB (baseline + {TARGET_MB:.0f})"
    print(f"{'checks process peak memory':40} {checks['peak_mb']:>9.0f} MB  {limit}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4:
        child(*sys.argv[1:])
    else:
        sys.exit(main())
