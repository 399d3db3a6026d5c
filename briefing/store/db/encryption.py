"""Encryption at rest with SQLCipher: encrypt, decrypt and change the passphrase.

Each conversion writes a new file with ``sqlcipher_export`` and renames it over the old
one, so a failure leaves the database as it was. The database's backups are converted
the same way: a backup must never hold in clear what the database now keeps encrypted.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.errors import BriefingError, DatabaseRefused
from briefing.i18n import N_
from briefing.store.db.backup import backup_database, list_backups
from briefing.store.db.database import SQLITE_HEADER, Access, quote

_ATTACHED = "converted"


def is_encrypted(path: Path) -> bool:
    """An existing file without SQLite's plain-text header (SQLCipher's is random)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER


def check_passphrase(path: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens ``path``; reads only."""
    import sqlcipher3.dbapi2 as driver

    connection = driver.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {quote(passphrase)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError:
        return False
    finally:
        connection.close()
    return True


def _convert(path: Path, old: str | None, new: str | None) -> None:
    """Rewrite ``path`` from key ``old`` to key ``new`` (None: not encrypted)."""
    import sqlcipher3.dbapi2 as driver

    partial = path.with_name(f".{path.name}.converting")
    partial.unlink(missing_ok=True)
    connection = driver.connect(str(path))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        if old is not None:
            connection.execute(f"PRAGMA key = {quote(old)}")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute(
            f"ATTACH DATABASE ? AS {_ATTACHED} KEY ?",
            (str(partial), new if new is not None else ""),
        )
        connection.execute(f"SELECT sqlcipher_export('{_ATTACHED}')")
        connection.execute(f"DETACH DATABASE {_ATTACHED}")
    except driver.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseRefused(
            N_("{path} could not be converted: {exc}; it was not changed"), path=path, exc=exc
        ) from exc
    finally:
        connection.close()
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    partial.replace(path)


def _verify(path: Path, passphrase: str | None) -> None:
    if passphrase is None:
        if is_encrypted(path):
            raise DatabaseRefused(N_("{path} is encrypted; give its passphrase"), path=path)
    elif not is_encrypted(path):
        raise DatabaseRefused(N_("{path} is not encrypted"), path=path)
    elif not check_passphrase(path, passphrase):
        raise DatabaseRefused(N_("wrong passphrase for {path}; nothing was changed"), path=path)


def encrypt(path: Path, passphrase: str) -> None:
    if not passphrase:
        raise BriefingError(N_("the passphrase is empty"))
    _verify(path, None)
    backup_database(path, "before-encrypt", keep=None)
    for backup in list_backups(path):
        _convert(backup, None, passphrase)
    _convert(path, None, passphrase)


def decrypt(path: Path, passphrase: str) -> None:
    _verify(path, passphrase)
    backup_database(path, "before-decrypt", access=Access(passphrase), keep=None)
    for backup in list_backups(path):
        if is_encrypted(backup) and check_passphrase(backup, passphrase):
            _convert(backup, passphrase, None)
    _convert(path, passphrase, None)


def rekey(path: Path, old: str, new: str) -> None:
    if not new:
        raise BriefingError(N_("the new passphrase is empty"))
    _verify(path, old)
    for backup in list_backups(path):
        if is_encrypted(backup) and check_passphrase(backup, old):
            _convert(backup, old, new)
    _convert(path, old, new)
