"""A brief per meeting: when and where, why, who, what we want, and what to say."""

from __future__ import annotations

from functools import partial

from reportlab.platypus import Flowable

from briefing.book.data import EventV, PartyV, PersonV
from briefing.book.markup import escape
from briefing.book.sections.common import Composer, cites_level, when, where
from briefing.book.wrap import Paragraph
from briefing.domain.enums import EventKind, PointKind
from briefing.domain.formats import disputed

GATHERINGS = (EventKind.MEETING, EventKind.CALL, EventKind.SUMMIT)


def person_name(person: PersonV) -> str:
    """The name in both scripts when there is a native one: "Ahn Duk-geun (안덕근)"."""
    return f"{person.name} ({person.native_name})" if person.native_name else person.name


def meetings(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    events = [e for e in data.events if e.kind in GATHERINGS]
    if not events:
        return []
    out: list[Flowable] = [composer.section("meetings")]
    for event in events:
        out += brief(composer, event, width)
    return out


def brief(composer: Composer, event: EventV, width: float) -> list[Flowable]:
    data = composer.data
    out: list[Flowable] = [
        composer.item_heading(
            f"{composer.speech.date(event.start_date)} — {event.title}",
            event.level,
            f"ev{event.id}",
        )
    ]
    facts: list[tuple[str, Flowable]] = [
        (
            composer.gettext("When"),
            composer.cell(when(event, composer.speech, data.home_zone), event.level),
        )
    ]
    if place := where(event):
        facts.append((composer.gettext("Where"), composer.cell(place, event.level)))
    facts.append(
        (
            composer.gettext("Status"),
            composer.cell(
                f"{composer.speech.kind_status(event.kind, event.status)}",
                event.level,
            ),
        )
    )
    if event.disputed:
        facts.append(
            (
                composer.gettext("Sources"),
                composer.cell(
                    composer.gettext(disputed("event")), cites_level(event.level, event.cites)
                ),
            )
        )
    out.append(composer.facts(facts, width))
    out += composer.paras(
        event.summary,
        event.level,
        label=composer.gettext("Summary"),
        cites=event.cites,
        changed=composer.changed(event.id, "summary"),
    )
    b = data.briefs.get(event.id)
    if b is not None:
        changed = partial(composer.changed, b.id)
        out += composer.paras(
            b.purpose, b.level, label=composer.gettext("Purpose"), changed=changed("purpose")
        )
        out += composer.field_paras(
            b.desired_outcome,
            composer.gettext("Desired outcome"),
            changed=changed("desired_outcome"),
        )
        out += composer.paras(
            b.run_of_meeting,
            b.level,
            label=composer.gettext("Run of the meeting"),
            changed=changed("run_of_meeting"),
        )
        out += composer.field_paras(
            b.our_objectives, composer.gettext("Our objectives"), changed=changed("our_objectives")
        )
        out += composer.field_paras(
            b.their_objectives,
            composer.gettext("Their objectives"),
            changed=changed("their_objectives"),
        )
        if b.cites and composer.with_sources:
            out.append(
                Paragraph(
                    composer.marked(
                        composer.cited(b.level, b.cites),
                        escape(composer.gettext("Brief sources:")) + composer.cite_marks(b.cites),
                    ),
                    composer.st.small,
                )
            )
    out += attendees(composer, event, width)
    points = data.points.get(event.id, ())
    for kind, title in (
        (PointKind.TO_MAKE, composer.gettext("Points to make")),
        (PointKind.DEFENSIVE, composer.gettext("Defensive points, if raised")),
        (PointKind.PRESS_LINE, composer.gettext("Press line")),
    ):
        chosen = [p for p in points if p.kind == kind]
        if chosen:
            out.append(composer.subheading(title))
            for point in chosen:
                out += composer.paras(
                    point.text,
                    point.level,
                    cites=point.cites,
                    style="bullet",
                    changed=composer.changed(point.id, "text"),
                )
    chips = [c for c in data.chips if event.id in c.event_ids]
    if chips:
        out.append(composer.subheading(composer.gettext("Chips in play")))
        for chip in chips:
            link = (
                f'<a href="#chip{chip.id}">{escape(chip.title)}</a>'
                if "chips" in composer.options.ordered_sections
                else escape(chip.title)
            )
            state = escape(composer.speech.kind_status(chip.kind, chip.status).lower())
            out.append(
                Paragraph(
                    composer.marked(chip.level, f"{link} — {state}"),
                    composer.st.bullet,
                )
            )
    out += composer.paras(
        event.outcome,
        event.level,
        label=composer.gettext("Outcome"),
        changed=composer.changed(event.id, "outcome"),
    )
    return out


def attendees(composer: Composer, event: EventV, width: float) -> list[Flowable]:
    """Each visible delegation's members in order, then named participants not in one."""
    data = composer.data
    rows = [
        composer.head(
            composer.gettext("Party"),
            composer.gettext("Name"),
            composer.gettext("Title on the day"),
            composer.gettext("Role"),
        )
    ]
    seen: set[int] = set()
    for delegation in (d for d in data.delegations if d.event_id == event.id):
        for member in delegation.members:
            seen.add(member.person.id)
            role = member.role + (composer.gettext(" (head)") if member.head else "")
            rows.append(
                _attendee(composer, event, member.person, delegation.party, role, delegation.level)
            )
    for person in event.participants:
        if person.id not in seen:
            rows.append(_attendee(composer, event, person, person.party, "", person.level))
    if len(rows) == 1:
        return []
    table = composer.table(rows, [width * x for x in (0.1, 0.32, 0.38, 0.2)])
    return [composer.subheading(composer.gettext("Principal attendees")), table]


def _attendee(
    composer: Composer,
    event: EventV,
    person: PersonV,
    party: PartyV | None,
    role: str,
    role_level: int,
) -> list[Flowable]:
    held = person.office_on(event.start_date)
    return [
        composer.cell(party.code, party.level) if party else composer.cell(""),
        composer.cell(person_name(person), person.level),
        composer.cell(composer.speech.office(held, held.office.title), held.office.level)
        if held
        else composer.cell(composer.gettext("no office recorded on this date")),
        composer.cell(role, role_level) if role else composer.cell(""),
    ]
