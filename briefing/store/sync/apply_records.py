"""Whole records and their single values, as a merge's operations write them.

The writer knows the records of one dossier by uid, as an audience at its level sees
them; an exchange file's value becomes a column's through the file's own schema (an enum
from its text, a date from ISO, a reference from a uid the writer sees), and a protected
field is written only when the writer may see it where it is handled.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any, get_args

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from briefing.domain import Base, Dossier, Record
from briefing.domain.fields import protected_fields
from briefing.domain.references import referenced, text_fields
from briefing.domain.registry import Field, kind_of
from briefing.domain.words import field_word, kind_word
from briefing.errors import N_, BriefingError, NotSaved, Phrase
from briefing.store.edits import (
    delete_record,
    dependents,
    keeps_prepared_for,
    referrers,
    write_fields,
)
from briefing.store.exchange.problems import schema_problem
from briefing.store.exchange.schema import DossierFile
from briefing.store.references import withheld_from
from briefing.store.sync.operations import DeleteRecord
from briefing.store.sync.spec import Json
from briefing.store.visibility import (
    cleared,
    field_level,
    levels,
    same_level,
    stored,
    visible,
    visible_row,
)

_RECORD = Base.metadata.tables["record"]

ITEMS = ("aliases", "citations", "sectors", "participants", "events", "members")
"""Fields holding collections, written by :mod:`briefing.store.sync.apply_items`."""


class Refusal(Exception):
    """An operation the writer may not carry out. ``phrase`` says why, in one line: a
    message marked for the catalogue and its arguments, said in the reader's language
    wherever the refusal is shown (a kept conflict, a settling refused); ``str()`` is the
    English."""

    def __init__(self, message: str, /, **arguments: object) -> None:
        self.phrase = Phrase(message, **arguments)
        super().__init__(str(self.phrase))


NOT_SEEN = N_("{uid} is not in the dossier as you may see it")
ALREADY_HIDDEN = N_("{uid} is already in the dossier, above your clearance")
"""A new record over a uid the dossier holds where the writer cannot see it."""
ABOVE_FIELD = N_("{uid}: {field} is handled above your clearance")


def said_as(error: BriefingError) -> Phrase:
    """A refusal of the store's as a phrase, said in the reader's language as it is."""
    return (
        Phrase(error.template, **error.arguments)
        if error.template
        else Phrase("{text}", text=str(error))
    )


def _listed(kinds: tuple[str, ...]) -> Phrase:
    """Kinds named one after another, each in the reader's words."""
    words = {f"kind{at}": kind_word(kind) for at, kind in enumerate(kinds)}
    return Phrase(", ".join(f"{{{name}}}" for name in words), **words)


@cache
def _declared(kind: str) -> dict[str, Field]:
    """A kind's fields by their name in the exchange file ("party", "value.amount")."""
    return {field.exchange_name: field for field in kind_of(kind).fields}


@cache
def _adapter(kind: str, name: str) -> TypeAdapter[Any]:
    """What checks a file's value of field ``name`` (dotted for an object's entry) and
    gives the Python value (an enum, a date) its column takes."""
    (model,) = get_args(DossierFile.model_fields[kind_of(kind).exchange].annotation)
    head, _, part = name.partition(".")
    info = model.model_fields[head]
    if part:
        info = info.annotation.model_fields[part]
    return TypeAdapter(info.rebuild_annotation())


class Writer:
    """One dossier written by someone cleared to ``level``, and what it has changed."""

    def __init__(
        self, session: Session, dossier: Dossier, level: int, *, carried: bool = False
    ) -> None:
        self.session = session
        self.carried = carried
        self.dossier = dossier
        self.level = level
        self.ranks = {x.name: x.rank for x in levels(session)}
        self.changed: set[int] = set()
        self.created: set[int] = set()
        self.deleted: set[int] = set()
        self.claimed: set[int] = set()
        """Records a delete already counted a save of (a delegation it took a member
        from): saved once, whatever else the list changes in them."""
        self.known: dict[str, tuple[int, Record]] = {}
        """Records looked up so far, by uid: an operation list names few, often."""

    def record(self, uid: str, kinds: tuple[str, ...] = ()) -> Record:
        """The record ``uid`` names, if the writer sees it (and it is of one of ``kinds``)."""
        record_id, found = self.known.get(uid, (None, None))
        if record_id in self.deleted:  # the object is gone with its row: not to be read
            raise Refusal(NOT_SEEN, uid=uid)
        if found is None:
            found = self.session.scalars(
                select(Record).where(
                    Record.dossier_id == self.dossier.id,
                    Record.uid == uid,
                    visible(Record, self.level),
                )
            ).one_or_none()
        if found is None:
            raise Refusal(NOT_SEEN, uid=uid)
        if kinds and found.kind not in kinds:
            raise Refusal(
                N_("{uid} is a record of kind {kind}, not {kinds}"),
                uid=uid,
                kind=kind_word(found.kind),
                kinds=_listed(kinds),
            )
        self.known[uid] = (found.id, found)
        return found

    def ref(self, uid: str | None, kinds: tuple[str, ...]) -> int | None:
        return None if uid is None else self.record(uid, kinds).id

    def rank(self, name: str | None, what: str | Phrase) -> int:
        """The rank of level ``name``, refused above the writer's clearance."""
        if name not in self.ranks:
            raise Refusal(N_("{what}: no handling level called {name}"), what=what, name=repr(name))
        rank = self.ranks[name]
        if not cleared(rank, self.level):
            raise Refusal(
                N_("{what} would be handled at {name}, above your clearance"), what=what, name=name
            )
        return rank

    def name_of(self, rank: int) -> str:
        return next(name for name, known in self.ranks.items() if same_level(known, rank))

    def unheld(self, uid: str) -> None:
        """Refuse a new record whose uid the dossier already holds (above the writer's
        clearance or not: a record is never created over another)."""
        taken = self.session.scalar(
            select(_RECORD.c.handling).where(
                _RECORD.c.dossier_id == self.dossier.id, _RECORD.c.uid == uid
            )
        )
        if taken is not None:
            if cleared(taken, self.level):
                raise Refusal(N_("{uid} is already in the dossier"), uid=uid)
            raise Refusal(ALREADY_HIDDEN, uid=uid)

    def may_see(self, record: Record, column: str, uid: str) -> None:
        """Refuse writing ``column`` when it is handled above the writer's clearance."""
        if column in protected_fields(record.kind) and not cleared(
            field_level(record, column), self.level
        ):
            raise Refusal(ABOVE_FIELD, uid=uid, field=field_word(record.kind, column))

    def keeps_hidden_references(self, record: Record, column: str, new: Any) -> None:
        """Refuse a text that leaves out a reference (``[[UID]]``) to a source above the
        writer: the writer's copy never held it, so its text is silent on it, and saving
        that text would delete what the writer was not allowed to see."""
        if column not in text_fields(record.kind) or not isinstance(new, str):
            return
        now = stored(record, column)
        dropped = set(referenced(now if isinstance(now, str) else "")) - set(referenced(new))
        if dropped and withheld_from(self.session, self.dossier.id, self.level, dropped):
            raise Refusal(
                N_(
                    "{uid}: {field} cites a source above your clearance, which your text "
                    "cannot keep; someone cleared for it must make this change"
                ),
                uid=record.uid,
                field=field_word(record.kind, column),
            )

    def columns(self, kind: str, fields: Mapping[str, Json], uid: str) -> dict[str, Any]:
        """The column values of an exchange record's single values ("value" as its parts)."""
        values: dict[str, Any] = {}
        declared = _declared(kind)
        for name, value in fields.items():
            if name == "handling":
                values[name] = self.rank(value, uid)
            elif name == "created_at":
                values[name] = dt.datetime.fromisoformat(value)
            elif name == "notes":
                values[name] = value
            elif name in declared:
                values[declared[name].name] = self.value(kind, name, value, uid)
            elif isinstance(value, Mapping) and all(f"{name}.{k}" in declared for k in value):
                for key, part in value.items():
                    dotted = f"{name}.{key}"
                    values[declared[dotted].name] = self.value(kind, dotted, part, uid)
            elif name != "updated_at":  # written by the store on every save
                raise Refusal(
                    N_("{uid}: a record of kind {kind} has no single value {name}"),
                    uid=uid,
                    kind=kind_word(kind),
                    name=repr(name),
                )
        return values

    def value(self, kind: str, name: str, value: Json, uid: str) -> Any:
        """A file's value of ``name`` as its column holds it."""
        declared = _declared(kind)[name]
        try:
            checked = _adapter(kind, name).validate_python(value)
        except ValidationError as exc:
            raise Refusal(
                N_("{uid}: {field} cannot be {value} ({problem})"),
                uid=uid,
                field=field_word(kind, name),
                value=repr(value),
                problem=schema_problem(exc.errors()[0]),
            ) from exc
        if declared.targets:
            return self.ref(checked, declared.targets)
        if declared.storage == "bytes" and checked is not None:
            return base64.b64decode(checked)
        return checked

    def write(self, record: Record, fields: Mapping[str, Json]) -> None:
        """Write single values of ``record`` (an object's entry as "value.amount")."""
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name in ITEMS or name == "field_handling":
                raise Refusal(
                    N_("{uid}: {field} is not a single value"),
                    uid=record.uid,
                    field=field_word(record.kind, name),
                )
            head, _, part = name.partition(".")
            single = {head: {part: value}} if part else {name: value}
            values.update(self.columns(record.kind, single, record.uid))
        for column in values:
            self.may_see(record, column, record.uid)
            self.keeps_hidden_references(record, column, values[column])
        write_fields(self.session, record, values)
        self.changed.add(record.id)


def delete(writer: Writer, operation: DeleteRecord) -> None:
    """Delete a record, unless the delete would take anything the writer cannot see."""
    record_id = writer.record(operation.uid).id
    writer.session.flush()  # what the delete would take includes what this list changed
    snapshot = dependents(writer.session, record_id)
    doomed = set(snapshot.record_ids)
    owners: set[int] = set()
    for name, row in snapshot.rows:
        if "handling" in row and not cleared(row["handling"], writer.level):
            raise Refusal(
                N_("{uid}: deleting it would remove what you may not see"), uid=operation.uid
            )
        owners |= _records_named(Base.metadata.tables[name], row)
    for name, key, _column, _old in snapshot.cleared:
        owners |= _records_named(Base.metadata.tables[name], key)
    hidden = writer.session.scalar(
        select(_RECORD.c.id)
        .where(_RECORD.c.id.in_(sorted(owners - doomed)), ~visible_row(_RECORD, writer.level))
        .limit(1)
    )
    if hidden is not None:
        raise Refusal(
            N_("{uid}: deleting it would change a record you may not see"), uid=operation.uid
        )
    if not writer.carried:
        try:
            keeps_prepared_for(writer.session, snapshot)
        except NotSaved as refused:
            raise Refusal(
                N_("{uid}: {reason}"), uid=operation.uid, reason=said_as(refused)
            ) from refused
    snapshot = delete_record(writer.session, record_id, saves_referrers=not writer.carried)
    if not writer.carried:
        writer.claimed |= referrers(snapshot)
    writer.deleted |= doomed  # the record and the records it took with it (a brief, say)


def _is_record(table: Table) -> bool:
    """The record table, or a kind's own table (its primary key is a record's id)."""
    if table is _RECORD:
        return True
    key = list(table.primary_key.columns)
    return len(key) == 1 and any(fk.column.table is _RECORD for fk in key[0].foreign_keys)


def _records_named(table: Table, row: Mapping[str, Any]) -> set[int]:
    """The records a row is part of or names: its own (a kind's table), and every record
    its foreign keys point to (a member's delegation and person, a citation's record)."""
    named = {
        row[fk.parent.name]
        for fk in table.foreign_keys
        if _is_record(fk.column.table) and row.get(fk.parent.name) is not None
    }
    if _is_record(table) and "id" in row:
        named.add(row["id"])
    return named
