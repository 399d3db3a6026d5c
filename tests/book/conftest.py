"""Fixtures for the book tests: sample exports made once per module.

The network guard is the suite's own autouse ``no_network`` (tests/conftest.py); a fixture
of that name here would replace it for every book test.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store

TODAY = dt.date(2025, 5, 1)


@pytest.fixture(scope="module")
def sample_store(
    sample_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The sample dossier, shared by one module's tests that only read it."""
    target = tmp_path_factory.mktemp("sample") / "sample.sqlite3"
    shutil.copyfile(sample_template, target)
    store = open_store(target, seed_sample=False)
    yield store
    store.close()
