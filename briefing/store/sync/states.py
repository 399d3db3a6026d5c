"""One side of a sync read from its database: what changed since the base, and how it is now.

Every change to a record passes through :func:`briefing.store.versions.claim`, which
counts it in ``record.version``; so a record changed since the base is one whose version
is not the one the base noted. In a travel copy one SQL comparison with the base's table
finds them (:func:`copy_side`); on the server, one query of uids and versions from an
index (migration 0017). Only those records, and their base states, are read in full, so
a sync costs what changed rather than the dossier's size. A uid the
base holds that the side no longer shows was deleted there or, on a server, raised above
the traveller: either way it is gone from the traveller's view of that side.

States are read through the exchange file's export at the traveller's clearance, the one
audience filter, so a state holds only what the traveller may see; a field the export
withholds is absent from the state (the merge then takes it as unchanged, never blank).
"""

from __future__ import annotations

import json
from collections.abc import Collection, ItemsView, Iterable, Iterator, Mapping, ValuesView
from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Record, TravelBaseRecord
from briefing.domain.registry import KINDS
from briefing.store.chunked import chunked
from briefing.store.db.database import Store
from briefing.store.exchange.export import dossier_to_model
from briefing.store.exchange.schema import DossierFile
from briefing.store.sync.merge import States
from briefing.store.sync.spec import Record as State
from briefing.store.visibility import visible


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
    taken: Mapping[str, State] | None = None,
) -> States:
    """One side's delta for :func:`briefing.store.sync.merge.merge`: each record changed
    since ``base`` (uid → version) with its state now, or None where it is gone.

    ``taken``, on a travel copy, is the base's states: a field a record's base state lacks
    was withheld from the traveller when the copy was taken, and the blank the copy holds
    in its place is not the traveller's to send, or a save of that record would clear the
    server's hidden text."""
    return _found(
        session, dossier, since(base, versions(session, dossier, level)), base, level, taken
    )


def copy_side(session: Session, dossier: Dossier, taken: BaseStates, level: int) -> States:
    """:func:`side` of a travel copy, whose base is in its own file: the records moved
    since are found by comparing versions with the base's in SQL, and only their base
    states are read, so the copy's side costs what changed, not the dossier's size."""
    seen = visible(Record, level)
    moved = select(Record.uid).outerjoin(TravelBaseRecord, TravelBaseRecord.uid == Record.uid)
    changed = session.scalars(
        moved.where(
            Record.dossier_id == dossier.id,
            seen,
            or_(TravelBaseRecord.uid.is_(None), TravelBaseRecord.copy_version != Record.version),
        )
    )
    shown = select(Record.id).where(
        Record.dossier_id == dossier.id, Record.uid == TravelBaseRecord.uid, seen
    )
    gone = session.scalars(select(TravelBaseRecord.uid).where(~exists(shown)))
    delta = Delta(frozenset(changed), frozenset(gone))
    taken.load(delta.changed, session)
    return _found(session, dossier, delta, taken, level, taken)


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
    """``state`` without the fields ``taken`` withheld (a record new since has none)."""
    if taken is None:
        return state
    return State(state.kind, {k: v for k, v in state.fields.items() if k in taken.fields})


class BaseStates(Mapping[str, State]):
    """A travel copy's base states by uid, read from the copy's file for the uids a sync
    asks about (:meth:`load`, or one at a time): reading and decoding every state of a
    large dossier cost more than the rest of a small sync. Used while the copy is open."""

    def __init__(self, copy: Store, uids: Collection[str]) -> None:
        self._copy = copy
        self._uids = uids
        self._decoded: dict[str, State] = {}

    def load(self, uids: Iterable[str], session: Session | None = None) -> None:
        """Read the states of ``uids`` (those the base holds) in a few queries, in the
        copy's open ``session`` when given: a second connection to an encrypted file
        costs its key's derivation."""
        wanted = sorted(u for u in uids if u in self._uids and u not in self._decoded)
        if not wanted:
            return
        if session is None:
            with self._copy.session() as own:
                self._read(own, wanted)
        else:
            self._read(session, wanted)

    def _read(self, session: Session, uids: list[str]) -> None:
        for piece in chunked(uids, 10_000):  # under SQLite's bound-parameter limit
            rows = session.execute(
                select(TravelBaseRecord.uid, TravelBaseRecord.kind, TravelBaseRecord.state).where(
                    TravelBaseRecord.uid.in_(piece)
                )
            )
            self._decoded.update((uid, State(kind, json.loads(state))) for uid, kind, state in rows)

    def __getitem__(self, uid: str) -> State:
        if uid not in self._uids:
            raise KeyError(uid)
        self.load((uid,))
        return self._decoded[uid]

    def __contains__(self, uid: object) -> bool:
        return uid in self._uids

    def __iter__(self) -> Iterator[str]:
        return iter(self._uids)

    def __len__(self) -> int:
        return len(self._uids)

    def items(self) -> ItemsView[str, State]:
        """Every state, read at once rather than one query a record."""
        self.load(self._uids)
        return super().items()

    def values(self) -> ValuesView[State]:
        self.load(self._uids)
        return super().values()
