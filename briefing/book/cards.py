"""The principal's pocket cards (issue 19): one small card per meeting, to be folded into a
pocket and read in the car on the way in.

A card holds what the principal needs in the last minutes before a meeting and nothing
more: the time on the venue's clock and the home clock, the place, who they will meet
(face or initials, the name in both scripts, the office held on the day), the first three
points to make, the press line, and our walk-away minimum on each chip in play, where the
audience may see it.

"Meetings" are the book's gatherings (:data:`briefing.book.sections.meetings.GATHERINGS`:
meetings, calls and summits): the events at which the principal faces a counterpart and
speaks for us, the ones the book writes a brief for. Deadlines, elections and
announcements have nobody to meet and nothing to say across a table.

A set of cards is an edition like a book (:func:`export_cards`): read through the one
audience filter (:func:`briefing.book.load.load_book`), laid out by the book's template with
its banners, header, footer, fonts and document information, written atomically under a
name made only of the slug, audience and number, and recorded as an edition (its options
say ``"form": "cards"``) with the audit trail's event ("cards"), in one transaction
(:func:`briefing.book.build.keep_edition`). ``paper`` "a4" prints A6 cards, "letter"
half-Letter ones, the sheets a ministry and an embassy each have at hand.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A6
from reportlab.lib.units import inch, mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Table

from briefing.book.build import (
    FRAME_PADDING,
    TOTAL,
    Kept,
    ProgressFn,
    Rendered,
    content_hash,
    document,
    keep_edition,
    proposed_file_name,
)
from briefing.book.data import BookData, EventV, PersonV
from briefing.book.load import load_book
from briefing.book.markup import escape
from briefing.book.options import BookCancelled, BookOptions, ExportResult
from briefing.book.sections.common import Composer, when, where
from briefing.book.sections.meetings import GATHERINGS, person_name
from briefing.book.sections.people import AVATAR, avatar
from briefing.book.styles import BANNER_HEIGHT, RULE, table_style
from briefing.book.template import (
    EDGE,
    FOOTER_SPACE,
    HEADER_SPACE,
    BookCanvas,
)
from briefing.book.wrap import Paragraph
from briefing.domain.enums import PointKind
from briefing.errors import N_, BriefingError
from briefing.store.db.database import Store
from briefing.store.db.holding import collector_paused
from briefing.store.dossiers import find_dossier
from briefing.store.editions import pack
from briefing.store.exchange.export import dossier_to_model, dumps
from briefing.store.visibility import highest

CARD_PAPERS: dict[str, tuple[float, float]] = {"a4": A6, "letter": (5.5 * inch, 8.5 * inch)}
"""A card's page by the book's paper: A6 from an A4 office, half-Letter from a Letter one."""

CARD_MARGIN = 8 * mm
POINTS = 3
"""The points to make a card prints: the first three, in the brief's order; and the
walk-away minima of the three chips in play with the highest priority. The rest are in
the book: a card the principal cannot read at a glance is no use in a pocket."""


def meetings_of(data: BookData) -> list[EventV]:
    """The events that get a card, in the book's order (by start)."""
    return [e for e in data.events if e.kind in GATHERINGS]


def card_file_name(dossier_slug: str, level_name: str, edition: int | None) -> str:
    """A card set's file name: the book's (:func:`proposed_file_name`), "-cards" added."""
    name = proposed_file_name(dossier_slug, level_name, edition)
    return name.removesuffix(".pdf") + "-cards.pdf"


def counterparts(data: BookData, event: EventV) -> list[tuple[PersonV, str, int]]:
    """Whom the principal meets: every attendee the audience sees (delegation members in
    order, then named participants), with their role and the role's level, but those of
    the party the dossier is prepared for, our own side. Without that party, everyone."""
    ours = data.prepared_for.id if data.prepared_for is not None else None
    found: list[tuple[PersonV, str, int]] = []
    seen: set[int] = set()
    for delegation in (d for d in data.delegations if d.event_id == event.id):
        for member in delegation.members:
            seen.add(member.person.id)
            party = delegation.party or member.person.party
            if ours is None or party is None or party.id != ours:
                found.append((member.person, member.role, delegation.level))
    for person in event.participants:
        if person.id not in seen and (
            ours is None or person.party is None or ours != person.party.id
        ):
            found.append((person, "", person.level))
    return found


def card(composer: Composer, event: EventV, width: float) -> list[Flowable]:
    """One meeting's card, as flowables for a single page."""
    data = composer.data
    st = composer.st
    out: list[Flowable] = [
        Paragraph(composer.marked(event.level, escape(event.title, bold=True)), st.card_name)
    ]
    facts = [
        (
            composer.gettext("When"),
            composer.cell(when(event, composer.speech, data.home_zone), event.level),
        )
    ]
    if place := where(event):
        facts.append((composer.gettext("Where"), composer.cell(place, event.level)))
    out.append(composer.facts(facts, width))
    people = counterparts(data, event)
    if people:
        out.append(composer.subheading(composer.gettext("Principal attendees")))
        out.append(_faces(composer, event, people, width))
    points = data.points.get(event.id, ())
    to_make = [p for p in points if p.kind == PointKind.TO_MAKE][:POINTS]
    press = [p for p in points if p.kind == PointKind.PRESS_LINE]
    for title, chosen in (
        (composer.gettext("Points to make"), to_make),
        (composer.gettext("Press line"), press),
    ):
        if chosen:
            out.append(composer.subheading(title))
            for point in chosen:
                out += composer.paras(point.text, point.level, style="bullet")
    minima = [c for c in data.chips if event.id in c.event_ids and c.our_minimum is not None]
    del minima[POINTS:]  # the chips come by priority: the card keeps the first few
    if minima:
        out.append(composer.subheading(composer.gettext("Our minimum (walk-away)")))
        for chip in minima:
            assert chip.our_minimum is not None
            out += composer.paras(
                chip.our_minimum.text,
                highest(chip.level, chip.our_minimum.level),
                label=chip.title,
                style="bullet",
            )
    return out


def _faces(
    composer: Composer, event: EventV, people: list[tuple[PersonV, str, int]], width: float
) -> Table:
    """Each counterpart as the delegations section shows a member: a face (or initials), the
    name in both scripts, the office held on the day of the meeting, the role."""
    rows = []
    for person, role, role_level in people:
        lines: list[Flowable] = [
            Paragraph(
                composer.marked(person.level, escape(person_name(person), bold=True)),
                composer.st.cell,
            )
        ]
        held = person.office_on(event.start_date)
        if held is not None:
            office = held.office
            lines.append(composer.cell(composer.speech.office(held, office.title), office.level))
        # A role that only repeats the office (a minister heading their own delegation as
        # "Minister") would take one of the card's few lines for nothing.
        if role and (held is None or role != held.office.title):
            lines.append(composer.cell(role, role_level))
        rows.append([avatar(person), lines])
    table = Table(rows, colWidths=[AVATAR + 6, width - AVATAR - 6], hAlign="LEFT")
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        )
    )
    return table


class _Quiet:
    """Composing cards reports nothing of its own; Cancel is checked card by card."""

    def __init__(self, cancelled: Callable[[], bool] | None) -> None:
        self._cancelled = cancelled

    def section(self, name: str) -> None:
        self.check()

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise BookCancelled(N_("the export was cancelled; no file was written"))


def render_cards(
    data: BookData, options: BookOptions, cancelled: Callable[[], bool] | None = None
) -> Rendered:
    """Lay out a card per meeting in memory: each card shrunk, if it must be, to fit its
    one page, so the set has exactly as many pages as meetings; with no meeting the
    audience may see there is nothing to print, and that is said rather than written."""
    progress = _Quiet(cancelled)
    # The cards print no sources list, so no citation marks: a card is read, not checked.
    composer = Composer(data, dataclasses.replace(options, sections=("meetings",)), progress)
    pagesize = CARD_PAPERS[options.paper]
    width = pagesize[0] - 2 * CARD_MARGIN - 2 * FRAME_PADDING
    height = (
        pagesize[1] - 2 * (EDGE + BANNER_HEIGHT) - HEADER_SPACE - FOOTER_SPACE - 2 * FRAME_PADDING
    )
    events = meetings_of(data)
    if not events:
        raise BriefingError(
            N_(
                "the dossier has no meeting, call or summit this audience may see: no cards to "
                "print"
            )
        )
    story: list[Flowable] = []
    for event in events:
        progress.check()
        if story:
            story.append(PageBreak())
        story.append(KeepInFrame(width, height, card(composer, event, width), mode="shrink"))
    level = composer.top_level()
    buffer = io.BytesIO()
    doc = document(
        buffer,
        data,
        options,
        level,
        subject=N_("Pocket cards, {edition}, for the {level} audience"),
        pagesize=pagesize,
        on_layout=lambda _done, _total: progress.check(),
        margin=CARD_MARGIN,
        cover=False,
    )
    doc.build(story, canvasmaker=BookCanvas)
    return Rendered(buffer.getvalue(), doc.canv.pages_shown, 1, level.name)


def export_cards(
    store: Store,
    slug: str | None,
    options: BookOptions,
    target: Path,
    *,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Print the principal's pocket cards of the dossier ``slug`` (or the only one) for
    ``options.audience`` to ``target``, and record them as an edition (none for a draft).

    ``progress(done, total, what)`` and ``cancelled()`` as for :func:`export_book`.
    """
    options = dataclasses.replace(options, cards=True, since=None, changes=False)
    if progress is not None:
        progress(0, TOTAL, "reading the dossier")
    with store.session() as session:
        data = load_book(session, slug, options)
        dossier = find_dossier(session, data.slug)
        dossier_id = dossier.id
        snapshot = None
        if data.edition is not None:
            with collector_paused():
                model = dossier_to_model(session, dossier, audience=data.audience.rank)
                snapshot = pack(dumps(model).encode("utf-8"))
    if progress is not None:
        progress(TOTAL // 10, TOTAL, "laying out the cards")
    rendered = render_cards(data, options, cancelled)
    digest = content_hash(data, options)
    if progress is not None:
        progress(TOTAL * 9 // 10, TOTAL, "writing the file")
    recorded = data.edition is not None
    keep_edition(
        store,
        data,
        options,
        Kept(digest, [rendered], [], [target], snapshot, dossier_id),
        recorded=recorded,
        action="cards",
    )
    if progress is not None:
        progress(TOTAL, TOTAL, "done")
    return ExportResult(
        path=target,
        pages=rendered.pages,
        passes=rendered.passes,
        edition=data.edition,
        content_hash=digest,
        highest_level=rendered.highest,
        recorded=recorded,
    )
