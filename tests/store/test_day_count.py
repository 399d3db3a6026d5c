"""A dossier's own date: whether its days count from today or from its as-of date.

The sample is written as of 1 May 2025; opened today, counted from today, every deadline
in it had passed. It counts from its as-of date; older files and dossiers keep counting
from today.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from briefing.domain.enums import DayCount
from briefing.store.checks.run import run_checks
from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config, open_store
from briefing.store.dossiers import find_dossier, set_day_count
from briefing.store.exchange.export import export_dossier
from briefing.store.exchange.writing import import_file
from briefing.store.visibility import EVERYTHING
from tests.conftest import SAMPLE_SLUG

AS_OF = dt.date(2025, 5, 1)
LATER = dt.date(2026, 12, 5)
FIXTURES = Path(__file__).parent / "exchange" / "fixtures"


def test_the_sample_counts_from_its_as_of_date(store: Store) -> None:
    with store.session() as session:
        dossier = find_dossier(session, SAMPLE_SLUG)
        assert dossier.count_days_from == DayCount.AS_OF
        assert dossier.reference_date(LATER) == AS_OF


@pytest.mark.parametrize("name", ["dossier-v1.json", "dossier-v2.json"])
def test_older_files_import_and_count_from_today(empty_store: Store, name: str) -> None:
    imported = import_file(empty_store, FIXTURES / name)
    with empty_store.session() as session:
        dossier = find_dossier(session, imported.slug)
        assert dossier.as_of is not None
        assert dossier.reference_date(LATER) == LATER
    assert "count_days_from" not in export_dossier(empty_store, imported.slug)


def test_the_setting_travels_in_the_dossier_file(
    store: Store, empty_store: Store, tmp_path: Path
) -> None:
    text = export_dossier(store, SAMPLE_SLUG)
    assert json.loads(text)["dossier"]["count_days_from"] == "as_of"
    path = tmp_path / "sample-again.json"
    path.write_text(text, encoding="utf-8")
    import_file(empty_store, path)
    with empty_store.session() as session:
        assert find_dossier(session, SAMPLE_SLUG).count_days_from == DayCount.AS_OF


def test_checks_judge_deadlines_on_the_dossiers_date(store: Store) -> None:
    """Counted from 1 May 2025 the 8 July deadline is ahead; counted from today, it has
    passed while still marked planned."""

    def passed() -> list[str]:
        with store.session() as session:
            dossier = find_dossier(session, SAMPLE_SLUG)
            found = run_checks(session, dossier, level=EVERYTHING)
        return [f.record_name for f in found if f.check == "past-still-planned"]

    assert not any("90-day pause" in name for name in passed())
    with store.session() as session:
        dossier_id = find_dossier(session, SAMPLE_SLUG).id
        assert set_day_count(session, dossier_id, DayCount.TODAY) == DayCount.AS_OF
    assert any("90-day pause" in name for name in passed())


def test_upgrading_an_older_database_keeps_the_sample_on_its_date(sample_db: Path) -> None:
    engine = create_engine(f"sqlite:///{sample_db}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0004")
    engine.dispose()
    upgraded = open_store(sample_db, seed_sample=False)
    try:
        with upgraded.session() as session:
            assert find_dossier(session, SAMPLE_SLUG).count_days_from == DayCount.AS_OF
    finally:
        upgraded.close()
