"""The Programme page's reader: the trip's entries and the talks on its days, as an audience
sees them, read without loading every meeting of the dossier."""

from __future__ import annotations

import datetime as dt

from briefing.domain.enums import EventKind, EventStatus
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.writing import import_model
from briefing.store.lists.programme import load_programme
from briefing.store.visibility import EVERYTHING
from tests.book.test_programme import PEOPLE, entry, trip
from tests.store.test_times import dossier

CONFIDENTIAL = 2


def _titles(store: Store, level: int) -> dict[dt.date, list[str]]:
    with store.session() as session:
        dossier_id = find_dossier(session, "times").id
        read = load_programme(session, dossier_id, level)
    return {day.day: [item.event.title for item in day.items] for day in read.days}


def test_the_trip_s_days_as_the_audience_sees_them(empty_store: Store) -> None:
    extra = [
        # A meeting after the trip is no entry of it.
        entry("event:later", "Later talks", EventKind.MEETING, 10),
        # A cancelled flight does not stretch the trip to its day.
        entry("event:gone", "Cancelled flight", EventKind.FLIGHT, 20, status=EventStatus.CANCELLED),
        entry("event:on-20", "Talks on the 20th", EventKind.MEETING, 20),
        # A restricted transfer stretches the trip only for those who may see it.
        entry("event:secret", "Secret transfer", EventKind.TRANSFER, 8, handling="Restricted"),
        entry("event:on-8", "Talks on the 8th", EventKind.MEETING, 8),
    ]
    model = dossier(*trip(), *extra)
    import_model(empty_store, model.model_copy(update={"people": [*model.people, *PEOPLE]}))
    everything = _titles(empty_store, EVERYTHING)
    confidential = _titles(empty_store, CONFIDENTIAL)
    july = dt.date(2026, 7, 1)
    assert everything[july.replace(day=8)] == ["Secret transfer", "Talks on the 8th"]
    assert july.replace(day=8) not in confidential  # nor the talks on that day
    assert "Secret dinner" in everything[july.replace(day=4)]
    assert "Secret dinner" not in confidential[july.replace(day=4)]
    for days in (everything, confidential):
        shown = {title for titles in days.values() for title in titles}
        assert {"Talks at USTR", "Doorstep with press"} <= shown
        assert not shown & {"Later talks", "Cancelled flight", "Talks on the 20th"}
    assert max(confidential) == july.replace(day=5)


def test_no_trip_no_programme(empty_store: Store) -> None:
    import_model(empty_store, dossier(entry("event:talks", "Talks", EventKind.MEETING, 4)))
    assert _titles(empty_store, EVERYTHING) == {}
