"""PDF briefing books with ReportLab; never imports Qt, so it runs headless anywhere.

The public API is :func:`export_book` with :class:`BookOptions`, and
:func:`proposed_file_name` and :func:`copy_file` for a save dialog.
"""

from briefing.book.build import copy_file, export_book, proposed_file_name
from briefing.book.options import (
    ALL_SECTIONS,
    SECTION_TITLES,
    BookCancelled,
    BookOptions,
    ExportResult,
)

__all__ = [
    "ALL_SECTIONS",
    "SECTION_TITLES",
    "BookCancelled",
    "BookOptions",
    "ExportResult",
    "copy_file",
    "export_book",
    "proposed_file_name",
]
