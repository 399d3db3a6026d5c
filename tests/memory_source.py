"""Rows held in a list, as a :class:`~briefing.ui.table_model.RowSource` for model tests.

The app lists everything through SQL; tests that need a model over rows they made up
(hostile text, say) use this instead of building a database for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from briefing.store.lists.listing import Request
from briefing.ui.table_model import Column

T = TypeVar("T")


class MemorySource(Generic[T]):
    """Rows filtered (in every column's text, as it reads on screen) and sorted in Python."""

    def __init__(
        self, rows: Sequence[T], columns: Sequence[Column[T]], row_id: Callable[[T], int]
    ) -> None:
        self.rows = list(rows)
        self.columns = columns
        self.row_id = row_id
        self._last: tuple[Request, list[T]] | None = None

    def _select(self, request: Request) -> list[T]:
        if self._last is not None and self._last[0] == request:
            return self._last[1]
        if request.conditions:
            raise ValueError("rows in memory take no SQL conditions")
        needle = request.text.casefold()
        rows = [
            row
            for row in self.rows
            if not needle or any(needle in c.text(row).casefold() for c in self.columns)
        ]
        if request.sort:
            rows.sort(key=lambda row: tuple(getattr(row, name) for name in request.sort))
            if request.descending:
                rows.reverse()  # ties too, as the store's order (ending with the id) reverses
        self._last = (request, rows)
        return rows

    def count(self, request: Request) -> int:
        return len(self._select(request))

    def read(self, request: Request, offset: int, limit: int) -> list[T]:
        return self._select(request)[offset : offset + limit]

    def position(self, request: Request, record_id: int) -> int:
        for number, row in enumerate(self._select(request)):
            if self.row_id(row) == record_id:
                return number
        return -1
