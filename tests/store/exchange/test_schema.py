"""The exchange file's record models are the registry's: its fields, in its order, no others.

The record models are built from the registry's declarations; a field declared there
reaches the file with its type, size and default, and nothing else need be written.
"""

from __future__ import annotations

import typing

import pytest
from pydantic import ValidationError

from briefing.domain.enums import EventStatus
from briefing.domain.registry import KINDS, Field, Kind
from briefing.store.exchange.schema import DossierFile, RecordOut, record_model


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_each_record_list_holds_the_registrys_fields(kind: Kind) -> None:
    (model,) = typing.get_args(DossierFile.model_fields[kind.exchange].annotation)
    assert issubclass(model, RecordOut)
    own = [name for name in model.model_fields if name not in RecordOut.model_fields]
    # a group of fields (a chip's value) is one object in the file
    fields = list(dict.fromkeys(field.exchange_name.split(".")[0] for field in kind.fields))
    links = [link.name for link in kind.links if link.name not in RecordOut.model_fields]
    assert [name for name in own if name not in links] == fields, "the registry's order"
    assert sorted(set(own) - set(fields)) == sorted(links)


def test_the_file_lists_every_kind() -> None:
    record_lists = [
        name
        for name, info in DossierFile.model_fields.items()
        if typing.get_origin(info.annotation) is list
        and isinstance(item := typing.get_args(info.annotation)[0], type)
        and issubclass(item, RecordOut)
    ]
    assert sorted(record_lists) == sorted(kind.exchange for kind in KINDS)


def test_a_kind_declared_in_the_registry_has_its_record_model() -> None:
    gadget = Kind(
        "gadget",
        "tests:Gadget",
        "Gadget",
        "Gadgets",
        (
            Field("name", "Name", required=True),
            Field("colour", "Colour", rule="colour", default="#000000"),
            Field("rating", "Rating", "spin", low=1, high=9, default=5),
            Field("owner_id", "Owner", "ref", exchange="owner", targets=("person",)),
            Field("seen_on", "Seen", "date"),
            Field("status", "Status", "choice", choices="EventStatus", default="HELD"),
            Field("note", "Note", size=20),
        ),
        exchange="gadgets",
        links=(Field("tags", "Tags", "lines", size=10),),
    )
    model = record_model("GadgetOut", gadget)
    read = model.model_validate({"id": "g1", "name": "Widget"})
    assert [name for name in model.model_fields if name not in RecordOut.model_fields] == [
        "name",
        "colour",
        "rating",
        "owner",
        "seen_on",
        "status",
        "note",
        "tags",
    ]
    assert (read.colour, read.rating, read.owner, read.seen_on, read.status, read.note) == (
        "#000000",
        5,
        None,
        None,
        EventStatus.HELD,
        "",
    )
    assert read.tags == []
    for wrong in (
        {"name": ""},
        {"note": "x" * 21},
        {"rating": 10},
        {"colour": "red"},
        {"tags": ["x" * 11]},
        {"weight": 1},
    ):
        with pytest.raises(ValidationError):
            model.model_validate({"id": "g1", "name": "Widget", **wrong})
