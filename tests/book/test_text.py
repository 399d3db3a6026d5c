"""Text that survives anything: markup, controls, emoji, scripts, size; and no network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest
from reportlab.lib.utils import open_for_read

from briefing.book import BookOptions, export_book, proposed_file_name
from briefing.book.fonts import faces
from briefing.book.markup import REPLACEMENT, clip, escape, korean_heavy, runs
from briefing.book.wrap import breaks
from briefing.errors import ImportRefused
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import flat, fonts, fonts_drawn, outline, pdftotext, pypdf_text
from tests.builders import cite, document, load

HOSTILE = {
    "lt": "a < b && c > d",
    "img": '<img src="http://127.0.0.1:9/leak.png" width="9"/> picture',
    "font": '<font name="Courier" color="red">not a font</font>',
    "unbalanced": "<b>bold <i>never closed <para>",
    "entity": "&amp; &nbsp; &#x41; &bogus;",
    "cdata": "]]> <![CDATA[ x ]]> <!-- comment -->",
}
EMOJI = "Deal 👍🏽 done ❤️ 🤖"
RTL = "שלום עליכם and مرحبا بكم"
KOREAN = "안덕근 산업통상자원부 장관은 미국 무역대표부 대표와 만나 관세 문제를 논의했다 " * 6
JAPANESE = "東京で日米の通商協議が行われ、自動車関税の扱いについて意見が交わされた。" * 6


def test_escape_keeps_markup_literal_and_splits_scripts() -> None:
    assert escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert escape('<img src="x"/>') == '&lt;img src="x"/&gt;'
    korean = escape("Ahn 안덕근")
    assert korean == 'Ahn <font name="NanumGothic">안덕근</font>'
    assert escape("안덕근", bold=True) == '<font name="NanumGothicBold">안덕근</font>'
    assert escape("東京") == '<font name="DroidSansFallback">東京</font>'
    assert escape("line\nbreak") == "line<br/>break"


def test_runs_drop_controls_and_replace_missing_glyphs_once() -> None:
    assert "".join(t for _, t in runs("a\x00b\x07c\u202ed\u200be")) == "abcde"
    text = "".join(t for _, t in runs(EMOJI))
    assert text.count(REPLACEMENT) == 2  # 👍🏽 is one, 🤖 another; ❤ is in DejaVu
    assert "❤" in text
    for face, chunk in runs(EMOJI + RTL + KOREAN + JAPANESE):
        assert all(ord(c) in face.covers or c == "\n" for c in chunk), chunk


def test_every_character_goes_to_a_face_that_has_it() -> None:
    latin, hangul, cjk = faces()
    sample = "Ünïcødé ĀŻ Ελληνικά Кириллица 한국어 中文 日本語 カタカナ ½ € — “quotes”"
    for face, chunk in runs(sample):
        missing = [c for c in chunk if ord(c) not in face.covers]
        assert not missing, (face.regular, missing)
    assert {face.regular for face, _ in runs(sample)} == {
        latin.regular,
        hangul.regular,
        cjk.regular,
    }


def test_korean_breaks_at_spaces_japanese_and_chinese_between_characters() -> None:
    assert breaks("柳明希", korean=True) == []  # Hanja in Korean text is a Korean word
    assert breaks("論議했다", korean=False) == []  # a word with Hangul is never opened
    assert breaks("柳明希", korean=False) == [1, 2]  # Chinese, in a paragraph without Hangul
    assert breaks("東京で会議。次", korean=True) == [1, 2, 3, 4, 6]  # kana opens the word;
    # never before "。" (kinsoku)
    assert breaks("「東京」", korean=False) == [2]  # nor after an opening bracket
    assert korean_heavy(KOREAN)
    assert not korean_heavy(JAPANESE)
    assert not korean_heavy("Yoo Myung-hee (유명희) met the Trade Representative in Geneva.")


def test_clip_cuts_at_a_word() -> None:
    assert clip("one two three four five", 14) == "one two three…"
    assert clip("short", 14) == "short"


def test_reportlab_refuses_urls_even_if_markup_reached_it(no_network: list[Any]) -> None:
    with pytest.raises(OSError):
        open_for_read("http://127.0.0.1:9/leak.png")
    assert no_network == []


@pytest.fixture
def hostile_book(empty_store: Store, tmp_path: Path, no_network: list[Any]) -> Path:
    long_text = ("Sentence with many words to fill a long paragraph. " * 2000)[:100_000]
    doc = document(
        people=[
            {"id": "p:rtl", "name": RTL, "native_name": "안덕근", "bio": KOREAN},
            {"id": "p:emoji", "name": EMOJI, "bio": JAPANESE},
        ],
        events=[
            {
                "id": f"e:{key}",
                "title": value,
                "kind": "meeting",
                "start_date": "2025-04-24",
                "place": value,
                "summary": value,
                "participants": ["p:rtl"],
                "citations": [cite()],
            }
            for key, value in HOSTILE.items()
        ],
        chips=[
            {"id": "c:long", "title": "Long chip", "description": long_text, "party": "party:a"},
            {"id": "c:ctl", "title": "Control\x01chars\x1f here", "party": "party:b"},
            {"id": "c:word", "title": "Long word", "our_target": "x" * 20_000},
        ],
    )
    load(empty_store, doc)
    target = tmp_path / "hostile.pdf"
    export_book(empty_store, None, BookOptions(audience=3, today=TODAY), target)
    assert no_network == []
    return target


def test_hostile_text_prints_literally(hostile_book: Path) -> None:
    text = flat(" ".join(pdftotext(hostile_book)))
    for value in HOSTILE.values():
        assert flat(value) in text, value
    assert "Controlchars here" in text
    assert flat(KOREAN[:60]) in text
    assert "안덕근" in text


def test_long_paragraphs_flow_over_pages(hostile_book: Path) -> None:
    pages = pdftotext(hostile_book)
    filled = [p for p in pages if "Sentence with many words" in p]
    assert len(filled) >= 15
    body = flat(" ".join(pages))
    assert body.count("Sentence with many words to fill a long paragraph.") >= 1900


def test_scripts_are_drawn_with_embedded_fonts(hostile_book: Path) -> None:
    rows = fonts(hostile_book)
    names = " ".join(name for name, _, _ in rows)
    assert all(embedded == "yes" for _, _, embedded in rows), rows
    for family in ("DejaVuSans", "NanumGothic", "DroidSansFallback"):
        assert family in names
    text = " ".join(pdftotext(hostile_book))
    assert "東京" in text
    assert "שלום" in text or "םולש" in text


UNSEEN = "\x00\x07\u202e\u200b"
"""NUL, BEL, a right-to-left override and a zero-width space: each hides or turns text."""


def _hidden(label: str) -> str:
    """``label`` with the unseen characters scattered through it."""
    return f"{label[:3]}\x00{label[3:5]}\x07{label[5:]}\u202e tail\u200b"


@pytest.fixture
def unseen_book(empty_store: Store, tmp_path: Path) -> Path:
    doc = document(
        slug="unseen",
        people=[{"id": "p:one", "name": _hidden("Person One"), "party": "party:a"}],
        events=[
            {
                "id": "e:talks",
                "title": _hidden("Trade talks"),
                "kind": "meeting",
                "start_date": "2025-04-24",
                "participants": ["p:one"],
            },
            {
                "id": "e:due",
                "title": _hidden("Tariff deadline"),
                "kind": "deadline",
                "start_date": "2025-05-09",
                "owner": "p:one",
            },
        ],
        delegations=[
            {
                "id": "g:a",
                "event": "e:talks",
                "party": "party:a",
                "members": [{"person": "p:one", "role": _hidden("Lead negotiator")}],
            }
        ],
        chips=[{"id": "c:one", "title": _hidden("Steel quota"), "party": "party:b"}],
    )
    doc["dossier"].update(title=_hidden("Talks in Seoul"), subtitle=_hidden("Second round"))
    doc["parties"][0]["name"] = _hidden("Alpha Republic")
    load(empty_store, doc)
    target = tmp_path / "unseen.pdf"
    export_book(empty_store, None, BookOptions(audience=3, today=TODAY), target)
    return target


def test_metadata_and_outline_carry_no_unseen_characters(unseen_book: Path) -> None:
    reader = pypdf.PdfReader(unseen_book)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Talks in Seoul tail"
    for key, value in meta.items():
        assert not set(str(value)) & set(UNSEEN), key
    assert reader.xmp_metadata is None  # no second copy of the metadata to clean
    titles = [entry.title for entry in outline(unseen_book)]
    assert "(P) Steel quota tail" in titles
    assert any("Trade talks tail" in title for title in titles)
    for title in titles:
        assert not set(title) & set(UNSEEN), title


def test_proposed_file_name_carries_no_unseen_characters() -> None:
    name = proposed_file_name(f"un{UNSEEN}seen", f"Rest{UNSEEN}ricted", 2)
    assert name == "un-seen-rest-ricted-edition-2.pdf"


MARKUP_LEVELS = [
    {"rank": 0, "name": "Public", "marking": "a<b"},
    {"rank": 1, "name": "Internal", "marking": "<i>"},
    {"rank": 2, "name": "Confidential", "marking": "&amp;\"'"},
    {"rank": 3, "name": "R&D <Restricted> 대외비", "marking": ">'\"&"},
]
"""Markings and a name that are markup if not escaped: ``<i>`` would italicise what follows,
``a<b`` stopped the export with a parse error, ``&amp;`` would print as "&"."""


def test_regression_markings_and_level_names_with_markup_print_literally(
    empty_store: Store, tmp_path: Path
) -> None:
    """Issue 11: a marking is any printable text of up to 8 characters, printed literally.

    Each level marks a party, a person, a meeting, a deadline (drawn in the chart too) and a
    chip, so the marking passes through portion marks, headings, contents, outline, tables,
    the chips matrix and the chart; the highest level's name is the banner and the cover's.
    """
    records: dict[str, list[dict[str, Any]]] = {
        "parties": [],
        "people": [],
        "events": [],
        "chips": [],
    }
    for level in MARKUP_LEVELS:
        n, name = level["rank"], level["name"]
        records["parties"].append(
            {"id": f"party:{n}", "handling": name, "name": f"Party {n}", "code": f"P{n}"}
        )
        records["people"].append(
            {"id": f"p:{n}", "handling": name, "name": f"Person {n}", "party": f"party:{n}"}
        )
        records["events"] += [
            {
                "id": f"e:{n}",
                "handling": name,
                "title": f"Meeting {n}",
                "kind": "meeting",
                "start_date": f"2025-04-2{n}",
                "participants": [f"p:{n}"],
            },
            {
                "id": f"d:{n}",
                "handling": name,
                "title": f"Deadline {n}",
                "kind": "deadline",
                "start_date": f"2025-05-1{n}",
            },
        ]
        records["chips"].append(
            {"id": f"c:{n}", "handling": name, "title": f"Chip {n}", "party": f"party:{n}"}
        )
    doc = document(slug="markings", **records)
    doc["handling_levels"] = MARKUP_LEVELS
    load(empty_store, doc)
    target = tmp_path / "markings.pdf"
    export_book(empty_store, None, BookOptions(audience=3, today=TODAY), target)

    drawn = " ".join(pdftotext(target, raw=True))
    extracted = " ".join(pypdf_text(target))
    for text in (drawn, extracted):
        for level in MARKUP_LEVELS:
            marking = f"({level['marking']})"
            n = level["rank"]
            for title in (f"Party {n}", f"Person {n}", f"Meeting {n}", f"Chip {n}"):
                assert f"{marking} {title}" in text, (marking, title)
        assert "R&D <RESTRICTED> 대외비" in text  # the banner and the cover
        assert "R&D <Restricted> 대외비 — nothing above this level" in flat(text)
    # The banner is drawn on the canvas in the faces that have its glyphs, bold.
    assert "NanumGothicBold" in fonts_drawn(target, 2)
    titles = [entry.title for entry in outline(target)]
    assert "(a<b) Chip 0" in titles
    assert "(>'\"&) Chip 3" in titles
    subject = pypdf.PdfReader(target).metadata.subject  # type: ignore[union-attr]
    assert subject == "Briefing book, edition 1, for the R&D <Restricted> 대외비 audience"


@pytest.mark.parametrize(
    ("field", "text", "shown"),
    [("marking", "R\x07", "R\\x07"), ("name", "Restricted\u202e", "Restricted\\u202e")],
)
def test_a_level_with_unseen_characters_is_refused_on_import(
    empty_store: Store, field: str, text: str, shown: str
) -> None:
    """Printable text only: an invisible character in a marking is refused, not dropped."""
    doc = document(slug="unprintable")
    doc["handling_levels"] = [dict(level) for level in doc["handling_levels"]]
    doc["handling_levels"][3][field] = text
    with pytest.raises(ImportRefused) as refused:
        load(empty_store, doc)
    assert refused.value.where == f"handling_levels[3].{field}"
    assert f'the handling level {field} "{shown}" holds' in str(refused.value)
    assert "not printable text" in str(refused.value)
