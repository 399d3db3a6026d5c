"""Reading exported PDFs back: text (pypdf and pdftotext), raw streams, outline, fonts.

The book is judged by what a reader's tools get out of the file, never by what the
writer meant to put in.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pypdf
from pypdf.generic import ContentStream, IndirectObject, StreamObject


def pdftotext(path: Path, *, layout: bool = False, raw: bool = False) -> list[str]:
    """Text of each page, as poppler extracts it (``raw``: in the order it is drawn)."""
    mode = ["-layout"] if layout else ["-raw"] if raw else []
    args = ["pdftotext", "-enc", "UTF-8", *mode, str(path), "-"]
    out = subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")
    return out.split("\f")[:-1]


def pypdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def raw(path: Path) -> bytes:
    """Every object in the file, streams decompressed, plus the file's own bytes.

    Text drawn with subset fonts is glyph ids, not characters, in content streams, so
    this finds what is stored as strings: metadata, outline titles, link targets.
    """
    reader = pypdf.PdfReader(path)
    parts = [path.read_bytes()]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # free or missing entries in the xref table
            continue
        if isinstance(obj, StreamObject):
            parts.append(obj.get_data())
        parts.append(repr(obj).encode("utf-8", "replace"))
    return b"\n".join(parts)


def contains_raw(blob: bytes, marker: str) -> bool:
    """Whether ``marker`` is in ``blob`` as UTF-8/Latin text or as a UTF-16BE PDF string."""
    return marker.encode() in blob or marker.encode("utf-16-be") in blob


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    page: int


def outline(path: Path) -> list[OutlineEntry]:
    reader = pypdf.PdfReader(path)
    found: list[OutlineEntry] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append(
                    OutlineEntry(
                        level, str(item.title), reader.get_destination_page_number(item) + 1
                    )  # type: ignore[attr-defined]
                )

    walk(reader.outline, 0)
    return found


def fonts(path: Path) -> list[tuple[str, str, str]]:
    """(name, type, embedded) for every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        emb_index = -5
        rows.append((parts[0], parts[1], parts[emb_index]))
    return rows


def fonts_drawn(path: Path, page: int) -> set[str]:
    """The fonts (base names without subset prefix) that page ``page`` (from 1) draws with.

    Only the page's own content: the cover's fonts do not count for a later page, as
    they would in the resources ReportLab shares between pages.
    """
    reader = pypdf.PdfReader(path)
    sheet = reader.pages[page - 1]
    resources = sheet["/Resources"]["/Font"]
    operations = ContentStream(sheet.get_contents(), reader).operations
    return {
        str(resources[operands[0]].get_object()["/BaseFont"]).split("+")[-1]
        for operands, operator in operations
        if operator == b"Tf"
    }


def flat(text: str) -> str:
    """Whitespace collapsed, so a phrase wrapped over lines still matches."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in points from the page's top-left corner (as poppler gives
    word boxes)."""

    left: float
    top: float
    right: float
    bottom: float
    text: str = ""

    def beside(self, other: Box) -> bool:
        """Whether the two share some height on the page."""
        return self.top < other.bottom and other.top < self.bottom


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def word_boxes(path: Path) -> list[list[Box]]:
    """Each page's words with their boxes, from ``pdftotext -bbox``."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    pages = out.split("<page ")[1:]
    return [
        [
            Box(float(a), float(b), float(c), float(d), html.unescape(word))
            for a, b, c, d, word in _WORD.findall(page)
        ]
        for page in pages
    ]


def filled_rects(path: Path, colour: tuple[float, float, float]) -> list[list[Box]]:
    """Each page's rectangles filled in ``colour`` (RGB, 0–1) by its own content stream,
    as boxes from the top-left corner. Change bars are found this way: by what is drawn."""
    reader = pypdf.PdfReader(path)
    found: list[list[Box]] = []
    for sheet in reader.pages:
        height = float(sheet.mediabox.height)
        fill: tuple[float, ...] = ()
        stack: list[tuple[float, ...]] = []
        rects: list[Box] = []
        for operands, operator in ContentStream(sheet.get_contents(), reader).operations:
            if operator == b"q":
                stack.append(fill)
            elif operator == b"Q" and stack:
                fill = stack.pop()
            elif operator == b"rg":
                fill = tuple(float(x) for x in operands)
            elif (
                operator == b"re"
                and all(abs(a - b) < 0.01 for a, b in zip(fill, colour, strict=False))
                and len(fill) == 3
            ):
                x, y, w, h = (float(v) for v in operands)
                rects.append(Box(x, height - (y + h), x + w, height - y))
        found.append(rects)
    return found


@dataclass(frozen=True)
class Word:
    """A word as poppler places it on the page, in points from the top left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    """A printed line: poppler's words in reading order, and the block it belongs to."""

    words: tuple[Word, ...]
    block: int

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


_XHTML = "{http://www.w3.org/1999/xhtml}"


def lines(path: Path) -> list[list[Line]]:
    """Each page's printed lines with their words' boxes (``pdftotext -bbox-layout``)."""
    args = ["pdftotext", "-enc", "UTF-8", "-bbox-layout", str(path), "-"]
    out = subprocess.run(args, check=True, capture_output=True).stdout
    root = ElementTree.fromstring(out)
    pages = []
    for page in root.iter(f"{_XHTML}page"):
        found = []
        for number, block in enumerate(page.iter(f"{_XHTML}block")):
            for line in block.iter(f"{_XHTML}line"):
                words = tuple(
                    Word(
                        w.text or "",
                        float(w.attrib["xMin"]),
                        float(w.attrib["yMin"]),
                        float(w.attrib["xMax"]),
                        float(w.attrib["yMax"]),
                    )
                    for w in line.iter(f"{_XHTML}word")
                )
                if words:
                    found.append(Line(words, number))
        pages.append(found)
    return pages
