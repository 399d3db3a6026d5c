"""Reading an exchange file whole: each record validated as the reader hands it over and
staged (:mod:`.validation`), then the checks over the staged rows, so a refused file is
refused before anything is written, with the place of its first problem.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, BinaryIO

from pydantic import ValidationError

from briefing.errors import N_, ImportRefused, Phrase
from briefing.store.db.holding import collector_paused
from briefing.store.exchange.json_position import dotted, locate
from briefing.store.exchange.problems import schema_problem
from briefing.store.exchange.reader import (
    FIELD_ORDER,
    NOT_OURS,
    RECORD_TYPES,
    Reader,
    refuse_size,
)
from briefing.store.exchange.schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    DossierFile,
    RecordOut,
)
from briefing.store.exchange.validation import Stage


class Loader:
    """Validates each record as the reader hands it over, and stages it.

    Schema errors are collected rather than raised, so the refusal names the problem the
    whole-document validation named first and counts the others, and a syntax error
    further on still takes precedence, as it always has.
    """

    def __init__(self, keep: bool) -> None:
        self.stage = Stage()
        self.kept: dict[str, list[RecordOut]] | None = {} if keep else None
        self.first: tuple[int, Phrase, list[str | int]] | None = None
        self.errors = 0

    def take(self, list_name: str, index: int, item: Any) -> None:
        try:
            record = RECORD_TYPES[list_name].model_validate(item)
        except ValidationError as exc:
            self.note(exc, [list_name, index])
            return
        if self.errors:
            return
        self.stage.add(list_name, index, record)
        if self.kept is not None:
            self.kept.setdefault(list_name, []).append(record)

    def note(self, exc: ValidationError, prefix: list[str | int]) -> None:
        self.errors += exc.error_count()
        error = exc.errors(include_url=False)[0]
        path = [*prefix, *(p for p in error["loc"] if isinstance(p, str | int))]
        order = FIELD_ORDER.get(str(path[0]), len(FIELD_ORDER)) if path else -1
        if self.first is None or order < self.first[0]:
            self.first = (order, schema_problem(error), path)

    def refusal(self, line: Callable[[list[str | int]], int | None]) -> ImportRefused:
        """The first schema problem, in the order whole-document validation has them, and
        how many others there are."""
        assert self.first is not None
        _, problem, path = self.first
        more = self.errors - 1
        where, at = dotted(path), line(path)
        if not more:
            return ImportRefused(problem, where=where, line=at)
        counted = (
            N_("{problem} (and 1 more problem)")
            if more == 1
            else N_("{problem} (and {more} more problems)")
        )
        return ImportRefused(counted, problem=problem, more=more, where=where, line=at)

    def finish(self, head: dict[str, Any], text: Callable[[], str | None]) -> DossierFile:
        """The file's model (its lists empty unless kept), or ImportRefused saying where."""

        def line(path: list[str | int]) -> int | None:
            whole = text()
            return locate(whole, path) if whole is not None else None

        if head.get("format") != FORMAT_NAME:
            raise ImportRefused(NOT_OURS, line=1, format=FORMAT_NAME)
        version = head.get("version")
        if isinstance(version, bool):
            raise ImportRefused(
                N_("the format version must be a number, not true or false"),
                where="version",
                line=line(["version"]),
            )
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise ImportRefused(
                N_(
                    "the file uses dossier format version {version}, written by a newer "
                    "Briefing; this version reads version {known}"
                ),
                version=version,
                known=FORMAT_VERSION,
                where="version",
                line=line(["version"]),
            )
        try:
            model = DossierFile.model_validate({**head, **(self.kept or {})})
        except ValidationError as exc:
            self.note(exc, [])
            raise self.refusal(line) from exc
        if self.first is not None:
            raise self.refusal(line)
        problem = self.stage.problem(model)
        if problem is not None:
            reason, path = problem
            raise ImportRefused(reason, where=dotted(path), line=line(path))
        return model


def load(
    stream: BinaryIO, size: int, name: str, text: Callable[[], str | None], *, keep: bool
) -> tuple[DossierFile, Stage]:
    """Read, validate and check a whole file; its records come back staged (and, with
    ``keep``, also in the model)."""
    refuse_size(size)
    loader = Loader(keep)
    head = Reader(stream, name).document(loader.take)
    return loader.finish(head, text), loader.stage


def parse(raw: bytes) -> DossierFile:
    """Bytes of an exchange file to a validated model, or ImportRefused saying where."""
    with collector_paused():
        model, _ = load(
            io.BytesIO(raw), len(raw), "the file", lambda: raw.decode("utf-8-sig"), keep=True
        )
    return model
