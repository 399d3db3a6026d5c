"""The sample dossier's books, read back: contents, outline, coverage, pages, fonts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from briefing.assets import sample_dossier_path
from briefing.book import ALL_SECTIONS, SECTION_TITLES, BookOptions, export_book
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import OutlineEntry, flat, fonts, outline, pdftotext, pypdf_text

LEVELS = {"Public": 0, "Internal": 1, "Confidential": 2, "Restricted": 3}
_LEADERS = re.compile(r"(?:\s*\.){3,}\s*")


@pytest.fixture(scope="module")
def books(
    sample_store: Store, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[int, Path]]:
    """One A4 book per audience level, exported once for the module."""
    folder = tmp_path_factory.mktemp("books")
    made = {}
    for rank in LEVELS.values():
        target = folder / f"book-{rank}.pdf"
        options = BookOptions(audience=rank, today=TODAY)
        export_book(sample_store, None, options, target, record_edition=False)
        made[rank] = target
    yield made


def _sample() -> dict[str, object]:
    return json.loads(sample_dossier_path().read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _records_at(kind: str, rank: int) -> list[dict[str, str]]:
    data = _sample()
    default = data["dossier"].get("default_handling") or "Public"  # type: ignore[attr-defined]
    return [
        r
        for r in data[kind]  # type: ignore[attr-defined]
        if LEVELS[r.get("handling") or default] <= rank
    ]


def printed_contents(path: Path, entries: list[OutlineEntry]) -> list[int]:
    """The page number printed after each entry in the contents, in order."""
    pages = pdftotext(path, layout=True)
    start = next(i for i, text in enumerate(pages) if "Contents" in text)
    end = entries[0].page - 1
    text = _LEADERS.sub(" ~ ", flat(" ".join(pages[start:end])))
    found = []
    position = 0
    for entry in entries:
        match = re.compile(re.escape(flat(entry.title)) + r" ~ (\d+)").search(text, position)
        assert match, f"contents entry {entry.title!r} not found after position {position}"
        found.append(int(match.group(1)))
        position = match.end()
    return found


@pytest.mark.parametrize("rank", [0, 3])
def test_contents_numbers_are_the_pages_the_headings_stand_on(
    books: dict[int, Path], rank: int
) -> None:
    path = books[rank]
    entries = outline(path)
    assert len(entries) >= 3
    printed = printed_contents(path, entries)
    pages = [flat(t) for t in pdftotext(path)]
    for entry, number in zip(entries, printed, strict=True):
        assert number == entry.page, (
            f"{entry.title!r}: contents say {number}, bookmark is on {entry.page}"
        )
        assert flat(entry.title) in pages[number - 1], f"{entry.title!r} is not on page {number}"


def test_outline_mirrors_the_contents_and_the_sections(books: dict[int, Path]) -> None:
    entries = outline(books[3])
    top = [e.title for e in entries if e.level == 0]
    assert top == [SECTION_TITLES[s] for s in ALL_SECTIONS]
    assert {e.level for e in entries} == {0, 1}
    chips = [c["title"] for c in _records_at("chips", 3)]
    assert all(any(e.title.endswith(title) for e in entries) for title in chips)


@pytest.mark.parametrize("rank", list(LEVELS.values()))
def test_every_person_event_and_chip_of_the_level_appears(
    books: dict[int, Path], rank: int
) -> None:
    text = flat(" ".join(pdftotext(books[rank])))
    checked = 0
    for kind, field in (("people", "name"), ("events", "title"), ("chips", "title")):
        expected = [r[field] for r in _records_at(kind, rank)]
        checked += len(expected)
        missing = [name for name in expected if flat(name) not in text]
        assert not missing, f"{kind} missing from the rank-{rank} book: {missing}"
    assert checked >= 3


def test_records_above_the_level_are_absent(books: dict[int, Path]) -> None:
    text = flat(" ".join(pdftotext(books[0])))
    hidden = [r["title"] for r in _records_at("chips", 3) if r not in _records_at("chips", 0)]
    assert hidden
    assert not [t for t in hidden if flat(t) in text]


def test_every_page_has_banner_title_edition_and_page_of(books: dict[int, Path]) -> None:
    path = books[2]
    pages = pdftotext(path)
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert text.count("CONFIDENTIAL") >= 2, f"page {number} lacks the top and bottom banner"
        assert f"page {number} of {total}" in text
        if number > 1:
            assert "South Korea – United States trade talks, 2025" in text
            assert "Edition 1" in text


def test_banner_is_the_highest_level_present_not_the_audience(
    sample_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "public-only.pdf"
    options = BookOptions(audience=3, sections=("timeline",), today=TODAY)
    result = export_book(sample_store, None, options, target, record_edition=False)
    levels_in_timeline = {r.get("handling") or "Public" for r in _records_at("events", 3)}
    highest = max(levels_in_timeline, key=LEVELS.__getitem__)
    assert result.highest_level == highest
    assert highest.upper() in pdftotext(target)[1]


def test_paragraphs_from_records_start_with_their_marking(books: dict[int, Path]) -> None:
    text = flat(" ".join(pdftotext(books[3])))
    for label in ("Our target:", "Our minimum (walk-away):", "Summary:", "Purpose:"):
        occurrences = [m.start() for m in re.finditer(re.escape(label), text)]
        assert occurrences, label
        for at in occurrences:
            assert re.search(r"\([PICR]\) $", text[at - 4 : at]), text[at - 40 : at + 20]


def test_paper_sizes(sample_store: Store, tmp_path: Path, books: dict[int, Path]) -> None:
    letter = tmp_path / "letter.pdf"
    export_book(
        sample_store,
        None,
        BookOptions(audience=1, paper="letter", today=TODAY),
        letter,
        record_edition=False,
    )
    for path, size in ((books[1], (595, 842)), (letter, (612, 792))):
        for page in pypdf.PdfReader(path).pages:
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) == size


def test_fonts_are_embedded_and_korean_is_text(books: dict[int, Path]) -> None:
    rows = fonts(books[3])
    assert rows
    assert all(embedded == "yes" for _, _, embedded in rows), rows
    assert any("NanumGothic" in name for name, _, _ in rows)
    text = " ".join(pypdf_text(books[3]))
    assert "최상목" in text and "안덕근" in text
    assert "\ufffd" not in text


def test_chosen_sections_only(sample_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "two.pdf"
    options = BookOptions(audience=3, sections=("sources", "chips"), today=TODAY)
    export_book(sample_store, None, options, target, record_edition=False)
    top = [e.title for e in outline(target) if e.level == 0]
    assert top == [SECTION_TITLES["chips"], SECTION_TITLES["sources"]]
