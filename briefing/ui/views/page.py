"""A page of the main window: what every page shares, and nothing more.

The overview is the page the window opens on; this module (unlike the lists' base)
imports no ``Qt`` namespace, whose enums take some 13 ms to set up before the first page
can be shown.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from briefing.ui.workspace import Workspace


class Page(QWidget):
    """A page of the main window that reloads from the store when the data changes.

    A hidden page only notes that it is out of date and reloads when it is next shown,
    so an edit (or start-up) queries the database for the page on screen alone.
    """

    title = ""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.stale = True
        workspace.changed.connect(self.data_changed)

    def data_changed(self) -> None:
        if self.isVisible():
            self.stale = False
            self.reload()
        else:
            self.stale = True

    def ensure_current(self) -> None:
        """Reload now if the data changed while the page was hidden."""
        if self.stale:
            self.stale = False
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_current()

    def reload(self) -> None:
        raise NotImplementedError

    def focus_list(self) -> None:
        from PySide6.QtCore import Qt

        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
