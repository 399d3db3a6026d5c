"""The team server against the embedded file: the same reads on PostgreSQL and on SQLite.

The ``large`` benchmark's dossier (100,000 events, 20,000 people, 5,000 chips, 2,000
sources) is generated once and written to its exchange file; the file is then imported
into a fresh SQLite file and into a fresh database on a throwaway local PostgreSQL
cluster (tests/server.py), both timed, and every figure after that is measured on both in
the same run, printed as PostgreSQL, SQLite and their ratio against the issue's target
(issue 15: lists and a search keystroke at most 1.5 times SQLite's, the import at most 2).

Each figure set is a function of a :class:`Bench` returning :class:`Figure` rows, listed
in ``SETS``; figures needing more than one connection or another role (concurrent writers,
a cleared role's listing) are added there the same way.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from briefing.store.db.database import Store
from tests.benchmarks.large import QUERIES, SIZE
from tests.server import Cluster, start_cluster

ROUNDS = 5
"""Each read is timed this many times on each backend; the median is printed."""

PAGE = 128
"""A list's first page: the rows the GUI's model reads at once (table_model.PagedModel)."""

AS_OF = dt.date(2025, 5, 1)


@dataclass(frozen=True)
class Figure:
    """One measurement on both backends, in seconds, and the ratio it must stay within."""

    name: str
    server: float
    sqlite: float
    target: float

    @property
    def ratio(self) -> float:
        return self.server / self.sqlite if self.sqlite else float("inf")

    def line(self) -> str:
        verdict = "ok" if self.ratio <= self.target else "MISSED"
        return (
            f"{self.name:34} {self.server * 1000:>10.1f} {self.sqlite * 1000:>10.1f} "
            f"{self.ratio:>6.2f}×  ≤ {self.target}×  {verdict}"
        )


@dataclass
class Bench:
    """The dossier on both backends: its exchange file, both stores, the cluster."""

    folder: Path
    source: Path
    cluster: Cluster
    sqlite: Store
    server: Store
    imported: dict[str, float]

    def both(self) -> Iterator[tuple[str, Store]]:
        yield "server", self.server
        yield "sqlite", self.sqlite


def timed(work: Callable[[], object], rounds: int = ROUNDS) -> float:
    """The median wall-clock seconds of ``work`` over ``rounds`` runs, after one warm-up."""
    work()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _dossier(store: Store) -> tuple[int, int]:
    """The large dossier's id and the top level: staff see every record."""
    from sqlalchemy import func, select

    from briefing.domain import HandlingLevel
    from briefing.store.dossiers import find_dossier

    with store.session() as session:
        top = session.scalar(select(func.max(HandlingLevel.rank)))
        return find_dossier(session, "large").id, int(top or 0)


def _listings(dossier_id: int, level: int) -> dict[str, tuple[Any, tuple[str, ...]]]:
    """Each list and a column a user sorts it by, besides its natural order."""
    from briefing.store.lists.chips import chip_listing
    from briefing.store.lists.events import event_listing
    from briefing.store.lists.people import person_listing
    from briefing.store.lists.sources import source_listing

    return {
        "events": (event_listing(dossier_id, level), ("title",)),
        "people": (person_listing(dossier_id, level, AS_OF), ("organization",)),
        "chips": (chip_listing(dossier_id, level), ("title",)),
        "sources": (source_listing(dossier_id, level), ("title",)),
    }


def _first_page(store: Store, rows: Any, request: Any) -> None:
    from briefing.store.lists import listing

    with store.session() as session:
        listing.count(session, rows, request)
        listing.read(session, rows, request, 0, PAGE)


def _search(store: Store, query: str, dossier_id: int, level: int) -> None:
    from briefing.store.search.querying import search

    with store.session() as session:
        search(session, query, dossier_id=dossier_id, level=level, limit=60)


def lists(bench: Bench) -> list[Figure]:
    """A list's first page as the GUI reads it (the count, then 128 rows), natural order
    and sorted by a column."""
    from briefing.store.lists import listing

    measured: dict[str, dict[str, float]] = {}
    for backend, store in bench.both():
        dossier_id, level = _dossier(store)
        for name, (rows, sort) in _listings(dossier_id, level).items():
            for label, request in (
                (f"{name} list, first page", listing.Request()),
                (f"{name} list, sorted", listing.Request(sort=sort, descending=True)),
            ):
                read = partial(_first_page, store, rows, request)
                measured.setdefault(label, {})[backend] = timed(read)
    return [Figure(name, m["server"], m["sqlite"], 1.5) for name, m in measured.items()]


def keystroke(bench: Bench) -> list[Figure]:
    """The search box's query for each keystroke of ``large``'s queries (60 hits); the
    worst is the query slowest on the server, set against the same query on SQLite."""
    each: dict[str, dict[str, float]] = {}
    for backend, store in bench.both():
        dossier_id, level = _dossier(store)
        for query in QUERIES:
            found = partial(_search, store, query, dossier_id, level)
            each.setdefault(backend, {})[query] = timed(found)
    server, sqlite = each["server"], each["sqlite"]
    worst = max(QUERIES, key=lambda query: server[query] / sqlite[query])
    return [
        Figure(
            "search keystroke (median)",
            statistics.median(server.values()),
            statistics.median(sqlite.values()),
            1.5,
        ),
        Figure(f"search keystroke ({worst!r})", server[worst], sqlite[worst], 1.5),
    ]


def imports(bench: Bench) -> list[Figure]:
    """Importing the exchange file into an empty database (timed once, while building)."""
    return [Figure("import", bench.imported["server"], bench.imported["sqlite"], 2.0)]


SETS: list[Callable[[Bench], list[Figure]]] = [lists, keystroke, imports]


def _import(store: Store, source: Path) -> float:
    from briefing.store.exchange.writing import import_file

    start = time.perf_counter()
    import_file(store, source)
    return time.perf_counter() - start


@contextmanager
def bench(cluster: Cluster, size: Mapping[str, int] = SIZE) -> Iterator[Bench]:
    """Generate the dossier, write its file, import it on both backends; clean up after."""
    from briefing.generator import generate_into
    from briefing.store.db.migrate import open_store, upgrade
    from briefing.store.exchange.export import export_file

    with tempfile.TemporaryDirectory(prefix="briefing-server-bench-") as name:
        folder = Path(name)
        with open_store(folder / "generated.sqlite3", seed_sample=False) as generated:
            generate_into(generated, **size, slug="large", seed=7)
            source = folder / "large.json"
            export_file(generated, "large", source)
        url = cluster.create_database()
        try:
            with Store.at(url) as migrating:  # as an administrator does (`server upgrade`)
                upgrade(migrating)
            with (
                open_store(folder / "imported.sqlite3", seed_sample=False) as sqlite,
                open_store(url, seed_sample=False) as server,
            ):
                imported = {"sqlite": _import(sqlite, source), "server": _import(server, source)}
                yield Bench(folder, source, cluster, sqlite, server, imported)
        finally:
            cluster.drop_database(url)


def figures(measured: Bench) -> Iterator[Figure]:
    for figure_set in SETS:
        yield from figure_set(measured)


def main() -> int:
    cluster = start_cluster()
    try:
        with bench(cluster) as measured:
            print(f"dossier: {SIZE}, PostgreSQL on a local Unix socket against an SQLite file")
            print(f"{'figure':34} {'server ms':>10} {'sqlite ms':>10} {'ratio':>7}  target")
            for figure in figures(measured):
                print(figure.line(), flush=True)
    finally:
        cluster.stop()
    return 0
