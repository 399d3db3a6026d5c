"""The book's "Changed since edition N" section and change bars, read back from the PDFs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from briefing.book import BookOptions, export_book
from briefing.book.styles import CHANGE_BAR
from briefing.domain import Edition, Event
from briefing.domain.registry import KINDS
from briefing.errors import BriefingError, NotFound
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import Box, filled_rects, flat, outline, pdftotext, word_boxes
from tests.builders import document, load

LONG = " ".join(f"lorem{n}" for n in range(120))
AUDIENCE = 2
"""Confidential: the Restricted event above it changes too, and must never show."""
BAR = (CHANGE_BAR.red, CHANGE_BAR.green, CHANGE_BAR.blue)
KIND_LABELS = "|".join(sorted({k.label for k in KINDS} | {"Dossier"}, key=len, reverse=True))
RECORD_LINE = re.compile(rf"^\(([A-Z])\) ({KIND_LABELS}): (.+)$")


def _event(uid: str, title: str, day: int, summary: str, **more: str) -> dict[str, str]:
    start = (TODAY + dt.timedelta(days=day)).isoformat()
    return {
        "id": uid,
        "title": title,
        "kind": "meeting",
        "start_date": start,
        "summary": summary,
        **more,
    }


@pytest.fixture
def dossier(empty_store: Store) -> Store:
    doc = document(
        events=[
            _event("e:1", "Talks", 3, "Steady prose that nobody touched between editions."),
            _event("e:2", "Summit", 5, LONG),
            _event("e:3", "Gone", 7, "A meeting that will be cancelled and deleted."),
            _event("e:9", "Hidden", 9, "Restricted plans", handling="Restricted"),
        ]
    )
    load(empty_store, doc)
    return empty_store


def _edit(store: Store) -> None:
    """The scripted edits: one record added, one removed, a short and a long field changed,
    and a change above the audience."""
    with store.session() as session:
        events = {e.uid: e for e in session.scalars(select(Event))}
        events["e:1"].place = "Seoul"
        events["e:2"].summary = LONG.replace("lorem60", "REVISED")
        events["e:9"].summary = "SECRETNEW plans"
        session.delete(events["e:3"])
        session.add(
            Event(
                dossier_id=events["e:1"].dossier_id,
                uid="e:4",
                title="New round",
                start_date=TODAY + dt.timedelta(days=11),
                summary="Fresh wording of an added meeting.",
                handling=1,
            )
        )


def _export(store: Store, target: Path, **options: object) -> Path:
    export_book(store, None, BookOptions(audience=AUDIENCE, today=TODAY, **options), target)  # type: ignore[arg-type]
    return target


def _section(path: Path) -> list[str]:
    """The lines of the change section, from its heading (page furniture included)."""
    entries = [e for e in outline(path) if e.level == 0]
    start = next(i for i, e in enumerate(entries) if e.title.startswith("Changed since"))
    first = entries[start].page
    last = entries[start + 1].page - 1 if start + 1 < len(entries) else None
    pages = pdftotext(path, raw=True)[first - 1 : last]
    lines = [line.strip() for page in pages for line in page.splitlines() if line.strip()]
    return lines[lines.index(entries[start].title) :]


def _listed(lines: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """(marking, kind, title) of each record line, under its heading."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    heading = ""
    for line in lines:
        if line in ("Added", "Removed", "Changed"):
            heading = line
            continue
        match = RECORD_LINE.match(line)
        if match and heading:
            found.setdefault(heading, []).append(match.groups())
    return found


def test_a_first_edition_has_no_change_section(dossier: Store, tmp_path: Path) -> None:
    path = _export(dossier, tmp_path / "1.pdf")
    assert not any(e.title.startswith("Changed since") for e in outline(path))
    assert not any(filled_rects(path, BAR))


def test_the_section_lists_exactly_the_edits_with_markings(dossier: Store, tmp_path: Path) -> None:
    _export(dossier, tmp_path / "1.pdf")
    _edit(dossier)
    path = _export(dossier, tmp_path / "2.pdf")

    lines = _section(path)
    assert lines[0] == "Changed since edition 1"
    assert _listed(lines) == {
        "Added": [("I", "Event", "New round")],
        "Removed": [("P", "Event", "Gone")],
        "Changed": [("P", "Event", "Talks"), ("P", "Event", "Summit")],
    }
    text = flat(" ".join(lines))
    assert "1 record added, 1 removed, 2 changed" in text
    assert "Place — (P) Seoul" in text
    assert "lorem59 lorem60 REVISED lorem61" in text, "the word diff shows both, in context"
    assert "lorem10 " not in text, "far from the change, the long field is elided"
    whole = " ".join(pdftotext(path))
    assert "SECRETNEW" not in whole and "Hidden" not in whole and "Restricted plans" not in whole
    contents = [e.title for e in outline(path) if e.level == 0]
    assert contents[0] == "Changed since edition 1"


def _bars_beside(path: Path, words: list[str]) -> tuple[int, int]:
    """How many of these words (in the body, after the change section) have a change bar
    beside them, and how many there are."""
    first_body = next(
        e.page for e in outline(path) if e.level == 0 and not e.title.startswith("Changed")
    )
    boxes, bars = word_boxes(path), filled_rects(path, BAR)
    beside = total = 0
    for page in range(first_body - 1, len(boxes)):
        for box in boxes[page]:
            if box.text in words:
                total += 1
                beside += any(_beside(bar, box) for bar in bars[page])
    return beside, total


def _beside(bar: Box, word: Box) -> bool:
    return bar.beside(word) and bar.right < word.left


def test_change_bars_sit_beside_changed_text_only(dossier: Store, tmp_path: Path) -> None:
    _export(dossier, tmp_path / "1.pdf")
    _edit(dossier)
    path = _export(dossier, tmp_path / "2.pdf")

    assert any(filled_rects(path, BAR)), "the bars are drawn"
    changed = ["REVISED", "lorem0", "lorem119", "Fresh", "added"]
    beside, total = _bars_beside(path, changed)
    assert total >= len(changed) and beside == total
    unchanged = ["Steady", "nobody", "touched"]
    beside, total = _bars_beside(path, unchanged)
    assert total == len(unchanged) and beside == 0
    for page, bars in enumerate(filled_rects(path, BAR)):
        for bar in bars:
            words = [w for w in word_boxes(path)[page] if _beside(bar, w)]
            assert words and not {w.text for w in words} & set(unchanged), page


def test_since_names_the_base_and_none_turns_it_off(dossier: Store, tmp_path: Path) -> None:
    _export(dossier, tmp_path / "1.pdf")
    _edit(dossier)
    _export(dossier, tmp_path / "2.pdf")
    with dossier.session() as session:
        session.scalars(select(Event).where(Event.uid == "e:1")).one().outcome = "Agreed"

    since_one = _export(dossier, tmp_path / "3.pdf", since=1)
    assert "Changed since edition 1" in [e.title for e in outline(since_one)]
    assert ("P", "Event", "New round") not in _listed(_section(since_one)).get("Changed", [])
    with dossier.session() as session:
        session.scalars(select(Event).where(Event.uid == "e:2")).one().outcome = "Agreed"
    latest = _export(dossier, tmp_path / "4.pdf")
    assert _section(latest)[0] == "Changed since edition 3"
    assert _listed(_section(latest)) == {"Changed": [("P", "Event", "Summit")]}
    plain = _export(dossier, tmp_path / "5.pdf", changes=False)
    assert not any(e.title.startswith("Changed") for e in outline(plain))
    assert not any(filled_rects(plain, BAR))
    same = flat(" ".join(_section(_export(dossier, tmp_path / "6.pdf"))))
    assert "Nothing the Confidential audience sees has changed since edition 5" in same


def test_a_draft_is_never_the_base(dossier: Store, tmp_path: Path) -> None:
    _export(dossier, tmp_path / "1.pdf")
    with dossier.session() as session:
        session.scalars(select(Event).where(Event.uid == "e:1")).one().place = "Busan"
    draft = _export(dossier, tmp_path / "draft.pdf", draft=True)
    with dossier.session() as session:
        session.scalars(select(Event).where(Event.uid == "e:2")).one().outcome = "Done"

    assert _listed(_section(draft)) == {"Changed": [("P", "Event", "Talks")]}
    second = _export(dossier, tmp_path / "2.pdf")
    assert _section(second)[0] == "Changed since edition 1"
    assert _listed(_section(second)) == {
        "Changed": [("P", "Event", "Talks"), ("P", "Event", "Summit")]
    }


def test_a_draft_since_an_edition_records_nothing(dossier: Store, tmp_path: Path) -> None:
    _export(dossier, tmp_path / "1.pdf")
    _edit(dossier)
    draft = _export(dossier, tmp_path / "draft.pdf", draft=True, since=1)

    assert _listed(_section(draft))["Added"] == [("I", "Event", "New round")]
    with dossier.session() as session:
        assert session.scalar(select(func.count()).select_from(Edition)) == 1


def test_a_base_for_another_audience_or_unknown_is_refused(dossier: Store, tmp_path: Path) -> None:
    _export(dossier, tmp_path / "1.pdf")
    with pytest.raises(BriefingError, match="printed for the Confidential audience, not Public"):
        export_book(dossier, None, BookOptions(audience=0, since=1), tmp_path / "x.pdf")
    with pytest.raises(NotFound, match="has no edition 5"):
        _export(dossier, tmp_path / "y.pdf", since=5)
    with dossier.session() as session:
        session.scalars(select(Edition)).one().snapshot = None
    with pytest.raises(BriefingError, match="printed before editions kept"):
        _export(dossier, tmp_path / "z.pdf", since=1)
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "z.pdf").exists()


def test_user_text_in_the_section_prints_literally(dossier: Store, tmp_path: Path) -> None:
    _export(dossier, tmp_path / "1.pdf")
    hostile = "<i>tag</i> & <b>bold</b> " + LONG
    with dossier.session() as session:
        event = session.scalars(select(Event).where(Event.uid == "e:2")).one()
        event.summary = hostile
        session.scalars(select(Event).where(Event.uid == "e:1")).one().place = "<font> & Co"
    path = _export(dossier, tmp_path / "2.pdf")

    text = flat(" ".join(_section(path)))
    assert "<i>tag</i> & <b>bold</b>" in text
    assert "<font> & Co" in text
