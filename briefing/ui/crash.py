"""An exception in the window: one message saying where the details are, never silence.

An exception that escapes a slot (a menu action, a signal, a timer) or a worker thread
reaches :data:`sys.excepthook` (or :data:`threading.excepthook`). Python's own hook
prints it to a terminal the person does not have, and the window carries on as if the
action had worked. Here its traceback is appended to a log file and the person is told,
in one message, what went wrong and where that file is. More exceptions before that
message has been closed are logged but not shown: one fault must not bury the window
under boxes.

The log is created readable by its owner alone, in a folder only they may enter: an
exception's message can quote a record's text, at any handling level. The reporter is
installed as the app starts, so what only a fault needs is imported when one happens.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from briefing.ui.i18n import said as said_in_language
from briefing.ui.i18n import translate

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]
    ThreadHook = Callable[[threading.ExceptHookArgs], Any]

LOG_NAME = "briefing.log"
LOG_BYTES = 1_000_000
"""Past this size the log is moved aside (one older file kept) and a new one begun."""
SAID_CHARS = 300
"""An exception's message is cut to this in the box; the log holds all of it."""


def log_path() -> Path:
    """Where the window's log is: the user's log folder, as the platform names it."""
    from platformdirs import user_log_path

    return user_log_path("Briefing", appauthor=False) / LOG_NAME


class CrashReporter(QObject):
    """Logs every uncaught exception and shows one message about it on the GUI thread.

    Signals:
        caught(str): an exception was logged; the message for the person. Emitted on
            whatever thread raised; the message is shown on the GUI thread (from a
            worker, through the event loop).
    """

    caught = Signal(str)

    def __init__(self, log: Path | None = None, parent: QObject | None = None) -> None:
        """``log``: the log file; by default :func:`log_path`, worked out at the first fault."""
        super().__init__(parent)
        self._log = log
        self._lock = threading.Lock()
        self._pending = False
        self._previous: tuple[ExceptHook, ThreadHook] | None = None
        # The connection's default: no Qt.ConnectionType, as this is built at start-up
        # and Qt's namespace costs some 20 ms of enums there (see briefing.ui.app).
        self.caught.connect(self._show)

    @property
    def log(self) -> Path:
        if self._log is None:
            self._log = log_path()
        return self._log

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.hook(args.exc_type, args.exc_value, args.exc_traceback)

    def hook(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if not issubclass(kind, Exception):  # Ctrl+C in a terminal, an exit: as Python does
            sys.__excepthook__(kind, error, trace)
            return
        import traceback

        text = "".join(traceback.format_exception(kind, error, trace))
        try:
            self.write(text)
            where = translate("Crash", "The details are in {log}.").format(log=self.log)
        except OSError as failure:
            sys.__excepthook__(kind, error, trace)
            where = translate(
                "Crash", "The details could not be written to {log} ({strerror})."
            ).format(log=self.log, strerror=failure.strerror)
        with self._lock:
            if self._pending:
                return
            self._pending = True
        self.caught.emit(f"{said(error)}\n\n{where}")

    def write(self, text: str) -> None:
        """Append one exception to the log, moving a full log aside first."""
        import datetime as dt

        from briefing import __version__

        with self._lock:
            self.log.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if self.log.exists() and self.log.stat().st_size > LOG_BYTES:
                self.log.replace(self.log.with_name(f"{self.log.name}.1"))
            stamp = dt.datetime.now().isoformat(timespec="seconds")
            handle = os.open(self.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(handle, "a", encoding="utf-8") as log:
                log.write(f"--- {stamp} Briefing {__version__}\n{text}\n")

    def _show(self, message: str) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        try:
            QMessageBox.critical(QApplication.activeWindow(), "Briefing", message)
        finally:
            with self._lock:
                self._pending = False


def said(error: BaseException) -> str:
    """The exception in a line or two for the person: a Briefing error is its own
    message; anything else is a fault in Briefing, named as one."""
    from briefing.errors import BriefingError
    from briefing.text import clean_line

    message = clean_line(said_in_language(error))
    if len(message) > SAID_CHARS:
        message = message[:SAID_CHARS] + "…"
    if isinstance(error, BriefingError):
        return message
    what = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return translate(
        "Crash",
        "Something went wrong in Briefing ({what}): what you just did may not have been done.",
    ).format(what=what)
