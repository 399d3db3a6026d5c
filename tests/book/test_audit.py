"""Every book printed is in the audit trail, in the same transaction as its edition."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.book import BookOptions, export_book
from briefing.domain import Edition
from briefing.errors import BriefingError
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from tests.audit_trail import either, expected_user, trail
from tests.book.conftest import TODAY
from tests.conftest import SAMPLE_SLUG

__all__ = ["either"]

OPTIONS = BookOptions(audience=2, today=TODAY)


def editions(store: Store) -> list[Edition]:
    with store.session() as session:
        found = list(session.scalars(select(Edition).order_by(Edition.number)))
        session.expunge_all()
    return found


def test_an_edition_writes_one_event_matching_it(either: Store, tmp_path: Path) -> None:
    result = export_book(either, None, OPTIONS, tmp_path / "book.pdf")
    [edition] = editions(either)
    [event] = trail(either)
    assert (event.action, event.dossier, event.detail) == ("book", SAMPLE_SLUG, "book.pdf")
    assert event.who == expected_user(either)
    assert (event.audience, event.edition, event.content_hash) == (
        edition.audience,
        edition.number,
        edition.content_hash,
    )
    assert (edition.audience, edition.number, edition.content_hash) == (
        2,
        result.edition,
        result.content_hash,
    )


def test_a_draft_is_recorded_without_an_edition(store: Store, tmp_path: Path) -> None:
    export_book(store, None, dataclasses.replace(OPTIONS, draft=True), tmp_path / "draft.pdf")
    [event] = trail(store)
    assert (event.action, event.audience, event.edition) == ("draft", 2, None)
    assert editions(store) == []


def test_a_book_that_cannot_be_written_leaves_no_event_and_no_edition(
    either: Store, tmp_path: Path
) -> None:
    with pytest.raises(BriefingError, match="does not exist"):
        export_book(either, None, OPTIONS, tmp_path / "missing" / "book.pdf")
    assert trail(either) == []
    assert editions(either) == []


def test_an_edition_taken_meanwhile_writes_no_file_and_no_event(
    either: Store, tmp_path: Path
) -> None:
    target = tmp_path / "book.pdf"

    def progress(done: int, total: int, what: str) -> None:
        if what == "writing the file":
            with either.session() as session:
                dossier_id = find_dossier(session, SAMPLE_SLUG).id
                session.add(Edition(dossier_id=dossier_id, number=1, audience=1))

    with pytest.raises(BriefingError, match="another export recorded edition 1"):
        export_book(either, None, OPTIONS, target, progress=progress)
    assert not target.exists()
    assert trail(either) == []
    assert [e.audience for e in editions(either)] == [1]
