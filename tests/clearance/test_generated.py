"""Proof by generation: for every audience of every generated dossier, no marker above
the audience appears in any output, and every marker at or below it appears wherever
that output shows its field.

This module drives the book, `briefing check`, the checks' findings, search and the
audience-filtered dossier file; ``test_gui.py`` drives the window.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ProcessPoolExecutor

from hypothesis import given

from tests.clearance.book import Book, read_book
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
    FULL,
    Tally,
    clearance_settings,
    dossiers,
)
from tests.clearance.expect import Expect, Need
from tests.clearance.plan import AUDIENCES, LEVEL_NAMES, TODAY, Plan
from tests.clearance.strategy import plans
from tests.clearance.verdict import Verdict

DOSSIERS = dossiers("BRIEFING_DOSSIERS", DEFAULT_DOSSIERS)
# Turns. Two channels cost more than CI's budget allows at every audience of every
# dossier, so each dossier takes one audience in turn (``BRIEFING_CLEARANCE_FULL=1`` takes
# all): pypdf's text of an edition (some 0.3 s of CPU a book, more than printing it;
# poppler reads every edition, and pypdf walks every edition's objects) and ``briefing
# check`` (each run opens the database afresh; the same findings are judged at every
# audience through ``run_checks``, ids included).


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


def start_books(pool: ProcessPoolExecutor, desk: Desk, plan: Plan, turn: int) -> list[Future[Book]]:
    """The four editions, laid out and read back by the pool while the caller goes on."""
    return [
        pool.submit(
            read_book,
            str(desk.path),
            plan.slug,
            a,
            LEVEL_NAMES[a],
            TODAY,
            pypdf_text=FULL or a == turn % len(AUDIENCES),
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
    with tally.timing("build"):
        dossier_id = build(desk.store, plan)
    books = start_books(book_pool, desk, plan, tally.dossiers)  # see Turns above
    turn = tally.dossiers % len(AUDIENCES)
    for audience in AUDIENCES:
        if FULL or audience == turn:
            with tally.timing("check CLI"):
                channel_check_cli(desk, verdict, audience)
        with tally.timing("findings"):
            channel_findings(desk, verdict, audience)
        with tally.timing("search"):
            channel_search(desk, verdict, dossier_id, audience)
        if dossier_file_available():
            with tally.timing("dossier file"):
                channel_dossier_file(desk, verdict, audience)
    for audience, future in zip(AUDIENCES, books, strict=True):
        try:
            book = future.result()
        except Exception as error:  # reported with the leaks the other channels found
            verdict.failed("book", audience, error)
            continue
        tally.add_cpu(book.cpu)
        with tally.timing("judging books"):
            judge_book(verdict, audience, book.surfaces)
    tally.add(verdict, time.monotonic() - started)
    tally.check(verdict)
