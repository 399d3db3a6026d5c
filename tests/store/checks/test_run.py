"""The reviewer's checks, on the sample and on small dossiers built for each rule."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from briefing.domain import BargainingChip, Dossier
from briefing.store.checks import Finding
from briefing.store.checks import run as checks
from briefing.store.checks.run import run_checks
from briefing.store.db.database import Store
from briefing.store.visibility import EVERYTHING, set_field_level
from tests.builders import cite, document, load

TODAY = dt.date(2025, 5, 1)


def _findings(store: Store, level: int = EVERYTHING, today: dt.date = TODAY) -> list[Finding]:
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        return run_checks(session, dossier, level=level, today=today)


def test_sample_flags_the_march_15_participants(store: Store) -> None:
    flagged = [f for f in _findings(store) if f.check == "out-of-office"]
    messages = " ".join(f.message for f in flagged if "2025-03-15" in f.message)
    assert "Yoo Myung-hee" in messages
    assert "Katherine Tai" in messages


def test_sample_flags_the_disputed_defence_cost_sharing(store: Store) -> None:
    disputed = [f for f in _findings(store) if f.check == "disputed"]
    assert any("defen" in f.record_name.lower() for f in disputed)


def test_sample_april_24_delegations_are_in_office(store: Store) -> None:
    flagged = [f for f in _findings(store) if f.check == "out-of-office"]
    assert not [f for f in flagged if "2025-04-24" in f.message]


def _office(person: str, start: str, end: str | None) -> dict:
    return {
        "id": f"a:{person}",
        "person": person,
        "title": "Minister",
        "start": start,
        "end": end,
        "citations": [cite()],
    }


def test_each_rule_on_a_small_dossier(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            sources=[{"id": "src:weak", "title": "Rumour mill", "reliability": "E"}],
            people=[
                {"id": "p:gone", "name": "Former Minister", "citations": [cite()]},
                {"id": "p:now", "name": "Current Minister", "citations": [cite()]},
                {"id": "p:rumour", "name": "Rumoured Envoy", "citations": [cite("src:weak")]},
            ],
            appointments=[
                _office("p:gone", "2019-01-01", "2022-05-01"),
                _office("p:now", "2024-01-01", None),
            ],
            events=[
                {
                    "id": "e:talks",
                    "title": "Talks",
                    "start_date": "2025-03-15",
                    "status": "held",
                    "participants": ["p:gone", "p:now"],
                    "citations": [cite()],
                },
                {
                    "id": "e:empty",
                    "title": "Empty meeting",
                    "start_date": "2025-06-01",
                    "citations": [cite()],
                },
                {
                    "id": "e:deadline",
                    "title": "Old deadline",
                    "kind": "deadline",
                    "start_date": "2025-04-01",
                    "owner": "p:now",
                    "participants": ["p:now"],
                    "citations": [cite()],
                },
                {
                    "id": "e:poll",
                    "title": "Election",
                    "kind": "election",
                    "start_date": "2025-06-03",
                    "status": "planned",
                    "citations": [cite(stance="disputes"), cite()],
                },
            ],
        ),
    )
    found = {(f.check, f.record_uid) for f in _findings(empty_store)}
    assert ("out-of-office", "e:talks") in found
    assert ("no-participants", "e:empty") in found
    assert ("no-participants", "e:poll") not in found
    assert ("past-still-planned", "e:deadline") in found
    assert ("weak-sources", "p:rumour") in found
    assert ("weak-sources", "p:now") not in found
    assert ("disputed", "e:poll") in found
    assert ("no-role", "p:rumour") in found
    messages = [f.message for f in _findings(empty_store) if f.check == "out-of-office"]
    assert messages and all("Former Minister" in m for m in messages)


def test_ownerless_deadlines_uncited_records_and_our_chips_without_a_minimum(
    empty_store: Store,
) -> None:
    """The three rules the small dossier above does not reach, each with a case it spares."""
    load(
        empty_store,
        document(
            people=[
                {"id": "p:owner", "name": "Owner", "citations": [cite()]},
                {"id": "p:bare", "name": "Nobody cites me"},
            ],
            events=[
                {
                    "id": "e:orphan",
                    "title": "Tariff deadline",
                    "kind": "deadline",
                    "start_date": "2025-07-08",
                    "citations": [cite()],
                },
                {
                    "id": "e:owned",
                    "title": "Owned deadline",
                    "kind": "deadline",
                    "start_date": "2025-07-09",
                    "owner": "p:owner",
                    "citations": [cite()],
                },
            ],
            chips=[
                {"id": "c:ours", "title": "Our offer", "party": "party:a", "citations": [cite()]},
                {
                    "id": "c:floor",
                    "title": "Our floor",
                    "party": "party:a",
                    "our_minimum": "no less than 15%",
                    "citations": [cite()],
                },
                {"id": "c:theirs", "title": "Their ask", "party": "party:b", "citations": [cite()]},
            ],
        ),
    )
    found = {(f.check, f.record_uid) for f in _findings(empty_store)}
    assert ("no-owner", "e:orphan") in found
    assert ("no-owner", "e:owned") not in found
    assert ("uncited", "p:bare") in found
    assert not {uid for check, uid in found if check == "uncited"} - {
        "p:bare",
        "party:a",
        "party:b",
    }
    assert ("no-minimum", "c:ours") in found
    assert ("no-minimum", "c:floor") not in found
    assert ("no-minimum", "c:theirs") not in found


def test_deadline_not_yet_passed_is_fine(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            events=[
                {
                    "id": "e:d",
                    "title": "D",
                    "kind": "deadline",
                    "start_date": "2025-07-08",
                    "citations": [cite()],
                }
            ]
        ),
    )
    assert not [f for f in _findings(empty_store) if f.check == "past-still-planned"]
    later = _findings(empty_store, today=dt.date(2025, 7, 9))
    assert [f.record_uid for f in later if f.check == "past-still-planned"] == ["e:d"]


def test_checks_skip_records_above_the_audience(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            events=[
                {
                    "id": "e:x",
                    "title": "Secret meeting",
                    "handling": "Restricted",
                    "start_date": "2025-06-01",
                }
            ]
        ),
    )
    assert any(f.record_uid == "e:x" for f in _findings(empty_store))
    assert not any(f.record_uid == "e:x" for f in _findings(empty_store, level=2))


def test_findings_never_name_what_the_audience_may_not_see(empty_store: Store) -> None:
    load(
        empty_store,
        document(
            sources=[
                {
                    "id": "src:secret",
                    "title": "Secret cable ZULU",
                    "reliability": "A",
                    "handling": "Restricted",
                }
            ],
            people=[{"id": "p:x", "name": "Envoy X", "citations": [cite()]}],
            appointments=[
                {
                    "id": "a:public",
                    "person": "p:x",
                    "title": "Former post",
                    "start": "2010-01-01",
                    "end": "2012-01-01",
                    "citations": [cite()],
                },
                {
                    "id": "a:secret",
                    "person": "p:x",
                    "title": "Covert post KILO",
                    "start": "2013-01-01",
                    "end": "2014-01-01",
                    "handling": "Restricted",
                    "citations": [cite()],
                },
            ],
            events=[
                {
                    "id": "e:talks",
                    "title": "Talks",
                    "start_date": "2025-03-15",
                    "status": "held",
                    "participants": ["p:x"],
                    "citations": [cite(), cite("src:secret", stance="disputes")],
                },
            ],
        ),
    )
    everything = " ".join(f.message for f in _findings(empty_store))
    assert "KILO" in everything and "ZULU" in everything
    confidential = _findings(empty_store, level=2)
    text = " ".join(f.message for f in confidential)
    assert "KILO" not in text and "ZULU" not in text
    assert not [f for f in confidential if f.check == "disputed"]
    assert [f.record_uid for f in confidential if f.check == "out-of-office"] == ["e:talks"]


def test_checking_in_small_batches_finds_the_same(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records are checked a batch at a time: batch edges must not lose or repeat findings."""
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        whole = run_checks(session, dossier, level=EVERYTHING, today=dt.date(2025, 5, 1))
        monkeypatch.setattr(checks, "BATCH", 3)
        batched = run_checks(session, dossier, level=EVERYTHING, today=dt.date(2025, 5, 1))
    assert len(whole) > 10
    assert batched == whole


def test_a_finding_carries_the_highest_level_it_names(empty_store: Store) -> None:
    """An Internal meeting's finding naming a Restricted participant, or quoting a
    Confidential source, is at that level, whatever the meeting's own."""
    load(
        empty_store,
        document(
            sources=[
                {"id": "src:c", "title": "Cable", "reliability": "E", "handling": "Confidential"}
            ],
            people=[{"id": "p:r", "name": "Envoy R", "handling": "Restricted"}],
            appointments=[{**_office("p:r", "2010-01-01", "2012-01-01"), "handling": "Restricted"}],
            events=[
                {
                    "id": "e:talks",
                    "title": "Talks",
                    "start_date": "2025-03-15",
                    "status": "held",
                    "handling": "Internal",
                    "participants": ["p:r"],
                    "citations": [cite("src:c")],
                }
            ],
        ),
    )
    levels = {f.check: f.level for f in _findings(empty_store) if f.record_uid == "e:talks"}
    assert levels == {"out-of-office": 3, "weak-sources": 2}
    assert {f.check for f in _findings(empty_store, level=1)} <= {"uncited", "no-participants"}


def test_a_finding_on_a_brief_is_at_least_its_event_s_level(empty_store: Store) -> None:
    """A brief's name is its event's title: a finding on it names the event too, even when
    the brief's own stored level is below it (a database written by other means)."""
    load(
        empty_store,
        document(
            events=[
                {
                    "id": "e:secret",
                    "title": "Secret summit",
                    "start_date": "2025-03-15",
                    "status": "held",
                    "handling": "Restricted",
                    "citations": [cite()],
                }
            ],
            meeting_briefs=[{"id": "b:1", "event": "e:secret"}],
        ),
    )
    with empty_store.session() as session:
        session.execute(text("UPDATE record SET handling = 1 WHERE uid = 'b:1'"))
    found = [f for f in _findings(empty_store) if f.record_uid == "b:1"]
    assert {(f.check, f.record_name, f.level) for f in found} == {
        ("uncited", "Brief: Secret summit", 3)
    }


def test_what_the_audience_may_not_see_is_absent_to_the_checks(empty_store: Store) -> None:
    """A withheld minimum, owner or delegation is as if there were none: the checks say what
    they say when there is none, and never that something is withheld."""
    load(
        empty_store,
        document(
            people=[
                {"id": "p:owner", "name": "Owner", "handling": "Restricted"},
                {"id": "p:adviser", "name": "Adviser", "handling": "Internal"},
            ],
            appointments=[_office("p:adviser", "2010-01-01", "2012-01-01")],
            events=[
                {
                    "id": "e:deadline",
                    "title": "Deadline",
                    "kind": "deadline",
                    "start_date": "2025-07-08",
                    "owner": "p:owner",
                    "handling": "Internal",
                },
                {
                    "id": "e:talks",
                    "title": "Talks",
                    "start_date": "2025-03-15",
                    "status": "held",
                    "handling": "Internal",
                },
            ],
            delegations=[
                {
                    "id": "d:secret",
                    "event": "e:talks",
                    "party": "party:a",
                    "handling": "Restricted",
                    "members": [{"person": "p:adviser"}],
                }
            ],
            chips=[
                {
                    "id": "c:ours",
                    "title": "Cut",
                    "party": "party:a",
                    "handling": "Internal",
                    "our_minimum": "Ten percent",
                }
            ],
        ),
    )
    with empty_store.session() as session:
        set_field_level(session.scalars(select(BargainingChip)).one(), "our_minimum", 3)
    internal = {(f.check, f.record_uid): f for f in _findings(empty_store, level=1)}
    restricted = {(f.check, f.record_uid) for f in _findings(empty_store, level=3)}
    minimum = internal[("no-minimum", "c:ours")]
    assert (minimum.message, minimum.level) == ("our own chip has no walk-away minimum", 1)
    assert ("no-minimum", "c:ours") not in restricted
    assert ("no-owner", "e:deadline") in internal
    assert ("no-owner", "e:deadline") not in restricted
    assert ("no-participants", "e:talks") in internal
    assert ("out-of-office", "e:talks") not in internal
    assert ("out-of-office", "e:talks") in restricted
    assert not [f for f in internal.values() if "withheld" in f.message]
