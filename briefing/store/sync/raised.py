"""A traveller's edits to a record raised above the traveller's level during the trip.

The sync reads the server at the traveller's clearance, so a record a colleague raised
above it looks deleted there. Unedited in the copy, the merge simply deletes it from the
copy. Edited, the merge finds an edit/delete conflict the traveller cannot settle (the
record is out of sight) and nobody who can would ever see. So the sync asks the server's
``briefing_pass_on`` (migration 0016) to keep the edits at the record's level: it does so
only if the record is still there above the traveller's clearance, and answers no more
than whether it did. Passed on, the conflict is dropped and the record leaves the copy
and its base, as an unedited raised record does; not passed on (the record really was
deleted), the conflict is kept in the copy as any other. A record the copy deleted and
the server raised is passed on the same way (:func:`pass_on_deletions`), its deletion
for someone cleared to take or drop.

Someone cleared to see the record then lists the edits (:func:`listed`, row-level security
shows each only at or below the reader's clearance) and settles each (:func:`settle`):
the traveller's changes merged three ways into the record as it is now, the traveller's
value winning where both changed, or dropped; the trail says which, by whom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final, TypeGuard

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from briefing.domain import Dossier, RaisedEdit
from briefing.domain.fields import PARENTS
from briefing.domain.registry import KINDS, kind_of
from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.store import audit
from briefing.store.sync.apply import apply_operations
from briefing.store.sync.conflicts import decode, encode
from briefing.store.sync.merge import States, merge
from briefing.store.sync.operations import (
    ConflictType,
    DeleteRecord,
    MergeResult,
    Operation,
    RemoveItem,
)
from briefing.store.sync.resolve import resolve
from briefing.store.sync.spec import EXCHANGE_SPEC, MISSING, Json, Shape
from briefing.store.sync.spec import Record as State
from briefing.store.sync.states import states, versions

_PASS_ON = text("SELECT briefing_pass_on(:dossier, :uid, :copy, :sync, :base, :ours)")


def _passed_on(
    session: Session,
    dossier: Dossier,
    copy_uid: str,
    sync_uid: str,
    uid: str,
    base: State,
    ours: State | None,
) -> bool:
    """Whether the server keeps the copy's ``ours`` (None: deleted) for ``uid`` at the
    record's level: only if the record is still there above the traveller."""
    kept = session.scalar(
        _PASS_ON,
        {
            "dossier": dossier.id,
            "uid": uid,
            "copy": copy_uid,
            "sync": sync_uid,
            "base": encode(base),
            "ours": encode(ours),
        },
    )
    return bool(kept)


def pass_on_deletions(
    session: Session,
    dossier: Dossier,
    copy_uid: str,
    sync_uid: str,
    gone: Mapping[str, State],
) -> tuple[str, ...]:
    """The records the copy deleted that the server raised above the traveller's level
    meanwhile, their deletion now kept on the server for someone cleared to see them.

    ``gone`` holds, with its base state, each record the copy deleted that the server no
    longer shows the traveller either. To the merge both sides removed it, the same
    change, so nothing: the server keeps the raised record (a record the traveller cannot
    see is never deleted through the merge), and the traveller's deletion would be lost
    unseen. Like an edit to a raised record it is the decision of someone cleared to see
    it, who takes it (the record is deleted, with what the delete takes) or drops it; a
    record the server really deleted is simply gone on both sides.

    A record whose parent (a person's appointment, the talking point about them) went
    with it is not passed on apart: taking the parent's deletion takes it too, and
    dropping it keeps both."""
    return tuple(
        uid
        for uid, state in sorted(gone.items())
        if not _parents(state) & gone.keys()
        and _passed_on(session, dossier, copy_uid, sync_uid, uid, state, None)
    )


def _parents(state: State) -> set[str]:
    """The uids of the records ``state`` is a child of (:data:`PARENTS`)."""
    columns = {column for _table, column in PARENTS.get(state.kind, ())}
    names = [f.exchange_name for f in kind_of(state.kind).fields if f.name in columns]
    return {value for name in names if isinstance(value := state.fields.get(name), str)}


def pass_on(
    session: Session, dossier: Dossier, copy_uid: str, sync_uid: str, result: MergeResult
) -> tuple[MergeResult, tuple[str, ...]]:
    """The merge's result without the conflicts over records the copy edited and the
    server raised above the traveller's level, whose edits the server now keeps; and
    those records' uids, which the copy drops. Run again under the same sync id (a sync
    cut short), the server stores nothing twice and the answer is the same."""
    passed = tuple(
        conflict.uid
        for conflict in result.conflicts
        if conflict.type is ConflictType.EDIT_DELETE
        and conflict.field is None
        and isinstance(conflict.base, State)
        and isinstance(conflict.ours, State)
        and _passed_on(
            session, dossier, copy_uid, sync_uid, conflict.uid, conflict.base, conflict.ours
        )
    )
    if not passed:
        return result, ()
    kept = tuple(c for c in result.conflicts if c.uid not in passed)
    return replace(result, conflicts=kept), passed


_LINKS: Final[dict[str, frozenset[str]]] = {
    kind.name: frozenset(link.name for link in kind.links if link.targets) for kind in KINDS
}
"""The collections of each kind whose items name records (a delegation's members, an
event's participants, a chip's linked events), by kind."""


def withheld_removals(
    session: Session,
    dossier: Dossier,
    level: int,
    result: MergeResult,
    base: States,
    held: Callable[[str], bool],
) -> MergeResult:
    """The merge's result without the copy's removals of items naming a record the copy
    no longer holds (``held`` says which it does) and the server no longer shows to the
    traveller (``level``).

    A person a colleague raised above the traveller during the trip is still a member of
    the delegation on the server, a membership the traveller cannot see: the server's
    delegation, as the traveller has it, already lacks it, though the raise saved no
    delegation. The copy, deleting the person meanwhile (or taking the raise at an
    earlier sync), took the membership off its delegation too, and the merge would send
    that removal. On the server it would remove a child above the traveller's clearance,
    which the apply refuses, and a refusal kept in the copy the traveller could never
    settle, sync after sync. Withheld is not deleted: the membership stays on the server,
    and the copy's delegation, settled on the server's state, ends as it already is. The
    traveller's deletion of the person itself is passed on (:func:`pass_on_deletions`).
    A person the copy still holds and took off the delegation by hand is the traveller's
    choice about that delegation: its refusal is kept in the copy as before."""
    removals = {
        operation.key
        for operation in result.to_theirs
        if isinstance(operation, RemoveItem)
        and _names_records(operation, base)
        and not held(operation.key)
    }
    if not removals:
        return result
    hidden = removals - versions(session, dossier, level, only=removals).keys()
    if not hidden:
        return result
    sent = tuple(
        operation
        for operation in result.to_theirs
        if not (
            isinstance(operation, RemoveItem)
            and operation.key in hidden
            and _names_records(operation, base)
        )
    )
    return replace(result, to_theirs=sent)


def _names_records(operation: RemoveItem, base: States) -> bool:
    state = base.get(operation.uid)
    return state is not None and operation.field in _LINKS.get(state.kind, frozenset())


def dropped(passed: Sequence[str]) -> list[Operation]:
    """What takes the copy past the records whose edits were passed on: out of sight now,
    they leave it (and, having no state on the server, its base) as unedited ones do."""
    return [DeleteRecord(uid) for uid in passed]


@dataclass(frozen=True)
class Passed:
    """A traveller's edits kept on the server, as someone cleared to settle them sees them:
    the record's state as the traveller had it, or None where the traveller deleted it."""

    id: int
    uid: str
    dossier_id: int
    login: str
    passed_at: dt.datetime
    base: State
    ours: State | None

    def changes(self) -> list[tuple[str, Json, Json]]:
        """Each field the traveller changed, with its value before and after (the stamps
        every save writes are no change of the traveller's); a deletion is one change of
        the whole record (:data:`DELETED`) to nothing."""
        if self.ours is None:
            return [(DELETED, self.base, None)]
        was, now = self.base.fields, self.ours.fields
        return [
            (name, was.get(name, MISSING), now.get(name, MISSING))
            for name in sorted(was.keys() | now.keys())
            if was.get(name, MISSING) != now.get(name, MISSING)
            and EXCHANGE_SPEC.of(self.ours.kind, name).shape is not Shape.STAMP
        ]


DELETED: Final = "record"
"""The place of a passed-on deletion among a :class:`Passed`'s changes."""


def listed(session: Session) -> list[Passed]:
    """The edits passed on that the login may see (row-level security filters them), in
    the order they came."""
    rows = session.scalars(select(RaisedEdit).order_by(RaisedEdit.id))
    return [_passed(row) for row in rows]


def _passed(row: RaisedEdit) -> Passed:
    """The row's states, or a refusal naming how to drop it: the traveller's client wrote
    them, and an unreadable pair must neither stop the list nor stay unsettleable."""
    try:
        base, ours = decode(row.base), decode(row.ours)
    except (ValueError, KeyError, TypeError):
        base = ours = None
    if not (_readable(base) and (ours is None or _readable(ours))):
        raise BriefingError(
            N_(
                "edits {id} passed on hold no record they could be taken into; drop them with "
                "`briefing dossier settle-raised {id} --theirs`. Nothing was changed"
            ),
            id=row.id,
        )
    return Passed(row.id, row.uid, row.dossier_id, row.login, row.passed_at, base, ours)


def _readable(state: Json | None) -> TypeGuard[State]:
    return isinstance(state, State) and isinstance(state.fields, dict)


@dataclass(frozen=True)
class Settled:
    """Whose edits to which record were settled, for the settler to be told."""

    uid: str
    login: str


def settle(session: Session, passed_id: int, mine: bool, level: int) -> Settled:
    """Take the traveller's edits into the record (``mine``) or drop them; either way
    they are gone from the server, in the settler's transaction ``session``.

    Taken, they are merged three ways (the traveller's base, the traveller's state, the
    record as the settler, cleared to ``level``, sees it now), so a change made since by
    anyone else stays, and where both changed one place the traveller's value wins: the
    settler chose it. Fields the traveller never saw are unchanged. A deletion taken
    deletes the record, as a delete of the settler's would (refused, nothing changed, if
    it would take what the settler may not see)."""
    row = session.get(RaisedEdit, passed_id)
    if row is None:
        raise BriefingError(
            N_("there are no edits {passed_id} passed on that you may see; nothing was changed"),
            passed_id=passed_id,
        )
    dossier = session.get(Dossier, row.dossier_id)
    if dossier is None:
        raise BriefingError(
            N_("the dossier of edits {passed_id} is above your clearance; nothing was changed"),
            passed_id=passed_id,
        )
    settled = Settled(row.uid, row.login)
    detail = (
        f"{'taken into' if mine else 'dropped from'} {row.uid}: edited by {row.login} "
        f"in travel copy {row.copy_uid}"
    )
    if mine:
        now = states(session, dossier, {row.uid}, level).get(row.uid)
        if now is None:
            raise BriefingError(
                N_("{uid} is not in its dossier as you may see it; nothing was changed"),
                uid=row.uid,
            )
        passed = _passed(row)
        operations = (
            [DeleteRecord(row.uid)] if passed.ours is None else _traveller_wins(passed, now)
        )
        refused = apply_operations(session, dossier, operations, level)
        if refused:
            raise BriefingError(
                N_("the edits to {uid} could not be taken: {reason}; nothing was changed"),
                uid=row.uid,
                reason=refused[0].reason,
            )
    audit.record(
        session,
        action="travel edits settled",
        dossier=dossier.slug,
        audience=level,
        detail=detail,
    )
    # A deletion taken took the row with its record (ON DELETE CASCADE).
    session.execute(delete(RaisedEdit).where(RaisedEdit.id == passed_id))
    return settled


def _traveller_wins(passed: Passed, now: State) -> list[Operation]:
    assert passed.ours is not None
    uid = passed.uid
    result = merge({uid: passed.base}, {uid: passed.ours}, {uid: now})
    operations = list(result.to_theirs)
    for conflict in result.conflicts:
        operations += resolve(conflict, "ours").to_theirs
    return operations
