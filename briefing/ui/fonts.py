"""The bundled fonts, registered at start so CJK names render without system CJK fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from briefing.assets import resource

BUNDLED = ("NanumGothic.ttf", "NanumGothicBold.ttf", "DroidSansFallback.ttf")
"""Hangul (and common Hanja and kana) first, then the wider CJK fallback."""


def register_fonts(app: QApplication) -> list[str]:
    """Add the bundled fonts and make them the fallbacks of the application font.

    The system's own UI font stays first, so Latin text looks native; Qt falls through the
    list glyph by glyph, so "최상목" and "習近平" come from the bundled fonts. Registering
    twice does nothing, so every window can ask for them before it shows records.
    """
    if app.property("briefingFonts"):
        return list(app.property("briefingFonts"))
    families: list[str] = []
    for name in BUNDLED:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0:
            families.extend(
                f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families
            )
    font = QFont(app.font())
    font.setFamilies([app.font().family(), *families])
    app.setFont(font)
    app.setProperty("briefingFonts", families)
    return families
