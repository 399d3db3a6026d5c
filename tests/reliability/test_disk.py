"""Full disk, no permission: saving and exporting fail with a clear message and lose nothing.

The suite runs as root on machines where a tiny filesystem cannot always be mounted, and
root ignores file modes, so the faults are injected where Python meets the operating
system rather than into Briefing's own functions:

* a full disk: every file opened for writing in the target folder (``open``, ``io.open``,
  ``os.fdopen``) writes half of what it is given and then fails with ENOSPC, as a real
  full disk does part-way through a file; SQLite itself is filled with ``max_page_count``;
* no permission: creating a file in the folder (``open``, ``os.open``, ``mkdir``) fails
  with EACCES; SQLite is made read-only with ``PRAGMA query_only``;
* a failing rename (a file locked by a PDF viewer on Windows, a read-only target) and a
  failing ``fsync`` (EIO, as on a disk going bad or a network share going away).

Each case checks the message says what happened, the previous file (PDF, JSON, backups)
and the database are exactly as before, and no temporary file is left in the folder.
"""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import io
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest
from sqlalchemy import event, func, select, text

from briefing.book import BookOptions, export_book
from briefing.domain import Dossier, Edition, Person
from briefing.errors import BriefingError
from briefing.store.db import backup
from briefing.store.db.backup import backup_database, list_backups
from briefing.store.db.database import PLAIN, Access, Store, connect_sqlite
from briefing.store.db.migrate import open_store
from briefing.store.edits import change_record, create_record
from briefing.store.exchange.export import export_dossier, export_file
from briefing.store.exchange.writing import import_file
from tests.conftest import SAMPLE_SLUG, file_digest
from tests.reliability.figures import Figures

SAYS = {
    "full": "No space left on device",
    "denied": "Permission denied",
    "rename": "Permission denied",
    "fsync": "Input/output error",
}
"""What each injected fault's message must tell the person, in the system's own words."""


def _fail(code: int, path: object = None) -> NoReturn:
    raise OSError(code, os.strerror(code), None if path is None else str(path))


def _inside(path: object, folder: Path) -> bool:
    try:
        return Path(os.fsdecode(path)).resolve().parent == folder.resolve()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _writing(mode: str) -> bool:
    return any(c in mode for c in "wax+")


class HalfWritten:
    """A file on a disk that fills up: half of the first write lands, then ENOSPC."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> int:
        self._stream.write(data[: len(data) // 2])
        self._stream.flush()
        _fail(errno.ENOSPC, getattr(self._stream, "name", None))

    def __enter__(self) -> HalfWritten:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def faulty_folder(folder: Path, fault: str) -> Iterator[None]:
    """Inject ``fault`` ("full", "denied", "rename", "fsync") for files in ``folder``.

    The patches live in their own MonkeyPatch, undone when the block ends, so the test's
    own patches (the network guard's among them) stay in place.
    """
    real_open = builtins.open
    real_fdopen = os.fdopen
    real_os_open = os.open

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, int) or not _writing(mode) or not _inside(file, folder):
            return real_open(file, mode, *args, **kwargs)
        if fault == "denied":
            _fail(errno.EACCES, file)
        stream = real_open(file, mode, *args, **kwargs)
        return HalfWritten(stream) if fault == "full" else stream

    def fdopening(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        stream = real_fdopen(fd, mode, *args, **kwargs)
        where = Path(f"/proc/self/fd/{fd}").readlink()
        if fault == "full" and _writing(mode) and _inside(where, folder):
            return HalfWritten(stream)
        return stream

    def os_opening(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        creates = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if fault == "denied" and creates and _inside(path, folder):
            _fail(errno.EACCES, path)
        return real_os_open(path, flags, *args, **kwargs)

    def renaming(real: Callable[..., None]) -> Callable[..., None]:
        def rename(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
            if _inside(target, folder):
                _fail(errno.EACCES, target)
            real(source, target, *args, **kwargs)

        return rename

    with pytest.MonkeyPatch.context() as patch:
        if fault in ("full", "denied"):
            patch.setattr(builtins, "open", opening)
            patch.setattr(io, "open", opening)
            patch.setattr(os, "fdopen", fdopening)
            patch.setattr(os, "open", os_opening)
        if fault == "denied":
            real_mkdir = Path.mkdir

            def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
                if _inside(self, folder) and not self.exists():
                    _fail(errno.EACCES, self)
                real_mkdir(self, *args, **kwargs)

            patch.setattr(Path, "mkdir", mkdir)
        if fault == "rename":
            patch.setattr(os, "replace", renaming(os.replace))
            patch.setattr(os, "rename", renaming(os.rename))
        if fault == "fsync":
            patch.setattr(os, "fsync", lambda fd: _fail(errno.EIO))
        yield


def _listing(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its digest: what "nothing changed" means.

    A database's shared-memory file and empty WAL, which SQLite creates beside a database
    any connection reads, are bookkeeping, not data; beside a file that is gone (a
    temporary copy deleted) they are litter and are listed.
    """

    def bookkeeping(path: Path) -> bool:
        main = path.with_name(path.name.removesuffix("-wal").removesuffix("-shm"))
        if main == path or not main.exists():
            return False
        return path.name.endswith("-shm") or path.stat().st_size == 0

    return {
        str(p.relative_to(folder)): file_digest(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not bookkeeping(p)
    }


def _expect_refusal(figures: Figures, action: Callable[[], object], *words: str) -> str:
    figures.faults += 1
    with pytest.raises(BriefingError) as refused:
        action()
    message = str(refused.value)
    for word in words:
        assert word in message, f"{message!r} does not say {word!r}"
    return message


# ------------------------------------------------------------------ exports


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("fault", ["full", "denied", "rename"])
def test_dossier_export_keeps_the_previous_file(
    store: Store, out: Path, figures: Figures, fault: str
) -> None:
    target = out / "dossier.json"
    export_file(store, SAMPLE_SLUG, target)
    before = _listing(out)
    with faulty_folder(out, fault):
        _expect_refusal(
            figures, lambda: export_file(store, SAMPLE_SLUG, target), "dossier.json", SAYS[fault]
        )
    assert _listing(out) == before
    figures.faults_handled += 1


@pytest.fixture
def book_options() -> BookOptions:
    return BookOptions(audience=3, sections=("scene",), today=dt.date(2025, 5, 1))


def _editions(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count(Edition.id))) or 0)


@pytest.mark.parametrize(
    "fault",
    [
        "full",
        "rename",
        "fsync",
        "denied",
    ],
)
def test_book_export_keeps_the_previous_pdf(
    store: Store, out: Path, figures: Figures, book_options: BookOptions, fault: str
) -> None:
    target = out / "book.pdf"
    export_book(store, SAMPLE_SLUG, book_options, target)
    before, editions = _listing(out), _editions(store)
    with faulty_folder(out, fault):
        _expect_refusal(
            figures,
            lambda: export_book(store, SAMPLE_SLUG, book_options, target),
            "cannot write",
            "book.pdf",
            SAYS[fault],
        )
    assert _listing(out) == before
    assert _editions(store) == editions, "an edition was recorded for a book not written"
    figures.faults_handled += 1


def test_dossier_export_is_on_disk_before_it_replaces_the_old_file(
    store: Store, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(str(Path(f"/proc/self/fd/{fd}").readlink()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    export_file(store, SAMPLE_SLUG, out / "dossier.json")
    assert any(Path(p).parent == out.resolve() for p in synced)


# ------------------------------------------------------------------ backups


@pytest.fixture
def opened_once(sample_db: Path) -> Path:
    """The sample database after a first start, which made its daily backup."""
    open_store(sample_db, seed_sample=False).close()
    assert len(list_backups(sample_db)) == 1
    return sample_db


def _sqlite_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills while SQLite copies: the backup file may not grow past 8 pages."""

    def connect(path: Path, access: Access = PLAIN) -> Any:
        connection = connect_sqlite(path, access)
        if path.suffix == ".partial":
            connection.execute("PRAGMA max_page_count = 8")
        return connection

    monkeypatch.setattr(backup, "connect_sqlite", connect)


@pytest.mark.parametrize("fault", ["full", "denied", "rename"])
def test_backup_keeps_the_previous_backups(
    opened_once: Path, figures: Figures, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    folder = opened_once.parent
    backups = folder / "backups"
    if fault == "denied":
        # The backups folder is missing and cannot be made: the first backup on new media.
        for old in backups.iterdir():
            old.unlink()
        backups.rmdir()
    before = _listing(folder)
    if fault == "full":
        _sqlite_full(monkeypatch)
        _expect_refusal(
            figures,
            lambda: backup_database(opened_once, "manual"),
            "could not back up",
            "database or disk is full",
        )
    else:
        with faulty_folder(folder if fault == "denied" else backups, fault):
            _expect_refusal(
                figures,
                lambda: backup_database(opened_once, "manual"),
                "could not back up",
                SAYS[fault],
            )
    assert _listing(folder) == before
    figures.faults_handled += 1


# ------------------------------------------------------------------ saving


def _fill_the_disk(store: Store) -> None:
    """Every connection of ``store`` may use no page more than the file has now."""
    with store.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def full(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def _unchanged(db: Path, exported: str) -> None:
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    reopened = open_store(db, seed_sample=False)
    try:
        assert export_dossier(reopened, SAMPLE_SLUG) == exported
    finally:
        reopened.close()


@pytest.mark.parametrize("action", ["edit", "create", "import"])
def test_saving_on_a_full_disk_keeps_the_data(
    sample_db: Path, tmp_path: Path, figures: Figures, action: str
) -> None:
    store = open_store(sample_db, seed_sample=False)
    exported = export_dossier(store, SAMPLE_SLUG)
    copy = tmp_path / "copy.json"
    copy.write_text(exported, encoding="utf-8")
    _fill_the_disk(store)
    big = "A long biography. " * 60_000

    def edit() -> None:
        with store.session() as session:
            person = session.scalars(select(Person.id)).first()
            assert person is not None
            change_record(session, person, {"bio": big})

    def create() -> None:
        with store.session() as session:
            dossier = session.scalars(select(Dossier.id)).one()
            for number in range(300):
                create_record(session, Person, dossier, f"p:new-{number}", {"name": big[:900]})

    def import_() -> None:
        import_file(store, copy, slug="second-copy")

    actions = {"edit": edit, "create": create, "import": import_}
    try:
        _expect_refusal(figures, actions[action], "disk is full", "nothing was lost")
    finally:
        store.close()
    _unchanged(sample_db, exported)
    figures.faults_handled += 1


def test_saving_without_write_permission_keeps_the_data(sample_db: Path, figures: Figures) -> None:
    """Write permission lost while the app is open (a share remounted read-only)."""
    store = open_store(sample_db, seed_sample=False)
    exported = export_dossier(store, SAMPLE_SLUG)

    def edit() -> None:
        with store.session() as session:
            session.execute(text("PRAGMA query_only = ON"))
            person = session.scalars(select(Person.id)).first()
            assert person is not None
            change_record(session, person, {"name": "Not saved"})

    try:
        _expect_refusal(figures, edit, "read-only", "not saved")
    finally:
        store.close()
    _unchanged(sample_db, exported)
    figures.faults_handled += 1
