"""Making a dossier from the GUI: its slug comes from its title and never collides."""

from __future__ import annotations

from briefing.store.db.database import Store
from briefing.store.dossier_rows import add_dossier, dossier_with_slug, heading


def test_a_new_dossiers_slug_comes_from_its_title_and_is_numbered_when_taken(
    empty_store: Store,
) -> None:
    with empty_store.session() as session:
        first = add_dossier(session, "Japan – US talks", 0)
        second = add_dossier(session, "Japan  US talks!", 0)
        blank = add_dossier(session, "——", 0)
    with empty_store.session() as session:
        assert heading(session, first)[:2] == ("japan-us-talks", "Japan – US talks")
        assert heading(session, second)[0] == "japan-us-talks-2"
        assert heading(session, blank)[0] == "dossier"
        assert dossier_with_slug(session, "japan-us-talks-2") == second
        assert dossier_with_slug(session, "nowhere") is None
