"""The kind registry agrees with the ORM models, and reading it loads neither."""

from __future__ import annotations

import enum
import subprocess
import sys

import pytest
from sqlalchemy import inspect, text

from briefing.domain import Base, Record, enums
from briefing.domain.registry import KINDS, kind_of, label_of, model_of
from briefing.store.db.database import Store


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


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_declared_default_is_its_columns(kind: object) -> None:
    """A file that leaves a field out imports as a record made in the app would be."""
    from briefing.domain.registry import Kind

    assert isinstance(kind, Kind)
    table = Base.metadata.tables[kind.name]
    for field in kind.fields:
        column_default = table.c[field.name].default
        if field.default is None:
            assert column_default is None or column_default.arg in ("", None), field.name
            continue
        declared = getattr(enums, field.choices)[field.default] if field.choices else field.default
        assert column_default is not None and column_default.arg == declared, field.name


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
        " or m.startswith('briefing.domain.')"
        " and m not in ('briefing.domain.registry', 'briefing.domain.declarations',"
        " 'briefing.domain.names')))"  # the composed names' words: plain strings
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_pages_and_sections_named_are_the_windows_and_the_books() -> None:
    from briefing.book.options import SECTION_TITLES
    from briefing.ui.main_window import PAGE_TITLES

    assert {k.page for k in KINDS if k.page} <= set(PAGE_TITLES)
    assert {k.section for k in KINDS if k.section} <= set(SECTION_TITLES)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_form_shows_every_editable_field_and_link_once(kind: object) -> None:
    from briefing.domain.registry import Kind

    assert isinstance(kind, Kind)
    shown = [f.name for f in kind.form_fields()]
    editable = {f.name for f in (*kind.fields, *kind.links) if f.editable}
    assert sorted(shown) == sorted(editable)
    for field in kind.form_fields():
        assert all(target in {k.name for k in KINDS} for target in field.targets)
        assert (field.widget in ("ref", "refs")) == bool(field.targets)
        assert (field.widget == "choice") == bool(field.choices)
        assert not field.choices or issubclass(getattr(enums, field.choices), enum.Enum)


def test_the_sql_display_name_is_the_models(store: Store) -> None:
    """Search and lists show a record by its display name in SQL; it reads as the model's."""
    with store.session() as session:
        for kind in KINDS:
            rows = session.execute(
                text(
                    f"SELECT t.id, {kind.title_sql} FROM {kind.name} AS t {kind.joins} "
                    "ORDER BY t.id"
                )
            ).all()
            assert rows or kind.name == "party", f"the sample has no {kind.name}"
            for record_id, title in rows:
                record = session.get_one(Record, record_id)
                assert title == record.display_name, (kind.name, record_id)
