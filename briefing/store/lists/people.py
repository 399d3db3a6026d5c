"""The People list: everyone, with the office each held on the dossier's reference date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, func, select
from sqlalchemy.sql import Subquery

from briefing.domain import Appointment, Organization, Person
from briefing.domain.formats import ENGLISH
from briefing.domain.people import office_ranking, office_title
from briefing.domain.portable_sql import unindexed
from briefing.store.lists.declared import kind_listing
from briefing.store.lists.listing import Listing
from briefing.store.lists.sql import in_dossier, party_of, plain_rows
from briefing.store.tables import KindRows
from briefing.store.visibility import visible


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    native_name: str
    party: str
    title: str
    organization: str
    handling: int
    declared: Mapping[str, Any] = field(default_factory=dict)
    """The kind's declared list columns this row type has no attribute for."""


def _office(
    person_id: Any, level: int, on: dt.date, what: str, language: str = ENGLISH
) -> ScalarSelect[Any]:
    """The title or organization of the office a person held on ``on``, by the one rule
    (:func:`briefing.domain.people.office_ranking`): a former office's title reads
    "former: TITLE (until DATE)" in ``language``; an office still to come is none."""
    office = KindRows(Appointment)
    start, end, office_id = office.own.c.start, office.own.c.end, office.own.c.id
    started, order = office_ranking(start, end, office_id, on)
    if what == "title":
        column: Any = office_title(office.own.c.title, end, on, language)
    else:
        organization = KindRows(Organization)
        column = func.coalesce(
            organization.select(organization.own.c.name)
            .where(
                organization.own.c.id == office.own.c.organization_id,
                organization.visible(level),
            )
            .scalar_subquery(),
            "",
        )
    return (
        office.select(column)
        .where(office.own.c.person_id == person_id, office.visible(level), started)
        .order_by(*order)
        .limit(1)
        .scalar_subquery()
    )


def _offices(dossier_id: int, level: int, on: dt.date, language: str) -> Subquery:
    """Each person's office on ``on``, one row per person who held one, by the one rule
    (:func:`briefing.domain.people.office_ranking`): its title, reading "former: TITLE
    (until DATE)" in ``language`` for a former office, and its organization's name (empty
    where the audience may not see the organization); an office still to come is none.

    :func:`_office` for every person at once, ranked over the dossier's offices and joined
    to the people: sorting by organization looked up each person's office, a subquery per
    person, which PostgreSQL runs at three times SQLite's cost (issue 15).
    """
    office = KindRows(Appointment)
    organization = KindRows(Organization)
    start, end, office_id = office.own.c.start, office.own.c.end, office.own.c.id
    started, order = office_ranking(start, end, office_id, on)
    names = (
        organization.select(organization.own.c.id, organization.own.c.name)
        .where(organization.visible(level))
        .subquery("names")
    )
    ranked = (
        office.select(
            office.own.c.person_id.label("person_id"),
            office_title(office.own.c.title, end, on, language).label("title"),
            func.coalesce(names.c.name, "").label("organization"),
            func.row_number()
            .over(partition_by=office.own.c.person_id, order_by=order)
            .label("number"),
        )
        .outerjoin(names, names.c.id == office.own.c.organization_id)
        .where(unindexed(office.record.c.dossier_id) == dossier_id, office.visible(level), started)
        .subquery("ranked")
    )
    return select(ranked).where(ranked.c.number == 1).subquery("offices")


def person_listing(
    dossier_id: int, level: int, on: dt.date, language: str = ENGLISH
) -> Listing[PersonRow]:
    """Everyone, with the office each held on ``on``, worded in ``language``: looked up
    per person for a page, ranked for the whole dossier at once when a sort or filter
    reads every row."""

    def listed(title: Any, organization: Any) -> list[ColumnElement[Any]]:
        return [
            Person.id.label("id"),
            Person.name.label("name"),
            Person.native_name.label("native_name"),
            func.coalesce(party_of(Person.party_id, level, "code"), "").label("party"),
            func.coalesce(title, "").label("title"),
            func.coalesce(organization, "").label("organization"),
            Person.handling.label("handling"),
        ]

    people = (in_dossier(Person, dossier_id), visible(Person, level))
    page = select(
        *listed(
            _office(Person.id, level, on, "title", language),
            _office(Person.id, level, on, "organization"),
        )
    ).where(*people)
    offices = _offices(dossier_id, level, on, language)
    whole = (
        select(*listed(offices.c.title, offices.c.organization))
        .select_from(Person)
        .outerjoin(offices, offices.c.person_id == Person.id)
        .where(*people)
    )
    return kind_listing(
        "person",
        page,
        level,
        text=("name", "native_name", "party", "title", "organization"),
        order=("name",),
        make=plain_rows(PersonRow),
        whole=whole,
        costly=frozenset({"title", "organization"}),
    )
