"""The cover and the table of contents."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from briefing.book.data import EventV
from briefing.book.markup import escape
from briefing.book.sections.common import Composer
from briefing.book.styles import DEADLINE, RULE, table_style
from briefing.book.template import Contents, Entry
from briefing.book.wrap import Paragraph
from briefing.domain.enums import EventKind, EventStatus
from briefing.domain.formats import days_left


def next_deadline(composer: Composer) -> EventV | None:
    """The first deadline the audience may see that is today or later and not cancelled."""
    today = composer.data.today
    ahead = [
        e
        for e in composer.data.events
        if e.kind == EventKind.DEADLINE
        and e.last_day >= today
        and e.status != EventStatus.CANCELLED
    ]
    return min(ahead, key=lambda e: (e.last_day, e.id), default=None)


def cover(composer: Composer, width: float) -> list[Flowable]:
    """Title, who it is for, which edition, and the deadline that matters next."""
    data, st = composer.data, composer.st
    _ = composer.gettext
    language = composer.speech.code
    out: list[Flowable] = [
        Spacer(1, 40),
        Paragraph(escape(_("BRIEFING BOOK"), bold=True), st.cover_kicker),
        Spacer(1, 6),
        Paragraph(escape(data.title, bold=True), st.cover_title),
    ]
    if data.subtitle:
        subtitle = composer.marked(data.subtitle_level, escape(data.subtitle))
        out.append(Paragraph(subtitle, st.cover_subtitle))
    deadline = next_deadline(composer)
    if deadline is not None:
        left = days_left(deadline.start_date, data.today, deadline.status)
        deadline_cell = Paragraph(
            composer.marked(
                deadline.level,
                f"{escape(deadline.title)} — {escape(composer.speech.date(deadline.start_date))} "
                f'<font color="#{DEADLINE.hexval()[2:]}"><b>{left}</b></font>',
            ),
            st.cover_line,
        )
    else:
        deadline_cell = Paragraph(escape(_("No deadline ahead in this edition")), st.cover_line)
    facts: list[tuple[str, Flowable]] = []
    if data.prepared_for is not None:
        party = data.prepared_for
        facts.append(
            (
                _("Prepared for"),
                Paragraph(composer.marked(party.level, escape(party.name)), st.cover_line),
            )
        )
    banner = composer.top_level().named(language).upper()
    if data.edition is None:
        number = _("DRAFT, not an edition")
    else:
        number = _("No. {number}").format(number=data.edition)
    printed = composer.speech.date(data.printed_on)
    audience = _("{level} — nothing above this level").format(level=data.audience.named(language))
    facts += [
        (_("Edition"), Paragraph(escape(f"{number}, {printed}"), st.cover_line)),
        (_("Audience"), Paragraph(escape(audience), st.cover_line)),
        (_("Handling"), Paragraph(f"<b>{escape(banner, bold=True)}</b>", st.cover_line)),
        (_("Next deadline"), deadline_cell),
    ]
    if data.as_of is not None:
        as_of = composer.speech.date(data.as_of)
        facts.append((_("Facts as of"), Paragraph(escape(as_of), st.cover_line)))
    if data.today != data.printed_on:
        counted = composer.speech.date(data.today)
        facts.append((_("Days counted from"), Paragraph(escape(counted), st.cover_line)))
    rows = [[Paragraph(escape(label, bold=True), st.cover_kicker), value] for label, value in facts]
    table = Table(rows, colWidths=[width * 0.25, width * 0.75], hAlign="LEFT")
    table.setStyle(
        table_style(
            *[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out += [Spacer(1, 24), table]
    if composer.options.edition_note:
        out += [Spacer(1, 30), Paragraph(escape(composer.options.edition_note), st.cover_note)]
    out += [NextPageTemplate("body"), PageBreak()]
    return out


def contents(composer: Composer, entries: list[Entry]) -> list[Flowable]:
    """The table of contents, laid out from the headings before the pages are."""
    _ = composer.gettext
    title = Paragraph(escape(_("Contents"), bold=True), composer.st.toc_title)
    if not entries:
        note = _("Nothing in the chosen sections at this handling level.")
        return [title, Paragraph(escape(note), composer.st.small)]
    return [
        title,
        Contents(entries, composer.st.toc),
        PageBreak(),
    ]
