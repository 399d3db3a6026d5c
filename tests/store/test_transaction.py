"""A change the database refuses reaches the GUI as the project's own error, and leaves
nothing behind."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from briefing.domain import Citation, Record
from briefing.errors import NotSaved
from briefing.store.db.database import Store
from briefing.store.transaction import transaction
from tests.builders import cite, document, load


def test_a_change_that_breaks_a_rule_is_not_saved(empty_store: Store) -> None:
    load(empty_store, document(people=[{"id": "p", "name": "P", "citations": [cite()]}]))
    with pytest.raises(NotSaved), transaction(empty_store) as session:
        session.scalars(select(Citation)).one().credibility = 7
    with empty_store.session() as session:
        assert session.scalars(select(Citation)).one().credibility != 7


def test_a_record_deleted_meanwhile_is_not_saved(empty_store: Store) -> None:
    """Another window deleted it after this one showed it: the edit is refused, and says so."""
    load(empty_store, document(people=[{"id": "p", "name": "P"}]))
    with empty_store.session() as session:
        gone = max(session.scalars(select(Record.id))) + 1
    with pytest.raises(NotSaved, match="refused"), transaction(empty_store) as session:
        session.get_one(Record, gone)
