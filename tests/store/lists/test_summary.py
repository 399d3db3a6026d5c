"""What the Overview opens on: the dossier's heading as the audience may see it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from briefing.domain import Dossier
from briefing.store.db.database import Store
from briefing.store.lists.summary import summary
from tests.builders import document, load


def test_the_subtitle_and_scene_setter_show_only_at_or_above_their_levels(
    empty_store: Store,
) -> None:
    """The Public book leaves out an Internal scene-setter; so must the Overview."""
    doc = document()
    doc["dossier"].update(
        subtitle="For the talks", scene_setter="Where things stand", default_handling="Internal"
    )
    load(empty_store, doc)
    with empty_store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        dossier.subtitle_handling = 2
        seen = {
            level: summary(session, dossier.id, level, dt.date(2025, 5, 1), upcoming=5, recent=5)
            for level in range(4)
        }
    assert [(s.title, s.subtitle, s.scene_setter) for s in seen.values()] == [
        ("Dossier test", "", ""),
        ("Dossier test", "", "Where things stand"),
        ("Dossier test", "For the talks", "Where things stand"),
        ("Dossier test", "For the talks", "Where things stand"),
    ]
    assert (seen[3].subtitle_level, seen[3].scene_level) == (2, 1)


def test_a_korean_window_reads_the_korean_texts_where_there_are_some(
    empty_store: Store,
) -> None:
    """In Korean the heading is the Korean title, subtitle and scene-setter where the
    dossier has them, the English where not; the levels hide either language alike."""
    doc = document()
    doc["dossier"].update(
        title_ko="시험 자료철",
        subtitle="For the talks",
        subtitle_ko="협상용",
        scene_setter="Where things stand",
        default_handling="Internal",
    )
    load(empty_store, doc)
    with empty_store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        dossier.subtitle_handling = 2
        read = {
            (level, language): summary(
                session,
                dossier.id,
                level,
                dt.date(2025, 5, 1),
                upcoming=5,
                recent=5,
                language=language,
            )
            for level in (1, 2)
            for language in ("en", "ko")
        }
    heading = {key: (s.title, s.subtitle, s.scene_setter) for key, s in read.items()}
    assert heading == {
        (1, "en"): ("Dossier test", "", "Where things stand"),
        (1, "ko"): ("시험 자료철", "", "Where things stand"),
        (2, "en"): ("Dossier test", "For the talks", "Where things stand"),
        (2, "ko"): ("시험 자료철", "협상용", "Where things stand"),
    }
