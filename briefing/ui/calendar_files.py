"""File ▸ Export calendar… and Import calendar…: the programme as an iCalendar file.

The window does what ``briefing calendar export`` and ``import`` do, with the store's own
functions (:mod:`briefing.store.calendar`): an export writes the events one audience may
see, chosen as a dossier file for an audience is; an import takes a travel office's
``.ics`` in, new events at the scale's highest level, updating those it already holds by
UID. Either runs off the GUI thread, since a ministry's programme and its audit entry take
a moment, and ends in one line: what was written or taken in, or why the file was refused
(nothing is changed then).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog

from briefing.domain import Dossier
from briefing.errors import BriefingError, os_reason
from briefing.store.transaction import transaction
from briefing.ui.files import choose_audience
from briefing.ui.home_zone import ZoneDialog
from briefing.ui.i18n import said, translate
from briefing.ui.settings import LAST_FOLDER

if TYPE_CHECKING:
    from briefing.store.calendar.reading import Imported
    from briefing.store.calendar.writing import Written
    from briefing.ui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a calendar file was not written or taken in: one line, in the window's language."""

    reason: str


@dataclass(frozen=True, slots=True)
class Floating(Refused):
    """The file gives times on no clock: the import is asked again with a zone."""


class CalendarFiles(QObject):
    """The window's calendar export and import.

    Signals:
        finished(str): an export or import ended; the line says how (and the status bar
            or an error box says it to the person).
    """

    finished = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.zone_dialog: ZoneDialog | None = None
        """The question a floating-time file raises, while it is open."""

    def ask_audience(self) -> int | None:
        """The audience whose calendar to write, starting at the toolbar's."""
        return choose_audience(
            self.window,
            self.workspace,
            translate("Calendar", "Export calendar"),
            translate("Calendar", "Write the events this audience may see:"),
        )

    def export(self, audience: int | None = None, path: str | None = None) -> bool:
        """Write the calendar for ``audience`` to ``path``, asking for what is not given;
        False if the person cancelled."""
        if audience is None and (audience := self.ask_audience()) is None:
            return False
        slug, _title, _as_of = self.workspace.dossier()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                translate("Calendar", "Export calendar"),
                str(LAST_FOLDER.read(self.window.settings) / f"{slug}-{audience}.ics"),
                translate("Calendar", "Calendars (*.ics)"),
            )
            if not path:
                return False
        from briefing.store.calendar.writing import export_calendar

        store, target, level = self.workspace.store, Path(path), audience

        def work() -> Written | Refused:
            try:
                return export_calendar(store, slug, target, audience=level)
            except BriefingError as exc:
                return Refused(said(exc))

        self.workspace.off_thread(work, lambda done: self._exported(done, target, level))
        return True

    def _exported(self, done: Written | Refused, target: Path, audience: int) -> None:
        if isinstance(done, Refused):
            self._refused(translate("Calendar", "The calendar was not exported"), done)
            return
        LAST_FOLDER.write(self.window.settings, target.parent)
        line = translate("Calendar", "Wrote {path}: {count} events for the {name} audience").format(
            path=target, count=done.events, name=self.workspace.level_name(audience)
        )
        if done.vague:
            line += translate(
                "Calendar", "; {count} known only to the week or month or approximately left out"
            ).format(count=done.vague)
        self._said(line)

    def import_(self, path: str | None = None, zone: str | None = None) -> bool:
        """Take the events of the ``.ics`` at ``path`` (asked for if not given) into the
        dossier on screen, its floating times in ``zone`` (asked for if the file has any);
        False if the person cancelled."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                translate("Calendar", "Import calendar"),
                str(LAST_FOLDER.read(self.window.settings)),
                translate("Calendar", "Calendars (*.ics)"),
            )
            if not path:
                return False
        from briefing.store.calendar.reading import FloatingTime, import_events

        store, source, dossier_id = self.workspace.store, Path(path), self.workspace.dossier_id
        highest = self.workspace.levels[-1][0]  # a principal's movements: sensitive at first

        def work() -> Imported | Refused:
            try:
                data = source.read_bytes()
            except OSError as exc:
                return Refused(
                    translate("Calendar", "{path} cannot be read: {reason}").format(
                        path=source, reason=os_reason(exc)
                    )
                )
            try:
                with transaction(store) as session:
                    dossier = session.get_one(Dossier, dossier_id)
                    return import_events(
                        session, dossier, data, source.name, zone=zone, level=highest
                    )
            except FloatingTime as exc:
                return Floating(said(exc))
            except BriefingError as exc:
                return Refused(said(exc))

        self.workspace.off_thread(work, lambda done: self._imported(done, source))
        return True

    def _imported(self, done: Imported | Refused, source: Path) -> None:
        if isinstance(done, Floating):
            self.zone_dialog = self._ask_zone(source)
            return
        if isinstance(done, Refused):
            self._refused(translate("Calendar", "The calendar was not imported"), done)
            return
        LAST_FOLDER.write(self.window.settings, source.parent)
        self.workspace.changed.emit()
        self._said(
            translate(
                "Calendar",
                "Imported {file}: {added} added, {updated} updated, {unchanged} unchanged",
            ).format(
                file=source.name,
                added=done.added,
                updated=done.updated,
                unchanged=done.unchanged,
            )
        )

    def _ask_zone(self, source: Path) -> ZoneDialog:
        """Ask which clock the file's floating times are on, starting at the home zone;
        the import runs again with it, or, cancelled, ends with nothing taken in."""
        dialog = ZoneDialog(
            self.workspace.home_zone(),
            self.window,
            title=translate("Calendar", "Time zone of the calendar's times"),
            explanation=translate(
                "Calendar",
                "{file} gives times without a time zone. Which clock are they on? Every "
                "such time in the file is read on it.",
            ).format(file=source.name),
        )
        dialog.accepted.connect(lambda: self.import_(str(source), dialog.zone()))
        dialog.rejected.connect(
            lambda: self._said(
                translate(
                    "Calendar", "{file} was not imported: no time zone chosen for its times"
                ).format(file=source.name)
            )
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _refused(self, title: str, refused: Refused) -> None:
        self.window.show_error(title, refused.reason)
        self.finished.emit(refused.reason)

    def _said(self, line: str) -> None:
        self.window.statusBar().showMessage(line, 10_000)
        self.finished.emit(line)
