"""The Sources list: every source with its grade and how many citations the audience sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from briefing.domain import Citation, Record, Source
from briefing.domain.enums import Reliability
from briefing.store.lists.declared import kind_listing
from briefing.store.lists.listing import Listing
from briefing.store.lists.sql import in_dossier, plain_rows
from briefing.store.visibility import visible, visible_column, visible_row


@dataclass(frozen=True)
class SourceRow:
    id: int
    title: str
    publisher: str
    published_on: dt.date | None
    reliability: Reliability
    citations: int
    handling: int
    declared: Mapping[str, Any] = field(default_factory=dict)
    """The kind's declared list columns this row type has no attribute for."""


def source_listing(dossier_id: int, level: int) -> Listing[SourceRow]:
    cited = Record.__table__.alias()
    citations = (
        select(func.count(Citation.id))
        .join(cited, cited.c.id == Citation.record_id)
        .where(
            Citation.source_id == Source.id,
            visible_row(cited, level),
            visible_column(Citation.__table__.c.handling, level),
        )
        .scalar_subquery()
    )
    query = select(
        Source.id.label("id"),
        Source.title.label("title"),
        Source.publisher.label("publisher"),
        Source.published_on.label("published_on"),
        Source.reliability.label("reliability"),
        citations.label("citations"),
        Source.handling.label("handling"),
    ).where(in_dossier(Source, dossier_id), visible(Source, level))
    return kind_listing(
        "source",
        query,
        level,
        text=("title", "publisher", "reliability"),
        order=("id",),
        make=plain_rows(SourceRow),
    )
