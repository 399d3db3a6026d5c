"""A checked exchange file written to the database in one transaction.

The staged rows go in table by table through the driver, with every record's id chosen
up front, so all references resolve without reading anything back; the search index is
built once at the end.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, LargeBinary, Table, func, insert, select, text
from sqlalchemy.orm import Session

from briefing.domain import (
    KOREAN_LEVEL_NAMES,
    Base,
    Dossier,
    HandlingLevel,
    Record,
)
from briefing.domain.base import utcnow
from briefing.errors import N_, ImportRefused
from briefing.store.db.database import Store
from briefing.store.db.holding import collector_paused
from briefing.store.exchange import revisions
from briefing.store.exchange.export import dossier_to_model
from briefing.store.exchange.json_position import dotted
from briefing.store.exchange.loading import load
from briefing.store.exchange.reader import (
    RECORD_LISTS,
)
from briefing.store.exchange.schema import (
    DossierFile,
    LevelOut,
)
from briefing.store.exchange.validation import (
    FIELD_KEYS,
    KINDS,
    Kind,
    Link,
    Row,
    Stage,
    default_rank,
    rungs,
)
from briefing.store.search import indexing
from briefing.store.visibility import (
    above,
    blank,
    enforce_floors,
    highest,
    levels,
    starts_scale,
)

_RECORD_COLUMNS = (
    "id",
    "uid",
    "kind",
    "dossier_id",
    "handling",
    "notes",
    "created_at",
    "updated_at",
)


def _protected(list_name: str, row: Row, scale: dict[str, int], record_rank: int) -> dict[str, int]:
    """The columns of ``row`` whose values go into FieldLevel rows, with their levels.

    The rule of :func:`visibility.set_field_level`: a field at its record's level is no
    more protected than the record, so its value stays in the record's column."""
    keys = FIELD_KEYS[list_name]
    moved: dict[str, int] = {}
    for key, name in row.fields:
        if above(scale[name], record_rank):
            moved.update(dict.fromkeys(keys[key], scale[name]))
    return moved


def write_rows(
    stage: Stage, session: Session, head: DossierFile, levels: dict[str, int], slug: str
) -> int:
    """Insert every row; returns the new dossier's id."""
    d = head.dossier
    default = default_rank(head, levels)
    dossier = Dossier(
        slug=slug,
        title=d.title,
        title_ko=d.title_ko,
        subtitle=d.subtitle,
        subtitle_ko=d.subtitle_ko,
        subtitle_handling=levels[d.subtitle_handling] if d.subtitle_handling else None,
        scene_setter=d.scene_setter,
        scene_setter_ko=d.scene_setter_ko,
        scene_handling=levels[d.scene_handling] if d.scene_handling else None,
        as_of=d.as_of,
        count_days_from=d.count_days_from,
        home_zone=d.home_zone,
        default_handling=default,
    )
    session.add(dossier)
    session.flush()
    numbers = stage.numbers
    ids = _record_ids(session, len(numbers))
    now = utcnow()
    dossier_id = dossier.id

    def rank(row: Row) -> int:
        return levels[row.handling] if row.handling else default

    sources = {row.uid: rank(row) for row in stage.rows["sources"]}
    # By record, the columns whose values go into FieldLevel rows, with their levels.
    protected = {
        row.uid: _protected(list_name, row, levels, rank(row))
        for list_name, rows in stage.rows.items()
        for row in rows
        if row.fields
    }

    def records() -> Iterator[tuple[Any, ...]]:
        for list_name, rows in stage.rows.items():
            kind = KINDS[list_name].table
            for row in rows:
                notes = row.notes
                if row.fields and "notes" in protected[row.uid]:
                    notes = blank("notes")
                yield (
                    ids[numbers[row.uid]],
                    row.uid,
                    kind,
                    dossier_id,
                    levels[row.handling] if row.handling else default,
                    notes,
                    row.created_at or now,
                    row.updated_at or now,
                )

    def field_rows() -> Iterator[tuple[Any, ...]]:
        for list_name, rows in stage.rows.items():
            positions = KINDS[list_name].positions
            for row in rows:
                if not row.fields:
                    continue
                for column, field_rank in protected[row.uid].items():
                    value = row.values[positions[column]] if column in positions else row.notes
                    yield (
                        ids[numbers[row.uid]],
                        column,
                        field_rank,
                        json.dumps(value, ensure_ascii=False),
                    )

    def aliases() -> Iterator[tuple[Any, ...]]:
        for rows in stage.rows.values():
            for row in rows:
                for name in row.aliases:
                    yield ids[numbers[row.uid]], name

    # A citation's level when the file gives none: the same few pairs over and over.
    floor = lru_cache(maxsize=None)(highest)

    def citations() -> Iterator[tuple[Any, ...]]:
        for rows in stage.rows.values():
            for row in rows:
                record_id = ids[numbers[row.uid]]
                own = rank(row)
                for c in row.citations:
                    handling = levels[c[5]] if c[5] else floor(own, sources[c[0]])
                    yield (record_id, ids[numbers[c[0]]], c[1], c[2], c[3], c[4], handling, c[6])

    def kind_rows(kind: Kind, rows: list[Row]) -> Iterator[tuple[Any, ...]]:
        positions = [position for position, _, _ in kind.refs]
        for row in rows:
            values = list(row.values)
            for position in positions:
                if values[position] is not None:
                    values[position] = ids[numbers[values[position]]]
            if row.fields:
                for column in protected[row.uid]:
                    if column in kind.positions:
                        values[kind.positions[column]] = blank(column)
            yield (ids[numbers[row.uid]], *values)

    def link_rows(link: Link, which: int, rows: list[Row]) -> Iterator[tuple[Any, ...]]:
        for row in rows:
            owner = ids[numbers[row.uid]]
            for item in row.links[which]:
                if link.wanted:
                    yield (owner, ids[numbers[item[0]]], *item[1:])
                else:
                    yield (owner, *item)

    tables: dict[str, tuple[tuple[str, ...], Iterator[tuple[Any, ...]]]] = {
        "record": (_RECORD_COLUMNS, records()),
        "alias": (("record_id", "name"), aliases()),
        "citation": (
            (
                "record_id",
                "source_id",
                "excerpt",
                "locator",
                "stance",
                "credibility",
                "handling",
                "uid",
            ),
            citations(),
        ),
        "field_level": (("record_id", "field", "handling", "value"), field_rows()),
    }
    for list_name, rows in stage.rows.items():
        kind = KINDS[list_name]
        tables[kind.table] = (("id", *kind.columns), kind_rows(kind, rows))
        for which, link in enumerate(kind.links):
            tables[link.table] = ((link.owner, *link.columns), link_rows(link, which, rows))
    connection = session.connection()
    for table in Base.metadata.sorted_tables:
        if table.name in tables:
            columns, values = tables[table.name]
            _insert(connection, table, columns, values)
    if d.prepared_for is not None:
        dossier.prepared_for_id = ids[numbers[d.prepared_for]]
    session.flush()
    return dossier.id


def _record_ids(session: Session, count: int) -> Sequence[int]:
    """Ids for ``count`` new records, in increasing order.

    On SQLite, whose writers take turns, those after the highest. On a server, where two
    imports (or an import and someone adding a record) run at once, each is drawn from the
    record table's sequence, which never gives a number twice: reading the highest id
    and moving the sequence past the block after, two imports at once took the same ids.
    The draw is summed up on the server and usually gives one unbroken block; only when
    another writer drew numbers among ours is a second draw made, every number of it used.
    """
    if session.get_bind().dialect.name != "postgresql":
        first = int(session.scalar(select(func.max(Record.id))) or 0) + 1
        return range(first, first + count)
    if not count:
        return range(0)
    sequence = session.scalar(text("SELECT pg_get_serial_sequence('record', 'id')"))
    draw = "SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :count)"
    given = {"sequence": sequence, "count": count}
    low, high = session.execute(
        text(f"SELECT min(id), max(id) FROM ({draw}) AS drawn (id)"), given
    ).one()
    if high - low + 1 == count:
        return range(low, high + 1)
    return sorted(session.scalars(text(draw), given))


_BATCH = 10_000


def _insert(
    connection: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: Iterable[tuple[Any, ...]],
) -> None:
    """Insert ``rows`` (values in ``columns`` order) through the driver, in batches.

    Core's executemany builds a dictionary and runs every column's type processing for
    each row, which was most of an import's writing time. Here only the columns whose
    type converts values (dates to text, enums to their values) are touched, with the
    same conversions, so the stored values are those Core would store. The conversions
    remember recent values: dates, levels and kinds repeat from row to row.
    """
    dialect = connection.dialect
    statement = insert(table).compile(dialect=dialect, column_keys=list(columns))
    pick: Callable[[Sequence[Any]], Any]
    if statement.positional:
        # SQLite's driver takes parameters by position, in the order the statement lists them.
        pick = itemgetter(*(columns.index(name) for name in statement.positiontup or ()))
    else:
        # psycopg takes them by name: each column's own.
        def pick(values: Sequence[Any]) -> dict[str, Any]:
            return dict(zip(columns, values, strict=True))

    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for position, name in enumerate(columns):
        column_type = table.c[name].type
        process = column_type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            photos = isinstance(column_type, LargeBinary)  # too big to keep, and never repeat
            converters.append((position, process if photos else lru_cache(1024)(process)))
    if dialect.name == "postgresql" and not _row_security(connection, table):
        _copy(connection, table, columns, rows, converters)
        return
    batch: list[Any] = []
    for row in rows:
        if converters:
            values = list(row)
            for position, convert in converters:
                values[position] = convert(values[position])
            batch.append(pick(values))
        else:
            batch.append(pick(row))
        if len(batch) == _BATCH:
            connection.exec_driver_sql(statement.string, batch)
            batch = []
    if batch:
        connection.exec_driver_sql(statement.string, batch)


def _row_security(connection: Connection, table: Table) -> bool:
    """Whether row-level security applies to this login on ``table`` (a team server's
    staff, not its administrator), which PostgreSQL refuses COPY for."""
    return bool(
        connection.exec_driver_sql(
            "SELECT row_security_active(CAST(%(table)s AS regclass))", {"table": table.name}
        ).scalar()
    )


def _copy(
    connection: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: Iterable[tuple[Any, ...]],
    converters: list[tuple[int, Callable[[Any], Any]]],
) -> None:
    """The rows streamed with PostgreSQL's COPY, in the import's transaction.

    An INSERT a row, even pipelined, made writing the rows three times SQLite's time;
    COPY sends them as one stream and the server parses them in bulk. Triggers and column
    defaults apply as for an INSERT, and the values are converted the same way. A login
    under row-level security still inserts (PostgreSQL has no COPY that checks policies).
    """
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    driver = connection.connection.driver_connection
    assert driver is not None  # an open connection, in the session's transaction
    with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            if converters:
                values = list(row)
                for position, convert in converters:
                    values[position] = convert(values[position])
                copy.write_row(values)
            else:
                copy.write_row(row)


def _check_levels(session: Session, model: DossierFile) -> dict[str, int]:
    """Handling names to ranks. The file's scale must be the database's, or its lowest
    levels (a file for an audience stops at that audience's level); a database with no
    dossier yet takes the file's scale instead."""
    existing = levels(session)
    wanted = model.handling_levels
    if not starts_scale(rungs(wanted), rungs(existing)):
        if session.scalar(select(Dossier.id).limit(1)) is not None:
            raise ImportRefused(
                N_(
                    "the file's handling levels ({wanted}) differ from this database's "
                    "({existing}); a file's levels must be the database's or its lowest "
                    "ones, with the same ranks, names and markings"
                ),
                wanted=_scale_text(wanted),
                existing=_scale_text(existing),
                where="handling_levels",
            )
        for level in existing:
            session.delete(level)
        session.flush()
        session.add_all(
            HandlingLevel(
                rank=x.rank, name=x.name, marking=x.marking, name_ko=KOREAN_LEVEL_NAMES.get(x.name)
            )
            for x in wanted
        )
        session.flush()
    return {x.name: x.rank for x in wanted}


def _scale_text(scale: Iterable[LevelOut | HandlingLevel]) -> str:
    return ", ".join(f"{name} ({marking})" for _, name, marking in sorted(rungs(scale)))


@dataclass(frozen=True, slots=True)
class Imported:
    """A dossier just imported: its slug, and what the import raised to keep every child
    at or above its parents (say, an Internal brief of a Restricted event), one message
    each, for the person to be told."""

    slug: str
    messages: tuple[str, ...] = ()


def _write(store: Store, head: DossierFile, stage: Stage, slug: str | None) -> Imported:
    """Add the staged dossier in one transaction, its search index built in one pass."""
    slug = slug if slug is not None else head.dossier.slug
    with store.session() as session:
        if session.scalar(select(Dossier.id).where(Dossier.slug == slug)) is not None:
            raise ImportRefused(
                N_(
                    "the database already holds a dossier called {slug!r}; import it under "
                    "another name (--as NEW-SLUG) or delete the existing one "
                    "(briefing dossier delete {slug})"
                ),
                slug=slug,
                where="dossier.slug",
            )
        scale = _check_levels(session, head)
        with indexing.deferred(session):
            dossier_id = write_rows(stage, session, head, scale, slug)
        messages = enforce_floors(session, dossier_id)
        indexing.index_dossier(session, dossier_id)
        if head.revision is not None and head.audience is None:
            _known_revision(session, dossier_id, head.revision)
    store.refresh_statistics()
    return Imported(slug, tuple(messages))


def _known_revision(session: Session, dossier_id: int, uid: str) -> None:
    """A whole file's revision is kept as the dossier now holds it: the base against which
    a later file from the database that wrote it is merged."""
    if revisions.keeps_revisions(session):
        dossier = session.get_one(Dossier, dossier_id)
        revisions.keep(session, dossier, dossier_to_model(session, dossier), uid)


def import_model(store: Store, model: DossierFile, *, slug: str | None = None) -> Imported:
    """Add the dossier in ``model`` to the database in one transaction.

    The model is checked as a file's would be (ids, references, dates, levels), since a
    model built in code has only been through the schema."""
    with collector_paused():
        stage = Stage()
        for list_name in RECORD_LISTS:
            for index, record in enumerate(getattr(model, list_name)):
                stage.add(list_name, index, record)
        problem = stage.problem(model)
        if problem is not None:
            reason, path = problem
            raise ImportRefused(reason, where=dotted(path))
        return _write(store, model, stage, slug)


def import_file(store: Store, path: Path, *, slug: str | None = None) -> Imported:
    """Add the dossier in the file at ``path``.

    The file is read in chunks and each record is staged as compact rows as soon as it is
    validated, so memory follows the dossier's content rather than several copies of the
    file (bytes, text, JSON objects and models).
    """

    def text() -> str | None:
        """The whole text, read again only to put a line number on a refusal."""
        try:
            return path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    with collector_paused():
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise ImportRefused(
                N_("cannot read {name}: {reason}"), name=path, reason=exc.strerror or exc
            ) from exc
        with stream:
            head, stage = load(
                stream, os.fstat(stream.fileno()).st_size, str(path), text, keep=False
            )
        return _write(store, head, stage, slug)
