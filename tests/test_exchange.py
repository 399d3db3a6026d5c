"""Dossier files: lossless round trips, and bad files refused with the database untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.assets import data_dir, sample_dossier_path
from briefing.errors import ImportRefused
from briefing.store.database import Store
from briefing.store.exchange import export_dossier, export_file, import_file, json_schema, parse
from briefing.store.exchange_format import PersonOut
from briefing.store.migrate import open_store
from tests.builders import cite, document, load
from tests.conftest import SAMPLE_SLUG, file_digest


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
        "citations": [cite(credibility=5), cite(stance="disputes")],
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
    "missing title": (_mutate(lambda d: d["dossier"].pop("title")), "Field required"),
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
        "less than or equal to 6",
    ),
    "unknown field": (_mutate(lambda d: d["people"][0].update(nmae="typo")), "Extra inputs"),
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
    "deep nesting": (
        b'{"format": "briefing-dossier", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        "nests too deeply",
    ),
    "bad photo": (_mutate(lambda d: d["people"][0].update(photo="%%%not base64")), "base64"),
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
    import briefing.store.exchange as exchange

    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 2 * 1024 * 1024)
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
    assert import_file(store, copy, slug="second-copy") == "second-copy"
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
    import briefing.store.exchange as exchange

    monkeypatch.setattr(exchange, "_CHUNK", piece)
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


@pytest.mark.parametrize("piece", [1, 7])
def test_error_lines_do_not_depend_on_the_pieces(
    piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.store.exchange as exchange

    monkeypatch.setattr(exchange, "_CHUNK", piece)
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
    import briefing.store.exchange as exchange

    monkeypatch.setattr(exchange, "_CHUNK", piece)
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
