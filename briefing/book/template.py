"""The document template: page furniture, contents entries, outline and page totals.

Every body page carries the banner of the highest handling level in the edition at top
and bottom, the dossier title and edition in the header and "page n of m" in the footer.
Headings report themselves to the table of contents and the PDF outline from
``afterFlowable``, as in ReportLab's own contents example; the page total comes from the
previous layout pass, and :class:`PageTotal` keeps ``multiBuild`` going until it is stable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.tableofcontents import IndexingFlowable

from briefing.book.fonts import LATIN, LATIN_BOLD
from briefing.book.markup import fit, runs, text_width
from briefing.book.styles import BANNER_HEIGHT, MARGIN, MUTED, RULE

EDGE = 7 * mm
"""Distance of the banners from the paper's edge: inside what office printers can print."""

HEADER_SPACE = 24.0
FOOTER_SPACE = 20.0


@dataclass(frozen=True)
class Entry:
    """A heading's place in the contents and the outline.

    ``title`` is plain text for the outline; ``markup`` is the same text escaped for
    the contents, which ReportLab lays out as Paragraph markup.
    """

    level: int
    title: str
    markup: str
    key: str


class Heading(Paragraph):  # type: ignore[misc]
    """A heading paragraph that is also a link target, a contents and an outline entry.

    ``entry`` is a class attribute so the pieces ReportLab makes if it ever splits a
    heading do not repeat the entry.
    """

    entry: Entry | None = None

    def draw(self) -> None:
        if self.entry is not None:
            self.canv.bookmarkHorizontal(self.entry.key, 0, self.height)
        super().draw()


class PageTotal(IndexingFlowable):  # type: ignore[misc]
    """Takes no space; keeps ``multiBuild`` going until "of m" on every page is right."""

    def __init__(self, doc: BaseDocTemplate) -> None:
        super().__init__()
        self._doc = doc
        self.used: int | None = None
        self.seen: int | None = None
        self.width = self.height = 0

    def beforeBuild(self) -> None:  # noqa: N802 (ReportLab's name)
        self.used = self.seen

    def afterBuild(self) -> None:  # noqa: N802 (ReportLab's name)
        self.seen = self._doc.page

    def isSatisfied(self) -> bool:  # noqa: N802 (ReportLab's name)
        return self.seen == self.used

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return (0, 0)

    def draw(self) -> None:
        return None


@dataclass(frozen=True)
class Furniture:
    """What every page prints besides the story."""

    title: str
    edition_line: str
    banner_text: str
    banner_colour: colors.Color


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


class BookDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A4 or Letter pages with banners, header and footer; a cover page without header.

    ``on_layout(pass_number, flowables_done, flowables_total)`` is called as layout
    proceeds so the export can report progress and stop when cancelled.
    """

    def __init__(
        self,
        target: Any,
        *,
        pagesize: tuple[float, float],
        furniture: Furniture,
        on_layout: Callable[[int, int, int], None],
        **info: Any,
    ) -> None:
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=EDGE + BANNER_HEIGHT + HEADER_SPACE,
            bottomMargin=EDGE + BANNER_HEIGHT + FOOTER_SPACE,
            initialFontName=LATIN,
            pageCompression=1,
            **info,
        )
        self.furniture = furniture
        self.page_total = PageTotal(self)
        self._on_layout = on_layout
        self._pass = 0
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
        if kind == "PASS":
            self._pass = value
        elif kind == "SIZE_EST":
            self._flowables = value
            self._on_layout(self._pass, 0, value)
        elif kind == "PROGRESS":
            self._on_layout(self._pass, value, self._flowables)

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (ReportLab's name)
        if isinstance(flowable, Heading) and flowable.entry is not None:
            entry = flowable.entry
            self.canv.addOutlineEntry(entry.title, entry.key, entry.level, closed=True)
            self.notify("TOCEntry", (entry.level, entry.markup, self.page, entry.key))

    # ------------------------------------------------------------ page furniture

    def _banners(self, canv: Canvas) -> None:
        width, height = self.pagesize
        f = self.furniture
        for y in (height - EDGE - BANNER_HEIGHT, EDGE):
            canv.setFillColor(f.banner_colour)
            canv.rect(MARGIN, y, width - 2 * MARGIN, BANNER_HEIGHT, stroke=0, fill=1)
            canv.setFillColor(colors.white)
            canv.setFont(LATIN_BOLD, 8)
            canv.drawCentredString(width / 2, y + 3.8, f.banner_text)

    def _footer(self, canv: Canvas) -> None:
        width, _ = self.pagesize
        total = self.page_total.used
        text = f"page {canv.getPageNumber()} of {total if total else '…'}"
        draw_text(canv, width / 2, EDGE + BANNER_HEIGHT + 7, text, 7.5, align="centre")

    def _cover_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        self._banners(canv)
        self._footer(canv)
        canv.restoreState()

    def _body_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        self._banners(canv)
        width, height = self.pagesize
        y = height - EDGE - BANNER_HEIGHT - 13
        half = (width - 2 * MARGIN) / 2 - 10
        draw_text(canv, MARGIN, y, self.furniture.title, 7.5, width=half * 1.3)
        draw_text(
            canv,
            width - MARGIN,
            y,
            self.furniture.edition_line,
            7.5,
            align="right",
            width=half * 0.65,
        )
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, y - 5, width - MARGIN, y - 5)
        self._footer(canv)
        canv.restoreState()
