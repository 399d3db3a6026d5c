"""One generated dossier through the book, `briefing check`, findings, search, the
dossier file, the calendar, the programme and the pocket cards: what both test modules do
with every dossier they draw.

The four editions are laid out by the book workers while the caller goes on (with the
other channels, or with the window): :meth:`DossierRun.start` hands them over,
:meth:`DossierRun.finish` judges them.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ProcessPoolExecutor

from tests.clearance.book import Book, read_book, read_change_section
from tests.clearance.build import build
from tests.clearance.channels import (
    Desk,
    channel_calendar,
    channel_cards,
    channel_check_cli,
    channel_dossier_file,
    channel_findings,
    channel_programme,
    channel_search,
    dossier_file_available,
)
from tests.clearance.conftest import FULL, Tally
from tests.clearance.expect import Expect, Need
from tests.clearance.plan import AUDIENCES, LEVEL_NAMES, TODAY, Plan
from tests.clearance.verdict import Verdict

# Turns. Three channels cost more than CI's budget allows at every audience of every
# dossier, so each dossier takes one audience in turn (``BRIEFING_CLEARANCE_FULL=1`` takes
# all): pypdf's text of an edition (some 0.3 s of CPU a book, more than printing it;
# poppler reads every edition, and pypdf walks every edition's objects) and ``briefing
# check`` (each run opens the database afresh; the same findings are judged at every
# audience through ``run_checks``, ids included). The pocket cards too (a load of the
# audience's data and a layout, some 0.3 s a dossier) and the programme printed alone: the
# four audiences over four dossiers.


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


class DossierRun:
    """A plan built into the run's database, on its way through the channels."""

    def __init__(self, desk: Desk, pool: ProcessPoolExecutor, tally: Tally, plan: Plan) -> None:
        self.started = time.monotonic()
        self.desk, self.pool, self.tally, self.plan = desk, pool, tally, plan
        self.verdict = Verdict(Expect(plan))
        self.turn = tally.dossiers % len(AUDIENCES)  # see Turns above
        with tally.timing("build"):
            self.dossier_id = build(desk.store, plan)
        self.books: list[Future[Book]] = []
        self.changes: Future[Book] | None = None

    def start(self) -> None:
        """Hand the four editions to the book workers."""
        self.books = [
            self.pool.submit(
                read_book,
                str(self.desk.path),
                self.plan.slug,
                a,
                LEVEL_NAMES[a],
                TODAY,
                pypdf_text=FULL or a == self.turn,
                # One edition a dossier in Korean, the audience after the turn's: the
                # proof covers a Korean book at every level over a run at no extra cost.
                language="ko" if a == AUDIENCES[(self.turn + 1) % len(AUDIENCES)] else "en",
            )
            for a in AUDIENCES
        ]
        # Two editions and the edits between them: one audience a dossier, in turn.
        self.changes = self.pool.submit(
            read_change_section,
            str(self.desk.path),
            self.plan.slug,
            self.turn,
            TODAY,
            pypdf_text=FULL,
        )

    def channels(self, audience: int) -> None:
        """Everything but the book and the window, at ``audience``."""
        desk, verdict, tally = self.desk, self.verdict, self.tally
        if FULL or audience == self.turn:
            with tally.timing("check CLI"):
                channel_check_cli(desk, verdict, audience)
        with tally.timing("findings"):
            channel_findings(desk, verdict, audience)
        with tally.timing("search"):
            channel_search(desk, verdict, self.dossier_id, audience)
        if dossier_file_available():
            with tally.timing("dossier file"):
                channel_dossier_file(desk, verdict, audience)
        with tally.timing("calendar"):
            channel_calendar(desk, verdict, audience)
        if FULL or audience == self.turn:
            with tally.timing("cards"):
                channel_cards(desk, verdict, audience)
            with tally.timing("programme"):
                channel_programme(desk, verdict, audience)

    def finish(self, *, gui: bool = False) -> Verdict:
        """Judge the editions, count the dossier, and fail it if anything leaked."""
        for audience, future in zip(AUDIENCES, self.books, strict=True):
            try:
                book = future.result()
            except Exception as error:  # reported with what the other channels found
                self.verdict.failed("book", audience, error)
                continue
            self.tally.add_cpu(book.cpu)
            with self.tally.timing("judging books"):
                judge_book(self.verdict, audience, book.surfaces)
        if self.changes is not None:
            try:
                book = self.changes.result()
            except Exception as error:
                self.verdict.failed("change section", self.turn, error)
            else:
                self.tally.add_cpu(book.cpu)
                for surface, text in book.surfaces.items():
                    self.verdict.look("change section", surface, self.turn, text)
        self.tally.add(self.verdict, time.monotonic() - self.started, gui=gui)
        self.tally.check(self.verdict)
        return self.verdict
