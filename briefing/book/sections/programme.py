"""The delegation's programme (issue 19): a page per day, each entry with its venue time and
home time, who of the delegation takes part, the contact on site and where to be next."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from briefing.book.data import EventV, PersonV
from briefing.book.sections.common import Composer, where
from briefing.domain.enums import DatePrecision
from briefing.domain.programme import Day, programme
from briefing.domain.times import event_clocks
from briefing.store.visibility import highest


def ours(composer: Composer, event: EventV) -> tuple[PersonV, ...]:
    """The delegation's people at ``event``: its participants of the party the dossier is
    prepared for (everyone named, when it is prepared for no party)."""
    party = composer.data.prepared_for
    if party is None:
        return event.participants
    return tuple(p for p in event.participants if p.party is not None and p.party.id == party.id)


def day_page(composer: Composer, day: Day[EventV], width: float) -> list[Flowable]:
    """One day's entries in a table: a day's programme is read as one page."""
    _ = composer.gettext
    speech = composer.speech
    heading = speech.dated(day.day, None, DatePrecision.DAY)
    out: list[Flowable] = [composer.group_heading(heading, composer.key("day"))]
    rows = [composer.head(_("Time (venue · home)"), _("Entry"), _("Delegation"), _("Next"))]
    for item in day.items:
        composer.progress.check()
        event = item.event
        time = event_clocks(event, composer.data.home_zone)
        if time is None and event.start_time is not None:
            time = f"{event.start_time:%H:%M}"
        entry = [f"{event.title} ({speech.label(event.kind)})", where(event)]
        level = event.level
        if event.owner is not None:
            entry.append(_("Contact on site: {name}").format(name=event.owner.name))
            level = highest(level, event.owner.level)
        people = ours(composer, event)
        rows.append(
            [
                composer.cell(time or _("time not set")),
                composer.cell("; ".join(part for part in entry if part), level),
                composer.cell(
                    ", ".join(p.name for p in people), highest(*(p.level for p in people))
                )
                if people
                else composer.cell(""),
                composer.cell(item.next_place, item.following.level)
                if item.following is not None and item.next_place
                else composer.cell(""),
            ]
        )
    out.append(composer.table(rows, [width * x for x in (0.25, 0.41, 0.19, 0.15)]))
    return out


def programme_section(composer: Composer, width: float) -> list[Flowable]:
    """Days on the venue's calendar (see :func:`briefing.domain.programme.programme`), each
    from a new page, so a day printed is a sheet to carry and nothing of another day is on it.
    """
    days = programme(composer.data.events)
    if not days:
        return []
    out: list[Flowable] = [composer.section("programme")]
    for i, day in enumerate(days):
        if i:
            out.append(PageBreak())
        out += day_page(composer, day, width)
    return out
