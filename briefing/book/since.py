"""Which edition a book's "Changed since edition N" section compares with, and what changed.

Read in the session the book's data is loaded in (:func:`briefing.book.build.export_book`),
so the current document, the base edition's snapshot and the rows the change bars are
drawn by agree. The base is ``--since N`` when given, else the latest edition printed for
the same audience on the same paper in the same language; a first edition has none and no
section. Both documents are the audience's, so the comparison cannot show what the audience may not
see; a base printed for another audience is refused rather than compared.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.book.changes import Changes, compare
from briefing.book.data import BookData
from briefing.book.options import BookOptions
from briefing.domain import Dossier, Record
from briefing.errors import N_, BriefingError
from briefing.store.editions import find_edition, previous_edition, snapshot_of
from briefing.store.exchange.schema import DossierFile
from briefing.store.visibility import levels, same_level

LOOKUP_CHUNK = 500
"""Uids looked up per query: well inside every backend's limit on bound parameters."""


@dataclass(frozen=True)
class Since:
    """A book's base edition and what changed since it.

    Attributes:
        edition: the base edition's number.
        printed_on: the day it was printed (dated).
        changes: what changed, between the two documents.
        uids: the row id of each record with new text, to its uid: the book's data
            knows records by row, the documents by uid.
    """

    edition: int
    printed_on: dt.date
    changes: Changes
    uids: Mapping[int, str]

    @property
    def marked(self) -> frozenset[tuple[str, str]]:
        return self.changes.changed_fields()


def base_edition(
    session: Session, data: BookData, dossier: Dossier, options: BookOptions
) -> int | None:
    """The number of the edition the book compares with, or None for no change section.

    ``options.since`` is checked: an edition the login cannot see is reported as
    :func:`~briefing.store.editions.find_edition` reports one never printed, and one for
    another audience is refused.
    """
    if not options.changes:
        return None
    if options.since is None:
        return previous_edition(
            session, dossier.id, data.audience.rank, options.paper, data.edition, options.language
        )
    edition = find_edition(session, dossier.slug, options.since)
    if not same_level(edition.audience, data.audience.rank):
        names = {level.rank: level.name for level in levels(session)}
        raise BriefingError(
            N_(
                "edition {number} of {slug} was printed for the {printed} audience, not "
                "{audience}: a change section compares editions for one audience"
            ),
            number=options.since,
            slug=dossier.slug,
            printed=names.get(edition.audience, edition.audience),
            audience=data.audience.name,
        )
    return options.since


def changes_since(session: Session, dossier: Dossier, number: int, current: DossierFile) -> Since:
    """What changed from edition ``number`` of ``dossier`` to ``current``."""
    edition = find_edition(session, dossier.slug, number)
    base = DossierFile.model_validate_json(snapshot_of(session, dossier.slug, number))
    changes = compare(base, current)
    wanted = sorted({uid for uid, _ in changes.changed_fields()})
    rows: dict[int, str] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        query = select(Record.id, Record.uid).where(
            Record.dossier_id == dossier.id, Record.uid.in_(chunk)
        )
        rows.update((row_id, uid) for row_id, uid in session.execute(query))
    printed = json.loads(edition.options or "{}").get("today")
    day = dt.date.fromisoformat(printed) if printed else edition.created_at.date()
    return Since(number, day, changes, rows)
