"""Random edit scripts on a travel copy and on its server, synced (issue 16's proof).

Each example loads a small dossier on the real server as a dossier of its own, takes an
Internal traveller's copy of it, runs one random script of edits through the store's
editing functions in the copy and another on the server (by a colleague cleared above the
traveller), and syncs. The scripts edit the dossier's own fields too (its title, subtitle,
dates, home zone and cover), and the colleague its scene-setter, above the traveller. Then:

- the conflicts the sync keeps are exactly those the three-way merge finds between the
  two sides' whole dossier files as the traveller sees them (computed from the files,
  not from the versions and base records the sync reads);
- after each conflict is settled one way (drawn at random) and the copy synced again,
  the copy's ``dossier export`` is the server's ``dossier export --audience Internal``
  byte for byte, and the server holds every change either script made that was not
  part of a conflict, and each conflict's chosen value. That holds for records made
  during the trip too, on either side or on both: a file lists records by what both
  databases share (uid), not by the row ids each gave them, and a record made again when a
  deletion's conflict is settled for the edit carries the same stamps on both sides.

``BRIEFING_SYNC_SCRIPTS`` sets how many examples run (CI: 300, the same ones every run);
``BRIEFING_HYPOTHESIS_EXPLORE=1`` draws new ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Record
from briefing.errors import NotSaved
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import delete_record
from briefing.store.exchange.export import dossier_to_model, export_dossier
from briefing.store.sync import trip
from briefing.store.sync.conflicts import listed, settle
from briefing.store.sync.merge import merge
from briefing.store.sync.operations import (
    AddItem,
    CreateRecord,
    DeleteRecord,
    Operation,
    SetField,
    apply,
)
from briefing.store.sync.resolve import resolve
from briefing.store.sync.spec import DOSSIER
from briefing.store.sync.spec import Record as State
from briefing.store.sync.states import with_own
from briefing.store.travel import take_copy
from tests.builders import load
from tests.conftest import TEST_BACKENDS
from tests.store.server.conftest import ClearedServer, cleared_server  # noqa: F401
from tests.store.sync.test_apply import INTERNAL, _canonical, _document
from tests.store.sync.test_apply_properties import (
    EDITS,
    TEXTS,
    Edit,
    alias,
    chip_value,
    citation,
    create,
    delete,
    member,
    notes,
    rename,
)

EXAMPLES = int(os.environ.get("BRIEFING_SYNC_SCRIPTS", "300"))
EXPLORE = os.environ.get("BRIEFING_HYPOTHESIS_EXPLORE", "") not in ("", "0")
PASSPHRASE = "sync property"


def retitle(_session: Session, dossier: Dossier, n: int) -> None:
    dossier.title = ["Trip", "Voyage", "Trip to Seoul"][n % 3]
    dossier.title_ko = TEXTS[n % 4]


def subtitle(_session: Session, dossier: Dossier, n: int) -> None:
    """The subtitle, at the traveller's level: theirs to change."""
    dossier.subtitle = TEXTS[n % 4]


def redate(_session: Session, dossier: Dossier, n: int) -> None:
    dossier.as_of = None if n % 3 == 0 else dt.date(2026, 1, 1 + n)
    dossier.home_zone = ["Asia/Seoul", "Europe/Paris"][n % 2]


def cover(session: Session, dossier: Dossier, n: int) -> None:
    """Whom the dossier is prepared for: either party, or nobody."""
    party = ["party:a", "party:b", None][n % 3]
    dossier.prepared_for_id = session.scalar(
        select(Record.id).where(Record.dossier_id == dossier.id, Record.uid == party)
    )


def scene(_session: Session, dossier: Dossier, n: int) -> None:
    """The scene-setter, above the traveller: a colleague's, which the copy never sees."""
    dossier.scene_setter = f"Scene {TEXTS[n % 4]}"


OWN: list[Edit] = [retitle, subtitle, redate, cover]
"""Edits of the dossier's own fields, on either side."""

SCRIPT = st.lists(st.tuples(st.sampled_from([*EDITS, *OWN]), st.integers(0, 11)), max_size=5)
SERVER_SCRIPT = st.lists(
    st.tuples(st.sampled_from([*EDITS, *OWN, scene]), st.integers(0, 11)), max_size=5
)


def uncover(session: Session, dossier: Dossier, _n: int) -> None:
    """Deleting the party the dossier is prepared for, on either side: refused, so the
    cover is never cleared without the person deleting being told, and the refused
    delete leaves nothing to sync."""
    party = session.scalars(
        select(Record).where(Record.dossier_id == dossier.id, Record.uid == "party:a")
    ).one()
    if dossier.prepared_for_id != party.id:  # a script chose another cover first
        return
    with pytest.raises(NotSaved, match="prepared for"):
        delete_record(session, party.id)


def unparty(session: Session, dossier: Dossier, _n: int) -> None:
    """Deleting ``party:b``, which ``create`` makes people in: a person made in it on the
    other side waits behind the deletion's conflict (issue 16)."""
    party = session.scalars(
        select(Record).where(Record.dossier_id == dossier.id, Record.uid == "party:b")
    ).one()
    delete_record(session, party.id)


def _run(store: Store, slug: str, script: list[tuple[Edit, int]]) -> None:
    with store.session() as session:
        for edit, n in script:
            edit(session, find_dossier(session, slug), n)
            session.flush()


def _view(store: Store, slug: str) -> dict[str, State]:
    """Every record as the traveller sees it: the whole dossier, as the export's model."""
    with store.session() as session:
        model = dossier_to_model(session, find_dossier(session, slug), audience=INTERNAL)
    return with_own(model)


def _delta(
    base: Mapping[str, State], now: Mapping[str, State], *, copy: bool
) -> dict[str, State | None]:
    """What a side changed, from its whole file. A copy holds a blank where its base
    withheld a field; that blank is not the traveller's change."""
    changed: dict[str, State | None] = {}
    for uid, state in now.items():
        if copy and uid in base:
            state = State(
                state.kind, {k: v for k, v in state.fields.items() if k in base[uid].fields}
            )
        if uid not in base or _canonical({uid: state}) != _canonical({uid: base[uid]}):
            changed[uid] = state
    changed.update(dict.fromkeys(base.keys() - now.keys()))
    return changed


def _places(conflicts: Any) -> list[tuple[Any, ...]]:
    return sorted(
        (c.uid, c.field or "", c.key or "", c.part or "", c.order, c.type.value) for c in conflicts
    )


def _settled(
    states: Mapping[str, State],
    operations: list[Operation],
    held: tuple[Operation, ...],
    base: Mapping[str, State],
) -> dict[str, Any]:
    """The states after the operations, then after each change held back (naming a record
    one side deleted), which the next sync sends: as made, where the record was settled
    kept; else as made before the deletion, which took what it named of the record off."""
    after = apply(states, operations)
    for operation in held:
        gone = sorted(uid for uid in _named(operation) - after.keys() if uid in base)
        before = {**after, **{uid: base[uid] for uid in gone}}
        after = apply(before, [operation, *(DeleteRecord(uid) for uid in gone)])
    return _canonical(after)


def _named(operation: Operation) -> set[str]:
    if isinstance(operation, AddItem):
        return {operation.key}
    if isinstance(operation, CreateRecord):
        return {value for name, value in operation.fields.items() if name == "party" and value}
    assert isinstance(operation, SetField)
    return {operation.value}


@pytest.mark.skipif("postgresql" not in TEST_BACKENDS, reason="a travel copy needs a server")
def test_random_scripts_on_both_sides_sync_to_the_same_dossier(
    cleared_server: ClearedServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    server = cleared_server
    count = itertools.count()
    seen: Counter[str] = Counter()

    @settings(
        max_examples=EXAMPLES,
        derandomize=not EXPLORE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(ours=SCRIPT, theirs=SERVER_SCRIPT, choices=st.lists(st.booleans(), max_size=20))
    # Each kind of conflict at least once, whatever the draw: a value, a text, a record
    # made on both sides, and a record one side deleted and the other edited.
    @example(ours=[(chip_value, 1)], theirs=[(chip_value, 2)], choices=[True])
    @example(ours=[(notes, 0)], theirs=[(notes, 3)], choices=[False])
    @example(ours=[(create, 0)], theirs=[(create, 2)], choices=[False])
    @example(ours=[(delete, 0)], theirs=[(rename, 2)], choices=[True])
    # A record made the same on both sides, at two times: the copy takes the server's.
    @example(ours=[(create, 10)], theirs=[(create, 10)], choices=[])
    # A citation both sides added with two excerpts: settling it gives the base the item.
    @example(ours=[(citation, 5)], theirs=[(citation, 11)], choices=[])
    # A record both sides made, and a deletion settled for the copy's edit: made again.
    @example(ours=[(rename, 11), (create, 3)], theirs=[(create, 11), (delete, 0)], choices=[True])
    # A member and participant deleted on one side, edited on the other, settled for the
    # edit: the delegation and the event lost them on both sides (issue 16).
    @example(ours=[(notes, 1)], theirs=[(delete, 3)], choices=[True])
    @example(ours=[(delete, 3)], theirs=[(rename, 1)], choices=[True])
    # The prepared-for party's delete refused on both sides, among edits that sync.
    @example(ours=[(uncover, 0), (rename, 1)], theirs=[(notes, 1), (uncover, 0)], choices=[])
    # A member one side added whom the other deleted: the deletion is a conflict and the
    # member is held back until it is settled, either way, on either side (issue 16).
    @example(
        ours=[(rename, 0), (rename, 0), (delete, 0)],
        theirs=[(rename, 11), (rename, 0), (member, 5), (rename, 8), (alias, 6)],
        choices=[],
    )
    @example(ours=[(delete, 0)], theirs=[(member, 5)], choices=[False])
    @example(ours=[(member, 5)], theirs=[(delete, 0)], choices=[True])
    @example(ours=[(member, 5)], theirs=[(delete, 0)], choices=[False])
    # A person made in a party the other side deleted waits behind the deletion's
    # conflict; settled for the delete, it lands without the party (issue 16).
    @example(ours=[(unparty, 0)], theirs=[(create, 0)], choices=[True])
    @example(ours=[(unparty, 0)], theirs=[(create, 1)], choices=[False])
    @example(ours=[(create, 0)], theirs=[(unparty, 0)], choices=[True])
    @example(ours=[(create, 1)], theirs=[(unparty, 0)], choices=[False])
    # The dossier's own fields: a subtitle changed differently on both sides, settled
    # either way; a new title and cover, while the server changes the scene-setter the
    # traveller is not cleared to see.
    @example(ours=[(subtitle, 1)], theirs=[(subtitle, 2)], choices=[False])
    @example(ours=[(retitle, 0), (cover, 1)], theirs=[(scene, 1), (cover, 2)], choices=[True])
    def run(
        ours: list[tuple[Edit, int]], theirs: list[tuple[Edit, int]], choices: list[bool]
    ) -> None:
        number = next(count)
        slug = f"trip-{number}"
        document = _document()
        document["dossier"]["slug"] = slug
        document["dossier"].update(
            subtitle="Round one",
            subtitle_handling="Internal",
            scene_setter="The scene",
            scene_handling="Confidential",
        )
        # person:kim, whom a script may delete, is a member, a participant and the owner.
        document["events"][0]["participants"].append("person:kim")
        document["events"][0]["owner"] = "person:kim"
        target = tmp_path / f"{slug}.briefing"
        with Store.at(server.url) as owner:
            load(owner, document)
            with Store.at(server.url_as(server.logins[INTERNAL])) as login:
                take_copy(login, slug, target, PASSPHRASE)
            copy = open_store(target, passphrase=PASSPHRASE, seed_sample=False, create=False)
            with copy:
                base = _view(copy, slug)
                _run(copy, slug, ours)
                _run(owner, slug, theirs)
                mine, other = _view(copy, slug), _view(owner, slug)
                ours_delta = _delta(base, mine, copy=True)
                theirs_delta = _delta(base, other, copy=False)
                expected = merge(
                    {u: base.get(u) for u in ours_delta.keys() | theirs_delta.keys()},
                    ours_delta,
                    theirs_delta,
                )
                with Store.at(server.url_as(server.logins[INTERNAL])) as login:
                    synced = trip.sync_copy(copy, login)
                with copy.session() as session:
                    kept = listed(session)
                assert not [k for k in kept if k.refused], [k.reason for k in kept]
                assert _places(k.conflict for k in kept) == _places(expected.conflicts)
                assert synced.conflicts == len(expected.conflicts)
                seen.update(
                    name
                    for name, found in (
                        ("conflicts", expected.conflicts),
                        ("sent", expected.to_theirs),
                        ("received", expected.to_ours),
                    )
                    if found
                )
                seen["own"] += any(c.uid == DOSSIER for c in expected.conflicts)
                picks = itertools.chain(choices, itertools.repeat(True))
                chosen: dict[tuple[Any, ...], str] = {}
                with copy.session() as session:
                    for item in listed(session):
                        choice = "ours" if next(picks) else "theirs"
                        chosen[_places([item.conflict])[0]] = choice
                        settle(session, item.id, choice, INTERNAL)
                with Store.at(server.url_as(server.logins[INTERNAL])) as login:
                    again = trip.sync_copy(copy, login)
                assert again.conflicts == 0
                carried = export_dossier(copy, slug, audience=INTERNAL)
            final = export_dossier(owner, slug, audience=INTERNAL)
            now = _view(owner, slug)
        resolutions: list[Operation] = []
        for conflict in expected.conflicts:
            pick = chosen[_places([conflict])[0]]
            resolutions += resolve(conflict, pick).to_theirs  # type: ignore[arg-type]
        # Byte for byte, records made during the trip (on either side, on both, or again
        # when a deletion's conflict was settled for the edit) listed in the same place.
        assert carried == final
        # Nothing lost: the server holds its own script's changes, the copy's that met no
        # conflict, and each conflict's chosen value.
        assert _canonical(now) == _settled(
            other, [*expected.to_theirs, *resolutions], expected.held_to_theirs, base
        )

    run()
    # The scripts meet: a fair share of examples send and receive, and some conflict.
    assert min(seen["sent"], seen["received"]) >= EXAMPLES // 10, seen
    assert seen["conflicts"] >= 4, seen
    assert seen["own"] >= 1, seen  # the dossier's own fields meet in conflict too
