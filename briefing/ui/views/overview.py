"""Overview: the scene-setter, key dates with days left, counts and open checks."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget
from sqlalchemy import select

from briefing.domain import Dossier, Event
from briefing.domain.enums import EventKind
from briefing.store import queries
from briefing.store.checks import Severity
from briefing.store.visibility import shown, visible
from briefing.ui.html import esc
from briefing.ui.views.base import Page
from briefing.ui.views.timeline import days_left
from briefing.ui.workspace import Workspace

KEY_KINDS = (EventKind.DEADLINE, EventKind.ELECTION, EventKind.SUMMIT, EventKind.MEETING)
COUNT_LABELS = {
    "person": "people",
    "organization": "organizations",
    "event": "events",
    "delegation": "delegations",
    "bargaining_chip": "bargaining chips",
    "talking_point": "talking points",
    "source": "sources",
}


class OverviewPage(Page):
    title = "Overview"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        workspace.findings_ready.connect(self.data_changed)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Overview")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "record":
            self.workspace.selected.emit(int(url.path()))

    def reload(self) -> None:
        self.browser.setHtml(self.html() if self.workspace.dossier_id else "<p>No dossier.</p>")

    def html(self) -> str:
        ws = self.workspace
        today = ws.today()
        with ws.store.session() as session:
            dossier = session.get_one(Dossier, ws.dossier_id)
            prepared = (
                dossier.prepared_for.name
                if shown(dossier.prepared_for, ws.level) and dossier.prepared_for
                else ""
            )
            events = session.scalars(
                select(Event)
                .where(
                    Event.dossier_id == dossier.id,
                    visible(Event, ws.level),
                    Event.event_kind.in_(KEY_KINDS),
                )
                .order_by(Event.start_date, Event.id)
            ).all()
            upcoming = [e for e in events if e.last_day >= today][:8]
            recent = [
                e for e in events if e.last_day < today and e.event_kind == EventKind.DEADLINE
            ][-3:]
            counts = queries.counts(session, dossier.id, ws.level)
            parts = [
                f"<h1>{esc(dossier.title)}</h1>",
                f"<p><i>{esc(dossier.subtitle)}</i></p>" if dossier.subtitle else "",
                f"<p>Prepared for: <b>{esc(prepared)}</b> · as of {dossier.as_of or '—'} · "
                f"today {today} · audience: <b>{esc(ws.level_name(ws.level))}</b></p>",
                "<h2>Scene-setter</h2>",
                "".join(
                    f"<p>{esc(p)}</p>" for p in dossier.scene_setter.split("\n\n") if p.strip()
                ),
                "<h2>Next deadlines and key dates</h2>",
            ]
            if upcoming:
                parts.append(self._dates(upcoming, today))
            else:
                parts.append("<p>Nothing scheduled after today.</p>")
            if recent:
                parts.append("<p><b>Recently passed deadlines</b></p>" + self._dates(recent, today))
        parts.append("<h2>In this dossier</h2><p>")
        parts.append(" · ".join(f"{counts.get(k, 0)} {label}" for k, label in COUNT_LABELS.items()))
        parts.append("</p>")
        found = ws.findings()
        if found is None:
            parts.append("<h2>Open checks</h2><p><i>Running the checks…</i></p>")
            return "".join(parts)
        problems = [f for f in found if f.severity >= Severity.WARNING]
        parts.append(f"<h2>Open checks: {len(found)} ({len(problems)} to act on)</h2><ul>")
        for finding in problems[:8]:
            parts.append(
                f'<li><b>{esc(finding.severity.label)}</b> · <a href="record:{finding.record_id}">'
                f"{esc(finding.record_name)}</a>: {esc(finding.message)}</li>"
            )
        parts.append("</ul>")
        return "".join(parts)

    def _dates(self, events: list[Event], today: object) -> str:
        rows = "".join(
            f"<tr><td><b>{esc(days_left(e.start_date, self.workspace.today()))}</b></td>"
            f"<td>{e.start_date}</td><td>{esc(e.event_kind.label)}</td>"
            f'<td><a href="record:{e.id}">{esc(e.title)}</a></td></tr>'
            for e in events
        )
        return f"<table cellspacing=4>{rows}</table>"
