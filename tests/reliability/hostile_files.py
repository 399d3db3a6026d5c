"""A corpus of bad dossier files, generated: what strangers, broken disks and other tools send.

Every file starts from :func:`base_document`, a valid dossier that uses every kind of
record and every kind of reference (the tests import it unchanged first, so a refusal is
always the damage's doing), and breaks it one way. Each :class:`BadFile` says which words
the refusal must contain and, where the file has one, the path of the offending value.
Large files are written straight to disk rather than held in memory.
"""

from __future__ import annotations

import bz2
import copy
import gzip
import io
import json
import lzma
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.store.exchange.schema import FORMAT_VERSION
from tests.builders import LEVELS, cite, document

Doc = dict[str, Any]

NOT_JSON = "not valid JSON"
NOT_UTF8 = "not valid UTF-8"
ARCHIVE = "compressed archive"
NOT_OURS = "not a Briefing dossier file"
MISSING = "which is not in the file"


def base_document() -> Doc:
    """A small valid dossier in which every reference kind occurs at least once."""
    return document(
        "hostile",
        organizations=[{"id": "o:1", "name": "Trade ministry", "party": "party:a"}],
        people=[
            {
                "id": "p:1",
                "name": "Ahn Duk-geun",
                "native_name": "안덕근",
                "party": "party:a",
                "aliases": ["An Deok-geun"],
                "citations": [cite()],
            },
            {"id": "p:2", "name": "Second Envoy", "party": "party:b"},
        ],
        appointments=[
            {
                "id": "a:1",
                "person": "p:1",
                "organization": "o:1",
                "title": "Minister",
                "start": "2024-01-03",
            }
        ],
        events=[
            {
                "id": "e:1",
                "title": "Working lunch",
                "start_date": "2025-04-24",
                "start_time": "12:30:00",
                "participants": ["p:1", "p:2"],
                "owner": "p:1",
            }
        ],
        delegations=[
            {
                "id": "d:1",
                "event": "e:1",
                "party": "party:a",
                "members": [{"person": "p:1", "role": "head", "head": True}],
            }
        ],
        meeting_briefs=[{"id": "b:1", "event": "e:1", "purpose": "Agree the agenda"}],
        chips=[
            {
                "id": "c:1",
                "title": "Tariff relief",
                "party": "party:b",
                "priority": 2,
                "tradeable": True,
                "value": {"amount": 5_000_000, "currency": "USD"},
                "events": ["e:1"],
            }
        ],
        talking_points=[{"id": "tp:1", "subject": "c:1", "text": "Say this first"}],
    )


def encoded(doc: Doc) -> bytes:
    return json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")


BASE = encoded(base_document())


@dataclass(frozen=True)
class BadFile:
    """One hostile file and what its refusal must say.

    Attributes:
        name: a short id, used as the test's id.
        expect: words the refusal's message must contain (every one).
        otherwise: other acceptable sets of words, for limits the format may still move
            (a size or a depth refused outright, or refused by the schema after parsing).
        where: the document path the refusal must name, when the damage has one.
        content: the file's bytes, or None when ``write`` produces it.
        write: writes a file too large to hold in memory comfortably.
        bug: set when the file exposes a bug (the test is a strict xfail saying so).
    """

    name: str
    expect: tuple[str, ...]
    where: str | None = None
    content: bytes | None = None
    write: Callable[[Path], None] | None = None
    bug: str | None = None
    otherwise: tuple[tuple[str, ...], ...] = ()

    def explains(self, message: str) -> bool:
        """Whether ``message`` holds every word of ``expect`` or of one ``otherwise``."""
        return any(all(w in message for w in words) for words in (self.expect, *self.otherwise))

    def materialize(self, folder: Path) -> Path:
        path = folder / "hostile.json"
        if self.write is not None:
            self.write(path)
        else:
            assert self.content is not None
            path.write_bytes(self.content)
        return path


def _as_text(content: bytes) -> str:
    """Why bytes that are no dossier fail as text: not UTF-8, or UTF-8 but not JSON."""
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return NOT_UTF8
    return NOT_JSON


def _mutated(change: Callable[[Doc], object]) -> bytes:
    doc = copy.deepcopy(base_document())
    change(doc)
    return encoded(doc)


def _set(path: str, value: object) -> Callable[[Doc], None]:
    """A change that sets the value at a dotted path such as ``events.0.start_date``."""

    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _dotted(path: str) -> str:
    """``events.0.start_date`` as the refusal writes it: ``events[0].start_date``."""
    out = ""
    for part in path.split("."):
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


def _changed(name: str, path: str, value: object, *expect: str, bug: str | None = None) -> BadFile:
    return BadFile(name, expect, _dotted(path), _mutated(_set(path, value)), bug=bug)


# ------------------------------------------------------------------ the families


def truncated() -> Iterator[BadFile]:
    """The base file cut short at many offsets: a copy interrupted, a download cut off."""
    size = len(BASE)
    hangul = BASE.index("안".encode())
    offsets = sorted({1, 2, 9, 64, size // 7, size // 3, size // 2, 2 * size // 3, size - 40})
    offsets += [size - 2, size - 1, hangul + 1]
    for offset in offsets:
        head = BASE[:offset]
        yield BadFile(f"truncated at byte {offset} of {size}", (_as_text(head),), content=head)


def wrong_types() -> Iterator[BadFile]:
    """A value of the wrong type in fields of every kind of type the format has."""
    cases: list[tuple[str, object, str]] = [
        ("dossier.title", 42, "should be text"),
        ("dossier.as_of", "yesterday", "should be a date written as YYYY-MM-DD"),
        ("dossier.slug", "Bad Slug!", "should match the pattern ^[a-z0-9]"),
        ("dossier", [], "should be an object"),
        ("handling_levels", {}, "should be a list"),
        ("handling_levels.0.rank", "first", "should be a whole number"),
        ("parties.0.colour", "red", "should match the pattern ^#[0-9a-fA-F]{6}$"),
        ("people.0.name", None, "should be text"),
        ("people.0.name", "", "should not be empty"),
        ("people.0.aliases", "Envoy", "should be a list"),
        ("people", {"p:1": {}}, "should be a list"),
        ("events.0.start_date", 20250424, "should be a date written as YYYY-MM-DD"),
        ("events.0.start_time", "25:61", "should be a time written as HH:MM"),
        ("events.0.kind", "party", "should be one of 'meeting', 'call', "),
        ("events.0.participants", "p:1", "should be a list"),
        ("sources.0.reliability", 5, "should be one of 'A', 'B', "),
        ("chips.0.priority", 2.5, "should be a whole number"),
        ("chips.0.priority", 9, "should be at most 5"),
        ("chips.0.tradeable", "perhaps", "should be true or false"),
        ("chips.0.value", 5, "should be an object"),
        ("chips.0.value.amount", -5, "should be at least 0"),
        ("chips.0.value.currency", "dollars", "should match the pattern ^([A-Z]{3})?$"),
        ("delegations.0.members.0.head", "perhaps", "should be true or false"),
        ("people.0.citations.0.credibility", 9, "should be at most 6"),
        ("people.0.citations.0.stance", "agrees", "should be one of 'supports', "),
    ]
    for path, value, expect in cases:
        yield _changed(f"wrong type: {path} = {value!r}", path, value, expect)


def versions() -> Iterator[BadFile]:
    """Format versions this Briefing cannot read, and files that are some other format."""
    newer = FORMAT_VERSION + 1
    yield _changed(f"version {newer}", "version", newer, "newer Briefing", f"version {newer}")
    yield _changed("version 99", "version", 99, "newer Briefing")
    yield _changed("version 0", "version", 0, "should be one of 1, 2, ")
    yield _changed("version as text", "version", "1", "should be one of 1, 2, ")
    yield _changed("version null", "version", None, "should be one of 1, 2, ")
    yield _changed(
        "version true",
        "version",
        True,
        "must be a number, not true or false",
    )
    yield BadFile(
        "version missing",
        ("this field is required",),
        "version",
        _mutated(lambda d: d.pop("version")),
    )
    yield BadFile("format missing", (NOT_OURS,), content=_mutated(lambda d: d.pop("format")))
    yield BadFile(
        "format of a future tool",
        (NOT_OURS,),
        content=_mutated(_set("format", "briefing-dossier-v2")),
    )


def duplicates() -> Iterator[BadFile]:
    """Ids, levels and keys that appear twice: a merge gone wrong."""
    yield BadFile(
        "duplicate person id",
        ("'p:1' is used twice",),
        "people[2].id",
        _mutated(lambda d: d["people"].append({"id": "p:1", "name": "Again"})),
    )
    yield BadFile(
        "id shared across kinds",
        ("'party:a' is used twice",),
        "people[2].id",
        _mutated(lambda d: d["people"].append({"id": "party:a", "name": "Party person"})),
    )
    yield BadFile(
        "duplicate handling level name",
        ("repeat a name",),
        "handling_levels",
        _mutated(
            lambda d: d["handling_levels"].append({"rank": 9, "name": "Public", "marking": "X"})
        ),
    )
    yield BadFile(
        "duplicate handling level rank",
        ("repeat a name or a rank",),
        "handling_levels",
        _mutated(
            lambda d: d["handling_levels"].append({"rank": 0, "name": "Other", "marking": "O"})
        ),
    )
    yield BadFile(
        "two briefs for one event",
        ("more than one meeting brief",),
        "meeting_briefs",
        _mutated(lambda d: d["meeting_briefs"].append({"id": "b:2", "event": "e:1"})),
    )
    text = BASE.decode().replace('"title": "Working lunch",', '"title": "A", "title": "B",', 1)
    yield BadFile("duplicate key in a record", ("'title' appears twice",), content=text.encode())


def dangling() -> Iterator[BadFile]:
    """A reference of every kind to an id the file does not hold, and some of the wrong kind."""
    cases = [
        "dossier.prepared_for",
        "organizations.0.party",
        "people.0.party",
        "appointments.0.person",
        "appointments.0.organization",
        "events.0.owner",
        "events.0.participants.1",
        "delegations.0.event",
        "delegations.0.party",
        "delegations.0.members.0.person",
        "meeting_briefs.0.event",
        "chips.0.party",
        "chips.0.events.0",
        "talking_points.0.subject",
        "people.0.citations.0.source",
    ]
    for path in cases:
        yield _changed(f"dangling {path}", path, "ghost:1", "'ghost:1'", MISSING)
    yield _changed(
        "participant that is a source",
        "events.0.participants.0",
        "src:good",
        "one of the sources, not the people",
    )
    yield _changed("appointment of a party", "appointments.0.person", "party:a", "not the people")
    yield _changed(
        "cited source that is a person", "people.0.citations.0.source", "p:2", "not the sources"
    )


def semantics() -> Iterator[BadFile]:
    """Well-formed files that say something impossible."""
    yield _changed(
        "event ends before it starts", "events.0.end_date", "2025-04-01", "ends (2025-04-01) before"
    )
    yield _changed(
        "office ends before it starts",
        "appointments.0.end",
        "2023-01-01",
        "ends (2023-01-01) before",
    )
    yield _changed(
        "unknown handling level", "people.0.handling", "Cosmic", "unknown handling level"
    )
    yield _changed(
        "unknown default handling", "dossier.default_handling", "Cosmic", "unknown handling level"
    )
    yield _changed("no handling levels", "handling_levels", [], "lists no handling levels")
    yield _changed("unknown field", "people.0.nmae", "typo", "the format has no such field")
    yield _changed("unknown top-level list", "meetings", [], "the format has no such field")
    yield _changed("photo not base64", "people.0.photo", "%%%not base64", "base64")
    yield _changed("notes over 2,000,000 characters", "people.0.notes", "x" * 2_000_001, "2000000")
    yield BadFile(
        "lone surrogate escape",
        ("not broken Unicode",),
        "people[0].name",
        BASE.replace(b'"Ahn Duk-geun"', b'"\\ud800"', 1),
    )
    levels = copy.deepcopy(LEVELS)
    levels[3]["name"] = "Secret"
    levels_doc = _mutated(_set("handling_levels", levels))
    yield BadFile(
        "handling levels differ from the database",
        ("differ from this database",),
        "handling_levels",
        levels_doc,
    )
    yield BadFile(
        "slug already in the database",
        ("already holds a dossier called 'kr-us-trade-2025'",),
        "dossier.slug",
        _mutated(_set("dossier.slug", "kr-us-trade-2025")),
    )


def _big(path: Path) -> None:
    """A 50 MB file: the base document with 50 MB of notes, streamed to disk."""
    start, rest = BASE.split(b'"name": "Ahn Duk-geun",', 1)
    with path.open("wb") as handle:
        handle.write(start + b'"name": "Ahn Duk-geun", "notes": "')
        block = b"x" * (1 << 20)
        for _ in range(50):
            handle.write(block)
        handle.write(b'",' + rest)


def _deep(levels: int, *, closed: bool = True) -> bytes:
    """The base document with an extra member nested ``levels`` deep."""
    nested = b"[" * levels + (b"]" * levels if closed else b"")
    return BASE.replace(b"{", b'{"deep": ' + nested + (b", " if closed else b""), 1)


DEPTH = (("nests",), ("the format has no such field",))
"""A deep file is refused for its depth, or (when the depth is allowed) for its stray member."""


def sizes() -> Iterator[BadFile]:
    """Files built to exhaust memory or the parser's stack."""
    yield BadFile(
        "a 50 MB file",
        ("50.0 MB", "limited to"),
        write=_big,
        otherwise=(("at most 2000000 characters", "people[0].notes"),),
    )
    yield BadFile("nesting 66 deep", DEPTH[0], content=_deep(66), otherwise=DEPTH[1:])
    yield BadFile("nesting 100,000 deep", DEPTH[0], content=_deep(100_000), otherwise=DEPTH[1:])
    yield BadFile(
        "nesting 10,000 deep, never closed",
        DEPTH[0],
        content=_deep(10_000, closed=False),
        otherwise=((NOT_JSON,),),
    )
    yield BadFile(
        "an integer of 5,000 digits",
        (NOT_JSON, "digits"),
        content=BASE.replace(b'"priority": 2', b'"priority": ' + b"9" * 5000, 1),
    )


def encodings() -> Iterator[BadFile]:
    """Bytes that are not UTF-8 JSON text."""
    text = BASE.decode("utf-8")
    yield BadFile("byte 0xff in a name", (NOT_UTF8,), content=BASE.replace(b"Ahn", b"A\xffn", 1))
    yield BadFile("overlong encoding", (NOT_UTF8,), content=BASE.replace(b"Ahn", b"A\xc0\xafn", 1))
    yield BadFile(
        "encoded surrogate", (NOT_UTF8,), content=BASE.replace(b"Ahn", b"A\xed\xa0\x80n", 1)
    )
    yield BadFile(
        "Latin-1 text", (NOT_UTF8,), content=text.replace("안덕근", "Jérôme").encode("latin-1")
    )
    yield BadFile("UTF-16 with BOM", (NOT_UTF8,), content=text.encode("utf-16"))
    yield BadFile(
        "UTF-16 big-endian with BOM", (NOT_UTF8,), content=b"\xfe\xff" + text.encode("utf-16-be")
    )
    utf16 = text.encode("utf-16-le")
    yield BadFile("UTF-16 without BOM", (_as_text(utf16),), content=utf16)
    yield BadFile("UTF-32", (NOT_UTF8,), content=text.encode("utf-32"))
    yield BadFile("BOM only", ("empty",), content=b"\xef\xbb\xbf")
    yield BadFile("BOM and blank lines", ("empty",), content=b"\xef\xbb\xbf\n \r\n\t")
    yield BadFile("empty file", ("empty",), content=b"")
    yield BadFile("NUL bytes", (NOT_JSON,), content=b"\x00" * 4096)


def literals() -> Iterator[BadFile]:
    """JSON that Python's parser accepts but the format must not: NaN, Infinity, huge values."""
    for literal in ("NaN", "Infinity", "-Infinity", "1e400"):
        content = BASE.replace(b'"amount": 5000000', b'"amount": ' + literal.encode(), 1)
        yield BadFile(
            f"{literal} as an amount", ("finite number",), "chips[0].value.amount", content
        )
    yield BadFile(
        "NaN as a credibility",
        ("finite number",),
        "people[0].citations[0].credibility",
        BASE.replace(b'"credibility": 2', b'"credibility": NaN', 1),
    )
    yield _changed(
        "amount above 10^18",
        "chips.0.value.amount",
        10**19,
        "should be at most 1000000000000000000",
    )
    yield _changed("rank of 10^30", "handling_levels.0.rank", 10**30, "should be at most 99")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _zip_bomb(path: Path) -> None:
    """256 MB of zeros in a 250 KB zip, streamed so it is never held expanded."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("dossier.json", "w", force_zip64=True) as member,
    ):
        zeros = bytes(1 << 20)
        for _ in range(256):
            member.write(zeros)
    assert path.stat().st_size < 1 << 20


def _gzip_bomb(path: Path) -> None:
    """128 MB of zeros in a 125 KB gzip file."""
    with gzip.open(path, "wb") as stream:
        zeros = bytes(1 << 20)
        for _ in range(128):
            stream.write(zeros)


def _tar(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def archives() -> Iterator[BadFile]:
    """The dossier inside an archive, and archives built to explode when opened."""
    yield BadFile("zip archive", (ARCHIVE,), content=_zip({"dossier.json": BASE}))
    yield BadFile("gzip file", (ARCHIVE,), content=gzip.compress(BASE))
    yield BadFile("zip bomb (256 MB of zeros)", (ARCHIVE,), write=_zip_bomb)
    yield BadFile("gzip bomb (128 MB of zeros)", (ARCHIVE,), write=_gzip_bomb)
    # Archives the importer does not recognise are still refused, as text they are not.
    for name, content in [
        ("bzip2 file", bz2.compress(BASE)),
        ("xz file", lzma.compress(BASE)),
        ("tar archive", _tar("dossier.json", BASE)),
        ("empty zip archive", b"PK\x05\x06" + bytes(18)),
    ]:
        yield BadFile(name, (_as_text(content),), content=content)


def shapes() -> Iterator[BadFile]:
    """Valid JSON that is not an object, or not one of ours."""
    for name, content in [
        ("a JSON array", b"[" + BASE + b"]"),
        ("a JSON string", json.dumps(BASE.decode()).encode()),
        ("null", b"null"),
        ("a number", b"42"),
        ("true", b"true"),
        ("an empty object", b"{}"),
        ("an object of another tool", b'{"type": "FeatureCollection", "features": []}'),
    ]:
        yield BadFile(name, (NOT_OURS,), content=content)


def syntax() -> Iterator[BadFile]:
    """Hand-edited files: what people type that JSON does not allow."""
    text = BASE.decode("utf-8")
    yield BadFile(
        "control character in a string",
        (NOT_JSON, "Invalid control character"),
        content=text.replace("Ahn Duk-geun", "Ahn\x01Duk-geun", 1).encode(),
    )
    yield BadFile(
        "raw tab in a string",
        (NOT_JSON, "Invalid control character"),
        content=text.replace("Ahn Duk-geun", "Ahn\tDuk-geun", 1).encode(),
    )
    yield BadFile("NUL between tokens", (NOT_JSON,), content=text.replace(",", ",\x00", 1).encode())
    yield BadFile(
        "trailing comma", (NOT_JSON,), content=text.replace('"hostile"', '"hostile",', 1).encode()
    )
    yield BadFile("single quotes", (NOT_JSON,), content=text.replace('"', "'").encode())
    yield BadFile("a comment", (NOT_JSON,), content=("// exported by hand\n" + text).encode())
    yield BadFile("two documents", (NOT_JSON, "Extra data"), content=BASE + BASE)
    yield BadFile("YAML", (NOT_JSON,), content=b"format: briefing-dossier\nversion: 1\n")


FAMILIES: tuple[Callable[[], Iterator[BadFile]], ...] = (
    truncated,
    wrong_types,
    versions,
    duplicates,
    dangling,
    semantics,
    sizes,
    encodings,
    literals,
    archives,
    shapes,
    syntax,
)


def corpus() -> list[BadFile]:
    """Every bad file, each with a unique name."""
    files = [bad for family in FAMILIES for bad in family()]
    names = [bad.name for bad in files]
    assert len(set(names)) == len(names), "two bad files share a name"
    return files
