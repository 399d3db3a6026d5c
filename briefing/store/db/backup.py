"""Backup copies of a SQLite database, taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the app holds the file open,
which a plain file copy of a WAL database does not. A backup of an encrypted database
is made through a connection with the same key, so it is encrypted too.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from briefing.errors import BriefingError, NotFound
from briefing.i18n import N_
from briefing.store.db.database import PLAIN, Access, connect_sqlite

KEEP_BACKUPS = 10
DAILY = dt.timedelta(hours=24)


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """This database's backups, oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite3"))


def _copy(source: Path, target: Path, access: Access) -> None:
    """Copy ``source`` into ``target`` (created or overwritten) with the backup API."""
    reader = connect_sqlite(source, Access(access.passphrase, read_only=True))
    try:
        writer = connect_sqlite(target, Access(access.passphrase))
        try:
            reader.backup(writer)
            writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            writer.close()
    finally:
        reader.close()


def backup_database(
    db_path: Path,
    reason: str,
    *,
    access: Access = PLAIN,
    keep: int | None = KEEP_BACKUPS,
) -> Path:
    """Copy ``db_path`` to a timestamped file in its backups folder; prune to ``keep``.

    ``keep=None`` prunes nothing (a safety copy must not push out the backup being restored).
    """
    folder = backup_folder(db_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _copy(db_path, partial, access)
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise BriefingError(
            N_("could not back up {db_path} to {folder}: {exc}"),
            db_path=db_path,
            folder=folder,
            exc=exc,
        ) from exc
    except Exception as exc:
        partial.unlink(missing_ok=True)
        if type(exc).__module__.startswith("sqlcipher3"):
            raise BriefingError(
                N_("could not back up {db_path} to {folder}: {exc}"),
                db_path=db_path,
                folder=folder,
                exc=exc,
            ) from exc
        raise
    for old in list_backups(db_path)[:-keep] if keep else []:
        old.unlink(missing_ok=True)
    return target


def backup_if_due(
    db_path: Path, access: Access = PLAIN, now: dt.datetime | None = None
) -> Path | None:
    """A daily backup: made when the newest backup is more than a day old (or missing)."""
    backups = list_backups(db_path)
    now = now or dt.datetime.now()
    if backups and now - dt.datetime.fromtimestamp(backups[-1].stat().st_mtime) < DAILY:
        return None
    return backup_database(db_path, "daily", access=access)


def find_backup(db_path: Path, name: str | None) -> Path:
    """A backup by file name (or the newest when ``name`` is None)."""
    backups = list_backups(db_path)
    if not backups:
        raise NotFound(
            N_("{path} has no backups in {folder}"), path=db_path, folder=backup_folder(db_path)
        )
    if name is None:
        return backups[-1]
    for backup in backups:
        if backup.name == name or str(backup) == name:
            return backup
    raise NotFound(N_("no backup called {name!r}; `briefing db backups` lists them"), name=name)


def restore_backup(
    db_path: Path,
    backup: Path,
    access: Access = PLAIN,
) -> Path:
    """Bring ``backup`` back as the database, after backing up the current file.

    Returns the safety copy of what was there before, so a mistaken restore is undone by
    restoring that one.
    """
    safety = backup_database(db_path, "before-restore", access=access, keep=None)
    try:
        _copy(backup, db_path, access)
    except (OSError, sqlite3.Error) as exc:
        raise BriefingError(
            N_("could not restore {name}: {exc}; the database is unchanged"),
            name=backup.name,
            exc=exc,
        ) from exc
    return safety
