"""The book channel: print one audience's edition and read back everything in the file.

:func:`read_book` runs in a worker process (a pool of two, see ``conftest.py``), so the
four editions of a dossier are laid out while the main process runs the checks and
search over the same database. It returns the file's surfaces as text:

``pdftotext -raw``   poppler's text in drawing order (its reading order rewrites lines)
``pypdf text``       pypdf's text of every page
``pdf strings``      every string and name object, decoded: Info, outline titles,
                     annotations, destinations and named destinations, XMP
``content streams``  every stream, decompressed (page contents, forms, XMP …; not the
                     embedded font programs and images, which are binary)
``outline``          the outline (bookmark) titles
``info``             the Info dictionary's title
``file name``        the file name the app proposes for the edition

A book may be printed in Korean (``language``): its amounts read the Korean way ("73만
4219 QJX") and are read back as the figures the proof looks for ("734,219"), so the same
markers prove a Korean book shows what its audience may see and nothing above it.

:func:`read_change_section` prints two editions of a copy of the dossier, every text
revised in between, and returns the second's surfaces: the change section as a channel.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import resource
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from resource import RUSAGE_CHILDREN, RUSAGE_SELF

import pypdf
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)
from sqlalchemy import select
from sqlalchemy.orm import with_polymorphic

from briefing.book import ALL_SECTIONS, BookOptions, export_book, proposed_file_name
from briefing.domain import Dossier, Record
from briefing.domain.registry import BY_NAME, KINDS, model_of
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store

_stores: dict[str, Store] = {}


def _store(database: str) -> Store:
    """The worker keeps one store per database: every dossier of a run shares one file."""
    if database not in _stores:
        _stores[database] = open_store(Path(database), seed_sample=False)
    return _stores[database]


@dataclass
class Book:
    """One edition's surfaces, and the CPU seconds each step took (for the run's figures)."""

    surfaces: dict[str, str]
    cpu: dict[str, float] = field(default_factory=dict)


_KOREAN_AMOUNT = re.compile(r"(?<![\d,])(\d{1,4})만(?:\s+(\d{1,4})(?![\d만억조]))?")
"""A generated chip's amount (six digits) as a Korean book prints it: "73만 4219", "73만"."""


def western_amounts(text: str) -> str:
    """``text`` with Korean amounts written as the figures the proof's markers are."""

    def figure(found: re.Match[str]) -> str:
        return f"{int(found[1]) * 10_000 + int(found[2] or 0):,}"

    return _KOREAN_AMOUNT.sub(figure, text)


def read_book(
    database: str,
    slug: str,
    audience: int,
    level_name: str,
    today: dt.date,
    *,
    pypdf_text: bool,
    language: str = "en",
) -> Book:
    """Export ``slug`` for ``audience`` and return the PDF's surfaces (see the module).

    pypdf's text extraction costs more than laying the book out (some 25 ms a page, in
    pure Python), so it is asked for only with ``pypdf_text``; pypdf walks every object
    of every book all the same.
    """
    store = _store(database)
    cpu: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="clearance-") as folder:
        target = Path(folder) / "book.pdf"
        with _cpu(cpu, "book export"):
            result = export_book(
                store,
                slug,
                # Every section, the staff's checks annex included: it is a channel too.
                BookOptions(
                    audience=audience, today=today, sections=ALL_SECTIONS, language=language
                ),
                target,
                record_edition=False,
            )
        surfaces = read_pdf(target, pypdf_text=pypdf_text, cpu=cpu)
        if language == "ko":
            surfaces = {name: western_amounts(text) for name, text in surfaces.items()}
    surfaces["file name"] = proposed_file_name(slug, level_name, result.edition)
    return Book(surfaces, cpu)


@contextlib.contextmanager
def _cpu(into: dict[str, float], what: str) -> Iterator[None]:
    """Add the CPU seconds of the block (this process and the children it waited for)."""

    def now() -> float:
        own, children = (resource.getrusage(w) for w in (RUSAGE_SELF, RUSAGE_CHILDREN))
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    start = now()
    yield
    into[what] = into.get(what, 0.0) + now() - start


def read_pdf(
    path: Path, *, pypdf_text: bool = True, cpu: dict[str, float] | None = None
) -> dict[str, str]:
    cpu = {} if cpu is None else cpu
    with _cpu(cpu, "pdftotext"):
        poppler = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
        ).stdout.decode("utf-8")
    with _cpu(cpu, "pypdf objects"):
        surfaces = _pdf_objects(path)
    surfaces["pdftotext -raw"] = poppler
    if pypdf_text:
        with _cpu(cpu, "pypdf text"):
            reader = pypdf.PdfReader(path)
            surfaces["pypdf text"] = "\n".join(page.extract_text() for page in reader.pages)
    return surfaces


def _pdf_objects(path: Path) -> dict[str, str]:
    reader = pypdf.PdfReader(path)
    strings: list[str] = []
    streams: list[str] = []
    size = reader.trailer["/Size"]
    assert isinstance(size, int)
    for number in range(1, size):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # a free entry of the cross-reference table
            continue
        _strings_of(obj, strings, streams)
    _strings_of(reader.trailer, strings, streams)
    info = reader.metadata
    return {
        "pdf strings": "\n".join(strings),
        "content streams": "\n".join(streams),
        "outline": "\n".join(_outline_titles(reader.outline)),
        "info": str(info.title) if info is not None and info.title else "",
    }


def _strings_of(obj: object, strings: list[str], streams: list[str]) -> None:
    """Every string and name inside ``obj``, not following references (each indirect
    object is visited on its own); a stream's data, decompressed, but for embedded font
    programs and images, which are binary and hold no text."""
    if isinstance(obj, StreamObject) and not _binary(obj):
        try:
            data = obj.get_data()
        except Exception:  # a filter pypdf cannot undo: keep the raw bytes
            data = obj._data
        streams.append(data.decode("latin-1"))
        with contextlib.suppress(UnicodeDecodeError):
            streams.append(data.decode("utf-8"))  # XMP metadata is UTF-8
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            strings.append(str(key))
            _strings_of(value, strings, streams)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            _strings_of(value, strings, streams)
    elif isinstance(obj, TextStringObject | NameObject):
        strings.append(str(obj))
    elif isinstance(obj, ByteStringObject):
        raw = bytes(obj)
        strings.append(raw.decode("latin-1"))
        if raw[:2] == b"\xfe\xff":
            strings.append(raw[2:].decode("utf-16-be", "replace"))


def _binary(stream: StreamObject) -> bool:
    """An embedded font program (``/Length1``: TrueType; ``/Length2``: Type 1; a
    ``FontFile3`` subtype) or an image."""
    subtype = stream.get("/Subtype")
    return (
        "/Length1" in stream
        or "/Length2" in stream
        or subtype in ("/Image", "/Type1C", "/CIDFontType0C", "/OpenType")
    )


def _outline_titles(items: Sequence[object]) -> list[str]:
    titles: list[str] = []
    for item in items:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(str(item.title))  # type: ignore[attr-defined]
    return titles


def read_change_section(
    database: str, slug: str, audience: int, today: dt.date, *, pypdf_text: bool
) -> Book:
    """Print edition 1 of ``slug`` for ``audience``, change every text of every record at
    every level, and print edition 2, which opens with what changed since edition 1: its
    surfaces, to be searched for markers above the audience (issue 17).

    Each text keeps its marker and its level (" rev" is appended), so a change section
    computed from anything but the two audience-filtered documents would show a field above
    the audience before and after. It works on a copy of the run's database, so the other
    channels, reading the run's, see the dossier as generated.
    """
    cpu: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="clearance-changes-") as folder:
        copy = Path(folder) / "copy.sqlite3"
        with (
            _cpu(cpu, "change section: copy"),
            contextlib.closing(sqlite3.connect(database)) as source,
            contextlib.closing(sqlite3.connect(copy)) as target,
        ):
            source.backup(target)
        options = BookOptions(audience=audience, today=today, sections=ALL_SECTIONS)
        second = Path(folder) / "2.pdf"
        with open_store(copy, seed_sample=False) as store:
            with _cpu(cpu, "change section: books"):
                export_book(store, slug, options, Path(folder) / "1.pdf")
            with _cpu(cpu, "change section: edits"):
                _revise(store, slug)
            with _cpu(cpu, "change section: books"):
                result = export_book(store, slug, options, second)
        assert result.since == 1, "the second edition compares with the first"
        surfaces = read_pdf(second, pypdf_text=pypdf_text, cpu=cpu)
    return Book(surfaces, cpu)


def _revise(store: Store, slug: str) -> None:
    """Append " rev" to every text field of every record of the dossier, and to its
    subtitle and scene-setter, whatever their levels."""
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == slug)).one()
        dossier.scene_setter += " rev"
        if dossier.subtitle:
            dossier.subtitle += " rev"
        every = with_polymorphic(Record, [model_of(kind) for kind in KINDS])
        for record in session.scalars(select(every).where(every.dossier_id == dossier.id)):
            kind = BY_NAME.get(record.kind)
            for declared in kind.fields if kind is not None else ():
                value = getattr(record, declared.name, None)
                size = declared.size or (2_000_000 if declared.widget == "multiline" else 300)
                if (
                    declared.widget in ("text", "multiline")
                    and declared.storage == ""
                    and not declared.rule
                    and isinstance(value, str)
                    and value
                    and len(value) + 4 <= size
                ):
                    setattr(record, declared.name, value + " rev")
