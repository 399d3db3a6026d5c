"""Korean typesetting, read back from the PDF: names whole, body justified, nothing overflows.

Korean separates words with spaces and breaks lines only there, Hanja or not; Japanese
and Chinese break between characters. Each test reads the printed lines' words and
boxes as poppler finds them (``pdftotext -bbox-layout``).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.assets import sample_dossier_path
from briefing.book import BookOptions, export_book
from briefing.book.fonts import HANGUL
from briefing.book.markup import escape
from briefing.book.styles import MARGIN, styles
from briefing.book.wrap import Paragraph
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import Line, lines
from tests.builders import cite, document, load

PEOPLE = [
    ("Yoo Myung-hee", "유명희", "柳明希"),
    ("Ahn Duk-geun", "안덕근", "安德根"),
    ("Choi Sang-mok", "최상목", "崔相穆"),
    ("Namgung Min-su", "남궁민수", "南宮珉秀"),
    ("Seonwoo Ye-jin", "선우예진", "鮮于藝珍"),
    ("Hwangbo Jeong-hun", "황보정훈", "皇甫正勳"),
]

SENTENCES = (
    "{a}({h}) 本部長은 韓美 通商 協議에서 自動車 關稅와 半導體 輸出 統制 問題를 "
    "集中的으로 論議했다.",
    "{a} 長官은 {b} 代表와 만나 對美 投資 計劃과 造船 協力 方案을 說明하고 追加 協議 "
    "日程을 調整했다.",
    "兩側은 {h} 代表團과 {b} 次官이 參席한 實務 協議에서 非關稅 障壁 目錄을 交換하기로 合意했다.",
)
"""Korean as ministries write it, Hanja-heavy: a third of the letters ideographs, which
ReportLab's CJK wrapping broke between any two characters, names included."""

JAPANESE = "東京で日米の通商協議が行われ、自動車関税の扱いについて意見が交わされた。" * 12


def korean_text(seed: int, sentences: int) -> str:
    out = []
    for i in range(sentences):
        a, b = PEOPLE[(seed + i) % len(PEOPLE)], PEOPLE[(seed + 2 * i + 1) % len(PEOPLE)]
        template = SENTENCES[(seed + i) % len(SENTENCES)]
        out.append(template.format(a=a[1], h=a[2], b=b[1]))
    return " ".join(out)


def korean_dossier() -> dict[str, object]:
    people = [
        {
            "id": f"p:{i}",
            "name": name,
            "native_name": native,
            "aliases": [hanja],
            "party": "party:a",
            "bio": korean_text(i, 4),
        }
        for i, (name, native, hanja) in enumerate(PEOPLE)
    ]
    events = [
        {
            "id": f"e:{i}",
            "title": korean_text(i, 1)[:60],
            "kind": "meeting",
            "start_date": f"2025-05-{10 + i:02d}",
            "place": "서울특별시 종로구 세종대로 정부서울청사 별관 대회의실",
            "summary": korean_text(i, 14),
            "participants": [f"p:{(i + k) % len(PEOPLE)}" for k in range(4)],
            "citations": [cite()],
        }
        for i in range(4)
    ]
    events.append(
        {
            "id": "e:ja",
            "title": "東京協議",
            "kind": "meeting",
            "start_date": "2025-05-20",
            "summary": JAPANESE,
        }
    )
    chips = [
        {
            "id": f"c:{i}",
            "title": f"協商 카드 {i}",
            "description": korean_text(10 + i, 20),
            "party": "party:a",
        }
        for i in range(2)
    ]
    return document(people=people, events=events, chips=chips)


def names(people: Iterable[tuple[str, ...]]) -> set[str]:
    """Every word of every name and alias: none may be split between two lines."""
    return {word for person in people for name in person for word in name.split()}


def split_names(pages: list[list[Line]], words: set[str]) -> list[tuple[int, str, str]]:
    """(page, end of one line, start of the next) where a name runs over a line break."""
    found = []
    for number, page in enumerate(pages, 1):
        for before, after in itertools.pairwise(page):
            if before.block != after.block:
                continue
            tail, head = before.words[-1].text, after.words[0].text
            for word in words:
                if any(
                    tail.endswith(word[:k]) and head.startswith(word[k:])
                    for k in range(1, len(word))
                ):
                    found.append((number, tail, head))
    return found


FRAME = (MARGIN, A4[0] - MARGIN)


@pytest.fixture
def korean_book(empty_store: Store, tmp_path: Path) -> Path:
    load(empty_store, korean_dossier())
    target = tmp_path / "korean.pdf"
    export_book(empty_store, None, BookOptions(audience=3, today=TODAY), target)
    return target


@pytest.fixture(scope="module")
def sample_book(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("korean") / "sample.pdf"
    export_book(sample_store, None, BookOptions(audience=3, today=TODAY), target)
    return target


def test_no_name_is_split_over_two_lines_in_text_or_cells(korean_book: Path) -> None:
    pages = lines(korean_book)
    printed = " ".join(line.text for page in pages for line in page)
    for _, native, hanja in PEOPLE:
        assert native in printed and hanja in printed
    assert split_names(pages, names(PEOPLE)) == []


def test_no_name_of_the_sample_is_split(sample_book: Path) -> None:
    data = json.loads(sample_dossier_path().read_text(encoding="utf-8"))
    people = [(p["name"], p.get("native_name", ""), *p.get("aliases", [])) for p in data["people"]]
    pages = lines(sample_book)
    assert "유명희" in " ".join(line.text for page in pages for line in page)
    assert split_names(pages, {w for w in names(people) if len(w) > 1}) == []


def test_nothing_overflows_the_frame(korean_book: Path) -> None:
    left, right = FRAME
    for number, page in enumerate(lines(korean_book), 1):
        for line in page:
            for word in line.words:
                assert left - 0.5 <= word.x0 and word.x1 <= right + 0.5, (number, word)


def _korean_body(pages: list[list[Line]]) -> list[list[Line]]:
    """The paragraphs of long Korean body text: blocks of full-width Korean lines."""
    left = FRAME[0]
    blocks: dict[tuple[int, int], list[Line]] = {}
    for number, page in enumerate(pages):
        for line in page:
            text = line.text
            hangul = sum("가" <= c <= "힣" for c in text)
            if line.words[0].x0 < left + 30 and hangul > len(text) // 4 and len(text) > 40:
                blocks.setdefault((number, line.block), []).append(line)
    return [block for block in blocks.values() if len(block) >= 3]


def test_korean_body_is_justified_with_no_gap_past_twice_the_space(korean_book: Path) -> None:
    space = stringWidth(" ", HANGUL, styles().body.fontSize)
    paragraphs = _korean_body(lines(korean_book))
    assert len(paragraphs) >= 4
    flush = loose = 0
    for paragraph in paragraphs:
        right = max(line.words[-1].x1 for line in paragraph)
        for line in paragraph[:-1]:
            words = line.words
            gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
            # A gap after the Latin marking is DejaVu's wider space; the rest NanumGothic's.
            assert max(gaps[1:], default=0) <= 2 * space + 0.05, (line.text, gaps)
            if words[-1].x1 >= right - 0.5:
                flush += 1
            else:
                loose += 1
    assert flush > 3 * loose, (flush, loose)  # justified, short of the edge only if loose


def test_japanese_without_spaces_wraps_between_characters(korean_book: Path) -> None:
    pages = lines(korean_book)
    japanese = [line for page in pages for line in page if "通商協議" in line.text]
    assert len(japanese) >= 5
    right = max(line.words[-1].x1 for line in japanese)
    char = stringWidth("東", "DroidSansFallback", styles().body.fontSize)
    # every line but the paragraph's last is filled to within a character or two
    # (kinsoku may push one character over)
    for line in japanese[:-1]:
        assert line.words[-1].x1 >= right - 2 * char - 1, line.text


@pytest.mark.parametrize("word", ["남궁민수" * 12, "南宮珉秀남궁민수" * 6])
def test_a_word_wider_than_its_column_still_breaks_inside_it(word: str) -> None:
    """Keep-all has one exception: what cannot fit its column at all breaks where it must."""
    paragraph = Paragraph(f"<b>(P)</b> {escape(word)}", styles().cell)
    paragraph.wrap(60, 1000)
    broken = paragraph.blPara
    slack = [line[0] if broken.kind == 0 else line.extraSpace for line in broken.lines]
    assert len(slack) > 3
    assert min(slack) >= -0.01  # no line wider than the column
