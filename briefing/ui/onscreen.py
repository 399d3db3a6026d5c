"""Running work once a widget is on screen, so start-up shows something before it works.

Start-up is staged: the window's frame paints before the database opens, and the first
page paints before the checks and the other pages load. Each stage waits for the
previous one's first paint, not for a fixed delay, so a fast machine never idles and a
slow one never opens the database behind a blank screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Watches ``widget`` for its first paint event, then runs ``then`` once."""

    def __init__(
        self, widget: QWidget, then: Callable[[], object], at_latest_ms: int | None
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.then: Callable[[], object] | None = then
        widget.installEventFilter(self)
        if at_latest_ms is not None:
            QTimer.singleShot(at_latest_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.then is not None:
            # The paint event arrives before the widget has painted; a zero timer runs
            # once the whole window's paint has been flushed to the screen.
            QTimer.singleShot(0, self, self._after_flush)
        return False

    def _after_flush(self) -> None:
        """One turn more: what the paint queued (a child's paint, its first-paint work)
        goes first, so work held back until now never delays anything already shown."""
        QTimer.singleShot(0, self, self._fire)

    def _fire(self) -> None:
        then, self.then = self.then, None
        if then is None:
            return
        self.widget.removeEventFilter(self)
        self.deleteLater()
        then()


def after_first_paint(
    widget: QWidget, then: Callable[[], object], *, at_latest_ms: int | None = None
) -> None:
    """Run ``then`` just after ``widget`` first paints.

    ``at_latest_ms`` runs it anyway after that long, for work that must not wait forever
    on a window that is never exposed (minimised, or on another virtual desktop).
    """
    _FirstPaint(widget, then, at_latest_ms)
