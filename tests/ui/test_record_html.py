"""The details pane's text for a source cited by more records than a reader can scan."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from briefing.domain import Source
from briefing.store.database import Store
from briefing.store.visibility import EVERYTHING
from briefing.ui.record_html import CITING_LISTED, record_html
from tests.builders import cite, document, load


def test_a_much_cited_source_names_the_first_records_and_counts_the_rest(
    empty_store: Store,
) -> None:
    extra = 7
    people = [
        {"id": f"p:{n}", "name": f"Delegate {n:04}", "citations": [cite()]}
        for n in range(CITING_LISTED + extra)
    ]
    people.insert(
        0,
        {"id": "p:secret", "name": "Hidden Envoy", "handling": "Restricted", "citations": [cite()]},
    )
    load(empty_store, document(people=people))
    with empty_store.session() as session:
        source_id = session.scalars(select(Source.id)).one()
        html = record_html(session, source_id, EVERYTHING, dt.date(2025, 5, 1))
        public = record_html(session, source_id, 0, dt.date(2025, 5, 1))
    assert f"Cited by {CITING_LISTED + extra + 1:,} records" in html
    assert html.count('href="record:') == CITING_LISTED
    assert f"… and {extra + 1} more" in html
    assert "Hidden Envoy" in html
    assert f"Cited by {CITING_LISTED + extra:,} records" in public
    assert "Hidden Envoy" not in public
