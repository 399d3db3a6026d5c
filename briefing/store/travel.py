"""Travel copies (issue 16): taking one out of a team server, and the server's register.

A copy is an SQLite file encrypted with SQLCipher from its first page: the key is set on
the connection before anything is written, the dossier goes in from memory (the export's
model, never a file), SQLite's temporary files stay in memory, and the file is built as
``FILE.part`` and renamed into place only when whole. It holds what the traveller's
clearance allows and nothing more: the server's row-level security withholds the rest
from the login, and the export applies the one audience filter at the same clearance.

The copy and its register row come from one server transaction (REPEATABLE READ), so the
base the copy records is exactly the snapshot its contents were read in; if the register
cannot be written, the file is removed, and a file that cannot be written registers
nothing. A sync asks :func:`check_copy` before it touches anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from briefing.domain import (
    KOREAN_LEVEL_NAMES,
    Dossier,
    HandlingLevel,
    TravelBase,
    TravelBaseDocument,
    TravelBaseRecord,
    TravelCopy,
)
from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.store import audit
from briefing.store.db.database import Access, Store, is_server
from briefing.store.db.holding import collector_paused
from briefing.store.db.migrate import upgrade
from briefing.store.db.server import identity
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.export import dossier_to_model, dumps
from briefing.store.exchange.schema import DossierFile
from briefing.store.exchange.writing import import_model
from briefing.store.server.accounts import administrators_only
from briefing.store.sync.spec import DOSSIER
from briefing.store.sync.states import BaseStates, versions, with_own
from briefing.store.visibility import levels

PART_SUFFIX = ".part"
"""The copy is written beside its target under this suffix, and renamed when whole."""

PRIVATE = 0o600
"""A travel copy is the traveller's alone, whatever the folder's defaults."""


@dataclass(frozen=True)
class Taken:
    """A copy just taken: its uid and file, the dossier, and whose clearance it holds."""

    uid: str
    path: Path
    slug: str
    login: str
    clearance: str


@dataclass(frozen=True)
class Registered:
    """A row of the server's register, for ``briefing travel list``."""

    uid: str
    login: str
    dossier: str
    clearance: str
    taken_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    revoked_by: str | None

    def state(self, now: dt.datetime) -> str:
        if self.revoked_at is not None:
            return f"revoked {self.revoked_at:%Y-%m-%d} by {self.revoked_by}"
        if self.expires_at is not None and now >= self.expires_at:
            return f"expired {self.expires_at:%Y-%m-%d}"
        return "active"


def _require_server(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise BriefingError(
            N_(
                "travel copies are taken from and registered on a team server; name it with --db "
                "postgresql+psycopg://USER@HOST/DBNAME"
            )
        )


_administrators_only = administrators_only("revokes or expires a travel copy")


def server_now(session: Session) -> dt.datetime:
    """The server's clock, not the laptop's: a clock set back must not revive a copy."""
    now = session.scalar(text("SELECT date_trunc('second', now() AT TIME ZONE 'UTC')"))
    assert isinstance(now, dt.datetime)
    return now


def clearance_of(session: Session) -> int:
    """The login's clearance, which the copy is filtered to; refused without one."""
    user = session.scalar(text("SELECT session_user"))
    defined = session.scalar(text("SELECT to_regprocedure('briefing_clearance()')"))
    rank = None if defined is None else session.scalar(text("SELECT briefing_clearance()"))
    if rank is None:
        raise BriefingError(
            N_(
                "{user} has no clearance on this server, and a travel copy holds what its taker is "
                "cleared for: take it as a login an administrator added with `briefing server user "
                "add`. Nothing was written"
            ),
            user=user,
        )
    return int(rank)


def _refuse_target(target: Path) -> None:
    if not target.parent.is_dir():
        raise BriefingError(
            N_("cannot write {target}: the folder {parent} does not exist"),
            target=target,
            parent=target.parent,
        )
    if target.exists():
        raise BriefingError(
            N_("{target} already exists; nothing was written or registered"), target=target
        )


def _fill(
    part: Path,
    passphrase: str,
    model: DossierFile,
    base: TravelBase,
    document: bytes,
    server: Mapping[str, int],
) -> None:
    """Build the encrypted copy at ``part``: keyed before its first page, filled from
    memory, with the merge's base (each record's state and its ``server`` and copy
    versions), synced to disk before it is renamed."""
    part.unlink(missing_ok=True)
    os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    # No journal: a copy that fails half-way is deleted, never recovered.
    copy = Store.at(part, Access(passphrase, scratch=True))
    try:
        upgrade(copy)
        with copy.session() as session:
            # The scale stops at the traveller's clearance: nothing offline can be marked
            # at a level its sync could not write.
            session.execute(delete(HandlingLevel))
            session.add_all(
                HandlingLevel(
                    rank=x.rank,
                    name=x.name,
                    marking=x.marking,
                    name_ko=KOREAN_LEVEL_NAMES.get(x.name),
                )
                for x in model.handling_levels
            )
        import_model(copy, model)
        with copy.session() as session:
            session.add(base)
            session.add(
                TravelBaseDocument(copy_uid=base.copy_uid, document=zlib.compress(document))
            )
            copied = versions(session, find_dossier(session, None), base.clearance)
            session.execute(
                insert(TravelBaseRecord),
                [
                    {
                        "uid": uid,
                        "kind": state.kind,
                        # The dossier's own fields have no versions (states.own_side).
                        "server_version": 0 if uid == DOSSIER else server[uid],
                        "copy_version": 0 if uid == DOSSIER else copied[uid],
                        "state": json.dumps(state.fields, ensure_ascii=False, sort_keys=True),
                    }
                    for uid, state in with_own(model).items()
                ],
            )
    finally:
        copy.close()
    with part.open("rb") as handle:
        os.fsync(handle.fileno())


def require_team_server(store: Store) -> None:
    """A travel copy comes from a team server, never from a file (which has no register)."""
    if not is_server(store.url):
        raise BriefingError(
            N_(
                "{location} is not a team server; a travel copy is taken from one: --from "
                "postgresql+psycopg://USER@HOST/DBNAME"
            ),
            location=store.location,
        )


def take_copy(server: Store, slug: str | None, target: Path, passphrase: str) -> Taken:
    """Write the travel copy of dossier ``slug`` to ``target`` and register it.

    Read at the login's clearance in one REPEATABLE READ transaction that also registers
    the copy (the server stamps who, at what clearance, when, and the snapshot it read):
    the file is renamed into place just before that transaction commits, and removed if
    the commit fails."""
    require_team_server(server)
    if not passphrase:
        raise BriefingError(N_("the passphrase is empty; nothing was written"))
    _refuse_target(target)
    where = identity(server).server
    part = target.with_name(target.name + PART_SUFFIX)
    written: Path | None = None  # what this run put on disk, removed if the run fails
    try:
        with collector_paused(), server.session() as session:
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            rank = clearance_of(session)
            dossier = find_dossier(session, slug)
            model = dossier_to_model(session, dossier, audience=rank)
            server_versions = versions(session, dossier, rank)
            document = dumps(model).encode("utf-8")
            uid = str(uuid.uuid4())
            session.execute(
                insert(TravelCopy).values(
                    uid=uid,
                    dossier_id=dossier.id,
                    login="",
                    clearance=rank,
                    taken_at=dt.datetime.min,
                    base_mark="",
                )
            )
            row = session.execute(
                select(TravelCopy.login, TravelCopy.taken_at, TravelCopy.base_mark).where(
                    TravelCopy.uid == uid
                )
            ).one()
            audit.record(
                session,
                action="travel copy",
                dossier=dossier.slug,
                audience=rank,
                content_hash=hashlib.sha256(document).hexdigest(),
                detail=f"{uid} {target.name}",
            )
            base = TravelBase(
                copy_uid=uid,
                server=where,
                dossier_slug=dossier.slug,
                login=row.login,
                clearance=rank,
                taken_at=row.taken_at,
                base_mark=row.base_mark,
            )
            written = part
            _fill(part, passphrase, model, base, document, server_versions)
            part.replace(target)
            written = target
            name = {x.rank: x.name for x in levels(session)}[rank]
            slug = dossier.slug
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    return Taken(uid, target, slug, row.login, name)


def base_of(copy: Store) -> TravelBase:
    """The base a travel copy records: which copy, of what, for whom."""
    with copy.session() as session:
        base: TravelBase | None = session.scalar(select(TravelBase))
    if base is None:
        raise BriefingError(
            N_("{location} is not a travel copy (it records no base)"), location=copy.location
        )
    return base


@dataclass(frozen=True)
class MergeBase:
    """A copy's base for the next sync: the server's snapshot it was read in (``mark``,
    see :func:`briefing.store.sync.states.marked`; empty for a copy older than the
    marks), and each record's version on the server then and state as the traveller had
    it, read from the copy for the records a sync looks at (the copy's own versions are
    compared in its file, see :func:`briefing.store.sync.states.copy_side`)."""

    mark: str
    states: BaseStates


def merge_base(copy: Store) -> MergeBase:
    """The base the copy's next sync merges from (see :class:`MergeBase`)."""
    return MergeBase(base_of(copy).base_mark, BaseStates(copy))


def base_document(copy: Store) -> str:
    """The dossier file the copy was filled from, as the traveller was given it."""
    with copy.session() as session:
        document = session.scalar(select(TravelBaseDocument.document))
    if document is None:
        raise BriefingError(
            N_("{location} is not a travel copy (it records no base)"), location=copy.location
        )
    return zlib.decompress(document).decode("utf-8")


def list_copies(session: Session) -> Sequence[Registered]:
    """The register as the login may read it: an administrator's, every copy; anyone
    else's, their own (the server's policy decides, not this query)."""
    _require_server(session)
    names = {x.rank: x.name for x in levels(session)}
    rows = session.execute(
        select(TravelCopy, Dossier.slug)
        .outerjoin(Dossier, Dossier.id == TravelCopy.dossier_id)
        .order_by(TravelCopy.taken_at, TravelCopy.uid)
    ).all()
    return [
        Registered(
            copy.uid,
            copy.login,
            slug or f"dossier {copy.dossier_id} (deleted, or above your clearance)",
            names.get(copy.clearance, str(copy.clearance)),
            copy.taken_at,
            copy.expires_at,
            copy.revoked_at,
            copy.revoked_by,
        )
        for copy, slug in rows
    ]


def _unknown(uid: str) -> BriefingError:
    return BriefingError(N_("this server has no travel copy {uid}; nothing was changed"), uid=uid)


def _valid_uid(uid: str) -> str:
    try:
        return str(uuid.UUID(uid))
    except ValueError:
        raise _unknown(uid) from None


@_administrators_only
def revoke(session: Session, uid: str) -> None:
    """Refuse the copy's every later sync; the register keeps who revoked it and when."""
    _require_server(session)
    uid = _valid_uid(uid)
    changed = session.execute(
        text(
            "UPDATE travel_copy SET revoked_at = date_trunc('second', now() AT TIME ZONE 'UTC'),"
            " revoked_by = session_user WHERE uid = :u AND revoked_at IS NULL"
        ),
        {"u": uid},
    )
    if changed.rowcount == 0:  # type: ignore[attr-defined]
        found = session.get(TravelCopy, uid)
        if found is None or found.revoked_at is None:
            raise _unknown(uid)
        raise BriefingError(
            N_(
                "travel copy {uid} was already revoked on {revoked_at:%Y-%m-%d} by {revoked_by}; "
                "nothing was changed"
            ),
            uid=uid,
            revoked_at=found.revoked_at,
            revoked_by=found.revoked_by,
        )
    audit.record(session, action="travel copy revoked", detail=uid)


@_administrators_only
def expire(session: Session, uid: str, on: dt.date) -> None:
    """Refuse the copy's syncs from the start of ``on`` (UTC, by the server's clock)."""
    _require_server(session)
    uid = _valid_uid(uid)
    changed = session.execute(
        text("UPDATE travel_copy SET expires_at = :at WHERE uid = :u"),
        {"u": uid, "at": dt.datetime.combine(on, dt.time())},
    )
    if changed.rowcount == 0:  # type: ignore[attr-defined]
        raise _unknown(uid)
    audit.record(session, action="travel copy expires", detail=f"{uid} on {on:%Y-%m-%d}")


def check_copy(session: Session, uid: str) -> None:
    """Refuse, in one line, a sync of a copy that is unknown here, another login's,
    revoked or expired; return quietly for one that may sync."""
    _require_server(session)
    me = session.scalar(text("SELECT session_user"))
    try:
        key = str(uuid.UUID(uid))
    except ValueError:
        key = ""
    found = session.get(TravelCopy, key) if key else None
    if found is None:
        raise BriefingError(
            N_(
                "this server has no travel copy {uid} taken by {me}: the copy is of another "
                "server, or another login took it; nothing was changed"
            ),
            uid=uid,
            me=me,
        )
    if found.login != me:
        raise BriefingError(
            N_(
                "travel copy {uid} was taken by {login}, not {me}: only its taker syncs it; "
                "nothing was changed"
            ),
            uid=uid,
            login=found.login,
            me=me,
        )
    if found.revoked_at is not None:
        raise BriefingError(
            N_(
                "travel copy {uid} was revoked on {revoked_at:%Y-%m-%d} by {revoked_by}, so it no "
                "longer syncs; nothing was changed"
            ),
            uid=uid,
            revoked_at=found.revoked_at,
            revoked_by=found.revoked_by,
        )
    if found.expires_at is not None and server_now(session) >= found.expires_at:
        raise BriefingError(
            N_(
                "travel copy {uid} expired on {expires_at:%Y-%m-%d}, so it no longer syncs; "
                "nothing was changed"
            ),
            uid=uid,
            expires_at=found.expires_at,
        )
