"""Making a dossier from the GUI: its slug comes from its title and never collides."""

from __future__ import annotations

from briefing.domain import Citation, Party, Source
from briefing.store.citations import add_citation, change_citation
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


def test_a_new_dossier_s_title_and_a_citation_lose_a_nul_on_every_backend(
    empty_store: Store,
) -> None:
    """PostgreSQL cannot store U+0000: every backend drops it, as an import does."""
    with empty_store.session() as session:
        dossier = add_dossier(session, "Talks\x00 in Seoul", 0)
        party = Party(uid="p", dossier_id=dossier, name="Korea", code="KR")
        source = Source(uid="s", dossier_id=dossier, title="Source")
        session.add_all([party, source])
        session.flush()
        cited = add_citation(
            session, {"record_id": party.id, "source_id": source.id, "excerpt": "quo\x00ted"}
        )
        change_citation(session, cited, {"locator": "p.\x00 4"})
    with empty_store.session() as session:
        assert heading(session, dossier)[1] == "Talks in Seoul"
        citation = session.get_one(Citation, cited)
        assert (citation.excerpt, citation.locator) == ("quoted", "p. 4")
