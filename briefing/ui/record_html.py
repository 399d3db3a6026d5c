"""The details pane's content: one record, its fields and its citations, as rich text.

Links use private schemes the pane handles itself: ``record:ID`` jumps to a record,
``citation-edit:ID`` and ``citation-delete:ID`` act on a citation. Nothing is fetched.

A protected field (a chip's minimum, a brief's objectives, notes) is read through
:func:`briefing.store.visibility.field`: below its level it is left out with its label,
at or above it, a field more sensitive than its record carries its own marking, "(R)".
A citation likewise shows by its own level.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, with_polymorphic

from briefing.domain import (
    Appointment,
    BargainingChip,
    Delegation,
    Event,
    HandlingLevel,
    MeetingBrief,
    Organization,
    Party,
    Person,
    Record,
    Source,
    TalkingPoint,
    formats,
    is_disputed,
)
from briefing.domain.enums import CREDIBILITY_LABELS
from briefing.domain.people import office_on
from briefing.domain.references import referenced, text_fields, without_references
from briefing.domain.registry import label_of
from briefing.store.chunked import chunked
from briefing.store.references import NamedSource, named_sources
from briefing.store.visibility import (
    above,
    cleared,
    field,
    highest,
    levels,
    only_shown,
    shown,
    shown_citations,
    visible,
)
from briefing.ui.html import esc, esc_refs, highlight

Refs = dict[str, NamedSource]
"""The sources the record's text refers to that the audience may see, by uid."""


def _link(record: Record | None, level: int) -> str:
    if record is None or not shown(record, level):
        return ""
    return f'<a href="record:{record.id}">{esc(record.display_name)}</a>'


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td style="color:#7f8c8d;padding-right:8px;vertical-align:top">{esc(k)}</td>'
        f"<td>{v}</td></tr>"
        for k, v in pairs
        if v
    )
    return f"<table cellspacing=2>{cells}</table>" if cells else ""


def _mark(rank: int, record: Record, marks: dict[int, str]) -> str:
    """A part's own portion marking, ahead of it, when it is more sensitive than its
    record: "(R) "."""
    if not above(rank, record.handling):
        return ""
    return f"<b>{esc(formats.marking(marks[rank]))}</b> "


def _protected(record: Record, name: str, level: int, marks: dict[int, str], refs: Refs) -> str:
    """A protected field as the audience sees it, marked; "" (no row) when it may not."""
    shown_field = field(record, name, level)
    if shown_field is None or not shown_field.value:
        return ""
    return _mark(shown_field.level, record, marks) + esc_refs(shown_field.value, refs)


def _value(chip: BargainingChip, level: int, marks: dict[int, str], refs: Refs) -> str:
    """A chip's value (amount, currency and note, protected together), marked."""
    parts = [field(chip, name, level) for name in ("value_amount", "value_currency", "value_note")]
    amount, currency, note = (None if part is None else part.value for part in parts)
    shown = [esc(text) for text in (formats.money(amount, currency or ""),) if text]
    if note:
        shown.append(esc_refs(note, refs))
    if not shown:
        return ""
    rank = highest(*(part.level for part in parts if part is not None))
    return _mark(rank, chip, marks) + " – ".join(shown)


def _refs(session: Session, record: Record, level: int) -> Refs:
    """The sources named in the record's text that the audience may see."""
    uids: list[str] = []
    for name in text_fields(record.kind):
        found = field(record, name, level)
        if found is not None and isinstance(found.value, str):
            uids += referenced(found.value)
    return named_sources(session, record.dossier_id, level, uids) if uids else {}


def _date(day: dt.date | None) -> str:
    return formats.fmt_date(day) if day else ""


def _at(organization: Organization | None, level: int) -> str:
    return f", {esc(organization.name)}" if organization and shown(organization, level) else ""


def _fields(
    record: Record, level: int, marks: dict[int, str], refs: Refs, on: dt.date, today: dt.date
) -> list[tuple[str, str]]:
    match record:
        case Party():
            return [("Code", esc(record.code))]
        case Organization():
            return [
                ("Acronym", esc(record.acronym)),
                ("Kind", esc(record.org_kind.label)),
                ("Party", _link(record.party, level)),
            ]
        case Person():
            offices = "<br>".join(
                f"{esc(a.title)}{_at(a.organization, level)}"
                f" ({_date(a.start) or '…'} – {_date(a.end) or 'present'})"
                for a in only_shown(record.appointments, level)
            )
            held = office_on(only_shown(record.appointments, level), on)
            return [
                ("Native name", esc(record.native_name)),
                ("Party", _link(record.party, level)),
                (f"Office on {on}", esc(held.label(held.office.title)) if held else ""),
                ("Appointments", offices),
                ("Biography", esc_refs(record.bio, refs)),
            ]
        case Appointment():
            return [
                ("Person", _link(record.person, level)),
                ("Organization", _link(record.organization, level)),
                ("From", _date(record.start)),
                ("To", _date(record.end) or "present"),
            ]
        case Event():
            when = formats.dated(record.start_date, record.end_date, record.precision)
            if record.start_time:
                when += f", {record.start_time:%H:%M}"
            left = formats.days_left(record.start_date, today, record.status)
            counted = f", {left}" if left else ""
            return [
                ("Kind", esc(record.event_kind.label)),
                ("When", f"{esc(when)} ({esc(record.precision.label.lower())} precision{counted})"),
                ("Place", esc(" · ".join(p for p in (record.place, record.timezone) if p))),
                ("Status", esc(record.status.label)),
                ("Owner", _link(record.owner, level)),
                (
                    "Participants",
                    ", ".join(_link(p, level) for p in only_shown(record.participants, level)),
                ),
                ("Summary", esc_refs(record.summary, refs)),
                ("Outcome", esc_refs(record.outcome, refs)),
                (
                    "Delegations",
                    "<br>".join(_link(d, level) for d in only_shown(record.delegations, level)),
                ),
                ("Brief", _link(record.brief, level)),
            ]
        case Delegation():
            members = "<br>".join(
                f"{i}. {_link(m.person, level)}"
                f"{' (head)' if m.is_head else ''}{' – ' + esc(m.role) if m.role else ''}"
                for i, m in enumerate(
                    [m for m in record.members if shown(m.person, level)], start=1
                )
            )
            return [
                ("Party", _link(record.party, level)),
                ("Event", _link(record.event, level)),
                ("Members", members),
            ]
        case MeetingBrief():
            return [
                ("Event", _link(record.event, level)),
                ("Purpose", esc_refs(record.purpose, refs)),
                ("Desired outcome", _protected(record, "desired_outcome", level, marks, refs)),
                ("Run of the meeting", esc_refs(record.run_of_meeting, refs)),
                ("Our objectives", _protected(record, "our_objectives", level, marks, refs)),
                ("Their objectives", _protected(record, "their_objectives", level, marks, refs)),
            ]
        case BargainingChip():
            return [
                ("Party", _link(record.party, level)),
                ("Kind", esc(record.chip_kind.label)),
                ("Status", esc(record.status.label)),
                ("Priority", str(record.priority)),
                ("Likelihood", esc(record.likelihood.label)),
                ("Sectors", esc(", ".join(record.sector_names))),
                ("Value", _value(record, level, marks, refs)),
                ("Description", esc_refs(record.description, refs)),
                ("Our target", _protected(record, "our_target", level, marks, refs)),
                ("Our minimum", _protected(record, "our_minimum", level, marks, refs)),
                ("Their position", _protected(record, "their_position", level, marks, refs)),
                ("Tradeable", "yes" if record.tradeable else "no"),
                (
                    "Events",
                    "<br>".join(_link(e, level) for e in only_shown(record.events, level)),
                ),
            ]
        case TalkingPoint():
            return [
                ("Kind", esc(record.point_kind.label)),
                ("About", _link(record.subject, level)),
                ("Text", esc_refs(record.text, refs)),
            ]
        case Source():
            return [
                ("Refer to it in text as", esc(f"[[{record.uid}]]")),
                ("Publisher", esc(record.publisher)),
                ("Author", esc(record.author)),
                ("Date", _date(record.published_on)),
                ("Language", esc(record.language)),
                ("Address", esc(record.address)),
                ("Reliability", esc(record.reliability.label)),
            ]
    return []


def _citations(record: Record, level: int, marks: dict[int, str]) -> str:
    citations = shown_citations(record, level)
    if not citations:
        return "<p><i>No source cited.</i></p>"
    items = []
    for c in citations:
        items.append(
            f"<li>{_mark(c.handling, record, marks)}"
            f'<a href="record:{c.source.id}">{esc(c.source.title)}</a> '
            f"<b>[{esc(c.source.reliability.value)}{c.credibility}]</b> "
            f"<i>{esc(c.stance.label.lower())}</i>"
            f"{' · ' + esc(c.locator) if c.locator else ''}<br>"
            f"“{esc(c.excerpt)}”<br>"
            f'<small><span title="{esc(CREDIBILITY_LABELS[c.credibility])}">'
            f"{esc(CREDIBILITY_LABELS[c.credibility])}</span> · "
            f'<a href="citation-edit:{c.id}">edit</a> · '
            f'<a href="citation-delete:{c.id}">remove</a></small>'
            "</li>"
        )
    return f"<ol>{''.join(items)}</ol>"


CITING_LISTED = 200
"""Citing records named under a source; a ministry's wire feed can back thousands."""


def _citing_records(session: Session, source: Source) -> dict[int, Record]:
    """Every record citing ``source``, each of its own kind, in a few queries, not one each."""
    every_kind = with_polymorphic(Record, "*")
    ids = sorted({c.record_id for c in source.cited_by})
    records: dict[int, Record] = {}
    for piece in chunked(ids, 10_000):  # under SQLite's limit on bound parameters
        records.update(
            (r.id, r) for r in session.scalars(select(every_kind).where(every_kind.id.in_(piece)))
        )
    return records


def _source_extra(session: Session, source: Source, level: int) -> str:
    records = _citing_records(session, source)
    citing = [
        c
        for c in source.cited_by
        if cleared(c.handling, level) and shown(records.get(c.record_id), level)
    ]
    items = "".join(
        f"<li>{_link(records[c.record_id], level)} <i>({esc(c.stance.label.lower())})</i></li>"
        for c in citing[:CITING_LISTED]
    )
    if len(citing) > CITING_LISTED:
        items += f"<li><i>… and {len(citing) - CITING_LISTED:,} more</i></li>"
    text = highlight(source.full_text, [c.excerpt for c in citing])
    return (
        f"<h3>Cited by {len(citing):,} record{'s' if len(citing) != 1 else ''}</h3><ul>{items}</ul>"
        f"<h3>Full text</h3><p>{text}</p>"
    )


def record_html(session: Session, record_id: int, level: int, today: dt.date) -> str:
    """The details of one record for an audience at ``level``; empty if it may not see it.

    ``today`` is the dossier's reference date: days left count from it, and a person's
    office is the one held on it.
    """
    record = session.get(Record, record_id)
    if record is None or not shown(record, level):
        return ""
    on = record.start_date if isinstance(record, Event) else today
    marks = {x.rank: x.marking for x in levels(session)}
    refs = _refs(session, record, level)
    level_row = session.get_one(HandlingLevel, record.handling)
    badge = (
        ' <span style="background-color:#c0392b;color:white">'
        f"&nbsp;{formats.DISPUTED.upper()}&nbsp;</span>"
        if is_disputed(shown_citations(record, level))
        else ""
    )
    parts = [
        f"<p><small>{esc(label_of(record.kind))} · "
        f"{esc(formats.marked(level_row.marking, level_row.name))}</small></p>",
        (
            f'<table><tr><td><img src="avatar:{record.id}" width="64" height="64"></td>'
            f'<td style="padding-left:8px"><h2>{esc(record.display_name)}{badge}</h2>'
            "</td></tr></table>"
            if isinstance(record, Person)
            else f"<h2>{esc(record.display_name)}{badge}</h2>"
        ),
        _rows(_fields(record, level, marks, refs, on, today)),
    ]
    aliases = [a.name for a in record.aliases]
    if aliases:
        parts.append(f"<p><b>Also written:</b> {esc('; '.join(aliases))}</p>")
    points = session.scalars(
        select(TalkingPoint)
        .where(TalkingPoint.subject_id == record.id, visible(TalkingPoint, level))
        .order_by(TalkingPoint.position, TalkingPoint.id)
    ).all()
    if points:
        items = "".join(
            f"<li><b>{esc(p.point_kind.label)}</b> "
            f"{esc(formats.marking(marks[p.handling]))} "
            f'<a href="record:{p.id}">{esc(without_references(p.text))}</a></li>'
            for p in points
        )
        parts.append(f"<h3>Talking points</h3><ul>{items}</ul>")
    notes = _protected(record, "notes", level, marks, refs)
    if notes:
        parts.append(f"<h3>Notes</h3><p>{notes}</p>")
    if not isinstance(record, Source):
        parts.append(f"<h3>Citations</h3>{_citations(record, level, marks)}")
    else:
        parts.append(_source_extra(session, record, level))
    return "".join(parts)
