"""The few SQL spellings SQLite and PostgreSQL disagree on, written once for both.

The store's SQL is otherwise in the subset both databases share (``coalesce``, ``||``,
``substr``, ``replace``, ``CASE``, a newline written inside a string literal rather than
SQLite's ``char(10)`` or PostgreSQL's ``chr(10)``). What is left differs by name or by a
function one of them lacks, so it lives here in two forms:

- SQLAlchemy constructs that compile per dialect (``@compiles``), for queries built with
  Core: the SQLite spelling is the one the store always used, so SQLite runs the same SQL
  and gives the same bytes; PostgreSQL gets its own.
- Plain-text helpers taking the dialect's name, for statements written as text (search
  indexing, the checks' names, level floors), where a construct cannot reach.

Nothing here connects to a database, so the domain may use it (date formatting in SQL).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, cast, extract, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.type_api import TypeEngine
from sqlalchemy.sql.visitors import InternalTraversal

POSTGRESQL = "postgresql"


def _arguments(element: FunctionElement[Any]) -> list[ColumnElement[Any]]:
    return list(element.clauses)


class group_concat(FunctionElement[str]):  # noqa: N801 - named like the SQL it stands for
    """The values of a group joined by a separator, in no particular order (SQLite's
    ``group_concat(x, sep)``, PostgreSQL's ``string_agg(x, sep)``: same arguments)."""

    type = String()
    inherit_cache = True
    name = "group_concat"

    def __init__(self, value: Any, separator: str) -> None:
        super().__init__(value, literal(separator, String))


@compiles(group_concat)
def _group_concat(element: group_concat, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.group_concat(*_arguments(element)), **kw)


@compiles(group_concat, POSTGRESQL)
def _string_agg(element: group_concat, compiler: SQLCompiler, **kw: Any) -> str:
    value, separator = _arguments(element)
    return compiler.process(func.string_agg(cast(value, String), separator), **kw)


class json_list(FunctionElement[Any]):  # noqa: N801
    """The values of a group as a list, read back as one (a JSON array: SQLite's
    ``json_group_array(x)``, PostgreSQL's ``json_agg(x)``), so a page reads a record's
    names with its row instead of in a query of their own; none gives NULL or ``[]``.

    Aggregated from a subquery that orders its rows, they keep that order: SQLite never
    flattens an ordered subquery into an aggregate, and PostgreSQL aggregates its input
    in the order it comes."""

    type = JSON()
    inherit_cache = True
    name = "json_list"


@compiles(json_list)
def _json_group_array(element: json_list, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.json_group_array(*_arguments(element)), **kw)


@compiles(json_list, POSTGRESQL)
def _json_agg(element: json_list, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.json_agg(*_arguments(element)), **kw)


class greatest(FunctionElement[int]):  # noqa: N801
    """The largest of these non-NULL numbers: SQLite's scalar ``max(a, b)``, PostgreSQL's
    ``greatest(a, b)`` (its ``max`` is only the aggregate)."""

    type = Integer()
    inherit_cache = True


@compiles(greatest)
def _scalar_max(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.max(*_arguments(element)), **kw)


@compiles(greatest, POSTGRESQL)
def _greatest(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.greatest(*_arguments(element)), **kw)


class _DatePart(FunctionElement[int]):
    """A number read from a date: SQLite reads it with ``strftime``, PostgreSQL with
    ``extract``; both count weekdays from Sunday (0)."""

    type = Integer()
    inherit_cache = True
    strftime = ""
    field = ""

    def __init__(self, day: Any) -> None:
        super().__init__(day)


class day_of_month(_DatePart):  # noqa: N801
    inherit_cache = True
    strftime, field = "%d", "day"


class month_of(_DatePart):  # noqa: N801
    inherit_cache = True
    strftime, field = "%m", "month"


class weekday_of(_DatePart):  # noqa: N801
    """0 for Sunday to 6 for Saturday."""

    inherit_cache = True
    strftime, field = "%w", "dow"


@compiles(_DatePart)
def _strftime_part(element: _DatePart, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _arguments(element)
    return compiler.process(cast(func.strftime(element.strftime, day), Integer), **kw)


@compiles(_DatePart, POSTGRESQL)
def _extract_part(element: _DatePart, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _arguments(element)
    return compiler.process(cast(extract(element.field, day), Integer), **kw)


class year_text(FunctionElement[str]):  # noqa: N801
    """A date's year as four digits ("0999" too)."""

    type = String()
    inherit_cache = True

    def __init__(self, day: Any) -> None:
        super().__init__(day)


@compiles(year_text)
def _strftime_year(element: year_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.strftime("%Y", *_arguments(element)), **kw)


@compiles(year_text, POSTGRESQL)
def _to_char_year(element: year_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.to_char(*_arguments(element), "YYYY"), **kw)


class json_value(FunctionElement[Any]):  # noqa: N801
    """The value a JSON text holds (a JSON string without its quotes), as ``type_``.

    SQLite's ``json_extract(v, '$')`` keeps a number a number by itself; PostgreSQL's
    ``#>>`` gives text, cast to ``type_`` when that is not text, so a protected amount
    still combines (``coalesce``) with the amount column it stands in for."""

    inherit_cache = True
    _traverse_internals = [
        *FunctionElement._traverse_internals,
        ("type", InternalTraversal.dp_type),
    ]

    def __init__(self, stored: Any, type_: TypeEngine[Any] | None = None) -> None:
        super().__init__(stored)
        self.type = String() if type_ is None else type_


@compiles(json_value)
def _json_extract(element: json_value, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.json_extract(*_arguments(element), "$"), **kw)


@compiles(json_value, POSTGRESQL)
def _jsonb_text(element: json_value, compiler: SQLCompiler, **kw: Any) -> str:
    (stored,) = _arguments(element)
    value = f"(CAST({compiler.process(stored, **kw)} AS jsonb) #>> '{{}}')"
    if isinstance(element.type, String):
        return value
    return f"CAST({value} AS {compiler.dialect.type_compiler_instance.process(element.type)})"


class like_folded(FunctionElement[bool]):  # noqa: N801
    """``value LIKE pattern`` ignoring ASCII case, with ``\\`` escaping: SQLite's LIKE
    folds ASCII case by itself, PostgreSQL's needs ILIKE."""

    type = Boolean()
    inherit_cache = True

    def __init__(self, value: Any, pattern: str) -> None:
        super().__init__(value, literal(pattern, String))


@compiles(like_folded)
def _like(element: like_folded, compiler: SQLCompiler, **kw: Any) -> str:
    value, pattern = _arguments(element)
    return compiler.process(value.like(pattern, escape="\\"), **kw)


@compiles(like_folded, POSTGRESQL)
def _ilike(element: like_folded, compiler: SQLCompiler, **kw: Any) -> str:
    value, pattern = _arguments(element)
    return compiler.process(value.ilike(pattern, escape="\\"), **kw)


class folded_position(FunctionElement[int]):  # noqa: N801
    """Where an already case-folded ``needle`` starts in ``value`` folded (0 if nowhere).

    SQLite folds with the ``casefold`` function the store registers on each connection
    (Python's :meth:`str.casefold`); PostgreSQL with its own ``lower``, which agrees for
    every letter that folds to one letter ("Müller") but not for those that fold to two
    ("ß" → "ss"), which PostgreSQL then does not find."""

    type = Integer()
    inherit_cache = True

    def __init__(self, value: Any, needle: str) -> None:
        super().__init__(value, literal(needle, String))


@compiles(folded_position)
def _instr(element: folded_position, compiler: SQLCompiler, **kw: Any) -> str:
    value, needle = _arguments(element)
    return compiler.process(func.instr(func.casefold(value), needle), **kw)


@compiles(folded_position, POSTGRESQL)
def _strpos(element: folded_position, compiler: SQLCompiler, **kw: Any) -> str:
    value, needle = _arguments(element)
    return compiler.process(func.strpos(func.lower(value), needle), **kw)


class unindexed(FunctionElement[int]):  # noqa: N801
    """An integer column SQLite must not look up by its index: ``column + 0`` there.

    SQLite's planner has no statistics by default and takes any index on a compared column;
    for a column that selects nearly every row (a record's dossier) that index is the
    slowest way in. PostgreSQL's planner has statistics, and ``+ 0`` only hides from it
    how many rows match, so it guesses few and picks nested loops: it gets the column."""

    type = Integer()
    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)


@compiles(unindexed)
def _plus_zero(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = _arguments(element)
    return compiler.process(column + 0, **kw)


@compiles(unindexed, POSTGRESQL)
def _column_itself(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = _arguments(element)
    return compiler.process(column, **kw)


# Plain-text SQL, for statements written as text. The dialect is the engine's name
# (``session.get_bind().dialect.name``).

_GROUP_CONCAT = re.compile(r"\bgroup_concat\(", re.IGNORECASE)


def spelled(sql: str, dialect: str) -> str:
    """Text SQL written in SQLite's spelling, as ``dialect`` spells it.

    The registry's display names and search texts (:mod:`briefing.domain.registry`) are
    plain strings so that reading the registry loads no SQLAlchemy; they keep to the
    common subset except for aggregation, which they write ``group_concat(x, sep)``: the
    one spelling that differs there is the function's name, PostgreSQL's ``string_agg``
    taking the same two arguments, so a rename is all a statement needs.
    """
    if dialect != POSTGRESQL:
        return sql
    return _GROUP_CONCAT.sub("string_agg(", sql)


def greatest_sql(parts: list[str], dialect: str) -> str:
    """:class:`greatest` for statements written as text."""
    name = "greatest" if dialect == POSTGRESQL else "max"
    return f"{name}({', '.join(parts)})"


def ids_in_json(parameter: str, dialect: str) -> str:
    """A subquery of the integers a JSON array parameter holds: one parameter however many
    ids, so a statement compiles once for any batch."""
    if dialect == POSTGRESQL:
        elements = f"json_array_elements_text(CAST(:{parameter} AS json))"
        return f"(SELECT CAST(value AS integer) FROM {elements})"
    return f"(SELECT value FROM json_each(:{parameter}))"
