"""The audit trail: every copy taken out of the database, and every clearance change.

:func:`record` adds an event in the caller's session, so it commits or rolls back with
what it describes (a book's edition, say): no event for an export that failed, and no
export without its event. :func:`exporting` is that transaction for a file written out.

Who is named by the database where it can tell: on a server, the role logged in (the
server's trigger stamps it too, so a client cannot write another name); on a laptop's
SQLite file, the account of the person at the computer.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from briefing.domain import AuditEvent
from briefing.domain.base import utcnow
from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.store.db.database import Store

ACTIONS = (
    N_("book"),
    N_("cards"),
    N_("draft"),
    N_("reprint"),
    N_("dossier file"),
    N_("calendar"),
    N_("travel copy"),
    N_("travel copy revoked"),
    N_("travel copy expires"),
    N_("travel sync"),
    N_("travel edits settled"),
    N_("user added"),
    N_("clearance changed"),
    N_("user removed"),
)
"""Every ``action`` an event is recorded with, marked for the catalogue: the trail keeps
the English word, and whoever prints it says it in the reader's language."""

UNKNOWN_USER = "unknown"
"""Who an event names when the computer's account cannot be found (no login name set)."""


def current_user(session: Session) -> str:
    """The person the event is for: the server's role, or this computer's account."""
    if session.get_bind().dialect.name == "postgresql":
        # Not flushing the caller's pending rows: their failures are the caller's to catch.
        with session.no_autoflush:
            return str(session.scalar(text("SELECT current_user")))
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return UNKNOWN_USER


def record(
    session: Session,
    *,
    action: str,
    dossier: str | None = None,
    audience: int | None = None,
    edition: int | None = None,
    content_hash: str = "",
    detail: str = "",
) -> None:
    """Add an event to the trail, in ``session``'s transaction.

    ``action`` says what happened ("book", "draft", "dossier file", "clearance" …),
    ``dossier`` is the dossier's slug, ``audience`` the rank the copy was made for,
    ``edition`` a book's number, ``content_hash`` the SHA-256 the copy can be checked
    against, ``detail`` anything else a reader of the trail needs (a file name, a role).
    """
    # Inline, with no RETURNING: a server's staff may add to the trail but not read it.
    # Not flushing the caller's pending rows: a clash of theirs (an edition number taken
    # meanwhile) is the caller's to catch at its own flush.
    with session.no_autoflush:
        session.execute(
            insert(AuditEvent)
            .inline()
            .values(
                at=utcnow(),
                who=current_user(session),
                action=action,
                dossier=dossier,
                audience=audience,
                edition=edition,
                content_hash=content_hash,
                detail=detail,
            )
        )


def events(session: Session, since: dt.datetime | None = None) -> Sequence[AuditEvent]:
    """The trail, oldest first; from ``since`` (UTC) on when given."""
    query = select(AuditEvent).order_by(AuditEvent.at, AuditEvent.id)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    return session.scalars(query).all()


@contextmanager
def exporting(store: Store, target: Path) -> Iterator[Session]:
    """A transaction for an export's rows (its event, a book's edition) around the
    writing of ``target``: the block adds the rows, flushes them and writes the file last.

    A block that raises writes no row (and, writing last, no file). If the commit fails
    once the file is written, the new file is removed and the export fails: a copy the
    trail does not show must not exist. A file it replaced is not brought back.
    """
    written = False
    try:
        with store.session() as session:
            yield session
            written = True
    except BaseException as exc:
        if not written:
            raise
        target.unlink(missing_ok=True)
        if not isinstance(exc, Exception):
            raise
        raise BriefingError(
            N_("{target} was removed: the export could not be recorded in the audit trail ({exc})"),
            target=target,
            exc=exc,
        ) from exc
