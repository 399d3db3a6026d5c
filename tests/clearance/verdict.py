"""Looking for markers in what a channel produced, and keeping the score.

:meth:`Verdict.look` takes one surface of one channel at one audience (a PDF's text, a
list model's data, a search result …): every marker found there that is above the
audience is a leak; every :class:`~tests.clearance.expect.Need` due at that audience
and not found is missing. A failing example reports each with the marker's field, the
level it should have, and the text around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tests.clearance.expect import Expect, Need
from tests.clearance.plan import LEVEL_NAMES, Marker

_MARKERS = re.compile(r"(?=(mk[a-z0-9]{6}))")
"""Overlapping, so a marker run into the text before it (``xmkmkab12cd``) is still found."""
_FIGURES = re.compile(r"(?<![\d,])(\d{3},\d{3}|[JQXZ]{3})(?![\d,])")
"""A chip's amount ("734,219") or currency ("QJX") as a word of its own."""
_PLAIN_AMOUNT = re.compile(r"(?<!\d)(\d{6})(?!\d)")
_SPACE = re.compile(r"\s+")


def squashed(text: str) -> str:
    """Without whitespace: a marker wrapped over two lines of a narrow cell is whole again."""
    return _SPACE.sub("", text)


def markers_in(text: str, *, plain_amounts: bool = False) -> set[str]:
    """Every marker-like token of ``text``: ``mk…`` ids, amounts, currencies.

    ``mk`` markers are also looked for with the whitespace squashed out; amounts and
    currencies only as words, and with ``plain_amounts`` as bare digits ("734219", as a
    JSON file writes them), returned in the printed form.
    """
    found = set(_MARKERS.findall(text))
    found.update(_MARKERS.findall(squashed(text)))
    found.update(_FIGURES.findall(text))
    if plain_amounts:
        found.update(f"{int(n):,}" for n in _PLAIN_AMOUNT.findall(text))
    return found


@dataclass(frozen=True)
class Leak:
    channel: str
    surface: str
    audience: int
    marker: Marker
    context: str

    def line(self) -> str:
        return (
            f"LEAK    {self.channel}/{self.surface} at {LEVEL_NAMES[self.audience]}: "
            f"{self.marker.text} = {self.marker.describe()}  …{self.context}…"
        )


@dataclass(frozen=True)
class Missing:
    channel: str
    surface: str
    audience: int
    need: Need

    def line(self) -> str:
        return (
            f"MISSING {self.channel}/{self.surface} at {LEVEL_NAMES[self.audience]}: "
            f"{'|'.join(self.need.markers)} ({self.need.why}, needs "
            f"{LEVEL_NAMES[self.need.level]})"
        )


@dataclass
class Verdict:
    """Leaks and missing markers of one generated dossier, over every channel."""

    expect: Expect
    leaks: list[Leak] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    looks: int = 0
    errors: list[str] = field(default_factory=list)
    """Channels that failed outright (an export that raised): reported with the rest."""
    _seen: set[tuple[object, ...]] = field(default_factory=set)
    """(channel, surface, audience, marker) already reported: each is reported once."""

    def _first(self, *key: object) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def look(
        self,
        channel: str,
        surface: str,
        audience: int,
        text: str,
        needs: Iterable[Need] = (),
        *,
        plain_amounts: bool = False,
        leaks: bool = True,
    ) -> set[str]:
        """Judge one surface; returns the dossier's markers found on it.

        ``leaks=False`` judges only what is missing: for a surface that joins others
        already judged for leaks.
        """
        self.looks += 1
        markers = self.expect.markers
        found = markers_in(text, plain_amounts=plain_amounts) & markers.keys()
        for text_marker in sorted(found):
            marker = markers[text_marker]
            if (
                leaks
                and marker.level > audience
                and self._first(channel, surface, audience, text_marker)
            ):
                self.leaks.append(
                    Leak(channel, surface, audience, marker, _around(text, text_marker))
                )
        for need in needs:
            if need.at(audience) and not found.intersection(need.markers):
                self.lost(channel, surface, audience, need)
        return found

    def leak(self, channel: str, surface: str, audience: int, marker: str, context: str) -> None:
        """A leak found by the channel's own test (a search hit for a withheld marker)."""
        if self._first(channel, surface, audience, marker):
            self.leaks.append(
                Leak(channel, surface, audience, self.expect.markers[marker], context)
            )

    def lost(self, channel: str, surface: str, audience: int, need: Need) -> None:
        if self._first("missing", channel, surface, audience, need):
            self.missing.append(Missing(channel, surface, audience, need))

    def failed(self, channel: str, audience: int, error: BaseException) -> None:
        self.errors.append(f"ERROR   {channel} at {LEVEL_NAMES[audience]}: {error!r}")

    @property
    def clean(self) -> bool:
        return not self.leaks and not self.missing and not self.errors

    def report(self, limit: int = 40) -> str:
        lines = self.errors[:limit]
        lines += [x.line() for x in self.leaks[: max(0, limit - len(lines))]]
        lines += [x.line() for x in self.missing[: max(0, limit - len(lines))]]
        more = len(self.errors) + len(self.leaks) + len(self.missing) - len(lines)
        if more > 0:
            lines.append(f"… and {more} more")
        summary = f"{len(self.leaks)} leaks, {len(self.missing)} missing"
        if self.errors:
            summary += f", {len(self.errors)} channels failed"
        return "\n".join([summary, *lines, "", self.expect.plan.describe()])


def _around(text: str, marker: str, width: int = 70) -> str:
    at = text.find(marker)
    if at < 0:
        flat = squashed(text)
        at = flat.find(marker)
        text = flat
    if at < 0:
        return marker
    return " ".join(text[max(0, at - width) : at + len(marker) + width].split())
