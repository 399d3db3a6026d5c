"""Random edits on one database reach another through the merge and the store's apply.

Each example loads the dossier, and its copy for an Internal traveller from the audience
file (as a travel copy is filled), as two dossiers of one database; a random script of
edits through the store's own editing functions runs on the first, the merge against the
unchanged copy sends its operations to the copy, and the copy then holds what the first
shows the traveller, record for record, with nothing refused.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.domain import Citation, Delegation, Dossier, Person, Record, Source
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import apply_change, change_record, create_record, delete_record
from briefing.store.exchange.export import export_dossier
from briefing.store.exchange.loading import parse
from briefing.store.sync.apply import apply_operations
from briefing.store.sync.merge import merge
from briefing.store.sync.states import model_states, side, states, versions
from briefing.store.versions import claim
from tests.builders import load
from tests.store.sync.test_apply import INTERNAL, _canonical, _document

TEXTS = ["Ahn", "An", "Kim J.", ""]
PEOPLE = ["person:ahn", "person:kim", "person:yeo"]

Edit = Callable[[Session, Dossier, int], None]


def _record(session: Session, dossier: Dossier, uid: str) -> Record | None:
    return session.scalars(
        select(Record).where(Record.dossier_id == dossier.id, Record.uid == uid)
    ).one_or_none()


def _person(session: Session, dossier: Dossier, n: int) -> Record | None:
    return _record(session, dossier, PEOPLE[n % len(PEOPLE)])


def rename(session: Session, dossier: Dossier, n: int) -> None:
    if (person := _person(session, dossier, n)) is not None:
        change_record(session, person.id, {"name": TEXTS[n % 3] or "Nameless"})


def reparty(session: Session, dossier: Dossier, n: int) -> None:
    party = _record(session, dossier, ["party:a", "party:b"][n % 2])
    if (person := _person(session, dossier, n // 2)) is not None and party is not None:
        change_record(session, person.id, {"party_id": None if n % 3 == 0 else party.id})


def notes(session: Session, dossier: Dossier, n: int) -> None:
    if (person := _person(session, dossier, n)) is not None:
        change_record(session, person.id, {"notes": TEXTS[n % 4]})


def rehandle(session: Session, dossier: Dossier, n: int) -> None:
    if (person := _person(session, dossier, n)) is not None:
        apply_change(session, person.id, {"handling": n % 2})


def chip_value(session: Session, dossier: Dossier, n: int) -> None:
    chip = _record(session, dossier, "chip:steel")
    assert chip is not None
    change_record(session, chip.id, {"value_amount": 100 * n, "value_note": TEXTS[n % 4]})


def chip_level(session: Session, dossier: Dossier, n: int) -> None:
    chip = _record(session, dossier, "chip:steel")
    assert chip is not None
    change_record(session, chip.id, {"level:our_target": INTERNAL if n % 2 else None})


def _toggled(items: list[Any], item: Any) -> list[Any]:
    return [x for x in items if x != item] if item in items else [*items, item]


def alias(session: Session, dossier: Dossier, n: int) -> None:
    if (person := _person(session, dossier, n)) is not None:
        now = [a.name for a in person.aliases]
        change_record(session, person.id, {"aliases": _toggled(now, TEXTS[n % 3])})


def sector(session: Session, dossier: Dossier, n: int) -> None:
    chip = _record(session, dossier, "chip:steel")
    assert chip is not None
    now = [s.name for s in chip.sectors]  # type: ignore[attr-defined]
    change_record(session, chip.id, {"sectors": _toggled(now, ["steel", "autos"][n % 2])})


def participant(session: Session, dossier: Dossier, n: int) -> None:
    event = _record(session, dossier, "event:talks")
    if (person := _person(session, dossier, n)) is not None and event is not None:
        now = [p.id for p in event.participants]  # type: ignore[attr-defined]
        change_record(session, event.id, {"participants": _toggled(now, person.id)})


def member(session: Session, dossier: Dossier, n: int) -> None:
    """A member added or removed, or the members reordered (the hidden one included)."""
    delegation = _record(session, dossier, "delegation:a")
    assert isinstance(delegation, Delegation)
    now = [m.person_id for m in delegation.members]
    if n % 3 == 0:
        change_record(session, delegation.id, {"members": [*now[1:], *now[:1]]})
    elif (person := _person(session, dossier, n)) is not None:
        change_record(session, delegation.id, {"members": _toggled(now, person.id)})


def member_role(session: Session, dossier: Dossier, n: int) -> None:
    delegation = _record(session, dossier, "delegation:a")
    assert isinstance(delegation, Delegation)
    claim(session, delegation.id, None)
    for m in delegation.members:
        m.role = TEXTS[n % 4]
        m.is_head = bool(n % 2)
        break


def citation(session: Session, dossier: Dossier, n: int) -> None:
    """A citation added, removed or its excerpt changed."""
    if (person := _person(session, dossier, n)) is None:
        return
    claim(session, person.id, None)
    uid = f"cite:{n % 2}"
    held = next((c for c in person.citations if c.uid == uid), None)
    if held is None:
        source = _record(session, dossier, "src:good")
        assert isinstance(source, Source)
        person.citations.append(Citation(uid=uid, source=source, excerpt=TEXTS[n % 4]))
    elif n % 3:
        held.excerpt = TEXTS[n % 4]
    else:
        person.citations.remove(held)


def create(session: Session, dossier: Dossier, n: int) -> None:
    uid = f"person:new{n % 2}"
    party = _record(session, dossier, "party:b")
    if _record(session, dossier, uid) is None and party is not None:
        values = {"name": TEXTS[n % 3] or "New", "party_id": party.id, "handling": n % 2}
        create_record(session, Person, dossier.id, uid, values)


def delete(session: Session, dossier: Dossier, n: int) -> None:
    """A person deleted: one named by nothing else, one made during the trip, or
    ``person:kim``, whose delete takes them off a delegation and an event (issue 16)."""
    uid = ["person:yeo", "person:new0", "person:new1", "person:kim"][n % 4]
    if (found := _record(session, dossier, uid)) is not None:
        delete_record(session, found.id)


EDITS: list[Edit] = [
    rename,
    reparty,
    notes,
    rehandle,
    chip_value,
    chip_level,
    alias,
    sector,
    participant,
    member,
    member_role,
    citation,
    create,
    delete,
]

EXAMPLES = {"sqlite": 100, "postgresql": 50}
"""Each example imports two dossiers, which a server takes twice as long over."""

SCRIPTS = st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 11)), max_size=8)


def _everything(store: Store, slug: str) -> dict[str, Any]:
    with store.session() as session:
        dossier = find_dossier(session, slug)
        return _canonical(states(session, dossier, versions(session, dossier, INTERNAL), INTERNAL))


def _within(copy: dict[str, Any], original: dict[str, Any]) -> bool:
    """Whether the copy holds every record as the original shows it to the traveller. A
    field withheld from the traveller is absent from the original's state; the copy,
    filled from the traveller's file, holds a blank there that is not compared."""
    held = {
        uid: (kind, {name: value for name, value in fields.items() if name in original[uid][1]})
        for uid, (kind, fields) in copy.items()
        if uid in original
    }
    return copy.keys() == original.keys() and held == original


def test_random_edits_reach_the_copy_through_the_merge(empty_store: Store, backend: str) -> None:
    count = itertools.count()

    @settings(
        max_examples=EXAMPLES[backend],
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(script=SCRIPTS)
    def run(script: list[tuple[Edit, int]]) -> None:
        number = next(count)
        ours, theirs = f"ours-{number}", f"theirs-{number}"
        doc = _document()
        doc["dossier"]["slug"] = ours
        load(empty_store, doc)
        text = export_dossier(empty_store, ours, audience=INTERNAL)
        base = model_states(parse(text.encode()))  # the traveller's file: the merge's base
        copy = json.loads(text)
        copy["dossier"]["slug"] = theirs
        load(empty_store, copy)
        with empty_store.session() as session:
            base_versions = versions(session, find_dossier(session, ours), INTERNAL)
        with empty_store.session() as session:
            for edit, n in script:
                edit(session, find_dossier(session, ours), n)
                session.flush()
        with empty_store.session() as session:
            changed = side(session, find_dossier(session, ours), base_versions, INTERNAL)
        result = merge(base, changed, {})
        assert result.conflicts == () and result.to_ours == ()
        with empty_store.session() as session:
            dossier = find_dossier(session, theirs)
            assert apply_operations(session, dossier, result.to_theirs, INTERNAL) == []
        assert _within(_everything(empty_store, theirs), _everything(empty_store, ours))

    run()


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_every_edit_changes_what_the_traveller_sees(empty_store: Store, edit: Edit) -> None:
    """The script's edits are real ones: each changes the dossier as the traveller has it,
    for some argument, so the property above is not comparing two untouched copies."""
    load(empty_store, _document())
    changed = []
    for n in range(6):
        before = _everything(empty_store, "trip")
        with empty_store.session() as session:
            edit(session, find_dossier(session, "trip"), n)
        changed.append(_everything(empty_store, "trip") != before)
    assert any(changed)
