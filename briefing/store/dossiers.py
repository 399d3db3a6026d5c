"""Whole dossiers: finding one by its slug, and changes to one (deleting it, what it counts
days from, its home zone), undoable exactly.

A dossier's records, links, citations and editions all cascade from its row, so the
delete is :func:`briefing.store.edits.delete_rows` on that row. Its snapshot lists the
dossier before the party it is prepared for (the link is added after the tables exist), so
putting it back inserts the dossier without that link and sets it last.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from briefing.domain import Base, Dossier
from briefing.domain.enums import DayCount
from briefing.domain.times import is_zone
from briefing.errors import NotFound, NotSaved
from briefing.i18n import N_
from briefing.store.edits import Snapshot, delete_rows, restore

_DOSSIER = Base.metadata.tables["dossier"]


def find_dossier(session: Session, slug: str | None) -> Dossier:
    """The dossier with ``slug``, or the only one when ``slug`` is None."""
    if slug is None:
        dossiers = session.scalars(select(Dossier).order_by(Dossier.id)).all()
        if len(dossiers) == 1:
            return dossiers[0]
        if not dossiers:
            raise NotFound(N_("the database holds no dossier"))
        names = ", ".join(d.slug for d in dossiers)
        raise NotFound(N_("the database holds several dossiers; name one of: {names}"), names=names)
    dossier = session.scalar(select(Dossier).where(Dossier.slug == slug))
    if dossier is None:
        raise NotFound(N_("no dossier called {slug!r}"), slug=slug)
    return dossier


@dataclass(frozen=True)
class DeletedDossier:
    """What a dossier delete removed: enough to put every row back with its ids."""

    slug: str
    records: int
    snapshot: Snapshot


def delete_dossier(session: Session, slug: str) -> DeletedDossier:
    """Delete the dossier called ``slug`` and everything in it."""
    dossier = find_dossier(session, slug)
    snapshot = delete_rows(session, "dossier", {"id": dossier.id})
    return DeletedDossier(slug, len(snapshot.record_ids), snapshot)


def restore_dossier(session: Session, deleted: DeletedDossier) -> None:
    """Put a deleted dossier back exactly as it was (the undo of :func:`delete_dossier`)."""
    prepared_for = {}
    rows = []
    for name, row in deleted.snapshot.rows:
        if name == "dossier":
            prepared_for[row["id"]] = row["prepared_for_id"]
            row = {**row, "prepared_for_id": None}
        rows.append((name, row))
    restore(session, Snapshot(rows, deleted.snapshot.cleared))
    for dossier_id, party_id in prepared_for.items():
        session.execute(
            update(_DOSSIER).where(_DOSSIER.c.id == dossier_id).values(prepared_for_id=party_id)
        )


def set_day_count(session: Session, dossier_id: int, count: DayCount) -> DayCount:
    """Make the dossier count days from ``count``; returns what it counted from before."""
    dossier = session.get_one(Dossier, dossier_id)
    before = dossier.count_days_from
    dossier.count_days_from = count
    session.flush()
    return before


def set_home_zone(session: Session, dossier_id: int, zone: str) -> str:
    """Make ``zone`` the dossier's home clock (the travelling party's, on which home times
    are shown and days left counted); returns the zone it had before. A zone the time-zone
    database does not know is refused with nothing changed."""
    if not is_zone(zone):
        raise NotSaved(
            N_("{zone!r} is not a time zone Briefing knows; give an IANA zone such as Asia/Seoul"),
            zone=zone,
        )
    dossier = session.get_one(Dossier, dossier_id)
    before = dossier.home_zone
    dossier.home_zone = zone
    session.flush()
    return before
