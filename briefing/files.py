"""Writing an exported file all at once, readable by whom its contents allow.

Every export (a briefing book, a dossier file) is written beside its target and renamed
into place, so a cancelled, failed or killed export leaves the previous file as it was.
Who may read the new file follows its contents: a book or file for one of the scale's
lowest levels (Public and Internal by default) is meant to be passed round a shared
drive, so it gets the permissions the person's umask gives any new file; anything more
sensitive is readable by its owner alone (0600), even when it replaces a file that was not.

Nothing here imports Qt, ReportLab or SQLAlchemy: the book, the store and the window use it.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from briefing.errors import N_, BriefingError, os_reason

PRIVATE = 0o600
SHARED = 0o666
"""Asked of the system for a shared file; the person's umask takes away what it takes."""


def write_atomically(target: Path, data: bytes, *, shared: bool) -> None:
    """Put ``data`` at ``target`` all at once, or not at all.

    A shared file that replaces another keeps the permissions the person gave that one.
    """
    folder = target.parent
    if not folder.is_dir():
        raise BriefingError(
            N_("cannot write {target}: the folder {parent} does not exist"),
            target=target,
            parent=folder,
        )
    if target.is_dir():
        raise BriefingError(N_("cannot write {target}: it is a folder"), target=target)
    temporary = folder / f".{target.name}.{secrets.token_hex(6)}.partial"
    try:
        handle = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, SHARED if shared else PRIVATE
        )
    except OSError as exc:
        raise BriefingError(
            N_("cannot write {target}: {reason}"), target=target, reason=os_reason(exc)
        ) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # on disk before the name points at it
        if shared and target.exists():
            temporary.chmod(stat.S_IMODE(target.stat().st_mode))
        elif not shared:
            temporary.chmod(PRIVATE)
        temporary.replace(target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BriefingError(
                N_("cannot write {target}: {reason}"), target=target, reason=os_reason(exc)
            ) from exc
        raise
