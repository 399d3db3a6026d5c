"""Find the line of a value inside JSON text, given its path, for error messages.

pydantic reports *where* in the document a value is wrong (``people.3.name``); staff
fixing a file by hand need the line. This walks the text with the standard decoder,
skipping the values it does not need, so it works on any formatting.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


def _child_offset(text: str, pos: int, key: str | int) -> int | None:
    """Offset of the value under ``key`` in the object or array starting at ``pos``."""
    opener = text[pos]
    pos = _skip_ws(text, pos + 1)
    index = 0
    while pos < len(text) and text[pos] not in "}]":
        if opener == "{":
            name, pos = _DECODER.raw_decode(text, pos)
            pos = _skip_ws(text, pos)
            pos = _skip_ws(text, pos + 1)  # the colon
            if name == key:
                return pos
        elif index == key:
            return pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        index += 1
    return None


def locate(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line where the value at ``path`` starts (or its nearest parent)."""
    try:
        pos = _skip_ws(text, 0)
        for key in path:
            if pos >= len(text) or text[pos] not in "{[":
                break
            child = _child_offset(text, pos, key)
            if child is None:
                break
            pos = child
    except (ValueError, IndexError, RecursionError):
        return None
    return line_of(text, pos)


def dotted(path: Sequence[str | int]) -> str:
    """``people[3].name``: a path as people read it."""
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out
