"""The timeline: a chart of the dossier's recent months, then every event in a table."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from briefing.book.charts import timeline_chart
from briefing.book.sections.common import Composer
from briefing.domain.formats import days_left


def timeline(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    if not data.events:
        return []
    out: list[Flowable] = [composer.section("timeline")]
    # A book that counts from its dossier's own date says so rather than call it today.
    own_date = data.today != data.printed_on
    marker = "as of" if own_date else "today"
    what = "the dossier's date" if own_date else "today"
    day = f"{what} ({composer.speech.date(data.today)})"
    chart = timeline_chart(data.events, data.today, width, composer.mark, marker=marker)
    out += [chart.drawing, Spacer(1, 4)]
    if chart.today_drawn:
        note = f"Deadlines in red, {day} in green."
    else:
        note = f"Deadlines in red; {day} is outside the chart's span."
    if chart.unlabelled:
        many = chart.unlabelled != 1
        note += (
            f" {chart.unlabelled} event{'s' if many else ''} in the chart "
            f"{'are' if many else 'is'} not labelled for want of room; the table lists all."
        )
    if chart.earlier:
        many = chart.earlier != 1
        note += (
            f" {chart.earlier} earlier event{'s are' if many else ' is'} listed in the table only."
        )
    out.append(composer.line(note, "small"))
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
                composer.cell(event.place, event.level) if event.place else composer.cell(""),
                composer.cell(days_left(event.start_date, data.today, event.status)),
            ]
        )
    out.append(composer.table(rows, [width * x for x in (0.13, 0.45, 0.16, 0.17, 0.09)]))
    return out
