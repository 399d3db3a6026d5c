"""Books in English or Korean, chosen per export, read back from the PDF.

The language is the export's, not the interface's: ``export --language ko`` prints the
sample's book with Korean headings, labels, dates, money, page numbers and handling
names, and an English export prints exactly what it printed before languages existed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.book import BookOptions, export_book
from briefing.cli import main
from briefing.domain import Edition
from briefing.domain.enums import DatePrecision
from briefing.domain.formats import korean_date, korean_dated, korean_money, korean_number
from briefing.errors import BriefingError
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import pdftotext

KOREAN_TITLES = ("상황 개관 및 주요 일정", "회담 자료", "대표단", "일정표", "협상 카드", "출처")


@pytest.fixture(scope="module")
def korean(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample's book for the highest audience, in Korean."""
    target = tmp_path_factory.mktemp("korean") / "ko.pdf"
    options = BookOptions(audience=3, today=TODAY, language="ko")
    export_book(sample_store, None, options, target, record_edition=False)
    yield target


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_korean_book_has_korean_section_titles_in_contents_and_pages(korean: Path) -> None:
    pages = pdftotext(korean)
    contents = flat(pages[1])
    assert "목차" in contents
    for title in KOREAN_TITLES:
        assert title in contents
        assert any(
            flat(page).lstrip().startswith(title) or f"\n{title}\n" in page for page in pages[2:]
        ), title
    assert "Scene-setter" not in flat(" ".join(pages))
    assert "Bargaining chips" not in flat(" ".join(pages))


def test_korean_footer_reads_n_of_m_pages(korean: Path) -> None:
    pages = pdftotext(korean)
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert f"{number} / {total}쪽" in text, number
        assert "page " not in text


def test_korean_dates_and_cover(korean: Path) -> None:
    pages = pdftotext(korean)
    cover, text = flat(pages[0]), flat(" ".join(pages))
    assert "협상 자료집" in cover
    assert "기준일 2025년 5월 1일" in cover
    # The 2+2 of 24 April 2025, a Thursday, dated to the day in its brief.
    assert "2025년 4월 24일 (목)" in text
    assert "D-68" in cover
    assert "24 Apr 2025" not in text


def test_korean_money_uses_man_eok_jo(korean: Path) -> None:
    text = flat(" ".join(pdftotext(korean)))
    assert "440억 달러" in text
    assert "$44 bn" not in text


def test_korean_banners_and_marks_use_the_scales_korean_names(korean: Path) -> None:
    pages = pdftotext(korean)
    for number, text in enumerate(pages, 1):
        assert text.count("2급비밀") >= 2, f"page {number} lacks the Korean banners"
        assert "RESTRICTED" not in text
    assert "2급비밀 — 이 등급을 넘는 내용 없음" in flat(pages[0])
    assert "제1판 · 열람 대상 2급비밀" in flat(pages[2])


def test_english_is_the_default_and_prints_as_before(sample_store: Store, tmp_path: Path) -> None:
    default, english = tmp_path / "default.pdf", tmp_path / "en.pdf"
    export_book(
        sample_store, None, BookOptions(audience=2, today=TODAY), default, record_edition=False
    )
    options = BookOptions(audience=2, today=TODAY, language="en")
    export_book(sample_store, None, options, english, record_edition=False)
    assert pdftotext(default) == pdftotext(english)
    text = flat(" ".join(pdftotext(english)))
    assert "page 1 of" in text and "$44 bn" in text and "CONFIDENTIAL" in text
    assert "쪽" not in text and "목차" not in text


def test_an_edition_records_its_language_and_compares_with_one_in_the_same(
    store: Store, tmp_path: Path
) -> None:
    """The default base of a change section is the last edition for the same audience,
    paper and language: a Korean edition is not "changed since" an English one."""
    english = export_book(store, None, BookOptions(audience=1, today=TODAY), tmp_path / "1.pdf")
    korean = BookOptions(audience=1, today=TODAY, language="ko")
    first_korean = export_book(store, None, korean, tmp_path / "2.pdf")
    second_korean = export_book(store, None, korean, tmp_path / "3.pdf")
    assert (english.since, first_korean.since, second_korean.since) == (None, None, 2)
    with store.session() as session:
        recorded = {
            e.number: json.loads(e.options)["language"] for e in session.scalars(select(Edition))
        }
    assert recorded == {1: "en", 2: "ko", 3: "ko"}
    changes = pdftotext(tmp_path / "3.pdf")
    assert any("제2판 이후 변경 사항" in page for page in changes)


def test_an_unknown_language_is_refused(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    with pytest.raises(BriefingError, match="unknown language 'fr'; choose one of: en, ko"):
        BookOptions(audience=0, language="fr")
    argv = ["--db", str(sample_db), "export", "--audience", "Public", "--language", "fr"]
    with pytest.raises(SystemExit) as done:
        main([*argv, "--out", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert err.strip().splitlines() == [
        "briefing export: argument --language: unknown language 'fr'; choose one of: en, ko "
        "(see --help)"
    ]
    assert not (tmp_path / "x.pdf").exists()


def test_export_language_option_prints_a_korean_book(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ko.pdf"
    argv = ["--db", str(sample_db), "export", "--audience", "Internal", "--language", "ko"]
    assert main([*argv, "--today", "2025-05-01", "--out", str(target)]) == 0
    capsys.readouterr()
    assert "대외비" in pdftotext(target)[0]


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (44_000_000_000, "USD", "440억 달러"),
        (1_500_000_000_000, "KRW", "1조 5000억 원"),
        (350, "USD", "350달러"),
        (12_345, "EUR", "1만 2345유로"),
        (2_600_000, "CHF", "260만 CHF"),
        (-30_000_000, "USD", "-3000만 달러"),
        (10**16, "KRW", "1만조 원"),
        (123_456_789_012, "", "1234억 5678만 9012"),
        (None, "USD", ""),
    ],
)
def test_korean_money(amount: int | None, currency: str, text: str) -> None:
    assert korean_money(amount, currency) == text


def test_korean_numbers_keep_every_digit() -> None:
    for value in (0, 9_999, 10_000, 10_001, 100_000_000, 987_654_321_000, 10**13 + 7):
        groups = {"조": 10**12, "억": 10**8, "만": 10**4}
        total = 0
        for part in korean_number(value).split():
            unit = groups.get(part[-1], 1)
            digits = part.rstrip("조억만")
            total += int(digits) * unit if digits.isdigit() else 0
        if value < 10**16:
            assert total == value, korean_number(value)


def test_korean_dates_by_precision() -> None:
    day = dt.date(2025, 4, 24)
    assert korean_date(day) == "2025년 4월 24일"
    assert korean_date(None) == "—"
    assert korean_dated(day, None, DatePrecision.DAY) == "2025년 4월 24일 (목)"
    assert korean_dated(day, None, DatePrecision.MONTH) == "2025년 4월"
    assert korean_dated(day, None, DatePrecision.WEEK) == "2025년 4월 24일 주간"
    assert korean_dated(day, None, DatePrecision.APPROXIMATE) == "2025년 4월 24일경"
    assert (
        korean_dated(day, dt.date(2025, 4, 25), DatePrecision.DAY)
        == "2025년 4월 24일 (목) – 2025년 4월 25일"
    )


def test_no_wording_of_the_book_is_left_in_english(korean: Path) -> None:
    """Every longer piece of the book's own English wording (between placeholders) is
    absent from the Korean book: a message printed without the translator, or one the
    extraction missed, shows up here."""
    from babel.messages.pofile import read_po

    from briefing.book.vocabulary import LABELS
    from briefing.domain import words
    from briefing.i18n import locale_dir

    # Words and labels ("bargaining chip", "Head of delegation") that the sample's English
    # data holds too, where the Korean book quotes it as written.
    named = {
        *LABELS,
        *words.KIND_WORDS.values(),
        *words.COMMON_FIELDS.values(),
        *words.ITEM_FIELDS.values(),
        *words.DOSSIER_FIELDS.values(),
        *words.FIELD_LABELS,
    }

    with (locale_dir() / "ko" / "LC_MESSAGES" / "briefing.po").open("rb") as source:
        messages = [m.id for m in read_po(source) if m.id]
    english = [m if isinstance(m, str) else m[-1] for m in messages]
    text = flat(" ".join(pdftotext(korean)))
    pieces = {"earlier event", "want of room"} | {
        piece.strip()
        for message in english
        if message not in named
        for piece in re.split(r"\{\w+\}", message)
        if len(piece.strip()) >= 15
    }
    assert pieces
    assert not sorted(p for p in pieces if p in text)
