"""Keeping a session's objects alive while SQLAlchemy changes all of their states at once.

CPython 3.11 may run the cyclic garbage collector inside any allocation of a container,
including the dict it allocates to turn an object's inline attribute values into a real
``__dict__``. SQLAlchemy sets attributes on every ``InstanceState`` when a session ends
(commit, rollback, close) or expires everything. If a collection starts inside one of
those conversions and the state's own object is garbage by then (a loaded object held
only by reference cycles), the collector calls that object's weakref callback,
``InstanceState._cleanup``, which sets attributes on the same state: both calls convert
the same values array and both free it. The double free corrupts the heap, and the
process dies later with SIGSEGV at an unrelated line. Exporting the 2× benchmark dossier
hit this (python/cpython#97922 runs collections only between bytecodes from 3.12 on).

While every object of the session is referenced, no such callback can run. Once the
states are detached, the objects may go: their callbacks then change states nothing else
is changing.

Reading or writing a whole dossier pauses the collector instead (:func:`collector_paused`):
it would find no cycles in those millions of new objects, only walk them again and again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


def loaded_objects(session: Session) -> list[object]:
    """Strong references to every object the session holds, loaded or new."""
    return [*session.identity_map.values(), *session.new]


@contextmanager
def objects_held(session: Session) -> Iterator[None]:
    """Keep the session's objects alive until the block ends."""
    held = loaded_objects(session)
    try:
        yield
    finally:
        del held


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dossier is read and written.

    A large dossier is millions of small objects and none of them form cycles, but each
    collection walks all of them again as they accumulate: with the collector running,
    it took most of the time spent parsing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
