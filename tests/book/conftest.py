"""Fixtures for the book tests: sample exports made once per module.

The network guard is the suite's own autouse ``no_network`` (tests/conftest.py); a fixture
of that name here would replace it for every book test.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator

import pytest

from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from tests.server import Cluster

TODAY = dt.date(2025, 5, 1)


@pytest.fixture(scope="module")
def sample_store(
    request: pytest.FixtureRequest, backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The sample dossier, shared by one module's tests that only read it, on each backend."""
    if backend == "postgresql":
        server: Cluster = request.getfixturevalue("postgres")
        url = server.create_database(template=request.getfixturevalue("pg_sample"))
        with open_store(url, seed_sample=False) as store:
            yield store
        server.drop_database(url)
        return
    target = tmp_path_factory.mktemp("sample") / "sample.sqlite3"
    shutil.copyfile(request.getfixturevalue("sample_template"), target)
    store = open_store(target, seed_sample=False)
    yield store
    store.close()
