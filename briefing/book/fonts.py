"""The bundled TrueType fonts, registered once, and which characters each can draw.

ReportLab embeds TrueType outlines as subsets, so every font here ends up in the PDF
embedded. No single bundled font covers everything a trade dossier holds: DejaVu Sans
has Latin, Greek, Cyrillic, Hebrew and Arabic; NanumGothic has Hangul; Droid Sans
Fallback has the CJK ideographs and kana. ``markup`` splits text into runs by these
coverage sets so each character is drawn by a font that has it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.assets import resource

# A briefing book must never reach the network: text that looks like <img src="http://…">
# is escaped anyway, but lock ReportLab's URL reader down as well, for every scheme.
rl_config.trustedHosts = []
rl_config.trustedSchemes = []

LATIN = "DejaVuSans"
LATIN_BOLD = "DejaVuSans-Bold"
HANGUL = "NanumGothic"
HANGUL_BOLD = "NanumGothicBold"
CJK = "DroidSansFallback"


@dataclass(frozen=True)
class Face:
    """One family as the book uses it: its regular and bold names and its coverage."""

    regular: str
    bold: str
    covers: frozenset[int]

    def name(self, bold: bool) -> str:
        return self.bold if bold else self.regular


_lock = threading.Lock()
_faces: tuple[Face, Face, Face] | None = None


def faces() -> tuple[Face, Face, Face]:
    """Latin, Hangul and CJK faces, registered with ReportLab on first use.

    Registration is global in ReportLab and exports may run on a worker thread, so it
    happens once, under a lock.
    """
    global _faces
    with _lock:
        if _faces is None:
            _faces = (
                _register(LATIN, LATIN_BOLD),
                _register(HANGUL, HANGUL_BOLD),
                _register(CJK, CJK),
            )
        return _faces


def _register(regular: str, bold: str) -> Face:
    fonts = []
    for name in dict.fromkeys((regular, bold)):
        font = TTFont(name, str(resource("fonts", f"{name}.ttf")))
        pdfmetrics.registerFont(font)
        fonts.append(font)
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    covers = frozenset(fonts[0].face.charToGlyph)
    return Face(regular, bold, covers)
