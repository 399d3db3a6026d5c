"""Snippets: a short piece of a record's text around the first word found, words marked.

The words are found however they are spelt, with or without diacritics, as the index
folds them (see :func:`fold`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from briefing.domain.references import without_references

_WORD_START = re.compile(r"(?<!\w)\w")
_LAST_GAP = re.compile(r"\s\S*\Z")
SNIPPET_CHARS = 120
"""The most characters of a record's text a snippet shows, before its [brackets]."""
SNIPPET_LEAD = 40
"""How much of a snippet comes before the word found, when the text has that much."""
_PATTERN_LETTERS = 64


def _plain_letters() -> dict[str, str]:
    """Accented Latin letters and the plain letter the index folds each to.

    The index's tokenizer (``remove_diacritics 2``) files "Deök" under "deok"; snippets
    must find the same words, so they fold alike. Only Latin letters fold: decomposing
    Hangul would turn a syllable into its jamo.
    """
    plain: dict[str, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        base = unicodedata.normalize("NFKD", letter)[0].lower()
        if base != letter.lower() and base.isascii() and base.isalpha():
            plain[letter.lower()] = base
    return plain


_PLAIN = _plain_letters()
_SPELLINGS = {
    base: base + "".join(letter for letter, plain in _PLAIN.items() if plain == base)
    for base in set(_PLAIN.values())
}
"""Each plain letter and every accented letter folding to it, for a regex character class."""


def fold(word: str) -> str:
    """``word`` in lower case, its Latin letters without diacritics, as the index holds it."""
    return "".join(_PLAIN.get(letter, letter) for letter in word.lower())


def _spelled(word: str) -> str:
    """A regular expression for ``word`` in any case and with or without diacritics."""
    return "".join(
        f"[{_SPELLINGS[letter]}]" if letter in _SPELLINGS else re.escape(letter)
        for letter in fold(word)[:_PATTERN_LETTERS]
    )


@functools.lru_cache(maxsize=16)
def _patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a word of a text starts with one of ``words``, and the whole of such a word.

    Cached: a search builds one snippet per hit from the same words.
    """
    starts = "|".join(sorted((_spelled(word) for word in words), key=len, reverse=True))
    first = rf"(?<!\w)(?:{starts})"
    return re.compile(first, re.IGNORECASE), re.compile(rf"{first}\w*", re.IGNORECASE)


def _bracketed(word: re.Match[str]) -> str:
    # A function, not a "[\g<0>]" template: expanding a template imports re on every call,
    # through PySide's import hook once the GUI runs, which costs more than the match.
    return f"[{word.group()}]"


def snippet(body: str, words: Sequence[str]) -> str:
    """Some ``SNIPPET_CHARS`` of ``body`` around the first of ``words``, each found one in
    [brackets], cut at word boundaries and marked … where cut.

    FTS5's own ``snippet()`` scores every place a query's words occur, which over a long
    text full of them takes seconds per hit; this finds the first place only, and is run
    for the hits shown, not for every match.
    """
    body = without_references(body)  # which sources it names is not the audience's to see
    first, whole = _patterns(tuple(words))
    found = first.search(body)
    at = found.start() if found else 0
    start = max(0, at - SNIPPET_LEAD)
    if start:
        word = _WORD_START.search(body, start, at + 1)
        start = word.start() if word else start
    end = min(len(body), start + SNIPPET_CHARS)
    if end < len(body) and not body[end].isspace():
        gap = _LAST_GAP.search(body, at + 1, end)
        end = gap.start() if gap else end
    shown = " ".join(body[start:end].split())
    marked = whole.sub(_bracketed, shown)
    return f"{'…' if start else ''}{marked}{'…' if end < len(body) else ''}"
