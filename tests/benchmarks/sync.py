"""A travel copy's sync against the size of its dossier (issue 16).

The ``large`` dossier (100,000 events at ``--scale 1``) is generated, imported into a
database on a throwaway local PostgreSQL cluster (tests/server.py) and set up with
``briefing server init``; two logins are cleared to the level below the top, so the
audience filter has records to drop. As the traveller, the run times the
audience-filtered ``dossier export`` to a file and taking the travel copy; then 50 event
notes are edited in the copy and 50 on the server by the other login, 5 of them the same
records' notes edited differently on both sides, and one sync of those 100 changes is
timed and must keep exactly those 5 conflicts. A sync reads only what changed, so it must
cost at most a twentieth of the export; the copy, an export plus its encrypted file and
merge base, at most twice the export.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.engine import URL

from briefing.store.db.database import Store
from tests.benchmarks.large import SIZE
from tests.server import Cluster, start_cluster

SLUG = "large"
PASSPHRASE = "benchmark passphrase"
EACH_SIDE = 50
CONFLICTS = 5
"""Of each side's edits, this many are to the same records' notes as the other side's."""

SYNC_TARGET = 1 / 20
COPY_TARGET = 2.0
"""The issue's targets, as fractions of the audience-filtered export's time."""

T = TypeVar("T")

_PROFILE = bool(os.environ.get("BRIEFING_PROFILE_SYNC"))
"""Print the sync's profile (cProfile, by cumulative time) after the figures' line."""


@dataclass(frozen=True)
class Server:
    """The dossier on the cluster: the owner's URL, the level the logins are cleared to,
    and the traveller's and the colleague's logins."""

    url: URL
    rank: int
    level: str
    traveller: str
    colleague: str


def _clock(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    done = work()
    return time.perf_counter() - start, done


@contextmanager
def dossier_on_server(cluster: Cluster, folder: Path, size: Mapping[str, int]) -> Iterator[Server]:
    """The generated dossier imported on the cluster, as the server benchmark builds it,
    with ``server init`` and the two cleared logins; the database and logins dropped after."""
    from briefing.generator import generate_into
    from briefing.store.db.migrate import open_store, upgrade
    from briefing.store.exchange.export import export_file
    from briefing.store.exchange.writing import import_file
    from briefing.store.server.accounts import add_user
    from briefing.store.server.setup import initialise
    from tests.benchmarks.server import _levels

    with open_store(folder / "generated.sqlite3", seed_sample=False) as generated:
        generate_into(generated, **size, slug=SLUG, seed=7)
        source = folder / "large.json"
        export_file(generated, SLUG, source)
    url = cluster.create_database()
    prefix = f"syncbench{time.monotonic_ns() % 1_000_000}"
    logins = (f"{prefix}_traveller", f"{prefix}_colleague")
    try:
        with Store.at(url) as migrating:  # as an administrator does (`server upgrade`)
            upgrade(migrating)
        with open_store(url, seed_sample=False) as owner:
            import_file(owner, source)
            initialise(owner)
            rank, level = _levels(owner)[-2]
            with owner.session() as session:
                for login in logins:
                    add_user(session, login, level, admin=False, password="")
        yield Server(url, rank, level, *logins)
    finally:
        cluster.drop_database(url)
        cluster.execute(*(f"DROP ROLE IF EXISTS {login}" for login in logins))


def _export(url: URL, rank: int, target: Path) -> None:
    from briefing.store.exchange.export import export_file

    with Store.at(url) as login:
        export_file(login, SLUG, target, audience=rank)


def _take(url: URL, target: Path) -> None:
    from briefing.store.travel import take_copy

    with Store.at(url) as login:
        take_copy(login, SLUG, target, PASSPHRASE)


def _events(path: Path) -> list[str]:
    """The copy's events whose notes the traveller holds, by uid."""
    from briefing.store.db.migrate import open_store
    from briefing.store.travel import merge_base

    with open_store(path, passphrase=PASSPHRASE, seed_sample=False, create=False) as copy:
        states = merge_base(copy).states
        return sorted(u for u, s in states.items() if s.kind == "event" and "notes" in s.fields)


def _edit(store: Store, notes: Mapping[str, str]) -> None:
    """Save each record's new notes as the form does, one change a record."""
    from briefing.domain import Record
    from briefing.store.edits import change_record

    with store.session() as session:
        ids = session.execute(select(Record.id, Record.uid).where(Record.uid.in_(notes)))
        found = {uid: record_id for record_id, uid in ids}
        assert found.keys() == notes.keys(), "an edited record is missing"
        for uid, text in notes.items():
            change_record(session, found[uid], {"notes": text})


def _sync(path: Path, url: URL) -> tuple[float, int]:
    """One timed sync of the copy; its seconds and the conflicts it kept."""
    from briefing.store.db.migrate import open_store
    from briefing.store.sync.trip import sync_copy

    with (
        open_store(path, passphrase=PASSPHRASE, seed_sample=False, create=False) as copy,
        Store.at(url) as login,
    ):
        if _PROFILE:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            seconds, synced = _clock(lambda: profiler.runcall(sync_copy, copy, login))
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        else:
            seconds, synced = _clock(lambda: sync_copy(copy, login))
    expected = (EACH_SIDE, EACH_SIDE, CONFLICTS)
    met = (synced.sent + CONFLICTS, synced.received + CONFLICTS, synced.conflicts)
    assert met == expected, f"sent, received and conflicts: {synced}, expected {expected}"
    return seconds, synced.conflicts


def _changes(path: Path, server: Server) -> None:
    """50 edits in the copy and 50 on the server by the colleague, ``CONFLICTS`` of them
    to the same records' notes, differently."""
    from briefing.store.db.migrate import open_store

    events = _events(path)
    only = EACH_SIDE - CONFLICTS
    needed = CONFLICTS + 2 * only
    assert len(events) >= needed, f"{len(events)} events in the copy, {needed} needed"
    # Spread over the dossier, so the edits are not all in the first page of records.
    step = len(events) // needed
    chosen = events[::step][:needed]
    both, ours, theirs = chosen[:CONFLICTS], chosen[CONFLICTS:-only], chosen[-only:]
    with open_store(path, passphrase=PASSPHRASE, seed_sample=False, create=False) as copy:
        _edit(copy, {u: f"Edited on the plane {n}" for n, u in enumerate([*both, *ours])})
    with Store.at(server.url.set(username=server.colleague)) as colleague:
        _edit(colleague, {u: f"Edited at home {n}" for n, u in enumerate([*both, *theirs])})


def _line(
    name: str, seconds: float, ratio: float | None = None, target: float | None = None
) -> str:
    if ratio is None or target is None:
        return f"{name:40} {seconds:>9.2f}"
    verdict = "ok" if ratio <= target else "MISSED"
    return f"{name:40} {seconds:>9.2f} {ratio:>8.3f}×  ≤ {target:.3g}×  {verdict}"


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks sync")
    parser.add_argument("--scale", type=float, default=1.0, help="the dossier's size (1: full)")
    scale = parser.parse_args(argv).scale
    size = {kind: max(1, round(count * scale)) for kind, count in SIZE.items()}
    cluster = start_cluster()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="briefing-sync-bench-") as name,
            dossier_on_server(cluster, Path(name), size) as server,
        ):
            folder = Path(name)
            traveller = server.url.set(username=server.traveller)
            print(f"dossier: {size}, on PostgreSQL on a local Unix socket")
            print(f"the traveller and a colleague are cleared to {server.level}")
            print(f"{'figure':40} {'seconds':>9} {'of export':>9}  target")
            _export(traveller, server.rank, folder / "warm-up.json")  # caches, as in use
            export, _ = _clock(lambda: _export(traveller, server.rank, folder / "export.json"))
            print(_line(f"dossier export --audience {server.level}", export), flush=True)
            trip = folder / "trip.briefing"
            copy, _ = _clock(lambda: _take(traveller, trip))
            print(_line("travel copy (take_copy)", copy, copy / export, COPY_TARGET), flush=True)
            _changes(trip, server)
            seconds, conflicts = _sync(trip, traveller)
            label = f"sync: {2 * EACH_SIDE} changes, {conflicts} conflicts"
            print(_line(label, seconds, seconds / export, SYNC_TARGET), flush=True)
    finally:
        cluster.stop()
    return 0
