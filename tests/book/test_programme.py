"""The book's Programme section (issue 19): a page per day on A4 and Letter, each entry with
its venue and home times, the delegation's people, the contact on site and where to be next,
and nothing handled above the audience."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.book import BookOptions, export_book
from briefing.book.options import Paper
from briefing.domain import Dossier, Event
from briefing.domain.enums import EventKind
from briefing.domain.programme import TALKS, TRAVEL_KINDS
from briefing.store.checks.run import run_checks
from briefing.store.db.database import Store
from briefing.store.exchange.schema import EventOut, PersonOut
from briefing.store.exchange.writing import import_model
from briefing.store.visibility import EVERYTHING
from tests.book.pdf import flat, pdftotext
from tests.conftest import SAMPLE_SLUG
from tests.store.test_times import SEOUL_TO_WASHINGTON, dossier

TODAY = dt.date(2026, 6, 30)
WASHINGTON = "America/New_York"


def entry(uid: str, title: str, kind: EventKind, day: int, **fields: object) -> EventOut:
    """A programme entry in Washington on ``day`` July 2026."""
    values: dict[str, object] = {
        "id": uid,
        "title": title,
        "kind": kind,
        "start_date": dt.date(2026, 7, day),
        "place": "Washington",
        "timezone": WASHINGTON,
    }
    values.update(fields)
    return EventOut.model_validate(values)


PEOPLE = [
    PersonOut(id="person:minister", name="Minister Kim", party="party:kr"),
    PersonOut(id="person:aide", name="Park Aide", party="party:kr"),
    PersonOut(id="person:host", name="Secretary Host", party="party:us"),
]


def trip() -> list[EventOut]:
    """Three days: the flight in on the 3rd, talks and a reception on the 4th, a press
    event on the 5th; a restricted dinner on the 4th that only the top level may see."""
    return [
        SEOUL_TO_WASHINGTON.model_copy(
            update={"kind": EventKind.FLIGHT, "participants": ["person:minister"]}
        ),
        entry(
            "event:hotel",
            "Check in, Willard hotel",
            EventKind.HOTEL,
            3,
            place="Willard hotel",
            owner="person:aide",
        ),
        entry(
            "event:talks",
            "Talks at USTR",
            EventKind.MEETING,
            4,
            start_time=dt.time(10),
            end_time=dt.time(12),
            place="USTR",
            participants=["person:minister", "person:host"],
        ),
        entry(
            "event:reception",
            "Embassy reception",
            EventKind.RECEPTION,
            4,
            start_time=dt.time(18, 30),
            place="Embassy of Korea",
            owner="person:aide",
        ),
        entry(
            "event:dinner",
            "Secret dinner",
            EventKind.RECEPTION,
            4,
            start_time=dt.time(21),
            place="Hidden place",
            handling="Restricted",
        ),
        entry("event:press", "Doorstep with press", EventKind.PRESS_EVENT, 5, place="Press room"),
    ]


def export(store: Store, path: Path, paper: Paper, audience: int) -> list[str]:
    """The programme printed alone, page by page as a reader's tool extracts it."""
    model = dossier(*trip())
    model = model.model_copy(update={"people": [*model.people, *PEOPLE]})
    import_model(store, model)
    options = BookOptions(audience=audience, paper=paper, sections=("programme",), today=TODAY)
    export_book(store, "times", options, path, record_edition=False)
    return [flat(page) for page in pdftotext(path)]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_page_per_day_with_both_clocks(empty_store: Store, tmp_path: Path, paper: Paper) -> None:
    pages = export(empty_store, tmp_path / f"programme-{paper}.pdf", paper, audience=3)
    days = {
        "Fri 3 Jul 2026": ("Flight KE093", "Check in, Willard hotel"),
        "Sat 4 Jul 2026": ("Talks at USTR", "Embassy reception", "Secret dinner"),
        "Sun 5 Jul 2026": ("Doorstep with press",),
    }
    found: dict[str, str] = {}
    for page in (p for p in pages if "Time (venue · home)" in p):  # not the contents
        heads = [day for day in days if day in page]
        if heads:
            assert len(heads) == 1, f"two days on one page: {heads}"
            found[heads[0]] = page
    assert list(found) == list(days), "each day on a page of its own"
    for day, titles in days.items():
        page = found[day]
        for title in titles:
            assert title in page
        for other, theirs in days.items():
            if other != day:
                assert not any(t in page for t in theirs), f"{other} entry on {day}'s page"
    fourth = found["Sat 4 Jul 2026"]
    assert "10:00–12:00 EDT · 23:00–01:00 KST" in fourth
    assert "18:30 EDT · 07:30 KST (+1)" in fourth
    assert "Contact on site: Park Aide" in fourth
    assert "Minister Kim" in fourth and "Secretary Host" not in fourth  # ours only
    third = found["Fri 3 Jul 2026"]
    assert "10:00 KST – 09:00 EDT" in third
    assert "Incheon, KST, UTC+9 → Washington Dulles, EDT, UTC−4" in third
    # where to be next: after the hotel, the talks at USTR
    assert "USTR" in third
    assert "time not set" in found["Sun 5 Jul 2026"]


def test_nothing_above_the_audience(empty_store: Store, tmp_path: Path) -> None:
    text = " ".join(export(empty_store, tmp_path / "public.pdf", "a4", audience=2))
    assert "Embassy reception" in text
    assert "Secret dinner" not in text and "Hidden place" not in text


def test_the_korean_edition_prints_the_programme_in_korean(
    empty_store: Store, tmp_path: Path
) -> None:
    model = dossier(*trip())
    import_model(empty_store, model.model_copy(update={"people": [*model.people, *PEOPLE]}))
    path = tmp_path / "ko.pdf"
    options = BookOptions(audience=3, sections=("programme",), today=TODAY, language="ko")
    export_book(empty_store, "times", options, path, record_edition=False)
    text = flat(" ".join(pdftotext(path)))
    assert "방문 일정" in text and "시각 (현지 · 본국)" in text
    assert "현지 연락 담당: Park Aide" in text and "시각 미정" in text
    assert "Contact on site" not in text and "time not set" not in text


STAFF_PLANNING = {
    "Hotel in Washington (staff planning)",
    "Transfer to the talks (staff planning)",
    "Return flight to Seoul (staff planning)",
}


def test_the_samples_washington_programme_is_cited_or_listed_by_the_checks(
    store: Store, tmp_path: Path
) -> None:
    """22–25 April 2025 from the seed articles, dated without times; the staff's planning
    entries (the one time of day among them) are cited to nothing and the checks list them."""
    path = tmp_path / "sample.pdf"
    options = BookOptions(audience=3, sections=("programme",), today=dt.date(2025, 5, 1))
    export_book(store, SAMPLE_SLUG, options, path, record_edition=False)
    pages = [flat(p) for p in pdftotext(path) if "Time (venue · home)" in p]
    heads = ["Tue 22 Apr 2025", "Wed 23 Apr 2025", "Thu 24 Apr 2025", "Fri 25 Apr 2025"]
    assert [[h for h in heads if h in page] for page in pages] == [[h] for h in heads]
    assert "Flight: Deputy Prime Minister Choi" in pages[0]
    assert "Greer–Ahn bilateral trade meeting" in pages[2]
    assert "08:30 EDT · 21:30 KST" in pages[2]  # the staff's planned transfer
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        events = session.scalars(select(Event).where(Event.dossier_id == dossier.id)).all()
        timed = {e.title for e in events if e.start_time is not None}
        trip = {
            e.title
            for e in events
            if e.event_kind in (*TRAVEL_KINDS, *TALKS)
            and dt.date(2025, 4, 22) <= e.start_date <= dt.date(2025, 4, 25)
        }
        uncited = {e.title for e in events if not e.citations}
        findings = run_checks(session, dossier, level=EVERYTHING, today=dt.date(2025, 5, 1))
    assert timed <= STAFF_PLANNING, "the sources give no time of day"
    assert trip & uncited == STAFF_PLANNING, "all else on the programme is cited"
    listed = {f.record_name for f in findings if f.check == "uncited"}
    assert listed >= STAFF_PLANNING
