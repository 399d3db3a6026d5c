"""Line breaking by script: Korean between words, Chinese and Japanese between characters.

ReportLab offers one choice per paragraph: break at spaces (its default), or
``wordWrap='CJK'``, which breaks between any two characters. Neither suits a book
that mixes scripts. Korean separates words with spaces and is broken only there
("keep-all"): a name such as 유명희 or 柳明希 split over two lines is a misprint, and
Hanja inside Korean text must not switch the paragraph to breaking anywhere. Japanese
and Chinese have no spaces and must break between characters, or a sentence is one
word that only breaks when it is wider than the whole line.

So every paragraph in the book is broken at spaces, and :class:`Paragraph` adds break
opportunities between kana and ideographs per stretch of text: in a word without
Hangul, between two characters at least one of which is kana or an ideograph, unless
the paragraph has Hangul and the word no kana (it is then Hanja, part of Korean
text); never before closing punctuation or after opening
punctuation (kinsoku). A word still wider than its column is broken where it must
(``splitLongWords``), so nothing overflows a frame.

Justified paragraphs (Korean body text) never stretch a gap beyond twice the space:
a line too loose for that is set as justified as it may be and left ragged at the
end, rather than opened up with gaps a reader takes for paragraph structure.

This leans on ReportLab's frag-word representation (``_getFragWords``), the form its
own page splits hand to a continued paragraph; the book tests read the printed lines
back and fail if a ReportLab upgrade changes it.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl

from briefing.book.markup import HANGUL_CLASS

_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WIDE = "\u3000-\u303f\uff01-\uff65"
"""CJK punctuation and fullwidth forms: they sit between kana and ideographs."""

_ANY_CJK = re.compile(f"[{_KANA}{_HAN}]")
_HANGUL = re.compile(f"[{HANGUL_CLASS}]")
_KANA_RE = re.compile(f"[{_KANA}]")
_IDEOGRAPHIC = re.compile(f"[{_KANA}{_HAN}{_WIDE}]")

_NO_START = frozenset(ALL_CANNOT_START) | frozenset("」』）〕］｝〉》】、。，．：；？！")
_NO_END = frozenset(ALL_CANNOT_END) | frozenset("([{「『（〔［｛〈《【")


def breaks(word: str, *, korean: bool) -> list[int]:
    """Where a line may break inside ``word`` (offsets, each before a character).

    ``korean``: the paragraph has Hangul, so a word of ideographs is Hanja, kept
    whole like a Hangul word; only a word with kana (Japanese) is opened.
    """
    if _HANGUL.search(word) or (korean and not _KANA_RE.search(word)):
        return []
    out = []
    for i in range(1, len(word)):
        before, after = word[i - 1], word[i]
        if not (_IDEOGRAPHIC.match(before) or _IDEOGRAPHIC.match(after)):
            continue
        if after in _NO_START or before in _NO_END or after.isspace():
            continue
        out.append(i)
    return out


def _opened(words: list[Any], korean: bool) -> list[Any]:
    """ReportLab frag words with kana and ideograph runs cut at their break opportunities.

    A frag word is ``[width, (frag, text), ...]``; its class says whether a space
    follows it. The pieces but the last are plain lists, which ReportLab joins with no
    space; the last keeps the word's class, and so the space after it.
    """
    out: list[Any] = []
    for word in words:
        if type(word) not in (list, rl._HSFrag):
            out.append(word)
            continue
        pieces = word[1:]
        text = "".join(t for _, t in pieces)
        cuts = breaks(text, korean=korean) if _ANY_CJK.search(text) else []
        if not cuts:
            out.append(word)
            continue
        bounds = [0, *cuts, len(text)]
        position = 0
        located = []
        for frag, chunk in pieces:
            located.append((position, frag, chunk))
            position += len(chunk)
        segments = []
        for start, end in itertools.pairwise(bounds):
            last = end == len(text)
            parts = []
            for at, frag, chunk in located:
                lo, hi = max(start, at), min(end, at + len(chunk))
                # an empty frag (an anchor) goes with the text after it, or the last piece
                if lo < hi or (not chunk and start <= at and (at < end or last)):
                    parts.append((frag, chunk[lo - at : hi - at]))
            width = sum(stringWidth(t, f.fontName, f.fontSize) for f, t in parts if t)
            segments.append([width, *parts])
        for segment in segments[:-1]:
            out.append(segment)
        out.append(type(word)(segments[-1]))
    return out


class Paragraph(rl.Paragraph):  # type: ignore[misc]
    """ReportLab's Paragraph, broken by script and justified within limits (see module)."""

    def breakLines(self, width: Any) -> Any:  # noqa: N802 (ReportLab's name)
        frags: list[Any] = getattr(self, "frags", [])
        if frags and not rl._processed_frags(frags):
            texts = [getattr(f, "text", "") for f in frags]
            if any(_ANY_CJK.search(t) for t in texts):
                korean = any(_HANGUL.search(t) for t in texts)
                first = width[0] if isinstance(width, (list, tuple)) else width
                self.frags = _opened(rl._getFragWords(frags, first), korean)
        lines = super().breakLines(width)
        if self.style.alignment == TA_JUSTIFY:
            _limit_gaps(lines, self.style)
        return lines


def _limit_gaps(blocks: Any, style: Any) -> None:
    """Caps each justified line's stretch so no gap grows past twice its own space.

    ReportLab adds the same amount to every space on a line, and the spaces are drawn
    in the faces of the runs they belong to (DejaVu's is wider than NanumGothic's), so
    the stretch may not exceed the narrowest space on the line.
    """
    if blocks.kind == 0:
        space = stringWidth(" ", blocks.fontName, blocks.fontSize)
        for i, (extra, words) in enumerate(blocks.lines):
            gaps = len(words) - 1
            if gaps > 0 and extra > gaps * space:
                blocks.lines[i] = (gaps * space, words)
        return
    for line in blocks.lines:
        gaps = line.wordCount - 1
        if gaps <= 0 or line.extraSpace <= 0:
            continue
        spaces = [
            stringWidth(" ", w.fontName, w.fontSize)
            for w in line.words
            if " " in (getattr(w, "text", "") or "")
        ]
        space = min(spaces, default=0.0)
        line.extraSpace = min(line.extraSpace, gaps * space)
