"""The checks' findings in their own database: listed, filtered and found like any list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from briefing.domain import Dossier
from briefing.store import listing
from briefing.store.checks import Finding, Severity, find, run_checks
from briefing.store.database import Store
from briefing.store.findings import LISTING, Findings
from briefing.store.listing import Request
from briefing.store.visibility import EVERYTHING

TODAY = dt.date(2025, 5, 1)


@pytest.fixture
def found(store: Store) -> Iterator[tuple[Findings, list[Finding]]]:
    """The sample's findings stored batch by batch, and the same run as one list."""
    results = Findings()
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        for batch in find(session, dossier, level=EVERYTHING, today=TODAY):
            results.add(batch)
        whole = run_checks(session, dossier, level=EVERYTHING, today=TODAY)
    results.finish()
    yield results, whole
    results.close()


def _all(session: Session, request: Request | None = None) -> list[Finding]:
    return listing.read(session, LISTING, request or Request(), 0, 100_000)


def test_stored_findings_are_the_run_in_its_order(found: tuple[Findings, list[Finding]]) -> None:
    results, whole = found
    assert len(whole) > 10
    with results.store.session() as session:
        stored = _all(session)
    assert sorted(stored, key=repr) == sorted(whole, key=repr)  # nothing lost or repeated
    order = [(-f.severity, f.check, f.record_name) for f in stored]
    assert order == [(-f.severity, f.check, f.record_name) for f in whole]
    assert results.total == len(whole)


def test_each_record_and_message_is_stored_once(found: tuple[Findings, list[Finding]]) -> None:
    """What keeps 200,000 findings of a big dossier in a few MB: no text stored twice."""
    results, whole = found
    with results.store.session() as session:
        messages = session.execute(text("SELECT count(*) FROM found_message")).scalar_one()
        records = session.execute(text("SELECT count(*) FROM found_record")).scalar_one()
    assert messages == len({f.message for f in whole}) < len(whole)
    assert records == len({f.record_id for f in whole}) < len(whole)


def test_filter_sort_and_position_in_sql(found: tuple[Findings, list[Finding]]) -> None:
    results, whole = found
    with results.store.session() as session:
        problems = _all(session, Request(text="problem"))
        assert problems and all(f.severity == Severity.PROBLEM for f in problems)
        katherine = _all(session, Request(text="katherine tai"))
        assert katherine == [f for f in whole if "katherine tai" in f.message.lower()]
        by_record = _all(session, Request(sort=("record_name", "order")))
        assert [f.record_name for f in by_record] == sorted(f.record_name for f in whole)
        ids = [f.record_id for f in whole]
        several = next(i for i in ids if ids.count(i) > 1)
        first = listing.position(session, LISTING, Request(), several)
        stored = _all(session)
        assert stored[first].record_id == several
        assert all(f.record_id != several for f in stored[:first])
        assert listing.position(session, LISTING, Request(), -1) == -1


def test_summary_counts_what_to_act_on(found: tuple[Findings, list[Finding]]) -> None:
    results, whole = found
    serious = [f for f in whole if f.severity >= Severity.WARNING]
    assert results.count() == len(whole)
    assert results.count(at_least=Severity.WARNING) == len(serious)
    assert results.first(3, at_least=Severity.WARNING) == serious[:3]
