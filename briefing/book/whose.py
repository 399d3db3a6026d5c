"""Whose copy a PDF is: the marks read back from the file (``briefing edition whose``).

The file's document id comes first (its trailer ``/ID``, which tools that save a PDF
again keep); the text of its pages is read too, for the copy lines and margin codes of a
file whose id was lost (printed and scanned with text recognition, or made again by a
tool that writes ids of its own). What the marks name is decided by
:func:`briefing.store.copies.whose`, which never names a wrong copy.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from sqlalchemy.orm import Session

from briefing.errors import N_, BriefingError
from briefing.store.copies import Clues, Whose, clues_in, whose

PDF_HEADER = b"%PDF-"
HEADER_WITHIN = 1024
"""Readers accept the header anywhere in the file's first kilobyte."""


def clues_in_pdf(path: Path) -> Clues:
    """Every mark in the PDF at ``path``, or one line saying it is no PDF we can read."""
    data = path.read_bytes()
    if PDF_HEADER not in data[:HEADER_WITHIN]:
        raise BriefingError(N_("{name} is not a PDF file"), name=path.name)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise BriefingError(
            N_("{name} is a damaged PDF that cannot be read ({reason})"),
            name=path.name,
            reason=str(exc),
        ) from None
    try:
        identifier = document.get_identifier()
        found = Clues(document_ids=frozenset({identifier.hex()} if identifier else ()))
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage()
            found = found | clues_in(text.get_text_range())
            text.close()
            page.close()
    finally:
        document.close()
    return found


def whose_pdf(session: Session, path: Path) -> Whose:
    """The copy the PDF at ``path`` is (:class:`briefing.store.copies.CannotTell` if
    its marks name none, or not one alone)."""
    return whose(session, clues_in_pdf(path))
