"""Editions: the book records each edition, the export dialog proposes the next, and an
edition kept with its PDF is printed again byte for byte (issue 17).

An edition's row holds what its audience saw: the audience's dossier document and the
PDF as written, both zlib-compressed. A reprint writes those stored bytes back, so it is
the same file however the dossier or the app has changed since; nothing is composed
again. On a team server the row is at its audience's level, so a login below that
audience reads neither the edition nor its snapshot: for it the edition does not exist,
and every message here says the same for an edition hidden as for one never printed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import zlib
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Edition, EditionCopy
from briefing.domain.formats import ENGLISH
from briefing.errors import BriefingError, NotFound
from briefing.files import write_atomically
from briefing.i18n import N_
from briefing.store import audit
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.visibility import at_level, levels, shared_with_colleagues

COMPRESSION = 6
"""zlib's level for what an edition keeps. Level 9 saved 0.6% more of a 500-page book's
PDF and took twice the time (0.16 s against 0.08 s)."""


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


def pack(data: bytes) -> bytes:
    """What an edition stores of ``data`` (its snapshot, its PDF)."""
    return zlib.compress(data, COMPRESSION)


def unpack(stored: bytes) -> bytes:
    return zlib.decompress(stored)


@dataclasses.dataclass(frozen=True)
class Listed:
    """One edition as ``edition list`` shows it."""

    slug: str
    number: int
    printed_at: dt.datetime
    """When it was recorded (UTC)."""
    audience: str
    """The audience's level by the scale's name, as file names and the command line give it."""
    audience_label: str
    """The same level named in the language :func:`list_editions` was asked for."""
    note: str
    """The edition note the export was given ("" for none)."""
    made_by: str | None
    """None for an edition printed before editions named who printed them."""
    pages: int | None
    kept: bool
    """Whether it keeps its snapshot and PDF (or its copies'), so it can be reprinted."""
    copies: int = 0
    """How many numbered copies it was printed in (0: printed as one)."""
    cards: bool = False
    """It is a set of the principal's pocket cards, not a book (:mod:`briefing.book.cards`)."""


def list_editions(
    session: Session, slug: str | None = None, language: str = ENGLISH
) -> list[Listed]:
    """The editions the login may see, of the dossier ``slug`` (or of every dossier), by
    dossier and number, audiences also named in ``language``. Reads neither snapshots nor
    PDFs, only whether they are there."""
    copies = (
        select(func.count(EditionCopy.id))
        .where(EditionCopy.edition_id == Edition.id)
        .scalar_subquery()
    )
    query = (
        select(
            Dossier.slug,
            Edition.number,
            Edition.created_at,
            Edition.audience,
            Edition.note,
            Edition.made_by,
            Edition.pages,
            Edition.pdf.is_not(None),
            copies,
            Edition.options,
        )
        .join(Dossier, Dossier.id == Edition.dossier_id)
        .order_by(Dossier.slug, Edition.number)
    )
    if slug is not None:
        query = query.where(Edition.dossier_id == find_dossier(session, slug).id)
    scale = {level.rank: level for level in levels(session)}
    names = {rank: level.name for rank, level in scale.items()}
    labels = {rank: level.named(language) for rank, level in scale.items()}
    return [
        Listed(
            slug,
            number,
            at,
            names.get(rank, str(rank)),
            labels.get(rank, str(rank)),
            note,
            who,
            pages,
            bool(kept or n),
            int(n),
            json.loads(options or "{}").get("form") == "cards",
        )
        for slug, number, at, rank, note, who, pages, kept, n, options in session.execute(query)
    ]


def find_edition(session: Session, slug: str, number: int) -> Edition:
    """Edition ``number`` of the dossier ``slug``; one above the login's clearance is, as
    the server hides it, reported exactly as one never printed."""
    dossier = find_dossier(session, slug)
    edition = session.scalar(
        select(Edition).where(Edition.dossier_id == dossier.id, Edition.number == number)
    )
    if edition is None:
        raise NotFound(N_("{slug} has no edition {number}"), slug=dossier.slug, number=number)
    return edition


def snapshot_of(session: Session, slug: str, number: int) -> bytes:
    """The dossier document edition ``number`` of ``slug`` was printed from, as its
    audience saw it (the text ``dossier export --audience`` gave that day)."""
    edition = find_edition(session, slug, number)
    if edition.snapshot is None:
        raise BriefingError(_not_kept(slug, number))
    return unpack(edition.snapshot)


def pdf_of(session: Session, slug: str, number: int) -> bytes:
    """The PDF edition ``number`` of ``slug`` was printed as, to show on screen: nothing
    is written, so, as for a record looked at, nothing is audited. An edition printed in
    numbered copies shows its first: the copies differ only in their marks."""
    edition = find_edition(session, slug, number)
    counted = session.scalar(
        select(func.count(EditionCopy.id)).where(EditionCopy.edition_id == edition.id)
    )
    return unpack(_kept_pdf(session, edition, slug, 1 if counted else None))


def previous_edition(
    session: Session,
    dossier_id: int,
    audience: int,
    paper: str,
    before: int | None,
    language: str = "en",
) -> int | None:
    """The number of the latest edition of the dossier printed for ``audience`` on ``paper``
    in ``language``, below number ``before`` (any, for None): what a book's change section
    is compared with by default. Drafts are never recorded, so never found here, and a set
    of pocket cards (options' ``"form": "cards"``) is not a book to compare with. An edition
    recorded before books had a language was printed in English."""
    query = (
        select(Edition.number, Edition.options)
        .where(Edition.dossier_id == dossier_id, at_level(Edition.audience, audience))
        .order_by(Edition.number.desc())
    )
    if before is not None:
        query = query.where(Edition.number < before)
    for number, options in session.execute(query):
        printed = json.loads(options or "{}")
        if (
            printed.get("paper", "a4") == paper
            and printed.get("language", "en") == language
            and printed.get("form", "book") == "book"
        ):
            return int(number)
    return None


@dataclasses.dataclass(frozen=True)
class Reprinted:
    path: Path
    number: int
    audience: str
    pages: int | None
    size: int


def reprint(
    store: Store, slug: str, number: int, target: Path, copy: int | None = None
) -> Reprinted:
    """Write edition ``number`` of ``slug`` to ``target``: the PDF it was printed as, byte
    for byte. Written as an export is (beside the target, then renamed over it, so a
    failure leaves the previous file; readable by others only for the lowest audiences)
    and recorded in the audit trail as a reprint of that edition, in the same transaction.

    An edition printed in numbered copies is reprinted one copy at a time (``copy``): a
    reprint of copy k is copy k, marks and all, never a copy without a recipient.
    """
    with audit.exporting(store, target) as session:
        edition = find_edition(session, slug, number)
        pdf = unpack(_kept_pdf(session, edition, slug, copy))
        scale = levels(session)
        audit.record(
            session,
            action="reprint",
            dossier=slug,
            audience=edition.audience,
            edition=number,
            content_hash=edition.content_hash,
            detail=target.name if copy is None else f"{target.name}, copy {copy}",
        )
        session.flush()
        write_atomically(
            target,
            pdf,
            shared=shared_with_colleagues([x.rank for x in scale], edition.audience),
        )
        names = {x.rank: x.name for x in scale}
        return Reprinted(target, number, names[edition.audience], edition.pages, len(pdf))


def _kept_pdf(session: Session, edition: Edition, slug: str, copy: int | None) -> bytes:
    """The stored PDF a reprint of ``edition`` (its copy ``copy``) writes back."""
    counted = session.scalar(
        select(func.count(EditionCopy.id)).where(EditionCopy.edition_id == edition.id)
    )
    name = f"edition {edition.number} of {slug}"
    if copy is None:
        if edition.pdf is not None:
            return edition.pdf
        if counted:
            raise BriefingError(
                N_(
                    "{name} was printed in {counted} numbered copies: say which to reprint (--copy "
                    "1 to {counted})"
                ),
                name=name,
                counted=counted,
            )
        raise BriefingError(_not_kept(slug, edition.number))
    if not counted:
        raise BriefingError(N_("{name} was printed as one book, not in numbered copies"), name=name)
    stored = session.scalar(
        select(EditionCopy.pdf).where(
            EditionCopy.edition_id == edition.id, EditionCopy.number == copy
        )
    )
    if stored is None:
        raise BriefingError(
            N_("{name} has no copy {copy}: it was printed in {counted}"),
            name=name,
            copy=copy,
            counted=counted,
        )
    return stored


def _not_kept(slug: str, number: int) -> str:
    return (
        f"edition {number} of {slug} was printed before editions kept their PDF and "
        "snapshot (issue 17); it cannot be printed again as it was"
    )
