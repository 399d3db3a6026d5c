"""Backup copies of a SQLite database, taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the app holds the file open,
which a plain file copy of a WAL database does not.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from briefing.errors import BriefingError

KEEP_BACKUPS = 10


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """This database's backups, oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite3"))


def backup_database(db_path: Path, reason: str, *, keep: int = KEEP_BACKUPS) -> Path:
    """Copy ``db_path`` to a timestamped file in its backups folder; prune to ``keep``."""
    folder = backup_folder(db_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise BriefingError(f"could not back up {db_path} to {folder}: {exc}") from exc
    for old in list_backups(db_path)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return target
