"""``briefing export --card``: the principal's pocket cards from the command line, in
English and Korean, and a book's own flags refused with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.book.pdf import pdftotext
from tests.cli.running import run
from tests.conftest import SAMPLE_SLUG


def test_export_card_writes_a_card_per_meeting_as_an_edition(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    target = tmp_path / "cards.pdf"
    code, out, err = run(
        capsys, "--db", database, "export", "--card", "--audience", "Restricted", "--out",
        str(target),
    )  # fmt: skip
    assert code == 0, err
    pages = PdfReader(target).pages
    assert out.strip() == f"wrote {target}: edition 1, {len(pages)} pocket cards, for the " \
        "Restricted audience"  # fmt: skip
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {
        (298, 420)
    }
    code, out, err = run(
        capsys, "--db", database, "--language", "ko", "export", "--card", "--audience",
        "Restricted", "--language", "ko", "--paper", "letter", "--out", str(target),
    )  # fmt: skip
    assert code == 0, err
    assert "휴대용 요약지" in out and "제2판" in out
    code, out, _ = run(capsys, "--db", database, "edition", "list")
    assert [line.endswith("pocket cards") for line in out.splitlines()] == [True, True]
    again = tmp_path / "again.pdf"
    code, _, err = run(
        capsys, "--db", database, "edition", "reprint", SAMPLE_SLUG, "2", "--out", str(again)
    )
    assert code == 0, err
    assert again.read_bytes() == target.read_bytes()
    assert all("일시" in page for page in pdftotext(target))
    assert float(PdfReader(target).pages[0].mediabox.width) == 396


def test_export_card_refuses_a_books_sections_and_copies(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    card = ["--db", database, "export", "--card", "--audience", "Public"]
    for extra in (["--sections", "scene"], ["--copies", "A; B"]):
        code, _, err = run(capsys, *card, *extra, "--out", str(tmp_path / "c.pdf"))
        assert code != 0 and "--card prints a card per meeting" in err
    assert not (tmp_path / "c.pdf").exists()
