"""A process that edits and imports through the real store code until it is killed.

It stands in for the app on a laptop that is closed, loses power or is force-quit in the
middle of a save. Every action goes through the same functions the GUI's undo commands
use (``briefing.store.edits`` inside ``Store.session()``) or the importer, one transaction
per action, and the process reports on stdout, one line each:

* ``<pid> START`` and ``<pid> OPEN`` when it starts and once ``open_store`` returned;
* ``<pid> BEGIN <json>`` just before a transaction may commit, with what it will change
  (and, for a field change, the value it replaces);
* ``<pid> COMMITTED <op> <id-or-slug> <json>`` once the transaction has committed.

A change the child reported as COMMITTED must be in the database after any kill; a change
it announced with BEGIN but never confirmed must be there either whole or not at all.
Lines are written with one ``os.write`` each (never through Python's buffers), so a kill
can cut the stream only between lines or in the last one, which the reader drops.

Two ways to run it:

``python -m tests.reliability.crash_child run DB DOSSIER.json SEED [MAX_ACTIONS]``
    one child in a fresh interpreter: what a person would run by hand.

``python -m tests.reliability.crash_child serve``
    a fork server for the tests. Starting Python and importing SQLAlchemy, Alembic and
    pydantic costs about 0.6 s, three times what a child lives on average before it is
    killed; the server pays it once, then forks a child per line ``DB DOSSIER SEED`` it
    reads on stdin. A forked child is an ordinary process running the same code on its
    own connections (the server holds none when it forks), and SIGKILL ends it the same
    way. Children share the server's stdout, which is why every line starts with a pid.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from briefing.domain import (
    BargainingChip,
    Dossier,
    Event,
    Organization,
    Person,
    Record,
    Source,
)
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.edits import (
    Snapshot,
    change_record,
    create_record,
    delete_record,
    read_fields,
    restore,
)
from briefing.store.exchange.writing import import_file

CHANGEABLE: dict[str, tuple[str, ...]] = {
    "person": ("name", "native_name", "bio", "notes", "aliases"),
    "event": ("title", "place", "summary", "outcome", "notes"),
    "bargaining_chip": ("title", "description", "our_minimum", "sectors"),
    "source": ("title", "publisher", "author"),
    "organization": ("name", "acronym"),
    "talking_point": ("text",),
}
"""Fields a child edits, per record kind: each is shown and indexed for search."""

CREATABLE: dict[str, tuple[type[Record], str, dict[str, Any]]] = {
    "person": (Person, "name", {}),
    "event": (Event, "title", {"start_date": dt.date(2025, 5, 1)}),
    "bargaining_chip": (BargainingChip, "title", {}),
    "source": (Source, "title", {}),
    "organization": (Organization, "name", {}),
}
"""Records a child creates: the model, the field carrying the reported value, the rest."""

WORD = re.compile(r"w\d+x\d{6}x\d{6}[ab]?")
"""The values children write: each one unique, so a search for it must find one record."""

CREATED_PREFIX = "crash:"
"""Uid prefix of records children create; only those are deleted, so no cascade takes a
record whose values the test is tracking."""

ACTIONS = ("change", "create", "delete", "import")
WEIGHTS = (50, 25, 15, 6)
UNDO_CHANCE = 0.5
"""How often a delete is undone by the next action, as Ctrl+Z would do it."""


def emit(*parts: str) -> None:
    """One line on stdout, straight to the pipe: a line under 4 KB is one atomic write, and
    nothing waits in a buffer when the kill comes."""
    data = (" ".join((str(os.getpid()), *parts)) + "\n").encode("utf-8")
    while data:
        written = os.write(1, data)
        data = data[written:]


def _payload(details: dict[str, Any]) -> str:
    return json.dumps(details, ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def _random_row(session: Session, where: Any, rng: random.Random) -> tuple[int, str] | None:
    count = session.scalar(select(func.count(Record.id)).where(where)) or 0
    if not count:
        return None
    row = session.execute(
        select(Record.id, Record.kind).where(where).order_by(Record.id).offset(rng.randrange(count))
    ).first()
    return (int(row[0]), str(row[1])) if row else None


def _value(field: str, rng: random.Random, seq: int) -> Any:
    """A word no other value shares, nor starts with, so a search for it finds one record."""
    word = f"w{os.getpid()}x{seq:06d}x{rng.randrange(10**6):06d}"
    assert WORD.fullmatch(word)
    if field in ("aliases", "sectors"):
        return [f"{word}a", f"{word}b"][: rng.randint(0, 2)]
    return word


class Worker:
    """One child's loop: a seeded random walk of user actions over one database.

    Attributes:
        store: the database, opened with ``open_store`` as the app opens it.
        dossier_file: a small exchange file imported again and again under new slugs.
        rng: the seeded choice of actions, records, fields and values.
        report: where BEGIN and COMMITTED lines go (nowhere while warming up).
        undo: the snapshot of the last delete, which the next action may put back.
    """

    def __init__(
        self,
        store: Store,
        dossier_file: Path,
        rng: random.Random,
        report: Callable[..., None] = emit,
    ) -> None:
        self.store = store
        self.dossier_file = dossier_file
        self.rng = rng
        self.report = report
        self.seq = 0
        self.undo: tuple[Snapshot, int, str, Any] | None = None

    def step(self) -> None:
        self.seq += 1
        if self.undo is not None:
            undo, self.undo = self.undo, None
            if self.rng.random() < UNDO_CHANCE:
                self.restore(*undo)
                return
        action = self.rng.choices(ACTIONS, WEIGHTS)[0]
        actions = {
            "change": self.change,
            "create": self.create,
            "delete": self.delete,
            "import": self.import_dossier,
        }
        actions[action]()

    def change(self) -> None:
        with self.store.session() as session:
            picked = _random_row(session, Record.kind.in_(CHANGEABLE), self.rng)
            if picked is None:
                return
            record_id, kind = picked
            field = self.rng.choice(CHANGEABLE[kind])
            new = _value(field, self.rng, self.seq)
            old = read_fields(session.get_one(Record, record_id), [field])[field]
            details = {"op": "change", "id": record_id, "field": field, "old": old, "new": new}
            self.report("BEGIN", _payload(details))
            change_record(session, record_id, {field: new})
        self.report("COMMITTED", "change", str(record_id), _payload(details))

    def create(self) -> None:
        kind = self.rng.choice(sorted(CREATABLE))
        model, field, extra = CREATABLE[kind]
        uid = f"{CREATED_PREFIX}{os.getpid()}:{self.seq}"
        new = _value(field, self.rng, self.seq)
        with self.store.session() as session:
            dossiers = list(session.scalars(select(Dossier.id).order_by(Dossier.id)))
            if not dossiers:
                return
            details: dict[str, Any] = {"op": "create", "uid": uid, "field": field, "new": new}
            self.report("BEGIN", _payload(details))
            record_id = create_record(
                session, model, self.rng.choice(dossiers), uid, {field: new, **extra}
            )
        details["id"] = record_id
        self.report("COMMITTED", "create", str(record_id), _payload(details))

    def delete(self) -> None:
        with self.store.session() as session:
            picked = _random_row(session, Record.uid.startswith(CREATED_PREFIX), self.rng)
            if picked is None:
                return
            record_id, kind = picked
            field = CREATABLE[kind][1]
            record = session.get_one(Record, record_id)
            value = read_fields(record, [field])[field]
            details = {"op": "delete", "id": record_id, "uid": record.uid}
            self.report("BEGIN", _payload(details))
            snapshot = delete_record(session, record_id)
        self.report("COMMITTED", "delete", str(record_id), _payload(details))
        self.undo = (snapshot, record_id, field, value)

    def restore(self, snapshot: Snapshot, record_id: int, field: str, value: Any) -> None:
        details = {"op": "restore", "id": record_id, "field": field, "new": value}
        with self.store.session() as session:
            self.report("BEGIN", _payload(details))
            restore(session, snapshot)
        self.report("COMMITTED", "restore", str(record_id), _payload(details))

    def import_dossier(self) -> None:
        slug = f"crash-{os.getpid()}-{self.seq}"
        details = {"op": "import", "slug": slug}
        self.report("BEGIN", _payload(details))
        import_file(self.store, self.dossier_file, slug=slug)
        self.report("COMMITTED", "import", slug, _payload(details))


def work(db: Path, dossier_file: Path, seed: int, max_actions: int | None = None) -> None:
    """Open ``db`` the way the app does and act on it until killed (or ``max_actions``)."""
    emit("START")
    store = open_store(db, seed_sample=False)
    emit("OPEN")
    worker = Worker(store, dossier_file, random.Random(seed))
    done = 0
    while max_actions is None or done < max_actions:
        worker.step()
        done += 1
    store.close()


def _report_failure() -> None:
    """An ERROR line the parent shows: the last line of the traceback, on one line."""
    last = traceback.format_exc().strip().splitlines()[-1]
    emit("ERROR", last.replace("\n", " "))


def _warm_up() -> None:
    """Open, seed, edit and close a scratch database, so forked children start warm.

    Everything it loads (mapper configuration, Alembic's scripts, the importer) is
    inherited by every fork; no connection is left open, as SQLite requires across fork.
    """
    from briefing.assets import sample_dossier_path

    with tempfile.TemporaryDirectory(prefix="crash-warm-") as folder:
        scratch = Path(folder) / "warm.sqlite3"
        store = open_store(scratch, seed_sample=True)
        Worker(store, sample_dossier_path(), random.Random(0), lambda *_: None).change()
        store.close()
        store = open_store(scratch, seed_sample=False)
        store.close()


def serve() -> None:
    """Fork a child per request line ``DB DOSSIER SEED`` until stdin closes."""
    _warm_up()
    # The kernel reaps finished children; the test waits for each through a pidfd.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    os.write(1, b"READY\n")
    for line in sys.stdin:
        db, dossier, seed = line.split()
        if os.fork() == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            code = 1
            try:
                work(Path(db), Path(dossier), int(seed))
                code = 0
            except BaseException:
                _report_failure()
            finally:
                os._exit(code)


def main(argv: list[str]) -> int:
    if argv[:1] == ["serve"] and len(argv) == 1:
        serve()
        return 0
    if argv[:1] == ["run"] and len(argv) in (4, 5):
        limit = int(argv[4]) if len(argv) == 5 else None
        try:
            work(Path(argv[1]), Path(argv[2]), int(argv[3]), limit)
        except Exception:
            _report_failure()
            return 1
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
