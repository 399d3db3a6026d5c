"""The kind registry agrees with the ORM models, and reading it loads neither."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import inspect

from briefing.domain import Base, Record
from briefing.domain.registry import KINDS, kind_of, label_of, model_of


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_is_a_model_and_every_field_one_of_its_columns(kind: object) -> None:
    from briefing.domain.registry import Kind

    assert isinstance(kind, Kind)
    model = model_of(kind)
    assert issubclass(model, Record)
    mapper = inspect(model)
    assert mapper.polymorphic_identity == kind.name
    table = Base.metadata.tables[kind.name]
    assert model.__table__ is table
    own = [c.name for c in table.columns if c.name not in ("id", kind.position)]
    declared = [f.name for f in kind.fields]
    assert declared == own, "the declaration lists the table's own columns, in its order"
    assert not kind.position or kind.position in table.columns


def test_every_record_model_is_declared() -> None:
    identities = {
        mapper.polymorphic_identity
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Record) and mapper.class_ is not Record
    }
    assert identities == {kind.name for kind in KINDS}


def test_groups_are_protected_together() -> None:
    for kind in KINDS:
        for field in kind.fields:
            if field.group:
                assert field.protected
                assert kind.field(field.group).group == field.group


def test_names_and_labels() -> None:
    assert kind_of("meeting_brief").label == "Meeting brief"
    assert label_of("meeting_brief") == "Meeting brief"
    assert label_of("something else") == "something else"
    with pytest.raises(KeyError):
        kind_of("something else")
    assert len({k.exchange for k in KINDS}) == len(KINDS)


def test_reading_the_registry_loads_neither_sqlalchemy_nor_the_models() -> None:
    code = (
        "import sys; import briefing.domain.registry as r; r.KINDS[0].fields;"
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy')"
        " or m.startswith('briefing.domain.') and m != 'briefing.domain.registry'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
