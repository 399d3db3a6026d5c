"""Bargaining chips: who holds what (a party × kind matrix), then a card per chip."""

from __future__ import annotations

from functools import partial

from reportlab.platypus import Flowable

from briefing.book.data import ChipV, PartyV
from briefing.book.markup import clip, escape
from briefing.book.sections.common import Composer, cites_level
from briefing.book.wrap import Paragraph
from briefing.domain.enums import ChipKind, PointKind
from briefing.domain.formats import disputed
from briefing.store.visibility import highest

TITLES_IN_MATRIX = 40
"""Up to this many chips the matrix lists their titles; beyond, it counts them."""


def chips(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    if not data.chips:
        return []
    out: list[Flowable] = [composer.section("chips")]
    out.append(matrix(composer, width))
    for chip in data.chips:
        out += chip_card(composer, chip, width)
    return out


def _party_rows(chips: tuple[ChipV, ...]) -> list[PartyV | None]:
    parties: dict[int | None, PartyV | None] = {}
    for chip in chips:
        parties.setdefault(chip.party.id if chip.party else None, chip.party)
    return sorted(parties.values(), key=lambda p: (p is None, p.name if p else ""))


def matrix(composer: Composer, width: float) -> Flowable:
    data = composer.data
    kinds = [k for k in ChipKind if any(c.kind == k for c in data.chips)]
    titles = len(data.chips) <= TITLES_IN_MATRIX
    rows = [composer.head(composer.gettext("Party"), *(composer.speech.label(k) for k in kinds))]
    for party in _party_rows(data.chips):
        row: list[Flowable] = [
            composer.cell(party.name, party.level)
            if party
            else composer.cell(composer.gettext("No party recorded"))
        ]
        for kind in kinds:
            held = [
                c
                for c in data.chips
                if c.kind == kind
                and (c.party.id if c.party else None) == (party.id if party else None)
            ]
            if titles:
                lines = [
                    composer.marked(
                        c.level, f'<a href="#chip{c.id}">{escape(clip(c.title, 70))}</a>'
                    )
                    for c in held
                ]
                row.append([Paragraph(line, composer.st.cell_item) for line in lines])
            else:
                row.append(composer.cell(str(len(held)) if held else "—"))
        rows.append(row)
    first = 0.16
    rest = (1 - first) / len(kinds)
    return composer.table(rows, [width * first] + [width * rest] * len(kinds))


def chip_card(composer: Composer, chip: ChipV, width: float) -> list[Flowable]:
    data, level = composer.data, chip.level
    out: list[Flowable] = [composer.item_heading(chip.title, level, f"chip{chip.id}")]
    holder = chip.party.name if chip.party else composer.gettext("no party recorded")
    facts: list[tuple[str, Flowable]] = [
        (
            composer.gettext("Held by"),
            composer.cell(holder, chip.party.level) if chip.party else composer.cell(holder),
        ),
        (
            composer.gettext("Kind, status"),
            composer.cell(
                composer.gettext("{kind}; {status}").format(
                    kind=composer.speech.label(chip.kind),
                    status=composer.speech.label(chip.status).lower(),
                ),
                level,
            ),
        ),
        (
            composer.gettext("Likelihood"),
            composer.cell(
                composer.gettext("{likelihood} to come up; priority {priority}; {trade}").format(
                    likelihood=composer.speech.label(chip.likelihood),
                    priority=chip.priority,
                    trade=composer.gettext("tradeable")
                    if chip.tradeable
                    else composer.gettext("not tradeable"),
                ),
                level,
            ),
        ),
    ]
    value = chip.value
    amount = composer.speech.money(value.amount, value.currency) if value is not None else ""
    if value is not None and amount:
        facts.append((composer.gettext("Value"), composer.cell(amount, value.level)))
    if chip.sectors:
        facts.append((composer.gettext("Sectors"), composer.cell(", ".join(chip.sectors), level)))
    if chip.disputed:
        facts.append(
            (
                composer.gettext("Sources"),
                composer.cell(composer.gettext(disputed("chip")), cites_level(level, chip.cites)),
            )
        )
    out.append(composer.facts(facts, width))
    changed = partial(composer.changed, chip.id)
    out += composer.paras(chip.description, level, cites=chip.cites, changed=changed("description"))
    if value is not None:
        out += composer.paras(
            value.note, value.level, label=composer.gettext("Value"), changed=changed("value")
        )
    out += composer.field_paras(
        chip.our_target, composer.gettext("Our target"), changed=changed("our_target")
    )
    out += composer.field_paras(
        chip.our_minimum,
        composer.gettext("Our minimum (walk-away)"),
        changed=changed("our_minimum"),
    )
    out += composer.field_paras(
        chip.their_position,
        composer.gettext("Their estimated position"),
        changed=changed("their_position"),
    )
    events = {e.id: e for e in data.events}
    linked = [events[i] for i in chip.event_ids if i in events]
    if linked:
        names = "; ".join(e.title for e in linked)
        named = highest(level, *(e.level for e in linked))
        out += composer.paras(names, named, label=composer.gettext("Linked events"))
    points = data.points.get(chip.id, ())
    if points:
        out.append(composer.subheading(composer.gettext("Talking points")))
        order = {PointKind.TO_MAKE: 0, PointKind.DEFENSIVE: 1, PointKind.PRESS_LINE: 2}
        for point in sorted(points, key=lambda p: order[p.kind]):
            out += composer.paras(
                point.text,
                point.level,
                label=composer.speech.label(point.kind),
                cites=point.cites,
                style="bullet",
            )
    if chip.cites and composer.with_sources:
        out.append(composer.subheading(composer.gettext("Sources")))
        sources = {s.number: s for s in data.sources}
        for cite in sorted(chip.cites, key=lambda c: c.number):
            source = sources[cite.number]
            text = composer.gettext("{title} — graded {grade}, {stance}").format(
                title=source.title,
                grade=f"{source.reliability.value}{cite.credibility}",
                stance=composer.speech.label(cite.stance).lower(),
            )
            if cite.locator:
                text += f", {cite.locator}"
            if cite.excerpt:
                text += f": “{clip(cite.excerpt, 400)}”"
            mark = f'<a href="#src{cite.number}">[{cite.number}]</a> '
            out.append(
                Paragraph(
                    composer.marked(cite.level, mark + escape(text)),
                    composer.style_for(text, "bullet"),
                )
            )
    return out
