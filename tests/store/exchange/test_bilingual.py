"""The exchange file's Korean texts (version 4, issue 18): they travel beside their English,
at its level; a file for an audience below a text leaves out both languages; a file of an
earlier version, which has none, imports as it always has."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from briefing.assets import sample_dossier_path
from briefing.domain import Dossier, MeetingBrief, TalkingPoint
from briefing.store.db.database import Store
from briefing.store.exchange.export import export_dossier
from briefing.store.exchange.schema import FORMAT_VERSION
from briefing.store.exchange.writing import import_file
from briefing.store.search.querying import search
from tests.builders import document, load

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_korean_texts_make_the_round_trip(empty_store: Store) -> None:
    written = json.loads(sample_dossier_path().read_text(encoding="utf-8"))
    import_file(empty_store, sample_dossier_path())
    exported = json.loads(export_dossier(empty_store, "kr-us-trade-2025"))
    assert exported["version"] == FORMAT_VERSION == 4
    for key in ("title_ko", "subtitle_ko", "scene_setter_ko"):
        assert exported["dossier"][key] == written["dossier"][key] != ""
    briefs = {b["id"]: b for b in exported["meeting_briefs"]}
    for brief in written["meeting_briefs"]:
        for key in ("purpose_ko", "our_objectives_ko", "their_objectives_ko"):
            assert briefs[brief["id"]][key] == brief[key] != ""
    points = {p["id"]: p for p in exported["talking_points"]}
    korean = [p for p in written["talking_points"] if "text_ko" in p]
    assert {p.get("kind", "to_make") for p in korean} == {"to_make", "press_line"}
    for point in korean:
        assert points[point["id"]]["text_ko"] == point["text_ko"]
    defensive = [p for p in exported["talking_points"] if p.get("kind") == "defensive"]
    assert defensive and all("text_ko" not in p for p in defensive)


def test_a_version_3_file_imports_with_no_korean_texts(empty_store: Store) -> None:
    import_file(empty_store, FIXTURES / "dossier-v3.json")
    with empty_store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        assert (dossier.title_ko, dossier.subtitle_ko, dossier.scene_setter_ko) == ("", "", "")
        assert dossier.title and dossier.scene_setter
        assert all(b.our_objectives_ko == "" for b in session.scalars(select(MeetingBrief)))
        assert all(t.text_ko == "" for t in session.scalars(select(TalkingPoint)))


def test_a_file_for_an_audience_leaves_out_both_languages_of_a_text_above_it(
    empty_store: Store,
) -> None:
    doc = document(
        events=[{"id": "e:1", "title": "Talks", "start_date": "2025-05-02"}],
        meeting_briefs=[
            {
                "id": "b:1",
                "event": "e:1",
                "our_objectives": "Hold the line on steel.",
                "our_objectives_ko": "철강에서 물러서지 않는다.",
                "field_handling": {"our_objectives": "Restricted"},
            }
        ],
    )
    doc["version"] = 4
    doc["dossier"].update(
        subtitle="Eyes only", subtitle_ko="비밀 부제", subtitle_handling="Restricted"
    )
    slug = load(empty_store, doc)
    whole = json.loads(export_dossier(empty_store, slug))
    assert whole["meeting_briefs"][0]["our_objectives_ko"] == "철강에서 물러서지 않는다."
    assert whole["meeting_briefs"][0]["field_handling"] == {"our_objectives": "Restricted"}
    text = export_dossier(empty_store, slug, audience=2)
    assert "철강" not in text and "비밀 부제" not in text and "Hold the line" not in text


def test_search_finds_a_korean_text_only_at_or_above_its_level(empty_store: Store) -> None:
    doc = document(
        events=[{"id": "e:1", "title": "Talks", "start_date": "2025-05-02"}],
        meeting_briefs=[
            {
                "id": "b:1",
                "event": "e:1",
                "our_objectives": "Hold the line.",
                "our_objectives_ko": "철강에서 물러서지 않는다.",
                "field_handling": {"our_objectives": "Restricted"},
            }
        ],
        talking_points=[{"id": "tp:1", "text": "Open.", "text_ko": "조선 협력을 제안합니다."}],
    )
    doc["version"] = 4
    load(empty_store, doc)
    with empty_store.session() as session:
        dossier = session.scalars(select(Dossier)).one()

        def kinds(query: str, level: int) -> list[str]:
            return [h.kind for h in search(session, query, dossier_id=dossier.id, level=level)]

        assert kinds("조선", 0) == ["talking_point"]
        assert kinds("철강에서", 2) == []
        assert kinds("철강에서", 3) == ["meeting_brief"]
