"""Other people's changes appear in an open window by themselves, within a second or two.

The store's :class:`~briefing.store.changes.Feed` learns of them: on a server its socket
turns readable when PostgreSQL announces a change (a ``QSocketNotifier`` wakes us, nothing
polls), on a file a timer asks SQLite once a second whether another connection wrote.
Either way the window reads its data again as F5 does (``Workspace.changed``): the pages
keep their selected record, and a form open on top keeps what is typed in it, since it
holds its own values until it is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from briefing.errors import BriefingError
from briefing.store.changes import Feed
from briefing.ui.i18n import said, translate
from briefing.ui.workspace import Workspace

ASK_EVERY_MS = 1000
"""How often a window on a file asks SQLite whether another connection wrote to it."""


class Refresher(QObject):
    """Reads the window's data again when someone else changed its dossier."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.feed: Feed | None = None
        self._notifier: QSocketNotifier | None = None
        self._timer: QTimer | None = None
        try:
            self.feed = Feed(workspace.store)
        except BriefingError as exc:
            workspace.failed.emit(
                translate("Refresh", "{exc}; press F5 to see them.").format(exc=said(exc))
            )
            return
        socket = self.feed.fileno()
        if socket is not None:
            self._notifier = QSocketNotifier(socket, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._look)
        else:
            self._timer = QTimer(self)
            self._timer.timeout.connect(self._look)
            self._timer.start(ASK_EVERY_MS)

    def _look(self) -> None:
        if self.feed is None:
            return
        changed = self.feed.changed()
        if changed is None:
            self.stop()
            self.workspace.failed.emit(
                translate(
                    "Refresh",
                    "Changes made by others no longer show by themselves; press F5 to see them.",
                )
            )
        elif changed:
            self.workspace.changed.emit()

    def stop(self) -> None:
        """Stop watching and let the connection go (before the store closes)."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.feed is not None:
            self.feed.close()
            self.feed = None
