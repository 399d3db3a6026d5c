"""The timeline: a chart of the dossier's recent months, then every event in a table."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from briefing.book.charts import timeline_chart
from briefing.book.markup import escape
from briefing.book.sections.common import Composer, where
from briefing.domain.formats import days_left
from briefing.domain.times import event_home_day


def timeline(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    if not data.events:
        return []
    out: list[Flowable] = [composer.section("timeline")]
    # A book that counts from its dossier's own date says so rather than call it today.
    _ = composer.gettext
    own_date = data.today != data.printed_on
    marker = _("as of") if own_date else _("today")
    what = _("the dossier's date") if own_date else _("today")
    day = _("{what} ({date})").format(what=what, date=composer.speech.date(data.today))
    chart = timeline_chart(
        data.events, data.today, width, composer.mark, marker=marker, speech=composer.speech
    )
    out += [chart.drawing, Spacer(1, 4)]
    if chart.today_drawn:
        note = _("Deadlines in red, {day} in green.").format(day=day)
    else:
        note = _("Deadlines in red; {day} is outside the chart's span.").format(day=day)
    if chart.unlabelled:
        note += composer.ngettext(
            " {n} event in the chart is not labelled for want of room; the table lists all.",
            " {n} events in the chart are not labelled for want of room; the table lists all.",
            chart.unlabelled,
        ).format(n=chart.unlabelled)
    if chart.earlier:
        note += composer.ngettext(
            " {n} earlier event is listed in the table only.",
            " {n} earlier events are listed in the table only.",
            chart.earlier,
        ).format(n=chart.earlier)
    out.append(composer.line(escape(note), "small"))
    rows = [
        composer.head(
            composer.gettext("Date"),
            composer.gettext("Event"),
            composer.gettext("Kind, status"),
            composer.gettext("Place"),
            composer.gettext("Days"),
        )
    ]
    for event in data.events:
        composer.progress.check()
        rows.append(
            [
                composer.cell(composer.speech.date(event.start_date)),
                composer.cell(event.title, event.level),
                composer.cell(f"{composer.speech.kind_status(event.kind, event.status)}"),
                composer.cell(where(event), event.level)
                if event.place
                else composer.cell(where(event)),
                composer.cell(
                    days_left(event_home_day(event, data.home_zone), data.today, event.status)
                ),
            ]
        )
    # A Korean date ("2025년 12월 31일") is a third wider than "31 Dec 2025": on one line too.
    shares = (0.16, 0.42) if composer.speech.korean else (0.13, 0.45)
    out.append(composer.table(rows, [width * x for x in (*shares, 0.16, 0.17, 0.09)]))
    return out
