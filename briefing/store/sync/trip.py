"""Syncing a travel copy with the team server it was taken from (issue 16).

A sync is one transaction on each side, server first. The copy notes the sync's id
before the server is asked (``travel_base.pending_sync``); the server applies the copy's
changes and records the id in one transaction; the copy then applies the server's
changes, keeps the conflicts, moves its base and clears the id in one more. A sync cut
between the two commits is simply run again under the same id: the merge finds the
copy's changes already on the server (the same change on both sides is no change), so
nothing is applied twice and no conflict is made up, and the server's record of the id
is not doubled.

Both sides are read at the traveller's clearance and only the records that changed are
read in full (:mod:`briefing.store.sync.states`), so a sync costs what changed. The
server writes as the traveller's login: its row-level security refuses what the login may
not write, and :func:`briefing.store.sync.apply.apply_operations` refuses, before writing,
whatever would clear or remove what the traveller cannot see. A refused change, like a
conflict, writes nothing at its place on either side and is kept in the copy
(:mod:`briefing.store.sync.conflicts`); the records concerned keep their old base, so
the next sync looks at them again. So do the records with a change held back because it
names a record the other side deleted (a member added to a delegation while the copy
deleted the person, a person made in a party the copy deleted): that deletion is kept as
a conflict, and once it is settled the next sync sends the change, or sends it without
what it named of the record (no membership; the new person in no party). A record the
server made that way is read again at each sync until then (``states.asked``). A
record the copy edited and a colleague raised above the traveller's level meanwhile is
no conflict of the copy's: its edits are passed on to the server for someone cleared to
see it (:mod:`briefing.store.sync.raised`), and so is its deletion by the copy.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from briefing.domain import (
    AuditEvent,
    Dossier,
    Record,
    TravelBase,
    TravelBaseRecord,
    TravelCopy,
    TravelSync,
)
from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.store import audit
from briefing.store.db.database import Store
from briefing.store.db.server import identity
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.export import dossier_out
from briefing.store.sync.apply import Refused, apply_operations, take_stamps
from briefing.store.sync.apply_dossier import TEXT_COLUMNS
from briefing.store.sync.conflicts import Found, keep, refusal
from briefing.store.sync.merge import merge
from briefing.store.sync.operations import MergeResult
from briefing.store.sync.raised import dropped, pass_on, pass_on_deletions, withheld_removals
from briefing.store.sync.spec import DOSSIER
from briefing.store.sync.spec import Record as State
from briefing.store.sync.states import (
    DECIDED,
    asked,
    copy_side,
    marked,
    own_side,
    own_state,
    server_mark,
    settle_moved,
    side,
    states,
    unseen,
    versions,
)
from briefing.store.travel import (
    MergeBase,
    base_of,
    check_copy,
    clearance_of,
    merge_base,
    require_team_server,
    server_now,
)
from briefing.store.versions import written
from briefing.store.visibility import same_level

Progress = Callable[[str], None]

Stamp = tuple[str, dt.datetime | None]
"""Who changed a row, and when (None: not since its stamps were added, migration 0029)."""


@dataclass(frozen=True)
class Synced:
    """What a sync did: its id, the changes each side took, the conflicts now kept, and
    whether it finished one cut short."""

    uid: str
    sent: int
    received: int
    conflicts: int
    resumed: bool
    printed: int = 0
    """The copy's audit events (books and files made offline) that reached the server."""
    passed_on: int = 0
    """Records the copy edited or deleted that were raised above the traveller's level
    meanwhile: their edits are kept on the server for someone cleared to see them
    (:mod:`briefing.store.sync.raised`), and they left the copy."""

    def passed_on_said(self, ngettext: Callable[[str, str, int], str]) -> str:
        """The passed-on edits as the command line and the window end their line with
        them (", N edits passed on ..."), in one wording, in the language of ``ngettext``
        (a translator's); empty when there are none."""
        if not self.passed_on:
            return ""
        return ngettext(
            ", {count} edit passed on to someone cleared to see them",
            ", {count} edits passed on to someone cleared to see them",
            self.passed_on,
        ).format(count=self.passed_on)


@dataclass(frozen=True)
class _ServerSide:
    """What the server's transaction leaves for the copy's."""

    result: MergeResult
    refused: list[Refused]
    touched: set[str]
    versions: dict[str, int]
    states: dict[str, State]
    changed_by: dict[tuple[str, str | None], Stamp]
    """Who last changed each conflict's row on the server, and when, by the row's
    :func:`_row_of`."""
    at: dt.datetime
    first: bool
    """This sync's id was not yet recorded on the server (False: a sync cut short)."""
    mark: str
    """The server's snapshot before it read what changed: the copy's next base mark."""
    passed: tuple[str, ...] = ()
    """The records whose edits the server keeps for someone cleared to see them."""
    deletions: tuple[str, ...] = ()
    """The records the copy deleted whose deletion the server keeps for someone cleared
    to see them (they left the copy already)."""


def sync_copy(copy: Store, server: Store, progress: Progress | None = None) -> Synced:
    """Sync the travel copy ``copy`` with ``server``, which must be the one it was taken
    from, as the login that took it (see the module's docstring)."""
    say = progress or (lambda _step: None)
    require_team_server(server)
    taken = base_of(copy)
    where = identity(server).server
    if where != taken.server:
        raise BriefingError(
            N_(
                "{location} was taken from {server}, not {where}: sync it with the server it came "
                "from; nothing was changed"
            ),
            location=copy.location,
            server=taken.server,
            where=where,
        )
    uid, resumed = _begin(copy)
    base = merge_base(copy)
    say("reading the copy's changes")
    with copy.session() as session:
        ours = copy_side(session, find_dossier(session, None), base.states, taken.clearance)
        wanted = asked(session)
        offline = _offline(session)
    say("merging on the server")
    with server.session() as session:
        found = _server_side(session, taken, uid, base, ours, wanted)
        if found.first:
            _trail(session, taken.copy_uid, offline)
    say("bringing the server's changes into the copy")
    base.states.load(ours.keys() | found.states.keys())  # before the copy's session
    with copy.session() as session:
        kept = _copy_side(session, taken.clearance, uid, base, ours, found)
    sent = len(found.result.to_theirs) - len(found.refused)
    received = len(found.result.to_ours)
    passed_on = len(found.passed) + len(found.deletions)
    return Synced(uid, sent, received, kept, resumed, len(offline), passed_on)


def _begin(copy: Store) -> tuple[str, bool]:
    """The sync's id, noted in the copy before the server is asked with the last audit
    event it sends: a new one, or the one of a sync cut short (then True)."""
    with copy.session() as session:
        row = session.scalars(select(TravelBase)).one()
        if row.pending_sync is not None:
            return row.pending_sync, True
        row.pending_sync = str(uuid.uuid4())
        row.audit_upto = session.scalar(select(func.max(AuditEvent.id))) or row.audit_sent
        return row.pending_sync, False


def _offline(session: Session) -> list[AuditEvent]:
    """The copy's audit events (books and files made offline) this sync sends."""
    row = session.scalars(select(TravelBase)).one()
    events = select(AuditEvent).where(
        AuditEvent.id > row.audit_sent, AuditEvent.id <= (row.audit_upto or row.audit_sent)
    )
    found = list(session.scalars(events.order_by(AuditEvent.id)))
    for event in found:
        session.expunge(event)  # read after the copy's transaction, on the server's
    return found


def _trail(session: Session, copy_uid: str, offline: Sequence[AuditEvent]) -> None:
    """The server's trail gains each event of the copy's, in the sync's transaction: who
    (the traveller's login, stamped by the server) and, in its detail, when and as whom
    the copy made it."""
    for event in offline:
        made = f"offline in travel copy {copy_uid}, {event.at:%Y-%m-%d %H:%M} UTC by {event.who}"
        audit.record(
            session,
            action=event.action,
            dossier=event.dossier,
            audience=event.audience,
            edition=event.edition,
            content_hash=event.content_hash,
            detail=f"{made}; {event.detail}" if event.detail else made,
        )


def _server_side(
    session: Session,
    taken: TravelBase,
    uid: str,
    base: MergeBase,
    ours: Mapping[str, State | None],
    wanted: Collection[str],
) -> _ServerSide:
    # One sync of a copy at a time: a second waits, then finds the first's changes.
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:c))"), {"c": taken.copy_uid})
    check_copy(session, taken.copy_uid)
    level = clearance_of(session)
    if not same_level(level, taken.clearance):
        raise BriefingError(
            N_(
                "your clearance has changed since this copy was taken, so it may hold what you may "
                "no longer see, or miss what you now may: take a new copy; nothing was changed"
            )
        )
    dossier = _dossier_of(session, taken)
    # Read before what changed: whatever this snapshot missed is marked above it.
    mark = server_mark(session)
    since = marked(session, dossier, base.mark)
    # The copy's changes are looked at on the server too: a record kept in conflict is
    # one of them (its base did not move), whenever the server changed it; and so is a
    # record the server made whose creation the copy held back (``wanted``).
    only = None if since is None else since | ours.keys() | set(wanted)
    theirs = {
        **side(session, dossier, base.states.server_versions(only), level, only=only),
        **own_side(session, dossier, base.states, level, copy=False),
    }
    base.states.load(ours.keys() | theirs.keys())
    before = {u: base.states.get(u) for u in ours.keys() | theirs.keys()}
    merged = merge(before, ours, theirs, decided=_decided(ours, base))
    result = withheld_removals(session, dossier, level, merged, before, _held(ours, base))
    refused = apply_operations(session, dossier, result.to_theirs, level)
    result, passed = pass_on(session, dossier, taken.copy_uid, uid, result)
    gone = {
        u: state
        for u in ours.keys() & theirs.keys()
        if ours[u] is None and theirs[u] is None and (state := base.states.get(u)) is not None
    }
    deletions = pass_on_deletions(session, dossier, taken.copy_uid, uid, gone)
    first = session.get(TravelSync, uid) is None
    if first:
        session.add(
            TravelSync(
                uid=uid,
                copy_uid=taken.copy_uid,
                login="",
                synced_at=dt.datetime.min,
                sent=len(result.to_theirs) - len(refused),
                received=len(result.to_ours),
                conflicts=len(result.conflicts) + len(refused),
            )
        )
        audit.record(
            session,
            action="travel sync",
            dossier=dossier.slug,
            audience=level,
            detail=f"{uid} of copy {taken.copy_uid}",
        )
    session.flush()
    # The versions' claims stamp records in SQL: read the states as stored, not as loaded.
    session.expire_all()
    # Besides what the merge named, each record the store saved again here (a child whose
    # level the change raised): the copy saves it too, and must take its stamp.
    claimed = set(written(session))
    touched = _touched(ours, theirs, result) | set(
        session.scalars(select(Record.uid).where(Record.id.in_(claimed))) if claimed else ()
    )
    now = versions(session, dossier, level, only=touched)
    # The dossier's own fields have no version: the base notes none (states.own_side).
    own = {DOSSIER: own_state(dossier_out(session, dossier, level))} if DOSSIER in touched else {}
    conflicted = {c.uid for c in result.conflicts} | {r.operation.uid for r in refused}
    return _ServerSide(
        result,
        refused,
        touched,
        {**{u: now[u] for u in touched if u in now}, **dict.fromkeys(own, 0)},
        {**states(session, dossier, touched & now.keys(), level), **own},
        _changed_by(session, dossier, conflicted),
        server_now(session),
        first,
        mark,
        passed,
        deletions,
    )


def _held(ours: Mapping[str, State | None], base: MergeBase) -> Callable[[str], bool]:
    """Whether the copy holds a record: neither deleted during the trip (None among its
    changes) nor gone from its base at an earlier sync (raised, it left the copy)."""
    return lambda uid: (
        (uid in ours and ours[uid] is not None) or (uid not in ours and uid in base.states)
    )


def _decided(ours: Mapping[str, State | None], base: MergeBase) -> set[str]:
    """The copy's deletions settled for the delete since the last sync: the settling
    marked their base :data:`~briefing.store.sync.states.DECIDED`
    (:func:`briefing.store.sync.conflicts.settle`)."""
    deleted = [uid for uid, state in ours.items() if state is None]
    return {uid for uid, seen in base.states.server_versions(deleted).items() if seen == DECIDED}


def _dossier_of(session: Session, taken: TravelBase) -> Dossier:
    registered = session.get(TravelCopy, taken.copy_uid)
    dossier = None if registered is None else session.get(Dossier, registered.dossier_id)
    if dossier is None:
        raise BriefingError(
            N_(
                "the dossier {dossier_slug} this copy was taken of is no longer on the server, or "
                "no longer within your clearance; nothing was changed"
            ),
            dossier_slug=taken.dossier_slug,
        )
    return dossier


def _touched(
    ours: Mapping[str, State | None], theirs: Mapping[str, State | None], result: MergeResult
) -> set[str]:
    operations = (*result.to_ours, *result.to_theirs)
    return set(ours) | set(theirs) | {op.uid for op in operations}


def _row_of(uid: str, field: str | None) -> tuple[str, str | None]:
    """The row holding a conflict's place, as :func:`_changed_by` names it: the record's
    (uid, None); for the dossier's own fields the dossier's row, or (subtitle and
    scene-setter) its text's, which has stamps of its own."""
    if uid == DOSSIER and field in TEXT_COLUMNS:
        return uid, TEXT_COLUMNS[field][0]
    return uid, None


def _changed_by(
    session: Session, dossier: Dossier, uids: Collection[str]
) -> dict[tuple[str, str | None], Stamp]:
    """Who last changed each record on the server, and when: a conflict's other side. For
    the dossier's own fields, each of its rows the login sees."""
    if not uids:
        return {}
    rows = session.execute(
        select(Record.uid, Record.changed_by, Record.updated_at).where(
            Record.dossier_id == dossier.id, Record.uid.in_(uids)
        )
    )
    stamps: dict[tuple[str, str | None], Stamp] = {
        (row.uid, None): (row.changed_by, row.updated_at) for row in rows
    }
    if DOSSIER in uids:
        stamps[DOSSIER, None] = (dossier.changed_by, dossier.updated_at)
        for kind, text in dossier.texts.items():
            stamps[DOSSIER, kind] = (text.changed_by, text.updated_at)
    return stamps


def _copy_side(
    session: Session,
    level: int,
    uid: str,
    base: MergeBase,
    ours: Mapping[str, State | None],
    server: _ServerSide,
) -> int:
    """Apply the server's changes, keep the conflicts, move the base; return how many
    conflicts are kept."""
    dossier = find_dossier(session, None)
    unapplied = apply_operations(
        session, dossier, (*server.result.to_ours, *dropped(server.passed)), level, carried=True
    )
    if unapplied:
        raise BriefingError(
            N_(
                "the copy could not take the server's change to {uid}: {reason}; the server "
                "has this sync, the copy does not yet: sync again"
            ),
            uid=unapplied[0].operation.uid,
            reason=unapplied[0].reason,
        )
    before = {u: base.states[u] for u in ours.keys() | server.states.keys() if u in base.states}
    found = [
        Found(c, None, *server.changed_by.get(_row_of(c.uid, c.field), (None, None)))
        for c in server.result.conflicts
    ]
    found += [Found(refusal(r, before, ours), r.reason, None, None) for r in server.refused]
    held = {item.conflict.uid for item in found} | server.result.held
    session.flush()
    take_stamps(session, dossier, {u: s for u, s in server.states.items() if u not in held})
    copied = versions(session, dossier, level, only=server.touched - held)
    copied.update(dict.fromkeys(server.touched & {DOSSIER} - held, 0))
    _move_base(session, server.touched - held, server, copied)
    settle_moved(session, dossier, level)
    unseen(session, server.result.held)
    kept = keep(session, uid, found, server.at)
    row = session.scalars(select(TravelBase)).one()
    row.pending_sync, row.audit_sent, row.audit_upto = None, row.audit_upto or row.audit_sent, None
    row.base_mark = server.mark
    return kept


def _move_base(
    session: Session, uids: set[str], server: _ServerSide, copied: Mapping[str, int]
) -> None:
    """Each record the sync settled is, from now on, based on how the server has it."""
    if not uids:
        return
    session.execute(delete(TravelBaseRecord).where(TravelBaseRecord.uid.in_(uids)))
    session.add_all(
        TravelBaseRecord(
            uid=u,
            kind=state.kind,
            server_version=server.versions[u],
            copy_version=copied[u],
            state=json.dumps(state.fields, ensure_ascii=False, sort_keys=True),
        )
        for u, state in server.states.items()
        if u in uids and u in copied
    )
