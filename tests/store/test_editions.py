"""An edition keeps what its audience saw and prints again byte for byte (issue 17)."""

from __future__ import annotations

import sqlite3
import zlib
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

import briefing.book.build
from briefing.book import BookOptions, export_book
from briefing.domain import AuditEvent, Dossier, Edition
from briefing.errors import BriefingError, NotFound
from briefing.store.audit import events
from briefing.store.db.database import Store
from briefing.store.db.migrate import migrate
from briefing.store.dossiers import delete_dossier, restore_dossier
from briefing.store.editions import list_editions, pdf_of, reprint, snapshot_of
from briefing.store.exchange.export import export_dossier
from tests.book.conftest import TODAY
from tests.book.pdf import flat, pypdf_text
from tests.conftest import SAMPLE_SLUG

CONFIDENTIAL = BookOptions(audience=2, today=TODAY)


def _retitle(store: Store, title: str) -> str:
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == SAMPLE_SLUG)).one()
        old, dossier.title = dossier.title, title
    return old


def test_a_reprint_after_later_edits_and_an_upgrade_is_the_editions_very_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = tmp_path / "edition-1.pdf"
    export_book(store, SAMPLE_SLUG, CONFIDENTIAL, printed)
    seen = export_dossier(store, SAMPLE_SLUG, audience=2)
    title = _retitle(store, "A title given after edition 1")
    # A later version of the app prints differently; a reprint composes nothing.
    monkeypatch.setattr(briefing.book.build, "__version__", "99.0")
    export_book(store, SAMPLE_SLUG, CONFIDENTIAL, tmp_path / "edition-2.pdf")
    monkeypatch.setattr(briefing.book.build, "render", None)

    again = tmp_path / "again.pdf"
    done = reprint(store, SAMPLE_SLUG, 1, again)

    assert again.read_bytes() == printed.read_bytes()
    assert (done.number, done.audience, done.size) == (1, "Confidential", printed.stat().st_size)
    reread = pypdf_text(again)
    assert reread == pypdf_text(printed) and len(reread) == done.pages
    assert title in flat(reread[0]) and "given after edition 1" not in flat(" ".join(reread))
    assert "given after edition 1" in flat(pypdf_text(tmp_path / "edition-2.pdf")[0])
    with store.session() as session:
        assert snapshot_of(session, SAMPLE_SLUG, 1).decode("utf-8") == seen
        assert "given after edition 1" in snapshot_of(session, SAMPLE_SLUG, 2).decode("utf-8")
        assert pdf_of(session, SAMPLE_SLUG, 1) == printed.read_bytes()  # shown, not audited
    event = events_of(store)[-1]
    assert (event.action, event.edition, event.audience, event.detail) == (
        "reprint",
        1,
        2,
        "again.pdf",
    )


def events_of(store: Store) -> list[AuditEvent]:
    with store.session() as session:
        found = list(events(session))
        session.expunge_all()
    return found


def test_what_an_edition_keeps_is_compressed(store: Store, tmp_path: Path) -> None:
    printed = tmp_path / "book.pdf"
    export_book(store, SAMPLE_SLUG, CONFIDENTIAL, printed)
    with store.session() as session:
        edition = session.scalars(select(Edition)).one()
        assert edition.pdf is not None and edition.snapshot is not None
        assert zlib.decompress(edition.pdf) == printed.read_bytes()
        assert len(edition.pdf) < printed.stat().st_size
        assert len(edition.snapshot) < len(export_dossier(store, SAMPLE_SLUG, audience=2))


def test_a_draft_keeps_nothing_and_lists_nothing(store: Store, tmp_path: Path) -> None:
    draft = BookOptions(audience=0, today=TODAY, draft=True)
    export_book(store, SAMPLE_SLUG, draft, tmp_path / "draft.pdf")
    with store.session() as session:
        assert list_editions(session, SAMPLE_SLUG) == []


def test_editions_are_listed_with_who_printed_them_and_whether_they_keep_their_pdf(
    store: Store, tmp_path: Path
) -> None:
    for audience in (0, 2):
        options = BookOptions(audience=audience, today=TODAY, edition_note=f"for {audience}")
        export_book(store, None, options, tmp_path / "b.pdf")
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        session.add(Edition(dossier_id=dossier_id, number=3, audience=1))
    with store.session() as session:
        listed = list_editions(session)
        assert list_editions(session, SAMPLE_SLUG) == listed
    assert [(e.slug, e.number, e.audience, e.note, e.kept) for e in listed] == [
        (SAMPLE_SLUG, 1, "Public", "for 0", True),
        (SAMPLE_SLUG, 2, "Confidential", "for 2", True),
        (SAMPLE_SLUG, 3, "Internal", "", False),
    ]
    assert listed[0].made_by and listed[0].made_by == listed[1].made_by
    assert listed[2].made_by is None and listed[2].pages is None
    assert listed[0].pages is not None and listed[1].pages is not None
    assert listed[0].pages < listed[1].pages


def test_an_edition_without_a_snapshot_is_refused_and_the_target_left_alone(
    store: Store, tmp_path: Path
) -> None:
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        session.add(Edition(dossier_id=dossier_id, number=1, audience=0))
    target = tmp_path / "old.pdf"
    target.write_bytes(b"the previous file")
    with pytest.raises(BriefingError, match="printed before editions kept their PDF"):
        reprint(store, SAMPLE_SLUG, 1, target)
    with store.session() as session, pytest.raises(BriefingError, match="printed before"):
        snapshot_of(session, SAMPLE_SLUG, 1)
    with store.session() as session, pytest.raises(BriefingError, match="printed before"):
        pdf_of(session, SAMPLE_SLUG, 1)
    assert target.read_bytes() == b"the previous file"
    assert events_of(store) == []


def test_an_unknown_dossier_or_edition_is_named(store: Store, tmp_path: Path) -> None:
    export_book(store, SAMPLE_SLUG, CONFIDENTIAL, tmp_path / "book.pdf")
    with pytest.raises(NotFound, match=f"^{SAMPLE_SLUG} has no edition 2$"):
        reprint(store, SAMPLE_SLUG, 2, tmp_path / "x.pdf")
    with pytest.raises(NotFound, match="no dossier called 'nope'"):
        reprint(store, "nope", 1, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_reprint_that_cannot_be_written_leaves_no_event(store: Store, tmp_path: Path) -> None:
    export_book(store, SAMPLE_SLUG, CONFIDENTIAL, tmp_path / "book.pdf")
    with pytest.raises(BriefingError, match="does not exist"):
        reprint(store, SAMPLE_SLUG, 1, tmp_path / "missing" / "x.pdf")
    assert [e.action for e in events_of(store)] == ["book"]


@pytest.mark.sqlite_only
def test_editions_printed_before_this_version_have_no_snapshot(
    sample_db: Path, tmp_path: Path
) -> None:
    """Migration 0020 leaves an edition printed before it as it was, with nothing kept,
    and a reprint of it says why it cannot be one."""
    with Store.at(sample_db) as store:
        with store.engine.connect() as connection:
            migrate(connection, "0019", down=True)
        with closing(sqlite3.connect(sample_db)) as connection, connection:
            connection.execute(
                "INSERT INTO edition (dossier_id, number, created_at, audience, options,"
                " content_hash, note) SELECT id, 1, '2026-01-05 09:00:00', 0, '{}', 'h', ''"
                " FROM dossier"
            )
        with store.engine.connect() as connection:
            migrate(connection, "head")
        with pytest.raises(BriefingError, match="printed before editions kept their PDF"):
            reprint(store, SAMPLE_SLUG, 1, tmp_path / "old.pdf")
        with store.session() as session:
            listed = list_editions(session, SAMPLE_SLUG)
    assert [(e.number, e.kept) for e in listed] == [(1, False)]
    assert not (tmp_path / "old.pdf").exists()


def test_a_deleted_dossier_put_back_keeps_its_editions_pdfs(store: Store, tmp_path: Path) -> None:
    """Undoing a dossier's delete puts its editions back with what they keep."""
    printed = tmp_path / "book.pdf"
    export_book(store, SAMPLE_SLUG, CONFIDENTIAL, printed)
    with store.session() as session:
        deleted = delete_dossier(session, SAMPLE_SLUG)
    with store.session() as session:
        restore_dossier(session, deleted)
    reprint(store, SAMPLE_SLUG, 1, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == printed.read_bytes()
