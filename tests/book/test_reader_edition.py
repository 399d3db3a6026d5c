"""The books a reader gets (issue 12, item 9), read back from the PDF.

A Public edition of the sample holds only sections with something in them; the
reviewer's checks annex is for staff; press lines on deadlines and elections print;
citation marks run in order; clock times carry their zone's abbreviation and offset;
lists print as lists; the file is dated on the edition's day; the timeline chart labels
its events, draws today, keeps its deadline labels whole and has no empty lane.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from reportlab.graphics.shapes import String
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import select

from briefing.book import SECTION_TITLES, BookOptions, export_book
from briefing.book.charts import AXIS_LABEL, KIND_COLOURS, lane_of, timeline_chart
from briefing.book.data import BookData
from briefing.book.load import load_book
from briefing.cli import main
from briefing.domain import Event, HandlingLevel
from briefing.domain.enums import DatePrecision
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import flat, outline, pdftotext

PUBLIC, RESTRICTED = 0, 3
CHECKS = SECTION_TITLES["checks"]


@pytest.fixture(scope="module")
def books(
    sample_store: Store, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[int, Path]]:
    """The sample's Public and Restricted books with the default sections."""
    folder = tmp_path_factory.mktemp("reader")
    made = {}
    for rank in (PUBLIC, RESTRICTED):
        made[rank] = folder / f"book-{rank}.pdf"
        export_book(
            sample_store,
            None,
            BookOptions(audience=rank, today=TODAY),
            made[rank],
            record_edition=False,
        )
    yield made


def _text(path: Path) -> str:
    return flat(" ".join(pdftotext(path)))


def _sections(path: Path) -> list[str]:
    return [e.title for e in outline(path) if e.level == 0]


# ------------------------------------------------------------ empty sections


def test_a_public_edition_leaves_empty_sections_out(books: dict[int, Path]) -> None:
    path = books[PUBLIC]
    pages = pdftotext(path)
    assert not [n for n, page in enumerate(pages, 1) if "Nothing in this section" in page]
    sections = _sections(path)
    # The sample has no Public meeting, delegation, chip or source.
    for empty in ("meetings", "delegations", "chips", "sources"):
        assert SECTION_TITLES[empty] not in sections
        assert SECTION_TITLES[empty] not in flat(pages[1]), "a contents line for an empty section"
    assert SECTION_TITLES["scene"] in sections and SECTION_TITLES["timeline"] in sections
    # Each section's first page is its own: cover, contents, then one page per section here.
    assert len(pages) == 2 + len(sections)


def test_a_book_with_nothing_at_all_says_so_on_its_contents_page(
    sample_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "bare.pdf"
    options = BookOptions(audience=PUBLIC, sections=("chips",), today=TODAY)
    result = export_book(sample_store, None, options, target, record_edition=False)
    assert result.pages == 2
    assert "Nothing in the chosen sections at this handling level" in _text(target)
    assert outline(target) == []


# ------------------------------------------------------------ the checks annex


def test_the_checks_annex_is_for_the_top_level_only(books: dict[int, Path]) -> None:
    assert CHECKS not in _sections(books[PUBLIC])
    assert "What the reviewer's checks found" not in _text(books[PUBLIC])
    assert CHECKS in _sections(books[RESTRICTED])
    assert "What the reviewer's checks found" in _text(books[RESTRICTED])


def test_the_checks_annex_prints_at_any_level_when_asked(
    sample_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sample_store.address
    asked, default = tmp_path / "asked.pdf", tmp_path / "default.pdf"
    common = ["--db", db, "export", "--audience", "Public", "--today", "2025-05-01"]
    assert main([*common, "--out", str(default)]) == 0
    only = ["--sections", "scene,checks", "--no-changes"]
    assert main([*common, *only, "--out", str(asked)]) == 0
    assert CHECKS not in _sections(default)
    assert _sections(asked) == [SECTION_TITLES["scene"], CHECKS]
    assert "What the reviewer's checks found at the Public level" in _text(asked)


def test_the_top_level_is_the_databases_own(store: Store, tmp_path: Path) -> None:
    """With a fifth level above Restricted, a Restricted book is no longer for staff."""
    with store.session() as session:
        session.add(HandlingLevel(rank=4, name="Eyes only", marking="E"))
    for rank, staff in ((RESTRICTED, False), (4, True)):
        target = tmp_path / f"book-{rank}.pdf"
        export_book(
            store, None, BookOptions(audience=rank, today=TODAY), target, record_edition=False
        )
        assert (CHECKS in _sections(target)) is staff, rank


# ------------------------------------------------------------ content


def test_press_lines_print_as_content(books: dict[int, Path]) -> None:
    """The sample's Public press lines hang on an election and a deadline, not a meeting."""
    text = _text(books[PUBLIC])
    assert (
        "(P) Presidential election in the Republic of Korea, 3 Jun 2025 (P) Press line: "
        "The negotiations are between governments" in text
    )
    assert "(P) Press line: Korea and the United States are working towards a package" in text


def test_citation_marks_are_in_the_sources_order(books: dict[int, Path]) -> None:
    text = _text(books[RESTRICTED])
    runs = re.findall(r"(?:\[\d+(?: disputes)?\]){2,}", text)
    assert len(runs) >= 5
    for run in runs:
        numbers = [int(n) for n in re.findall(r"\[(\d+)", run)]
        assert numbers == sorted(numbers), run
    assert "[1][3][4][6]" in text  # the 2+2's summary, once [1][6][4][3]


def test_lists_print_as_lists(books: dict[int, Path]) -> None:
    lines = [line.strip() for page in pdftotext(books[RESTRICTED]) for line in page.splitlines()]
    assert "(C) Our objectives:" in lines
    assert "• (C) Secure agreement to a package approach with a timetable before 8 July." in lines
    assert any(line.startswith("1. (C) Bilateral: Minister Ahn with USTR Greer") for line in lines)
    assert any(line.startswith("4. (C) Agree next steps") for line in lines)
    assert "Our objectives: -" not in _text(books[RESTRICTED])


def test_times_show_the_zones_abbreviation_and_offset(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        jeju = session.scalars(select(Event).where(Event.title.like("APEC trade%"))).one()
        jeju.start_time, jeju.end_time = dt.time(9, 0), dt.time(12, 30)
        jeju.precision = DatePrecision.DAY
    target = tmp_path / "times.pdf"
    options = BookOptions(audience=RESTRICTED, sections=("meetings",), today=TODAY)
    export_book(store, None, options, target, record_edition=False)
    text = _text(target)
    # At home (the sample's home zone is Seoul's) one clock is enough.
    assert "Thu 1 May 2025, 09:00–12:30 KST" in text
    assert "KST, UTC+9" in text
    assert "Washington, D.C., EDT, UTC−4" in text  # a day's zone, as at noon
    assert "America/New_York" not in text and "Asia/Seoul" not in text


@pytest.mark.parametrize("deterministic", [True, False])
def test_the_file_is_dated_on_the_editions_day(
    sample_store: Store, tmp_path: Path, deterministic: bool
) -> None:
    target = tmp_path / "dated.pdf"
    day = dt.date(2025, 4, 20)
    options = BookOptions(
        audience=PUBLIC, sections=("scene",), today=day, deterministic=deterministic
    )
    export_book(sample_store, None, options, target, record_edition=False)
    info = pypdf.PdfReader(target).metadata
    assert info is not None
    assert info["/CreationDate"] == "D:20250420000000+00'00'"
    assert info["/ModDate"] == "D:20250420000000+00'00'"
    assert re.search(r"Edition No\. \d+, 20 Apr 2025", _text(target))


# ------------------------------------------------------------ the timeline chart


def _data(store: Store, rank: int, today: dt.date = TODAY) -> BookData:
    with store.session() as session:
        return load_book(session, None, BookOptions(audience=rank, today=today))


def _strings(drawing: object) -> list[String]:
    return [s for s in drawing.contents if isinstance(s, String)]  # type: ignore[attr-defined]


def _text_of(drawing: object) -> str:
    return " ".join(s.text for s in _strings(drawing))


def _overlapping_labels(drawing: object) -> list[tuple[str, str]]:
    """Pairs of labels above the axis whose boxes intersect."""
    boxes = [
        (s.text, s.x, s.x + stringWidth(s.text, s.fontName, s.fontSize), s.y)
        for s in _strings(drawing)
        if s.y > 18 and s.fontSize == 6.5
    ]
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if abs(a[3] - b[3]) < 6.5 and a[1] < b[2] and b[1] < a[2]
    ]


@pytest.mark.parametrize("rank", [PUBLIC, RESTRICTED])
def test_the_chart_labels_every_event_in_its_span(sample_store: Store, rank: int) -> None:
    data = _data(sample_store, rank)
    chart = timeline_chart(data.events, data.today, 480, data.marking)
    text = _text_of(chart.drawing)
    in_span = [e for e in data.events if e.last_day >= dt.date(2025, 1, 1)]
    assert in_span and chart.unlabelled == 0
    for event in in_span:
        assert event.title in text, event.title
    assert not _overlapping_labels(chart.drawing)
    assert chart.earlier == len(data.events) - len(in_span)


@pytest.mark.parametrize("rank", [PUBLIC, RESTRICTED])
def test_the_chart_draws_today_and_only_lanes_with_events(sample_store: Store, rank: int) -> None:
    data = _data(sample_store, rank)
    chart = timeline_chart(data.events, data.today, 480, data.marking)
    assert chart.today_drawn and "today" in [s.text for s in _strings(chart.drawing)]
    lanes = {s.text for s in _strings(chart.drawing) if s.fontSize == 7 and s.x < AXIS_LABEL}
    in_span = {e.kind for e in data.events if e.last_day >= dt.date(2025, 1, 1)}
    assert lanes == {lane_of(k) for k in KIND_COLOURS if k in in_span}
    # The sample's programme (Internal): one lane for its flights, hotel and the rest.
    assert ("Travel" in lanes) == (rank == RESTRICTED)


def test_the_deadline_label_is_whole_and_inside_the_page(sample_store: Store) -> None:
    data = _data(sample_store, PUBLIC)
    chart = timeline_chart(data.events, data.today, 480, data.marking)
    drawing = chart.drawing
    label = [s for s in _strings(drawing) if "90-day pause" in s.text]
    assert [s.text for s in label] == [
        "(P) End of the 90-day pause on US reciprocal tariffs, 8 Jul"
    ]
    for s in _strings(drawing):
        right = s.x + stringWidth(s.text, s.fontName, s.fontSize)
        if s.textAnchor == "start":
            assert s.x >= 0 and right <= drawing.width, s.text
        assert 0 <= s.y < drawing.height, s.text


def test_today_outside_the_span_is_not_claimed(sample_store: Store, tmp_path: Path) -> None:
    later = dt.date(2031, 1, 1)
    data = _data(sample_store, PUBLIC, later)
    chart = timeline_chart(data.events, later, 480, data.marking)
    assert not chart.today_drawn and "today" not in _text_of(chart.drawing)
    target = tmp_path / "later.pdf"
    options = BookOptions(
        audience=PUBLIC, sections=("timeline",), today=later, count_from_today=True
    )
    export_book(sample_store, None, options, target, record_edition=False)
    text = _text(target)
    assert "today in green" not in text
    assert "today (1 Jan 2031) is outside the chart's span" in text


def test_a_book_on_its_dossier_s_date_does_not_call_it_today(
    sample_store: Store, tmp_path: Path
) -> None:
    """The sample counts from 1 May 2025: printed later, its chart marks that day as the
    dossier's date, not as today."""
    target = tmp_path / "as-of.pdf"
    options = BookOptions(audience=PUBLIC, sections=("timeline",), today=dt.date(2026, 12, 5))
    export_book(sample_store, None, options, target, record_edition=False)
    text = _text(target)
    assert "the dossier's date (1 May 2025) in green" in text
    assert "today" not in text.lower().replace("today's", "")


def test_the_chart_fits_its_page_with_many_events(sample_store: Store) -> None:
    """Crowded lanes stop at LANE_ROWS rows; the rest are counted, not drawn over."""
    data = _data(sample_store, RESTRICTED)
    many = [
        e.__class__(**{**{f: getattr(e, f) for f in e.__slots__}, "id": 10_000 + i})
        for i, e in enumerate(data.events * 20)
    ]
    chart = timeline_chart(many, data.today, 480, data.marking)
    assert chart.unlabelled > 0
    assert chart.drawing.height < 600
    assert not _overlapping_labels(chart.drawing)
