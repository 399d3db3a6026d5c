"""Scene-setter and key dates: what this is about and the dates that frame it."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from briefing.book.data import EventV, PointV
from briefing.book.markup import escape
from briefing.book.sections.common import Composer, when
from briefing.book.sections.meetings import GATHERINGS
from briefing.book.wrap import Paragraph
from briefing.domain.enums import EventKind, PointKind
from briefing.domain.formats import days_left
from briefing.domain.times import event_home_day

KEY_KINDS = (EventKind.DEADLINE, EventKind.SUMMIT, EventKind.ELECTION)
KEY_DATES = 20
"""At most this many key dates, those nearest to the edition's day."""

POINT_ORDER = {PointKind.TO_MAKE: 0, PointKind.DEFENSIVE: 1, PointKind.PRESS_LINE: 2}
"""Points to make, then defensive points, then the press line, as a brief reads them."""


def key_dates(composer: Composer) -> list[EventV]:
    today = composer.data.today
    keyed = [e for e in composer.data.events if e.kind in KEY_KINDS]
    nearest = sorted(keyed, key=lambda e: (abs((e.last_day - today).days), e.id))[:KEY_DATES]
    return sorted(nearest, key=lambda e: (e.start_date, e.id))


def scene(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    out: list[Flowable] = []
    if data.scene_setter:
        out += composer.paras(
            data.scene_setter, data.scene_level, changed=composer.changed(None, "scene_setter")
        )
    general = data.points.get(None, ())
    if general:
        out.append(composer.subheading(composer.gettext("Overall lines")))
        out += _points(composer, general)
    dates = key_dates(composer)
    if dates:
        out.append(composer.subheading(composer.gettext("Key dates")))
        rows = [
            composer.head(
                composer.gettext("When"),
                composer.gettext("What"),
                composer.gettext("Kind"),
                composer.gettext("Days"),
            )
        ]
        for event in dates:
            rows.append(
                [
                    composer.cell(
                        when(event, composer.speech, data.home_zone)
                        if event.start_time
                        else composer.speech.date(event.start_date)
                    ),
                    composer.cell(event.title, event.level),
                    composer.cell(composer.speech.label(event.kind)),
                    composer.cell(
                        days_left(event_home_day(event, data.home_zone), data.today, event.status)
                    ),
                ]
            )
        out += [Spacer(1, 2), composer.table(rows, [width * x for x in (0.22, 0.52, 0.14, 0.12)])]
    out += lines_on_records(composer)
    if not out:
        return []
    return [composer.section("scene"), *out]


def lines_on_records(composer: Composer) -> list[Flowable]:
    """Talking points on records no other section prints them with.

    A meeting's points are in its brief and a chip's on its card; a deadline's, an
    election's or a person's (the press line for election day, say) would otherwise
    appear nowhere, so they print here under the name of what they are about.
    """
    data = composer.data
    _ = composer.gettext
    named: list[tuple[str, str, int, int]] = [
        *(
            (_("dates"), f"{e.title}, {composer.speech.date(e.start_date)}", e.level, e.id)
            for e in data.events
            if e.kind not in GATHERINGS
        ),
        *((_("people"), p.name, p.level, p.id) for p in data.people),
        *((_("organizations"), o.name, o.level, o.id) for o in data.organizations),
        *((_("organizations"), p.name, p.level, p.id) for p in data.parties),
    ]
    about = [n for n in named if data.points.get(n[3])]
    if not about:
        return []
    groups = list(dict.fromkeys(group for group, *_ in about))
    if len(groups) > 1:
        words = _("{some} and {last}").format(some=", ".join(groups[:-1]), last=groups[-1])
    else:
        words = groups[0]
    out: list[Flowable] = [composer.subheading(_("Lines on {what}").format(what=words))]
    for _group, name, level, subject in about:
        lead = f"<b>{escape(name, bold=True)}</b>"
        out.append(Paragraph(composer.marked(level, lead), composer.st.body))
        out += _points(composer, data.points[subject])
    return out


def _points(composer: Composer, points: tuple[PointV, ...]) -> list[Flowable]:
    out: list[Flowable] = []
    for point in sorted(points, key=lambda p: POINT_ORDER[p.kind]):
        out += composer.paras(
            point.text,
            point.level,
            label=composer.speech.label(point.kind),
            cites=point.cites,
            style="bullet",
            changed=composer.changed(point.id, "text"),
        )
    return out
