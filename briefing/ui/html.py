"""The one place user text is escaped for Qt's rich-text widgets."""

from __future__ import annotations

import html


def esc(text: object) -> str:
    """Escape for Qt rich text, keeping line breaks visible."""
    return html.escape(str(text), quote=True).replace("\n", "<br>")


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
