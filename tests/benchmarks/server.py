"""The team server against the embedded file: the same reads on PostgreSQL and on SQLite.

The ``large`` benchmark's dossier (100,000 events, 20,000 people, 5,000 chips, 2,000
sources) is generated once and written to its exchange file; the file is then imported
into a fresh SQLite file and into a fresh database on a throwaway local PostgreSQL
cluster (tests/server.py), both timed, and every figure after that is measured on both in
the same run, printed as PostgreSQL, SQLite and their ratio against the issue's target
(issue 15: lists and a search keystroke at most 1.5 times SQLite's, the import at most 2).

Each figure set is a function of a :class:`Bench` returning :class:`Figure` rows, listed
in ``SETS``. Two sets compare something else: 8 concurrent writers making 500 edits each
through the version-checked save (every edit saved or refused as a conflict, none lost),
and a list read by a login cleared to a level against the same query by the superuser
(row-level security's cost, at most 1.3 times), after ``briefing server init`` on the
benchmark's database.

The server's tables are vacuumed after the import and after ``server init`` (which
rewrites every row to give it its level), as autovacuum does within a minute or so of
either: the reads are timed as a team makes them day to day, with the visibility map
that lets PostgreSQL answer from an index alone, not in the minute after a bulk write.
SQLite is left without statistics, as the app runs it.

``--scale F`` builds a dossier F times the size (``--scale 0.1``: 10,000 events), for
working on a figure without waiting for the full one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
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

CLEARED_ROUNDS = 15
"""A cleared login's reads against the superuser's: more rounds, as row-level security's
cost is a few milliseconds on a page the machine's load moves by as much."""

PAGE = 128
"""A list's first page: the rows the GUI's model reads at once (table_model.PagedModel)."""

AS_OF = dt.date(2025, 5, 1)


@dataclass(frozen=True)
class Figure:
    """One measurement on both backends, in seconds, and the ratio it must stay within."""

    name: str
    server: float
    sqlite: float
    target: float | None
    """None for a figure only printed, such as the writers' total time."""
    note: str = ""
    """What else the figure counted (the writers' saves, conflicts and lost updates)."""
    met: bool = True
    """False when a count the figure checks is wrong (a lost update), whatever the times."""

    @property
    def ratio(self) -> float:
        return self.server / self.sqlite if self.sqlite else float("inf")

    @property
    def verdict(self) -> str:
        if not self.met or (self.target is not None and self.ratio > self.target):
            return "MISSED"
        return "ok"

    def line(self) -> str:
        target = "" if self.target is None else f"≤ {self.target}×"
        return (
            f"{self.name:34} {self.server * 1000:>10.1f} {self.sqlite * 1000:>10.1f} "
            f"{self.ratio:>6.2f}×  {target:6} {self.verdict}  {self.note}".rstrip()
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
    logins: list[str]
    """Logins the cleared set made: roles are the cluster's, dropped after the database."""

    def both(self) -> Iterator[tuple[str, Store]]:
        yield "server", self.server
        yield "sqlite", self.sqlite


def timed(*works: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    """The median wall-clock seconds of each of ``works`` over ``rounds`` runs, after one
    warm-up each. The works take turns within every round, so a load that comes and goes
    on the machine (other builds, the server's own checkpoints) weighs on each alike; timed
    one after the other, a figure's two sides swung from 0.6 to 3 times each other."""
    for work in works:
        work()
    times: list[list[float]] = [[] for _ in works]
    for _ in range(rounds):
        for work, taken in zip(works, times, strict=True):
            start = time.perf_counter()
            work()
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


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

    stores = dict(bench.both())
    lists = {backend: _listings(*_dossier(store)) for backend, store in stores.items()}
    shown = []
    for name, (_, sort) in lists["server"].items():
        for label, request in (
            (f"{name} list, first page", listing.Request()),
            (f"{name} list, sorted", listing.Request(sort=sort, descending=True)),
        ):
            server, sqlite = timed(
                *(
                    partial(_first_page, store, lists[b][name][0], request)
                    for b, store in stores.items()
                )
            )
            shown.append(Figure(label, server, sqlite, 1.5))
    return shown


def keystroke(bench: Bench) -> list[Figure]:
    """The search box's query for each keystroke of ``large``'s queries (60 hits); the
    worst is the query slowest on the server, set against the same query on SQLite."""
    each: dict[str, dict[str, float]] = {"server": {}, "sqlite": {}}
    stores = {backend: (store, *_dossier(store)) for backend, store in bench.both()}
    for query in QUERIES:
        both = [partial(_search, store, query, *place) for store, *place in stores.values()]
        each["server"][query], each["sqlite"][query] = timed(*both)
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


WRITERS = 8
EDITS = 500
SHARED = 4
"""Records the writers share: each edit goes to one of them in turn, so they overlap."""


@dataclass
class Tally:
    saved: int = 0
    refused: int = 0
    failed: int = 0
    """Edits that failed otherwise (SQLite's busy timeout): neither saved nor a conflict."""
    lost: int = 0

    def __str__(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        return f"{self.saved} saved, {self.refused} conflicts{failed}, {self.lost} lost"


def _write_concurrently(store: Store) -> tuple[float, Tally]:
    """Each writer loads a shared record, then saves its counter plus one over the version
    it loaded (read-modify-write, as the form does); a save over a newer version is refused.
    Lost updates: saves that returned but whose increment is not in the final counter."""
    from sqlalchemy import select

    from briefing.domain import Person, Record
    from briefing.store.edits import change_record
    from briefing.store.versions import Changed

    with store.session() as session:
        records = list(session.scalars(select(Person.id).order_by(Person.id).limit(SHARED)))
    for record_id in records:
        with store.session() as session:
            change_record(session, record_id, {"notes": "0"}, None)
    tally = Tally()
    saved = dict.fromkeys(records, 0)
    lock = threading.Lock()
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            start.wait()
            for edit in range(EDITS):
                record_id = records[(writer + edit) % len(records)]
                with store.session() as session:
                    record = session.get_one(Record, record_id)
                    value, version = int(record.notes), record.version
                outcome = "saved"
                try:
                    with store.session() as session:
                        change_record(session, record_id, {"notes": str(value + 1)}, version)
                except Changed:
                    outcome = "refused"
                except Exception:
                    outcome = "failed"
                with lock:
                    setattr(tally, outcome, getattr(tally, outcome) + 1)
                    saved[record_id] += outcome == "saved"
        except BaseException as exc:  # raised below: a thread's error is not
            errors.append(exc)

    began = time.perf_counter()
    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if errors:
        raise errors[0]
    with store.session() as session:
        final = {r: int(session.get_one(Record, r).notes) for r in records}
    tally.lost = sum(saved[r] - final[r] for r in records)
    return seconds, tally


def writers(bench: Bench) -> list[Figure]:
    """8 writers × 500 edits on shared records, on both backends: the total time; every
    edit saved or refused as a conflict, none lost."""
    seconds, tallies = {}, {}
    for backend, store in bench.both():
        seconds[backend], tallies[backend] = _write_concurrently(store)
    total = WRITERS * EDITS
    met = all(t.lost == 0 and t.saved + t.refused + t.failed == total for t in tallies.values())
    note = f"server: {tallies['server']}; sqlite: {tallies['sqlite']}"
    name = f"{WRITERS} writers × {EDITS} edits (total)"
    return [Figure(name, seconds["server"], seconds["sqlite"], None, note, met)]


def _levels(store: Store) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from briefing.domain import HandlingLevel

    with store.session() as session:
        rows = session.execute(select(HandlingLevel.rank, HandlingLevel.name).order_by("rank"))
        return [(int(rank), str(name)) for rank, name in rows]


def cleared(bench: Bench) -> list[Figure]:
    """``briefing server init`` on the benchmark's database, a login cleared to each level,
    then each list's first page read by that login against the same query (the same
    audience level) read by the superuser, whom row-level security does not filter. The
    figure's two columns are then the login's time and the superuser's."""
    from briefing.store.db.migrate import open_store
    from briefing.store.lists import listing
    from briefing.store.server.accounts import add_user
    from briefing.store.server.setup import initialise

    owner = bench.server
    initialise(owner)
    _settled(owner)
    levels = _levels(owner)
    prefix = f"bench{time.monotonic_ns() % 1_000_000}"
    logins = {rank: f"{prefix}_{rank}" for rank, _ in levels}
    bench.logins.extend(logins.values())
    with owner.session() as session:
        for rank, name in levels:
            add_user(session, logins[rank], name, admin=False, password="")
    dossier_id, _ = _dossier(owner)
    shown = []
    for rank, level_name in levels:
        with open_store(owner.url.set(username=logins[rank]), seed_sample=False) as login:
            for name, (rows, _sort) in _listings(dossier_id, rank).items():
                request = listing.Request()
                as_login, as_owner = timed(
                    partial(_first_page, login, rows, request),
                    partial(_first_page, owner, rows, request),
                    rounds=CLEARED_ROUNDS,
                )
                label = f"{name} list as {level_name}"
                shown.append(Figure(label, as_login, as_owner, 1.3))
    return shown


SETS: list[Callable[[Bench], list[Figure]]] = [lists, keystroke, imports, cleared, writers]
COLUMNS = {
    cleared: "cleared login against the superuser, both on the server:",
    writers: "concurrent writers, the whole run (server, sqlite), and what became of each edit:",
}
"""A heading for the sets whose two columns are not one read on each backend."""


def _settled(store: Store) -> None:
    """What autovacuum does after a bulk write: the visibility map and the statistics."""
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM (ANALYZE)")


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
        measured: Bench | None = None
        try:
            with Store.at(url) as migrating:  # as an administrator does (`server upgrade`)
                upgrade(migrating)
            with (
                open_store(folder / "imported.sqlite3", seed_sample=False) as sqlite,
                open_store(url, seed_sample=False) as server,
            ):
                imported = {"sqlite": _import(sqlite, source), "server": _import(server, source)}
                _settled(server)
                measured = Bench(folder, source, cluster, sqlite, server, imported, [])
                yield measured
        finally:
            cluster.drop_database(url)
            if measured is not None and measured.logins:
                cluster.execute(*(f"DROP ROLE IF EXISTS {name}" for name in measured.logins))


def figures(
    measured: Bench,
    heading: Callable[[str], object] = print,
    sets: Sequence[Callable[[Bench], list[Figure]]] = SETS,
) -> Iterator[Figure]:
    """Each set's figures (every set's by default), calling ``heading`` before a set that
    has its own columns."""
    for figure_set in sets:
        if figure_set in COLUMNS:
            heading(COLUMNS[figure_set])
        yield from figure_set(measured)


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks server")
    parser.add_argument("--scale", type=float, default=1.0, help="the dossier's size (1: full)")
    names = {figure_set.__name__: figure_set for figure_set in SETS}
    parser.add_argument(
        "--only",
        nargs="+",
        choices=names,
        default=list(names),
        help="these sets alone (the writers' take most of a full run)",
    )
    arguments = parser.parse_args(argv)
    scale, sets = arguments.scale, [names[name] for name in arguments.only]
    size = {kind: max(1, round(count * scale)) for kind, count in SIZE.items()}
    cluster = start_cluster()
    try:
        with bench(cluster, size) as measured:
            print(f"dossier: {size}, PostgreSQL on a local Unix socket against an SQLite file")
            print(f"{'figure':34} {'server ms':>10} {'sqlite ms':>10} {'ratio':>7}  target")
            for figure in figures(measured, sets=sets):
                print(figure.line(), flush=True)
    finally:
        cluster.stop()
    return 0
