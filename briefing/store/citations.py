"""Adding and changing a citation, as one step an undo command can take back."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from briefing.domain import Citation
from briefing.store.versions import claim
from briefing.text import without_nul


def add_citation(session: Session, values: dict[str, Any]) -> int:
    """A new citation from a form's values (its record and source among them); its id.

    Its text loses any NUL, as a record's does (``edits.write_fields``)."""
    claim(session, values["record_id"], None)
    citation = Citation(**without_nul(values))
    session.add(citation)
    session.flush()
    return citation.id


def change_citation(
    session: Session, citation_id: int, values: dict[str, Any], loaded: int | None = None
) -> dict[str, Any]:
    """Set a citation's values; returns what they were, with its level, which the store
    may have raised to its source's (a new source above it), so undo can put both back.

    A citation is part of its record: the change is a save of the record, refused when
    the record is no longer at version ``loaded``."""
    citation = session.get_one(Citation, citation_id)
    claim(session, citation.record_id, loaded)
    before = {name: getattr(citation, name) for name in [*values, "handling"]}
    for name, value in without_nul(values).items():
        setattr(citation, name, value)
    session.flush()
    return before
