"""The events' dates as SQL spells them are the dates the lists show, so a filter finds them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.domain import Event
from briefing.domain.date_sql import dated_text
from briefing.domain.enums import DatePrecision
from briefing.domain.formats import dated
from briefing.store.db.migrate import open_store
from briefing.store.lists import listing
from briefing.store.lists.events import event_listing
from tests.builders import document, load

START = dt.date(2024, 12, 25)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_sql_writes_every_event_s_dates_as_the_list_shows_them(
    tmp_path: Path, language: str
) -> None:
    """Every weekday and month, one- and two-digit days, each precision, with and without
    an end, in each language the lists are shown in."""
    precisions = list(DatePrecision)
    events = []
    for n in range(400):
        start = START + dt.timedelta(days=n * 3)
        event = {
            "id": f"e:{n}",
            "title": f"Event {n}",
            "kind": "meeting",
            "start_date": start.isoformat(),
            "precision": precisions[n % len(precisions)].value,
            "status": "planned",
        }
        if n % 3 == 0:
            event["end_date"] = (start + dt.timedelta(days=n % 40)).isoformat()
        events.append(event)
    store = open_store(tmp_path / "dates.sqlite3", seed_sample=False)
    try:
        load(store, document("dates", events=events))
        with store.session() as session:
            rows = session.execute(
                select(
                    Event.start_date,
                    Event.end_date,
                    Event.precision,
                    dated_text(Event.start_date, Event.end_date, Event.precision, language),
                )
            ).all()
    finally:
        store.close()
    assert len(rows) == 400
    for start, end, precision, text in rows:
        assert text == dated(start, end, precision, language)


def test_the_event_filter_finds_dates_as_shown_not_as_stored(tmp_path: Path) -> None:
    events = [
        {"id": "e:talks", "title": "Talks", "kind": "meeting", "start_date": "2025-07-08"},
        {
            "id": "e:apec",
            "title": "APEC",
            "kind": "summit",
            "start_date": "2025-05-01",
            "precision": "month",
        },
    ]
    store = open_store(tmp_path / "filter.sqlite3", seed_sample=False)
    try:
        load(store, document("filter", events=events))
        with store.session() as session:
            dossier = session.scalars(select(Event.dossier_id)).first()
            assert dossier is not None
            rows = event_listing(dossier, 99)

            def found(text: str) -> list[str]:
                request = listing.Request(text=text)
                return [r.title for r in listing.read(session, rows, request, 0, 10)]

            assert found("Tue 8 Jul") == ["Talks"]
            assert found("8 jul 2025") == ["Talks"]
            assert found("May 2025") == ["APEC"]
            assert found("2025-07") == []  # the stored form is shown nowhere
    finally:
        store.close()


def test_the_korean_filter_finds_korean_dates(tmp_path: Path) -> None:
    """In the Korean window the list shows "2025년 7월 8일 (화)", and a filter finds that."""
    events = [
        {"id": "e:talks", "title": "Talks", "kind": "meeting", "start_date": "2025-07-08"},
        {"id": "e:apec", "title": "APEC", "kind": "summit", "start_date": "2025-05-01"},
    ]
    store = open_store(tmp_path / "filter.sqlite3", seed_sample=False)
    try:
        load(store, document("filter", events=events))
        with store.session() as session:
            dossier = session.scalars(select(Event.dossier_id)).first()
            assert dossier is not None
            rows = event_listing(dossier, 99, "ko")

            def found(text: str) -> list[str]:
                request = listing.Request(text=text)
                return [r.title for r in listing.read(session, rows, request, 0, 10)]

            assert found("7월 8일 (화)") == ["Talks"]
            assert found("Jul") == []
    finally:
        store.close()
