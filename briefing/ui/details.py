"""The details pane: the selected record, its citations, and the actions on it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QToolBar, QVBoxLayout, QWidget

from briefing.domain import Person
from briefing.store.details import read_details
from briefing.ui.i18n import current, translate
from briefing.ui.record_html import record_html
from briefing.ui.workspace import Workspace


def initials(name: str) -> str:
    """Two letters for an avatar: first and last word, or the first two of one word."""
    words = name.split()
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def avatar(name: str, photo: bytes | None, size: int = 128) -> QImage:
    """The person's photo, or their initials on a colour derived from the name."""
    if photo:
        image = QImage.fromData(photo)
        if not image.isNull():
            return image.scaled(
                size,
                size,
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    hue = sum(ord(c) for c in name) % 360
    painter.setBrush(QColor.fromHsv(hue, 90, 170))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, size, size)
    font = painter.font()
    font.setPixelSize(size * 2 // 5)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    return image


class DetailsPane(QWidget):
    """The selected record as rich text, with the actions on it in a toolbar above.

    The pane asks for citation edits through signals rather than holding the editor, so
    the forms load on the first edit, not when the window opens.

    Signals:
        edit_citation(int): the citation whose "edit" link was clicked.
        delete_citation(int): the citation whose "delete" link was clicked.
    """

    edit_citation = Signal(int)
    delete_citation = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        actions: list[QAction],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.record_id: int | None = None
        self.toolbar = QToolBar(self)
        self.toolbar.setAccessibleName(translate("Details", "Record actions"))
        for action in actions:
            self.toolbar.addAction(action)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(translate("Details", "Record details"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.browser)
        workspace.changed.connect(self.refresh)

    def show_record(self, record_id: int | None) -> None:
        self.record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        html = ""
        if self.record_id is not None:
            with self.workspace.store.session() as session:
                details = read_details(session, self.record_id, self.workspace.level, current())
                html = record_html(details, self.workspace.reference_date())
                person = details.record if details is not None else None
                if isinstance(person, Person):
                    self.browser.document().addResource(
                        QTextDocument.ResourceType.ImageResource.value,
                        QUrl(f"avatar:{person.id}"),
                        avatar(person.name, person.photo),
                    )
            if not html:
                self.record_id = None
        self.browser.setHtml(
            html
            or translate(
                "Details",
                "<p style='color:#7f8c8d'>Select a record to see its details and sources.</p>",
            )
        )

    def _link(self, url: QUrl) -> None:
        scheme, target = url.scheme(), url.path()
        if not target.isdigit():
            return
        if scheme == "record":
            self.workspace.opened.emit(int(target))
        elif scheme == "citation-edit":
            self.edit_citation.emit(int(target))
        elif scheme == "citation-delete":
            self.delete_citation.emit(int(target))
