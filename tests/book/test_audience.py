"""Audience editions: a book for level L holds nothing above L, anywhere in the file.

Every text field of every record carries a marker naming its level (``LEAK2x…``), and
records are linked across levels (a visible chip held by a withheld party, a visible
meeting with a withheld participant, a fact disputed by a withheld source, …). Each
audience's book is read back with pypdf, with poppler and as decompressed raw objects.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from briefing.book import ALL_SECTIONS, BookOptions, export_book, proposed_file_name
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import contains_raw, pdftotext, pypdf_text, raw
from tests.builders import LEVELS, load

NAMES = [x["name"] for x in LEVELS]


def leak(level: int, field: str) -> str:
    return f"LEAK{level}x{field}"


def _cite(source_level: int, stance: str = "supports") -> dict[str, Any]:
    return {
        "source": f"src:{source_level}",
        "excerpt": leak(source_level, "Excerpt") + " quoted",
        "locator": leak(source_level, "Locator"),
        "stance": stance,
        "credibility": 5,
    }


def marker_dossier() -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "briefing-dossier",
        "version": 1,
        "handling_levels": LEVELS,
        "dossier": {
            "slug": "markers",
            "title": "Marker dossier",
            "prepared_for": "party:0",
            "scene_setter": leak(0, "Scene") + " sets the scene.",
        },
    }
    lists: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in (
            "parties",
            "organizations",
            "people",
            "appointments",
            "sources",
            "events",
            "delegations",
            "meeting_briefs",
            "chips",
            "talking_points",
        )
    }
    day = dt.date(2025, 4, 1)
    for n in range(4):
        up = min(n + 1, 3)
        h = NAMES[n]
        cites = [_cite(n), _cite(up, "disputes")] if up != n else [_cite(n)]
        lists["sources"].append(
            {
                "id": f"src:{n}",
                "handling": h,
                "title": leak(n, "SourceTitle"),
                "publisher": leak(n, "Publisher"),
                "author": leak(n, "Author"),
                "address": leak(n, "Address"),
                "full_text": leak(n, "FullText"),
                "reliability": "E",
            }
        )
        lists["parties"].append(
            {
                "id": f"party:{n}",
                "handling": h,
                "name": leak(n, "Party"),
                "code": f"P{n}",
                "aliases": [leak(n, "PartyAlias")],
            }
        )
        lists["organizations"].append(
            {
                "id": f"org:{n}",
                "handling": h,
                "name": leak(n, "Org"),
                "acronym": leak(n, "Acr"),
                "party": f"party:{n}",
                "aliases": [leak(n, "OrgAlias")],
                "citations": cites,
            }
        )
        lists["people"].append(
            {
                "id": f"p:{n}",
                "handling": h,
                "name": leak(n, "Person"),
                "native_name": leak(n, "Native") + " 김",
                "bio": leak(n, "Bio") + " a life.",
                "party": f"party:{up}",
                "aliases": [leak(n, "PersonAlias")],
                "notes": leak(n, "Notes"),
                "citations": cites,
            }
        )
        lists["appointments"] += [
            {
                "id": f"a:{n}",
                "handling": h,
                "person": f"p:{n}",
                "title": leak(n, "Office"),
                "organization": f"org:{n}",
                "start": "2020-01-01",
                "end": "2021-01-01",
                "citations": cites,
            },
            {
                "id": f"a:{n}:hidden",
                "handling": NAMES[up],
                "person": f"p:{n}",
                "title": leak(up, "HiddenOffice"),
                "organization": f"org:{up}",
                "start": "2024-01-01",
            },
        ]
        lists["events"] += [
            {
                "id": f"e:{n}",
                "handling": h,
                "title": leak(n, "Event"),
                "kind": "meeting",
                "start_date": (day + dt.timedelta(days=n)).isoformat(),
                "start_time": "10:00:00",
                "place": leak(n, "Place"),
                "timezone": "America/New_York",  # a zone, never free text (refused on import)
                "summary": leak(n, "Summary"),
                "outcome": leak(n, "Outcome"),
                "participants": list(dict.fromkeys([f"p:{n}", f"p:{up}"])),
                "aliases": [leak(n, "EventAlias")],
                "citations": cites,
            },
            {
                "id": f"d:{n}",
                "handling": h,
                "title": leak(n, "Deadline"),
                "kind": "deadline",
                "start_date": (TODAY + dt.timedelta(days=10 - n)).isoformat(),
                "owner": f"p:{up}",
                "citations": cites,
            },
        ]
        lists["delegations"].append(
            {
                "id": f"g:{n}",
                "handling": h,
                "name": leak(n, "Delegation"),
                # Its event and party at its own level: a delegation below them is raised.
                "event": f"e:{n}",
                "party": f"party:{n}",
                "citations": cites,
                "members": [
                    {"person": f"p:{n}", "role": leak(n, "Role"), "head": True},
                    *([{"person": f"p:{up}", "role": leak(up, "RoleOfHidden")}] if up != n else []),
                ],
            }
        )
        lists["meeting_briefs"].append(
            {
                "id": f"b:{n}",
                "handling": h,
                "event": f"e:{n}",
                **{
                    f: leak(n, f)
                    for f in (
                        "purpose",
                        "desired_outcome",
                        "run_of_meeting",
                        "our_objectives",
                        "their_objectives",
                    )
                },
                "citations": cites,
            }
        )
        lists["chips"].append(
            {
                "id": f"c:{n}",
                "handling": h,
                "title": leak(n, "Chip"),
                "party": f"party:{up}",
                "kind": ["offer", "ask", "leverage", "red_line"][n],
                "description": leak(n, "Description"),
                "sectors": [leak(n, "Sector")],
                "value": {"amount": 1000, "currency": "USD", "note": leak(n, "ValueNote")},
                "our_target": leak(n, "Target"),
                "our_minimum": leak(n, "Minimum"),
                "their_position": leak(n, "Position"),
                "events": list(dict.fromkeys([f"e:{n}", f"e:{up}"])),
                "aliases": [leak(n, "ChipAlias")],
                "citations": cites,
            }
        )
        lists["talking_points"] += [
            {
                "id": f"t:c{n}",
                "handling": h,
                "subject": f"c:{n}",
                "kind": "to_make",
                "text": leak(n, "ChipPoint"),
                "citations": cites,
            },
            {
                "id": f"t:e{n}",
                "handling": h,
                "subject": f"e:{n}",
                "kind": "defensive",
                "text": leak(n, "EventPoint"),
            },
            {"id": f"t:g{n}", "handling": h, "kind": "press_line", "text": leak(n, "Line")},
            {
                "id": f"t:hidden{n}",
                "handling": h,
                "subject": f"c:{up}",
                "kind": "to_make",
                "text": leak(n, "PointOnHidden"),
            },
        ]
    doc.update(lists)
    return doc


SHOWN = (
    "Person",
    "Native",
    "Event",
    "Deadline",
    "Chip",
    "Target",
    "purpose",
    "ChipPoint",
    "SourceTitle",
    "Office",
    "Role",
    "Acr",
    "PersonAlias",
    "Line",
)


@pytest.fixture(scope="module")
def marker_books(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    from briefing.store.db.migrate import open_store

    folder = tmp_path_factory.mktemp("markers")
    store: Store = open_store(folder / "markers.sqlite3", seed_sample=False)
    try:
        load(store, marker_dossier())
        books = {}
        for rank in range(4):
            target = folder / proposed_file_name("markers", NAMES[rank], 1)
            export_book(
                store,
                "markers",
                # Every section, the checks annex included: it quotes records too.
                BookOptions(audience=rank, today=TODAY, sections=ALL_SECTIONS),
                target,
                record_edition=False,
            )
            books[rank] = target
        return books
    finally:
        store.close()


@pytest.mark.parametrize("audience", range(4))
def test_nothing_above_the_audience_anywhere(marker_books: dict[int, Path], audience: int) -> None:
    path = marker_books[audience]
    poppler = " ".join(pdftotext(path))
    extracted = " ".join(pypdf_text(path))
    blob = raw(path)
    for level in range(audience + 1, 4):
        prefix = f"LEAK{level}x"
        assert prefix not in poppler, poppler[poppler.index(prefix) - 80 :][:160]
        assert prefix not in extracted
        assert not contains_raw(blob, prefix)
        assert prefix not in path.name
        assert NAMES[level].upper() not in poppler, "a banner names a withheld level"


@pytest.mark.parametrize("audience", range(4))
def test_everything_at_or_below_the_audience_is_printed(
    marker_books: dict[int, Path], audience: int
) -> None:
    """The positive control: the filter withholds by level, not everything."""
    poppler = " ".join(pdftotext(marker_books[audience]))
    for level in range(audience + 1):
        fields = (*SHOWN, "Scene") if level == 0 else SHOWN
        missing = [f for f in fields if leak(level, f) not in poppler]
        assert not missing, f"level {level} fields missing for audience {audience}: {missing}"


def test_withheld_disputes_and_offices_are_not_quoted_by_the_checks(
    marker_books: dict[int, Path],
) -> None:
    """A fact disputed only by a withheld source is not "disputed" for this audience."""
    poppler = " ".join(pdftotext(marker_books[0]))
    annex = poppler[poppler.index("Open checks (annex)", poppler.index("Contents") + 100) :]
    assert "out-of-office" in annex  # the check ran, judging by the offices it may show
    assert "disputed" not in annex.split("Sources")[0].lower()


def test_proposed_file_name_holds_no_record_text() -> None:
    name = proposed_file_name("kr-us-trade-2025", "Confidential", 3)
    assert name == "kr-us-trade-2025-confidential-edition-3.pdf"
    assert proposed_file_name("x", "Top Secret / Eyes", 1) == "x-top-secret-eyes-edition-1.pdf"
