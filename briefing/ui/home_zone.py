"""Choosing the dossier's home time zone: the clock the delegation lives by (and, with the
same dialog, the zone of an imported calendar's floating times).

The window and the book show every timed event on the venue's clock and on this one, and
count days left on its calendar (:mod:`briefing.domain.times`). The dialog offers the
zones the time-zone database knows, completes what is typed, says what the zone reads
today ("KST, UTC+9"), and keeps OK off for a name it does not know, so nothing unknown
reaches the store (which refuses one too). The change is one undoable step.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from briefing.domain.times import is_zone, zone_label
from briefing.ui.i18n import translate
from briefing.ui.workspace import Workspace


class ZoneDialog(QDialog):
    """Asks for an IANA zone, starting from ``zone``; :meth:`zone` is what was chosen.

    ``title`` and ``explanation`` say what the zone is for: the dossier's home clock by
    default, or the clock of an imported calendar's floating times.
    """

    def __init__(
        self,
        zone: str,
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        explanation: str | None = None,
    ) -> None:
        super().__init__(parent)
        title = title or translate("HomeZone", "Home time zone")
        self.setWindowTitle(title)
        self.setObjectName("homeZoneDialog")
        self.combo = QComboBox(self)
        self.combo.setObjectName("zoneNames")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(sorted(zoneinfo.available_timezones()))
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.setCompleter(completer)
        self.combo.setAccessibleName(title)
        self.reading = QLabel(self)
        self.reading.setWordWrap(True)
        said = QLabel(
            explanation
            or translate(
                "HomeZone",
                "The delegation's own clock: timed events show their time on it beside the "
                "venue's, and days left are counted on its calendar.",
            ),
            self,
        )
        said.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(translate("HomeZone", "Time zone"), self.combo)
        form.addRow("", self.reading)
        layout = QVBoxLayout(self)
        layout.addWidget(said)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.combo.editTextChanged.connect(self._judge)
        self.combo.setCurrentText(zone)
        self._judge()

    def zone(self) -> str:
        return self.combo.currentText().strip()

    def _judge(self, *_changed: object) -> None:
        """Say what the zone reads today, or that it is unknown; OK only for a known one."""
        zone = self.zone()
        known = is_zone(zone)
        if known:
            now = dt.datetime.now(dt.UTC)
            self.reading.setText(
                translate("HomeZone", "Today: {label}").format(label=zone_label(zone, now))
            )
            self.reading.setStyleSheet("")
        else:
            self.reading.setText(
                translate(
                    "HomeZone",
                    "{zone} is not a time zone Briefing knows; choose one from the list "
                    "(e.g. Asia/Seoul, America/New_York)",
                ).format(zone=repr(zone))
            )
            self.reading.setStyleSheet("color: #c0392b")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(known)


def set_home_zone(workspace: Workspace, zone: str) -> None:
    """Make ``zone`` the home clock of the dossier on screen, as one undoable step."""
    from briefing.ui.commands import SetHomeZone

    if workspace.dossier_id and zone != workspace.home_zone():
        workspace.push(SetHomeZone(workspace, zone))


def ask_home_zone(workspace: Workspace, parent: QWidget | None = None) -> ZoneDialog:
    """Open the dialog (not modal: the caller's event loop carries on) and set the zone
    chosen when it is accepted."""
    dialog = ZoneDialog(workspace.home_zone(), parent)
    dialog.accepted.connect(lambda: set_home_zone(workspace, dialog.zone()))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
