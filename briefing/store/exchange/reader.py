"""An exchange file's JSON, read a chunk at a time and handed over one record at a time.

A file is never held whole: the reader walks the top-level object itself and hands each
item of a record list to the caller as soon as the standard library's parser has decoded
it, so a ministry-sized dossier never sits in memory as bytes, text and JSON objects at
once (``python -m tests.benchmarks import``).
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Callable
from typing import Any, BinaryIO, NoReturn

from briefing.errors import N_, ImportRefused, Phrase
from briefing.store.exchange.schema import (
    FORMAT_NAME,
    AppointmentOut,
    ChipOut,
    DelegationOut,
    DossierFile,
    EventOut,
    MeetingBriefOut,
    OrganizationOut,
    PartyOut,
    PersonOut,
    RecordOut,
    SourceOut,
    TalkingPointOut,
)
from briefing.text import without_nul

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Larger files are refused before parsing: a real dossier is a few megabytes."""

RECORD_TYPES: dict[str, type[RecordOut]] = {
    "parties": PartyOut,
    "organizations": OrganizationOut,
    "people": PersonOut,
    "appointments": AppointmentOut,
    "sources": SourceOut,
    "events": EventOut,
    "delegations": DelegationOut,
    "meeting_briefs": MeetingBriefOut,
    "chips": ChipOut,
    "talking_points": TalkingPointOut,
}
"""The record lists of a file, in the order the format writes them, with their item types."""

RECORD_LISTS: tuple[str, ...] = tuple(RECORD_TYPES)
LIST_NUMBERS = {name: number for number, name in enumerate(RECORD_LISTS)}
FIELD_ORDER = {name: position for position, name in enumerate(DossierFile.model_fields)}

_CHUNK = 1 << 20
"""Bytes read and decoded at a time: a file is parsed through a window, never held whole."""

_MARGIN = 32
"""A syntax error this close to the end of the window may be a value cut by the window."""

_NUL_ESCAPE = "\\u0000"
"""How JSON writes U+0000 (a raw one is a syntax error): a value showing it loses its NULs
(:func:`briefing.text.without_nul`); looking for it costs no walk over the others."""
_SPACE = re.compile(r"[ \t\n\r]*")
NOT_OURS = N_('not a Briefing dossier file (no "format": "{format}")')
"""Raised with ``format=FORMAT_NAME``."""
INVALID_JSON = N_("the file is not valid JSON: {problem}")
"""Raised with ``problem``, a :class:`~briefing.errors.Phrase` of :func:`json_problem`."""

_PARSER_WORDS: dict[str, str] = {
    "Expecting value": N_("Expecting value"),
    "Expecting property name enclosed in double quotes": N_(
        "Expecting property name enclosed in double quotes"
    ),
    "Expecting ':' delimiter": N_("Expecting ':' delimiter"),
    "Expecting ',' delimiter": N_("Expecting ',' delimiter"),
    "Unterminated string starting at": N_("Unterminated string"),
    "Invalid control character": N_("Invalid control character"),
    "Invalid \\uXXXX escape": N_("Invalid \\uXXXX escape"),
    "Invalid \\escape": N_("Invalid \\escape"),
    "Extra data": N_("Extra data"),
    "Illegal trailing comma before end of object": N_(
        "Illegal trailing comma before end of object"
    ),
    "Illegal trailing comma before end of array": N_("Illegal trailing comma before end of array"),
}
"""The standard library parser's words (``JSONDecodeError.msg``), each marked for the
catalogue: its set is finite, and a reader of Korean must not be told "Extra data". A
message is known by how it starts, as the pure-Python parser adds the character."""

UNREADABLE_JSON = N_("the parser could not read it")
"""Said for words of the parser's that :data:`_PARSER_WORDS` does not know (a later
Python's): never its English."""


class DuplicateKey(ValueError):
    """A key written twice in one JSON object, which :func:`json.loads` would take the
    last of silently."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def json_problem(exc: ValueError) -> Phrase:
    """What the parser found wrong, in words marked for the catalogue."""
    if isinstance(exc, DuplicateKey):
        return _twice(exc.key)
    if isinstance(exc, json.JSONDecodeError):
        return parser_words(exc.msg)
    if "integer string conversion" in str(exc):
        return Phrase(
            N_("a number has more than {limit} digits"), limit=sys.get_int_max_str_digits()
        )
    return Phrase(UNREADABLE_JSON)


def parser_words(words: str) -> Phrase:
    """The parser's ``words`` as a phrase of the catalogue's, or its generic one."""
    known = next((said for start, said in _PARSER_WORDS.items() if words.startswith(start)), None)
    return Phrase(known or UNREADABLE_JSON)


def _twice(key: str) -> Phrase:
    return Phrase(N_("the key {key!r} appears twice in one object"), key=key)


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=_reject_duplicate_keys)


def _too_big(size: int) -> ImportRefused:
    return ImportRefused(
        N_("the file is {size:.1f} MB; dossier files are limited to {limit} MB"),
        size=size / 1048576,
        limit=MAX_FILE_BYTES // 1048576,
    )


def refuse_size(size: int) -> None:
    """Refuse a file larger than :data:`MAX_FILE_BYTES` before reading any of it."""
    if size > MAX_FILE_BYTES:
        raise _too_big(size)


class Reader:
    """A file's JSON, decoded a chunk at a time and parsed one value at a time.

    Only the top level is walked here; each value under it (each item of a record list)
    is decoded by the standard library's parser, so syntax errors carry its messages.
    ``buf`` holds the text from the cursor ``pos`` to what has been read so far, and
    ``line`` is the line number of its first character.
    """

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream = stream
        self.name = name
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.size = 0
        self.newlines = 0
        self.eof = False

    def more(self) -> bool:
        """Decode the next chunk into the window; False once the file is used up.

        The amount read grows with the value in hand, so a value larger than a chunk
        (a long text) is re-parsed a few times, not once per chunk.
        """
        if self.eof:
            return False
        try:
            data = self.stream.read(max(_CHUNK, len(self.buf) - self.pos))
        except OSError as exc:
            raise ImportRefused(
                N_("cannot read {name}: {reason}"), name=self.name, reason=exc.strerror or exc
            ) from exc
        if self.size == 0 and data.startswith((b"PK\x03\x04", b"\x1f\x8b")):
            raise ImportRefused(N_("the file is a compressed archive, not a dossier JSON file"))
        self.size += len(data)
        if self.size > MAX_FILE_BYTES:
            raise _too_big(self.size)
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            line = self.newlines + exc.object[: exc.start].count(b"\n") + 1
            raise ImportRefused(N_("the file is not valid UTF-8 text"), line=line) from exc
        self.newlines += data.count(b"\n")
        self.line += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        self.eof = not data
        return True

    def refuse(self, reason: str, at: int | None = None, *, problem: object = None) -> NoReturn:
        """Refuse the file for a syntax problem, unless its encoding is wrong further on:
        that is the more basic fault, and it was always reported first."""
        line = None if at is None else self.line + self.buf.count("\n", 0, at)
        while True:
            self.pos = len(self.buf)
            if not self.more():
                break
        if problem is None:
            raise ImportRefused(reason, line=line)
        raise ImportRefused(reason, line=line, problem=problem)

    def expected(self, words: str) -> NoReturn:
        """Refuse the file at the cursor, in the parser's ``words`` for what is wrong."""
        self.refuse(INVALID_JSON, self.pos, problem=parser_words(words))

    def next_char(self) -> str:
        """Move past JSON whitespace; the character there, or "" at the end of the file."""
        while True:
            match = _SPACE.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value(self) -> Any:
        """Decode the value at the cursor, reading on until it is whole."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated") or exc.pos >= len(self.buf) - _MARGIN
                if self.eof or not cut:
                    self.refuse(INVALID_JSON, exc.pos, problem=json_problem(exc))
                self.more()
                continue
            except RecursionError:
                self.refuse(N_("the file nests too deeply to be a dossier"))
            except ValueError as exc:  # a repeated key, an integer of thousands of digits
                self.refuse(INVALID_JSON, problem=json_problem(exc))
            if end < len(self.buf) or self.eof:  # else a number might go on past the window
                if self.buf.find(_NUL_ESCAPE, self.pos, end) >= 0:
                    value = without_nul(value)
                self.pos = end
                return value
            self.more()

    def document(self, take: Callable[[str, int, Any], None]) -> dict[str, Any]:
        """Walk the whole file. Each item of a record list goes to ``take`` as soon as it is
        decoded; the rest of the top-level object (format, levels, dossier …) is returned."""
        char = self.next_char()
        if char.isspace():  # other Unicode spaces: the file is empty if nothing else follows
            while self.more():
                pass
            if self.buf[self.pos :].strip():
                self.expected("Expecting value")
            char = ""
        if not char:
            raise ImportRefused(N_("the file is empty"))
        if char != "{":
            self.value()
            self.end()
            raise ImportRefused(NOT_OURS, line=1, format=FORMAT_NAME)
        self.pos += 1
        head: dict[str, Any] = {}
        seen: set[str] = set()
        repeated: str | None = None
        char = self.next_char()
        while char != "}":
            if char != '"':
                self.expected("Expecting property name enclosed in double quotes")
            key = self.value()
            if key in seen and repeated is None:
                repeated = key
            seen.add(key)
            if self.next_char() != ":":
                self.expected("Expecting ':' delimiter")
            self.pos += 1
            if self.next_char() == "[" and key in RECORD_TYPES and repeated is None:
                self.items(key, take)
            else:
                head[key] = self.value()
            char = self.after_value("}", "Expecting property name enclosed in double quotes")
        self.pos += 1
        self.end()
        if repeated is not None:  # as the standard parser reports it: once the object is read
            raise ImportRefused(INVALID_JSON, problem=_twice(repeated))
        return head

    def items(self, key: str, take: Callable[[str, int, Any], None]) -> None:
        self.pos += 1
        char = self.next_char()
        index = 0
        while char != "]":
            take(key, index, self.value())
            index += 1
            char = self.after_value("]", "Expecting value")
        self.pos += 1

    def after_value(self, closer: str, after_comma: str) -> str:
        """Past the comma after a member, or at the closing bracket: the character there.

        ``after_comma`` is the standard parser's words for a comma straight before the
        closer, so a refusal reads the same as ``json.loads`` would put it.
        """
        char = self.next_char()
        if char == ",":
            self.pos += 1
            char = self.next_char()
            if char == closer:
                self.expected(after_comma)
        elif char != closer:
            self.expected("Expecting ',' delimiter")
        return char

    def end(self) -> None:
        if self.next_char():
            self.expected("Extra data")
