"""What the "Changed since edition N" section costs: a ~500-page book with a tenth of its
records changed since edition 1, exported with the change section and without it.

Both exports record an edition (so both read the audience's document for the snapshot);
the one with the section also reads edition 1's snapshot, compares the two and composes
the section and the bars. They alternate in one process, a few times each, and the least
CPU time of each is kept (other work on the machine only ever adds time). Target: with
the section at most 1.3 times without (issue 17).
"""

from __future__ import annotations

import gc
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from tests.benchmarks.book import AUDIENCE, TODAY, generate

REPEATS = 3
TARGET = 1.3
SHARE = 10
"""One record in this many is edited."""


def _edit(database: Path) -> int:
    """Change one record in :data:`SHARE` of each kind with long text; how many changed."""
    from briefing.domain import BargainingChip, Event, Person, TalkingPoint
    from briefing.store.db.migrate import open_store

    changed = 0
    with open_store(database, seed_sample=False) as store, store.session() as session:
        for model, column in (
            (Event, "summary"),
            (BargainingChip, "description"),
            (Person, "bio"),
            (TalkingPoint, "text"),
        ):
            rows = session.scalars(select(model).order_by(model.id)).all()
            for row in rows[::SHARE]:
                words = (getattr(row, column) or "").split()
                words[len(words) // 2 : len(words) // 2 + 1] = ["revised", "wording"]
                setattr(row, column, " ".join(words))
                changed += 1
    return changed


def _export(database: Path, target: Path, **options: object) -> tuple[float, float, int]:
    from briefing.book import BookOptions, export_book
    from briefing.store.db.migrate import open_store

    gc.collect()
    with open_store(database, seed_sample=False) as store:
        chosen = BookOptions(audience=AUDIENCE, today=TODAY, **options)  # type: ignore[arg-type]
        start, cpu = time.perf_counter(), time.process_time()
        result = export_book(store, "bench", chosen, target)
        return time.perf_counter() - start, time.process_time() - cpu, result.pages


def main() -> int:
    from briefing.book.fonts import faces

    faces()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as name:
        folder = Path(name)
        database, _ = generate(folder, 1)
        _export(database, folder / "first.pdf")
        changed = _edit(database)
        with_runs, without_runs = [], []
        for _ in range(REPEATS):
            with_runs.append(_export(database, folder / "with.pdf", since=1))
            without_runs.append(_export(database, folder / "without.pdf", changes=False))
    with_cpu = min(run[1] for run in with_runs)
    without_cpu = min(run[1] for run in without_runs)
    with_wall = min(run[0] for run in with_runs)
    without_wall = min(run[0] for run in without_runs)
    ratio = with_cpu / without_cpu
    verdict = "met" if ratio <= TARGET else "not met"
    print(
        f"change section, {changed} records changed (one in {SHARE} with long text)\n"
        f"  without        {without_wall:.2f} s (CPU {without_cpu:.2f}), "
        f"{without_runs[0][2]} pages\n"
        f"  with           {with_wall:.2f} s (CPU {with_cpu:.2f}), {with_runs[0][2]} pages\n"
        f"  with/without   {with_wall / without_wall:.2f}x wall, {ratio:.2f}x CPU "
        f"(target <= {TARGET}x CPU: {verdict})",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    main()
