"""Opening files safely: damage, read-only media, backups and restores, full disks."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, text

from briefing.domain import Person
from briefing.errors import BriefingError, DatabaseRefused
from briefing.store.db.backup import backup_if_due, find_backup, list_backups, restore_backup
from briefing.store.db.migrate import open_store
from briefing.store.edits import change_record
from briefing.store.exchange.export import export_dossier
from tests.conftest import SAMPLE_SLUG, file_digest


def _checkpointed(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_truncated_file_is_refused_and_points_to_backups(sample_db: Path) -> None:
    store = open_store(sample_db, seed_sample=False)
    store.close()
    _checkpointed(sample_db)
    assert list_backups(sample_db), "opening made the daily backup"
    data = sample_db.read_bytes()
    sample_db.write_bytes(data[: len(data) // 3])
    before = file_digest(sample_db)
    with pytest.raises(DatabaseRefused) as refused:
        open_store(sample_db, seed_sample=False)
    message = str(refused.value)
    assert "backups" in message and "briefing db restore" in message
    assert file_digest(sample_db) == before


def test_damaged_page_is_refused(sample_db: Path) -> None:
    _checkpointed(sample_db)
    data = bytearray(sample_db.read_bytes())
    page = 4096
    for offset in range(page * 3, page * 3 + 200):
        data[offset] = 0xFF
    sample_db.write_bytes(bytes(data))
    before = file_digest(sample_db)
    with pytest.raises(DatabaseRefused, match=r"damaged|cannot be read"):
        open_store(sample_db, seed_sample=False)
    assert file_digest(sample_db) == before


def test_daily_backup_once_a_day(sample_db: Path) -> None:
    store = open_store(sample_db, seed_sample=False)
    store.close()
    first = list_backups(sample_db)
    assert len(first) == 1 and "daily" in first[0].name
    open_store(sample_db, seed_sample=False).close()
    assert list_backups(sample_db) == first
    tomorrow = dt.datetime.now() + dt.timedelta(hours=25)
    assert backup_if_due(sample_db, now=tomorrow) is not None
    assert len(list_backups(sample_db)) == 2


def test_backup_is_consistent_while_open_and_restore_brings_it_back(sample_db: Path) -> None:
    store = open_store(sample_db, seed_sample=False)
    original = export_dossier(store, SAMPLE_SLUG)
    backup = list_backups(sample_db)[-1]
    with store.session() as session:
        person = session.scalars(select(Person)).first()
        assert person is not None
        change_record(session, person.id, {"name": "Changed after the backup"})
    assert export_dossier(store, SAMPLE_SLUG) != original
    store.close()

    safety = restore_backup(sample_db, find_backup(sample_db, backup.name))
    reopened = open_store(sample_db, seed_sample=False)
    assert export_dossier(reopened, SAMPLE_SLUG) == original
    reopened.close()
    undo = open_store(safety, seed_sample=False, daily_backup=False)
    assert "Changed after the backup" in export_dossier(undo, SAMPLE_SLUG)
    undo.close()


def test_read_only_file_opens_read_only_and_refuses_edits(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(sample_db, seed_sample=False).close()
    _checkpointed(sample_db)
    real_access = os.access

    def no_writes(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path).startswith(str(sample_db.parent)):
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", no_writes)
    before = file_digest(sample_db)
    store = open_store(sample_db, seed_sample=False)
    assert store.read_only
    assert export_dossier(store, SAMPLE_SLUG)
    with pytest.raises(BriefingError, match="read-only"), store.session() as session:
        person = session.scalars(select(Person)).first()
        assert person is not None
        person.name = "Should not be saved"
    store.close()
    assert file_digest(sample_db) == before


def test_full_disk_refuses_the_change_and_keeps_the_data(sample_db: Path) -> None:
    store = open_store(sample_db, seed_sample=False)
    before = export_dossier(store, SAMPLE_SLUG)
    with store.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    big = "x" * 2_000_000
    with pytest.raises(BriefingError, match="disk is full"), store.session() as session:
        session.execute(text(f"PRAGMA max_page_count = {pages}"))
        person = session.scalars(select(Person)).first()
        assert person is not None
        person.bio = big
    store.close()
    reopened = open_store(sample_db, seed_sample=False)
    assert export_dossier(reopened, SAMPLE_SLUG) == before
    reopened.close()


def test_second_connection_waits_instead_of_failing(sample_db: Path) -> None:
    first = open_store(sample_db, seed_sample=False)
    second = open_store(sample_db, seed_sample=False)
    with first.session() as session_a:
        person = session_a.scalars(select(Person)).first()
        assert person is not None
        person.bio = "from the first window"
        session_a.flush()
        with second.session() as session_b:
            assert session_b.scalars(select(Person)).first() is not None  # readers are not blocked
    with second.session() as session_b:
        person_b = session_b.get_one(Person, person.id)
        assert person_b.bio == "from the first window"
        person_b.bio = "from the second window"
    first.close()
    second.close()


def test_backups_folder_copy_opens_as_a_database(sample_db: Path, tmp_path: Path) -> None:
    open_store(sample_db, seed_sample=False).close()
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(list_backups(sample_db)[-1], copy)
    store = open_store(copy, seed_sample=False, daily_backup=False)
    assert export_dossier(store, SAMPLE_SLUG)
    store.close()


def test_second_instance_is_noticed_and_a_dead_holder_is_taken_over(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from briefing.store.db.instance import InstanceLock, lock_path

    db = tmp_path / "d.sqlite3"
    first = InstanceLock(db)
    assert first.owned and first.other is None
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pathlib import Path; import sys;"
            "from briefing.store.db.instance import InstanceLock;"
            f"lock = InstanceLock(Path({str(db)!r})); print(lock.other.pid if lock.other else 0)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(child.stdout) == first.me.pid
    first.release()
    assert not lock_path(db).exists()

    lock_path(db).write_text(json.dumps({"pid": 2**22 + 12345, "host": first.me.host}))
    taken = InstanceLock(db)
    assert taken.other is None and taken.owned
    taken.release()
