"""A reference to a source in text, ``[[UID]]``, read back from the book.

It prints as the source's number in that edition's list, linked to its entry; the same
text at a lower audience, where the source is withheld, prints exactly what it prints
for a uid that names nothing: nothing, so no reader learns that a source was there.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from briefing.book import BookOptions, export_book
from briefing.store.db.migrate import open_store
from tests.book.conftest import TODAY
from tests.book.pdf import contains_raw, flat, pdftotext, raw
from tests.builders import document, load

PUBLIC, RESTRICTED = 0, 3
SUMMARY = (
    "Talks were held [[src:good]]. A cable says more [[src:secret]]. "
    "A typo names nothing [[src:nosuch]]. Markup is text: [[<b>x</b>]] & [[src:good"
)


def _dossier() -> dict[str, object]:
    doc = document(
        events=[
            {
                "id": "e:talks",
                "title": "Trade talks",
                "kind": "meeting",
                "start_date": "2025-04-24",
                "handling": "Public",
                "summary": SUMMARY,
            }
        ],
        sources=[
            {
                "id": "src:early",
                "title": "Early report",
                "published_on": "2025-01-01",
                "reliability": "C",
                "handling": "Public",
            },
            {
                "id": "src:secret",
                "title": "Cable SECRETTITLE",
                "published_on": "2024-01-01",
                "reliability": "A",
                "handling": "Restricted",
            },
        ],
    )
    for record in (*doc["parties"], *doc["sources"]):  # type: ignore[misc]
        record.setdefault("handling", "Public")
    return doc


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("refs")
    store = open_store(folder / "refs.sqlite3", seed_sample=False)
    try:
        load(store, _dossier())
        made = {}
        for name, rank, sections in (
            ("restricted", RESTRICTED, ("meetings", "sources")),
            ("public", PUBLIC, ("meetings", "sources")),
            ("no-list", RESTRICTED, ("meetings",)),
        ):
            target = folder / f"{name}.pdf"
            options = BookOptions(audience=rank, today=TODAY, sections=sections)
            export_book(store, None, options, target, record_edition=False)
            made[name] = target
        return made
    finally:
        store.close()


def _numbers(text: str) -> dict[str, int]:
    """Each source's number as the book's sources list prints it, by title."""
    return {
        title: int(n)
        for n, title in re.findall(r"\[(\d+)\] (Early report|Good source|Cable SECRETTITLE)", text)
    }


def _entries_linked_from(path: Path, phrase: str) -> list[str]:
    """The sources-list entries ("[n]") that the links on the page with ``phrase`` go to,
    in reading order: each link's destination matched to the entry printed there."""
    reader = pypdf.PdfReader(path)
    pages = pdftotext(path)
    here = next(i for i, text in enumerate(pages) if phrase in flat(text))
    links = []
    for annot in reader.pages[here].get("/Annots") or []:
        obj = annot.get_object()
        dest = obj.get("/Dest")
        if obj.get("/Subtype") == "/Link" and dest is not None:
            left, _, _, top = (float(v) for v in obj["/Rect"])
            links.append((-top, left, reader.get_page_number(dest[0].get_object()), float(dest[3])))
    out = []
    for _, _, page, top in sorted(links):
        height = float(reader.pages[page].mediabox.height)
        words = _marks(path, page)
        out.append(min(words, key=lambda w: abs(w[0] - (height - top)))[1])
    return out


def _marks(path: Path, page: int) -> list[tuple[float, str]]:
    """Each "[n]" on a page with its top edge, measured from the top of the page."""
    args = ["pdftotext", "-bbox", "-f", str(page + 1), "-l", str(page + 1), str(path), "-"]
    html = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    found = re.findall(r'yMin="([\d.]+)"[^>]*>(\[\d+\])</word>', html)
    return [(float(y), word) for y, word in found]


def test_a_reference_prints_as_the_source_s_number_in_the_list(books: dict[str, Path]) -> None:
    text = flat(" ".join(pdftotext(books["restricted"])))
    numbers = _numbers(text)
    assert sorted(numbers.values()) == [1, 2, 3]
    good, secret = numbers["Good source"], numbers["Cable SECRETTITLE"]
    assert f"Talks were held [{good}]. A cable says more [{secret}]." in text
    # A cited source above the text raises the paragraph's portion marking to its own.
    assert "(R) Summary: Talks were held" in text
    linked = _entries_linked_from(books["restricted"], "Talks were held")
    assert linked == [f"[{good}]", f"[{secret}]"]


def test_a_reference_to_nothing_prints_nothing_and_markup_stays_text(
    books: dict[str, Path],
) -> None:
    text = flat(" ".join(pdftotext(books["restricted"])))
    assert "A typo names nothing. Markup is text: [[<b>x</b>]] & [[src:good" in text
    assert "nosuch" not in text


def test_a_withheld_source_prints_as_a_reference_to_nothing(books: dict[str, Path]) -> None:
    text = flat(" ".join(pdftotext(books["public"])))
    numbers = _numbers(text)
    assert set(numbers) == {"Early report", "Good source"}
    good = numbers["Good source"]
    shown = f"(P) Summary: Talks were held [{good}]. A cable says more. A typo names nothing."
    assert shown in text
    blob = raw(books["public"])
    for word in ("SECRETTITLE", "src:secret", "secret"):
        assert not contains_raw(blob, word)


def test_without_a_sources_list_references_print_nothing(books: dict[str, Path]) -> None:
    text = flat(" ".join(pdftotext(books["no-list"])))
    assert "Talks were held. A cable says more. A typo names nothing." in text
    assert "SECRETTITLE" not in text
