"""Dossier files: lossless round trips, and bad files refused with the database untouched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from briefing.assets import data_dir, sample_dossier_path
from briefing.cli import main
from briefing.domain import (
    Appointment,
    BargainingChip,
    Citation,
    Delegation,
    Dossier,
    Event,
    FieldLevel,
    HandlingLevel,
    MeetingBrief,
    Organization,
    Party,
    Person,
    Source,
    TalkingPoint,
)
from briefing.errors import ImportRefused
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.exchange.export import export_dossier, export_file
from briefing.store.exchange.loading import parse
from briefing.store.exchange.schema import FORMAT_VERSION, PersonOut, json_schema
from briefing.store.exchange.writing import import_file, import_model
from briefing.store.visibility import field
from tests.builders import LEVELS, cite, document, load
from tests.conftest import SAMPLE_SLUG, file_digest

FIXTURES = Path(__file__).parent / "fixtures"


def without_citation_ids(exported: str) -> str:
    """An export as a file before version 3 would have it: no citation ids (the tests in
    test_citation_ids.py check those)."""
    data = json.loads(exported)
    for value in data.values():
        for record in value if isinstance(value, list) else ():
            for citation in record.get("citations", ()):
                del citation["id"]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


ORDERED_LISTS = {"handling_levels", "talking_points", "members"}
"""Lists whose order is the dossier's own, not the file's."""


def in_any_order(text: str) -> Any:
    """A file's content with each list sorted, for a file written before records were
    listed by uid (its re-export lists the same records and items in another order)."""

    def key(item: Any) -> str:
        return json.dumps(item, sort_keys=True, ensure_ascii=False)

    def sort(value: Any, name: str = "") -> Any:
        if isinstance(value, dict):
            return {k: sort(v, k) for k, v in value.items()}
        if isinstance(value, list):
            items = [sort(v) for v in value]
            return items if name in ORDERED_LISTS else sorted(items, key=key)
        return value

    return sort(json.loads(text))


def _exported_imported_exported(store: Store, tmp_path: Path) -> tuple[bytes, bytes]:
    """The sample exported, imported into a new database, and exported from there."""
    first = tmp_path / "first.json"
    export_file(store, SAMPLE_SLUG, first)
    other = open_store(tmp_path / "other.sqlite3", seed_sample=False)
    import_file(other, first)
    second = tmp_path / "second.json"
    export_file(other, SAMPLE_SLUG, second)
    other.close()
    return first.read_bytes(), second.read_bytes()


def test_round_trip_is_byte_identical(store: Store, tmp_path: Path) -> None:
    first, second = _exported_imported_exported(store, tmp_path)
    assert first == second


def test_round_trip_keeps_everything_of_a_full_record(empty_store: Store, tmp_path: Path) -> None:
    person = {
        "id": "p:full",
        "handling": "Confidential",
        "notes": "a note <b>with markup</b> & ampersands",
        "aliases": ["Other Spelling", "다른 이름"],
        "citations": [cite(credibility=5, uid="c:1"), cite(stance="disputes", uid="c:2")],
        "name": "Full Person",
        "native_name": "전체",
        "party": "party:b",
        "bio": "line one\nline two",
        "photo": "iVBORw0KGgo=",
        "created_at": "2025-01-02T03:04:05",
        "updated_at": "2025-02-03T04:05:06",
    }
    load(empty_store, document(people=[person]))
    exported = json.loads(export_dossier(empty_store, "test"))
    expected = PersonOut.model_validate(person).model_dump(mode="json", exclude_defaults=True)
    assert exported["people"] == [expected]
    assert expected["citations"][0]["credibility"] == 5 and expected["photo"] == person["photo"]


def test_published_schema_file_is_current() -> None:
    published = data_dir("db") / "dossier.schema.json"
    assert published.read_text(encoding="utf-8") == json_schema(), (
        "regenerate with: briefing dossier schema db/dossier.schema.json"
    )


def test_sample_file_validates_against_the_schema() -> None:
    model = parse(sample_dossier_path().read_bytes())
    assert model.dossier.slug == SAMPLE_SLUG


def _valid() -> dict:
    return document(
        people=[{"id": "p:1", "name": "One", "citations": [cite()]}],
        events=[
            {"id": "e:1", "title": "Talks", "start_date": "2025-04-24", "participants": ["p:1"]}
        ],
    )


def _mutate(change) -> bytes:  # type: ignore[no-untyped-def]
    doc = _valid()
    change(doc)
    return json.dumps(doc, indent=2).encode()


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "truncated": (json.dumps(_valid(), indent=2).encode()[:-40], "not valid JSON"),
    "not json": (b"slug: test\ntitle: nope\n", "not valid JSON"),
    "a list": (b"[1, 2, 3]", "not a Briefing dossier file"),
    "other format": (b'{"format": "something-else", "version": 1}', "not a Briefing"),
    "invalid utf-8": (b'{"format": "briefing-dossier", "x": "\xff\xfe"}', "not valid UTF-8"),
    "zip archive": (b"PK\x03\x04" + b"\x00" * 100, "compressed archive"),
    "newer version": (_mutate(lambda d: d.update(version=7)), "newer Briefing"),
    "missing title": (_mutate(lambda d: d["dossier"].pop("title")), "this field is required"),
    "wrong type": (
        _mutate(lambda d: d["events"][0].update(start_date=20250424)),
        "date",
    ),
    "bad date": (_mutate(lambda d: d["events"][0].update(start_date="2025-02-30")), "date"),
    "end before start": (
        _mutate(lambda d: d["events"][0].update(end_date="2025-04-01")),
        "ends (2025-04-01) before it starts",
    ),
    "unknown grade": (_mutate(lambda d: d["sources"][0].update(reliability="Z")), "'A', 'B'"),
    "credibility 9": (
        _mutate(lambda d: d["people"][0]["citations"][0].update(credibility=9)),
        "should be at most 6",
    ),
    "unknown field": (
        _mutate(lambda d: d["people"][0].update(nmae="typo")),
        "the format has no such field",
    ),
    "duplicate id": (
        _mutate(lambda d: d["people"].append({"id": "p:1", "name": "Again"})),
        "used twice",
    ),
    "dangling person": (
        _mutate(lambda d: d["events"][0]["participants"].append("p:ghost")),
        "'p:ghost', which is not in the file",
    ),
    "reference of wrong kind": (
        _mutate(lambda d: d["events"][0]["participants"].append("src:good")),
        "one of the sources, not the people",
    ),
    "dangling source": (
        _mutate(lambda d: d["people"][0]["citations"].append(cite("src:none"))),
        "citation refers to 'src:none'",
    ),
    "unknown handling": (
        _mutate(lambda d: d["people"][0].update(handling="Cosmic")),
        "unknown handling level",
    ),
    "duplicate key": (
        b'{"format": "briefing-dossier", "format": "briefing-dossier"}',
        "appears twice",
    ),
    # Past where every supported Python's parser gives up: some 1,000 levels on 3.11,
    # 10,000 on 3.13 (its C recursion limit); anything shallower parses and is refused
    # for what it lacks instead.
    "deep nesting": (
        b'{"format": "briefing-dossier", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "nests too deeply",
    ),
    "bad photo": (_mutate(lambda d: d["people"][0].update(photo="%%%not base64")), "base64"),
    "field below its record": (
        _mutate(
            lambda d: d["people"][0].update(
                handling="Confidential", field_handling={"notes": "Internal"}
            )
        ),
        "notes is handled Internal, below its record's level (Confidential)",
    ),
    "field below the dossier's default": (
        _mutate(
            lambda d: (
                d["dossier"].update(default_handling="Internal"),
                d["people"][0].update(field_handling={"notes": "Public"}),
            )
        ),
        "notes is handled Public, below its record's level (Internal)",
    ),
    "unknown protected field": (
        _mutate(lambda d: d["people"][0].update(field_handling={"bio": "Restricted"})),
        "'bio' cannot carry a level of its own in people (only notes)",
    ),
    "unknown field level": (
        _mutate(lambda d: d["people"][0].update(field_handling={"notes": "Cosmic"})),
        "unknown handling level 'Cosmic'",
    ),
    "unknown citation level": (
        _mutate(lambda d: d["people"][0]["citations"][0].update(handling="Cosmic")),
        "unknown handling level 'Cosmic'",
    ),
    "unknown audience": (_mutate(lambda d: d.update(audience="Cosmic")), "unknown handling"),
    "unknown subtitle level": (
        _mutate(lambda d: d["dossier"].update(subtitle_handling="Cosmic")),
        "unknown handling level",
    ),
    "handling levels differ": (
        _mutate(lambda d: d.update(handling_levels=[LEVELS[0], {**LEVELS[1], "marking": "INT"}])),
        "the file's handling levels (Public (P), Internal (INT)) differ from this "
        "database's (Public (P), Internal (I), Confidential (C), Restricted (R))",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_refused_and_database_unchanged(
    name: str, sample_db: Path, tmp_path: Path
) -> None:
    content, reason = BAD_FILES[name]
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = file_digest(sample_db)
    store = open_store(sample_db, seed_sample=False)
    before_open = export_dossier(store, SAMPLE_SLUG)
    with pytest.raises(ImportRefused) as refused:
        import_file(store, bad)
    assert reason in str(refused.value)
    assert export_dossier(store, SAMPLE_SLUG) == before_open
    store.close()
    assert file_digest(sample_db) == before


def test_error_names_the_line_and_path(tmp_path: Path) -> None:
    text = _mutate(lambda d: d["events"][0].update(start_date="not a date"))
    with pytest.raises(ImportRefused) as refused:
        parse(text)
    lines = text.decode().splitlines()
    assert refused.value.where == "events[0].start_date"
    assert refused.value.line is not None
    assert '"start_date": "not a date"' in lines[refused.value.line - 1]


def test_syntax_error_names_its_line() -> None:
    text = b'{\n  "format": "briefing-dossier",\n  "version": 1,,\n}'
    with pytest.raises(ImportRefused) as refused:
        parse(text)
    assert refused.value.line == 3


def test_oversized_file_is_refused_before_parsing(
    tmp_path: Path, empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.store.exchange import reader

    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.write(b'{"format": "briefing-dossier", "pad": "')
        handle.write(b"x" * (3 * 1024 * 1024))
        handle.write(b'"}')
    with pytest.raises(ImportRefused, match="limited to 2 MB"):
        import_file(empty_store, big)


def test_existing_slug_is_refused_but_can_import_under_another(
    store: Store, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.json"
    export_file(store, SAMPLE_SLUG, copy)
    with pytest.raises(ImportRefused, match="already holds a dossier"):
        import_file(store, copy)
    assert import_file(store, copy, slug="second-copy").slug == "second-copy"
    assert export_dossier(store, "second-copy").replace("second-copy", SAMPLE_SLUG) == (
        export_dossier(store, SAMPLE_SLUG)
    )


def test_failed_export_keeps_previous_file(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "dossier.json"
    target.write_text("previous good copy", encoding="utf-8")
    with pytest.raises(Exception, match="no dossier called"):
        export_file(store, "missing", target)
    assert target.read_text(encoding="utf-8") == "previous good copy"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


# A file is read and parsed a piece at a time, so a large one never sits whole in memory.
# Where the pieces break must not matter: not inside a number, a multi-byte character, a
# long text or the whitespace between records.


@pytest.mark.parametrize("piece", [1, 7, 4096])
def test_pieces_of_any_size_import_the_same_dossier(
    piece: int, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.store.exchange import reader

    monkeypatch.setattr(reader, "_CHUNK", piece)
    first, second = _exported_imported_exported(store, tmp_path)
    assert first == second


def test_a_text_longer_than_a_piece_survives_the_round_trip(
    empty_store: Store, tmp_path: Path
) -> None:
    notes = "가나다 " * 400_000  # 1.6 million characters, 4 MB of UTF-8: several pieces
    load(empty_store, document(people=[{"id": "p:long", "name": "Long", "notes": notes}]))
    path = tmp_path / "long.json"
    export_file(empty_store, "test", path)
    other = open_store(tmp_path / "other.sqlite3", seed_sample=False)
    import_file(other, path)
    assert json.loads(export_dossier(other, "test"))["people"][0]["notes"] == notes
    other.close()


def test_a_nul_in_a_file_s_text_is_dropped_on_import(empty_store: Store) -> None:
    """PostgreSQL cannot store U+0000, so every backend drops it: the same dossier results.

    A backslash written before "u0000" is text, not the escape, and stays as it is.
    """
    person = {
        "id": "p:nul",
        "name": "Ahn\x00 Duk-geun",
        "aliases": ["An\x00 Deok-geun"],
        "notes": "a\x00b \\u0000 stays",
    }
    load(empty_store, document(people=[person]))
    (read,) = json.loads(export_dossier(empty_store, "test"))["people"]
    assert (read["name"], read["aliases"], read["notes"]) == (
        "Ahn Duk-geun",
        ["An Deok-geun"],
        "ab \\u0000 stays",
    )


@pytest.mark.parametrize("piece", [1, 7])
def test_error_lines_do_not_depend_on_the_pieces(
    piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.store.exchange import reader

    monkeypatch.setattr(reader, "_CHUNK", piece)
    with pytest.raises(ImportRefused) as refused:
        parse(b'{\n  "format": "briefing-dossier",\n  "version": 1,,\n}')
    assert refused.value.line == 3
    lines = json.dumps(_valid(), indent=2).splitlines()
    at = len(lines) - 4  # inside the last record list
    broken = "\n".join([*lines[:at], "  oops", *lines[at:]]).encode()
    with pytest.raises(ImportRefused, match="not valid JSON") as refused:
        parse(broken)
    assert refused.value.line == at + 1


@pytest.mark.parametrize("piece", [1, 7])
def test_a_number_split_between_pieces_is_read_whole(
    piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.store.exchange import reader

    monkeypatch.setattr(reader, "_CHUNK", piece)
    with pytest.raises(ImportRefused, match="format version 12, written by a newer Briefing"):
        parse(_mutate(lambda d: d.update(version=12)))


def test_every_problem_is_counted_not_only_the_first() -> None:
    doc = _valid()
    doc["events"].append({"id": "e:2", "title": "More", "start_date": "2025-02-30"})
    doc["events"][0]["start_date"] = "not a date"
    with pytest.raises(ImportRefused) as refused:
        parse(json.dumps(doc, indent=2).encode())
    assert refused.value.where == "events[0].start_date"
    assert "(and 1 more problem)" in str(refused.value)


def test_a_cut_off_file_is_reported_as_such_even_after_a_bad_value() -> None:
    """A truncated download is the thing to fix first, whatever the records before say."""
    text = _mutate(lambda d: d["events"][0].update(start_date="not a date"))
    with pytest.raises(ImportRefused, match="not valid JSON"):
        parse(text[:-3])


def test_record_lists_may_come_in_any_order(empty_store: Store, tmp_path: Path) -> None:
    """Events before the people they name, the dossier and format last: JSON objects have
    no order, and files from other tools need not follow ours."""
    doc = _valid()
    path = tmp_path / "reordered.json"
    path.write_text(json.dumps(dict(reversed(list(doc.items())))), encoding="utf-8")
    import_file(empty_store, path)
    exported = json.loads(export_dossier(empty_store, "test"))
    assert exported["events"][0]["participants"] == ["p:1"]
    assert exported["people"][0]["citations"][0]["source"] == "src:good"


# Format versions: a file any version of Briefing wrote keeps importing. Each fixture holds
# every kind of record; version 2's also a level on a citation, on fields and on the
# dossier's subtitle and scene-setter.

_KINDS = (
    Party,
    Organization,
    Person,
    Appointment,
    Source,
    Event,
    Delegation,
    MeetingBrief,
    BargainingChip,
    TalkingPoint,
    Citation,
    FieldLevel,
)
EVERY_KIND = {
    "Party": 2,
    "Organization": 1,
    "Person": 2,
    "Appointment": 1,
    "Source": 2,
    "Event": 2,
    "Delegation": 1,
    "MeetingBrief": 1,
    "BargainingChip": 1,
    "TalkingPoint": 2,
    "Citation": 3,
}


def _counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            kind.__name__: session.scalar(select(func.count()).select_from(kind)) or 0
            for kind in _KINDS
        }


def test_a_version_1_file_imports_as_it_always_has(empty_store: Store) -> None:
    path = FIXTURES / "dossier-v1.json"
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == 1
    imported = import_file(empty_store, path)
    assert (imported.slug, imported.messages) == ("fixture", ())
    assert _counts(empty_store) == {**EVERY_KIND, "FieldLevel": 0}
    with empty_store.session() as session:
        chip = session.scalars(select(BargainingChip)).one()
        assert (chip.value_amount, chip.value_currency, chip.value_note) == (
            2_600_000,
            "USD",
            "tonnes a year",
        )
        assert (chip.our_target, chip.our_minimum) == ("3 Mt", "2.6 Mt")
        assert chip.sector_names == ["steel"]
        assert [e.uid for e in chip.events] == ["event:talks"]
        kim = session.scalars(select(Person).where(Person.uid == "person:kim")).one()
        assert kim.photo is not None and kim.photo.startswith(b"\x89PNG")
        assert kim.notes == "Prefers morning meetings."
        talks = session.scalars(select(Event).where(Event.uid == "event:talks")).one()
        assert {p.uid for p in talks.participants} == {"person:kim", "person:doe"}
        delegation = session.scalars(select(Delegation)).one()
        assert [(m.person.uid, m.is_head) for m in delegation.members] == [("person:kim", True)]
        points = session.scalars(select(TalkingPoint).order_by(TalkingPoint.position)).all()
        assert [p.subject.uid if p.subject else None for p in points] == ["chip:quota", None]
        # A version 1 citation is handled at its record's or its source's level, the higher.
        assert [c.handling for c in session.scalars(select(Citation))] == [1, 1, 1]
        dossier = session.scalars(select(Dossier)).one()
        assert (dossier.subtitle_handling, dossier.scene_handling) == (None, None)
    exported = without_citation_ids(export_dossier(empty_store, "fixture"))
    assert in_any_order(exported) == in_any_order(
        text.replace('"version": 1,', f'"version": {FORMAT_VERSION},', 1)
    )


def test_a_version_2_file_imports_its_levels_below_the_record(empty_store: Store) -> None:
    path = FIXTURES / "dossier-v2.json"
    imported = import_file(empty_store, path)
    assert imported.messages == ()
    # The brief's protected objectives are held with their (empty) Korean text: one row more.
    assert _counts(empty_store) == {**EVERY_KIND, "FieldLevel": 7}
    with empty_store.session() as session:
        chip = session.scalars(select(BargainingChip)).one()
        # Protected values live in rows of their own; the record's columns are blank.
        assert (chip.value_amount, chip.value_currency, chip.value_note) == (None, "", "")
        assert (chip.our_minimum, chip.our_target) == ("", "3 Mt")
        assert {f.field: (f.handling, json.loads(f.value)) for f in chip.field_levels} == {
            "value_amount": (2, 2_600_000),
            "value_currency": (2, "USD"),
            "value_note": (2, "tonnes a year"),
            "our_minimum": (3, "2.6 Mt"),
        }
        assert field(chip, "our_minimum", 2) is None
        assert field(chip, "value_amount", 1) is None
        shown = field(chip, "our_minimum", 3)
        assert shown is not None and (shown.value, shown.level) == ("2.6 Mt", 3)
        brief = session.scalars(select(MeetingBrief)).one()
        assert brief.our_objectives == "" and brief.their_objectives == "Cut our exports."
        assert sorted((f.field, f.handling) for f in brief.field_levels) == [
            ("our_objectives", 3),
            ("our_objectives_ko", 3),
        ]
        kim = session.scalars(select(Person).where(Person.uid == "person:kim")).one()
        assert kim.notes == ""
        assert [(f.field, f.handling) for f in kim.field_levels] == [("notes", 2)]
        citations = {c.excerpt: c.handling for c in session.scalars(select(Citation))}
        assert citations == {
            "will meet on 24 April": 1,
            "may not happen": 2,
            "a quota is on the table": 1,
        }
        dossier = session.scalars(select(Dossier)).one()
        assert (dossier.subtitle_handling, dossier.scene_handling) == (0, 2)
    exported = without_citation_ids(export_dossier(empty_store, "fixture"))
    text = path.read_text(encoding="utf-8").replace(
        '"version": 2,', f'"version": {FORMAT_VERSION},'
    )
    assert in_any_order(exported) == in_any_order(text)


def test_the_fixtures_are_the_same_dossier_but_for_the_levels() -> None:
    """So the two tests above compare like with like: version 2 adds levels only."""
    v1 = json.loads((FIXTURES / "dossier-v1.json").read_text(encoding="utf-8"))
    v2 = json.loads((FIXTURES / "dossier-v2.json").read_text(encoding="utf-8"))

    def without_levels(value: object) -> object:
        if isinstance(value, dict):
            dropped = {"version", "field_handling", "subtitle_handling", "scene_handling"}
            kept = {k: v for k, v in value.items() if k not in dropped}
            if "source" in value:  # a citation: its own level goes too
                kept.pop("handling", None)
            return {k: without_levels(v) for k, v in kept.items()}
        if isinstance(value, list):
            return [without_levels(v) for v in value]
        return value

    assert without_levels(v1) == without_levels(v2)


@pytest.mark.parametrize(
    ("field_handling", "where", "says"),
    [
        ({"notes": "Internal"}, "people[0].field_handling.notes", "below its record's level"),
        ({"bio": "Restricted"}, "people[0].field_handling.bio", "'bio' cannot carry a level"),
    ],
)
def test_a_bad_field_level_is_refused_with_its_path_and_line(
    field_handling: dict[str, str], where: str, says: str
) -> None:
    text = _mutate(
        lambda d: d["people"][0].update(handling="Confidential", field_handling=field_handling)
    )
    with pytest.raises(ImportRefused, match=says) as refused:
        parse(text)
    assert refused.value.where == where
    assert refused.value.line is not None
    key = where.rsplit(".", 1)[1]
    assert f'"{key}": "{field_handling[key]}"' in text.decode().splitlines()[refused.value.line - 1]


def _raised_doc() -> dict:
    """A brief below its Restricted event, and a citation below its Confidential record."""
    doc = document(
        events=[
            {
                "id": "e:secret",
                "title": "Secret talks",
                "start_date": "2025-04-24",
                "handling": "Restricted",
            }
        ],
        meeting_briefs=[{"id": "b:1", "event": "e:secret", "handling": "Internal"}],
        people=[
            {
                "id": "p:1",
                "name": "One",
                "handling": "Confidential",
                "citations": [{**cite(), "handling": "Public"}],
            }
        ],
    )
    doc["version"] = 2
    return doc


RAISED = (
    "Meeting brief b:1 raised from Internal to Restricted: it is built from Event e:secret, "
    "handled Restricted",
    "Citation of src:good by Person p:1 raised from Public to Confidential, the level of its "
    "record or source",
)


def test_a_child_below_its_parent_is_raised_and_the_import_says_so(empty_store: Store) -> None:
    imported = import_model(empty_store, parse(json.dumps(_raised_doc()).encode()))
    assert imported.messages == RAISED
    with empty_store.session() as session:
        assert session.scalars(select(MeetingBrief.handling)).one() == 3
        assert session.scalars(select(Citation.handling)).one() == 2


def test_the_command_line_notes_what_an_import_raised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "raised.json"
    path.write_text(json.dumps(_raised_doc()), encoding="utf-8")
    assert main(["db", "create", str(tmp_path / "db.sqlite3")]) == 0
    capsys.readouterr()
    code = main(["--db", str(tmp_path / "db.sqlite3"), "dossier", "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert out == "imported dossier test\n"
    assert err.splitlines() == [f"briefing: note: {message}" for message in RAISED]


# Handling scales: a file may use the database's scale or its lowest levels.


def _levels(store: Store) -> list[tuple[int, str, str]]:
    with store.session() as session:
        rows = session.scalars(select(HandlingLevel).order_by(HandlingLevel.rank))
        return [(x.rank, x.name, x.marking) for x in rows]


def test_a_file_with_the_lowest_levels_joins_the_dossiers_already_there(store: Store) -> None:
    before = _levels(store)
    doc = document(slug="two-levels")
    doc["handling_levels"] = LEVELS[:2]
    load(store, doc)
    assert _levels(store) == before
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 2


@pytest.mark.parametrize(
    ("scale", "theirs"),
    [
        ([LEVELS[0], {**LEVELS[1], "name": "Official"}], "Public (P), Official (I)"),
        ([LEVELS[0], {**LEVELS[1], "marking": "i"}], "Public (P), Internal (i)"),
        (LEVELS[1:2], "Internal (I)"),
        ([*LEVELS, {"rank": 4, "name": "Top", "marking": "T"}], "Restricted (R), Top (T)"),
    ],
    ids=["renamed", "marked otherwise", "not from the lowest", "longer"],
)
def test_any_other_scale_is_refused_naming_both(
    store: Store, scale: list[dict[str, object]], theirs: str
) -> None:
    doc = document(slug="other-scale")
    doc["handling_levels"] = scale
    for record in doc["parties"] + doc["sources"]:
        record["handling"] = scale[0]["name"]
    with pytest.raises(ImportRefused, match="differ from this database's") as refused:
        load(store, doc)
    assert theirs in str(refused.value)
    assert "(Public (P), Internal (I), Confidential (C), Restricted (R))" in str(refused.value)
    assert refused.value.where == "handling_levels"


def test_an_empty_database_takes_the_files_scale(empty_store: Store) -> None:
    doc = document()
    doc["handling_levels"] = [{"rank": 0, "name": "Open", "marking": "O"}]
    load(empty_store, doc)
    assert _levels(empty_store) == [(0, "Open", "O")]
