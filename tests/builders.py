"""Small dossiers for tests, built as exchange documents and loaded by the real importer."""

from __future__ import annotations

import json
from typing import Any

from briefing.store.db.database import Store
from briefing.store.exchange.loading import parse
from briefing.store.exchange.writing import import_model

LEVELS = [
    {"rank": 0, "name": "Public", "marking": "P"},
    {"rank": 1, "name": "Internal", "marking": "I"},
    {"rank": 2, "name": "Confidential", "marking": "C"},
    {"rank": 3, "name": "Restricted", "marking": "R"},
]


def document(slug: str = "test", **lists: list[dict[str, Any]]) -> dict[str, Any]:
    """A minimal valid dossier document: two parties and one graded source, plus ``lists``."""
    doc: dict[str, Any] = {
        "format": "briefing-dossier",
        "version": 1,
        "handling_levels": LEVELS,
        "dossier": {"slug": slug, "title": f"Dossier {slug}", "prepared_for": "party:a"},
        "parties": [
            {"id": "party:a", "name": "Alpha", "code": "A"},
            {"id": "party:b", "name": "Beta", "code": "B"},
        ],
        "sources": [{"id": "src:good", "title": "Good source", "reliability": "B"}],
    }
    for name, items in lists.items():
        doc[name] = doc.get(name, []) + items
    return doc


def cite(
    source: str = "src:good", stance: str = "supports", credibility: int = 2, uid: str = ""
) -> dict[str, Any]:
    """A citation; with ``uid``, its stable id (version 3 files give one)."""
    cited = {"source": source, "excerpt": "quoted", "stance": stance, "credibility": credibility}
    return {"id": uid, **cited} if uid else cited


def load(store: Store, doc: dict[str, Any]) -> str:
    return import_model(store, parse(json.dumps(doc).encode())).slug
