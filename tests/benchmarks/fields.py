"""The cost of field-level handling: the same dossiers with and without protected fields.

Two dossiers are generated from one seed; in the second a tenth of the filled-in
protectable fields (a chip's value, target, minimum, their position; a brief's objectives
and desired outcome; notes) carry a level above their record's, so their values live in
rows of their own. Each is then measured in fresh processes, alternately, the best of
``REPEATS`` kept: the window opening every list (the large benchmark's child, on a
dossier a fifth of its size), and a ~500-page book (the book benchmark's child). The
figures set the protected dossier against the plain one, measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks import book, large

LIST_SIZE = {key: value // 5 for key, value in large.SIZE.items()}
SHARE = 0.1
REPEATS = 3
TARGET = 1.2
"""The protected dossier may take at most this many times the plain one's."""


def _build(folder: Path, name: str, size: dict[str, int], protect: float) -> Path:
    from briefing.generator import generate_into
    from briefing.store.db.migrate import open_store

    database = folder / f"{name}.sqlite3"
    store = open_store(database, seed_sample=False)
    generate_into(store, **size, slug="bench", seed=1, protect=protect)
    store.close()
    open_store(database, seed_sample=False).close()  # the day's backup, before timing
    return database


def _run(module: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    output = subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, check=True, env=env
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def _lists_ms(database: Path) -> dict[str, float]:
    figures = _run("tests.benchmarks.large", "child", str(database))
    return {title: figures[f"page {title}"] * 1000 for title in large.PAGES}


def _verdict(ratio: float) -> str:
    return "met" if ratio <= TARGET else "not met"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="briefing-fields-") as name:
        folder = Path(name)
        lists = {
            protect: _build(folder, f"lists-{protect}", LIST_SIZE, protect)
            for protect in (0.0, SHARE)
        }
        books = {
            protect: _build(folder, f"book-{protect}", book.SIZE, protect)
            for protect in (0.0, SHARE)
        }
        opened: dict[float, list[dict[str, float]]] = {0.0: [], SHARE: []}
        printed: dict[float, list[dict[str, float]]] = {0.0: [], SHARE: []}
        for _ in range(REPEATS):
            for protect in (0.0, SHARE):
                opened[protect].append(_lists_ms(lists[protect]))
                printed[protect].append(
                    _run(
                        "tests.benchmarks.book",
                        "export",
                        str(books[protect]),
                        str(folder / "b.pdf"),
                    )
                )
    print(f"lists: {LIST_SIZE}; book: {book.SIZE}; {SHARE:.0%} of filled fields protected")
    print(f"{'figure':30} {'plain':>10} {'protected':>10} {'ratio':>7}  target <= {TARGET}x")
    best = {p: {t: min(run[t] for run in opened[p]) for t in large.PAGES} for p in opened}
    for title in large.PAGES:
        plain, protected = best[0.0][title], best[SHARE][title]
        ratio = protected / plain if plain else 1.0
        print(f"{'open ' + title:30} {plain:>8.0f}ms {protected:>8.0f}ms {ratio:>6.2f}x")
    plain_all, protected_all = sum(best[0.0].values()), sum(best[SHARE].values())
    ratio = protected_all / plain_all
    print(
        f"{'open every list, in all':30} {plain_all:>8.0f}ms {protected_all:>8.0f}ms "
        f"{ratio:>6.2f}x  {_verdict(ratio)}"
    )
    cpu = {p: min(run["cpu"] for run in printed[p]) for p in printed}
    pages = {p: printed[p][0]["pages"] for p in printed}
    ratio = cpu[SHARE] / cpu[0.0]
    print(
        f"{'print the book (CPU)':30} {cpu[0.0]:>9.2f}s {cpu[SHARE]:>9.2f}s {ratio:>6.2f}x  "
        f"{_verdict(ratio)} ({pages[0.0]:.0f} and {pages[SHARE]:.0f} pages)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
