"""What every section uses: portion-marked paragraphs, headings, tables, dates.

Sections never build Paragraph markup from user text themselves; they hand it to the
helpers here, which pass it through :func:`briefing.book.markup.escape` and prefix the
record's portion marking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import count
from typing import Protocol

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from briefing.book.data import BookData, Cite, EventV, FieldV, Level
from briefing.book.fonts import LATIN
from briefing.book.language import Speech
from briefing.book.markup import clip, escape, korean_heavy
from briefing.book.options import SECTION_TITLES, BookOptions
from briefing.book.since import Since
from briefing.book.styles import LINK, RULE, SHADE, Styles, styles, table_style
from briefing.book.template import Barred, Entry, Heading
from briefing.book.wrap import Paragraph
from briefing.domain.references import render
from briefing.domain.times import event_clocks, event_venue
from briefing.store.visibility import LOWEST, highest, rung

HEADING_LIMIT = 150
"""Headings, contents and outline entries are cut to this many characters."""

CHUNK = 3000
"""Long paragraphs are laid out in pieces of about this many characters.

ReportLab re-wraps the rest of a paragraph each time it splits one across a page, which
makes a single 100 KB paragraph slow; pieces ending at a word keep it linear.
"""

_BLANK_LINE = re.compile(r"\n[ \t]*\n+")


def when(event: EventV, speech: Speech, home: str) -> str:
    """An event's date as precisely as the sources give it, with its times on the venue's
    clock and on the ``home`` clock ("10:00 EDT · 23:00 KST"); where it is, and on which
    clock, is :func:`where`'s."""
    text = speech.dated(event.start_date, event.end_date, event.precision)
    clocks = event_clocks(event, home)
    if clocks is not None:
        return f"{text}, {clocks}"
    if event.start_time is not None:
        text += f", {event.start_time:%H:%M}"
        if event.end_time is not None:
            text += f"–{event.end_time:%H:%M}"
    return text


def where(event: EventV) -> str:
    """Where an event is and on which clock: "Washington, EDT, UTC−4"."""
    return event_venue(event)


def chunks(text: str) -> list[str]:
    """Paragraphs of ``text`` (split at blank lines), long ones cut at words."""
    out: list[str] = []
    for block in _BLANK_LINE.split(text.strip()):
        while len(block) > CHUNK:
            cut = block.rfind(" ", CHUNK // 2, CHUNK)
            cut = cut if cut > 0 else CHUNK
            out.append(block[:cut])
            block = block[cut:].lstrip()
        if block.strip():
            out.append(block)
    return out


_ITEM = re.compile(r"[ \t]*(?:([-•*–])|(\d{1,3}[.)]))[ \t]+(\S.*)")


def list_blocks(text: str) -> list[tuple[str | None, str]]:
    """``text`` as (bullet, text) blocks: prose has no bullet, a list item its "•" or
    its own number ("1."); a line that is not an item continues the block before it."""
    out: list[tuple[str | None, list[str]]] = []
    for line in text.split("\n"):
        found = _ITEM.fullmatch(line)
        if found is not None:
            out.append((found.group(2) or "•", [found.group(3)]))
        elif out and (out[-1][0] is None or line[:1] in (" ", "\t")):
            out[-1][1].append(line.strip() if out[-1][0] is not None else line)
        else:
            out.append((None, [line]))
    blocks = [(bullet, ("\n" if bullet is None else " ").join(lines)) for bullet, lines in out]
    return [(bullet, body) for bullet, body in blocks if body.strip()]


@cache
def list_item_style(parent: ParagraphStyle) -> ParagraphStyle:
    """A list item under paragraphs of ``parent``: indented, its bullet in the book's font
    (ReportLab's default bullet font is an unembedded Helvetica)."""
    return ParagraphStyle(
        f"{parent.name}-item",
        parent=parent,
        leftIndent=parent.leftIndent + 16,
        bulletIndent=parent.leftIndent + 4,
        bulletFontName=LATIN,
        bulletFontSize=parent.fontSize,
        spaceAfter=2,
    )


class Progress(Protocol):
    """How composing reports where it is and learns that it should stop."""

    def section(self, name: str) -> None: ...

    def check(self) -> None: ...


class Composer:
    """Builds flowables for one edition and remembers what it printed.

    Attributes:
        data: the edition's dossier data.
        highest: the highest handling rank of any record printed so far.
        anchors: link targets already in the story, so links never point nowhere.
    """

    def __init__(
        self,
        data: BookData,
        options: BookOptions,
        progress: Progress,
        since: Since | None = None,
    ) -> None:
        self.data = data
        self.options = options
        self.st: Styles = styles()
        self.speech = Speech(options.language)
        """The book's language: every word, date and amount it prints is said through it."""
        self.gettext = self.speech.gettext
        self.ngettext = self.speech.ngettext
        self.highest = -1
        self.with_sources = "sources" in options.ordered_sections
        self.progress = progress
        self._keys = count(1)
        self.anchors: set[str] = set()
        self.sources = {s.uid: s for s in data.sources} if self.with_sources else {}
        """The sources a reference in text may name: those in this edition's list."""
        self.since = since
        self._marked = since.marked if since is not None else frozenset()
        self._uids = since.uids if since is not None else {}

    def changed(self, record: int | None, key: str) -> bool:
        """Whether the field ``key`` of the record with row id ``record`` (None: the
        dossier) has text new since the edition compared with: its paragraphs get a bar."""
        if not self._marked:
            return False
        uid = self.data.slug if record is None else self._uids.get(record)
        return (uid, key) in self._marked

    # ------------------------------------------------------------ markings

    def mark(self, level: int) -> str:
        """The portion marking of a record at ``level``, noting it for the banner."""
        self.highest = highest(self.highest, level)
        return self.data.marking(level)

    def top_level(self) -> Level:
        """The highest handling level printed so far (the lowest level if none yet)."""
        top = rung(self.data.levels, highest(self.highest, self.data.levels[0].rank))
        if top is None:
            raise KeyError(self.highest)
        return top

    def cited(self, level: int, cites: Sequence[Cite]) -> int:
        """The level of a text at ``level`` followed by marks of ``cites``: a mark says a
        source backs the text, which is as sensitive as the citation itself."""
        return cites_level(level, cites) if self.with_sources else level

    def marked(self, level: int, markup: str) -> str:
        """``markup`` led by the portion marking in bold.

        A marking is text the ministry chose (any printable text of up to 8 characters,
        ``a<b`` or ``<i>`` included), so it is escaped like any user text.
        """
        return f"<b>{escape(self.mark(level), bold=True)}</b> {markup}"

    # ------------------------------------------------------------ paragraphs

    def style_for(self, text: str, style: str = "body") -> ParagraphStyle:
        """The style for ``text`` as ``style``: Korean body text and list items are set
        justified (Latin stays ragged); table cells stay ragged in any script."""
        st = self.st
        if style == "cell":
            return st.cell
        plain, korean = (st.body, st.body_ko) if style == "body" else (st.bullet, st.bullet_ko)
        return korean if korean_heavy(text) else plain

    def paras(
        self,
        text: str,
        level: int,
        *,
        label: str = "",
        cites: Sequence[Cite] = (),
        style: str = "body",
        changed: bool = False,
    ) -> list[Flowable]:
        """``text`` as portion-marked paragraphs; ``label`` leads the first, marks end the last.

        Lines written as a list ("- ", "• ", "1. ") print as a list, an item a paragraph
        with its bullet or number, each item portion-marked like any paragraph. With
        ``changed`` (see :meth:`changed`) each paragraph has a change bar.
        """
        kind = Barred if changed else Paragraph
        blocks = [block for piece in chunks(text) for block in list_blocks(piece)]
        if not blocks:
            return []
        out: list[Flowable] = []
        if label and blocks[0][0] is not None:
            out.append(
                kind(self.marked(level, f"<b>{escape(label, bold=True)}:</b>"), self.st.body)
            )
            label = ""
        last = len(blocks) - 1
        for i, (bullet, piece) in enumerate(blocks):
            body, named = self.text(piece)
            if i == 0 and label:
                body = f"<b>{escape(label, bold=True)}:</b> {body}"
            at = highest(level, named)
            if i == last:
                body += self.cite_marks(cites)
                at = highest(self.cited(level, cites), named)
            st = self.style_for(piece, style)
            if bullet is None:
                out.append(kind(self.marked(at, body), st))
            else:
                item = list_item_style(st)
                out.append(kind(self.marked(at, body), item, bulletText=bullet))
        return out

    def field_paras(
        self, field: FieldV | None, label: str, *, changed: bool = False
    ) -> list[Flowable]:
        """A field that may be handled above its record: with ``label`` and its own
        portion marking when the audience may see it, and nothing at all when not."""
        if field is None:
            return []
        return self.paras(field.text, field.level, label=label, changed=changed)

    def line(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph of our own wording (already markup), not from a record."""
        st = self.st
        return Paragraph(markup, getattr(st, style))

    def cell(self, text: str, level: int | None = None, *, limit: int = 300) -> Paragraph:
        """A table cell: short user text, clipped, portion-marked when from a record."""
        short = clip(text, limit)
        body = escape(short)
        if level is not None:
            body = self.marked(level, body)
        return Paragraph(body, self.style_for(short, "cell"))

    def text(self, text: str) -> tuple[str, int]:
        """``text`` escaped, each reference to a source printed as its number, linked to
        its entry; and the highest level of the sources it names (the lowest for none), which
        the paragraph is marked at, as a citation mark's is.

        A reference to a source not in this edition's list (unknown, withheld from the
        audience, or no list in this book) prints nothing (see
        :mod:`briefing.domain.references`).
        """
        named = LOWEST

        def number(uid: str) -> str | None:
            nonlocal named
            source = self.sources.get(uid)
            if source is None:
                return None
            named = highest(named, source.level)
            return source_link(source.number)

        return render(text, escape, number), named

    def cite_marks(self, cites: Sequence[Cite]) -> str:
        """ " [1][4 disputes]" linked to the sources list, when the book has one; in the
        sources' order, so a reader finds them as the list runs."""
        if not self.with_sources or not cites:
            return ""
        marks = []
        for number in sorted({c.number for c in cites}):
            stances = {c.stance.value for c in cites if c.number == number}
            suffix = escape(self.gettext(" disputes")) if stances == {"disputes"} else ""
            marks.append(source_link(number, suffix))
        return " " + "".join(marks)

    # ------------------------------------------------------------ headings

    def key(self, prefix: str = "h") -> str:
        return f"{prefix}{next(self._keys)}"

    def section(self, name: str, title: str = "") -> Heading:
        """A section's level-1 heading; sections start on a new page. ``title`` is for a
        section that is not one of :data:`SECTION_TITLES` (the change section)."""
        if not title:
            title = self.gettext(SECTION_TITLES[name])
            self.progress.section(name)
        return self._heading(
            title, escape(title, bold=True), escape(title), 0, self.st.h1, self.key("s")
        )

    def item_heading(self, title: str, level: int, key: str) -> Heading:
        """A level-2 heading for one record, in the contents and the outline."""
        plain = f"{self.mark(level)} {clip(title, HEADING_LIMIT)}"
        self.anchors.add(key)
        self.progress.check()
        return self._heading(
            plain,
            escape(plain, bold=True),
            escape(plain),
            1,
            self.st.h2,
            key,
        )

    def group_heading(self, title: str, key: str) -> Heading:
        """A level-2 heading of our own wording, grouping records."""
        self.anchors.add(key)
        return self._heading(title, escape(title, bold=True), escape(title), 1, self.st.h2, key)

    @staticmethod
    def _heading(
        plain: str, markup: str, toc_markup: str, toc_level: int, style: object, key: str
    ) -> Heading:
        heading = Heading(markup, style)
        heading.entry = Entry(toc_level, plain, toc_markup, key)
        return heading

    def subheading(self, text: str) -> Paragraph:
        return Paragraph(escape(text, bold=True), self.st.h3)

    # ------------------------------------------------------------ tables

    def table(
        self,
        rows: list[list[Flowable]],
        widths: Sequence[float],
        *,
        header: bool = True,
        shaded: Iterable[int] = (),
    ) -> Table:
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ]
        if header:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
            ]
        for column in shaded:
            commands.append(("BACKGROUND", (column, 0), (column, -1), SHADE))
        return Table(
            rows,
            colWidths=list(widths),
            repeatRows=1 if header else 0,
            style=table_style(*commands),
            hAlign="LEFT",
        )

    def head(self, *labels: str) -> list[Flowable]:
        return [Paragraph(escape(label, bold=True), self.st.cell_head) for label in labels]

    def facts(self, pairs: Sequence[tuple[str, Flowable]], width: float) -> Table:
        """Label–value pairs in a two-column table with the labels shaded."""
        rows = [
            [Paragraph(escape(label, bold=True), self.st.cell_head), value]
            for label, value in pairs
        ]
        table = self.table(rows, (width * 0.2, width * 0.8), header=False, shaded=(0,))
        table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE)]))
        return table


def source_link(number: int, suffix: str = "") -> str:
    """A source's number in brackets, linked to its entry in the sources list."""
    return f'<a href="#src{number}" color="#{LINK.hexval()[2:]}">[{number}{suffix}]</a>'


def cites_level(level: int, cites: Sequence[Cite]) -> int:
    """The level of what a record at ``level`` and these citations of it say together."""
    return highest(level, *(c.level for c in cites))
