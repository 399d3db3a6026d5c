"""Knowing when another Briefing has the same database open.

Two windows on one file are safe (every change is a transaction and writers wait for
each other), but people should know, because one window does not see the other's
edits until it reloads. A small lock file beside the database names its holder; a lock
left by a process that is gone (killed, crashed) is simply taken over.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.open")


def _alive(holder: Holder) -> bool:
    if holder.host != socket.gethostname():
        return True  # another machine on a shared folder: assume it is still there
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    """Held by a window while it shows a database.

    Attributes:
        other: who else had the database open when this lock was taken, if anyone.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self.me = Holder(os.getpid(), socket.gethostname())
        previous = _read(self.path)
        self.other = previous if previous and previous != self.me and _alive(previous) else None
        self.owned = False
        if self.other is None:
            try:
                self.path.write_text(
                    json.dumps({"pid": self.me.pid, "host": self.me.host}), encoding="utf-8"
                )
                self.owned = True
            except OSError:
                self.owned = False  # read-only media: nothing to record, nothing to warn

    def release(self) -> None:
        if self.owned and _read(self.path) == self.me:
            self.path.unlink(missing_ok=True)
        self.owned = False
