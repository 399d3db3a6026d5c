"""The book prints an event's times on the venue's clock and the home clock, names the
venue's zone by abbreviation and offset, and counts days left on the home calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.book import BookOptions, export_book
from briefing.domain.enums import EventKind
from briefing.store.db.database import Store
from briefing.store.exchange.writing import import_model
from tests.book.pdf import flat, pdftotext
from tests.store.test_times import SEOUL_TO_WASHINGTON, dossier, meeting

TODAY = dt.date(2026, 6, 30)


def test_times_on_both_clocks_zones_named_and_days_counted_at_home(
    empty_store: Store, tmp_path: Path
) -> None:
    talks = meeting("event:talks", "Talks at USTR", dt.time(10), dt.time(12))
    dinner = meeting("event:dinner", "Working dinner", dt.time(22), None)
    flight = SEOUL_TO_WASHINGTON.model_copy(update={"kind": EventKind.ANNOUNCEMENT})
    import_model(empty_store, dossier(talks, dinner, flight))
    target = tmp_path / "times.pdf"
    options = BookOptions(audience=3, sections=("meetings", "timeline"), today=TODAY)
    export_book(empty_store, "times", options, target, record_edition=False)
    text = flat(" ".join(pdftotext(target)))
    assert "Wed 1 Jul 2026, 10:00–12:00 EDT · 23:00–01:00 KST" in text
    assert "Wed 1 Jul 2026, 22:00 EDT · 11:00 KST (+1)" in text
    assert "Washington, EDT, UTC−4" in text
    assert "Incheon, KST, UTC+9 → Washington Dulles, EDT, UTC−4" in text
    assert "America/New_York" not in text and "Asia/Seoul" not in text
    # 22:00 in Washington on 1 July is 2 July at home: two days left, the talks one.
    assert "D-2" in text and "D-1" in text
    assert "D-3" in text  # the flight leaves Seoul on 3 July
