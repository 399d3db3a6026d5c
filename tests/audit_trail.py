"""Helpers for the audit trail's tests: its events, and a store on each backend."""

from __future__ import annotations

import getpass
from collections.abc import Iterator

import pytest

from briefing.domain import AuditEvent
from briefing.store import audit
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from tests.conftest import TEST_BACKENDS
from tests.server import SUPERUSER


@pytest.fixture(params=TEST_BACKENDS)
def either(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The sample dossier on each backend the run covers (``BRIEFING_TEST_BACKENDS``)."""
    fixture = "pg_sample_url" if request.param == "postgresql" else "sample_db"
    opened = open_store(request.getfixturevalue(fixture), seed_sample=False)
    yield opened
    opened.close()


def expected_user(store: Store) -> str:
    """The role on a server; the computer's account on a file."""
    return SUPERUSER if store.path is None else getpass.getuser()


def trail(store: Store) -> list[AuditEvent]:
    with store.session() as session:
        found = list(audit.events(session))
        session.expunge_all()
    return found
