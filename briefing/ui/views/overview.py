"""Overview: the scene-setter, key dates with days left, counts and open checks.

The subtitle and scene-setter are shown as :func:`briefing.store.lists.summary.summary` gives
them for the audience: when it withholds one, nothing of it (not even a heading) shows.

It is the page the window opens on, so it is built to be on screen quickly: it asks for
the checks (seconds of work in a thread, on a large dossier) only once it has painted,
and fills them in when they are ready.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from briefing.domain.enums import DayCount
from briefing.domain.formats import days_left
from briefing.domain.names import reworded
from briefing.domain.references import referenced
from briefing.domain.registry import KINDS
from briefing.domain.times import zone_label
from briefing.store.lists import summary
from briefing.store.references import named_sources
from briefing.ui.html import esc, esc_refs
from briefing.ui.i18n import current, translate, word
from briefing.ui.onscreen import after_first_paint
from briefing.ui.views.page import Page
from briefing.ui.workspace import Workspace

UPCOMING = 8
"""Key dates listed ahead."""
RECENT = 3
"""Deadlines listed that have passed."""


class OverviewPage(Page):
    title = "Overview"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        workspace.findings_ready.connect(self.data_changed)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(translate("MainWindow", "Overview"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.painted = False
        self.zone_dialog: QDialog | None = None
        """The home time zone's dialog, while it is open."""
        after_first_paint(self.browser, self._on_screen)

    def _on_screen(self) -> None:
        """Start the checks now that the page is on screen, or show them if they are in."""
        self.painted = True
        if self.workspace.dossier_id and self.workspace.findings() is not None:
            self.data_changed()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "record":
            self.workspace.opened.emit(int(url.path()))
        elif url.scheme() == "count-from":
            from briefing.ui.commands import count_days_from

            count_days_from(self.workspace, DayCount(url.path()))
        elif url.scheme() == "home-zone":
            from briefing.ui.home_zone import ask_home_zone

            self.zone_dialog = ask_home_zone(self.workspace, self)

    def reload(self) -> None:
        self.browser.setHtml(
            self.html()
            if self.workspace.dossier_id
            else translate("Overview", "<p>No dossier.</p>")
        )

    def html(self) -> str:
        """The page as rich text, from reads of just the columns it shows."""
        ws = self.workspace
        today = ws.reference_date()
        with ws.store.session() as session:
            dossier = summary.summary(
                session, ws.dossier_id, ws.level, today, upcoming=UPCOMING, recent=RECENT
            )
            uids = referenced(dossier.scene_setter or "")
            refs = named_sources(session, ws.dossier_id, ws.level, uids) if uids else {}
        upcoming, recent = dossier.upcoming, dossier.recent
        prepared = (
            translate("Overview", "Prepared for: <b>{whom}</b> · ").format(
                whom=esc(dossier.prepared_for)
            )
            if dossier.prepared_for
            else ""
        )
        parts = [
            f"<h1>{esc(dossier.title)}</h1>",
            f"<p><i>{esc(dossier.subtitle)}</i></p>" if dossier.subtitle else "",
            "<p>"
            + prepared
            + translate("Overview", "as of {date} · audience: <b>{level}</b>").format(
                date=dossier.as_of or "—", level=esc(ws.level_name(ws.level))
            )
            + "</p>",
            self._counted_from(dossier.as_of, today),
            self._home_clock(),
        ]
        scene = [p for p in (dossier.scene_setter or "").split("\n\n") if p.strip()]
        if scene:  # withheld from this audience: no heading either
            parts.append(translate("Overview", "<h2>Scene-setter</h2>"))
            parts.extend(f"<p>{esc_refs(p, refs)}</p>" for p in scene)
        parts.append(translate("Overview", "<h2>Next deadlines and key dates</h2>"))
        if upcoming:
            parts.append(self._dates(upcoming, today))
        else:
            after = translate("Overview", "today") if today == ws.today() else str(today)
            parts.append(
                translate("Overview", "<p>Nothing scheduled after {day}.</p>").format(day=after)
            )
        if recent:
            parts.append(
                translate("Overview", "<p><b>Recently passed deadlines</b></p>")
                + self._dates(recent, today)
            )
        parts.append(translate("Overview", "<h2>In this dossier</h2>") + "<p>")
        parts.append(
            " · ".join(
                translate("Overview", "{count} {kinds}").format(
                    count=dossier.counts.get(kind.name, 0), kinds=word(kind.plural).lower()
                )
                for kind in KINDS
                if kind.counted
            )
        )
        parts.append("</p>")
        found = ws.findings() if self.painted else None
        if found is None:
            parts.append(
                translate("Overview", "<h2>Open checks</h2><p><i>Running the checks…</i></p>")
            )
            return "".join(parts)
        from briefing.store.checks import Severity
        from briefing.ui.views.checks import said

        to_act_on = found.count(at_least=Severity.WARNING)
        parts.append(
            translate("Overview", "<h2>Open checks: {total} ({to_act_on} to act on)</h2>").format(
                total=found.total, to_act_on=to_act_on
            )
            + "<ul>"
        )
        for finding in found.first(8, at_least=Severity.WARNING):
            severity = esc(translate("Checks", finding.severity.label))
            parts.append(
                f'<li><b>{severity}</b> · <a href="record:{finding.record_id}">'
                f"{esc(reworded(finding.record_kind, finding.record_name, current()))}</a>: "
                f"{esc(said(finding))}</li>"
            )
        parts.append("</ul>")
        return "".join(parts)

    def _counted_from(self, as_of: dt.date | None, day: dt.date) -> str:
        """Which day the D-counts are taken from, and a link to count from the other."""
        count, _as_of = self.workspace.day_count()
        if count == DayCount.AS_OF and as_of is not None:
            said = translate("Overview", "Days counted from <b>the as-of date, {day}</b>")
            other = (DayCount.TODAY, translate("Overview", "count from today instead"))
        else:
            said = translate("Overview", "Days counted from <b>today, {day}</b>")
            other = (DayCount.AS_OF, translate("Overview", "count from the as-of date instead"))
        switch = ""
        if as_of is not None and not self.workspace.read_only:
            switch = f' · <a href="count-from:{other[0].value}">{other[1]}</a>'
        return f"<p>{said.format(day=day)}{switch}</p>"

    def _home_clock(self) -> str:
        """The delegation's own clock, which times are shown on beside the venue's and days
        left counted on, and a link to change it."""
        zone = self.workspace.home_zone()
        label = zone_label(zone, dt.datetime.now(dt.UTC))
        said = translate("Overview", "Home time zone: <b>{zone}</b> ({label})").format(
            zone=esc(zone), label=esc(label)
        )
        if self.workspace.read_only:
            return f"<p>{said}</p>"
        change = translate("Overview", "change")
        return f'<p>{said} · <a href="home-zone:">{change}</a></p>'

    def _dates(self, events: Sequence[summary.KeyDate], today: dt.date) -> str:
        rows = "".join(
            f"<tr><td><b>{esc(days_left(e.start, today, e.status))}</b></td>"
            f"<td>{e.start}</td><td>{esc(word(e.kind.label))}</td>"
            f'<td><a href="record:{e.id}">{esc(e.title)}</a></td></tr>'
            for e in events
        )
        return f"<table cellspacing=4>{rows}</table>"
