"""One side of a sync read from its database: what changed since the base, and how it is now.

Every change to a record passes through :func:`briefing.store.versions.claim`, which
counts it in ``record.version``; so a record changed since the base is one whose version
is not the one the base noted. Neither side reads every version to find them (migration
0023): a travel copy notes each record it writes once it has a base (``travel_moved``)
and compares only those with the base (:func:`copy_side`); a server reads the records
written, and the departures noted, since the snapshot the copy's base was read in
(:func:`marked`). Only those records, and their base states, are read, so a sync costs
what changed rather than the dossier's size. A uid the base holds that the side no
longer shows was deleted there or, on a server, raised above the traveller: either way
it is gone from the traveller's view of that side.

States are read through the exchange file's export at the traveller's clearance, the one
audience filter, so a state holds only what the traveller may see; a field the export
withholds is absent from the state (the merge then takes it as unchanged, never blank).
"""

from __future__ import annotations

import json
from collections.abc import Collection, ItemsView, Iterable, Iterator, Mapping, ValuesView
from dataclasses import dataclass
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter
from sqlalchemy import Select, delete, exists, or_, select, text
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Record, TravelBaseRecord, TravelMoved
from briefing.domain.registry import KINDS, kind_of
from briefing.store.chunked import chunked
from briefing.store.db.database import Store
from briefing.store.exchange.export import dossier_out, dossier_to_model
from briefing.store.exchange.schema import DossierFile, DossierOut
from briefing.store.sync.merge import States
from briefing.store.sync.spec import DOSSIER, DOSSIER_KIND, MISSING, OWN_FIELDS, Json
from briefing.store.sync.spec import Record as State
from briefing.store.visibility import visible

UNSEEN = -1
"""A base version no record has: the next sync reads that record on both sides."""
DECIDED = -2
"""The server's base version of a record the copy deleted whose deletion conflict was
settled for the delete: unseen too, and the next sync sends the deletion with a change
naming the record taken off (``merge``'s ``decided``). Any other settling of a conflict
on the record leaves it :data:`UNSEEN`, so a later deletion is a conflict of its own."""


@dataclass(frozen=True)
class Delta:
    """The uids a side changed since the base: new or saved since (``changed``), and no
    longer shown (``gone``)."""

    changed: frozenset[str]
    gone: frozenset[str]


def versions(
    session: Session, dossier: Dossier, level: int, only: Collection[str] | None = None
) -> dict[str, int]:
    """Each record's version, by uid, of the records an audience at ``level`` sees (of
    those with uids in ``only``, when given: after a sync, the records it touched)."""
    chosen = () if only is None else (Record.uid.in_(sorted(only)),)
    rows = session.execute(
        select(Record.uid, Record.version).where(
            Record.dossier_id == dossier.id, visible(Record, level), *chosen
        )
    )
    return dict(rows.all())


def since(base: Mapping[str, int], now: Mapping[str, int]) -> Delta:
    """What changed between the versions the base noted and the versions now."""
    changed = frozenset(uid for uid, version in now.items() if base.get(uid) != version)
    return Delta(changed, frozenset(base.keys() - now.keys()))


def model_states(model: DossierFile, *, whole: bool = False) -> dict[str, State]:
    """The records of an exchange model as the merge's states, by uid: the fields the
    export set, so one it withheld is absent rather than blank. A ``whole`` dossier (a
    file read back, which leaves empty fields out) withholds nothing: every field is
    there, an empty one as empty, so that emptying a field is a change like any other."""
    states: dict[str, State] = {}
    for kind in KINDS:
        for item in getattr(model, kind.exchange):
            fields = item.model_dump(mode="json", exclude_unset=not whole)
            states[fields.pop("id")] = State(kind.name, fields)
    return states


def own_state(out: DossierOut, *, whole: bool = False) -> State:
    """The dossier's own fields (:data:`~briefing.store.sync.spec.DOSSIER`) as the merge's
    state: those the export set, so a text or party it withheld is absent, not blank (a
    ``whole`` dossier, read back from a file, withholds nothing, as in :func:`model_states`)."""
    fields = out.model_dump(mode="json", exclude_unset=not whole)
    return State(DOSSIER_KIND, {name: fields[name] for name in OWN_FIELDS if name in fields})


def with_own(model: DossierFile, *, whole: bool = False) -> dict[str, State]:
    """:func:`model_states` and the dossier's own fields: the whole dossier as the merge
    takes it (a travel copy's base when it is taken, a dossier file's sides)."""
    return {**model_states(model, whole=whole), DOSSIER: own_state(model.dossier, whole=whole)}


def own_side(
    session: Session, dossier: Dossier, base: Mapping[str, State], level: int, *, copy: bool
) -> States:
    """The dossier's own fields as one side's delta: their state when it differs from the
    base's, else nothing. They have no versions, and are few, so both sides read them at
    every sync. On a travel ``copy`` a field the base lacks (withheld when the copy was
    taken) is left out, as a record's is (:func:`side`). A base without them (a copy taken
    before they merged) leaves them out of the sync: a base taken now would send the
    copy's every difference from the server as the traveller's."""
    taken = base.get(DOSSIER)
    if taken is None:
        return {}
    now = own_state(dossier_out(session, dossier, level))
    if copy:
        now = _within(now, taken)
    return {} if dict(now.fields) == dict(taken.fields) else {DOSSIER: now}


def states(
    session: Session, dossier: Dossier, uids: Collection[str], level: int
) -> dict[str, State]:
    """The records ``uids`` names as an audience at ``level`` has them; a uid it does not
    see (or whose parent it does not see, as in its book) is left out."""
    if not uids:
        return {}
    return model_states(dossier_to_model(session, dossier, audience=level, only=uids))


def side(
    session: Session,
    dossier: Dossier,
    base: Mapping[str, int],
    level: int,
    *,
    only: Collection[str] | None = None,
    taken: Mapping[str, State] | None = None,
) -> States:
    """One side's delta for :func:`briefing.store.sync.merge.merge`: each record changed
    since ``base`` (uid → version) with its state now, or None where it is gone.

    ``only``, when given, holds every uid that may have changed (:func:`marked`); then
    ``base`` need hold only their versions, and no other record is read.

    ``taken``, on a travel copy, is the base's states: a field a record's base state lacks
    was withheld from the traveller when the copy was taken, and the blank the copy holds
    in its place is not the traveller's to send, or a save of that record would clear the
    server's hidden text."""
    now = versions(session, dossier, level, only=only)
    return _found(session, dossier, since(base, now), base, level, taken)


def server_mark(session: Session) -> str:
    """The server's snapshot now, as a base notes it: what it saw is in the base, so what
    :func:`marked` finds since it is what the base lacks."""
    mark = session.scalar(text("SELECT pg_current_snapshot()::text"))
    assert isinstance(mark, str)
    return mark


def marked(session: Session, dossier: Dossier, mark: str) -> set[str] | None:
    """The uids of the records the server wrote, and of those it noted leaving (deleted
    or raised), since the base whose snapshot is ``mark`` (:func:`server_mark`); None for
    a base without one (a copy older than the marks, migration 0023): then anything may
    have changed.

    A row carries the id of the transaction that wrote it last. Every transaction the
    base's snapshot did not see has an id at or above the snapshot's ``xmin``, whenever
    it committed, so those rows hold every change since; a few the snapshot did see may
    come along, and the versions then show them unchanged. The login's row-level security
    keeps the records and departures above its clearance out of the answer."""
    if not mark:
        return None
    since_mark = {"d": dossier.id, "m": mark}
    rows = session.scalars(
        text(
            "SELECT uid FROM record WHERE dossier_id = :d "
            "AND sync_mark >= pg_snapshot_xmin(CAST(:m AS pg_snapshot)) "
            "UNION SELECT uid FROM record_departure WHERE dossier_id = :d "
            "AND sync_mark >= pg_snapshot_xmin(CAST(:m AS pg_snapshot))"
        ),
        since_mark,
    )
    return set(rows)


def _moved(dossier: Dossier, level: int) -> tuple[Select[str], Select[str]]:
    """The copy's noted records (``travel_moved``) that differ from the base: those shown
    whose version is not the base's or that the base lacks, and the base's no longer
    shown. Every other note is of a record as the base has it."""
    seen = visible(Record, level)
    noted = select(TravelMoved.uid)
    changed = (
        select(Record.uid)
        .outerjoin(TravelBaseRecord, TravelBaseRecord.uid == Record.uid)
        .where(
            Record.uid.in_(noted),
            Record.dossier_id == dossier.id,
            seen,
            or_(TravelBaseRecord.uid.is_(None), TravelBaseRecord.copy_version != Record.version),
        )
    )
    shown = select(Record.id).where(
        Record.dossier_id == dossier.id, Record.uid == TravelBaseRecord.uid, seen
    )
    gone = select(TravelBaseRecord.uid).where(
        TravelBaseRecord.uid.in_(noted), TravelBaseRecord.uid != DOSSIER, ~exists(shown)
    )
    return changed, gone


def copy_side(session: Session, dossier: Dossier, taken: BaseStates, level: int) -> States:
    """:func:`side` of a travel copy, whose base is in its own file: the records its
    triggers noted as written since are compared with the base's versions, and only their
    base states are read, so the copy's side costs what changed, not the dossier's size.
    The dossier's own fields come along when they changed (:func:`own_side`)."""
    changed, gone = _moved(dossier, level)
    delta = Delta(frozenset(session.scalars(changed)), frozenset(session.scalars(gone)))
    taken.load(delta.changed | delta.gone | {DOSSIER}, session)
    found = _found(session, dossier, delta, taken, level, taken)
    return {**found, **own_side(session, dossier, taken, level, copy=True)}


def unseen(session: Session, uids: Collection[str]) -> None:
    """Have the next sync read each of ``uids`` on both sides, whatever their versions:
    a record whose base stayed put while a change to it is held back (``MergeResult.held``),
    or one the server made that the copy does not hold yet (:func:`asked`). Called after
    :func:`settle_moved`, which would take the note of the latter."""
    for uid in uids:
        row = session.get(TravelBaseRecord, uid)
        if row is not None:
            row.server_version = row.copy_version = UNSEEN
        session.merge(TravelMoved(uid=uid))


def asked(session: Session) -> set[str]:
    """The records noted in the copy that it neither holds nor has a base of: besides one
    made and deleted during the trip, one the server made whose creation is held back
    (:func:`unseen`), which the next sync must read on the server again whatever it marks."""
    held = select(Record.uid).where(Record.uid == TravelMoved.uid)
    based = select(TravelBaseRecord.uid).where(TravelBaseRecord.uid == TravelMoved.uid)
    return set(session.scalars(select(TravelMoved.uid).where(~exists(held), ~exists(based))))


def settle_moved(session: Session, dossier: Dossier, level: int) -> None:
    """Drop the copy's notes of the records now as its base has them: after a sync has
    moved the base, those it settled; a record it kept in conflict still differs from its
    base, and keeps its note for the next sync."""
    changed, gone = _moved(dossier, level)
    session.execute(
        delete(TravelMoved).where(TravelMoved.uid.not_in(changed), TravelMoved.uid.not_in(gone))
    )


def _found(
    session: Session,
    dossier: Dossier,
    delta: Delta,
    base: Collection[str],
    level: int,
    taken: Mapping[str, State] | None,
) -> States:
    now = states(session, dossier, delta.changed, level)
    found: dict[str, State | None] = {
        uid: _within(state, taken.get(uid)) if taken is not None else state
        for uid, state in now.items()
    }
    found.update(dict.fromkeys(delta.gone))
    found.update({uid: None for uid in delta.changed - now.keys() if uid in base})
    return found


def _within(state: State, taken: State | None) -> State:
    """``state`` without the fields ``taken`` withheld (a record new since has none),
    unless the traveller wrote over the blank the copy held there: that value is sent,
    and the server refuses it (the field is above the traveller), so the edit comes back
    as a conflict the traveller sees rather than staying in the copy unsent."""
    if taken is None:
        return state
    return State(
        state.kind,
        {
            name: value
            for name, value in state.fields.items()
            if name in taken.fields or value != blank(state.kind, name)
        },
    )


@cache
def _model(kind: str) -> type[BaseModel]:
    """The exchange file's model of a record of ``kind`` (or of the dossier's own fields)."""
    if kind == DOSSIER_KIND:
        return DossierOut
    (item,) = get_args(DossierFile.model_fields[kind_of(kind).exchange].annotation)
    assert isinstance(item, type) and issubclass(item, BaseModel)
    return item


def blank(kind: str, name: str) -> Json:
    """What a travel copy holds for field ``name`` of a ``kind`` record when it was
    withheld from the traveller: the value an import gives a field its file leaves out."""
    field = _model(kind).model_fields.get(name)
    if field is None or field.is_required():
        return MISSING
    default = field.get_default(call_default_factory=True, validated_data={})
    return TypeAdapter[Any](field.rebuild_annotation()).dump_python(default, mode="json")


class BaseStates(Mapping[str, State]):
    """A travel copy's base by uid: each record's state and its version on the server,
    read from the copy's file for the uids a sync asks about (:meth:`load`, or one at a
    time): reading every record of a large dossier's base cost more than the rest of a
    small sync. Used while the copy is open."""

    def __init__(self, copy: Store) -> None:
        self._copy = copy
        self._decoded: dict[str, State] = {}
        self._server: dict[str, int] = {}
        self._absent: set[str] = set()
        self._whole = False

    def load(self, uids: Iterable[str], session: Session | None = None) -> None:
        """Read the base of ``uids`` (noting those it lacks) in a few queries, in the
        copy's open ``session`` when given: a second connection to an encrypted file
        costs its key's derivation."""
        wanted = sorted(u for u in set(uids) if u not in self._decoded and u not in self._absent)
        if not wanted or self._whole:
            return
        if session is None:
            with self._copy.session() as own:
                self._read(own, wanted)
        else:
            self._read(session, wanted)

    def server_versions(self, uids: Collection[str] | None) -> dict[str, int]:
        """The server's version at the base of each of ``uids`` the base holds (None:
        of every record it holds). The dossier's own fields have none (:func:`own_side`)."""
        if uids is None:
            self._load_whole()
            return {u: v for u, v in self._server.items() if u != DOSSIER}
        self.load(uids)
        return {u: self._server[u] for u in uids if u in self._server and u != DOSSIER}

    def _read(self, session: Session, uids: list[str] | None) -> None:
        columns = (
            TravelBaseRecord.uid,
            TravelBaseRecord.kind,
            TravelBaseRecord.server_version,
            TravelBaseRecord.state,
        )
        pieces = [None] if uids is None else chunked(uids, 10_000)  # SQLite's bound
        for piece in pieces:
            chosen = () if piece is None else (TravelBaseRecord.uid.in_(piece),)
            for uid, kind, server, state in session.execute(select(*columns).where(*chosen)):
                self._decoded[uid] = State(kind, json.loads(state))
                self._server[uid] = server
        if uids is not None:
            self._absent.update(u for u in uids if u not in self._decoded)

    def _load_whole(self) -> None:
        if not self._whole:
            with self._copy.session() as own:
                self._read(own, None)
            self._whole = True

    def __getitem__(self, uid: str) -> State:
        self.load((uid,))
        return self._decoded[uid]

    def __contains__(self, uid: object) -> bool:
        if not isinstance(uid, str):
            return False
        self.load((uid,))
        return uid in self._decoded

    def __iter__(self) -> Iterator[str]:
        self._load_whole()
        return iter(list(self._decoded))

    def __len__(self) -> int:
        self._load_whole()
        return len(self._decoded)

    def items(self) -> ItemsView[str, State]:
        """Every state, read at once rather than one query a record."""
        self._load_whole()
        return super().items()

    def values(self) -> ValuesView[State]:
        self._load_whole()
        return super().values()
