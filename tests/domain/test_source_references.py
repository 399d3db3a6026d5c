"""References to sources in text, ``[[UID]]``: the syntax, the check, the sample's use.

A reference that names no source is a finding. For an audience below a source, a
reference to it is not in the text at all: its checks do not report it and its dossier
file leaves it out, so nothing it is given tells it that a source is there.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlalchemy import select

from briefing.assets import sample_dossier_path
from briefing.book.markup import clip
from briefing.domain import BargainingChip, Dossier
from briefing.domain.references import Reference, cut_short, pieces, referenced, render
from briefing.store.checks import Finding
from briefing.store.checks.run import run_checks
from briefing.store.db.database import Store
from briefing.store.exchange.export import export_dossier
from briefing.store.references import named_sources
from briefing.store.search.querying import search
from briefing.store.visibility import EVERYTHING, set_field_level
from tests.builders import document, load

TODAY = dt.date(2025, 5, 1)
PUBLIC, RESTRICTED = 0, 3


def test_a_reference_is_double_brackets_around_a_uid() -> None:
    assert pieces("see [[src:004]], and [[src:public-record]].") == [
        "see ",
        Reference("src:004"),
        ", and ",
        Reference("src:public-record"),
        ".",
    ]
    for text in ("[src:004]", "[[ src:004]]", "[[<b>]]", '[[a"b]]', "[[]]", "[[a&b]]"):
        assert pieces(text) == [text]
    assert referenced("[[b]] [[a]] [[b]]") == ["b", "a"]


def test_a_reference_that_prints_nothing_takes_its_space_along() -> None:
    def show(text: str) -> str:
        return render(text, lambda plain: plain.upper(), {"ok": "<1>"}.get)

    assert show("held [[ok]] and said [[gone]].") == "HELD <1> AND SAID."
    assert show("[[gone]] first\n[[gone]] second [[gone]] [[ok]]") == "FIRST\nSECOND <1>"
    assert show("[[gone]]") == ""


def _checked(store: Store, level: int) -> list[Finding]:
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        found = run_checks(session, dossier, level=level, today=TODAY)
    return [f for f in found if f.check == "unknown-source"]


def _dossier(store: Store) -> None:
    doc = document(
        sources=[
            {"id": "src:secret", "title": "Cable", "reliability": "A", "handling": "Restricted"}
        ],
        events=[
            {
                "id": "e:talks",
                "title": "Talks",
                "start_date": "2025-03-15",
                "handling": "Public",
                "summary": "Held [[src:good]]; a typo [[src:nosuch]].",
                "notes": "A cable says more [[src:secret]].",
            }
        ],
        chips=[
            {
                "id": "c:cut",
                "title": "Tariff cut",
                "party": "party:a",
                "handling": "Public",
                "our_minimum": "Walk away [[src:ghost]].",
            }
        ],
    )
    doc["dossier"] |= {
        "default_handling": "Public",
        "scene_setter": "Rests on [[src:good]], a typo [[src:nosuch]] and a cable [[src:secret]].",
    }
    load(store, doc)
    with store.session() as session:
        set_field_level(session.scalars(select(BargainingChip)).one(), "our_minimum", RESTRICTED)


def _said(uid: str, where: str) -> str:
    return f"{where} refers to [[{uid}]], which names no source at this level, so it prints nothing"


def test_a_reference_to_no_source_is_a_finding(empty_store: Store) -> None:
    _dossier(empty_store)
    found = _checked(empty_store, EVERYTHING)
    assert sorted((f.record_uid, f.message, f.level) for f in found) == [
        # The finding quotes the Restricted minimum, so it is Restricted too.
        ("c:cut", _said("src:ghost", "Our minimum"), RESTRICTED),
        ("dossier", _said("src:nosuch", "The scene-setter"), PUBLIC),
        ("e:talks", _said("src:nosuch", "Summary"), PUBLIC),
    ]


def test_below_a_source_s_level_its_reference_is_not_there(empty_store: Store) -> None:
    _dossier(empty_store)
    found = sorted((f.record_uid, f.message, f.level) for f in _checked(empty_store, PUBLIC))
    assert found == [
        ("dossier", _said("src:nosuch", "The scene-setter"), PUBLIC),
        ("e:talks", _said("src:nosuch", "Summary"), PUBLIC),
    ]
    assert not any("src:secret" in f.message for f in _checked(empty_store, RESTRICTED))
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        wanted = ["src:good", "src:secret", "src:nosuch"]
        assert set(named_sources(session, dossier_id, PUBLIC, wanted)) == {"src:good"}
        secret = named_sources(session, dossier_id, RESTRICTED, wanted)["src:secret"]
        assert (secret.level, secret.marking) == (RESTRICTED, "R")
        assert set(named_sources(session, dossier_id, RESTRICTED, wanted)) == {
            "src:good",
            "src:secret",
        }


def test_a_file_for_an_audience_names_no_withheld_source(empty_store: Store) -> None:
    _dossier(empty_store)
    public = json.loads(export_dossier(empty_store, "test", audience=PUBLIC))
    assert "src:secret" not in json.dumps(public)
    event = public["events"][0]
    assert event["notes"] == "A cable says more."
    assert event["summary"] == "Held [[src:good]]; a typo [[src:nosuch]]."
    assert (
        public["dossier"]["scene_setter"]
        == "Rests on [[src:good]], a typo [[src:nosuch]] and a cable."
    )
    restricted = json.loads(export_dossier(empty_store, "test", audience=RESTRICTED))
    assert restricted["events"][0]["notes"] == "A cable says more [[src:secret]]."
    whole = json.loads(export_dossier(empty_store, "test"))
    assert whole["dossier"]["scene_setter"].endswith("a cable [[src:secret]].")


def _prose(value: object, key: str = "") -> list[str]:
    """Every string of our own writing in an exchange document: not ids, not the
    sources' own text, not what citations quote from them."""
    if key in ("id", "source", "full_text", "excerpt", "locator"):
        return []
    if isinstance(value, dict):
        return [text for k, v in value.items() for text in _prose(v, k)]
    if isinstance(value, list):
        return [text for v in value for text in _prose(v, key)]
    return [value] if isinstance(value, str) else []


def test_the_sample_names_every_source_by_a_reference_that_resolves(store: Store) -> None:
    doc = json.loads(sample_dossier_path().read_text(encoding="utf-8"))
    prose = _prose(doc)
    written = {uid for text in prose for uid in referenced(text)}
    assert written == {s["id"] for s in doc["sources"]}
    numbered = re.compile(r"(?i)\b(source|article|item) 00\d|(?<!src:)\b00\d\b")
    assert [text for text in prose if numbered.search(text)] == []
    unreferenced = [
        text
        for text in prose
        if "public record" in text.lower() and "[[src:public-record]]" not in text
    ]
    assert unreferenced == ["Public record of office-holders"]  # the source's own title
    assert _checked(store, EVERYTHING) == []


def test_a_search_snippet_shows_no_reference(empty_store: Store) -> None:
    """A snippet is text without links: it shows no reference, least of all one to a
    source the audience may not see."""
    _dossier(empty_store)
    with empty_store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        hits = search(session, "cable says", dossier_id=dossier_id, level=PUBLIC)
    assert [(hit.title, hit.snippet) for hit in hits] == [
        ("Talks", "Talks Held; a typo. A [cable] [says] more.")
    ]


def test_text_cut_short_keeps_no_half_reference() -> None:
    text = "A" * 90 + "[[src:secret-cable]]"
    cut = cut_short(clip(text, 100))
    assert cut == "A" * 90 + "…"
    assert cut_short("held [[src:a]] …") == "held [[src:a]] …"
