"""The audit trail (issue 15): append-only for everyone, on SQLite and on the server."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from briefing.domain import Edition
from briefing.errors import BriefingError
from briefing.files import write_atomically
from briefing.store import audit
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.exchange.export import export_file
from tests.audit_trail import either, expected_user, trail
from tests.conftest import SAMPLE_SLUG
from tests.server import SUPERUSER

__all__ = ["either"]


def test_an_event_cannot_be_changed_or_removed_with_plain_sql(either: Store) -> None:
    with either.session() as session:
        audit.record(session, action="book", dossier=SAMPLE_SLUG, audience=1, edition=1)
    statements = (
        "UPDATE audit_event SET who = 'someone else'",
        "DELETE FROM audit_event",
    )
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), either.engine.begin() as connection:
            connection.execute(text(statement))
    [event] = trail(either)
    assert (event.who, event.action, event.edition) == (expected_user(either), "book", 1)


def test_the_server_refuses_a_truncate_and_names_the_role_itself(pg_sample_url: Path) -> None:
    with open_store(pg_sample_url, seed_sample=False) as store:
        with store.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_event (at, who, action, content_hash, detail) "
                    "VALUES ('2001-01-01', 'someone else', 'book', '', '')"
                )
            )
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
            connection.execute(text("TRUNCATE audit_event"))
        [event] = trail(store)
    assert event.who == SUPERUSER
    assert event.at.year > 2001


def test_since_leaves_out_older_events(store: Store) -> None:
    with store.session() as session:
        audit.record(session, action="book")
    [event] = trail(store)
    with store.session() as session:
        assert len(audit.events(session, since=event.at)) == 1
        assert audit.events(session, since=event.at.replace(year=event.at.year + 1)) == []


def test_a_dossier_file_export_is_recorded_with_its_audience_and_hash(
    either: Store, tmp_path: Path
) -> None:
    for audience, name in ((2, "internal.json"), (None, "whole.json")):
        export_file(either, SAMPLE_SLUG, tmp_path / name, audience=audience)
    events = trail(either)
    assert [(e.action, e.dossier, e.audience, e.edition, e.detail) for e in events] == [
        ("dossier file", SAMPLE_SLUG, 2, None, "internal.json"),
        ("dossier file", SAMPLE_SLUG, None, None, "whole.json"),
    ]
    for event in events:
        written = (tmp_path / event.detail).read_bytes()
        assert event.content_hash == hashlib.sha256(written).hexdigest()
        assert event.who == expected_user(either)


def test_a_dossier_file_that_cannot_be_written_leaves_no_event(
    either: Store, tmp_path: Path
) -> None:
    with pytest.raises(BriefingError, match="does not exist"):
        export_file(either, SAMPLE_SLUG, tmp_path / "missing" / "f.json", audience=2)
    assert trail(either) == []


def test_a_file_whose_event_cannot_be_committed_is_removed(sample_db: Path, tmp_path: Path) -> None:
    """The commit comes after the file is written; when it fails, the copy must not stay."""
    target = tmp_path / "book.pdf"
    with open_store(sample_db, seed_sample=False) as store:
        refused = pytest.raises(BriefingError, match="removed")
        with refused, audit.exporting(store, target) as session:
            # A foreign key checked only at COMMIT: the one failure left that late.
            session.execute(text("PRAGMA defer_foreign_keys = ON"))
            session.add(Edition(dossier_id=999_999, number=1, audience=1))
            audit.record(session, action="book", edition=1)
            session.flush()
            write_atomically(target, b"%PDF", shared=False)
        assert not target.exists()
        assert trail(store) == []
        with store.session() as session:
            assert session.scalars(select(Edition)).all() == []
