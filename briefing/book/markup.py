"""The one way user text reaches the page: cleaned, split into font runs, escaped.

Every string that comes from the database passes through :func:`escape` before it is
put into ReportLab Paragraph markup, and through :func:`runs` before it is drawn on a
canvas or in a chart. So a title such as ``<img src="http://…">`` prints literally (and
is never fetched), control characters never reach the PDF, and Hangul, Chinese and
Japanese are drawn by a font that has them instead of as empty boxes.

Known limit: right-to-left scripts (Hebrew, Arabic) print their letters in stored
(logical) order without reordering or Arabic joining, which ReportLab cannot do without
a text shaper; the characters are all there and extract correctly.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.book.fonts import Face, faces
from briefing.text import unseen

REPLACEMENT = "\ufffd"
"""Drawn where no bundled font has a glyph (most emoji): visible, but not a blank box."""

_CACHE_UP_TO = 200
"""Short strings (names, titles, labels) repeat across a book and are worth caching."""

_PLAIN = re.compile(r"[ -~]*")
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})

_HANGUL = (
    (0x1100, 0x11FF),
    (0x3130, 0x318F),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7AF),
    (0xD7B0, 0xD7FF),
)
HANGUL_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HANGUL)
"""The Hangul blocks as a regular-expression character class (without brackets)."""
_CJK = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3134F),
)
_LINE_BREAKS = {"\n", "\u2028", "\u2029", "\x85"}


def _in(ranges: tuple[tuple[int, int], ...], cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _is_hangul(cp: int) -> bool:
    return _in(_HANGUL, cp)


def _is_cjk(cp: int) -> bool:
    return _in(_CJK, cp)


def _dropped(char: str) -> bool:
    """Characters with no visible form of their own: controls, format marks, selectors.

    The unseen characters every channel drops (:func:`briefing.text.unseen`), less the
    line breaks and tabs a paragraph keeps; and emoji variation selectors, which like
    bidi controls and zero-width joiners only steer shaping ReportLab does not do, so
    they are dropped rather than drawn as boxes.
    """
    if char in _LINE_BREAKS or char == "\t":
        return False
    cp = ord(char)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0000 <= cp <= 0xE01EF:
        return True
    return unseen(char)


@lru_cache(maxsize=1)
def _latin_text() -> frozenset[str]:
    """Characters the Latin face draws as they are: most text needs no splitting at all."""
    latin = faces()[0]
    chars = (chr(cp) for cp in latin.covers if 0x20 <= cp < 0xE000)
    return frozenset(c for c in chars if not _dropped(c) and c not in _LINE_BREAKS)


def _preferences(cp: int, latin: Face, hangul: Face, cjk: Face) -> tuple[Face, ...]:
    if _is_hangul(cp):
        return (hangul, cjk)
    if _is_cjk(cp):
        return (cjk, hangul)
    return (latin, hangul, cjk)


def _sticky(char: str) -> bool:
    """Spaces, digits and ASCII punctuation stay in the run they are in, if it has them."""
    return char.isspace() or (char < "\x80" and not char.isalpha())


def runs(text: str) -> list[tuple[Face, str]]:
    """``text`` cleaned and split into (face, text) runs, each drawable by its face.

    Cleaning: NFC normalisation; tabs become spaces; line breaks become ``\\n``;
    control and format characters are dropped; any run of characters no bundled font
    has (an emoji with its modifiers) becomes one replacement character.
    """
    latin, hangul, cjk = faces()
    if _PLAIN.fullmatch(text):
        return [(latin, text)] if text else []
    if set(text) <= _latin_text() and unicodedata.is_normalized("NFC", text):
        return [(latin, text)]
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[tuple[Face, list[str]]] = []
    current: Face | None = None
    missing = False
    for char in text:
        if char in _LINE_BREAKS:
            char = "\n"
        elif char == "\t":
            char = " "
        elif _dropped(char):
            continue
        cp = ord(char)
        face: Face | None
        if char == "\n":
            face = current or latin
        elif unicodedata.category(char) in ("Co", "Cn"):
            face = None
        elif char == " " and current is cjk and cp in hangul.covers:
            # Droid's space is narrower than NanumGothic's: one width for every space
            # between Korean words, Hanja or not (Japanese and Chinese rarely have any).
            face = hangul
        elif current is not None and _sticky(char) and cp in current.covers:
            face = current
        else:
            face = next((f for f in _preferences(cp, latin, hangul, cjk) if cp in f.covers), None)
        if face is None:
            if missing:
                continue
            face, char = latin, REPLACEMENT
            missing = True
        else:
            missing = False
        if face is current and out:
            out[-1][1].append(char)
        else:
            out.append((face, [char]))
            current = face
    return [(face, "".join(chars)) for face, chars in out]


def escape(text: str, *, bold: bool = False) -> str:
    """Paragraph markup that prints ``text`` literally, in fonts that have its glyphs.

    The paragraph's own font is the Latin face (regular or bold); runs in other faces
    are wrapped in ``<font name=…>``. ReportLab resets the weight to the named font's,
    so ``bold`` picks the bold member of those faces for text in a bold context.
    """
    if len(text) <= _CACHE_UP_TO:
        return _escape_cached(text, bold)
    return _escape(text, bold)


@lru_cache(maxsize=8192)
def _escape_cached(text: str, bold: bool) -> str:
    return _escape(text, bold)


def _escape(text: str, bold: bool) -> str:
    latin = faces()[0]
    parts: list[str] = []
    for face, chunk in runs(text):
        body = chunk.translate(_XML).replace("\n", "<br/>")
        if face is latin:
            parts.append(body)
        else:
            parts.append(f'<font name="{face.name(bold)}">{body}</font>')
    return "".join(parts)


def korean_heavy(text: str) -> bool:
    """Whether ``text`` is mostly Korean, which the book sets justified.

    Counted over letters: a Korean sentence with an English name or some Hanja is
    still Korean; English with one Korean name is not.
    """
    if _PLAIN.fullmatch(text):
        return False
    letters = hangul = 0
    for char in text:
        if char.isspace() or not char.isalnum():
            continue
        letters += 1
        if _is_hangul(ord(char)):
            hangul += 1
    return letters > 0 and hangul * 10 >= letters * 3


def clip(text: str, limit: int) -> str:
    """``text`` on one line and at most ``limit`` characters, cut at a word with "…".

    Used where a string must stay short (a heading, a table cell, an outline entry);
    long text is printed in full elsewhere as flowing paragraphs.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–") + "…"


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` drawn run by run at ``size``."""
    return float(sum(stringWidth(chunk, face.name(bold), size) for face, chunk in runs(text)))


def fit(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """``text`` on one line, shortened with "…" until it fits ``width`` points."""
    flat = " ".join(text.split())
    if text_width(flat, size, bold=bold) <= width:
        return flat
    low, high = 0, len(flat)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(flat[:middle] + "…", size, bold=bold) <= width:
            low = middle
        else:
            high = middle - 1
    return flat[:low].rstrip() + "…"
