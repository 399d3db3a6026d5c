"""A kind's declared list columns that its listing does not select itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from briefing.domain import BargainingChip
from briefing.domain.registry import BY_NAME, kind_of
from briefing.store.db.database import Store
from briefing.store.lists import listing
from briefing.store.lists.chips import chip_listing
from briefing.store.lists.listing import Request
from briefing.store.lists.people import person_listing
from briefing.store.lists.sources import source_listing
from briefing.store.visibility import set_field_level
from tests.builders import document, load


@pytest.fixture
def chip_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chips list two more of their declared fields: a protected one and a yes/no."""
    chip = kind_of("bargaining_chip")
    columns = (*chip.columns, "our_minimum", "tradeable")
    monkeypatch.setitem(BY_NAME, "bargaining_chip", replace(chip, columns=columns))


def test_a_declared_column_is_read_found_and_kept_from_those_not_cleared(
    empty_store: Store, chip_columns: None
) -> None:
    """The list shows a protected field no higher than its own level, and its filter finds
    the record by the field only for an audience cleared for it."""
    chip = {"id": "c:1", "title": "Tariff cut", "party": "party:a", "handling": "Internal"}
    load(empty_store, document(chips=[{**chip, "our_minimum": "fivepercent", "tradeable": False}]))
    with empty_store.session() as session:
        set_field_level(session.scalars(select(BargainingChip)).one(), "our_minimum", 3)
    with empty_store.session() as session:
        [below] = listing.read(session, chip_listing(1, 2), Request(), 0, 10)
        [cleared] = listing.read(session, chip_listing(1, 3), Request(), 0, 10)
        assert below.declared == {"our_minimum": "", "tradeable": False}
        assert cleared.declared == {"our_minimum": "fivepercent", "tradeable": False}
        assert below.title == cleared.title == "Tariff cut"
        found = Request(text="fivepercent")
        assert listing.count(session, chip_listing(1, 2), found) == 0
        assert listing.count(session, chip_listing(1, 3), found) == 1


def test_todays_lists_select_nothing_more(empty_store: Store) -> None:
    """Every column the registry names today is one its listing reads its own way (a
    party's code, not its id), so the filter finds no row by a number it does not show."""
    chip = {"id": "c:1", "title": "Tariff cut", "party": "party:a"}
    person = {"id": "p:1", "name": "Kim", "party": "party:a"}
    load(empty_store, document(chips=[chip], people=[person]))
    listings = (
        chip_listing(1, 1),
        person_listing(1, 1, dt.date(2025, 1, 1)),
        source_listing(1, 1),
    )
    with empty_store.session() as session:
        for made in listings:
            rows = listing.read(session, made, Request(), 0, 9)
            assert rows and all(not row.declared for row in rows)
            assert listing.count(session, made, Request(text="1")) == 0
