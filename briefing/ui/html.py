"""The one place user text is escaped for Qt's rich-text widgets."""

from __future__ import annotations

import html
from collections.abc import Mapping

from briefing.domain.formats import marking
from briefing.domain.references import render
from briefing.store.references import NamedSource

LINK_TITLE = 60
"""A reference shows its source's title cut to this many characters."""


def esc(text: object) -> str:
    """Escape for Qt rich text, keeping line breaks visible."""
    return html.escape(str(text), quote=True).replace("\n", "<br>")


def esc_refs(text: str, sources: Mapping[str, NamedSource]) -> str:
    """``text`` escaped, each reference to a source a link that opens it, shown as its
    portion marking and title in brackets, "[(I) Public record]", as the book's sources
    list prints it; a reference to a source not in ``sources`` (none such, or one
    the audience may not see) shows nothing, as in the book."""

    def link(uid: str) -> str | None:
        source = sources.get(uid)
        if source is None:
            return None
        title = " ".join(source.title.split())
        if len(title) > LINK_TITLE:
            title = title[: LINK_TITLE - 1].rstrip() + "…"
        mark = f"<b>{esc(marking(source.marking))}</b>"
        return f'<a href="record:{source.id}">[{mark} {esc(title)}]</a>'

    return render(text, esc, link)


def highlight(text: str, excerpts: list[str]) -> str:
    """``text`` escaped, with every occurrence of each excerpt marked."""
    spans: list[tuple[int, int]] = []
    for excerpt in excerpts:
        if not excerpt:
            continue
        start = text.find(excerpt)
        while start >= 0:
            spans.append((start, start + len(excerpt)))
            start = text.find(excerpt, start + 1)
    spans.sort()
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            start = cursor
        if start >= end:
            continue
        out.append(esc(text[cursor:start]))
        out.append(
            f'<span style="background-color:#ffe680;color:#000">{esc(text[start:end])}</span>'
        )
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out)
