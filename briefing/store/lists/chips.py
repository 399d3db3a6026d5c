"""Bargaining chips: their list with its filters, and the matrix of party against kind.

A chip's value may carry a level of its own: it is read from its
:class:`~briefing.domain.FieldLevel` row joined by level in SQL, so an audience below it
gets nothing, and sorting or filtering by the value sees only what the audience sees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, Exists, Row, ScalarSelect, and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from briefing.domain import BargainingChip, ChipSector, Citation, Party, Record
from briefing.domain.enums import ChipKind, ChipStatus, Likelihood, Stance
from briefing.domain.formats import ENGLISH, money
from briefing.domain.portable_sql import group_concat, json_list
from briefing.store.lists.declared import kind_listing
from briefing.store.lists.listing import Condition, Listing
from briefing.store.lists.sql import enum_label, enum_rank, in_dossier, own_level, party_of, seen
from briefing.store.visibility import visible, visible_column, visible_row


@dataclass(frozen=True)
class ChipRow:
    id: int
    title: str
    party: str
    party_colour: str
    kind: ChipKind
    status: ChipStatus
    priority: int
    likelihood: Likelihood
    sectors: tuple[str, ...]
    value: str
    handling: int
    disputed: bool
    value_level: int = 0
    """The value's level: its own when it has one the audience sees, else the chip's."""
    declared: Mapping[str, Any] = field(default_factory=dict)
    """The kind's declared list columns this row type has no attribute for."""


def _disputed(record_id: Any, level: int) -> ColumnElement[bool]:
    """Whether citations the audience sees (by their own level and their source's) both
    support and dispute the record."""

    def cited(stance: Stance) -> Exists:
        source = Record.__table__.alias()
        return (
            select(Citation.id)
            .join(source, source.c.id == Citation.source_id)
            .where(
                Citation.record_id == record_id,
                Citation.stance == stance,
                visible_column(Citation.__table__.c.handling, level),
                visible_row(source, level),
            )
            .exists()
        )

    return and_(cited(Stance.SUPPORTS), cited(Stance.DISPUTES))


def _chip_rows(_session: Session, rows: Sequence[Row[Any]], language: str) -> list[ChipRow]:
    """Chips as read, with their sectors; values in ``language``'s money."""
    return [
        ChipRow(
            row.id,
            row.title,
            row.party,
            row.party_colour,
            row.chip_kind,
            row.status,
            row.priority,
            row.likelihood,
            tuple(row.sector_names or ()),
            money(row.value_amount, row.value_currency, language),
            row.handling,
            bool(row.disputed),
            row.value_level,
        )
        for row in rows
    ]


def _sector_names() -> ScalarSelect[Any]:
    """A chip's sectors in the order they were given, read with its row (a query of their
    own for the page's chips was one more round trip to a server, issue 15)."""
    ordered = (
        select(ChipSector.name)
        .where(ChipSector.chip_id == BargainingChip.id)
        .order_by(ChipSector.id)
        .correlate(BargainingChip)
        .subquery("ordered")
    )
    return select(json_list(ordered.c.name)).scalar_subquery()


def chip_listing(dossier_id: int, level: int, language: str = ENGLISH) -> Listing[ChipRow]:
    sectors = (
        select(group_concat(ChipSector.name, ", "))
        .where(ChipSector.chip_id == BargainingChip.id)
        .scalar_subquery()
    )
    query = select(
        BargainingChip.id.label("id"),
        BargainingChip.title.label("title"),
        func.coalesce(party_of(BargainingChip.party_id, level, "code"), "").label("party"),
        func.coalesce(party_of(BargainingChip.party_id, level, "colour"), "#607080").label(
            "party_colour"
        ),
        BargainingChip.chip_kind.label("chip_kind"),
        BargainingChip.status.label("status"),
        BargainingChip.priority.label("priority"),
        BargainingChip.likelihood.label("likelihood"),
        seen(BargainingChip.id, BargainingChip.value_amount, "value_amount", level).label(
            "value_amount"
        ),
        seen(BargainingChip.id, BargainingChip.value_currency, "value_currency", level).label(
            "value_currency"
        ),
        func.coalesce(
            own_level(BargainingChip.id, "value_amount", level, "level"), BargainingChip.handling
        ).label("value_level"),
        BargainingChip.handling.label("handling"),
        _disputed(BargainingChip.id, level).label("disputed"),
        enum_label(BargainingChip.chip_kind).label("kind_label"),
        enum_label(BargainingChip.status).label("status_label"),
        enum_label(BargainingChip.likelihood).label("likelihood_label"),
        enum_rank(BargainingChip.likelihood, list(Likelihood)).label("likelihood_rank"),
        sectors.label("sectors"),
        _sector_names().label("sector_names"),
    ).where(in_dossier(BargainingChip, dossier_id), visible(BargainingChip, level))
    return kind_listing(
        "bargaining_chip",
        query,
        level,
        text=("title", "party", "kind_label", "status_label", "likelihood_label", "sectors"),
        order=("priority", "title"),
        make=partial(_chip_rows, language=language),
    )


def chip_conditions(
    sector: str | None, status: ChipStatus | None, likelihood: Likelihood | None
) -> dict[str, Condition]:
    """The chips page's filters as conditions on its listing."""

    def in_sector(listed: Subquery) -> ColumnElement[bool]:
        return (
            select(ChipSector.id)
            .where(ChipSector.chip_id == listed.c.id, ChipSector.name == sector)
            .exists()
        )

    conditions: dict[str, Condition] = {}
    if sector:
        conditions["sector"] = in_sector
    if status:
        conditions["status"] = lambda listed: listed.c.status == status
    if likelihood:
        conditions["likelihood"] = lambda listed: listed.c.likelihood == likelihood
    return conditions


def chip_sectors(session: Session, dossier_id: int, level: int) -> list[str]:
    """The sectors the audience's chips touch, for the sector filter."""
    names = session.scalars(
        select(ChipSector.name)
        .join(BargainingChip, BargainingChip.id == ChipSector.chip_id)
        .where(BargainingChip.dossier_id == dossier_id, visible(BargainingChip, level))
        .distinct()
    )
    return sorted(names, key=str.casefold)


@dataclass(frozen=True)
class MatrixChip:
    id: int
    title: str
    status: ChipStatus
    likelihood: Likelihood


@dataclass(frozen=True)
class MatrixCell:
    """The first chips of one party and kind, in priority order, and how many there are."""

    chips: tuple[MatrixChip, ...]
    total: int


def chip_matrix(
    session: Session, dossier_id: int, level: int, per_cell: int
) -> dict[tuple[str, ChipKind], MatrixCell]:
    """Chips by party and kind, at most ``per_cell`` of them listed in each cell.

    Cells are keyed by party code; a party the audience may not see reads "—".
    """
    codes = dict(
        session.execute(
            select(Party.id, Party.code).where(in_dossier(Party, dossier_id), visible(Party, level))
        ).all()
    )
    cell = (BargainingChip.party_id, BargainingChip.chip_kind)
    numbered = (
        select(
            BargainingChip.id.label("id"),
            BargainingChip.title.label("title"),
            BargainingChip.status.label("status"),
            BargainingChip.likelihood.label("likelihood"),
            BargainingChip.chip_kind.label("kind"),
            BargainingChip.party_id.label("party_id"),
            func.row_number()
            .over(
                partition_by=cell,
                order_by=(BargainingChip.priority, BargainingChip.title, BargainingChip.id),
            )
            .label("number"),
            func.count().over(partition_by=cell).label("total"),
        )
        .where(in_dossier(BargainingChip, dossier_id), visible(BargainingChip, level))
        .subquery()
    )
    listed: dict[tuple[str, ChipKind], list[MatrixChip]] = defaultdict(list)
    totals: dict[tuple[str, ChipKind], int] = defaultdict(int)
    seen: set[tuple[int | None, ChipKind]] = set()
    for row in session.execute(
        select(numbered).where(numbered.c.number <= per_cell).order_by(numbered.c.number)
    ):
        key = (codes.get(row.party_id, "—"), row.kind)
        if len(listed[key]) < per_cell:
            listed[key].append(MatrixChip(row.id, row.title, row.status, row.likelihood))
        if (row.party_id, row.kind) not in seen:
            seen.add((row.party_id, row.kind))
            totals[key] += row.total
    return {key: MatrixCell(tuple(chips), totals[key]) for key, chips in listed.items()}
