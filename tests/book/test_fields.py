"""Field-level handling and effective levels in the book, read back from the PDF.

A chip's walk-away minimum is Restricted while the chip is Internal; its value is
Confidential; a brief's view of their objectives is Confidential; a citation's excerpt is
Confidential; a Restricted person sits at an Internal meeting, and a Restricted delegation
places an Internal person at it. Each audience's book must show each of these at its own
level, marked with that level, and below it show nothing at all: no label, no gap.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.book import BookOptions, export_book
from briefing.book.data import DelegationV, EventV, PartyV
from briefing.book.sections.people import delegation_title
from briefing.domain import BargainingChip, Dossier, MeetingBrief
from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.fields import GROUPS
from briefing.store.db.database import Store
from briefing.store.visibility import set_field_level
from tests.book.conftest import TODAY
from tests.book.pdf import flat, pdftotext
from tests.builders import document, load

INTERNAL, CONFIDENTIAL, RESTRICTED = 1, 2, 3
SECTIONS = ("meetings", "chips", "checks", "sources")


def _dossier() -> dict[str, object]:
    out_of_office = {"title": "Envoy", "start": "2020-01-01", "end": "2021-01-01"}
    doc = document(
        people=[
            {"id": "p:secret", "name": "Secret Envoy", "handling": "Restricted"},
            {"id": "p:placed", "name": "Placed Adviser", "handling": "Internal"},
        ],
        appointments=[
            {"id": "a:secret", "person": "p:secret", **out_of_office, "handling": "Restricted"},
            {"id": "a:placed", "person": "p:placed", **out_of_office, "handling": "Internal"},
        ],
        events=[
            {
                "id": "e:talks",
                "title": "Trade talks",
                "kind": "meeting",
                "start_date": "2025-04-24",
                "handling": "Internal",
                "participants": ["p:secret"],
            }
        ],
        delegations=[
            {
                "id": "d:hidden",
                "event": "e:talks",
                "party": "party:a",
                "handling": "Restricted",
                "members": [{"person": "p:placed", "role": "adviser"}],
            }
        ],
        meeting_briefs=[
            {
                "id": "b:talks",
                "event": "e:talks",
                "handling": "Internal",
                "purpose": "Agree a package.",
                "their_objectives": "THEIROBJWORD they want quotas.",
            }
        ],
        chips=[
            {
                "id": "c:ours",
                "title": "Tariff cut",
                "party": "party:a",
                "handling": "Internal",
                "description": "DESCWORD a cut in tariffs.",
                "value": {"amount": 350_000_000, "currency": "USD", "note": "VALUENOTEWORD"},
                "our_target": "TARGETWORD ten percent.",
                "our_minimum": "MINWORD walk away below five percent.",
                "events": ["e:talks"],
                "citations": [{"source": "src:good", "excerpt": "EXCERPTWORD", "credibility": 2}],
            }
        ],
    )
    for party in doc["parties"]:  # type: ignore[attr-defined]
        party["handling"] = "Public"
    doc["sources"][0]["handling"] = "Public"  # type: ignore[index]
    return doc


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    """The text of the Internal, Confidential and Restricted books, whitespace collapsed."""
    from briefing.store.db.migrate import open_store

    folder = tmp_path_factory.mktemp("fields")
    store: Store = open_store(folder / "fields.sqlite3", seed_sample=False)
    try:
        load(store, _dossier())
        with store.session() as session:
            chip = session.scalars(select(BargainingChip)).one()
            set_field_level(chip, "our_minimum", RESTRICTED)
            for name in GROUPS["value_amount"]:
                set_field_level(chip, name, CONFIDENTIAL)
            chip.citations[0].handling = CONFIDENTIAL
            brief = session.scalars(select(MeetingBrief)).one()
            set_field_level(brief, "their_objectives", CONFIDENTIAL)
        texts = {}
        for rank in (INTERNAL, CONFIDENTIAL, RESTRICTED):
            target = folder / f"book-{rank}.pdf"
            options = BookOptions(audience=rank, today=TODAY, sections=SECTIONS)
            export_book(store, None, options, target, record_edition=False)
            texts[rank] = flat(" ".join(pdftotext(target)))
        return texts
    finally:
        store.close()


def _after(text: str, heading: str) -> str:
    """The text from the body's ``heading`` on (the contents name it first)."""
    return text[text.rindex(heading) :]


def test_a_withheld_field_leaves_no_trace(books: dict[int, str]) -> None:
    internal = books[INTERNAL]
    for word in ("MINWORD", "VALUENOTEWORD", "$350", "THEIROBJWORD", "EXCERPTWORD"):
        assert word not in internal
    for label in ("minimum (walk-away)", "Value", "Their objectives", "withheld"):
        assert label not in internal
    assert "(I) Our target: TARGETWORD" in internal
    assert "Nothing in this section" not in internal


def test_a_field_prints_with_its_own_marking_at_or_above_its_level(
    books: dict[int, str],
) -> None:
    confidential = books[CONFIDENTIAL]
    assert "(C) $350 m" in confidential
    assert "(C) Value: VALUENOTEWORD" in confidential
    assert "(C) Their objectives: THEIROBJWORD" in confidential
    assert "MINWORD" not in confidential and "minimum (walk-away)" not in confidential
    assert "(R) Our minimum (walk-away): MINWORD" in books[RESTRICTED]


def test_a_citation_prints_at_its_own_level_and_marks_what_it_backs(
    books: dict[int, str],
) -> None:
    """The excerpt is Confidential on an Internal chip: its source line is marked (C), and
    so is the description whose cite mark says the source backs it."""
    confidential = _after(books[CONFIDENTIAL], "Bargaining chips")
    assert "(C) DESCWORD a cut in tariffs. [1]" in confidential
    assert "(C) [1] Good source — graded B2, supports: “EXCERPTWORD”" in confidential
    internal = _after(books[INTERNAL], "Bargaining chips")
    chips = internal[: internal.index("Open checks")]
    assert "(I) DESCWORD a cut in tariffs." in chips
    assert "[1]" not in chips


def test_checks_report_a_withheld_minimum_as_missing_and_nothing_more(
    books: dict[int, str],
) -> None:
    missing = "Tariff cut: our own chip has no walk-away minimum"
    assert f"(I) Note · no-minimum — {missing}" in _after(books[INTERNAL], "Open checks")
    assert f"(I) Note · no-minimum — {missing}" in _after(books[CONFIDENTIAL], "Open checks")
    assert missing not in books[RESTRICTED]


def test_a_finding_is_marked_at_the_highest_level_it_names(books: dict[int, str]) -> None:
    """An Internal meeting, a Restricted participant: the finding naming them is (R), and
    the lower books do not have it. A Restricted delegation places an Internal adviser
    there: below Restricted nothing says the adviser was there at all."""
    restricted = _after(books[RESTRICTED], "Open checks")
    assert "(R) Problem · out-of-office — Trade talks: Secret Envoy is placed" in restricted
    assert "(R) Problem · out-of-office — Trade talks: Placed Adviser is placed" in restricted
    for rank in (INTERNAL, CONFIDENTIAL):
        annex = _after(books[rank], "Open checks")
        assert "Secret Envoy" not in annex
        assert "Placed Adviser is placed" not in annex


def test_a_derived_delegation_title_carries_the_levels_it_names() -> None:
    """By the floors a delegation is never below its event, but its heading's marking must
    not rely on that: it is computed from everything the title names."""
    party = PartyV(1, 0, "Alpha", "A", "#000000", ())
    event = EventV(
        2,
        RESTRICTED,
        "Secret summit",
        EventKind.SUMMIT,
        TODAY,
        None,
        None,
        None,
        DatePrecision.DAY,
        "",
        "",
        EventStatus.PLANNED,
        "",
        "",
        None,
        (),
        (),
        (),
        False,
    )
    unnamed = DelegationV(3, INTERNAL, "", party, event.id, (), ())
    assert delegation_title(unnamed, event) == ("Alpha delegation — Secret summit", RESTRICTED)
    named = DelegationV(3, INTERNAL, "Team A", party, event.id, (), ())
    assert delegation_title(named, event) == ("Team A", INTERNAL)


def test_the_subtitle_and_scene_setter_are_left_out_below_their_levels(
    empty_store: Store, tmp_path: Path
) -> None:
    doc = document()
    doc["dossier"].update(  # type: ignore[attr-defined]
        subtitle="SUBTITLEWORD", scene_setter="SCENEWORD", default_handling="Internal"
    )
    load(empty_store, doc)
    with empty_store.session() as session:
        session.scalars(select(Dossier)).one().subtitle_handling = CONFIDENTIAL
    texts = {}
    for rank in (0, INTERNAL, CONFIDENTIAL):
        target = tmp_path / f"book-{rank}.pdf"
        options = BookOptions(audience=rank, today=TODAY, sections=("scene",))
        export_book(empty_store, None, options, target, record_edition=False)
        texts[rank] = flat(" ".join(pdftotext(target)))
    assert "SUBTITLEWORD" not in texts[0] + texts[INTERNAL]
    assert "SCENEWORD" not in texts[0]
    assert "(I) SCENEWORD" in texts[INTERNAL]
    assert "(C) SUBTITLEWORD" in texts[CONFIDENTIAL]
    assert "CONFIDENTIAL" in texts[CONFIDENTIAL], "the banner names the subtitle's level"
