"""The checks' findings, kept in a database file of their own rather than as objects.

A ministry's dossier yields some 200,000 findings; as Python objects they held 85 MB of
the GUI's memory, and a list of them had to be filtered and sorted in Python. Here each
record and each distinct message is stored once (the 210,000 findings of a 100,000-event
dossier say 37,000 different things), as its template and arguments so that it is shown
in the language on screen (:mod:`.finding`), in a file the checks' process writes, and the Checks
page lists them through the same :class:`~briefing.store.lists.listing.Listing` as every other
list: counted, filtered, sorted and read a page at a time in SQL.

Findings quote what they are about, so the file is as protected as the dossier: for an
encrypted dossier it is encrypted with a key made at random for the run and held only in
memory (what a crash leaves on disk cannot be read). It lives in a folder only its user
may open and is deleted when the findings are replaced or the window closes. A plain
dossier's findings stay plain: encrypting them would load SQLCipher and its cryptography
into the window for nothing the dossier itself does not already expose (some 14 MB).
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    case,
    select,
)
from sqlalchemy.orm import Session

from briefing.store.checks import Finding, Severity
from briefing.store.db.database import Access, Store
from briefing.store.lists import listing
from briefing.store.lists.listing import Listing, Request

_metadata = MetaData()
_record = Table(
    "found_record",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("name", String, nullable=False),
)
_message = Table(
    "found_message",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("template", String, nullable=False),
    Column("arguments", String, nullable=False),
)
_finding = Table(
    "finding",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("check_name", String, nullable=False),
    Column("severity", Integer, nullable=False),
    Column("record_id", Integer, nullable=False),
    Column("message_id", Integer, nullable=False),
    Column("handling", Integer, nullable=False),
)


def _make(_session: Session, rows: Sequence[Row[Any]]) -> list[Finding]:
    return [
        Finding(
            row.check,
            Severity(row.severity),
            row.id,
            row.record_uid,
            row.record_kind,
            row.record_name,
            row.message,
            row.level,
            row.arguments,
        )
        for row in rows
    ]


LISTING: Listing[Finding] = Listing(
    query=select(
        _finding.c.id.label("finding_id"),
        _finding.c.record_id.label("id"),
        _finding.c.check_name.label("check"),
        _finding.c.severity,
        (-_finding.c.severity).label("order"),
        case(*((_finding.c.severity == s.value, s.label) for s in Severity), else_="").label(
            "severity_label"
        ),
        _record.c.uid.label("record_uid"),
        _record.c.kind.label("record_kind"),
        _record.c.name.label("record_name"),
        _message.c.template.label("message"),
        _message.c.arguments,
        _finding.c.handling.label("level"),
    )
    .join(_record, _record.c.id == _finding.c.record_id)
    .join(_message, _message.c.id == _finding.c.message_id),
    text=("severity_label", "check", "record_name", "message", "arguments"),
    order=("order", "check", "record_name"),
    make=_make,
    key="finding_id",
)
"""Worst first, then by check and record, as :func:`~briefing.store.checks.run.run_checks`.

A search matches a message's English template or what it quotes (a name, a title), not its
translation: the database holds no language's finished text."""


_INSERT = {
    table.name: f"INSERT INTO {table.name} ({', '.join(c.name for c in columns)}) "
    f"VALUES ({', '.join('?' * len(columns))})"
    for table, columns in (
        (_record, list(_record.c)),
        (_message, list(_message.c)),
        (_finding, [c for c in _finding.c if c.name != "id"]),
    )
}
"""Each table's insert for the driver's own ``executemany`` over tuples (the file is always
SQLite, whose parameters are ``?``): SQLAlchemy's processing of 400,000 rows of parameters
took a quarter of the checks' time on a ministry's dossier."""


FILE = "findings.sqlite3"


SCRATCH_PREFIX = "briefing-checks-"


def scratch_root() -> Path:
    """A new folder for this process's findings, after deleting those left by processes
    that have gone (a crash, a kill): their keys went with them, so they are only litter.

    The folder's name carries the process id; only its user may open it.
    """
    _remove_leftovers()
    return Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))


def _remove_leftovers() -> None:
    if os.name != "posix":
        return  # elsewhere, asking whether a process lives (os.kill(pid, 0)) would end it
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        try:
            owner = folder.stat().st_uid
        except FileNotFoundError:
            continue  # another Briefing swept it, or its own run ended, since the listing
        if not pid.isdigit() or owner != os.getuid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            continue


def new_key() -> str:
    """A key for one run's findings file: random, used once, never written down."""
    return secrets.token_hex(32)


class Findings:
    """One run's findings for a dossier and audience, in a file of their own.

    The checks' process writes it (``writing``) batch by batch into a folder made for
    it; the GUI then opens it to read, and :meth:`close` deletes the folder. ``store`` is
    how pages read it (:class:`~briefing.ui.table_model.QuerySource` takes a store), with
    the one session mechanism every database uses. ``key``, when the dossier is
    encrypted, is 64 hex digits from :func:`new_key`.
    """

    def __init__(self, folder: Path, key: str | None, *, writing: bool = False) -> None:
        self.folder = folder
        self.path = folder / FILE
        access = Access(key, read_only=not writing, scratch=writing, raw_key=key is not None)
        self.store = Store.at(self.path, access)
        if writing:
            _metadata.create_all(self.store.engine)
        self._messages: dict[tuple[str, str], int] = {}
        self._records: set[int] = set()
        self._total: int | None = 0 if writing else None

    def add(self, findings: Iterable[Finding]) -> None:
        """Store a batch; each record and message (template and arguments) is kept once
        however often found."""
        records: list[tuple[Any, ...]] = []
        messages: list[tuple[Any, ...]] = []
        rows: list[tuple[Any, ...]] = []
        for f in findings:
            if f.record_id not in self._records:
                self._records.add(f.record_id)
                records.append((f.record_id, f.record_uid, f.record_kind, f.record_name))
            said = (f.template, f.arguments)
            message_id = self._messages.get(said)
            if message_id is None:
                message_id = self._messages[said] = len(self._messages) + 1
                messages.append((message_id, *said))
            rows.append((f.check, int(f.severity), f.record_id, message_id, f.level))
        if not rows:
            return
        with self.store.session() as session:
            connection = session.connection()
            for table, values in ((_record, records), (_message, messages), (_finding, rows)):
                if values:
                    connection.exec_driver_sql(_INSERT[table.name], values)
        self._total = self.total + len(rows)

    @property
    def total(self) -> int:
        if self._total is None:
            self._total = self.count()
        return self._total

    def count(self, *, at_least: Severity = Severity.NOTE) -> int:
        with self.store.session() as session:
            return listing.count(session, LISTING, _at_least(at_least))

    def first(self, limit: int, *, at_least: Severity = Severity.NOTE) -> list[Finding]:
        """The first findings in the natural order (worst first) of a severity or worse."""
        with self.store.session() as session:
            return listing.read(session, LISTING, _at_least(at_least), 0, limit)

    def close(self, *, delete: bool = True) -> None:
        """Let go of the file and, unless told otherwise, delete its folder."""
        self.store.close()
        if delete:
            shutil.rmtree(self.folder, ignore_errors=True)


def _at_least(severity: Severity) -> Request:
    return Request(conditions={"severity": lambda listed: listed.c.severity >= int(severity)})
