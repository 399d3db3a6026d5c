"""Proof by generation: for every audience of every generated dossier, no marker above
the audience appears in any output, and every marker at or below it appears wherever
that output shows its field.

This module drives the book, `briefing check`, the checks' findings, search and the
audience-filtered dossier file; ``test_gui.py`` drives the window.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ProcessPoolExecutor

from hypothesis import given

from tests.clearance.book import read_book
from tests.clearance.build import build
from tests.clearance.channels import (
    Desk,
    channel_check_cli,
    channel_dossier_file,
    channel_findings,
    channel_search,
    dossier_file_available,
)
from tests.clearance.conftest import (
    DEFAULT_DOSSIERS,
    Tally,
    clearance_settings,
    dossiers,
)
from tests.clearance.expect import Expect, Need
from tests.clearance.plan import AUDIENCES, LEVEL_NAMES, TODAY, Plan
from tests.clearance.strategy import plans
from tests.clearance.verdict import Verdict

DOSSIERS = dossiers("BRIEFING_DOSSIERS", DEFAULT_DOSSIERS)
PYPDF_ALL = os.environ.get("BRIEFING_PYPDF_ALL", "") not in ("", "0")
"""pypdf reads the text of one edition per dossier, the audiences in turn, so each
audience's books are read by both readers a quarter of the time; ``BRIEFING_PYPDF_ALL=1``
has it read every edition (pypdf's text costs some 0.3 s a book of CPU, more than
printing it). poppler reads every edition, and pypdf walks every edition's objects."""


def book_needs(expect: Expect) -> dict[str, list[Need]]:
    """Which surfaces of the PDF must show what (the rest are searched for leaks only)."""
    text = expect.book_text()
    return {
        "pdftotext -raw": text,
        "pypdf text": text,
        "outline": expect.book_outline(),
        "info": expect.book_info(),
        "file name": expect.file_name(),
        "pdf strings": [],
        "content streams": [],
    }


def judge_book(verdict: Verdict, audience: int, surfaces: dict[str, str]) -> None:
    for surface, needs in book_needs(verdict.expect).items():
        if surface in surfaces:
            verdict.look("book", surface, audience, surfaces[surface], needs)


def start_books(
    pool: ProcessPoolExecutor, desk: Desk, plan: Plan, turn: int
) -> list[Future[dict[str, str]]]:
    """The four editions, laid out and read back by the pool while the caller goes on."""
    return [
        pool.submit(
            read_book,
            str(desk.path),
            plan.slug,
            a,
            LEVEL_NAMES[a],
            TODAY,
            pypdf_text=PYPDF_ALL or a == turn % len(AUDIENCES),
        )
        for a in AUDIENCES
    ]


@clearance_settings(DOSSIERS)
@given(plan=plans())
def test_no_marker_above_the_audience_and_every_one_at_or_below(
    desk: Desk, book_pool: ProcessPoolExecutor, tally: Tally, plan: Plan
) -> None:
    started = time.monotonic()
    verdict = Verdict(Expect(plan))
    dossier_id = build(desk.store, plan)
    books = start_books(book_pool, desk, plan, tally.dossiers)
    for audience in AUDIENCES:
        channel_check_cli(desk, verdict, audience)
        channel_findings(desk, verdict, audience)
        channel_search(desk, verdict, dossier_id, audience)
        if dossier_file_available():
            channel_dossier_file(desk, verdict, audience)
    for audience, book in zip(AUDIENCES, books, strict=True):
        judge_book(verdict, audience, book.result())
    tally.add(verdict, time.monotonic() - started)
    tally.check(verdict)
