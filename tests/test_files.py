"""Exported files: written all at once, readable by whom their contents allow."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.book import BookOptions, export_book
from briefing.files import write_atomically
from briefing.store.db.database import Store
from briefing.store.exchange.export import export_file
from tests.conftest import SAMPLE_SLUG


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The common desktop umask: new files readable by everyone, writable by the owner."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("umask_022")
def test_public_and_internal_books_follow_the_umask_higher_ones_stay_private(
    store: Store, tmp_path: Path
) -> None:
    day = dt.date(2025, 5, 1)
    modes = {}
    for rank in range(4):
        target = tmp_path / f"book-{rank}.pdf"
        options = BookOptions(audience=rank, today=day, sections=("scene",))
        export_book(store, SAMPLE_SLUG, options, target, record_edition=False)
        modes[rank] = mode(target)
    assert modes == {0: 0o644, 1: 0o644, 2: 0o600, 3: 0o600}


@pytest.mark.usefixtures("umask_022")
def test_dossier_files_for_low_audiences_follow_the_umask_whole_ones_stay_private(
    store: Store, tmp_path: Path
) -> None:
    export_file(store, SAMPLE_SLUG, tmp_path / "public.json", audience=0)
    export_file(store, SAMPLE_SLUG, tmp_path / "confidential.json", audience=2)
    export_file(store, SAMPLE_SLUG, tmp_path / "whole.json")
    assert mode(tmp_path / "public.json") == 0o644
    assert mode(tmp_path / "confidential.json") == 0o600
    assert mode(tmp_path / "whole.json") == 0o600


@pytest.mark.usefixtures("umask_022")
def test_a_private_file_replacing_a_shared_one_is_private(tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    write_atomically(target, b"public", shared=True)
    target.chmod(0o664)
    write_atomically(target, b"public again", shared=True)
    assert mode(target) == 0o664, "a shared file keeps what the person gave it"
    write_atomically(target, b"restricted", shared=False)
    assert (mode(target), target.read_bytes()) == (0o600, b"restricted")
    assert [p.name for p in tmp_path.iterdir()] == ["book.pdf"]
