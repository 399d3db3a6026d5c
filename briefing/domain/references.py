"""Inline references to a source in free text: ``[[src:004]]``.

A writer names a source inside a summary, a note or the scene-setter by its stable id
(the uid exchange files use; a source's details show it), where a citation mark would
go: "one unsigned post reports the meeting [[src:000]]". The book prints the reference
as the source's number in that edition, [n], linked to its entry in the sources list;
the GUI as a link that opens the source; the checks report a reference that names no
source.

A reference that does not resolve for a reader (no such source, a source above the
reader's clearance, or a book without a sources list) prints nothing, and takes the
space before it along, so text reads alike whichever it is and a withheld source leaves
no trace. Written at the end of a clause, the text still reads when it prints nothing.

For an audience below the source, the reference is not in the text at all: its dossier
file leaves it out and the checks run at its level do not report it
(:func:`briefing.store.references.withheld_from`), so nothing it is given names a
withheld source's id.

Only the characters a uid is made of may stand between the brackets, so markup in
hostile text (``[[<b>]]``) is never a reference and is escaped like the text around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from briefing.domain.registry import KINDS

REFERENCE: Final = re.compile(r"\[\[([A-Za-z0-9][A-Za-z0-9._:-]{0,119})\]\]")
"""``[[UID]]``; a uid is at most 120 characters (``record.uid``), none of them markup."""

_CUT: Final = re.compile(r"[ \t]*\[\[[A-Za-z0-9._:-]*…$")
"""The start of a reference that cutting text short left unfinished, up to the "…"."""

TEXT_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    kind.name: names
    for kind in KINDS
    if (names := tuple(field.name for field in kind.fields if field.references))
}
"""The free-text columns of each kind where references are written and resolved, besides
every record's notes and the dossier's scene-setter. Names and titles are not among
them: they are labels in lists, outlines and file names, where a link cannot go."""


def text_fields(kind: str) -> tuple[str, ...]:
    """The columns of a record of ``kind`` that may hold references."""
    return (*TEXT_FIELDS.get(kind, ()), "notes")


@dataclass(frozen=True, slots=True)
class Reference:
    """One ``[[UID]]`` in a text."""

    uid: str


def pieces(text: str) -> list[str | Reference]:
    """``text`` as its plain runs and references, in order; no empty runs."""
    out: list[str | Reference] = []
    cursor = 0
    for match in REFERENCE.finditer(text):
        if match.start() > cursor:
            out.append(text[cursor : match.start()])
        out.append(Reference(match.group(1)))
        cursor = match.end()
    if cursor < len(text):
        out.append(text[cursor:])
    return out


def referenced(text: str) -> list[str]:
    """The uids ``text`` refers to, each once, in order of first mention."""
    return list(dict.fromkeys(m.group(1) for m in REFERENCE.finditer(text)))


def render(text: str, plain: Callable[[str], str], resolve: Callable[[str], str | None]) -> str:
    """``text`` as markup: plain runs through ``plain`` (the channel's own escaping), each
    reference through ``resolve`` (its markup, or None when it must print nothing).

    A reference that prints nothing takes the blanks before it along (those after it,
    when it starts a line), so "reported [[src:9]]." reads "reported." and not
    "reported ."; a run of text is escaped whole, never cut inside a reference.
    """
    out: list[str] = []
    pending = ""
    trim_next = False
    for piece in pieces(text):
        if isinstance(piece, str):
            pending += piece.lstrip(" \t") if trim_next else piece
            trim_next = False
            continue
        shown = resolve(piece.uid)
        if shown is None:
            pending = pending.rstrip(" \t")
            trim_next = not pending or pending.endswith("\n")
            continue
        if pending:
            out.append(plain(pending))
            pending = ""
        out.append(shown)
    if pending:
        out.append(plain(pending))
    return "".join(out)


def cut_short(text: str) -> str:
    """Text cut short with "…" (:func:`briefing.book.markup.clip`), less any reference the
    cut left unfinished: half an id prints nothing, as an unknown one does."""
    return _CUT.sub("…", text)


def without_references(text: str) -> str:
    """``text`` with its references taken out, for places that show text but no links (a
    search snippet, a link's own label): there, every reference prints nothing."""
    return render(text, str, lambda _uid: None) if "[[" in text else text
