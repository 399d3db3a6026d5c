"""Times that mean one instant, in the store: the dossier's home zone, a flight's arrival,
and an exchange file whose times name no instant refused with nothing saved."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, func, select

from briefing.domain import Dossier, Event
from briefing.errors import ImportRefused
from briefing.generator import generate
from briefing.store.db.database import Store
from briefing.store.db.migrate import alembic_config, open_store
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.export import dumps, export_dossier
from briefing.store.exchange.schema import DossierFile, EventOut
from briefing.store.exchange.writing import import_file, import_model
from tests.conftest import SAMPLE_SLUG

SEOUL_TO_WASHINGTON = EventOut(
    id="event:flight",
    title="Flight KE093 to Washington",
    start_date=dt.date(2026, 7, 3),
    start_time=dt.time(10, 0),
    end_time=dt.time(9, 0),
    place="Incheon",
    timezone="Asia/Seoul",
    arrival_place="Washington Dulles",
    arrival_timezone="America/New_York",
)
"""Leaves Seoul at 10:00 and lands in Washington at 09:00 the same day by the clocks:
thirteen hours later."""


def meeting(uid: str, title: str, start: dt.time, end: dt.time | None) -> EventOut:
    """A meeting in Washington on 1 July 2026."""
    return EventOut(
        id=uid,
        title=title,
        start_date=dt.date(2026, 7, 1),
        start_time=start,
        end_time=end,
        place="Washington",
        timezone="America/New_York",
    )


def dossier(*events: EventOut, home_zone: str | None = None) -> DossierFile:
    """A small generated dossier holding ``events`` besides its own."""
    model = generate(people=4, events=3, chips=0, sources=1, slug="times", seed=3)
    head = model.dossier
    if home_zone is not None:
        head = head.model_copy(update={"home_zone": home_zone})
    return model.model_copy(update={"dossier": head, "events": [*model.events, *events]})


def test_a_flight_and_a_home_zone_travel_in_the_file(empty_store: Store, tmp_path: Path) -> None:
    import_model(empty_store, dossier(SEOUL_TO_WASHINGTON, home_zone="Europe/Zurich"))
    with empty_store.session() as session:
        assert find_dossier(session, "times").home_zone == "Europe/Zurich"
        flight = session.scalars(select(Event).where(Event.uid == "event:flight")).one()
        assert (flight.arrival_place, flight.end_zone) == ("Washington Dulles", "America/New_York")
    text = export_dossier(empty_store, "times")
    written = json.loads(text)
    assert written["dossier"]["home_zone"] == "Europe/Zurich"
    (event,) = [e for e in written["events"] if e["id"] == "event:flight"]
    assert event["arrival_timezone"] == "America/New_York"
    path = tmp_path / "again.json"
    path.write_text(text, encoding="utf-8")
    import_file(empty_store, path, slug="times-again")
    assert export_dossier(empty_store, "times-again") == text.replace(
        '"slug": "times"', '"slug": "times-again"'
    )


def test_a_file_without_a_home_zone_keeps_seoul_and_exports_without_one(
    empty_store: Store,
) -> None:
    import_model(empty_store, dossier())
    with empty_store.session() as session:
        assert find_dossier(session, "times").home_zone == "Asia/Seoul"
    assert "home_zone" not in json.loads(export_dossier(empty_store, "times"))["dossier"]


def refused(store: Store, model: DossierFile, tmp_path: Path, **dossier: str) -> str:
    """The import's message for ``model`` as a file (with ``dossier`` keys changed); the
    database is left without the dossier."""
    data = json.loads(dumps(model))
    data["dossier"] |= dossier
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportRefused) as raised:
        import_file(store, path)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0
    return str(raised.value)


def test_an_unknown_home_zone_is_refused(empty_store: Store, tmp_path: Path) -> None:
    message = refused(empty_store, dossier(), tmp_path, home_zone="Mars/Olympus")
    assert "unknown time zone 'Mars/Olympus'" in message


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone", "unknown time zone 'Mars/Olympus'"),
        ({"arrival_timezone": "Nowhere"}, "arrival_timezone", "unknown time zone 'Nowhere'"),
        (
            {"end_time": dt.time(8, 0), "arrival_timezone": "Asia/Tokyo"},
            "end_time",
            "it ends at 2026-07-03 08:00 JST (23:00 UTC), before it starts at "
            "2026-07-03 10:00 KST (01:00 UTC)",
        ),
        (
            {"timezone": "America/New_York", "start_date": dt.date(2026, 3, 8)}
            | {"start_time": dt.time(2, 30)},
            "start_time",
            "does not exist in America/New_York",
        ),
        (
            {"start_date": dt.date(2026, 11, 1), "start_time": dt.time(1, 30)}
            | {"timezone": "America/New_York", "arrival_timezone": ""},
            "start_fold",
            "happens twice in America/New_York",
        ),
        (
            {"start_date": dt.date(2026, 11, 1), "start_time": dt.time(0, 30)}
            | {"end_time": dt.time(1, 15), "timezone": "America/New_York"}
            | {"arrival_timezone": ""},
            "end_fold",
            "2026-11-01 01:15 happens twice in America/New_York",
        ),
        (
            {"start_time": None, "end_time": None, "end_date": dt.date(2026, 7, 2)},
            "end_date",
            "ends (2026-07-02) before it starts (2026-07-03)",
        ),
    ],
)
def test_times_that_name_no_instant_are_refused_with_nothing_saved(
    empty_store: Store, tmp_path: Path, change: dict[str, object], where: str, says: str
) -> None:
    bad = SEOUL_TO_WASHINGTON.model_copy(update=change)
    message = refused(empty_store, dossier(bad), tmp_path)
    assert says in message
    assert f"events.3.{where}" in message or f"events[3].{where}" in message


def test_a_westward_flight_may_land_the_day_before_it_leaves(empty_store: Store) -> None:
    # Seoul 00:30 on 3 July → Honolulu 13:00 on 2 July: seven and a half hours later.
    hop = SEOUL_TO_WASHINGTON.model_copy(
        update={
            "start_time": dt.time(0, 30),
            "end_date": dt.date(2026, 7, 2),
            "end_time": dt.time(13, 0),
            "arrival_timezone": "Pacific/Honolulu",
        }
    )
    import_model(empty_store, dossier(hop))


def test_upgrading_gives_existing_dossiers_the_seoul_home_zone(sample_db: Path) -> None:
    engine = create_engine(f"sqlite:///{sample_db}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0025")
    engine.dispose()
    upgraded = open_store(sample_db, seed_sample=False)
    try:
        with upgraded.session() as session:
            assert find_dossier(session, SAMPLE_SLUG).home_zone == "Asia/Seoul"
            assert session.scalar(select(func.count()).where(Event.arrival_place != "")) == 0
    finally:
        upgraded.close()


def test_a_file_says_which_of_two_instants_a_time_is_and_keeps_it(
    empty_store: Store, tmp_path: Path
) -> None:
    # 1 November 2026 in New York: 01:30 EDT, then 01:30 EST an hour later; the meeting
    # starts at the second and ends at 01:45 EST, which is before 01:30 EDT's fold ends.
    second = EventOut(
        id="event:fold",
        title="Night call",
        start_date=dt.date(2026, 11, 1),
        start_time=dt.time(1, 30),
        start_fold=1,
        end_time=dt.time(1, 45),
        end_fold=1,
        place="Washington",
        timezone="America/New_York",
    )
    # Ending at the first 01:45 (EDT) would be before starting at the second 01:30 (EST).
    earlier_end = second.model_copy(update={"end_fold": 0})
    message = refused(empty_store, dossier(earlier_end), tmp_path)
    assert "before it starts at 2026-11-01 01:30 EST (06:30 UTC)" in message
    import_model(empty_store, dossier(second))
    with empty_store.session() as session:
        event = session.scalars(select(Event).where(Event.uid == "event:fold")).one()
        assert (event.start_fold, event.end_fold) == (1, 1)
    text = export_dossier(empty_store, "times")
    (written,) = [e for e in json.loads(text)["events"] if e["id"] == "event:fold"]
    assert (written["start_fold"], written["end_fold"]) == (1, 1)
