"""Encryption at rest: nothing readable in the file, wrong passphrases change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import DatabaseRefused, PassphraseNeeded, WrongPassphrase
from briefing.store.db.backup import backup_database, list_backups
from briefing.store.db.database import Access
from briefing.store.db.encryption import decrypt, encrypt, is_encrypted, rekey
from briefing.store.db.migrate import open_store
from briefing.store.exchange.export import export_dossier
from tests.conftest import SAMPLE_SLUG, file_digest

SECRET = "correct horse battery staple"
TELLTALES = [b"Ahn Duk-geun", "안덕근".encode(), b"Alaska", b"Bessent", b"kr-us-trade-2025"]


def _encrypted(sample_db: Path) -> str:
    store = open_store(sample_db, seed_sample=False)
    exported = export_dossier(store, SAMPLE_SLUG)
    store.close()
    encrypt(sample_db, SECRET)
    return exported


def test_encrypted_file_and_its_backups_hold_no_dossier_strings(sample_db: Path) -> None:
    assert any(t in sample_db.read_bytes() for t in TELLTALES)
    _encrypted(sample_db)
    assert is_encrypted(sample_db)
    for path in [sample_db, *list_backups(sample_db)]:
        data = path.read_bytes()
        assert not [t for t in TELLTALES if t in data], path.name
    assert not Path(f"{sample_db}-wal").exists() or not any(
        t in Path(f"{sample_db}-wal").read_bytes() for t in TELLTALES
    )


def test_encrypted_database_opens_with_its_passphrase_only(sample_db: Path) -> None:
    exported = _encrypted(sample_db)
    before = file_digest(sample_db)
    with pytest.raises(PassphraseNeeded):
        open_store(sample_db, seed_sample=False)
    with pytest.raises(WrongPassphrase):
        open_store(sample_db, seed_sample=False, passphrase="wrong")
    assert file_digest(sample_db) == before
    store = open_store(sample_db, seed_sample=False, passphrase=SECRET)
    assert store.encrypted
    assert export_dossier(store, SAMPLE_SLUG) == exported
    store.close()


def test_backups_of_an_encrypted_database_are_encrypted(sample_db: Path) -> None:
    _encrypted(sample_db)
    backup = backup_database(sample_db, "manual", access=Access(SECRET))
    assert is_encrypted(backup)
    assert not [t for t in TELLTALES if t in backup.read_bytes()]
    store = open_store(backup, seed_sample=False, passphrase=SECRET, daily_backup=False)
    assert export_dossier(store, SAMPLE_SLUG)
    store.close()


def test_rekey_and_decrypt(sample_db: Path) -> None:
    exported = _encrypted(sample_db)
    with pytest.raises(DatabaseRefused, match="wrong passphrase"):
        rekey(sample_db, "not it", "new one")
    rekey(sample_db, SECRET, "new one")
    with pytest.raises(WrongPassphrase):
        open_store(sample_db, seed_sample=False, passphrase=SECRET)
    decrypt(sample_db, "new one")
    assert not is_encrypted(sample_db)
    store = open_store(sample_db, seed_sample=False)
    assert export_dossier(store, SAMPLE_SLUG) == exported
    store.close()


def test_passphrase_never_appears_in_a_repr(sample_db: Path) -> None:
    _encrypted(sample_db)
    store = open_store(sample_db, seed_sample=False, passphrase=SECRET)
    assert SECRET not in repr(store.access)
    assert SECRET not in store.location
    assert SECRET not in repr(store.engine.url)
    store.close()


def test_an_encrypted_database_keeps_sqlites_temporary_files_in_memory(sample_db: Path) -> None:
    """SQLCipher encrypts the database's pages, not the temporary files a sort or an index
    being built spills to: those must never reach the disk in clear."""
    from sqlalchemy import text

    _encrypted(sample_db)
    store = open_store(sample_db, seed_sample=False, passphrase=SECRET)
    with store, store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA temp_store")).scalar() == 2  # MEMORY
