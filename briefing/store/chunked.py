"""Long lists of ids cut into pieces: one statement's worth, or one batch of work, each.

SQLite takes a bounded number of values in one ``IN (...)``, and a ministry's dossier is
checked a few hundred records at a time; every caller cuts its list the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items``, ``size`` at a time (the last piece may be shorter)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
