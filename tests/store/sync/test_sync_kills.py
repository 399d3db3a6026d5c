"""A sync killed at any point, or cut off by its server, leaves each side with the whole
sync or none of it, and the next sync finishes it (issue 16).

The kills are real: the sync runs in a forked child that counts every statement and
commit both sides make (a class-level SQLAlchemy listener) and sends itself SIGKILL just
before event N, so no ``finally`` and no rollback of ours runs; the operating system,
SQLite's journal and PostgreSQL are all that is left to keep the sides whole. N is
drawn with a fixed seed over a full sync's events, every commit and the event just after
it included. Between kills both sides go back to how they were before the sync: the
copy's file from a snapshot, the server's database from a template copy of it.

A server stopped as power cuts stop it (``pg_ctl stop -m immediate``, on a cluster of the
test's own) while the sync's server transaction writes, or as it commits, must be named
in one line, keep nothing of the sync once it is back, and let the next sync finish.

``BRIEFING_SYNC_KILLS`` sets how many kills run (100 by default, the same ones every run).
"""

from __future__ import annotations

import os
import random
import select as waiting
import shutil
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select

from briefing.domain import TravelBase, TravelSync
from briefing.errors import BriefingError
from briefing.store.db.database import Access, Store
from briefing.store.exchange.export import export_dossier
from briefing.store.sync import trip
from briefing.store.sync.conflicts import listed
from briefing.store.travel import take_copy
from tests.cli.test_travel import CONFIDENTIAL, PASSPHRASE, copy, server  # noqa: F401
from tests.server import Cluster
from tests.store.server.conftest import ClearedServer, cleared_on, cleared_server  # noqa: F401
from tests.store.sync.test_trip import edit, opened, people, same_view, sync, traveller
from tests.store.sync.test_trip import field as value

KILLS = int(os.environ.get("BRIEFING_SYNC_KILLS", "100"))
SEED = 16

COMMIT = "COMMIT"
Event = tuple[str, str]
"""Which side (``sqlite``: the copy, ``postgresql``: the server) and what: a statement's
SQL or :data:`COMMIT`, so a failure names where the sync died."""
CHILD_TIMEOUT_S = 60


@dataclass
class Counter:
    """Calls ``act`` just before the ``at``-th statement or commit either side makes."""

    at: int | None = None
    act: Callable[[], None] = lambda: None
    seen: list[Event] = field(default_factory=list)

    def statement(self, connection: Any, _cursor: object, sql: str, *_args: object) -> None:
        self._saw(connection, " ".join(sql.split()))

    def commit(self, connection: Any) -> None:
        self._saw(connection, COMMIT)

    def _saw(self, connection: Any, what: str) -> None:
        self.seen.append((connection.engine.dialect.name, what))
        if len(self.seen) == self.at:
            self.act()


@contextmanager
def counted(counter: Counter) -> Iterator[Counter]:
    event.listen(Engine, "before_cursor_execute", counter.statement)
    event.listen(Engine, "commit", counter.commit)
    try:
        yield counter
    finally:
        event.remove(Engine, "before_cursor_execute", counter.statement)
        event.remove(Engine, "commit", counter.commit)


@contextmanager
def carried(path: Path) -> Iterator[Store]:
    """The copy as it is, migrated and backed up already: opened with one key derivation,
    not :func:`~briefing.store.db.migrate.open_store`'s three, as a hundred kills add up."""
    with Store.at(path, Access(PASSPHRASE)) as store:
        yield store


def counted_sync(path: Path, team: ClearedServer, counter: Counter) -> trip.Synced:
    """Only the sync's own events count: the stores are open before the listener goes in."""
    with carried(path) as store, traveller(team) as login, counted(counter):
        return trip.sync_copy(store, login)


def killed_at(at: int, path: Path, team: ClearedServer) -> int:
    """The signal that ended a forked child syncing until just before event ``at``."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            counted_sync(path, team, Counter(at, lambda: os.kill(os.getpid(), signal.SIGKILL)))
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    # A child stuck (on the server's lock, say) fails the test instead of hanging it.
    with closing(Closable(os.pidfd_open(pid))) as ended:
        if not waiting.select([ended.fd], [], [], CHILD_TIMEOUT_S)[0]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail(f"the sync to be killed at event {at} still ran after {CHILD_TIMEOUT_S} s")
    _, status = os.waitpid(pid, 0)
    return os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status)


@dataclass(frozen=True)
class Closable:
    """A file descriptor for :func:`contextlib.closing`."""

    fd: int

    def close(self) -> None:
        os.close(self.fd)


def noted(events: list[Event]) -> int:
    """The copy's commit that notes the sync's id (1-based)."""
    update = next(
        i
        for i, (_, sql) in enumerate(events)
        if sql.startswith("UPDATE travel_base SET pending_sync")
    )
    return next(i for i, (_, sql) in enumerate(events, 1) if i > update and sql == COMMIT)


def kill_points(events: list[Event], count: int) -> list[int]:
    """``count`` events to be killed before (1-based), every commit and the event after
    it among them, the rest drawn at random."""
    last = len(events)
    commits = {i + 1 for i, (_, what) in enumerate(events) if what == COMMIT}
    must = sorted({p for c in commits for p in (c, c + 1) if p <= last})
    rng = random.Random(SEED)
    rest = [p for p in range(1, last + 1) if p not in must]
    drawn = rng.sample(rest, min(len(rest), max(0, count - len(must))))
    extra = rng.choices(range(1, last + 1), k=max(0, count - len(must) - len(drawn)))
    return sorted([*must, *drawn, *extra])


@dataclass(frozen=True)
class Snapshot:
    """Both sides as they were before the sync, to go back to after each kill."""

    path: Path
    team: ClearedServer
    folder: Path
    template: str

    def restore(self) -> None:
        for stale in self.path.parent.glob(self.path.name + "*"):
            stale.unlink()
        for saved in self.folder.iterdir():
            shutil.copy2(saved, self.path.parent / saved.name)
        database = self.team.url.database
        self.team.cluster.execute(
            f'DROP DATABASE "{database}" WITH (FORCE)',
            f'CREATE DATABASE "{database}" TEMPLATE "{self.template}" STRATEGY FILE_COPY',
        )


@contextmanager
def snapshot(path: Path, team: ClearedServer, folder: Path) -> Iterator[Snapshot]:
    folder.mkdir()
    for part in path.parent.glob(path.name + "*"):
        shutil.copy2(part, folder / part.name)
    template = f"{team.url.database}_before"
    team.cluster.execute(f'CREATE DATABASE "{template}" TEMPLATE "{team.url.database}"')
    try:
        yield Snapshot(path, team, folder, template)
    finally:
        team.cluster.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


@dataclass(frozen=True)
class Sides:
    """What the sync touches, as each side has it."""

    copy: tuple[str, ...]
    pending: str | None
    server: tuple[str, ...]
    recorded: int


def sides(store: Store, login: Store, owner: Store, touched: list[tuple[str, str]]) -> Sides:
    ours = tuple(value(store, uid, name) for uid, name in touched)
    with store.session() as session:
        pending = session.scalars(select(TravelBase.pending_sync)).one()
        copy_uid = session.scalars(select(TravelBase.copy_uid)).one()
    theirs = tuple(value(login, uid, name) for uid, name in touched)
    with owner.session() as session:
        recorded = session.scalar(
            select(func.count()).select_from(TravelSync).where(TravelSync.copy_uid == copy_uid)
        )
    return Sides(ours, pending, theirs, int(recorded or 0))


@contextmanager
def both(path: Path, team: ClearedServer) -> Iterator[tuple[Store, Store, Store]]:
    """The copy, and the server as the traveller and as its owner, each opened once."""
    with carried(path) as store, traveller(team) as login, Store.at(team.url) as owner:
        yield store, login, owner


def seen(path: Path, team: ClearedServer, touched: list[tuple[str, str]]) -> Sides:
    with both(path, team) as (store, login, owner):
        return sides(store, login, owner, touched)


def same_files(store: Store, owner: Store) -> bool:
    """The copy's dossier file is the server's for the traveller's clearance, byte for byte."""
    carried = export_dossier(store, "levels", audience=CONFIDENTIAL)
    return carried == export_dossier(owner, "levels", audience=CONFIDENTIAL)


@pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(os, "pidfd_open"),
    reason="kills children with SIGKILL and waits on pidfds (Linux)",
)
def test_a_sync_killed_anywhere_leaves_each_side_whole_and_the_next_sync_finishes_it(
    copy: tuple[Path, str],  # noqa: F811
    server: ClearedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    path, _ = copy
    first, second, third = people(path)[7:10]
    touched = [(first, "name"), (second, "bio"), (third, "bio")]
    with opened(path) as store:
        value_before = [value(store, uid, name) for uid, name in touched]
        edit(store, first, {"name": "Renamed in the taxi"})
        edit(store, second, {"bio": "Met in the lounge"})
    with traveller(server) as team:
        edit(team, third, {"bio": "Written at the embassy"})
    whole = ("Renamed in the taxi", "Met in the lounge", "Written at the embassy")
    before = Sides((*whole[:2], value_before[2]), None, (*value_before[:2], whole[2]), 0)
    with snapshot(path, server, tmp_path / "before") as saved:
        assert seen(path, server, touched) == before
        full = Counter()
        synced = counted_sync(path, server, full)
        assert (synced.sent, synced.received, synced.conflicts) == (2, 1, 0)
        after = Sides(whole, None, whole, 1)
        assert seen(path, server, touched) == after
        assert {side for side, _ in full.seen} == {"sqlite", "postgresql"}
        noting = noted(full.seen)
        points = kill_points(full.seen, KILLS)
        assert len(points) >= KILLS
        assert {full.seen[at - 1][0] for at in points} == {"sqlite", "postgresql"}
        for at in points:
            saved.restore()
            assert killed_at(at, path, server) == signal.SIGKILL, f"not killed at {at}"
            where = f"killed before event {at} of {len(full.seen)}: {full.seen[at - 1]}"
            with both(path, server) as (store, login, owner):
                now = sides(store, login, owner, touched)
                assert (now.server, now.recorded) in ((before.server, 0), (after.server, 1)), where
                assert now.copy in (before.copy, after.copy), where
                if now.copy == after.copy:
                    assert (now.pending, now.recorded) == (None, 1), where
                else:
                    assert (now.pending is not None) == (at > noting), where
                finished = trip.sync_copy(store, login)
                assert (finished.conflicts, finished.resumed) == (0, now.pending is not None), where
                if now.pending is not None:
                    assert finished.uid == now.pending, where
                assert sides(store, login, owner, touched) == after, where
                with store.session() as session:
                    assert listed(session) == [], where
                assert same_files(store, owner), where


@pytest.fixture
def stoppable(own_cluster: tuple[Cluster, Any]) -> Iterator[ClearedServer]:
    """A cleared server on a cluster of this test's own, to stop and start."""
    cluster, url = own_cluster
    cluster.mark_template(url)
    with cleared_on(cluster, url.database) as team:
        yield team


@pytest.mark.parametrize("before_commit", [1, 0], ids=["while-writing", "at-its-commit"])
def test_a_server_stopped_mid_sync_is_named_and_keeps_nothing_of_it(
    stoppable: ClearedServer, tmp_path: Path, before_commit: int
) -> None:
    team = stoppable
    path = tmp_path / "trip.briefing"
    with traveller(team) as login:
        take_copy(login, "levels", path, PASSPHRASE)
    first, second = people(path)[:2]
    touched = [(first, "name"), (second, "bio")]
    with opened(path) as store:
        edit(store, first, {"name": "Sent as the lights went out"})
    with traveller(team) as login:
        edit(login, second, {"bio": "Waiting on the server"})
    before = seen(path, team, touched)
    # Stop the server once the sync's server transaction has written, or as it commits.
    full = Counter()
    with snapshot(path, team, tmp_path / "before") as saved:
        counted_sync(path, team, full)
        saved.restore()
    server_events = [i for i, (side, _) in enumerate(full.seen, 1) if side == "postgresql"]
    commit = next(i for i in server_events if full.seen[i - 1][1] == COMMIT)
    stop_at = commit - before_commit
    assert full.seen[stop_at - 1][0] == "postgresql"
    with pytest.raises(BriefingError) as raised:
        counted_sync(path, team, Counter(stop_at, team.cluster.halt))
    message = str(raised.value)
    assert len(message.splitlines()) == 1, message
    assert message == (
        "the server at localhost stopped answering; nothing was saved on it and your work "
        "is kept: try again when the server is back"
    )
    team.cluster.start()
    now = seen(path, team, touched)
    assert (now.copy, now.server, now.recorded) == (before.copy, before.server, 0)
    finished = sync(path, team)
    assert (finished.sent, finished.received, finished.conflicts) == (1, 1, 0)
    assert finished.resumed == (now.pending is not None)
    after = seen(path, team, touched)
    assert after.copy == after.server == ("Sent as the lights went out", "Waiting on the server")
    assert (after.pending, after.recorded) == (None, 1)
    same_view(path, team)
