"""The sample dossier with every text a person wrote turned into Hangul.

Each ASCII letter becomes a Hangul syllable of its own, so every name, title, note and
source reads as Korean, while what a text points at stays as it was: ids, references
(``[[src:001]]``), codes, dates and the handling scale's names. A letter maps to one
syllable wherever it is, so a citation's excerpt is still found in its source's text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from briefing.assets import sample_dossier_path
from briefing.store.db.database import Store
from briefing.store.exchange.writing import import_file

WRITTEN = {
    "acronym",
    "aliases",
    "arrival_place",
    "author",
    "bio",
    "description",
    "desired_outcome",
    "excerpt",
    "full_text",
    "locator",
    "name",
    "native_name",
    "note",
    "notes",
    "our_minimum",
    "our_objectives",
    "our_target",
    "outcome",
    "place",
    "publisher",
    "purpose",
    "role",
    "run_of_meeting",
    "scene_setter",
    "sectors",
    "subtitle",
    "summary",
    "text",
    "their_objectives",
    "their_position",
    "title",
}
"""The exchange file's keys whose values are written text (the rest name or point)."""
WRITTEN |= {f"{key}_ko" for key in WRITTEN}
"""A bilingual text's Korean too: its Latin words ("LNG") are turned as the English are,
since a Korean window shows it where the English would be."""

SYLLABLES = "가나다라마바사아자차카타파하거너더러머버서어저처커터"
REFERENCE = re.compile(r"\[\[[^\]]*\]\]")


def hangul(text: str) -> str:
    """``text`` with its ASCII letters as Hangul syllables, its references kept."""
    kept = REFERENCE.findall(text)
    parts = REFERENCE.split(text)
    turned = [
        re.sub(r"[A-Za-z]", lambda m: SYLLABLES[ord(m.group().lower()) - ord("a")], part)
        for part in parts
    ]
    out = turned[0]
    for reference, part in zip(kept, turned[1:], strict=True):
        out += reference + part
    return out


def _turn(value: Any, key: str | None) -> Any:
    if isinstance(value, dict):
        return {k: v if k == "handling_levels" else _turn(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_turn(item, key) for item in value]
    if isinstance(value, str) and key in WRITTEN:
        return hangul(value)
    return value


def import_hangul_sample(store: Store, folder: Path, slug: str = "hangul") -> str:
    """Import the Hangul sample as ``slug`` and return the slug."""
    data = _turn(json.loads(sample_dossier_path().read_text(encoding="utf-8")), None)
    data["dossier"]["slug"] = slug
    path = folder / "hangul.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return import_file(store, path, slug=slug).slug
