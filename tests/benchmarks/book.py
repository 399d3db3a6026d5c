"""Export speed and memory of a ~500-page briefing book, and of one from twice the data.

Each export runs in a fresh child process, so its peak memory is the export's own:
the peak resident set size (``resource.getrusage(...).ru_maxrss``) of a process that
imported the app, registered the fonts, read the dossier and wrote the book. The
figure after start-up (imports and fonts) is printed too, to show what the export adds.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = {"people": 100, "events": 640, "chips": 240, "sources": 100}
"""Generator counts that give a book of about 500 A4 pages."""

TODAY = dt.date(2025, 6, 1)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_child(database: str, target: str) -> None:
    """In the child: export the generated dossier and print the figures as JSON."""
    from briefing.book import BookOptions, export_book
    from briefing.book.fonts import faces
    from briefing.store.migrate import open_store

    faces()
    store = open_store(database, seed_sample=False)
    started_mb = _rss_mb()
    start = time.perf_counter()
    result = export_book(
        store, "bench", BookOptions(audience=3, today=TODAY), Path(target), record_edition=False
    )
    seconds = time.perf_counter() - start
    store.close()
    figures = {
        "pages": result.pages,
        "passes": result.passes,
        "seconds": seconds,
        "started_mb": started_mb,
        "peak_mb": _rss_mb(),
        "bytes": Path(target).stat().st_size,
    }
    print(json.dumps(figures))


def _measure(folder: Path, factor: int) -> dict[str, float]:
    from briefing.store.generate import generate_into
    from briefing.store.migrate import open_store

    database = folder / f"bench-{factor}.sqlite3"
    store = open_store(database, seed_sample=False)
    counts = {key: value * factor for key, value in SIZE.items()}
    start = time.perf_counter()
    generate_into(store, slug="bench", seed=1, **counts)
    generated = time.perf_counter() - start
    store.close()
    child = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.book", str(database), str(folder / "b.pdf")],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(child.stdout)
    figures["generated_s"] = generated
    sizes = ", ".join(f"{v} {k}" for k, v in counts.items())
    print(
        f"{factor}x data ({sizes}; generated and imported in {generated:.1f} s)\n"
        f"  pages          {figures['pages']:.0f}\n"
        f"  seconds        {figures['seconds']:.2f}\n"
        f"  pages/s        {figures['pages'] / figures['seconds']:.1f}\n"
        f"  layout passes  {figures['passes']:.0f}\n"
        f"  peak RSS       {figures['peak_mb']:.0f} MB "
        f"(of which {figures['started_mb']:.0f} MB after start-up)\n"
        f"  file size      {figures['bytes'] / 1e6:.1f} MB",
        flush=True,
    )
    return figures


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as name:
        folder = Path(name)
        single = _measure(folder, 1)
        double = _measure(folder, 2)
    ratio = double["seconds"] / single["seconds"]
    print(f"twice the data took {ratio:.2f}x the time ({double['pages']:.0f} pages)")
    return 0


if __name__ == "__main__":
    export_child(sys.argv[1], sys.argv[2])
