"""What a finding calls its record: the registry's display name in SQL, with its level.

The kind registry declares each kind's display name once, as SQL over its row (``title_sql``
and ``joins``), and search indexes by the same text; the checks read it here rather than
load each record to ask its ``display_name``. The name's level is the highest of the record
and those it is built from (:data:`~briefing.store.visibility.NAMED_AFTER`): a brief is
named after its event, so a finding on it names the event too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable
from functools import cache
from typing import NamedTuple

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from briefing.domain.portable_sql import ids_in_json, spelled
from briefing.domain.registry import BY_NAME
from briefing.store.visibility import NAMED_AFTER, highest_sql


class Name(NamedTuple):
    uid: str
    name: str
    level: int


def named(kind: str, dialect: str) -> str:
    """SQL for the id, uid, name and name's level of records ``r`` of ``kind`` (a WHERE to
    add), as ``dialect`` spells it: the registry's display name, and the records it is
    built from, joined."""
    declared = BY_NAME[kind]
    links = NAMED_AFTER.get(kind, ())
    joined = "".join(
        f" LEFT JOIN record AS named_{link} ON named_{link}.id = t.{link}_id" for link in links
    )
    level = highest_sql(
        "r.handling", *(f"named_{link}.handling" for link in links), dialect=dialect
    )
    return spelled(
        f"SELECT r.id AS id, r.uid AS uid, {declared.title_sql} AS name, {level} AS level "
        f"FROM record AS r "
        f"JOIN {kind} AS t ON t.id = r.id {declared.joins}{joined}",
        dialect,
    )


@cache
def _statement(kind: str, dialect: str) -> TextClause:
    """The names of the records of ``kind`` whose ids are the JSON array ``:ids``: one
    parameter, so the statement compiles once however many ids a batch names."""
    return text(f"{named(kind, dialect)} WHERE r.id IN {ids_in_json('ids', dialect)}")


def names(session: Session, records: Iterable[tuple[int, str]]) -> dict[int, Name]:
    """The names of these records, given as (id, kind): one query per kind present."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    for record_id, kind in records:
        by_kind[kind].add(record_id)
    found: dict[int, Name] = {}
    for kind, ids in by_kind.items():
        found.update(_of_kind(session, kind, ids))
    return found


def _of_kind(session: Session, kind: str, ids: Collection[int]) -> dict[int, Name]:
    statement = _statement(kind, session.get_bind().dialect.name)
    rows = session.execute(statement, {"ids": json.dumps(sorted(ids))}).all()
    return {record_id: Name(uid, name or "", level) for record_id, uid, name, level in rows}
