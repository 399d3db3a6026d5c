"""Fixtures the command-line tests share."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> str:
    """The sample dossier's database on each backend, as --db takes it."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sample_db"))
    url = request.getfixturevalue("pg_sample_url")
    return str(url.render_as_string(hide_password=False))
