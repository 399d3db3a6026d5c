"""Noticing that someone else changed the data, so an open window can show it.

On PostgreSQL the server says so: migration 0013's trigger calls ``pg_notify`` on
:data:`CHANNEL` once for each statement that writes records, and a connection of our own
LISTENs in autocommit. The notice names no dossier: any login may listen, and a dossier
id would tell one cleared below a dossier that it exists and when it is worked on. Its
socket becomes readable when a notice arrives, so a window watches :meth:`Feed.fileno`
(a ``QSocketNotifier``) rather than asking in a loop.

A SQLite file has no one to tell us; ``PRAGMA data_version`` on a connection kept open
changes whenever another connection commits to the file, and asking costs microseconds,
so a window asks once a second (:meth:`Feed.fileno` is None there).

Either way :meth:`Feed.changed` reports whether anything changed since it was last asked,
and the window reads its dossier again.
The window already shows its own saves: on a server the notices they cause are told apart
by the sending connection's process id, which libpq knows without asking the server. On a
file nothing tells them apart, and the window reads its data once more after its own save.
Nothing here knows Qt.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.store.db.database import Store, is_server

CHANNEL = "briefing_changes"
"""Where migration 0013's trigger announces written records, with an empty payload."""


class Feed:
    """A connection of its own that learns of changes made through other connections."""

    def __init__(self, store: Store) -> None:
        self._server = is_server(store.url)
        self._engine = store.engine
        self._own: set[int] = set()
        """Server processes of our own connections: their notices are of our own saves."""
        self._pooled: Any = None
        if self._server:
            event.listen(self._engine, "checkout", self._checked_out)
        try:
            self._pooled = store.engine.raw_connection()
            connection: Any = self._pooled.driver_connection
            self._connection = connection
            if self._server:
                connection.autocommit = True
                connection.execute(f"LISTEN {CHANNEL}")
                self._seen: int | None = None
            else:
                self._seen = self._data_version()
        except Exception as exc:  # the driver's own errors too: a pool's connect raises them
            self.close()
            raise BriefingError(N_("Changes made elsewhere cannot be followed here")) from exc

    def _checked_out(self, dbapi_connection: Any, *_: object) -> None:
        self._own.add(int(dbapi_connection.info.backend_pid))

    def fileno(self) -> int | None:
        """The socket that turns readable when the server announces a change; None on a
        file, which is asked instead."""
        return int(self._connection.fileno()) if self._server else None

    def changed(self) -> bool | None:
        """Whether someone else wrote records since the last call; None when the
        connection is lost (the server stopped): the caller stops watching."""
        try:
            if self._server:
                return self._notices()
            version = self._data_version()
        except Exception:  # any driver's error means the same: no more notices
            return None
        if version == self._seen:
            return False
        self._seen = version
        return True

    def _notices(self) -> bool:
        """Whether another connection's notice is waiting, read without blocking (libpq's
        own non-blocking calls); every waiting notice is read."""
        pgconn = self._connection.pgconn
        pgconn.consume_input()
        others = False
        while (notice := pgconn.notifies()) is not None:
            others = others or notice.be_pid not in self._own
        return others

    def _data_version(self) -> int:
        cursor = self._connection.execute("PRAGMA data_version")
        return int(cursor.fetchone()[0])

    def close(self) -> None:
        """Drop the connection: a LISTENing one must not go back to the pool."""
        if self._server and event.contains(self._engine, "checkout", self._checked_out):
            event.remove(self._engine, "checkout", self._checked_out)
        pooled, self._pooled = self._pooled, None
        if pooled is None:
            return
        try:
            pooled.invalidate()
        except Exception:  # closing what may already be broken
            return
