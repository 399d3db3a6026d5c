"""What each field of a record is to the merge, declared once per kind.

A record's state is what the dossier exchange file holds for it, so the merge reads the
file's shapes: a scalar is replaced whole, an object (a chip's ``value``, a record's
``field_handling``) merges entry by entry, a set (aliases, sectors, linked records)
merges as additions and removals, keyed items (citations) merge as a set whose items
merge field by field, and ordered keyed items (a delegation's members) do the same and
also merge their order. Declaring this per kind keeps the engine free of the format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum, StrEnum
from typing import Any, Final, TypeAlias

from briefing.domain.registry import KINDS, Field, Kind, model_of
from briefing.domain.words import DOSSIER_FIELDS

Json: TypeAlias = Any
"""A JSON value as the exchange file holds it (the merge compares values, never reads them)."""


class Missing(Enum):
    """A value a state does not hold: an object's absent entry, an item's absent field."""

    MISSING = "missing"

    def __bool__(self) -> bool:
        """Falsy, like the empty value it stands for (``value or ()``)."""
        return False


MISSING: Final = Missing.MISSING


class Shape(StrEnum):
    SCALAR = "scalar"
    OBJECT = "object"
    SET = "set"
    KEYED = "keyed"
    ORDERED = "ordered-keyed"
    STAMP = "stamp"
    """Written by the store, not by people: on every change (``updated_at``), which both
    sides change on any edit, or once when the record is made (``created_at``), which two
    databases that took in one dossier separately hold differently. Merging either would
    make conflicts nobody can decide."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    shape: Shape
    key: str = ""
    """For keyed and ordered items: the item's field holding its stable key."""
    names: bool = False
    """Whether the value (a reference) or each item's key (a link) is a record's uid: a
    side that deleted that record cannot take a change naming it."""
    naming: str = ""
    """For keyed items: the item's field holding a record's uid (a citation's source),
    which a side that deleted that record cannot take either."""
    needs: bool = False
    """Whether the record goes with the one it names (a delegation with its party): the
    store deletes it then, rather than clearing the reference."""


SCALAR: Final = FieldSpec(Shape.SCALAR)


@dataclass(frozen=True, slots=True)
class MergeSpec:
    """Fields by kind; a field not declared is a scalar, so a new column merges safely."""

    kinds: Mapping[str, Mapping[str, FieldSpec]] = field(default_factory=dict)

    def of(self, kind: str, name: str) -> FieldSpec:
        return self.kinds.get(kind, {}).get(name, SCALAR)


@dataclass(frozen=True, slots=True)
class Record:
    """One record's state on one side: its kind and its fields as the exchange file has them.

    A field the state leaves out is one that side does not hold (withheld above its
    clearance, or never sent): the merge takes it as unchanged there, never as blank.
    """

    kind: str
    fields: Mapping[str, Json]


DOSSIER: Final = "the dossier"
"""The uid under which the dossier's own fields (its title, subtitle, scene-setter, whom
it is prepared for, its dates and home zone) take part in a merge, as a record of kind
:data:`DOSSIER_KIND`: so they merge, conflict and are settled as a record's fields do,
by the same engine. A record's uid holds no space, so none is ever taken for it."""

DOSSIER_KIND: Final = "dossier"

OWN_FIELDS: Final = tuple(DOSSIER_FIELDS)
"""The dossier's own fields that merge: those :data:`~briefing.domain.words.DOSSIER_FIELDS`
names (and labels, for a conflict on one). Its slug names it and is no field of it; its
default level is an administrator's to lower and moves every text without a level of its
own, which is no change a traveller's copy (whose scale stops at the traveller) can make."""


_COMMON: Final[dict[str, FieldSpec]] = {
    "aliases": FieldSpec(Shape.SET),
    "citations": FieldSpec(Shape.KEYED, key="id", naming="source"),
    "field_handling": FieldSpec(Shape.OBJECT),
    "updated_at": FieldSpec(Shape.STAMP),
    "created_at": FieldSpec(Shape.STAMP),
}
_ORDERED: Final[dict[str, FieldSpec]] = {"members": FieldSpec(Shape.ORDERED, key="person")}


def _needs(kind: Kind, declared: Field) -> bool:
    """Whether the column of a reference deletes its record with the record it names."""
    column = model_of(kind).__table__.c[declared.name]
    return any(key.ondelete == "CASCADE" for key in column.foreign_keys)


def _exchange_spec() -> MergeSpec:
    kinds: dict[str, dict[str, FieldSpec]] = {}
    for kind in KINDS:
        fields = dict(_COMMON)
        for declared in kind.fields:
            head, _, part = declared.exchange_name.partition(".")
            if part:
                fields[head] = FieldSpec(Shape.OBJECT)
            elif declared.targets:
                fields[head] = FieldSpec(Shape.SCALAR, names=True, needs=_needs(kind, declared))
        for link in kind.links:
            shaped = _ORDERED.get(link.name, FieldSpec(Shape.SET))
            fields.setdefault(link.name, replace(shaped, names=bool(link.targets)))
        kinds[kind.name] = fields
    kinds[DOSSIER_KIND] = {"prepared_for": FieldSpec(Shape.SCALAR, names=True)}
    return MergeSpec(kinds)


EXCHANGE_SPEC: Final = _exchange_spec()
"""The exchange format's kinds, as the registry declares them."""
