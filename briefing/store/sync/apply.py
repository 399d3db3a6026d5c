"""A merge's operations carried out on a database, within what the writer may see and write.

The writer is cleared to one level (a traveller's, for a sync). An operation that would
write anything above it, or clear or remove anything the writer cannot see, is not
applied: it comes back as a :class:`Refused`, which the caller turns into a conflict for
someone cleared to see it. Every check is made before anything is written, so a refused
operation changes nothing; the applied ones are each a save of their record, claimed once
(:func:`briefing.store.versions.claim_all`) so the next sync sees them. Everything happens
in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Record
from briefing.domain.fields import COMMON, PARENTS
from briefing.domain.registry import KINDS
from briefing.errors import N_, Phrase
from briefing.store.db.database import refused_by_server
from briefing.store.edits import levels_in
from briefing.store.sync.apply_dossier import write_own
from briefing.store.sync.apply_items import collection_change, create
from briefing.store.sync.apply_records import ALREADY_HIDDEN, Refusal, Writer, delete, said_as
from briefing.store.sync.operations import (
    CreateRecord,
    DeleteRecord,
    Operation,
    SetEntry,
    SetField,
)
from briefing.store.sync.spec import DOSSIER
from briefing.store.sync.spec import Record as State
from briefing.store.versions import claim_all
from briefing.store.visibility import above


@dataclass(frozen=True, slots=True)
class Refused:
    """An operation left unapplied, and why, in one line (said in the reader's language
    where it is shown, stored as its message and arguments with a kept conflict)."""

    operation: Operation
    reason: Phrase


_CREATED_FIRST = ("source", *(kind.name for kind in KINDS if kind.name != "source"))
"""The order new records are written in: whatever a record names (a citation's source, a
brief's event, a delegation's party) is written before it."""


def apply_operations(
    session: Session,
    dossier: Dossier,
    operations: Iterable[Operation],
    level: int,
    *,
    carried: bool = False,
) -> list[Refused]:
    """Apply ``operations`` to ``dossier`` as a writer cleared to ``level``; return those
    refused. New records go in first, so an operation may name one made in the same list.

    ``carried``: the operations are the server's, taken by a travel copy. A record the
    server's delete changed (a delegation it took a member from) comes with them, saved
    there, when the server saved it; one that only lost, from the traveller's sight, an
    entry raised out of it was not, and must not count as the traveller's change either.
    """
    writer = Writer(session, dossier, level, carried=carried)
    listed = list(operations)
    rank = {name: at for at, name in enumerate(_CREATED_FIRST)}
    creates = sorted(
        (op for op in listed if isinstance(op, CreateRecord)), key=lambda op: rank[op.kind]
    )
    rest = [op for op in listed if not isinstance(op, CreateRecord)]
    watched = any(_may_raise(op) for op in listed)
    earlier = levels_in(session, dossier.id) if watched else {}
    refused: list[Refused] = []
    server = session.get_bind().dialect.name == "postgresql"
    with session.no_autoflush:  # one flush at the end: each raises floors and reindexes
        for operation in [*creates, *rest]:
            changed, claimed = set(writer.changed), set(writer.claimed)
            try:
                if server and _server_checked(operation):
                    with session.begin_nested():
                        _apply(writer, operation)
                        session.flush()
                else:
                    _apply(writer, operation)
            except Refusal as refusal:
                refused.append(Refused(operation, refusal.phrase))
            except DBAPIError as exc:
                refused.append(Refused(operation, _refused_by_server(exc, operation)))
                writer.changed, writer.claimed = changed, claimed
    session.flush()
    raised: set[int] = set()
    if watched:
        now = levels_in(session, dossier.id)
        raised = {
            row_id
            for (table, row_id), was in earlier.items()
            if table == "record" and (table, row_id) in now and above(now[table, row_id], was)
        }
    claim_all(session, (writer.changed | raised) - writer.created - writer.deleted - writer.claimed)
    return refused


def _apply(writer: Writer, operation: Operation) -> None:
    if operation.uid == DOSSIER:
        if not isinstance(operation, SetField):
            raise Refusal(N_("the dossier itself is neither made nor deleted by a sync"))
        write_own(writer, operation)
    elif isinstance(operation, CreateRecord):
        create(writer, operation)
    elif isinstance(operation, DeleteRecord):
        delete(writer, operation)
    elif isinstance(operation, SetField):
        record = writer.record(operation.uid)
        writer.write(record, {operation.field: operation.value})
    elif isinstance(operation, SetEntry) and operation.field != "field_handling":
        record = writer.record(operation.uid)
        writer.write(record, {f"{operation.field}.{operation.key}": operation.value})
    else:
        collection_change(writer, operation)


_PARENT_FIELDS = frozenset(
    column.removesuffix("_id") for links in PARENTS.values() for _table, column in links
)
"""The exchange names of the fields naming a record's parents (a brief's "event")."""


def _may_raise(operation: Operation) -> bool:
    """Whether an operation may make the store raise other records' levels: a record's
    new level, or a child's new parent."""
    return (
        isinstance(operation, SetField)
        and (operation.field == "handling" or operation.field in _PARENT_FIELDS)
        and operation.uid != DOSSIER
    )


def _server_checked(operation: Operation) -> bool:
    """Whether a server may refuse ``operation`` for what its writer cannot see: a delete
    reaching rows above the writer, a new record over a hidden one's uid, a level lowered
    (an administrator's to do), a citation's level, a dossier's text (row-level security
    on ``dossier_text``), a protected field above the writer. On a server each of these runs in a
    savepoint of its own, so a refusal costs that operation alone, not the sync."""
    if isinstance(operation, CreateRecord | DeleteRecord) or operation.uid == DOSSIER:
        return True
    if isinstance(operation, SetField | SetEntry) and operation.field in _PROTECTED:
        return True
    if isinstance(operation, SetField):
        return operation.field == "handling"
    return operation.field in ("field_handling", "citations")


_PROTECTED: Final = frozenset(
    {
        *COMMON,
        *(
            (field.exchange or field.name).partition(".")[0]
            for kind in KINDS
            for field in kind.fields
            if field.protected
        ),
    }
)
"""The exchange names of fields that may be handled above their record: on a server a
login cannot see such a field's own level, and the server refuses a change to one above
the login (:mod:`briefing.store.server.policies`)."""


def _refused_by_server(exc: DBAPIError, operation: Operation) -> Phrase:
    """The server's refusal in one line; any other database error is not a refusal."""
    if isinstance(exc, IntegrityError) and isinstance(operation, CreateRecord):
        return Phrase(ALREADY_HIDDEN, uid=operation.uid)
    refusal = refused_by_server(exc)
    if refusal is None:
        raise exc
    return Phrase(N_("{uid}: {reason}"), uid=operation.uid, reason=said_as(refusal))


STAMPS = ("created_at", "updated_at")
"""What the store writes and the merge leaves alone: a record made the same on both sides
was made at two times, and both sides stamp every change."""


def take_stamps(session: Session, dossier: Dossier, settled: Mapping[str, State]) -> None:
    """Each record in ``settled``, which this side now holds exactly as the other side
    does, takes the other side's stamps, so the two sides' files are the same byte for
    byte (a travel copy takes the server's; a laptop the merged file's)."""
    at = {
        u: {name: dt.datetime.fromisoformat(str(state.fields[name])) for name in STAMPS}
        for u, state in settled.items()
        if all(name in state.fields for name in STAMPS)
    }
    if not at:
        return
    session.flush()
    ids = session.execute(
        select(Record.id, Record.uid).where(Record.dossier_id == dossier.id, Record.uid.in_(at))
    )
    session.execute(update(Record), [{"id": row.id, **at[row.uid]} for row in ids])
