"""Dossier files for one audience: nothing above its level, everything at or below it.

The marker dossier below plants a unique word in every text, id, alias, excerpt and
protected field, naming the level at which it becomes visible (``lvl2x7`` is seen from
Confidential up): its record's, or its own when it is more protected, or the level of the
record a link points at. A file for an audience must hold every marker at or below its
level, and no marker or level name above it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from briefing.book import BookOptions, export_book
from briefing.cli import main
from briefing.domain import Source
from briefing.errors import NotFound
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.export import dossier_to_model, export_dossier, export_file
from briefing.store.exchange.loading import parse
from briefing.store.exchange.writing import import_file
from briefing.store.sync.states import model_states
from tests.builders import LEVELS, load
from tests.conftest import SAMPLE_SLUG

NAMES = [x["name"] for x in LEVELS]
MARKER = re.compile(r"lvl(\d)x\d+")


def _marker_dossier() -> dict[str, Any]:
    counter = itertools.count(1)

    def m(level: int) -> str:
        return f"lvl{level}x{next(counter)}"

    public_person, secret_person = f"person:{m(0)}", f"person:{m(2)}"
    public_event, restricted_event = f"event:{m(0)}", f"event:{m(3)}"
    public_source, secret_source = f"src:{m(0)}", f"src:{m(2)}"
    public_party, secret_party, internal_party = f"party:{m(0)}", f"party:{m(2)}", f"party:{m(1)}"
    restricted_org = f"org:{m(3)}"
    chip = f"chip:{m(1)}"
    return {
        "format": "briefing-dossier",
        "version": 3,
        "handling_levels": LEVELS,
        "dossier": {
            "slug": "markers",
            "title": f"Markers {m(0)}",
            "subtitle": f"Subtitle {m(1)}",
            "subtitle_handling": "Internal",
            "scene_setter": f"Scene {m(2)}",
            "scene_handling": "Confidential",
            "prepared_for": internal_party,
            "default_handling": "Confidential",
        },
        "parties": [
            {"id": public_party, "handling": "Public", "name": f"Alpha {m(0)}", "code": "A"},
            {"id": secret_party, "handling": "Confidential", "name": f"Beta {m(2)}", "code": "B"},
            {"id": internal_party, "handling": "Internal", "name": f"Home {m(1)}", "code": "H"},
        ],
        "organizations": [
            {
                "id": f"org:{m(1)}",
                "handling": "Internal",
                "name": f"Ministry {m(1)}",
                "party": secret_party,
                "aliases": [f"Min {m(1)}"],
                "field_handling": {"notes": "Restricted"},
                "notes": f"Org notes {m(3)}",
            },
            {"id": restricted_org, "handling": "Restricted", "name": f"Agency {m(3)}"},
        ],
        "people": [
            {
                "id": public_person,
                "handling": "Public",
                "name": f"Public Person {m(0)}",
                "party": secret_party,
                "bio": f"Bio {m(0)}",
                "notes": f"Notes {m(1)}",
                "field_handling": {"notes": "Internal"},
            },
            {"id": secret_person, "handling": "Confidential", "name": f"Secret {m(2)}"},
        ],
        "appointments": [
            {
                "id": f"appt:{m(1)}",
                "handling": "Internal",
                "person": public_person,
                "title": f"Minister {m(1)}",
                "organization": restricted_org,
            }
        ],
        "sources": [
            {
                "id": public_source,
                "handling": "Public",
                "title": f"Wire {m(0)}",
                "reliability": "B",
            },
            {
                "id": secret_source,
                "handling": "Confidential",
                "title": f"Cable {m(2)}",
                "full_text": f"Text {m(2)}",
            },
        ],
        "events": [
            {
                "id": public_event,
                "handling": "Public",
                "title": f"Deadline {m(0)}",
                "kind": "deadline",
                "start_date": "2025-07-08",
                "owner": secret_person,
                "participants": [public_person, secret_person],
                "citations": [
                    {"id": f"cite:{m(0)}", "source": public_source, "excerpt": f"Open {m(0)}"},
                    {
                        "id": f"cite:{m(2)}",
                        "source": public_source,
                        "handling": "Confidential",
                        "excerpt": f"Ex {m(2)}",
                    },
                    {
                        "id": f"cite:{m(2)}",
                        "source": secret_source,
                        "excerpt": f"Cable says {m(2)}",
                    },
                ],
            },
            {
                "id": restricted_event,
                "handling": "Restricted",
                "title": f"Back channel {m(3)}",
                "start_date": "2025-05-02",
            },
        ],
        "delegations": [
            {
                "id": f"delegation:{m(1)}",
                "handling": "Internal",
                "name": f"Team {m(1)}",
                "event": public_event,
                "party": public_party,
                "members": [
                    {"person": public_person, "role": f"Head {m(1)}", "head": True},
                    {"person": secret_person, "role": f"Adviser {m(2)}"},
                ],
            }
        ],
        "meeting_briefs": [
            {
                "id": f"brief:{m(1)}",
                "handling": "Internal",
                "event": public_event,
                "purpose": f"Purpose {m(1)}",
                "desired_outcome": f"Outcome {m(3)}",
                "our_objectives": f"Ours {m(2)}",
                "their_objectives": f"Theirs {m(1)}",
                "field_handling": {
                    "desired_outcome": "Restricted",
                    "our_objectives": "Confidential",
                },
            }
        ],
        "chips": [
            {
                "id": chip,
                "handling": "Internal",
                "title": f"Quota {m(1)}",
                "party": public_party,
                "sectors": [f"steel{m(1)}"],
                "value": {"amount": 2600, "currency": "USD", "note": f"tonnes {m(2)}"},
                "our_target": f"Target {m(1)}",
                "our_minimum": f"Minimum {m(3)}",
                "their_position": f"Position {m(2)}",
                "events": [public_event, restricted_event],
                "field_handling": {
                    "value": "Confidential",
                    "our_minimum": "Restricted",
                    "their_position": "Confidential",
                },
            }
        ],
        "talking_points": [
            {"id": f"point:{m(1)}", "handling": "Internal", "subject": chip, "text": f"Say {m(1)}"},
            {"id": f"point:{m(0)}", "handling": "Public", "text": f"Line {m(0)}"},
            {
                "id": f"point:{m(3)}",
                "handling": "Restricted",
                "subject": restricted_event,
                "text": f"About {m(3)}",
            },
        ],
    }


MARKERS = _marker_dossier()
EVERY_MARKER = {m.group(0): int(m.group(1)) for m in MARKER.finditer(json.dumps(MARKERS))}
"""Every marker in the dossier, with the level it is seen from."""


@pytest.fixture
def markers(empty_store: Store) -> Store:
    load(empty_store, MARKERS)
    return empty_store


@pytest.mark.parametrize("audience", range(4), ids=NAMES)
def test_a_file_for_an_audience_holds_all_it_may_see_and_nothing_more(
    markers: Store, audience: int
) -> None:
    text = export_dossier(markers, "markers", audience=audience)
    held = {match.group(0) for match in MARKER.finditer(text)}
    assert held == {marker for marker, level in EVERY_MARKER.items() if level <= audience}
    data = json.loads(text)
    assert data["audience"] == NAMES[audience]
    assert [x["name"] for x in data["handling_levels"]] == NAMES[: audience + 1]
    for name in NAMES[audience + 1 :]:
        assert name not in text, f"the level {name} is named in the file for {NAMES[audience]}"
    parse(text.encode())  # and it is a valid file


def test_a_withheld_field_leaves_no_trace(markers: Store) -> None:
    """No key, no null, no entry in field_handling: nothing says the field exists."""
    data = json.loads(export_dossier(markers, "markers", audience=1))
    chip = data["chips"][0]
    for key in ("value", "our_minimum", "their_position", "field_handling"):
        assert key not in chip
    brief = data["meeting_briefs"][0]
    assert "desired_outcome" not in brief and "our_objectives" not in brief
    assert "field_handling" not in brief
    assert data["people"][0]["field_handling"] == {"notes": "Internal"}
    confidential = json.loads(export_dossier(markers, "markers", audience=2))["chips"][0]
    assert confidential["field_handling"] == {
        "value": "Confidential",
        "their_position": "Confidential",
    }
    assert confidential["value"] == MARKERS["chips"][0]["value"]
    assert "our_minimum" not in confidential


def test_links_to_withheld_records_are_dropped(markers: Store) -> None:
    """The link goes, the record holding it stays: an event keeps its visible participants."""
    public = json.loads(export_dossier(markers, "markers", audience=0))
    person, event = MARKERS["people"][0], MARKERS["events"][0]
    assert "owner" not in public["events"][0]
    assert public["events"][0]["participants"] == [person["id"]]
    assert public["events"][0]["citations"] == [event["citations"][0]]
    assert "party" not in public["people"][0]
    assert "prepared_for" not in public["dossier"]
    internal = json.loads(export_dossier(markers, "markers", audience=1))
    members = internal["delegations"][0]["members"]
    assert [m["person"] for m in members] == [person["id"]]
    assert internal["chips"][0]["events"] == [event["id"]]
    assert "organization" not in internal["appointments"][0]
    assert "party" not in internal["organizations"][0]
    points = MARKERS["talking_points"]
    assert [p["id"] for p in internal["talking_points"]] == [points[0]["id"], points[1]["id"]]


@pytest.mark.parametrize("audience", range(4), ids=NAMES)
def test_each_record_read_alone_is_as_in_the_audiences_file(markers: Store, audience: int) -> None:
    """A sync reads the records that changed alone (``only``): each must read as in the
    audience's whole file, its links to records not read with it and its references to
    withheld sources decided as there."""
    public, secret = (x["id"] for x in MARKERS["sources"][:2])
    with markers.session() as session:
        dossier = find_dossier(session, "markers")
        wire = session.scalars(select(Source).where(Source.uid == public)).one()
        wire.notes = f"Seen beside [[{secret}]]."
        session.flush()
        whole = model_states(dossier_to_model(session, dossier, audience=audience))
        alone = {
            uid: model_states(dossier_to_model(session, dossier, audience=audience, only={uid}))
            for uid in whole
        }
    assert alone == {uid: {uid: state} for uid, state in whole.items()}


def test_a_dossier_default_above_the_audience_is_stated_within_its_scale(markers: Store) -> None:
    data = json.loads(export_dossier(markers, "markers", audience=1))
    assert data["dossier"]["default_handling"] == "Internal"


@pytest.mark.parametrize("audience", range(4), ids=NAMES)
def test_a_file_for_an_audience_reads_back_as_itself(
    markers: Store, audience: int, tmp_path: Path
) -> None:
    path = tmp_path / "audience.json"
    export_file(markers, "markers", path, audience=audience)
    other = open_store(tmp_path / "other.sqlite3", seed_sample=False)
    import_file(other, path)
    assert export_dossier(other, "markers", audience=audience) == path.read_text(encoding="utf-8")
    other.close()


def test_an_audience_that_is_no_level_is_refused(markers: Store) -> None:
    with pytest.raises(NotFound, match="no handling level has rank 7"):
        export_dossier(markers, "markers", audience=7)


def test_a_file_for_an_audience_imports_beside_the_dossiers_already_there(
    store: Store, tmp_path: Path
) -> None:
    """Its scale stops at its level: a prefix of the database's, so it is welcome."""
    path = tmp_path / "internal.json"
    export_file(store, SAMPLE_SLUG, path, audience=1)
    assert import_file(store, path, slug="internal-copy").slug == "internal-copy"


# The books an audience gets from the file are the books it gets from the database.


def _text(pdf: Path) -> str:
    """The book's text in drawing order, as the issue's check reads it."""
    args = ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


BOOK_AUDIENCES = [
    pytest.param(0, id="Public"),
    pytest.param(1, id="Internal"),
    pytest.param(2, id="Confidential"),
]


@pytest.mark.parametrize("audience", BOOK_AUDIENCES)
def test_the_audiences_books_from_its_file_read_as_from_the_database(
    store: Store, audience: int, tmp_path: Path
) -> None:
    options = BookOptions(audience=audience, today=dt.date(2025, 5, 1))
    original = tmp_path / "original.pdf"
    export_book(store, SAMPLE_SLUG, options, original, record_edition=False)
    path = tmp_path / "audience.json"
    export_file(store, SAMPLE_SLUG, path, audience=audience)
    other = open_store(tmp_path / "other.sqlite3", seed_sample=False)
    import_file(other, path)
    copy = tmp_path / "copy.pdf"
    export_book(other, SAMPLE_SLUG, options, copy, record_edition=False)
    other.close()
    assert _text(copy) == _text(original)


def test_the_command_line_exports_for_an_audience(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "public.json"
    argv = ["--db", str(sample_db), "dossier", "export", SAMPLE_SLUG, str(target)]
    assert main([*argv, "--audience", "public"]) == 0
    assert capsys.readouterr().out == f"wrote {target}: what the Public audience may see\n"
    assert json.loads(target.read_text(encoding="utf-8"))["audience"] == "Public"
    assert main([*argv, "--audience", "cosmic"]) == 2
    assert "no handling level called 'cosmic'" in capsys.readouterr().err
