"""Export speed and memory of a ~500-page briefing book, and of one from twice the data.

Each export runs in a fresh child process, so its peak memory is the export's own:
the peak resident set size (VmHWM) of a process that
imported the app, registered the fonts, read the dossier and wrote the book. The
figure after start-up (imports and fonts) is printed too, to show what the export adds.

Each export is set against its floor, measured in another fresh process: the very
flowables the export composes (same data, sections, styles and fonts; ``compose`` in
``briefing.book.build``), less the contents, laid out by one plain ``doc.build`` on the
same frames — no page furniture, outline or contents, nothing loaded or written inside
the timing. The export's time over the floor's says what the book's own machinery costs
on top of ReportLab. Exports and floors alternate, a few times each, and the best figures
are kept; wall and CPU time are both given, and the target is judged on CPU time, the
steadier of the two on a shared machine.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.memory import peak_mb

SIZE = {"people": 100, "events": 640, "chips": 240, "sources": 100}
"""Generator counts that give a book of about 500 A4 pages."""

TODAY = dt.date(2025, 6, 1)
AUDIENCE = 3

REPEATS = 3
"""Exports and floors are run alternately this many times and the best figures kept."""

PAGES_TARGET = 60
FLOOR_TARGET = 2.2
"""The export may take at most this many times its floor."""

PHASES = (
    ("load", "reading"),
    ("compose", "composing"),
    ("layout", "laying out"),
    ("write", "writing"),
    ("", "done"),
)
"""How the export's progress messages begin, in order; each phase runs until the next."""


def export_child(database: str, target: str) -> None:
    """In the child: export the generated dossier and print the figures as JSON."""
    from briefing.book import BookOptions, export_book
    from briefing.book.fonts import faces
    from briefing.store.db.migrate import open_store

    faces()
    store = open_store(database, seed_sample=False)
    started_mb = peak_mb()
    marks: dict[str, float] = {}

    def progress(_done: int, _total: int, what: str) -> None:
        for _name, prefix in PHASES:
            if what.startswith(prefix):
                marks.setdefault(prefix, time.perf_counter())

    start, cpu = time.perf_counter(), time.process_time()
    result = export_book(
        store,
        "bench",
        BookOptions(audience=AUDIENCE, today=TODAY),
        Path(target),
        progress=progress,
        record_edition=False,
    )
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    figures = {
        "pages": result.pages,
        "passes": result.passes,
        "seconds": seconds,
        "cpu": cpu,
        "started_mb": started_mb,
        "peak_mb": peak_mb(),
        "bytes": Path(target).stat().st_size,
    }
    for (name, prefix), (_, following) in itertools.pairwise(PHASES):
        figures[f"{name}_s"] = marks[following] - marks[prefix]
    print(json.dumps(figures))


def floor_child(database: str) -> None:
    """In the child: lay out the export's flowables, less the contents, in one plain build."""
    import dataclasses
    import io

    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from briefing.book import BookOptions
    from briefing.book.build import PAPERS, compose
    from briefing.book.fonts import LATIN, faces
    from briefing.book.load import load_book
    from briefing.book.template import MARGINS
    from briefing.store.db.migrate import open_store

    faces()
    options = BookOptions(audience=AUDIENCE, today=TODAY)
    store = open_store(database, seed_sample=False)
    with store.session() as session:
        data = load_book(session, "bench", options)
    store.close()
    composed = compose(data, options)
    story = dataclasses.replace(composed, contents=[]).story()
    del composed
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAPERS[options.paper],
        initialFontName=LATIN,
        pageCompression=1,
        invariant=1,
        **MARGINS,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
    start, cpu = time.perf_counter(), time.process_time()
    doc.build(story)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"pages": doc.page, "seconds": seconds, "cpu": cpu}))


def run_child(*args: str) -> dict[str, float]:
    """Run ``export DATABASE TARGET`` or ``floor DATABASE`` in a fresh process; its figures.

    faulthandler is on, so a child that dies of a signal names the lines it was at; the
    error carries the end of its stderr. tests/book/test_benchmark_child.py starts the
    2x export through this very function.
    """
    child = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.benchmarks.book", *args],
        check=False,
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        how = (
            f"died of signal {-child.returncode}"
            if child.returncode < 0
            else f"exited {child.returncode}"
        )
        raise RuntimeError(f"benchmark child {' '.join(args)} {how}:\n{child.stderr[-4000:]}")
    figures: dict[str, float] = json.loads(child.stdout)
    return figures


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest run's figures, with the least CPU time and the highest peak of any run.

    Other work on the machine only ever adds time, so the least is the best estimate.
    """
    best = dict(min(runs, key=lambda run: run["seconds"]))
    best["cpu"] = min(run["cpu"] for run in runs)
    if "peak_mb" in best:
        best["peak_mb"] = max(run["peak_mb"] for run in runs)
    return best


def counts(factor: int) -> dict[str, int]:
    return {key: value * factor for key, value in SIZE.items()}


def generate(folder: Path, factor: int) -> tuple[Path, float]:
    """A database in ``folder`` with the dossier "bench" at ``factor`` times SIZE, and the
    seconds its generation and import took."""
    from briefing.generator import generate_into
    from briefing.store.db.migrate import open_store

    database = folder / f"bench-{factor}.sqlite3"
    store = open_store(database, seed_sample=False)
    start = time.perf_counter()
    generate_into(store, slug="bench", seed=1, **counts(factor))
    seconds = time.perf_counter() - start
    store.close()
    return database, seconds


def _measure(folder: Path, factor: int) -> dict[str, float]:
    database, generated = generate(folder, factor)
    exports, floors = [], []
    for _ in range(REPEATS):
        exports.append(run_child("export", str(database), str(folder / "b.pdf")))
        floors.append(run_child("floor", str(database)))
    figures, floor = _best(exports), _best(floors)
    figures["generated_s"] = generated
    figures["floor_wall"] = figures["seconds"] / floor["seconds"]
    figures["floor_cpu"] = figures["cpu"] / floor["cpu"]
    verdict = "met" if figures["floor_cpu"] <= FLOOR_TARGET else "not met"
    phases = ", ".join(f"{name} {figures[f'{name}_s']:.2f} s" for name, _ in PHASES[:-1])
    sizes = ", ".join(f"{v} {k}" for k, v in counts(factor).items())
    print(
        f"{factor}x data ({sizes}; generated and imported in {generated:.1f} s)\n"
        f"  pages          {figures['pages']:.0f}\n"
        f"  seconds        {figures['seconds']:.2f} (CPU {figures['cpu']:.2f})\n"
        f"  phases         {phases}\n"
        f"  pages/s        {figures['pages'] / figures['seconds']:.1f} (target >= {PAGES_TARGET})\n"
        f"  layout passes  {figures['passes']:.0f}\n"
        f"  peak RSS       {figures['peak_mb']:.0f} MB "
        f"(of which {figures['started_mb']:.0f} MB after start-up)\n"
        f"  file size      {figures['bytes'] / 1e6:.1f} MB\n"
        f"  floor          {floor['seconds']:.2f} s (CPU {floor['cpu']:.2f}) for "
        f"{floor['pages']:.0f} pages: the same flowables less the contents, one plain build\n"
        f"  export/floor   {figures['floor_wall']:.2f}x wall, {figures['floor_cpu']:.2f}x CPU "
        f"(target <= {FLOOR_TARGET}x CPU: {verdict})",
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
    if sys.argv[1] == "export":
        export_child(sys.argv[2], sys.argv[3])
    else:
        floor_child(sys.argv[2])
