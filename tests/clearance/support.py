"""What the store under test can hold: levels on fields, citations and dossier parts.

The generator only draws a level where the store can keep it, so the suite runs (and
says what leaks) on a store that has only record levels, and exercises every level once
the store has them.
"""

from __future__ import annotations

from dataclasses import dataclass

import briefing.domain as domain
from briefing.store import visibility


@dataclass(frozen=True)
class Supports:
    field_levels: bool
    citation_levels: bool
    dossier_levels: bool
    floors: bool


SUPPORTS = Supports(
    field_levels=hasattr(domain, "FieldLevel"),
    citation_levels=hasattr(domain.Citation, "handling"),
    dossier_levels=hasattr(domain.Dossier, "subtitle_handling"),
    floors=hasattr(visibility, "enforce_floors"),
)
