"""No loaded object is collected while SQLAlchemy changes its state (briefing.store.db.holding).

On CPython 3.11 a garbage collection can start inside the allocation that converts an
``InstanceState``'s attribute values to a dict; if the state's object is garbage by then,
its weakref callback (``InstanceState._cleanup``) changes the same state and the values
are freed twice: the 2× benchmark export died of it with SIGSEGV. These tests start a
collection at the first state change of a close, an expire and a rollback, after the
book's loader has dropped every object it read (they are only held by their cycles), and
check that no ``_cleanup`` ran meanwhile.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.state import InstanceState

from briefing.book import BookOptions
from briefing.book.load import load_book
from briefing.domain import Appointment, Citation, Delegation, Event, Person, Record
from briefing.store.db.database import Store

OPTIONS = BookOptions(audience=3, today=dt.date(2025, 5, 1))


class Watch:
    """Collects garbage at the first call of a state-changing method; notes cleanups then."""

    def __init__(self) -> None:
        self.changing = False
        self.collected = False
        self.cleaned: list[InstanceState[Any]] = []

    def around(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def changed(*args: Any, **kwargs: Any) -> Any:
            if not self.collected:
                self.collected = True
                self.changing = True
                try:
                    gc.collect()  # what CPython 3.11 may start inside the change
                finally:
                    self.changing = False
            return method(*args, **kwargs)

        return changed


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> Iterator[Watch]:
    """Patched before anything is loaded: each state binds its cleanup when created."""
    seen = Watch()
    cleanup = InstanceState._cleanup

    def noted(state: InstanceState[Any], ref: Any) -> None:
        if seen.changing:
            seen.cleaned.append(state)
        cleanup(state, ref)

    monkeypatch.setattr(InstanceState, "_cleanup", noted)
    detach = InstanceState._detach_states.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(InstanceState, "_detach_states", classmethod(seen.around(detach)))
    monkeypatch.setattr(InstanceState, "_expire", seen.around(InstanceState._expire))
    gc.disable()  # no collection but the Watch's own, so the cycles wait for it
    try:
        yield seen
    finally:
        gc.enable()


def _load(session: Session) -> None:
    """The book's loader, then records read as objects and dropped, as the checks once did:
    a delegation and its event, an office and its person, a citation and its record point
    at each other, so they are left held only by those cycles."""
    load_book(session, None, OPTIONS)
    teams = selectinload(Delegation.event).selectinload(Event.delegations)
    session.scalars(select(Delegation).options(teams)).all()
    offices = selectinload(Appointment.person).selectinload(Person.appointments)
    session.scalars(select(Appointment).options(offices)).all()
    cited = selectinload(Citation.record).selectinload(Record.citations)
    session.scalars(select(Citation).options(cited)).all()


def test_closing_a_session_keeps_its_objects_until_detached(store: Store, watch: Watch) -> None:
    with store.session() as session:
        _load(session)
        assert len(session.identity_map) > 100
    assert watch.collected
    assert watch.cleaned == []


def test_expiring_everything_keeps_the_objects(store: Store, watch: Watch) -> None:
    with store.session() as session:
        _load(session)
        session.expire_all()
        assert watch.collected
        assert watch.cleaned == []


def test_a_rollback_keeps_the_objects_until_detached(store: Store, watch: Watch) -> None:
    with pytest.raises(LookupError), store.session() as session:
        _load(session)
        raise LookupError("roll back")
    assert watch.collected
    assert watch.cleaned == []
