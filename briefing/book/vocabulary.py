"""Words the book prints that are not written in it: the labels of the domain's closed
vocabularies, and the notes :mod:`briefing.domain.formats` words. Listed here so the
catalogue's extraction finds them (README, "Translations"); a test fails when one the
book can print is missing, so a new enum member cannot reach a Korean book in English.
"""

from __future__ import annotations

from briefing.i18n import N_

LABELS: tuple[str, ...] = (
    # EventKind
    N_("Meeting"),
    N_("Call"),
    N_("Summit"),
    N_("Deadline"),
    N_("Election"),
    N_("Announcement"),
    N_("Flight"),
    N_("Transfer"),
    N_("Hotel"),
    N_("Reception"),
    N_("Press event"),
    # EventStatus
    N_("Planned"),
    N_("Held"),
    N_("Postponed"),
    N_("Cancelled"),
    # ChipKind
    N_("Offer"),
    N_("Ask"),
    N_("Leverage"),
    N_("Red line"),
    N_("Concern"),
    # ChipStatus
    N_("Floated"),
    N_("On the table"),
    N_("Off the table"),
    N_("Denied"),
    N_("Agreed"),
    # Likelihood
    N_("Certain"),
    N_("Possible"),
    N_("Unlikely"),
    # Stance
    N_("Supports"),
    N_("Disputes"),
    N_("Mentions"),
    # PointKind
    N_("Point to make"),
    N_("Defensive, if raised"),
    N_("Press line"),
    # Reliability
    N_("A – completely reliable"),
    N_("B – usually reliable"),
    N_("C – fairly reliable"),
    N_("D – not usually reliable"),
    N_("E – unreliable"),
    N_("F – reliability cannot be judged"),
    # CREDIBILITY_LABELS
    N_("1 – confirmed by other sources"),
    N_("2 – probably true"),
    N_("3 – possibly true"),
    N_("4 – doubtful"),
    N_("5 – improbable"),
    N_("6 – truth cannot be judged"),
    # formats.disputed
    N_("disputed: sources disagree on this chip"),
    N_("disputed: sources disagree on this event"),
)
