"""The principal's pocket cards (issue 19 item 3), read back from the PDF: a card per
meeting, call and summit on A6 or half-Letter paper, the time on both clocks, whom they
meet in both scripts with the office on the day, the first three points and the press
line, the walk-away minimum only for an audience cleared for it; an edition, audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from briefing.book import BookOptions, export_book
from briefing.book.cards import export_cards
from briefing.domain import Edition
from briefing.errors import BriefingError
from briefing.store.db.database import Store
from briefing.store.editions import previous_edition
from tests.audit_trail import trail
from tests.book.conftest import TODAY
from tests.book.pdf import flat, pdftotext
from tests.builders import document, load

INTERNAL, CONFIDENTIAL, RESTRICTED = 1, 2, 3
A6 = (297.6, 419.5)
HALF_LETTER = (396.0, 612.0)


def _dossier() -> dict[str, Any]:
    at_ustr = {"place": "Washington", "timezone": "America/New_York"}
    doc = document(
        people=[
            {
                "id": "p:greer",
                "name": "Jamieson Greer",
                "native_name": "제이미슨 그리어",
                "party": "party:b",
            },
            {"id": "p:ours", "name": "Our Minister", "party": "party:a"},
        ],
        appointments=[
            {"id": "a:ustr", "person": "p:greer", "title": "Trade Representative"},
        ],
        events=[
            {
                "id": "e:talks",
                "title": "Talks at USTR",
                "kind": "meeting",
                "start_date": "2026-07-01",
                "start_time": "10:00",
                "handling": "Internal",
                "participants": ["p:greer", "p:ours"],
                **at_ustr,
            },
            {
                "id": "e:call",
                "title": "Call with the Commerce Secretary",
                "kind": "call",
                "start_date": "2026-07-02",
                "handling": "Internal",
            },
            {
                "id": "e:summit",
                "title": "SUMMITWORD leaders' summit",
                "kind": "summit",
                "start_date": "2026-07-03",
                "handling": "Restricted",
            },
            {
                "id": "e:deadline",
                "title": "Tariff deadline",
                "kind": "deadline",
                "start_date": "2026-07-09",
            },
        ],
        talking_points=[
            *(
                {
                    "id": f"t:{n}",
                    "subject": "e:talks",
                    "kind": "to_make",
                    "text": f"POINT{n}WORD",
                }
                for n in range(1, 5)
            ),
            {"id": "t:press", "subject": "e:talks", "kind": "press_line", "text": "PRESSWORD"},
        ],
        chips=[
            {
                "id": "c:steel",
                "title": "Steel tariffs",
                "party": "party:a",
                "handling": "Internal",
                "our_minimum": "MINWORD a review of the steel duties.",
                "field_handling": {"our_minimum": "Restricted"},
                "events": ["e:talks"],
            }
        ],
    )
    doc["version"] = 4
    for party in doc["parties"]:
        party["handling"] = "Public"
    doc["sources"][0]["handling"] = "Public"
    return doc


@pytest.fixture
def store(empty_store: Store) -> Store:
    load(empty_store, _dossier())
    return empty_store


def _cards(store: Store, target: Path, audience: int, **options: Any) -> list[str]:
    export_cards(store, None, BookOptions(audience=audience, today=TODAY, **options), target)
    return [flat(page) for page in pdftotext(target)]


def test_a_card_per_meeting_with_both_clocks_both_scripts_and_three_points(
    store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "cards.pdf"
    pages = _cards(store, target, CONFIDENTIAL)
    # The talks and the call: the restricted summit is above the audience and a
    # deadline is no meeting.
    assert len(pages) == 2
    assert [w for w, h in _sizes(target)] == [pytest.approx(A6[0], abs=0.5)] * 2
    talks, call = pages
    assert "Talks at USTR" in talks and "Call with the Commerce Secretary" in call
    assert "10:00 EDT · 23:00 KST" in talks
    assert "Washington, EDT, UTC−4" in talks
    assert "Jamieson Greer (제이미슨 그리어)" in talks
    assert "Trade Representative" in talks
    assert "Our Minister" not in talks  # our own side is not whom we meet
    assert all(f"POINT{n}WORD" in talks for n in (1, 2, 3))
    assert "POINT4WORD" not in talks  # the first three only
    assert "PRESSWORD" in talks
    assert talks.startswith("INTERNAL")  # the banner: the highest level printed
    for page in pages:
        assert "MINWORD" not in page and "SUMMITWORD" not in page


def test_the_walk_away_minimum_only_for_an_audience_cleared_for_it(
    store: Store, tmp_path: Path
) -> None:
    below = " ".join(_cards(store, tmp_path / "below.pdf", CONFIDENTIAL))
    above = _cards(store, tmp_path / "above.pdf", RESTRICTED, paper="letter")
    assert "MINWORD" not in below
    assert len(above) == 3  # the summit too
    assert "(R) Steel tariffs: MINWORD a review of the steel duties." in above[0]
    assert "RESTRICTED" in above[0]
    assert "SUMMITWORD" in above[2]
    width, height = _sizes(tmp_path / "above.pdf")[0]
    assert (width, height) == (pytest.approx(HALF_LETTER[0]), pytest.approx(HALF_LETTER[1]))


def test_a_set_of_cards_is_an_edition_audited_and_never_a_books_change_base(
    store: Store, tmp_path: Path
) -> None:
    result = export_cards(
        store, None, BookOptions(audience=RESTRICTED, today=TODAY), tmp_path / "c.pdf"
    )
    with store.session() as session:
        [edition] = session.scalars(select(Edition))
        printed = json.loads(edition.options)
        assert (edition.number, edition.audience, edition.pages) == (1, RESTRICTED, 3)
        assert printed["form"] == "cards" and printed["paper"] == "a4"
        assert edition.pdf is not None and edition.snapshot is not None
        assert previous_edition(session, edition.dossier_id, RESTRICTED, "a4", None) is None
    [event] = trail(store)
    assert (event.action, event.edition, event.detail) == ("cards", result.edition, "c.pdf")
    assert event.content_hash == result.content_hash
    book = export_book(
        store, None, BookOptions(audience=RESTRICTED, today=TODAY), tmp_path / "b.pdf"
    )
    assert (book.edition, book.since) == (2, None)


def test_a_draft_takes_no_edition_and_a_korean_set_speaks_korean(
    store: Store, tmp_path: Path
) -> None:
    pages = _cards(store, tmp_path / "ko.pdf", RESTRICTED, draft=True, language="ko")
    assert "일시" in pages[0] and "발언 요지" in pages[0] and "우리 측 최저 수용선" in pages[0]
    with store.session() as session:
        assert session.scalars(select(Edition)).first() is None
    assert [e.action for e in trail(store)] == ["draft"]


def test_no_meeting_no_file(empty_store: Store, tmp_path: Path) -> None:
    load(empty_store, document())
    target = tmp_path / "none.pdf"
    with pytest.raises(BriefingError, match="no meeting"):
        export_cards(empty_store, None, BookOptions(audience=RESTRICTED), target)
    assert not target.exists()


def _sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(path).pages]
