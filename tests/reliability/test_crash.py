"""Crash safety: children that edit and import are SIGKILLed, and nothing they saved is lost.

Each child (``crash_child``) opens one shared database with ``open_store`` and edits,
creates, deletes, undoes and imports until it is killed at a random moment: after a
random number of commits plus a random fraction of the next transaction, or during
``open_store`` itself. After every kill the test checks what a person reopening the file
would rely on: SQLite's integrity and foreign-key checks, the full-text index's own
integrity check and its agreement with the records, that every change the child reported
as committed is there with its value, that the one transaction in flight landed whole or
not at all, and that ``open_store`` still opens the file. The same file is used for every
kill, so damage would accumulate and show.
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import func
from sqlalchemy import select as sql_select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Record
from briefing.store.db.migrate import open_store
from briefing.store.edits import change_record, read_fields
from briefing.store.exchange.loading import parse
from briefing.store.search.querying import search
from briefing.store.visibility import EVERYTHING
from tests.builders import cite, document, load
from tests.reliability.crash_child import CREATED_PREFIX, WORD
from tests.reliability.figures import Figures

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(os, "pidfd_open"),
    reason="kills children with SIGKILL and waits on pidfds (Linux)",
)

FRESH_EVERY = 40
"""Every this many kills the child is a fresh interpreter instead of a fork."""
FULL_CHECK_EVERY = 25
"""Every this many kills (and after the last) every reported change is checked again."""
LINE_TIMEOUT = 60.0
"""A child that reports nothing for this long has hung: the test fails instead."""

Key = tuple[int, str]


def small_dossier() -> dict[str, Any]:
    """What the children import again and again: a few linked, cited records."""
    return document(
        "crash-import",
        people=[
            {"id": "p:1", "name": "First Envoy", "aliases": ["Envoy One"], "citations": [cite()]},
            {"id": "p:2", "name": "Second Envoy", "party": "party:b"},
        ],
        events=[
            {
                "id": "e:1",
                "title": "Working lunch",
                "start_date": "2025-04-24",
                "participants": ["p:1", "p:2"],
                "owner": "p:1",
            }
        ],
        chips=[{"id": "c:1", "title": "Tariff relief", "sectors": ["autos"], "events": ["e:1"]}],
        talking_points=[{"id": "tp:1", "subject": "c:1", "text": "Say this first"}],
    )


# ------------------------------------------------------------------ reading children


class Lines:
    """Complete lines from a pipe, read with ``select`` so no wait outlasts its deadline."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.fd = stream.fileno()
        self.buffer = b""
        self.ready: deque[str] = deque()
        self.closed = False

    def read(self, timeout: float) -> bool:
        """Wait up to ``timeout`` for data; False when nothing came (or the pipe closed)."""
        if self.closed:
            return False
        readable, _, _ = select.select([self.fd], [], [], max(timeout, 0.0))
        if not readable:
            return False
        data = os.read(self.fd, 1 << 16)
        if not data:
            self.closed = True
            return False
        *complete, self.buffer = (self.buffer + data).split(b"\n")
        self.ready.extend(line.decode("utf-8") for line in complete)
        return True

    def drain(self) -> None:
        """Everything already written: used once the writer is known to be dead."""
        while self.read(0):
            pass
        # A kill can cut the last line; a line without its newline never counts.
        self.buffer = b""


@dataclass
class Ledger:
    """What the children reported, folded into the state the database must be in.

    Attributes:
        values: the last reported value of each (record id, field).
        gone: records reported deleted (and not since restored), with their uids: an
            import may give a deleted record's id to one of its own.
        imports: slugs of dossiers reported imported.
        records_per_import: how many records one import of the small dossier adds.
    """

    records_per_import: int
    values: dict[Key, Any] = field(default_factory=dict)
    gone: dict[int, str] = field(default_factory=dict)
    imports: set[str] = field(default_factory=set)

    def apply(self, op: dict[str, Any]) -> None:
        kind = op["op"]
        if kind == "import":
            self.imports.add(op["slug"])
            return
        record_id = int(op["id"])
        if kind in ("create", "delete"):
            # SQLite may hand a deleted record's id to the next new one.
            for key in [k for k in self.values if k[0] == record_id]:
                del self.values[key]
        if kind == "delete":
            self.gone[record_id] = op["uid"]
        else:
            self.gone.pop(record_id, None)
            self.values[(record_id, op["field"])] = op["new"]


@dataclass
class Child:
    """One child as the parent sees it: its lines folded in as they arrive.

    Attributes:
        pid: the child's process id (known from its START line).
        committed: every operation it reported COMMITTED, in order.
        pending: the operation it announced with BEGIN and has not confirmed.
    """

    pid: int
    ledger: Ledger
    process: subprocess.Popen[bytes] | None = None
    pidfd: int | None = None
    opened: bool = False
    committed: list[dict[str, Any]] = field(default_factory=list)
    pending: dict[str, Any] | None = None
    error: str | None = None

    def feed(self, line: str) -> None:
        pid, _, rest = line.partition(" ")
        assert int(pid) == self.pid, f"a line from another process: {line!r}"
        tag, _, rest = rest.partition(" ")
        if tag == "OPEN":
            self.opened = True
        elif tag == "BEGIN":
            self.pending = json.loads(rest)
        elif tag == "COMMITTED":
            op = json.loads(rest.split(" ", 2)[2])
            announced = {k: v for k, v in op.items() if not (k == "id" and op["op"] == "create")}
            assert announced == self.pending, f"COMMITTED without its BEGIN: {line!r}"
            self.ledger.apply(op)
            self.committed.append(op)
            self.pending = None
        elif tag == "ERROR":
            self.error = rest


class Children:
    """Starts children (forked by the server, or fresh interpreters) and kills them.

    Attributes:
        server: the fork server, started once.
        lines: the server's stdout, which every forked child writes to.
    """

    def __init__(self, root: Path, db: Path, dossier: Path, log: IO[bytes]) -> None:
        self.root = root
        self.db = db
        self.dossier = dossier
        self.log = log
        self.server = self._python("serve", stdin=subprocess.PIPE)
        assert self.server.stdout is not None
        self.lines = Lines(self.server.stdout)
        self._wait_for(self.lines, lambda: bool(self.lines.ready), "the fork server to start")
        assert self.lines.ready.popleft() == "READY"

    def _python(self, *args: str, stdin: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.crash_child", *args],
            cwd=self.root,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=self.log,
        )

    def _wait_for(self, lines: Lines, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + LINE_TIMEOUT
        while not done():
            if not lines.read(deadline - time.monotonic()) and (
                lines.closed or time.monotonic() >= deadline
            ):
                raise AssertionError(f"gave up waiting for {what}")

    def start(self, seed: int, ledger: Ledger, *, fresh: bool) -> tuple[Child, Lines]:
        args = (str(self.db), str(self.dossier), str(seed))
        if fresh:
            process = self._python("run", *args, stdin=subprocess.DEVNULL)
            assert process.stdout is not None
            return Child(process.pid, ledger, process=process), Lines(process.stdout)
        assert self.server.stdin is not None
        self.server.stdin.write(" ".join(args).encode() + b"\n")
        self.server.stdin.flush()
        self._wait_for(self.lines, lambda: bool(self.lines.ready), "a forked child")
        first = self.lines.ready.popleft()
        pid, _, tag = first.partition(" ")
        assert tag == "START", f"expected a START line, got {first!r}"
        child = Child(int(pid), ledger)
        try:
            child.pidfd = os.pidfd_open(child.pid)
        except ProcessLookupError:
            child.pidfd = None  # it died already; its ERROR line says why
        return child, self.lines

    def follow(self, child: Child, lines: Lines, until: Callable[[], bool], limit: float) -> None:
        """Fold the child's lines in until ``until()`` or ``limit`` seconds have passed."""
        end = time.monotonic() + limit
        while not until() and child.error is None:
            remaining = end - time.monotonic()
            if remaining <= 0:
                return
            got = lines.read(remaining)
            while lines.ready:
                child.feed(lines.ready.popleft())
            if not got and lines.closed:
                break
        assert child.error is None, f"child {child.pid} failed: {child.error}"

    def kill(self, child: Child, lines: Lines) -> None:
        """SIGKILL, wait until the process is gone, then read what it wrote before."""
        if child.process is not None:
            child.process.kill()
            child.process.wait(timeout=30)
            lines.drain()
            assert child.process.stdout is not None
            child.process.stdout.close()
        else:
            if child.pidfd is not None:
                with suppress(ProcessLookupError):
                    os.kill(child.pid, signal.SIGKILL)
                gone, _, _ = select.select([child.pidfd], [], [], 30)
                os.close(child.pidfd)
                child.pidfd = None
                assert gone, f"child {child.pid} outlived SIGKILL"
            lines.drain()
        while lines.ready:
            child.feed(lines.ready.popleft())
        assert child.error is None, f"child {child.pid} failed: {child.error}"

    def close(self) -> None:
        if self.server.stdin is not None:
            self.server.stdin.close()
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()
        if self.server.stdout is not None:
            self.server.stdout.close()


# ------------------------------------------------------------------ checking the file


def raw_checks(db: Path) -> list[str]:
    """SQLite's own checks, on a plain connection, as the next start would see the file."""
    problems: list[str] = []
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        integrity = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            problems.append(f"foreign_key_check: {broken[:5]}")
        try:
            connection.execute("INSERT INTO search_index(search_index) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"search index integrity-check: {exc}")
        unindexed = connection.execute(
            "SELECT count(*) FROM record WHERE id NOT IN (SELECT rowid FROM search_index)"
        ).fetchone()[0]
        orphaned = connection.execute(
            "SELECT count(*) FROM search_index WHERE rowid NOT IN (SELECT id FROM record)"
        ).fetchone()[0]
        if unindexed or orphaned:
            problems.append(f"search index: {unindexed} records missing, {orphaned} orphans")
    return problems


def words(value: Any) -> set[str]:
    """The child-written words in a field's value (a string, or a list of names)."""
    values = value if isinstance(value, list) else [value]
    return {v for v in values if isinstance(v, str) and WORD.fullmatch(v)}


def search_problems(session: Session, ledger: Ledger, ops: list[dict[str, Any]] | None) -> int:
    """Search, as a person would, for what was saved and for what was overwritten.

    Every word a reported change wrote must find its record, and every word it replaced
    must no longer find it: the index is in step with the records. Returns the searches.
    """
    if ops is None:
        keys = set(ledger.values)
        replaced: list[tuple[int, str]] = []
    else:
        ids = {int(op["id"]) for op in ops if "id" in op}
        keys = {k for k in ledger.values if k[0] in ids}
        replaced = [
            (int(op["id"]), w) for op in ops if op["op"] == "change" for w in words(op["old"])
        ]
    current: dict[int, set[str]] = {}
    for (record_id, _name), value in ledger.values.items():
        current.setdefault(record_id, set()).update(words(value))
    searches = 0

    def finds(record_id: int, word: str) -> bool:
        nonlocal searches
        searches += 1
        dossier_id = session.scalar(sql_select(Record.dossier_id).where(Record.id == record_id))
        hits = search(session, word, dossier_id=dossier_id or 0, level=EVERYTHING)
        return record_id in {h.record_id for h in hits}

    for record_id, name in sorted(keys):
        for word in sorted(words(ledger.values[(record_id, name)])):
            assert finds(record_id, word), f"searching {word!r} misses record {record_id}"
    for record_id, word in replaced:
        if word not in current.get(record_id, set()) and record_id not in ledger.gone:
            assert not finds(record_id, word), f"record {record_id} still found by {word!r}"
    return searches


def field_value(session: Session, record_id: int, name: str) -> tuple[bool, Any]:
    record = session.get(Record, record_id)
    if record is None:
        return False, None
    return True, read_fields(record, [name])[name]


def still_there(session: Session, record_id: int, uid: str) -> bool:
    """Whether the record with this id is still the one with this uid (ids are reused)."""
    record = session.get(Record, record_id)
    return record is not None and record.uid == uid


def import_count(session: Session, slug: str) -> int | None:
    """Records an import brought (children may add their own to any dossier later)."""
    dossier_id = session.scalar(sql_select(Dossier.id).where(Dossier.slug == slug))
    if dossier_id is None:
        return None
    imported = (Record.dossier_id == dossier_id) & ~Record.uid.startswith(CREATED_PREFIX)
    return int(session.scalar(sql_select(func.count(Record.id)).where(imported)) or 0)


def settle(session: Session, ledger: Ledger, op: dict[str, Any]) -> dict[str, Any] | None:
    """The transaction in flight at the kill, if it landed; fails if it half-landed."""
    kind = op["op"]
    if kind == "import":
        count = import_count(session, op["slug"])
        assert count in (None, ledger.records_per_import), f"partial import: {count} records"
        landed = count is not None
    elif kind == "create":
        record = session.scalar(sql_select(Record).where(Record.uid == op["uid"]))
        landed = record is not None
        if record is not None:
            op = {**op, "id": record.id}
            value = read_fields(record, [op["field"]])[op["field"]]
            assert value == op["new"], f"created record {record.id} holds {value!r}"
    elif kind == "delete":
        landed = not still_there(session, op["id"], op["uid"])
    else:
        present, value = field_value(session, op["id"], op["field"])
        if kind == "restore":
            landed = present
            assert not present or value == op["new"], f"restored {op} holds {value!r}"
        else:
            assert present, f"record {op['id']} vanished during a change"
            assert value in (op["old"], op["new"]), f"{op} left {value!r}"
            landed = value == op["new"]
            known = ledger.values.get((op["id"], op["field"]), op["old"])
            assert op["old"] == known, f"child read {op['old']!r} where {known!r} was saved"
    if not landed:
        return None
    ledger.apply(op)
    return op


def ledger_problems(session: Session, ledger: Ledger, ops: list[dict[str, Any]] | None) -> int:
    """Check reported changes (all of them, or those ``ops`` touched); return how many held."""
    if ops is None:
        keys = set(ledger.values)
        gone = set(ledger.gone)
        slugs = set(ledger.imports)
    else:
        ids = {int(op["id"]) for op in ops if "id" in op}
        keys = {k for k in ledger.values if k[0] in ids}
        gone = ledger.gone.keys() & ids
        slugs = {op["slug"] for op in ops if op["op"] == "import"}
    for record_id, name in sorted(keys):
        present, value = field_value(session, record_id, name)
        expected = ledger.values[(record_id, name)]
        assert present, f"record {record_id} was reported changed but is gone"
        assert value == expected, f"record {record_id}.{name} is {value!r}, saved {expected!r}"
    for record_id in sorted(gone):
        assert not still_there(session, record_id, ledger.gone[record_id]), (
            f"deleted record {record_id} ({ledger.gone[record_id]}) is back"
        )
    for slug in sorted(slugs):
        count = import_count(session, slug)
        assert count == ledger.records_per_import, f"imported dossier {slug} has {count}"
    return len(keys) + len(gone) + len(slugs)


@contextmanager
def reopened(db: Path) -> Iterator[Session]:
    """The file opened as the app opens it (without its daily backup), one session."""
    store = open_store(db, seed_sample=False, daily_backup=False)
    try:
        with store.session() as session:
            yield session
    finally:
        store.close()


def verify(db: Path, ledger: Ledger, child: Child, figures: Figures, full: bool) -> None:
    problems = raw_checks(db)
    if not any(p.startswith("integrity") for p in problems):
        figures.integrity_ok += 1
    if not any(p.startswith("foreign") for p in problems):
        figures.foreign_keys_ok += 1
    assert problems == [], f"after killing child {child.pid}: {problems}"
    with reopened(db) as session:
        figures.reopened_ok += 1
        touched = list(child.committed)
        if child.pending is not None:
            figures.in_flight += 1
            landed = settle(session, ledger, child.pending)
            if landed is not None:
                figures.in_flight_whole += 1
                touched.append(landed)
            else:
                figures.in_flight_none += 1
        ledger_problems(session, ledger, None if full else touched)
        figures.commits_present += len(child.committed)
        search_problems(session, ledger, None if full else touched)
        figures.search_index_ok += 1


# ------------------------------------------------------------------ the test


def wait_for_a_random_moment(
    children: Children, child: Child, lines: Lines, rng: random.Random
) -> None:
    """Let the child run to a random point: opening, between actions, or committing.

    "Committing" waits for a BEGIN line, printed just before the commit, and then at most
    a few milliseconds, which lands many kills inside SQLite's commit and its fsyncs.
    """
    moment = rng.choice(["opening", "between", "between", "committing", "committing"])
    if moment == "opening":
        children.follow(child, lines, lambda: False, rng.uniform(0, 0.15))
        return
    wanted = rng.choice([0, 1, 1, 2, 3, 5, 8, 13])
    children.follow(child, lines, lambda: len(child.committed) >= wanted, LINE_TIMEOUT)
    assert len(child.committed) >= wanted, f"child {child.pid} stalled"
    if moment == "between":
        children.follow(child, lines, lambda: False, rng.uniform(0, 0.02))
    else:
        children.follow(child, lines, lambda: child.pending is not None, LINE_TIMEOUT)
        children.follow(child, lines, lambda: False, rng.uniform(0, 0.004))


def test_killed_children_lose_nothing(
    sample_template: Path,
    tmp_path: Path,
    pytestconfig: pytest.Config,
    kills: int,
    crash_seed: int,
    figures: Figures,
) -> None:
    db = tmp_path / "crash.sqlite3"
    shutil.copyfile(sample_template, db)
    dossier = tmp_path / "small.json"
    dossier.write_text(json.dumps(small_dossier()), encoding="utf-8")
    model = parse(dossier.read_bytes())
    per_import = sum(
        len(getattr(model, name))
        for name in type(model).model_fields
        if isinstance(getattr(model, name), list) and name != "handling_levels"
    )
    ledger = Ledger(records_per_import=per_import)
    rng = random.Random(crash_seed)
    started = time.monotonic()
    log_path = tmp_path / "children.stderr"
    with log_path.open("wb") as log:
        children = Children(pytestconfig.rootpath, db, dossier, log)
        child: Child | None = None
        try:
            for number in range(1, kills + 1):
                fresh = number % FRESH_EVERY == 1
                child, lines = children.start(rng.randrange(2**31), ledger, fresh=fresh)
                wait_for_a_random_moment(children, child, lines, rng)
                children.kill(child, lines)
                figures.kills += 1
                figures.kills_fresh_interpreter += fresh
                figures.commits_reported += len(child.committed)
                verify(db, ledger, child, figures, full=number % FULL_CHECK_EVERY == 0)
                child = None
            with reopened(db) as session:
                ledger_problems(session, ledger, None)
                search_problems(session, ledger, None)
        except BaseException:
            if child is not None and child.process is None and child.pidfd is not None:
                os.kill(child.pid, signal.SIGKILL)
            elif child is not None and child.process is not None:
                child.process.kill()
            log.flush()
            sys.stderr.write(log_path.read_text(errors="replace")[-4000:])
            raise
        finally:
            children.close()
            figures.crash_seconds += time.monotonic() - started
    assert figures.commits_reported > kills, "the children committed too little to prove much"


def test_renaming_an_event_reindexes_its_brief(tmp_path: Path) -> None:
    """A brief is titled after its event ("Brief: …"); search must follow a rename."""
    store = open_store(tmp_path / "brief.sqlite3", seed_sample=False)
    load(
        store,
        document(
            events=[{"id": "e:1", "title": "Working lunch", "start_date": "2025-04-24"}],
            meeting_briefs=[{"id": "b:1", "event": "e:1", "purpose": "Agree the agenda"}],
        ),
    )
    with store.session() as session:
        event_id = session.scalars(sql_select(Record.id).where(Record.uid == "e:1")).one()
        brief_id = session.scalars(sql_select(Record.id).where(Record.uid == "b:1")).one()
        dossier_id = session.scalars(sql_select(Dossier.id)).one()
        change_record(session, event_id, {"title": "Renamed dinner"})
    with store.session() as session:
        hits = search(session, "Renamed dinner", dossier_id=dossier_id, level=EVERYTHING)
    store.close()
    assert {h.record_id: h.title for h in hits}.get(brief_id) == "Brief: Renamed dinner"
