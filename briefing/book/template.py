"""The document template: page furniture, contents entries, outline and page totals.

Every body page carries the banner of the highest handling level in the edition at top
and bottom, the dossier title and edition in the header and "page n of m" in the footer;
every page of a numbered copy its copy line and code as well.
Headings report themselves to the PDF outline from ``afterFlowable``, as in ReportLab's own
contents example.

The book is laid out in a single pass. Numbers that are only known later — the page
total in every footer and the page of each contents entry — are drawn as named form
XObjects, which PDF lets a page use before they are defined; the total's form is
defined when the canvas is saved and each entry's when its heading is placed. The
contents are built from the headings before layout, so they take their final length
from the start. (ReportLab's own approach, ``multiBuild``, lays the whole book out at
least twice; this halves the time and lets each page's flowables be freed once drawn.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import DummyDoc, PDFText
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table

from briefing.book.fonts import LATIN
from briefing.book.language import Speech
from briefing.book.markup import fit, runs, text_width
from briefing.book.styles import (
    BANNER_HEIGHT,
    BAR_GAP,
    BAR_WIDTH,
    CHANGE_BAR,
    MARGIN,
    MUTED,
    RULE,
    table_style,
)
from briefing.book.wrap import Paragraph
from briefing.store.copies import copy_line
from briefing.text import clean_line

EDGE = 7 * mm
"""Distance of the banners from the paper's edge: inside what office printers can print."""

FOOTER_SIZE = 7.5
DRAFT_MARK = colors.Color(0.85, 0.85, 0.85)
"""Light enough that the text printed over the DRAFT mark stays easy to read."""
HEADER_SPACE = 24.0
FOOTER_SPACE = 20.0

MARGINS = {
    "leftMargin": MARGIN,
    "rightMargin": MARGIN,
    "topMargin": EDGE + BANNER_HEIGHT + HEADER_SPACE,
    "bottomMargin": EDGE + BANNER_HEIGHT + FOOTER_SPACE,
}
"""The body frame's distance from the paper's edges: room for the banners and furniture."""


@dataclass(frozen=True)
class Entry:
    """A heading's place in the contents and the outline.

    ``title`` is plain text for the outline (cleaned of unseen characters when the
    outline entry is made); ``markup`` is the same text escaped for the contents, which
    ReportLab lays out as Paragraph markup.
    """

    level: int
    title: str
    markup: str
    key: str


class Heading(Paragraph):
    """A heading paragraph that is also a link target, a contents and an outline entry.

    ``entry`` is a class attribute so the pieces ReportLab makes if it ever splits a
    heading do not repeat the entry.
    """

    entry: Entry | None = None

    def draw(self) -> None:
        if self.entry is not None:
            self.canv.bookmarkHorizontal(self.entry.key, 0, self.height)
        super().draw()


class Barred(Paragraph):
    """A paragraph whose text changed since the edition the book is compared with: a bar
    in the left margin beside it, however it is split across pages.

    A subclass rather than a wrapper: ReportLab splits a paragraph into pieces of the
    paragraph's own class, so every piece draws its own bar beside its own lines.
    """

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        canvas.saveState()
        canvas.setFillColor(CHANGE_BAR)
        canvas.rect(x - BAR_GAP - BAR_WIDTH, y, BAR_WIDTH, self.height, stroke=0, fill=1)
        canvas.restoreState()
        super().drawOn(canvas, x, y, _sW)


@dataclass(frozen=True)
class Furniture:
    """What every page prints besides the story."""

    title: str
    edition_line: str
    banner_text: str
    banner_colour: colors.Color
    draft: bool = False
    """A trial print: DRAFT across every page, under the text, so no page of it passes
    for an edition once the pages are separated."""
    copy: CopyMarks | None = None
    """One numbered copy's marks, on every page and in the file; None for an edition
    printed as one."""
    speech: Speech = field(default_factory=Speech)
    """The book's language, for the words the furniture prints itself."""


@dataclass(frozen=True)
class CopyMarks:
    """What makes one PDF a numbered copy (:mod:`briefing.store.copies`): its line in the
    footer, its code in the left margin (beside the text, where a page cut to its body
    still keeps it) and its document id, the file's trailer ``/ID``."""

    number: int
    copies: int
    recipient: str
    code: str
    """As printed, ``XXXX-XXXX``."""
    document_id: bytes

    @property
    def line(self) -> str:
        return copy_line(self.number, self.copies, self.recipient)


def draw_text(
    canv: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    align: str = "left",
    width: float | None = None,
    colour: colors.Color = MUTED,
) -> None:
    """User text on the canvas, run by run in fonts that have its glyphs."""
    if width is not None:
        text = fit(text, size, width, bold=bold)
    total = text_width(text, size, bold=bold)
    if align == "right":
        x -= total
    elif align == "centre":
        x -= total / 2
    canv.setFillColor(colour)
    for face, chunk in runs(text):
        name = face.name(bold)
        canv.setFont(name, size)
        canv.drawString(x, y, chunk)
        x += stringWidth(chunk, name, size)


PAGE_TOTAL = "pagetotal"


def _entry_form(key: str) -> str:
    return f"toc-{key}"


class BookCanvas(Canvas):  # type: ignore[misc]
    """A canvas that knows its page count when saved and defines the total's form then."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages_shown = 0
        self.total_suffix = ""
        """What follows the page total in the footer: "쪽" in a Korean book."""

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self.pages_shown += 1
        super().showPage()

    def save(self) -> None:
        self.beginForm(PAGE_TOTAL, lowerx=0, lowery=-4, upperx=60, uppery=12)
        draw_text(self, 0, 0, f"{self.pages_shown}{self.total_suffix}", FOOTER_SIZE)
        self.endForm()
        super().save()


class Contents(Flowable):  # type: ignore[misc]
    """The table of contents: entries known before layout, page numbers filled in later.

    Each entry is a linked paragraph; at its end an ``onDraw`` callback draws the dot
    leader and places the form that will hold the entry's page number.
    """

    NUMBER_WIDTH = 26.0

    def __init__(self, entries: list[Entry], styles: tuple[Any, ...]) -> None:
        super().__init__()
        self._rows = [
            [
                Paragraph(
                    f'<a href="#{e.key}">{e.markup}</a>'
                    f'<onDraw name="contentsEntry" label="{e.key}|{e.level}"/>',
                    styles[e.level],
                )
            ]
            for e in entries
        ]
        self._styles = styles
        self._table: Table | None = None
        self._width = 0.0

    def _entry_end(self, canv: Canvas, _kind: str, label: str) -> None:
        key, level = label.split("|")
        style = self._styles[int(level)]
        x, y = canv._curr_tx_info["cur_x"], canv._curr_tx_info["cur_y"]
        right = self._width - self.NUMBER_WIDTH
        dot = " . "
        dots = int((right - x) / stringWidth(dot, style.fontName, style.fontSize))
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setFont(style.fontName, style.fontSize)
        if dots > 0:
            canv.drawRightString(right, y, dot * dots)
        canv.translate(self._width, y)
        canv.doForm(_entry_form(key))
        canv.restoreState()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._width = availWidth
        self.canv.setNamedCB("contentsEntry", self._entry_end)
        self._table = Table(
            self._rows,
            colWidths=[availWidth],
            style=table_style(
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ),
        )
        width, height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        assert self._table is not None
        parts: list[Flowable] = self._table.splitOn(self.canv, availWidth, availHeight)
        return parts

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        assert self._table is not None
        self._table.drawOn(canvas, x, y, _sW)


class BookDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A4 or Letter pages with banners, header and footer; a cover page without header.

    ``on_layout(flowables_done, flowables_total)`` is called as layout proceeds so the
    export can report progress and stop when cancelled. The principal's pocket cards
    (:mod:`briefing.book.cards`) are laid out by the same template on small paper: a
    narrower ``margin`` and no cover (``cover=False``), so every card carries the same
    banners, header and footer as a book's page.
    """

    def __init__(
        self,
        target: Any,
        *,
        pagesize: tuple[float, float],
        furniture: Furniture,
        on_layout: Callable[[int, int], None],
        dated: dt.date | None = None,
        margin: float = MARGIN,
        cover: bool = True,
        **info: Any,
    ) -> None:
        super().__init__(
            target,
            pagesize=pagesize,
            initialFontName=LATIN,
            pageCompression=1,
            **{**MARGINS, "leftMargin": margin, "rightMargin": margin},
            **info,
        )
        self.margin = margin
        if not cover:
            self._firstPageTemplateIndex = 1
        self.furniture = furniture
        self.contents_styles: tuple[Any, ...] = ()
        self._on_layout = on_layout
        self._dated = dated
        self._flowables = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page),
                PageTemplate("body", [frame], onPage=self._body_page),
            ]
        )
        self.setProgressCallBack(self._progress)

    def _progress(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._flowables = value
            self._on_layout(0, value)
        elif kind == "PROGRESS":
            self._on_layout(value, self._flowables)

    def beforeDocument(self) -> None:  # noqa: N802 (ReportLab's name)
        """Date the file (CreationDate, ModDate) on the edition's day, not the moment of
        writing: a reprint of an edition is the same document, and a viewer's "created"
        then agrees with the cover."""
        if self._dated is not None:
            stamp = f"D:{self._dated:%Y%m%d}000000+00'00'"
            self.canv.setDateFormatter(lambda *_: stamp)
        copy = self.furniture.copy
        if copy is not None:
            # ReportLab makes the /ID from a digest of the document the first time it is
            # asked for and keeps it (PDFDocument.ID); a copy's is set before that, in the
            # form ReportLab writes, both halves the same as its own are.
            ids = PDFText(copy.document_id, enc="raw").format(DummyDoc())
            self.canv._doc._ID = b"\n[" + ids + ids + b"]\n"
        self.canv.total_suffix = self.furniture.speech.page_of(0)[1]

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (ReportLab's name)
        if isinstance(flowable, Heading) and flowable.entry is not None:
            entry = flowable.entry
            canv = self.canv
            canv.addOutlineEntry(clean_line(entry.title), entry.key, entry.level, closed=True)
            style = self.contents_styles[entry.level]
            canv.beginForm(_entry_form(entry.key), lowerx=-60, lowery=-4, upperx=0, uppery=16)
            canv.setFillColor(style.textColor)
            canv.setFont(style.fontName, style.fontSize)
            canv.drawRightString(0, 0, str(self.page))
            canv.endForm()

    # ------------------------------------------------------------ page furniture

    def _banners(self, canv: Canvas) -> None:
        width, height = self.pagesize
        f = self.furniture
        for y in (height - EDGE - BANNER_HEIGHT, EDGE):
            canv.setFillColor(f.banner_colour)
            canv.rect(self.margin, y, width - 2 * self.margin, BANNER_HEIGHT, stroke=0, fill=1)
            draw_text(
                canv,
                width / 2,
                y + 3.8,
                f.banner_text,
                8,
                bold=True,
                align="centre",
                colour=colors.white,
            )

    def _footer(self, canv: Canvas) -> None:
        width, height = self.pagesize
        y = EDGE + BANNER_HEIGHT + 7
        copy = self.furniture.copy
        if copy is not None:
            draw_text(
                canv, self.margin, y, copy.line, FOOTER_SIZE, width=width / 2 - self.margin - 50
            )
            canv.saveState()
            canv.translate(self.margin / 2, height / 2)
            canv.rotate(90)
            code = self.furniture.speech.gettext("copy code {code}").format(code=copy.code)
            draw_text(canv, 0, 0, code, FOOTER_SIZE, align="centre")
            canv.restoreState()
        text = self.furniture.speech.page_of(canv.getPageNumber())[0]
        draw_text(canv, width / 2 + 4, y, text, FOOTER_SIZE, align="right")
        canv.saveState()
        canv.translate(width / 2 + 4, y)
        canv.doForm(PAGE_TOTAL)
        canv.restoreState()

    def _draft_mark(self, canv: Canvas) -> None:
        if not self.furniture.draft:
            return
        width, height = self.pagesize
        canv.saveState()
        canv.translate(width / 2, height / 2)
        canv.rotate(45)
        mark = self.furniture.speech.gettext("DRAFT")
        draw_text(canv, 0, -30, mark, 110, bold=True, align="centre", colour=DRAFT_MARK)
        canv.restoreState()

    def _cover_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        self._draft_mark(canv)
        self._banners(canv)
        self._footer(canv)
        canv.restoreState()

    def _body_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        self._draft_mark(canv)
        self._banners(canv)
        width, height = self.pagesize
        y = height - EDGE - BANNER_HEIGHT - 13
        # The edition line (number, marking, date) is what a reader checks a page by, so it
        # is shortened last: on a pocket card's narrow page the title gives way first.
        room = width - 2 * self.margin - 12
        edition = self.furniture.edition_line
        edition_width = min(text_width(edition, 7.5), room * 0.6)
        draw_text(canv, self.margin, y, self.furniture.title, 7.5, width=room - edition_width)
        draw_text(canv, width - self.margin, y, edition, 7.5, align="right", width=edition_width)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(self.margin, y - 5, width - self.margin, y - 5)
        self._footer(canv)
        canv.restoreState()
