"""The exchange file's record lists hold the registry's fields, in its order, and no others.

The schema's models are still written by hand; this keeps them and the registry from
drifting apart: a field declared in the registry and missing from the file (or the other
way round) fails here, not on a user's import.
"""

from __future__ import annotations

import typing

import pytest

from briefing.domain.registry import KINDS, Kind
from briefing.store.exchange.schema import DossierFile, RecordOut


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
        and issubclass(typing.get_args(info.annotation)[0], RecordOut)
    ]
    assert sorted(record_lists) == sorted(kind.exchange for kind in KINDS)
