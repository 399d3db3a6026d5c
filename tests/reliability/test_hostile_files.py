"""Hostile files: every bad dossier file is refused with its reason; the database is untouched.

The corpus comes from ``hostile_files``. Before each import the database file is the
checkpointed sample (no WAL), so "untouched" is checked the strictest way: the file's
SHA-256 after the refused import and closing the store is the one it had before opening.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import pytest

from briefing.errors import ImportRefused
from briefing.store.db.migrate import open_store
from briefing.store.exchange.export import export_dossier
from briefing.store.exchange.writing import import_file
from tests.conftest import file_digest
from tests.reliability.figures import Figures
from tests.reliability.hostile_files import BadFile, base_document, corpus

CORPUS = {bad.name: bad for bad in corpus()}


def test_the_corpus_holds_at_least_fifty_files() -> None:
    assert len(CORPUS) >= 50


def test_the_undamaged_base_document_imports(sample_db: Path, tmp_path: Path) -> None:
    """The control: without its damage each file would import, so the damage is refused."""
    path = tmp_path / "base.json"
    path.write_text(json.dumps(base_document()), encoding="utf-8")
    store = open_store(sample_db, seed_sample=False)
    assert import_file(store, path).slug == "hostile"
    assert '"안덕근"' in export_dossier(store, "hostile")
    store.close()


def _refused_without_a_trace(path: Path, sample_db: Path, figures: Figures, bad: BadFile) -> None:
    before = file_digest(sample_db)
    figures.files += 1
    store = open_store(sample_db, seed_sample=False)
    try:
        with pytest.raises(ImportRefused) as refused:
            import_file(store, path)
        figures.files_refused += 1
    finally:
        store.close()
    message = str(refused.value)
    assert bad.explains(message), f"{message!r} does not say {bad.expect}"
    if bad.where is not None:
        assert refused.value.where == bad.where, message
    wal = Path(f"{sample_db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert file_digest(sample_db) == before
    figures.files_unchanged += 1


@pytest.mark.parametrize("name", list(CORPUS))
def test_bad_file_is_refused_and_the_database_unchanged(
    name: str, sample_db: Path, tmp_path: Path, figures: Figures, request: pytest.FixtureRequest
) -> None:
    bad = CORPUS[name]
    if bad.bug is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=f"BUG: {bad.bug}"))
    path = bad.materialize(tmp_path)
    _refused_without_a_trace(path, sample_db, figures, bad)


@pytest.mark.parametrize("what", ["a folder", "a missing file", "an unreadable file"])
def test_a_path_that_cannot_be_read_is_refused(
    what: str,
    sample_db: Path,
    tmp_path: Path,
    figures: Figures,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "dossier.json"
    if what == "a folder":
        path.mkdir()
    elif what == "an unreadable file":
        path.write_text("{}", encoding="utf-8")
        real = Path.open

        def denied(self: Path, *args: Any, **kwargs: Any) -> IO[Any]:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            opened: IO[Any] = real(self, *args, **kwargs)
            return opened

        monkeypatch.setattr(Path, "open", denied)
    _refused_without_a_trace(path, sample_db, figures, BadFile(what, ("cannot read",)))
