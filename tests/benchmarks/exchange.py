"""Importing a ministry-sized dossier from its JSON file: time and peak memory.

The dossier of the ``large`` benchmark (100,000 events, 20,000 people, 5,000 chips, 2,000
sources) is generated into a temporary database and written to a file by the app's own
exporter. A fresh process then opens an empty database and imports the file, so the peak
memory printed (VmHWM: interpreter, libraries and the import) is the import's own. CPU
time is printed beside the wall clock because the machines these run on are shared.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.large import SIZE
from tests.benchmarks.memory import peak_mb

TARGET_S = 15.0
TARGET_MB = 500.0


def child(source: str, database: str) -> None:
    """In a fresh process: import ``source`` into a new database and print the figures."""
    from sqlalchemy import func, select

    from briefing.domain import Record
    from briefing.store.db.migrate import open_store
    from briefing.store.exchange.writing import import_file

    store = open_store(database, seed_sample=False)
    started_mb = peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    import_file(store, Path(source))
    figures = {
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": time.process_time() - cpu,
        "started_mb": started_mb,
        "peak_mb": peak_mb(),
    }
    with store.session() as session:
        figures["records"] = session.scalar(select(func.count()).select_from(Record)) or 0
    store.close()
    print(json.dumps(figures), flush=True)


def _export(folder: Path) -> tuple[Path, dict[str, float]]:
    """Generate the dossier and write its exchange file; the file and how that went."""
    from sqlalchemy import func, select

    from briefing.domain import Record
    from briefing.generator import generate_into
    from briefing.store.db.migrate import open_store
    from briefing.store.exchange.export import export_file

    store = open_store(folder / "source.sqlite3", seed_sample=False)
    start = time.perf_counter()
    generate_into(store, **SIZE, slug="large", seed=7)
    generated = time.perf_counter() - start
    target = folder / "large.json"
    start = time.perf_counter()
    export_file(store, "large", target)
    exported = time.perf_counter() - start
    with store.session() as session:
        records = session.scalar(select(func.count()).select_from(Record)) or 0
    store.close()
    return target, {"generated_s": generated, "exported_s": exported, "records": records}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="briefing-exchange-") as name:
        folder = Path(name)
        source, made = _export(folder)
        size_mb = source.stat().st_size / 1e6
        output = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.benchmarks.exchange",
                str(source),
                str(folder / "imported.sqlite3"),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    print(
        f"dossier: {SIZE} (generated in {made['generated_s']:.1f} s, "
        f"exported in {made['exported_s']:.1f} s)"
    )
    print(f"{'figure':36} {'value':>12}  target")
    print(f"{'exchange file size':36} {size_mb:>9.0f} MB")
    print(f"{'import, wall clock':36} {figures['seconds']:>10.1f} s  ≤ {TARGET_S:.0f} s")
    print(f"{'import, CPU time':36} {figures['cpu_seconds']:>10.1f} s")
    print(f"{'import peak memory':36} {figures['peak_mb']:>9.0f} MB  ≤ {TARGET_MB:.0f} MB")
    print(f"{'  of which before the import':36} {figures['started_mb']:>9.0f} MB")
    imported = f"{figures['records']:,} of {made['records']:,}"
    print(f"{'records imported':36} {imported:>12}")
    return 0


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
