"""The "Changed since edition N" section: what a reader of the last edition needs to read.

It opens the body (after the contents) and lists the records added, removed and changed,
in the order the book prints them, each with its portion marking; a changed record shows
each changed field before and after, a long one as a word diff (capped, see
:mod:`briefing.book.changes`). Everything it prints comes from the two editions'
documents for this audience (:mod:`briefing.book.since`), through the composer's
escaping and marking helpers like every other section.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Indenter, Spacer

from briefing.book.changes import BOOK_ORDER, FieldChange, RecordChange, Run
from briefing.book.markup import escape
from briefing.book.sections.common import Composer
from briefing.book.since import Since
from briefing.book.styles import ADDED, REMOVED
from briefing.book.wrap import Paragraph
from briefing.store.visibility import highest

_COLOURS = {"added": ADDED, "removed": REMOVED}


def changed_since(composer: Composer, since: Since, width: float) -> list[Flowable]:
    """The section's flowables; composed after the body, whose order it follows."""
    changes = since.changes
    _ = composer.gettext
    title = _("Changed since edition {number}").format(number=since.edition)
    out: list[Flowable] = [composer.section("changes", title)]
    added, removed, changed = (
        _in_book_order(composer, since, changes.of(status))
        for status in ("added", "removed", "changed")
    )
    audience = composer.data.audience.named(composer.speech.code)
    if not changes:
        summary = _("Nothing the {level} audience sees has changed since edition {number}.")
        return [*out, composer.line(escape(summary.format(level=audience, number=since.edition)))]
    counted = composer.ngettext("{n} record", "{n} records", len(added)).format(n=len(added))
    summary = _(
        "Compared with edition {number} of {date}, as the {level} audience saw both: "
        "{added} added, {removed} removed, {changed} changed. A bar in the left margin "
        "marks text that is new or changed in the pages that follow."
    ).format(
        number=since.edition,
        date=composer.speech.date(since.printed_on),
        level=audience,
        added=counted,
        removed=len(removed),
        changed=len(changed),
    )
    out.append(composer.line(escape(summary)))
    headings = ((_("Added"), added), (_("Removed"), removed), (_("Changed"), changed))
    for heading, records in headings:
        if not records:
            continue
        out.append(composer.subheading(heading))
        for record in records:
            out.append(_record_line(composer, record))
            if record.status == "changed":
                out += _fields(composer, record, width)
    return out


def _record_line(composer: Composer, record: RecordChange) -> Paragraph:
    markup = f"<b>{escape(record.kind_label, bold=True)}:</b> {escape(record.title)}"
    return Paragraph(composer.marked(record.level, markup), composer.st.bullet)


def _fields(composer: Composer, record: RecordChange, width: float) -> list[Flowable]:
    """The changed fields, indented under their record's line as its text is."""
    indent = composer.st.bullet.leftIndent
    width -= indent
    short = [f for f in record.fields if not f.long]
    out: list[Flowable] = [Indenter(left=indent)]
    if short:
        rows = [
            composer.head(
                composer.gettext("Field"), composer.gettext("Before"), composer.gettext("After")
            )
        ]
        for field in short:
            rows.append(
                [
                    Paragraph(escape(field.label), composer.st.cell_head),
                    _value(composer, field.before, field.before_level),
                    _value(composer, field.after, field.after_level),
                ]
            )
        out += [composer.table(rows, [width * x for x in (0.2, 0.4, 0.4)]), Spacer(1, 4)]
    for field in record.fields:
        if field.long:
            out.append(_word_diff(composer, field))
    return [*out, Indenter(left=-indent)]


def _value(composer: Composer, text: str, level: int) -> Paragraph:
    return composer.cell(text, level) if text else composer.cell("—")


def _word_diff(composer: Composer, field: FieldChange) -> Paragraph:
    """A long field's word diff: removed words struck through, added ones underlined."""
    level = highest(field.before_level, field.after_level)
    parts: list[str] = []
    for run in field.runs():
        body, named = _run(composer, run)
        level = highest(level, named)
        parts.append(body)
    markup = f"<b>{escape(field.label, bold=True)}:</b> " + " ".join(parts)
    return Paragraph(composer.marked(level, markup), composer.style_for(field.after))


def _run(composer: Composer, run: Run) -> tuple[str, int]:
    if run.kind == "elided":
        return f"<i>{escape(run.text)}</i>", highest()
    body, named = composer.text(run.text)
    if run.kind == "same":
        return body, named
    colour = _COLOURS[run.kind].hexval()[2:]
    tag = "u" if run.kind == "added" else "strike"
    return f'<{tag}><font color="#{colour}">{body}</font></{tag}>', named


def _in_book_order(
    composer: Composer, since: Since, records: list[RecordChange]
) -> list[RecordChange]:
    """``records`` as the book prints them: by section, then by place in the section;
    removed records (not in this book) after the others of their kind, as they were."""
    data = composer.data
    places: dict[int, tuple[int, ...]] = {}
    for ids in (
        [row.id for row in data.events],
        [row.id for row in data.delegations],
        [row.id for row in data.people],
        [row.id for row in data.chips],
        [row.id for row in data.sources],
        [row.id for row in data.parties],
        [row.id for row in data.organizations],
    ):
        places.update({row_id: (n,) for n, row_id in enumerate(ids)})
    events = {event.id: n for n, event in enumerate(data.events)}
    for event_id, brief in data.briefs.items():
        places[brief.id] = (events.get(event_id, -1),)
    for subject, points in data.points.items():
        first = -1 if subject is None else events.get(subject, -1)
        places.update({point.id: (first, n) for n, point in enumerate(points)})
    rows = {uid: row for row, uid in since.uids.items()}

    def key(item: tuple[int, RecordChange]) -> tuple[int, int, tuple[int, ...], int]:
        n, record = item
        place = places.get(rows.get(record.uid, -1))
        return (BOOK_ORDER.index(record.kind), place is None, place or (), n)

    return [record for _, record in sorted(enumerate(records), key=key)]
