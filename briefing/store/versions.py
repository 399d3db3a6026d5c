"""Saves that name what their editor saw, so two people editing one record lose nothing.

Every record counts its saves (``record.version``) and names who saved last. A save
first runs ``UPDATE record SET version = version + 1 … WHERE id = :id AND version =
:loaded``: when someone saved since the editor loaded the record, no row matches and
:class:`Changed` says who and when; the transaction is rolled back, so nothing is
written. The statement also takes the row's write lock, so of two saves racing over one
version the second waits for the first and then finds the version gone (on PostgreSQL's
READ COMMITTED the row is checked again after the lock; SQLite writes one at a time).

Whatever changes a record (its fields, their levels, aliases, citations, an undo) calls
:func:`claim`; the versions a transaction wrote are left in ``session.info`` for the GUI,
which checks its own undo and redo against them.

The dossier's own rows (its title, dates and home zone; its subtitle and scene-setter)
have no version, but name who wrote them last and when, as a record does: every flush
writing one stamps it (:func:`stamp_dossier_rows`), whoever wrote it (the window, a
command, an import, a sync), so a sync's conflict on one of them says who changed it on
the server.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select, update
from sqlalchemy.orm import Session, UOWTransaction

from briefing.domain import Base, Dossier, DossierText
from briefing.domain.base import utcnow
from briefing.errors import N_, NotSaved
from briefing.store.chunked import chunked

_RECORD = Base.metadata.tables["record"]
WRITTEN = "versions"
"""The key of ``session.info`` holding ``{record id: version}`` this transaction wrote."""


class Changed(NotSaved):
    """Someone saved the record after the editor loaded it; nothing of this save was kept.

    Attributes:
        who: who saved it (a server's user name, or the computer's user on a file).
        when: when, in UTC; None when the record has been deleted.
    """

    def __init__(self, record_id: int, who: str, when: dt.datetime | None) -> None:
        self.record_id = record_id
        self.who = who
        self.when = when
        template, arguments = self._headline()
        super().__init__(
            N_("{headline} after you had opened it; your change was not saved"),
            headline=template.format(**arguments),
        )

    def _headline(self) -> tuple[str, dict[str, str]]:
        """The headline's message id and its arguments. The moment is the time alone on
        the day itself, else the ISO date too, which reads the same in either language."""
        if self.when is None:
            return N_("Someone deleted this record"), {}
        local = self.when.replace(tzinfo=dt.UTC).astimezone()
        today = dt.datetime.now(local.tzinfo).date()
        moment = f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"
        if not self.who:
            return N_("Someone changed this record at {moment}"), {"moment": moment}
        return N_("{who} changed this record at {moment}"), {"who": self.who, "moment": moment}

    def said(self, gettext: Callable[[str], str]) -> str:
        """The refusal in the language of ``gettext``, its headline included."""
        return gettext(self.template).format(headline=self.headline_said(gettext))

    def headline_said(self, gettext: Callable[[str], str]) -> str:
        """Who changed the record and when ("Kim changed this record at 10:42"), in the
        language of ``gettext``."""
        template, arguments = self._headline()
        return gettext(template).format(**arguments)


def editor(session: Session) -> ColumnElement[Any]:
    """Who is saving: the server's own ``current_user`` (the role the person logged in
    as, which nobody can claim to be), or on a file the computer's user name."""
    if session.get_bind().dialect.name == "postgresql":
        return func.current_user()
    return literal(_os_user())


def stamp_dossier_rows(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """Stamp each dossier or dossier text row this flush writes with its editor and the
    time (a ``before_flush`` hook of the store's sessions). A row is written when it is
    new or a column of its own changed; a record added to the dossier is not a write of
    it. The editor is asked of the server once, and only when there is a row to stamp."""
    rows = [
        row
        for row in (*session.new, *session.dirty)
        if isinstance(row, Dossier | DossierText)
        and (row in session.new or session.is_modified(row, include_collections=False))
    ]
    if not rows:
        return
    with session.no_autoflush:
        who = session.scalar(select(editor(session)))
    now = utcnow()
    for row in rows:
        row.changed_by, row.updated_at = str(who or ""), now


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or password database
        return ""


def claim(session: Session, record_id: int, loaded: int | None, *, count: bool = True) -> int:
    """Count a save of ``record_id``; refuse it when the record is no longer at ``loaded``
    (None: whatever version it is at, for a change that overwrites nothing, such as a new
    citation). Returns the record's new version; raises :class:`Changed`.

    ``count=False`` only checks the version and takes the row's lock, changing nothing:
    for a delete, whose undo puts the record back exactly as it was.
    """
    statement = update(_RECORD).where(_RECORD.c.id == record_id)
    if loaded is not None:
        statement = statement.where(_RECORD.c.version == loaded)
    if count:
        statement = statement.values(
            version=_RECORD.c.version + 1, changed_by=editor(session), updated_at=utcnow()
        )
    else:
        # Naming updated_at keeps Core from setting it to now, as it does for an update.
        statement = statement.values(updated_at=_RECORD.c.updated_at)
    statement = statement.returning(_RECORD.c.version)
    version = session.execute(statement).scalar()
    if version is None:
        raise refusal(session, record_id)
    session.info.setdefault(WRITTEN, {})[record_id] = version
    return int(version)


CLAIMED_AT_ONCE = 500
"""Records one statement counts a save of: within SQLite's bound on an ``IN`` list."""


def claim_all(session: Session, record_ids: set[int]) -> None:
    """Count a save of each of ``record_ids``, whatever version they are at: what an undo
    puts back (a whole dossier's records, at most) is saved again, in few statements."""
    versions = session.info.setdefault(WRITTEN, {})
    for ids in chunked(sorted(record_ids), CLAIMED_AT_ONCE):
        statement = (
            update(_RECORD)
            .where(_RECORD.c.id.in_(ids))
            .values(version=_RECORD.c.version + 1, changed_by=editor(session), updated_at=utcnow())
            .returning(_RECORD.c.id, _RECORD.c.version)
        )
        versions.update({row.id: row.version for row in session.execute(statement)})


def refusal(session: Session, record_id: int) -> Changed:
    """Why a record is not at the version a save expected: who changed or deleted it."""
    found = session.execute(
        select(_RECORD.c.changed_by, _RECORD.c.updated_at).where(_RECORD.c.id == record_id)
    ).first()
    if found is None:
        return Changed(record_id, "", None)
    return Changed(record_id, found.changed_by, found.updated_at)


def current(session: Session, record_id: int) -> int | None:
    """The version a record is at (what an editor loads with it); None if it is gone."""
    return session.scalar(select(_RECORD.c.version).where(_RECORD.c.id == record_id))


def written(session: Session) -> dict[int, int]:
    """The versions this transaction gave records, by record id."""
    return dict(session.info.get(WRITTEN, {}))
