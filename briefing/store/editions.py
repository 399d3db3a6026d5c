"""Edition numbers: the book records each edition, and the export dialog proposes the next."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from briefing.domain import Edition


def next_edition(session: Session, dossier_id: int) -> int:
    """The number the next edition of the dossier will be printed with.

    On a team server a login sees only the editions at or below its clearance, so the
    server's ``briefing_last_edition`` (set up by ``briefing server init``) gives the highest.
    """
    if session.get_bind().dialect.name == "postgresql" and session.scalar(
        text("SELECT to_regprocedure('briefing_last_edition(integer)') IS NOT NULL")
    ):
        latest = session.scalar(text("SELECT briefing_last_edition(:d)"), {"d": dossier_id})
    else:
        latest = session.scalar(
            select(func.max(Edition.number)).where(Edition.dossier_id == dossier_id)
        )
    return int(latest or 0) + 1
