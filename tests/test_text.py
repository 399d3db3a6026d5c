"""Unseen characters: dropped from one-line channels, escaped on a terminal."""

from __future__ import annotations

import pytest

from briefing.text import clean_line, for_terminal, unseen

UNSEEN = [
    "\x00",  # NUL
    "\x07",  # BEL
    "\x1b",  # ESC
    "\x7f",  # DEL
    "\x9b",  # C1 control sequence introducer
    "\u00ad",  # soft hyphen
    "\u061c",  # Arabic letter mark
    "\u200b",  # zero-width space
    "\u200f",  # right-to-left mark
    "\u202a",  # left-to-right embedding
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2069",  # pop directional isolate
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\ufeff",  # byte order mark
    "\U000e0041",  # tag letter A
]


@pytest.mark.parametrize("char", UNSEEN)
def test_controls_bidi_and_format_characters_are_unseen(char: str) -> None:
    assert unseen(char)
    assert clean_line(f"a{char}b") in ("ab", "a b")
    assert char not in for_terminal(f"a{char}b")


def test_letters_spaces_and_marks_are_seen() -> None:
    text = "Ahn Duk-geun 안덕근 東京 שלום\u00a0é e\u0301 (a<b) 👍🏽"
    assert not any(unseen(c) for c in text)
    assert clean_line(text) == text
    assert for_terminal(text) == text


def test_clean_line_drops_unseen_and_makes_breaks_and_tabs_spaces() -> None:
    assert clean_line("Talks\x00 in\x07 Seoul\u202e\u200b") == "Talks in Seoul"
    assert clean_line("one\ntwo\r\nthree\tfour\u2028five") == "one two  three four five"
    assert clean_line("  keeps  spaces ") == "  keeps  spaces "


def test_for_terminal_writes_escapes() -> None:
    assert for_terminal("bell\x07 esc\x1b[31m") == "bell\\x07 esc\\x1b[31m"
    assert for_terminal("rlo\u202eexe.pdf") == "rlo\\u202eexe.pdf"
    assert for_terminal("line\nbreak\ttab") == "line\\x0abreak\\x09tab"
    assert for_terminal("tag\U000e0041") == "tag\\U000e0041"
    assert for_terminal("lone \udc80") == "lone \\udc80"
