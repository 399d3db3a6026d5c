"""The timeline page: the chart of the events over a table of them, with its controls."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.domain.formats import dated, days_left
from briefing.domain.times import event_home_day, event_venue
from briefing.store.lists import events
from briefing.store.lists.events import ChartEvents, EventRow
from briefing.store.visibility import same_level
from briefing.ui.i18n import QT_TRANSLATE_NOOP, current, translate, word
from briefing.ui.table_model import Column, QuerySource
from briefing.ui.views.base import ListPage
from briefing.ui.views.timeline_chart import KIND_COLOURS, TimelineChart
from briefing.ui.workspace import Workspace

JOINT = QT_TRANSLATE_NOOP("Domain", "Joint")
"""The side of an event both parties attend, as the store's lists call it."""


class TimelinePage(ListPage[EventRow]):
    """The events as a chart over a table.

    Signals:
        chart_ready: the chart has every event the audience sees, after a reload.
    """

    title = "Timeline"
    none = QT_TRANSLATE_NOOP("Pages", "No events")
    chart_ready = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[EventRow](
                QT_TRANSLATE_NOOP("Domain", "Date"),
                lambda r: dated(r.start, r.end_date, r.precision, current()),
                ("start", "end"),
            ),
            Column[EventRow](
                QT_TRANSLATE_NOOP("Domain", "Event"),
                lambda r: r.title,
                ("title", "start"),
                tooltip=lambda r: r.title,
                grow=True,
            ),
            Column[EventRow](
                QT_TRANSLATE_NOOP("Domain", "Kind"),
                lambda r: word(r.kind.label),
                ("kind_label", "start"),
                colour=lambda r: KIND_COLOURS[r.kind],
            ),
            Column[EventRow](
                QT_TRANSLATE_NOOP("Domain", "Status"),
                lambda r: word(r.status.label),
                ("status_label", "start"),
            ),
            # Days left count on the home calendar, as the book's do; they sort by the
            # venue's day and time, which the home day is never more than a day from.
            Column[EventRow](
                QT_TRANSLATE_NOOP("Domain", "Days left"),
                lambda r: days_left(
                    event_home_day(r, workspace.home_zone()),
                    workspace.reference_date(),
                    r.status,
                ),
                ("start", "start_time", "end"),
            ),
            Column[EventRow](
                QT_TRANSLATE_NOOP("Domain", "Place"),
                event_venue,
                ("place", "arrival_place", "start"),
                tooltip=event_venue,
            ),
            Column[EventRow](
                QT_TRANSLATE_NOOP("Domain", "Party"), lambda r: word(r.party), ("party", "start")
            ),
            Column[EventRow](
                QT_TRANSLATE_NOOP("Domain", "Handling"),
                lambda r: workspace.marking(r.handling),
                ("handling", "start"),
            ),
        ]
        super().__init__(workspace, columns, parent)
        # The dates are long ("Tue 22 Apr 2025 – 23 Apr 2025"): on a laptop's screen the
        # title and place give way, so Days left and the rest stay in view.
        self.table.elastic = [n for n, c in enumerate(columns) if c.header in ("Event", "Place")]
        self.chart = TimelineChart(self._chart_titles, self)
        self.chart.event_clicked.connect(self._chart_clicked)
        controls = QHBoxLayout()
        self.lanes = QComboBox(self)
        self.lanes.addItem(translate("Timeline", "Lanes by kind"), False)
        self.lanes.addItem(translate("Timeline", "Lanes by party"), True)
        self.lanes.setAccessibleName(translate("Timeline", "Timeline lanes"))
        self.lanes.currentIndexChanged.connect(self._lanes_chosen)
        controls.addWidget(self.lanes)
        for text, slot, tip in (
            (
                translate("Timeline", "Zoom in"),
                self.chart.zoom_in,
                translate("Timeline", "Zoom in (+, Ctrl+wheel)"),
            ),
            (
                translate("Timeline", "Zoom out"),
                self.chart.zoom_out,
                translate("Timeline", "Zoom out (−)"),
            ),
            (
                translate("Timeline", "Fit"),
                self.chart.fit,
                translate("Timeline", "Show every event"),
            ),
            (
                translate("Timeline", "Today"),
                lambda: self.chart.center_on(self.chart.today),
                translate("Timeline", "Scroll to today (T)"),
            ),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            controls.addWidget(button)
        controls.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("timelineSplitter")
        self.layout_.removeWidget(self.table)
        self.layout_.removeWidget(self.filter)
        self.layout_.insertLayout(0, controls)
        self.layout_.insertWidget(1, _legend(self))
        splitter.addWidget(self.chart)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.filter)
        bottom_layout.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.layout_.addWidget(splitter, 1)
        self._centered = False
        self._chart_generation = self._chart_shown = 0
        self._charted: tuple[int, int] | None = None  # (dossier, level) of the chart's read

    def _lanes_chosen(self, _index: int) -> None:
        self.chart.set_lanes_by_party(bool(self.lanes.currentData()))

    def source(self) -> QuerySource[EventRow]:
        """The table's rows; the chart's (every event's dates) are read in the background.

        Meanwhile the chart reads its titles again, so an edited title shows at once and
        an audience that may no longer see an event no longer sees its title.
        """
        ws = self.workspace
        self._chart_generation += 1
        generation, dossier_id, level = self._chart_generation, ws.dossier_id, ws.level
        ws.in_background(
            lambda session: events.chart_events(session, dossier_id, level),
            lambda events: self._chart_read(generation, (dossier_id, level), events),
        )
        charted = self._charted
        if charted is not None and charted[0] == dossier_id and same_level(charted[1], level):
            self.chart.relayout()
        else:
            # Another audience or dossier: the last read's lanes (party names) and density
            # counts are not for it, so the chart stays empty until its own read is in.
            self.chart.set_events(ChartEvents(), ws.reference_date(), self._marker())
        return QuerySource(ws.store, events.event_listing(dossier_id, level, current()))

    def _chart_titles(self, ids: Sequence[int]) -> dict[int, str]:
        """The chart's titles for the events near its view, for the audience on screen."""
        ws = self.workspace
        with ws.store.session() as session:
            return events.event_titles(session, ws.dossier_id, ws.level, ids)

    def _marker(self) -> str:
        """What the chart's day line says: "today", or "as of" when the dossier counts days
        from its own date and the line stands there."""
        ws = self.workspace
        return (
            translate("Timeline", "today")
            if ws.reference_date() == ws.today()
            else translate("Timeline", "as of")
        )

    def chart_current(self) -> bool:
        """Whether the chart shows the data as it is (no read under way)."""
        return self._chart_shown == self._chart_generation and not self.stale

    def _chart_read(self, generation: int, read_for: tuple[int, int], events: ChartEvents) -> None:
        if generation != self._chart_generation:
            return  # the data changed again while this read ran
        self._chart_shown = generation
        self._charted = read_for
        ws = self.workspace
        self.chart.set_events(events, ws.reference_date(), self._marker())
        if not self._centered and len(events):
            self._centered = True
            self.chart.center_on(ws.reference_date())
        if self.model.rowCount() and (current := self.current_id()) is not None:
            self._show_in_chart(current)
        self.chart_ready.emit()

    def select_record(self, record_id: int, *, notify: bool = True) -> bool:
        found = super().select_record(record_id, notify=notify)
        if found:
            self._show_in_chart(record_id)
        return found

    def _show_in_chart(self, record_id: int) -> None:
        self.chart.select_event(record_id)

    def _chart_clicked(self, record_id: int) -> None:
        super().select_record(record_id)


def _legend(parent: QWidget) -> QLabel:
    """The kinds' colours, on a line of their own under the buttons, wrapping if need be.

    Beside the buttons and never wrapping, it made the window at least 1649 pixels wide
    once the timeline had been shown.
    """
    entries = [
        f'<span style="color:{colour}">■</span>&nbsp;{word(kind.label)}'
        for kind, colour in KIND_COLOURS.items()
    ]
    dashed = translate("Timeline", "dashed: the date is known only to the week or month")
    legend = QLabel(
        " &nbsp; ".join([*entries, f"<i>{dashed}</i>"]),
        parent,
    )
    legend.setWordWrap(True)
    legend.setAccessibleName(translate("Timeline", "Timeline legend"))
    return legend
