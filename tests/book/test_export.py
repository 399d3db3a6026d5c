"""Exports as a user relies on them: safe writes, Cancel, progress, editions, determinism."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from briefing import files as files_module
from briefing.book import BookCancelled, BookOptions, export_book
from briefing.book import build as build_module
from briefing.domain import Edition
from briefing.errors import BriefingError
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import contains_raw, pdftotext, raw
from tests.conftest import file_digest

OPTIONS = BookOptions(audience=3, today=TODAY)


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    target = tmp_path / "book.pdf"
    target.write_bytes(b"%PDF-1.4 the previous good edition\n")
    return target


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


def test_cancel_stops_and_leaves_the_previous_file(store: Store, previous: Path) -> None:
    before = file_digest(previous)
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, what: str) -> None:
        calls.append((done, total, what))

    def cancelled() -> bool:
        return any(what.startswith("laying out") for _, _, what in calls)

    with pytest.raises(BookCancelled):
        export_book(store, None, OPTIONS, previous, progress=progress, cancelled=cancelled)
    assert file_digest(previous) == before
    assert _leftovers(previous.parent) == []
    with store.session() as session:
        assert session.scalars(select(Edition)).all() == []


def test_a_failure_while_laying_out_leaves_the_previous_file(
    store: Store, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = file_digest(previous)

    placed = build_module.BookDocTemplate.afterFlowable
    count = [0]

    def explode_midway(doc: build_module.BookDocTemplate, flowable: object) -> None:
        count[0] += 1
        if count[0] == 100:
            raise RuntimeError("layout exploded")
        placed(doc, flowable)

    monkeypatch.setattr(build_module.BookDocTemplate, "afterFlowable", explode_midway)
    with pytest.raises(RuntimeError):
        export_book(store, None, OPTIONS, previous)
    assert file_digest(previous) == before
    assert _leftovers(previous.parent) == []


def test_a_failure_while_writing_leaves_the_previous_file(
    store: Store, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = file_digest(previous)

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, "fsync", no_space)
    with pytest.raises(BriefingError, match="No space left"):
        export_book(store, None, OPTIONS, previous)
    assert file_digest(previous) == before
    assert _leftovers(previous.parent) == []


@pytest.mark.parametrize("phase", ["laying out", "writing the file"])
def test_a_killed_export_leaves_the_previous_file(
    sample_db: Path, previous: Path, phase: str
) -> None:
    """A child process exports and is SIGKILLed from its own progress callback."""
    before = file_digest(previous)
    script = textwrap.dedent(
        f"""
        import datetime, os, signal
        from pathlib import Path
        from briefing.book import BookOptions, export_book
        from briefing.store.db.migrate import open_store

        def progress(done, total, what):
            if what.startswith({phase!r}):
                os.kill(os.getpid(), signal.SIGKILL)

        store = open_store({str(sample_db)!r}, seed_sample=False)
        options = BookOptions(audience=3, today=datetime.date(2025, 5, 1))
        export_book(store, None, options, Path({str(previous)!r}), progress=progress)
        """
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert file_digest(previous) == before


def test_progress_moves_forward_to_the_end(store: Store, tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    export_book(store, None, OPTIONS, tmp_path / "b.pdf", progress=lambda *c: calls.append(c))
    done = [c[0] for c in calls]
    assert done == sorted(done)
    assert calls[-1][0] == calls[-1][1]
    assert len(calls) > 50
    assert any(c[2] == "laying out pages" for c in calls)


def test_each_export_records_an_edition_after_the_file(store: Store, tmp_path: Path) -> None:
    first = export_book(store, None, OPTIONS, tmp_path / "1.pdf")
    second = export_book(
        store,
        None,
        BookOptions(audience=1, edition_note="For the 2+2", today=TODAY),
        tmp_path / "2.pdf",
    )
    assert (first.edition, second.edition) == (1, 2)
    with store.session() as session:
        rows = session.scalars(select(Edition).order_by(Edition.number)).all()
        assert [(r.number, r.audience) for r in rows] == [(1, 3), (2, 1)]
        assert rows[1].note == "For the 2+2"
        assert json.loads(rows[1].options)["audience"] == "Internal"
        assert rows[0].content_hash == first.content_hash
    assert "Edition 2" in pypdf.PdfReader(tmp_path / "2.pdf").pages[1].extract_text()


def _editions(store: Store) -> list[int]:
    with store.session() as session:
        return list(session.scalars(select(Edition.number).order_by(Edition.number)))


def test_a_draft_says_so_on_every_page_and_takes_no_edition(store: Store, tmp_path: Path) -> None:
    """A one-section trial print took the next edition number, as every export did."""
    first = export_book(store, None, OPTIONS, tmp_path / "1.pdf")
    options = BookOptions(audience=1, sections=("scene",), today=TODAY, draft=True)
    draft = export_book(store, None, options, tmp_path / "draft.pdf")
    assert (draft.edition, draft.recorded, _editions(store)) == (None, False, [1])
    pages = pdftotext(tmp_path / "draft.pdf", raw=True)
    assert len(pages) == draft.pages >= 3  # the cover, the contents, the scene-setter
    for page in pages:
        assert "DRAFT" in page
        assert not re.search(r"Edition \d|No\. \d", page), page  # it claims no number
    info = pypdf.PdfReader(tmp_path / "draft.pdf").metadata
    assert info is not None and not re.search(r"\d", f"{info.subject} {info['/Keywords']}")
    # The next edition gets the number the draft did not take, and is no draft.
    second = export_book(store, None, OPTIONS, tmp_path / "2.pdf")
    assert (first.edition, second.edition, second.recorded) == (1, 2, True)
    assert _editions(store) == [1, 2]
    assert not any("DRAFT" in page for page in pdftotext(tmp_path / "2.pdf", raw=True))


def test_same_database_and_options_give_identical_bytes(store: Store, tmp_path: Path) -> None:
    a = export_book(store, None, OPTIONS, tmp_path / "a.pdf", record_edition=False)
    b = export_book(store, None, OPTIONS, tmp_path / "b.pdf", record_edition=False)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert a.content_hash == b.content_hash
    c = export_book(store, None, OPTIONS, tmp_path / "c.pdf")
    assert c.content_hash == a.content_hash
    assert (tmp_path / "c.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    other = export_book(
        store, None, BookOptions(audience=1, today=TODAY), tmp_path / "d.pdf", record_edition=False
    )
    assert other.content_hash != a.content_hash


def test_metadata_has_title_subject_edition_and_nothing_personal(
    store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "meta.pdf"
    export_book(store, None, OPTIONS, target, record_edition=False)
    meta = pypdf.PdfReader(target).metadata
    assert meta is not None
    assert meta.title == "South Korea – United States trade talks, 2025"
    assert "edition 1" in (meta.subject or "")
    assert not meta.author
    blob = raw(target)
    private = [str(tmp_path), str(Path.home()), os.environ.get("USER", "")]
    for text in filter(None, private):
        assert not contains_raw(blob, text), text


def test_unknown_level_and_section_are_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="section"):
        BookOptions(audience=0, sections=("scene", "gossip"))
    with pytest.raises(BriefingError, match="rank 9"):
        export_book(store, None, BookOptions(audience=9), tmp_path / "x.pdf")
    with pytest.raises(BriefingError, match="does not exist"):
        export_book(store, None, OPTIONS, tmp_path / "missing" / "x.pdf")


def test_both_modes_date_the_file_on_the_editions_day(store: Store, tmp_path: Path) -> None:
    """Deterministic or not, the file is created on the edition's day (the cover's date),
    not on the day ReportLab's invariant mode picks (1 Jan 2000) or the day it is written."""
    fixed = tmp_path / "fixed.pdf"
    real = tmp_path / "real.pdf"
    export_book(store, None, OPTIONS, fixed, record_edition=False)
    loose = BookOptions(audience=3, today=TODAY, deterministic=False)
    export_book(store, None, loose, real, record_edition=False)
    for path in (fixed, real):
        created = pypdf.PdfReader(path).metadata.creation_date  # type: ignore[union-attr]
        assert created is not None and created.date() == TODAY
