"""Scene-setter and key dates: what this is about and the dates that frame it."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from briefing.book.data import EventV
from briefing.book.sections.common import Composer, empty_note, fmt_date, when
from briefing.domain.enums import EventKind
from briefing.domain.events import days_left

KEY_KINDS = (EventKind.DEADLINE, EventKind.SUMMIT, EventKind.ELECTION)
KEY_DATES = 20
"""At most this many key dates, those nearest to the edition's day."""


def key_dates(composer: Composer) -> list[EventV]:
    today = composer.data.today
    keyed = [e for e in composer.data.events if e.kind in KEY_KINDS]
    nearest = sorted(keyed, key=lambda e: (abs((e.last_day - today).days), e.id))[:KEY_DATES]
    return sorted(nearest, key=lambda e: (e.start_date, e.id))


def scene(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    out: list[Flowable] = [composer.section("scene")]
    if data.scene_setter:
        out += composer.paras(data.scene_setter, data.scene_level)
    general = data.points.get(None, ())
    if general:
        out.append(composer.subheading("Overall lines"))
        for point in general:
            out += composer.paras(
                point.text, point.level, label=point.kind.label, cites=point.cites, style="bullet"
            )
    dates = key_dates(composer)
    out.append(composer.subheading("Key dates"))
    if not dates:
        out.append(empty_note(composer))
        return out
    rows = [composer.head("When", "What", "Kind", "Days")]
    for event in dates:
        rows.append(
            [
                composer.cell(when(event) if event.start_time else fmt_date(event.start_date)),
                composer.cell(event.title, event.level),
                composer.cell(event.kind.label),
                composer.cell(days_left(event.last_day, data.today)),
            ]
        )
    out += [Spacer(1, 2), composer.table(rows, [width * x for x in (0.22, 0.52, 0.14, 0.12)])]
    return out
