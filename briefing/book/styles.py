"""Paragraph styles, colours and measures, built once per process and shared.

Creating ParagraphStyle objects per paragraph is measurable in a 500-page book, so the
sections take their styles from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from briefing.book.fonts import LATIN, LATIN_BOLD, faces

INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#59636e")
RULE = colors.HexColor("#d0d7de")
SHADE = colors.HexColor("#f3f5f7")
LINK = colors.HexColor("#0b5cad")
DEADLINE = colors.HexColor("#b42318")
CHANGE_BAR = colors.HexColor("#d9480f")
"""The change bars' colour: an orange no handling banner or link uses, so a bar reads as
"changed" and nothing else, and a test finds bars by it."""
BAR_WIDTH = 3.0
BAR_GAP = 9.0
"""From a changed paragraph's left edge to its bar: past the frame's padding, into the
margin, where no text is."""
ADDED = colors.HexColor("#1a7f37")
REMOVED = colors.HexColor("#b42318")
"""A word diff's added and removed words (underlined and struck through as well, for a
reader who prints in black and white)."""

LEVEL_PALETTE = ("#2e7d32", "#1f5fa8", "#c25e00", "#a61b1b")
"""Banner colours from the lowest handling level to the highest."""

MARGIN = 18 * mm
BANNER_HEIGHT = 13.0
HEADER_GAP = 20.0


def level_colour(index: int, count: int) -> colors.Color:
    """The banner colour of the ``index``-th of ``count`` handling levels."""
    if count <= 1:
        return colors.HexColor(LEVEL_PALETTE[0])
    position = round(index * (len(LEVEL_PALETTE) - 1) / (count - 1))
    return colors.HexColor(LEVEL_PALETTE[position])


def party_colour(text: str) -> colors.Color:
    """A party's stored colour, or a neutral grey when it is not a #rrggbb value."""
    if len(text) == 7 and text.startswith("#"):
        try:
            return colors.HexColor(text)
        except ValueError:
            pass
    return colors.HexColor("#607080")


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """A table style whose cells default to the bundled font.

    ReportLab sets each cell's font even when the cell holds a flowable, and its
    default is Helvetica, which would put an unembedded font into the PDF.
    """
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), LATIN), *commands])


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_ko: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_item: ParagraphStyle
    cell_head: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle
    bullet: ParagraphStyle
    bullet_ko: ParagraphStyle
    toc_title: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_line: ParagraphStyle
    cover_note: ParagraphStyle
    card_name: ParagraphStyle
    right: ParagraphStyle


def _style(name: str, **kwargs: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": LATIN,
        "fontSize": 9.5,
        "leading": 12.6,
        "textColor": INK,
        "splitLongWords": 1,
    }
    base.update(kwargs)
    return ParagraphStyle(name, **base)


@cache
def styles() -> Styles:
    """The book's styles; the fonts they name are registered first."""
    faces()
    body = _style("body", spaceAfter=4)
    cell = _style("cell", fontSize=8.2, leading=10.2)
    bullet = _style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2.5)
    return Styles(
        body=body,
        body_ko=_style("body-ko", parent=body, alignment=TA_JUSTIFY),
        small=_style("small", fontSize=8, leading=10, textColor=MUTED, spaceAfter=3),
        note=_style("note", fontSize=8, leading=10, textColor=MUTED, spaceAfter=3, keepWithNext=1),
        cell=cell,
        cell_item=_style("cell-item", parent=cell, spaceAfter=3),
        cell_head=_style("cell-head", parent=cell, fontName=LATIN_BOLD, textColor=MUTED),
        h1=_style(
            "h1", fontName=LATIN_BOLD, fontSize=16, leading=20, spaceAfter=10, keepWithNext=1
        ),
        h2=_style(
            "h2",
            fontName=LATIN_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        h3=_style(
            "h3",
            fontName=LATIN_BOLD,
            fontSize=9.8,
            leading=12.5,
            spaceBefore=6,
            spaceAfter=2.5,
            keepWithNext=1,
            textColor=MUTED,
        ),
        label=_style("label", fontName=LATIN_BOLD, fontSize=8.2, leading=10.2, textColor=MUTED),
        bullet=bullet,
        bullet_ko=_style("bullet-ko", parent=bullet, alignment=TA_JUSTIFY),
        toc_title=_style("toc-title", fontName=LATIN_BOLD, fontSize=16, leading=20, spaceAfter=10),
        toc=(
            _style(
                "toc0",
                fontName=LATIN_BOLD,
                fontSize=10.5,
                leading=13.5,
                spaceBefore=5,
                rightIndent=30,
            ),
            _style("toc1", fontSize=9, leading=11.5, leftIndent=14, rightIndent=30),
        ),
        cover_kicker=_style(
            "cover-kicker", fontName=LATIN_BOLD, fontSize=10, leading=13, textColor=MUTED
        ),
        cover_title=_style(
            "cover-title", fontName=LATIN_BOLD, fontSize=25, leading=31, spaceAfter=10
        ),
        cover_subtitle=_style(
            "cover-subtitle", fontSize=12.5, leading=17, textColor=MUTED, spaceAfter=18
        ),
        cover_line=_style("cover-line", fontSize=11, leading=15, spaceAfter=3),
        cover_note=_style(
            "cover-note", fontSize=10, leading=13.5, textColor=MUTED, alignment=TA_CENTER
        ),
        card_name=_style("card-name", fontName=LATIN_BOLD, fontSize=10.5, leading=13),
        right=_style("right", parent=cell, alignment=TA_RIGHT),
    )
