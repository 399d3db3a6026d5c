"""``briefing dossier merge``: two laptops' dossier files met on a memory stick (issue 16).

Laptop A writes the dossier whole; laptop B takes the file in; both work; each later file
names the revisions it descends from, and the newest one both know is the merge's base.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from briefing.domain import Person, Record
from briefing.errors import BriefingError
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.edits import change_record, create_record, delete_record
from briefing.store.exchange.export import export_dossier, export_file
from briefing.store.exchange.writing import import_file
from briefing.store.sync.conflicts import listed, settle
from briefing.store.sync.files import merge_file
from briefing.store.sync.spec import DOSSIER
from tests.builders import document, load
from tests.cli.test_server import run

PEOPLE = [
    {"id": "person:ahn", "name": "Ahn Duk-geun", "party": "party:a", "bio": "Minister"},
    {"id": "person:kim", "name": "Kim Jung-kwan", "party": "party:a"},
    {"id": "person:yeo", "name": "Yeo Han-koo", "party": "party:b"},
]
TOP = 3  # Restricted: a whole file is the staff's


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Store, Store, Path]]:
    """A holding the dossier, B holding A's first whole file of it, and that file."""
    a = open_store(tmp_path / "a.sqlite3", seed_sample=False)
    b = open_store(tmp_path / "b.sqlite3", seed_sample=False)
    load(a, document("talks", people=PEOPLE))
    first = tmp_path / "first.json"
    export_file(a, "talks", first)
    import_file(b, first)
    yield a, b, tmp_path
    a.close()
    b.close()


def edit(store: Store, uid: str, values: dict[str, Any]) -> None:
    with store.session() as session:
        record_id = session.scalars(select(Record.id).where(Record.uid == uid)).one()
        change_record(session, record_id, values)


def value(store: Store, uid: str, name: str) -> Any:
    with store.session() as session:
        return getattr(session.scalars(select(Record).where(Record.uid == uid)).one(), name)


def test_a_whole_file_names_its_revision_and_the_ones_it_descends_from(
    laptops: tuple[Store, Store, Path],
) -> None:
    a, _, folder = laptops
    first = json.loads((folder / "first.json").read_text())
    assert "bases" not in first and len(first["revision"]) == 36  # A's first: no ancestors
    export_file(a, "talks", folder / "again.json")  # unchanged: the same revision, the same file
    assert (folder / "again.json").read_bytes() == (folder / "first.json").read_bytes()
    edit(a, "person:kim", {"bio": "Deputy"})
    export_file(a, "talks", folder / "second.json")
    second = json.loads((folder / "second.json").read_text())
    assert second["bases"] == [first["revision"]] and second["revision"] != first["revision"]
    export_file(a, "talks", folder / "audience.json", audience=1)
    assert "revision" not in json.loads((folder / "audience.json").read_text())


def test_changes_on_both_laptops_meet_against_their_common_base(
    laptops: tuple[Store, Store, Path],
) -> None:
    a, b, folder = laptops
    edit(a, "person:ahn", {"name": "An Deok-geun"})
    edit(b, "person:ahn", {"bio": "Minister of trade"})
    edit(b, "person:yeo", {"name": "Yeo Han-goo"})
    export_file(a, "talks", folder / "from-a.json")
    merged = merge_file(b, folder / "from-a.json")
    assert (merged.slug, merged.taken, merged.conflicts, merged.based) == ("talks", 1, 0, True)
    assert value(b, "person:ahn", "name") == "An Deok-geun"
    assert value(b, "person:ahn", "bio") == "Minister of trade"
    assert value(b, "person:yeo", "name") == "Yeo Han-goo"  # B's own, not A's old one
    # B's file goes back: A takes B's changes, and has nothing of its own to lose.
    export_file(b, "talks", folder / "from-b.json")
    back = merge_file(a, folder / "from-b.json")
    assert (back.taken, back.conflicts, back.based) == (2, 0, True)
    assert export_dossier(a, "talks") == export_dossier(b, "talks")


def test_a_change_taken_from_a_file_keeps_the_files_time_of_it(
    laptops: tuple[Store, Store, Path],
) -> None:
    """The laptop taking a file's change takes the file's stamps with it rather than its
    own clock's: else the file sent back leaves the two laptops' files differing by the
    time between their saves."""
    a, b, folder = laptops
    edit(a, "person:ahn", {"name": "An Deok-geun"})
    with a.session() as session:  # saved on A a while before B takes it
        session.execute(
            update(Record)
            .where(Record.uid == "person:ahn")
            .values(updated_at=dt.datetime(2026, 1, 2, 3, 4, 5))
        )
    export_file(a, "talks", folder / "from-a.json")
    merged = merge_file(b, folder / "from-a.json")
    assert (merged.taken, merged.conflicts) == (1, 0)
    assert value(b, "person:ahn", "name") == "An Deok-geun"
    for stamp in ("created_at", "updated_at"):
        assert value(b, "person:ahn", stamp) == value(a, "person:ahn", stamp)


def test_one_field_changed_differently_on_both_is_a_conflict_until_settled(
    laptops: tuple[Store, Store, Path],
) -> None:
    a, b, folder = laptops
    edit(a, "person:kim", {"name": "Kim Jeong-gwan"})
    edit(b, "person:kim", {"name": "Kim J.-k."})
    export_file(a, "talks", folder / "from-a.json")
    assert merge_file(b, folder / "from-a.json").conflicts == 1
    assert value(b, "person:kim", "name") == "Kim J.-k."  # nothing overwritten
    with b.session() as session:
        (kept,) = listed(session)
        assert (kept.conflict.ours, kept.conflict.theirs) == ("Kim J.-k.", "Kim Jeong-gwan")
        settle(session, kept.id, "theirs", TOP)
    assert value(b, "person:kim", "name") == "Kim Jeong-gwan"
    with b.session() as session:
        assert listed(session) == []


def test_without_a_common_base_every_differing_field_is_a_conflict(tmp_path: Path) -> None:
    a = open_store(tmp_path / "a.sqlite3", seed_sample=False)
    c = open_store(tmp_path / "c.sqlite3", seed_sample=False)
    with a, c:
        load(a, document("talks", people=PEOPLE))
        load(c, document("talks", people=PEOPLE[:2]))  # the same dossier, met elsewhere
        edit(a, "person:ahn", {"name": "An Deok-geun"})
        edit(c, "person:kim", {"bio": "Deputy"})
        export_file(a, "talks", tmp_path / "from-a.json")
        merged = merge_file(c, tmp_path / "from-a.json")
        assert not merged.based
        with c.session() as session:
            places = sorted((k.conflict.uid, k.conflict.field) for k in listed(session))
        assert places == [("person:ahn", "name"), ("person:kim", "bio")]
        assert value(c, "person:ahn", "name") == "Ahn Duk-geun"
        assert value(c, "person:yeo", "name") == "Yeo Han-koo"  # only in the file: added


def test_an_audience_file_is_refused_and_nothing_changes(
    laptops: tuple[Store, Store, Path],
) -> None:
    a, b, folder = laptops
    edit(a, "person:ahn", {"name": "An Deok-geun"})
    export_file(a, "talks", folder / "internal.json", audience=1)
    before = export_dossier(b, "talks")
    with pytest.raises(BriefingError, match="written for the Internal audience"):
        merge_file(b, folder / "internal.json")
    assert export_dossier(b, "talks") == before


def test_the_command_line_merges_lists_and_settles(
    laptops: tuple[Store, Store, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, folder = laptops
    edit(a, "person:kim", {"name": "Kim Jeong-gwan"})
    edit(b, "person:kim", {"name": "Kim J.-k."})
    export_file(a, "talks", folder / "from-a.json")
    db = ["--db", str(folder / "b.sqlite3")]
    code, out, err = run(capsys, *db, "dossier", "merge", str(folder / "from-a.json"))
    assert (code, err) == (0, ""), err
    assert "took 0 change(s), 1 conflict(s) kept" in out
    code, out, _ = run(capsys, *db, "dossier", "conflicts")
    assert "person:kim · Name (romanized) (edit/edit)" in out and "mine:   Kim J.-k." in out
    code, korean, _ = run(capsys, "--language", "ko", *db, "dossier", "conflicts")
    assert "person:kim · 이름(로마자) (수정/수정)" in korean and "edit/edit" not in korean
    assert run(capsys, *db, "dossier", "settle", "1", "--mine")[0] == 0
    assert run(capsys, *db, "dossier", "conflicts")[1] == "no conflicts\n"
    assert value(b, "person:kim", "name") == "Kim J.-k."


def party_of(store: Store, uid: str) -> str | None:
    with store.session() as session:
        person = session.scalars(select(Record).where(Record.uid == uid)).one()
        party = person.party  # type: ignore[attr-defined]
        return None if party is None else str(party.uid)


@pytest.mark.parametrize("for_the_delete", [True, False])
def test_the_files_changes_naming_a_record_deleted_here_are_taken_once_it_is_settled(
    laptops: tuple[Store, Store, Path], for_the_delete: bool
) -> None:
    """A person moved into a party B deleted, and a person made in it, wait behind the
    deletion's conflict; settled for the party, B takes both as the file has them;
    settled for the delete, B takes them without the party, as the delete leaves them on
    A's side when B's file goes back. Nothing is lost that was not in the conflict."""
    a, b, folder = laptops
    edit(a, "person:kim", {"party_id": value(a, "party:b", "id")})
    with a.session() as session:
        dossier = session.scalars(select(Record.dossier_id)).first()
        assert dossier is not None
        create_record(
            session,
            Person,
            dossier,
            "person:new",
            {"name": "New", "party_id": value(a, "party:b", "id")},
        )
    with b.session() as session:
        delete_record(session, value(b, "party:b", "id"))
    export_file(a, "talks", folder / "from-a.json")
    merged = merge_file(b, folder / "from-a.json")
    assert merged.conflicts == 1
    assert party_of(b, "person:kim") == "party:a"  # held back, not lost
    with b.session() as session:
        (kept,) = listed(session)
        assert (kept.conflict.uid, kept.conflict.field) == ("party:b", None)
        settle(session, kept.id, "ours" if for_the_delete else "theirs", TOP)
    expected = None if for_the_delete else "party:b"
    assert party_of(b, "person:kim") == party_of(b, "person:new") == expected
    export_file(b, "talks", folder / "from-b.json")
    back = merge_file(a, folder / "from-b.json")
    assert back.conflicts == 0
    assert party_of(a, "person:kim") == party_of(a, "person:new") == expected


def _own(store: Store, **values: Any) -> None:
    with store.session() as session:
        dossier = find_dossier(session, "talks")
        for name, given in values.items():
            setattr(dossier, name, given)


def test_the_dossiers_own_fields_merge_as_a_records_do(
    laptops: tuple[Store, Store, Path],
) -> None:
    """A title changed on one laptop and a scene-setter on the other both arrive; a
    subtitle changed differently on both is a conflict, settled for either."""
    a, b, folder = laptops
    _own(a, title="Talks in Geneva", subtitle="A's round")
    _own(b, scene_setter="Set on B", scene_handling=2, subtitle="B's round")
    export_file(a, "talks", folder / "from-a.json")
    merged = merge_file(b, folder / "from-a.json")
    assert (merged.taken, merged.conflicts, merged.based) == (1, 1, True)
    with b.session() as session:
        dossier = find_dossier(session, "talks")
        assert (dossier.title, dossier.subtitle, dossier.scene_setter) == (
            "Talks in Geneva",
            "B's round",
            "Set on B",
        )
        (kept,) = listed(session)
        assert (kept.conflict.uid, kept.conflict.field) == (DOSSIER, "subtitle")
        assert (kept.conflict.ours, kept.conflict.theirs) == ("B's round", "A's round")
        settle(session, kept.id, "theirs", TOP)
    export_file(b, "talks", folder / "from-b.json")
    back = merge_file(a, folder / "from-b.json")
    assert (back.conflicts, back.based) == (0, True)
    assert export_dossier(a, "talks") == export_dossier(b, "talks")
    with a.session() as session:
        dossier = find_dossier(session, "talks")
        assert (dossier.subtitle, dossier.scene_setter, dossier.scene_handling) == (
            "A's round",
            "Set on B",
            2,
        )
