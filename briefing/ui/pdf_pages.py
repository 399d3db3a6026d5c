"""A PDF's pages on screen and on a printer, rendered with pypdfium2 (PySide6's wheels have
no QtPdf): the export dialog's preview and the Editions page show books through this one
module, so a book looks the same in both.

A strip of page thumbnails renders a few pages at a time between events, so a 500-page
edition opens at once and fills in while the window stays responsive.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from briefing.errors import BriefingError
from briefing.ui.i18n import said, translate

PREVIEW_WIDTH = 220
PAGES_AT_A_TIME = 4
"""Pages a strip renders before it lets the window handle its events again (some 30 ms)."""


def render_page(document: pdfium.PdfDocument, index: int, width_px: int) -> QImage:
    """One page as an image ``width_px`` wide, white background."""
    page = document[index]
    scale = width_px / page.get_width()
    bitmap = page.render(scale=scale)
    pil = bitmap.to_pil().convert("RGB")
    data = pil.tobytes("raw", "RGB")
    image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
    return image.copy()


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Send every page of ``path`` to ``printer``, rendered at its resolution; returns pages."""
    document = pdfium.PdfDocument(str(path))
    try:
        painter = QPainter()
        if not painter.begin(printer):
            raise BriefingError(translate("PdfPages", "the printer could not be started"))
        try:
            for index in range(len(document)):
                if index:
                    printer.newPage()
                target = painter.viewport()
                image = render_page(document, index, target.width())
                scaled = image.scaled(
                    target.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                painter.drawImage(0, 0, scaled)
        finally:
            painter.end()
        return len(document)
    finally:
        document.close()


class PageStrip(QListWidget):
    """Thumbnails of a PDF's pages, numbered, filled in a few at a time.

    Signals:
        shown(int): every page asked for is rendered; how many.
    """

    shown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(PREVIEW_WIDTH, int(PREVIEW_WIDTH * 1.42)))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self._document: pdfium.PdfDocument | None = None
        self._wanted = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._render_some)

    def show_pdf(self, pdf: Path | bytes, limit: int | None = None) -> int:
        """Show the first ``limit`` pages of ``pdf`` (all without one); returns how many
        will be shown. Raises BriefingError if pdfium cannot read it."""
        self.stop()
        self.clear()
        try:
            self._document = pdfium.PdfDocument(str(pdf) if isinstance(pdf, Path) else pdf)
        except pdfium.PdfiumError as exc:
            raise BriefingError(
                translate("PdfPages", "the PDF cannot be read: {exc}").format(exc=said(exc))
            ) from exc
        count = len(self._document)
        self._wanted = count if limit is None else min(count, limit)
        self._render_some()
        if self._document is not None:
            self._timer.start()
        return self._wanted

    def rendering(self) -> bool:
        return self._document is not None

    def stop(self) -> None:
        """Render no more (the strip is cleared or shows another PDF)."""
        self._timer.stop()
        if self._document is not None:
            self._document.close()
            self._document = None

    def _render_some(self) -> None:
        document = self._document
        if document is None:
            return
        first = self.count()
        for index in range(first, min(first + PAGES_AT_A_TIME, self._wanted)):
            image = render_page(document, index, PREVIEW_WIDTH)
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), f"{index + 1}", self)
            item.setData(Qt.ItemDataRole.UserRole, index)
        if self.count() >= self._wanted:
            self.stop()
            self.shown.emit(self._wanted)
