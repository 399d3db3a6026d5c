"""The screen and the printed book say the same thing of the same record.

They used to differ: "$44 billion" in the list against "USD 44 bn" in the book, and an
event's days counted to its first day on screen and to its last in the book. Both now call
:mod:`briefing.domain.formats`; these tests read the PDF back and compare it with the cells
and the details pane a user reads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from briefing.cli import main
from briefing.ui.main_window import MainWindow
from briefing.ui.views.chips import ChipsPage
from tests.book.pdf import flat, pdftotext
from tests.ui.conftest import listed, show_timeline

LNG = "Participation in, and financing of, the Alaska LNG project"
"""A Confidential chip of the sample worth $44 bn."""
TALKS = "US plan to negotiate with about 18 major trading partners over two months"
"""A planned event of the sample from 24 April to 30 June 2025: seen from 1 May it began
seven days ago (D+7), where counting to its last day said D-60 and the old list D-day."""
RESTRICTED = 3


def _book(sample_template: Path, tmp_path: Path, *, layout: bool = False) -> str:
    """The Restricted book of the sample (chips and timeline), as pdftotext reads it;
    with ``layout``, a table's row on one line."""
    db = tmp_path / "book.sqlite3"
    shutil.copyfile(sample_template, db)
    target = tmp_path / "book.pdf"
    argv = ["--db", str(db), "export", "--audience", "Restricted"]
    assert main([*argv, "--sections", "chips,timeline", "--out", str(target)]) == 0
    pages = pdftotext(target, layout=layout)
    return "\n".join(pages) if layout else " ".join(flat(page) for page in pages)


def test_a_chip_value_reads_the_same_in_the_list_the_details_and_the_book(
    window: MainWindow, sample_template: Path, tmp_path: Path
) -> None:
    window.set_audience(RESTRICTED)
    page = window.show_page("Bargaining chips")
    assert isinstance(page, ChipsPage)
    chip = next(r for r in listed(page.model) if r.title == LNG)
    cell = page.model.index(page.model.row_of(chip.id), 6).data()
    assert cell == "$44 bn"
    window.details.show_record(chip.id)
    details = window.details.browser.toPlainText()
    assert details.split("\nValue\n", 1)[1].startswith(cell + " – ")
    assert cell in _book(sample_template, tmp_path)


def test_days_left_count_to_the_first_day_on_screen_and_in_the_book(
    window: MainWindow, qtbot: QtBot, sample_template: Path, tmp_path: Path
) -> None:
    page = show_timeline(qtbot, window)
    event = next(r for r in listed(page.model) if r.title == TALKS)
    assert page.model.index(page.model.row_of(event.id), 4).data() == "D+7"
    window.details.show_record(event.id)
    assert "approximate precision, D+7)" in window.details.browser.toPlainText()
    book = _book(sample_template, tmp_path, layout=True)
    row = next(line for line in book.splitlines() if "24 Apr 2025" in line and "US plan" in line)
    assert row.split()[-1] == "D+7"
    assert "D-60" not in book
