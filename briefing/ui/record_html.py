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
from collections.abc import Callable, Sequence
from typing import TypeVar

from briefing.domain import (
    Appointment,
    BargainingChip,
    Delegation,
    Event,
    Organization,
    Person,
    Record,
    Source,
    formats,
)
from briefing.domain.enums import CREDIBILITY_LABELS, Labelled
from briefing.domain.people import office_on
from briefing.domain.references import without_references
from briefing.domain.registry import Field, kind_of, label_of
from briefing.domain.times import event_clocks, event_home_day, event_venue
from briefing.store.details import RecordDetails
from briefing.store.references import NamedSource
from briefing.store.visibility import (
    above,
    field,
    highest,
    only_shown,
    shown,
    shown_citations,
)
from briefing.ui.html import esc, esc_refs, highlight
from briefing.ui.i18n import current, translate, word

R = TypeVar("R", bound=Record)

Refs = dict[str, NamedSource]
"""The sources the record's text refers to that the audience may see, by uid."""


def _link(record: Record | None, level: int) -> str:
    if record is None or not shown(record, level):
        return ""
    return f'<a href="record:{record.id}">{esc(record.name_in(current()))}</a>'


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


def _group(record: Record, name: str, level: int, marks: dict[int, str], refs: Refs) -> str:
    """A protected group (a chip's value: amount, currency and note), marked."""
    fields = [f.name for f in kind_of(record.kind).fields if f.group == name]
    parts = [field(record, one, level) for one in fields]
    amount, currency, note = (None if part is None else part.value for part in parts)
    shown = [esc(text) for text in (formats.money(amount, currency or "", current()),) if text]
    if note:
        shown.append(esc_refs(note, refs))
    if not shown:
        return ""
    rank = highest(*(part.level for part in parts if part is not None))
    return _mark(rank, record, marks) + " – ".join(shown)


def _date(day: dt.date | None) -> str:
    return formats.fmt_date(day, current()) if day else ""


def _at(organization: Organization | None, level: int) -> str:
    return f", {esc(organization.name)}" if organization and shown(organization, level) else ""


def _links(records: Sequence[Record], level: int, between: str = "<br>") -> str:
    return between.join(_link(r, level) for r in only_shown(records, level))


def _value(declared: Field, details: RecordDetails) -> str:
    """A field's or link's value as its row in the details shows it, by how it is edited."""
    record, level, refs = details.record, details.level, details.refs
    if declared.group == declared.name and not declared.bilingual:
        return _group(record, declared.name, level, details.marks, refs)
    name = details.written_in(declared)
    if declared.protected:
        return _protected(record, name, level, details.marks, refs)
    if declared.widget == "ref":
        return _link(getattr(record, declared.name.removesuffix("_id")), level)
    value = getattr(record, name)
    match declared.widget:
        case "refs":
            return _links(value, level)
        case "choice":
            return esc(word(value.label)) if isinstance(value, Labelled) else ""
        case "date":
            return _date(value)
        case "spin" | "int":
            return str(value)
        case "bool":
            return translate("Details", "yes") if value else translate("Details", "no")
        case "multiline" if declared.references:
            return esc_refs(value, refs)
    return esc(value)


def _when(event: Event, today: dt.date, home: str) -> str:
    when = formats.dated(event.start_date, event.end_date, event.precision, current())
    clocks = event_clocks(event, home)
    if clocks is not None:
        when += f", {clocks}"
    elif event.start_time:
        when += f", {event.start_time:%H:%M}"
    left = formats.days_left(event_home_day(event, home), today, event.status)
    counted = f", {left}" if left else ""
    return translate("Details", "{when} ({precision} precision{counted})").format(
        when=esc(when), precision=esc(word(event.precision.label).lower()), counted=counted
    )


def _members(delegation: Delegation, level: int) -> str:
    head = translate("Details", " (head)")
    return "<br>".join(
        f"{i}. {_link(m.person, level)}"
        f"{head if m.is_head else ''}"
        f"{' – ' + esc(m.role) if m.role else ''}"
        for i, m in enumerate([m for m in delegation.members if shown(m.person, level)], start=1)
    )


def _offices(person: Person, level: int) -> str:
    present = translate("Details", "present")
    return "<br>".join(
        f"{esc(a.title)}{_at(a.organization, level)}"
        f" ({_date(a.start) or '…'} – {_date(a.end) or present})"
        for a in only_shown(person.appointments, level)
    )


def _office_on(person: Person, level: int, on: dt.date) -> tuple[str, str]:
    held = office_on(only_shown(person.appointments, level), on)
    return translate("Details", "Office on {date}").format(date=_date(on)), esc(
        held.label(held.office.title, current())
    ) if held else ""


Shown = Callable[[RecordDetails, dt.date, dt.date], str]
"""A row's value from the details, the day offices are taken on, and the reference date."""

SHOWN: dict[tuple[str, str], Shown] = {
    ("event", "start_date"): lambda d, _on, today: _when(_as(Event, d), today, d.home_zone),
    ("event", "place"): lambda d, _on, _today: esc(event_venue(_as(Event, d))),
    ("event", "participants"): lambda d, _on, _today: _links(
        _as(Event, d).participants, d.level, ", "
    ),
    ("appointment", "end"): lambda d, _on, _today: (
        _date(_as(Appointment, d).end) or translate("Details", "present")
    ),
    ("delegation", "members"): lambda d, _on, _today: _members(_as(Delegation, d), d.level),
    ("bargaining_chip", "sectors"): lambda d, _on, _today: esc(
        ", ".join(_as(BargainingChip, d).sector_names)
    ),
}
"""Fields and links shown otherwise than their form's widget suggests."""

WORKED_OUT: dict[tuple[str, str], Callable[[RecordDetails, dt.date], tuple[str, str]]] = {
    ("person", "office"): lambda d, on: _office_on(_as(Person, d), d.level, on),
    ("person", "appointments"): lambda d, _on: (
        translate("Details", "Appointments"),
        _offices(_as(Person, d), d.level),
    ),
    ("event", "delegations"): lambda d, _on: (
        translate("Details", "Delegations"),
        _links(_as(Event, d).delegations, d.level),
    ),
    ("event", "brief"): lambda d, _on: (
        translate("Details", "Brief"),
        _link(_as(Event, d).brief, d.level),
    ),
    ("source", "reference"): lambda d, _on: (
        translate("Details", "Refer to it in text as"),
        esc(f"[[{d.record.uid}]]"),
    ),
}
"""Rows of the details that are no field of their kind (``Kind.details`` names them)."""


def _as(model: type[R], details: RecordDetails) -> R:
    record = details.record
    assert isinstance(record, model)
    return record


def _fields(details: RecordDetails, on: dt.date, today: dt.date) -> list[tuple[str, str]]:
    """The rows the registry names for the record's kind (``Kind.details``), in order."""
    kind = kind_of(details.record.kind)
    rows = []
    for name in kind.details:
        declared = kind.declared(name)
        if declared is None:
            rows.append(WORKED_OUT[kind.name, name](details, on))
            continue
        special = SHOWN.get((kind.name, name))
        value = special(details, on, today) if special else _value(declared, details)
        rows.append((word(declared.detail), value))
    return rows


def _citations(record: Record, level: int, marks: dict[int, str]) -> str:
    citations = shown_citations(record, level)
    if not citations:
        return translate("Details", "<p><i>No source cited.</i></p>")
    items = []
    edit, remove = translate("Details", "edit"), translate("Details", "remove")
    for c in citations:
        credibility = esc(word(CREDIBILITY_LABELS[c.credibility]))
        items.append(
            f"<li>{_mark(c.handling, record, marks)}"
            f'<a href="record:{c.source.id}">{esc(c.source.title)}</a> '
            f"<b>[{esc(c.source.reliability.value)}{c.credibility}]</b> "
            f"<i>{esc(word(c.stance.label).lower())}</i>"
            f"{' · ' + esc(c.locator) if c.locator else ''}<br>"
            f"“{esc(c.excerpt)}”<br>"
            f'<small><span title="{credibility}">{credibility}</span> · '
            f'<a href="citation-edit:{c.id}">{edit}</a> · '
            f'<a href="citation-delete:{c.id}">{remove}</a></small>'
            "</li>"
        )
    return f"<ol>{''.join(items)}</ol>"


CITING_LISTED = 200
"""Citing records named under a source; a ministry's wire feed can back thousands."""


def _source_extra(details: RecordDetails, source: Source) -> str:
    citing = details.citing
    items = "".join(
        f'<li><a href="record:{c.record_id}">{esc(c.name)}</a>'
        f" <i>({esc(word(c.stance.label).lower())})</i></li>"
        for c in citing[:CITING_LISTED]
    )
    if len(citing) > CITING_LISTED:
        more = translate("Details", "… and {count} more").format(
            count=f"{len(citing) - CITING_LISTED:,}"
        )
        items += f"<li><i>{more}</i></li>"
    text = highlight(source.full_text, [c.excerpt for c in citing])
    full_text = translate("Details", "Full text")
    cited_by = (
        translate("Details", "Cited by 1 record")
        if len(citing) == 1
        else translate("Details", "Cited by {count} records").format(count=f"{len(citing):,}")
    )
    return f"<h3>{cited_by}</h3><ul>{items}</ul><h3>{full_text}</h3><p>{text}</p>"


def record_html(details: RecordDetails | None, today: dt.date) -> str:
    """The details of one record as :func:`briefing.store.details.read_details` read them
    for an audience; empty when there are none (it may not see the record).

    ``today`` is the dossier's reference date: days left count from it, and a person's
    office is the one held on it.
    """
    if details is None:
        return ""
    record, level, marks = details.record, details.level, details.marks
    on = record.start_date if isinstance(record, Event) else today
    badge = (
        ' <span style="background-color:#c0392b;color:white">'
        f"&nbsp;{word(formats.DISPUTED).upper()}&nbsp;</span>"
        if details.disputed
        else ""
    )
    parts = [
        f"<p><small>{esc(word(label_of(record.kind)))} · "
        f"{esc(formats.marked(details.marking, details.level_name))}</small></p>",
        (
            f'<table><tr><td><img src="avatar:{record.id}" width="64" height="64"></td>'
            f'<td style="padding-left:8px"><h2>{esc(record.name_in(current()))}{badge}</h2>'
            "</td></tr></table>"
            if isinstance(record, Person)
            else f"<h2>{esc(record.name_in(current()))}{badge}</h2>"
        ),
        _rows(_fields(details, on, today)),
    ]
    aliases = [a.name for a in record.aliases]
    if aliases:
        also = translate("Details", "Also written:")
        parts.append(f"<p><b>{also}</b> {esc('; '.join(aliases))}</p>")
    if details.points:
        items = "".join(
            f"<li><b>{esc(word(p.kind.label))}</b> "
            f"{esc(formats.marking(marks[p.handling]))} "
            f'<a href="record:{p.id}">{esc(without_references(p.text))}</a></li>'
            for p in details.points
        )
        heading = translate("Details", "Talking points")
        parts.append(f"<h3>{heading}</h3><ul>{items}</ul>")
    notes = _protected(record, "notes", level, marks, details.refs)
    if notes:
        heading = translate("Details", "Notes")
        parts.append(f"<h3>{heading}</h3><p>{notes}</p>")
    if not isinstance(record, Source):
        heading = translate("Details", "Citations")
        parts.append(f"<h3>{heading}</h3>{_citations(record, level, marks)}")
    else:
        parts.append(_source_extra(details, record))
    return "".join(parts)
