"""Edition numbers: the book records each edition, and the export dialog proposes the next."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from briefing.domain import Edition


def next_edition(session: Session, dossier_id: int) -> int:
    """The number the next edition of the dossier will be printed with."""
    latest = session.scalar(
        select(func.max(Edition.number)).where(Edition.dossier_id == dossier_id)
    )
    return int(latest or 0) + 1
