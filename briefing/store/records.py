"""What forms and navigation need to know of records: their kind, and the ones to pick from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.domain import Record, Source


def record_kind(session: Session, record_id: int) -> str | None:
    """The kind of a record (its page in the window), or None if it is not there.

    From the table: jumping to a record need not configure every mapper.
    """
    record = Record.__table__
    kind = session.scalar(select(record.c.kind).where(record.c.id == record_id))
    return str(kind) if kind is not None else None


def named_records(session: Session, model: type[Record], dossier_id: int) -> list[tuple[str, int]]:
    """The dossier's records of one kind as (display name, id), by name, for a picker."""
    records = session.scalars(select(model).where(model.dossier_id == dossier_id)).all()
    return sorted(((r.display_name, r.id) for r in records), key=lambda c: c[0].casefold())


def source_levels(session: Session, dossier_id: int) -> dict[int, int]:
    """Each of the dossier's sources' handling rank: a citation is never below its source."""
    rows = select(Source.id, Source.handling).where(Source.dossier_id == dossier_id)
    return dict(session.execute(rows).all())
