"""The pure comparison of two dossier documents the change section and change bars read."""

from __future__ import annotations

import copy
import json
from typing import Any

from briefing.book.changes import MAX_WORDS, Run, compare, word_diff
from briefing.store.exchange.loading import parse
from briefing.store.exchange.schema import DossierFile
from tests.builders import document

LONG = " ".join(f"word{n}" for n in range(200))


def base() -> dict[str, Any]:
    return document(
        events=[
            {"id": "e:1", "title": "Talks", "kind": "meeting", "start_date": "2025-05-10"},
            {
                "id": "e:2",
                "title": "Summit",
                "kind": "meeting",
                "start_date": "2025-05-20",
                "summary": LONG,
            },
            {"id": "e:3", "title": "Gone", "kind": "meeting", "start_date": "2025-06-01"},
        ],
        chips=[{"id": "c:1", "title": "Rice", "kind": "offer", "handling": "Internal"}],
    )


def model(doc: dict[str, Any]) -> DossierFile:
    return parse(json.dumps(doc).encode())


def edited() -> dict[str, Any]:
    doc = copy.deepcopy(base())
    doc["events"] = [e for e in doc["events"] if e["id"] != "e:3"]
    doc["events"][0]["place"] = "Seoul"
    doc["events"][1]["summary"] = LONG.replace("word100", "CHANGED")
    doc["events"].append(
        {"id": "e:4", "title": "New round", "kind": "meeting", "start_date": "2025-07-01"}
    )
    return doc


def test_the_same_document_has_no_changes() -> None:
    assert not compare(model(base()), model(base()))


def test_records_added_removed_and_changed_are_paired_by_uid() -> None:
    changes = compare(model(base()), model(edited()))

    assert [(r.uid, r.title) for r in changes.of("added")] == [("e:4", "New round")]
    assert [(r.uid, r.title) for r in changes.of("removed")] == [("e:3", "Gone")]
    changed = {r.uid: r for r in changes.of("changed")}
    assert set(changed) == {"e:1", "e:2"}
    place = changed["e:1"].fields
    assert [(f.key, f.label, f.before, f.after) for f in place] == [("place", "Place", "", "Seoul")]
    assert [f.key for f in changed["e:2"].fields] == ["summary"]
    assert changed["e:2"].fields[0].long and not place[0].long
    assert ("e:1", "place") in changes.changed_fields()
    assert ("e:4", "title") in changes.changed_fields()
    assert not any(uid == "e:3" for uid, _ in changes.changed_fields())


def test_levels_come_from_each_document() -> None:
    after = copy.deepcopy(base())
    after["chips"][0]["handling"] = "Confidential"
    changes = compare(model(base()), model(after))

    (chip,) = changes.records
    assert chip.level == 2
    (handling,) = chip.fields
    assert (handling.before, handling.after) == ("Internal", "Confidential")
    assert (handling.before_level, handling.after_level) == (1, 2)


def test_word_diff_shows_the_changed_words_with_context() -> None:
    runs = word_diff(LONG, LONG.replace("word100", "CHANGED"))

    assert Run("removed", "word100") in runs and Run("added", "CHANGED") in runs
    same = " ".join(r.text for r in runs if r.kind == "same")
    assert "word99" in same and "word101" in same
    assert "word50" not in same, "a long unchanged stretch is elided"
    assert any(r.kind == "elided" for r in runs)


def test_word_diff_is_capped() -> None:
    before = " ".join(f"a{n}" for n in range(2000))
    after = " ".join(f"b{n}" for n in range(2000))

    runs = word_diff(before, after)

    shown = sum(len(r.text.split()) for r in runs if r.kind != "elided")
    assert shown == MAX_WORDS
    assert runs[-1].kind == "elided" and "3600 more words" in runs[-1].text


def test_references_print_as_the_records_names() -> None:
    after = copy.deepcopy(base())
    after["chips"][0]["party"] = "party:b"
    (chip,) = compare(model(base()), model(after)).records
    assert [(f.label, f.after) for f in chip.fields] == [("Party", "Beta")]


def test_a_list_given_in_another_order_is_no_change() -> None:
    """An edition printed before files listed aliases and citations by their keys holds
    them in the order they were made: upgrading changes the order, not the dossier."""
    before, after = copy.deepcopy(base()), copy.deepcopy(base())
    cites = [
        {"id": "c:b", "source": "src:good", "excerpt": "second"},
        {"id": "c:a", "source": "src:good", "excerpt": "first"},
    ]
    before["people"] = [{"id": "p:1", "name": "Kim", "aliases": ["Uno", "Eins"]}]
    before["people"][0]["citations"] = cites
    after["people"] = [{"id": "p:1", "name": "Kim", "aliases": ["Eins", "Uno"]}]
    after["people"][0]["citations"] = cites[::-1]
    assert not compare(model(before), model(after))
    after["people"][0]["aliases"] = ["Eins"]
    (person,) = compare(model(before), model(after)).records
    assert [(f.key, f.before, f.after) for f in person.fields] == [("aliases", "Eins; Uno", "Eins")]


def test_a_replaced_photo_is_a_change() -> None:
    before, after = copy.deepcopy(base()), copy.deepcopy(base())
    before["people"] = [{"id": "p:1", "name": "Kim", "photo": "AAAA"}]
    after["people"] = [{"id": "p:1", "name": "Kim", "photo": "BBBB"}]
    (person,) = compare(model(before), model(after)).records
    (photo,) = person.fields
    assert photo.label == "Photo" and photo.before != photo.after
    assert photo.before.startswith("a photo (")


def test_a_name_borrowed_from_a_higher_record_is_marked_at_its_level() -> None:
    """A change names other records (a brief by its event, a meeting's owner): its portion
    marking must be at least as high as those names, or a Confidential event's title
    would print marked Internal."""
    before = base()
    before["events"][0]["handling"] = "Confidential"
    before["people"] = [{"id": "p:1", "name": "Secret Envoy", "handling": "Confidential"}]
    after = copy.deepcopy(before)
    after["meeting_briefs"] = [{"id": "b:1", "event": "e:1", "handling": "Internal"}]
    after["events"][1]["owner"] = "p:1"
    after["events"][1]["participants"] = ["p:1"]
    changes = {r.uid: r for r in compare(model(before), model(after)).records}

    brief = changes["b:1"]
    assert brief.title == "Brief: Talks" and brief.level == 2
    named = {f.key: (f.after, f.after_level) for f in changes["e:2"].fields}
    assert named == {"owner": ("Secret Envoy", 2), "participants": ("Secret Envoy", 2)}
