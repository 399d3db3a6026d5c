"""The details pane's text: a much-cited source, protected fields and citations by level."""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.domain import BargainingChip, MeetingBrief, Party, Source
from briefing.domain.fields import GROUPS
from briefing.domain.registry import BY_NAME, KINDS, Kind, kind_of
from briefing.store.db.database import Store
from briefing.store.details import read_details
from briefing.store.visibility import EVERYTHING, set_field_level
from briefing.ui import record_html as record_html_module
from briefing.ui.record_html import CITING_LISTED, WORKED_OUT, record_html
from tests.builders import cite, document, load


def test_a_much_cited_source_names_the_first_records_and_counts_the_rest(
    empty_store: Store,
) -> None:
    extra = 7
    people = [
        {"id": f"p:{n}", "name": f"Delegate {n:04}", "citations": [cite()]}
        for n in range(CITING_LISTED + extra)
    ]
    people.insert(
        0,
        {"id": "p:secret", "name": "Hidden Envoy", "handling": "Restricted", "citations": [cite()]},
    )
    load(empty_store, document(people=people))
    with empty_store.session() as session:
        source_id = session.scalars(select(Source.id)).one()
        html = record_html(read_details(session, source_id, EVERYTHING), dt.date(2025, 5, 1))
        public = record_html(read_details(session, source_id, 0), dt.date(2025, 5, 1))
    assert f"Cited by {CITING_LISTED + extra + 1:,} records" in html
    assert html.count('href="record:') == CITING_LISTED
    assert f"… and {extra + 1} more" in html
    assert "Hidden Envoy" in html
    assert f"Cited by {CITING_LISTED + extra:,} records" in public
    assert "Hidden Envoy" not in public


def _chip_with_protected_parts(store: Store) -> int:
    """An Internal chip whose minimum and notes are Restricted, value Confidential, and
    with one Restricted citation beside an Internal one."""
    chip = {
        "id": "c:cut",
        "title": "Tariff cut",
        "party": "party:a",
        "handling": "Internal",
        "our_target": "target 25%",
        "our_minimum": "walk away below 15%",
        "notes": "the minister is flexible",
        "value": {"amount": 350, "currency": "USD", "note": "over five years"},
        "citations": [cite(), {**cite(), "excerpt": "a secret excerpt", "locator": "p. 9"}],
    }
    load(store, document(chips=[chip]))
    with store.session() as session:
        found = session.scalars(select(BargainingChip)).one()
        set_field_level(found, "our_minimum", 3)
        set_field_level(found, "notes", 3)
        for name in GROUPS["value_amount"]:
            set_field_level(found, name, 2)
        found.citations[1].handling = 3
        return found.id


def test_protected_fields_and_citations_show_only_at_their_level_with_their_marking(
    empty_store: Store,
) -> None:
    chip = _chip_with_protected_parts(empty_store)
    with empty_store.session() as session:
        internal, confidential, restricted = (
            record_html(read_details(session, chip, level), dt.date(2025, 5, 1))
            for level in (1, 2, 3)
        )
    assert "target 25%" in internal and "Our target" in internal
    for withheld in ("Our minimum", "walk away", "Notes", "flexible", "secret excerpt"):
        assert withheld not in internal and withheld not in confidential
    for withheld in ("Value", "$350", "five years", "p. 9"):
        assert withheld not in internal
    assert "withheld" not in internal.casefold()
    assert "<b>(C)</b> $350 – over five years</td>" in confidential
    assert "<b>(R)</b> walk away below 15%</td>" in restricted
    assert "<h3>Notes</h3><p><b>(R)</b> the minister is flexible" in restricted
    assert '<li><b>(R)</b> <a href="record:' in restricted, "the Restricted citation's marking"
    assert "secret excerpt" in restricted and "p. 9" in restricted
    assert "target 25%</td>" in restricted, "a field at its record's level is not marked"


def test_a_briefs_objectives_follow_their_own_level(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            events=[{"id": "e:talks", "title": "Talks", "start_date": "2025-04-24"}],
            meeting_briefs=[
                {
                    "id": "b:talks",
                    "event": "e:talks",
                    "desired_outcome": "a joint statement",
                    "our_objectives": "hold the line on rice",
                    "their_objectives": "open the rice market",
                }
            ],
        ),
    )
    with empty_store.session() as session:
        brief = session.scalars(select(MeetingBrief)).one()
        set_field_level(brief, "our_objectives", 2)
        brief_id = brief.id
    with empty_store.session() as session:
        public = record_html(read_details(session, brief_id, 0), dt.date(2025, 5, 1))
        confidential = record_html(read_details(session, brief_id, 2), dt.date(2025, 5, 1))
    assert "a joint statement" in public and "open the rice market" in public
    assert "Our objectives" not in public and "hold the line" not in public
    assert "<b>(C)</b> hold the line on rice</td>" in confidential


def test_the_details_rows_and_labels_are_the_registrys(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which fields the details show, in what order and under what label, is the registry's."""
    party = kind_of("party")
    fields = tuple(
        replace(f, detail_label="Short code") if f.name == "code" else f for f in party.fields
    )
    monkeypatch.setitem(BY_NAME, "party", replace(party, fields=fields, details=("colour", "code")))
    with store.session() as session:
        korea = session.scalars(select(Party.id).where(Party.code == "KR")).one()
        html = record_html(read_details(session, korea, EVERYTHING), dt.date(2025, 5, 1))
    assert ">Colour<" in html and ">Short code<" in html and ">Code<" not in html
    assert html.index(">Colour<") < html.index(">Short code<")


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_row_a_kind_names_is_one_the_details_can_show(kind: Kind) -> None:
    for name in kind.details:
        assert kind.declared(name) is not None or (kind.name, name) in WORKED_OUT, name


def test_the_details_ask_the_database_nothing_themselves() -> None:
    """Their SQL is the store's (:func:`read_details`): the pane imports no SQLAlchemy."""
    tree = ast.parse(Path(record_html_module.__file__).read_text(encoding="utf-8"))
    imported = [
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [a.name for a in node.names]
        )
    ]
    assert imported and not [name for name in imported if name.startswith("sqlalchemy")]


def test_korean_details_show_a_bilingual_fields_korean_at_its_level(empty_store: Store) -> None:
    """Read in Korean, a brief's details give its Korean text where it has one (its
    English where not), and a protected one's Korean stays hidden below its level."""
    load(
        empty_store,
        document(
            events=[{"id": "e:talks", "title": "Talks", "start_date": "2025-04-24"}],
            meeting_briefs=[
                {
                    "id": "b:talks",
                    "event": "e:talks",
                    "purpose": "to open the talks",
                    "desired_outcome": "a joint statement",
                    "desired_outcome_ko": "공동 성명",
                    "our_objectives": "hold the line on rice",
                    "our_objectives_ko": "쌀 시장 방어",
                }
            ],
            talking_points=[
                {"id": "p:rice", "subject": "b:talks", "text": "Rice stays", "text_ko": "쌀은 제외"}
            ],
        ),
    )
    with empty_store.session() as session:
        brief = session.scalars(select(MeetingBrief)).one()
        set_field_level(brief, "our_objectives", 2)
        brief_id = brief.id
    day = dt.date(2025, 5, 1)
    with empty_store.session() as session:
        public = record_html(read_details(session, brief_id, 0, "ko"), day)
        confidential = record_html(read_details(session, brief_id, 2, "ko"), day)
        english = record_html(read_details(session, brief_id, 2, "en"), day)
    assert "공동 성명" in public and "a joint statement" not in public
    assert "to open the talks" in public  # no Korean: the English
    assert "쌀은 제외" in public and "Rice stays" not in public
    assert "쌀 시장 방어" not in public and "hold the line" not in public
    assert "<b>(C)</b> 쌀 시장 방어</td>" in confidential
    assert "hold the line on rice" in english and "쌀" not in english
