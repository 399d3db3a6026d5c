"""The book's own date: it counts days as its dossier says, unless ``--today`` is given.

The sample is written as of 1 May 2025 and counts from that date; exported long after, its
cover must still name the 8 July deadline ahead (D-68), not "No deadline ahead".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.cli import main
from tests.book.pdf import flat, pdftotext

DEADLINE = "End of the 90-day pause on US reciprocal tariffs"


def _export(sample_db: Path, tmp_path: Path, *extra: str) -> list[str]:
    target = tmp_path / "book.pdf"
    argv = ["--db", str(sample_db), "export", "--audience", "Restricted"]
    argv += ["--sections", "delegations", *extra, "--out", str(target)]
    assert main(argv) == 0
    return [flat(page) for page in pdftotext(target)]


def test_the_sample_book_counts_from_its_as_of_date(sample_db: Path, tmp_path: Path) -> None:
    pages = _export(sample_db, tmp_path)
    cover = pages[0]
    assert DEADLINE in cover and "8 Jul 2025 D-68" in cover
    assert "Days counted from 1 May 2025" in cover
    assert f"No. 1, {dt.date.today().day} {dt.date.today():%b %Y}" in cover  # printed today
    body = " ".join(pages[1:])
    # Katherine Tai's card at the 15 March meeting: the office she had left, and when.
    assert "former: United States Trade Representative, Office of the United States" in body
    assert "(until 20 Jan 2025)" in body


@pytest.mark.parametrize(
    ("today", "said"),
    [
        ([], "No deadline ahead in this edition"),  # the calendar's today, long after July
        (["2025-06-01"], f"{DEADLINE} — 8 Jul 2025 D-37"),
    ],
)
def test_export_today_counts_from_today_instead(
    sample_db: Path, tmp_path: Path, today: list[str], said: str
) -> None:
    cover = _export(sample_db, tmp_path, "--today", *today)[0]
    assert said in cover
    assert "Days counted from" not in cover
