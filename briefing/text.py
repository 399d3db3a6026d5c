"""User text for channels with no markup of their own: PDF metadata, outlines, terminals.

A title may hold characters nobody sees: controls (NUL, BEL, ESC, DEL, C1), bidi
overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069), zero-width and other
format marks (U+200B–U+200F, U+061C, U+FEFF, soft hyphen) and the Unicode line and
paragraph separators. In a PDF's Title or a bookmark they hide or reorder what a reader
sees (an RLO makes "exe.pdf" read "fdp.exe"); on a terminal, ESC starts a control
sequence. What counts is one definition, :func:`unseen`, by Unicode category (Cc, Cf,
Cs, Zl, Zp), so it covers the next format character Unicode adds too. The book's
paragraph text is cleaned by the same definition (``briefing.book.markup``).

Nothing here imports Qt or ReportLab: the command line, the book and the GUI all use it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_UNSEEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_PLAIN = re.compile(r"[ -~]*")
"""Printable ASCII, by far the most common text, has nothing to clean or escape."""


def unseen(char: str) -> bool:
    """Whether ``char`` is a control, format or separator character with no glyph of its own."""
    return unicodedata.category(char) in _UNSEEN


def clean_line(text: str) -> str:
    """``text`` with every unseen character gone; line breaks and tabs become a space.

    Ordinary spaces are kept as they are, so a clean string is the text a reader sees.
    """
    if _PLAIN.fullmatch(text):
        return text
    return "".join((" " if char.isspace() else "") if unseen(char) else char for char in text)


def for_terminal(text: str) -> str:
    """``text`` with every unseen character written as its escape, such as ``\\x07``.

    For a terminal, where a raw ESC would start a control sequence and a raw RLO would
    turn the rest of the line around; the escape shows that the character is there.
    Line breaks and tabs are escaped too, so one record stays on one line.
    """
    if _PLAIN.fullmatch(text):
        return text
    return "".join(_escaped(char) if unseen(char) else char for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


NUL = "\x00"


def without_nul(value: Any) -> Any:
    """``value`` with U+0000 dropped from every string in it, however deeply nested.

    A NUL is never text anyone meant (it reaches us from C strings and binary pastes), a
    book drops it in print anyway, and PostgreSQL cannot store it in a text column at all.
    Dropping it where text enters the store, an import or an edit, keeps a dossier the same
    on every backend, so its file and its book come out byte-identical on SQLite and on a
    server. Values without a NUL come back as they are (the same object).
    """
    if isinstance(value, str):
        return value.replace(NUL, "") if NUL in value else value
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    return value
