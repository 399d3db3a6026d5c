"""Reading a ``.ics`` file's bytes without the library that wrote them."""

from __future__ import annotations

import re


def logical_lines(data: bytes) -> list[str]:
    """The content lines of ``data``, unfolded (RFC 5545 3.1), as text."""
    return data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8").split("\r\n")[:-1]


def blocks(data: bytes, name: str) -> list[list[str]]:
    """The content lines of each ``BEGIN:name`` … ``END:name`` block, in order."""
    found: list[list[str]] = []
    current: list[str] | None = None
    for line in logical_lines(data):
        if line == f"BEGIN:{name}":
            current = []
        elif line == f"END:{name}" and current is not None:
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


def prop(block: list[str], name: str) -> list[str]:
    """The lines of ``block`` that hold property ``name`` (with or without parameters)."""
    return [line for line in block if re.match(rf"{name}[;:]", line)]
