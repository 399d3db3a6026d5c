"""Proof by generation: for every audience of every generated dossier, no marker above
the audience appears in any output, and every marker at or below it appears wherever
that output shows its field.

This module drives the book, `briefing check`, the checks' findings, search and the
audience-filtered dossier file (``BRIEFING_DOSSIERS`` dossiers, 250 by default);
``test_gui.py`` drives the window and every one of these channels as well
(``BRIEFING_GUI_DOSSIERS``, 50 by default), so a default run takes 300 dossiers through
the book, file, check and search channels and 50 through the GUI.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from hypothesis import given

from tests.clearance.channels import Desk
from tests.clearance.conftest import DEFAULT_DOSSIERS, Tally, clearance_settings, dossiers
from tests.clearance.plan import AUDIENCES, Plan
from tests.clearance.run import DossierRun
from tests.clearance.strategy import plans

DOSSIERS = dossiers("BRIEFING_DOSSIERS", DEFAULT_DOSSIERS)


@clearance_settings(DOSSIERS)
@given(plan=plans())
def test_no_marker_above_the_audience_and_every_one_at_or_below(
    desk: Desk, book_pool: ProcessPoolExecutor, tally: Tally, plan: Plan
) -> None:
    run = DossierRun(desk, book_pool, tally, plan)
    run.start()
    for audience in AUDIENCES:
        run.channels(audience)
    run.finish()
