"""Two people editing one record lose nothing: a save over a change made since its editor
loaded the record is refused, naming who made that change and when; the first change stays."""

from __future__ import annotations

import datetime as dt
import json
import select as selectors
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import URL, create_engine, select, text

from briefing.domain import Citation, Dossier, Event, MeetingBrief, Person, Record
from briefing.domain.base import utcnow
from briefing.domain.dossier import SCENE_SETTER, TEXT_KINDS
from briefing.errors import BriefingError
from briefing.store.changes import CHANNEL, Feed
from briefing.store.citations import change_citation
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import set_home_zone
from briefing.store.edits import (
    apply_change,
    change_record,
    create_record,
    delete_record,
    undo_change,
)
from briefing.store.exchange.export import export_dossier
from briefing.store.versions import Changed, current
from tests.builders import load
from tests.server import Cluster
from tests.store.test_edits import _chip_dossier, _id


def _people(store: Store, count: int = 2) -> list[int]:
    with store.session() as session:
        return list(session.scalars(select(Person.id).order_by(Person.id).limit(count)))


def _loaded(store: Store, record_id: int) -> int:
    """What an editor opening the record gets: its version."""
    with store.session() as session:
        version = current(session, record_id)
    assert version is not None
    return version


def _name(store: Store, record_id: int) -> str:
    with store.session() as session:
        return session.get_one(Person, record_id).name


def test_second_save_over_a_change_is_refused_and_the_first_kept(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahn = _people(store)[0]
    mine, theirs = _loaded(store, ahn), _loaded(store, ahn)
    if store.url.get_backend_name() == "sqlite":
        monkeypatch.setattr("getpass.getuser", lambda: "kim")
    with store.session() as session:
        change_record(session, ahn, {"name": "Kim's spelling"}, theirs)
    monkeypatch.undo()
    with pytest.raises(Changed) as refused, store.session() as session:
        change_record(session, ahn, {"name": "My spelling", "notes": "mine"}, mine)

    who = "kim" if store.url.get_backend_name() == "sqlite" else store.url.username
    assert refused.value.who == who
    assert refused.value.when is not None
    assert abs(refused.value.when - dt.datetime.now(dt.UTC).replace(tzinfo=None)).seconds < 60
    assert str(refused.value).startswith(f"{who} changed this record at ")
    assert "your change was not saved" in str(refused.value)
    assert _name(store, ahn) == "Kim's spelling"
    with store.session() as session:
        assert session.get_one(Person, ahn).notes != "mine"  # nothing of the refused save


def test_different_records_do_not_conflict(store: Store) -> None:
    ahn, other = _people(store)
    first, second = _loaded(store, ahn), _loaded(store, other)
    with store.session() as session:
        change_record(session, ahn, {"notes": "one"}, first)
    with store.session() as session:
        change_record(session, other, {"notes": "two"}, second)
    with store.session() as session:
        assert session.get_one(Person, ahn).notes == "one"
        assert session.get_one(Person, other).notes == "two"


def test_saving_again_from_the_new_version_succeeds(store: Store) -> None:
    """After reloading (theirs), the editor's next save goes through."""
    ahn = _people(store)[0]
    loaded = _loaded(store, ahn)
    with store.session() as session:
        change_record(session, ahn, {"notes": "theirs"}, loaded)
    with pytest.raises(Changed), store.session() as session:
        change_record(session, ahn, {"notes": "mine"}, loaded)
    with store.session() as session:
        change_record(session, ahn, {"notes": "mine"}, _loaded(store, ahn))
    with store.session() as session:
        assert session.get_one(Person, ahn).notes == "mine"


def test_deleting_a_record_changed_since_loading_is_refused(store: Store) -> None:
    ahn = _people(store)[0]
    loaded = _loaded(store, ahn)
    with store.session() as session:
        change_record(session, ahn, {"notes": "still wanted"}, loaded)
    with pytest.raises(Changed), store.session() as session:
        delete_record(session, ahn, loaded)
    assert _loaded(store, ahn) == loaded + 1
    with store.session() as session:
        delete_record(session, ahn, loaded + 1)
    with store.session() as session:
        assert session.get(Person, ahn) is None


def test_a_save_over_a_deleted_record_says_so(store: Store) -> None:
    ahn = _people(store)[0]
    loaded = _loaded(store, ahn)
    with store.session() as session:
        delete_record(session, ahn, loaded)
    with pytest.raises(Changed) as refused, store.session() as session:
        change_record(session, ahn, {"notes": "too late"}, loaded)
    assert refused.value.when is None
    assert str(refused.value).startswith("Someone deleted this record")


def test_a_citation_edit_is_a_save_of_its_record(store: Store) -> None:
    with store.session() as session:
        citation = session.scalars(select(Citation).order_by(Citation.id).limit(1)).one()
        citation_id, record_id = citation.id, citation.record_id
    loaded = _loaded(store, record_id)
    with store.session() as session:
        change_record(session, record_id, {"notes": "theirs"}, loaded)
    with pytest.raises(Changed), store.session() as session:
        change_citation(session, citation_id, {"excerpt": "mine"}, loaded)
    with store.session() as session:
        assert session.get_one(Citation, citation_id).excerpt != "mine"


def test_undo_over_someone_elses_change_is_refused(store: Store) -> None:
    ahn = _people(store)[0]
    with store.session() as session:
        change = apply_change(session, ahn, {"notes": "mine"}, _loaded(store, ahn))
    with store.session() as session:
        change_record(session, ahn, {"notes": "theirs"}, change.version)
    with pytest.raises(Changed), store.session() as session:
        undo_change(session, ahn, change, change.version)
    with store.session() as session:
        assert session.get_one(Person, ahn).notes == "theirs"


def test_a_record_raised_with_its_parent_counts_a_save(empty_store: Store) -> None:
    """Raising an event raises its brief: whoever has the brief open saves over that raise
    only after seeing it."""
    load(empty_store, _chip_dossier())
    event, brief = _id(empty_store, Event, "e:talks"), _id(empty_store, MeetingBrief, "b:talks")
    loaded = _loaded(empty_store, brief)
    with empty_store.session() as session:
        apply_change(session, event, {"handling": 3}, _loaded(empty_store, event))
    with pytest.raises(Changed), empty_store.session() as session:
        change_record(session, brief, {"handling": 0}, loaded)
    with empty_store.session() as session:
        assert session.get_one(MeetingBrief, brief).handling == 3


def test_versions_stay_out_of_dossier_files(store: Store) -> None:
    ahn = _people(store)[0]
    with store.session() as session:
        slug = session.get_one(Record, ahn).dossier.slug
    before = json.loads(export_dossier(store, slug))
    with store.session() as session:
        change_record(session, ahn, {"notes": "edited"}, _loaded(store, ahn))
    exported = export_dossier(store, slug)
    assert "changed_by" not in exported
    assert all("version" not in person for person in json.loads(exported)["people"])
    assert before.keys() == json.loads(exported).keys()


def _stamps(store: Store, dossier_id: int) -> dict[str, tuple[str, dt.datetime | None]]:
    """Who wrote the dossier's row and each of its texts last, and when, by kind."""
    with store.session() as session:
        dossier = session.get_one(Dossier, dossier_id)
        return {
            "dossier": (dossier.changed_by, dossier.updated_at),
            **{kind: (t.changed_by, t.updated_at) for kind, t in dossier.texts.items()},
        }


def test_each_of_the_dossiers_rows_names_who_wrote_it_last(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its home zone (as the window and ``dossier home-zone`` set it) stamps the dossier's
    row, its subtitle the subtitle's alone; a record added to the dossier stamps neither."""
    ahn = _people(store)[0]
    with store.session() as session:
        dossier_id = session.get_one(Record, ahn).dossier_id
    monkeypatch.setattr("getpass.getuser", lambda: "kim")
    who = store.url.username if store.url.get_backend_name() == "postgresql" else "kim"
    before = _stamps(store, dossier_id)
    start = utcnow()
    with store.session() as session:
        set_home_zone(session, dossier_id, "Europe/Paris")
    zoned = _stamps(store, dossier_id)
    assert zoned["dossier"][0] == who
    assert zoned["dossier"][1] is not None and zoned["dossier"][1] >= start
    assert {k: zoned[k] for k in TEXT_KINDS} == {k: before[k] for k in TEXT_KINDS}
    monkeypatch.setattr("getpass.getuser", lambda: "lee")
    with store.session() as session:
        create_record(session, Person, dossier_id, "person:new", {"name": "New"})
    assert _stamps(store, dossier_id) == zoned
    with store.session() as session:
        session.get_one(Dossier, dossier_id).subtitle = "Round two"
    written = _stamps(store, dossier_id)
    assert written["subtitle"][0] == ("lee" if who == "kim" else who)
    assert {k: written[k] for k in ("dossier", SCENE_SETTER)} == {
        k: zoned[k] for k in ("dossier", SCENE_SETTER)
    }


def test_a_feed_sees_another_connections_write(store: Store) -> None:
    ahn = _people(store)[0]
    feed = Feed(store)
    try:
        assert feed.changed() is False
        with Store.at(store.url) as other, other.session() as session:
            change_record(session, ahn, {"notes": "from elsewhere"}, None)
        if feed.fileno() is None:
            assert feed.changed() is True
            assert feed.changed() is False
        else:
            assert _wait_for_notice(feed)
    finally:
        feed.close()


def _wait_for_notice(feed: Feed, seconds: float = 2.0) -> bool:
    """Whether the server announced a change within ``seconds``, waiting on the socket as
    the window does."""
    fileno = feed.fileno()
    assert fileno is not None
    deadline = dt.datetime.now() + dt.timedelta(seconds=seconds)
    while (left := (deadline - dt.datetime.now()).total_seconds()) > 0:
        readable, _w, _x = selectors.select([fileno], [], [], left)
        if readable and feed.changed():
            return True
    return False


# ---------------------------------------------------------------- on a real server


@pytest.fixture
def kim(postgres: Cluster, pg_sample_url: URL) -> Iterator[URL]:
    """``pg_sample_url`` as another person: a role of their own that may edit."""
    postgres.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kim') "
        "THEN CREATE ROLE kim LOGIN; END IF; END $$"
    )
    engine = create_engine(pg_sample_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("GRANT ALL ON ALL TABLES IN SCHEMA public TO kim"))
            connection.execute(text("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO kim"))
    finally:
        engine.dispose()
    yield pg_sample_url.set(username="kim")


def test_on_a_server_the_refusal_names_the_role_that_saved(pg_sample_url: URL, kim: URL) -> None:
    mine = open_store(pg_sample_url, seed_sample=False)
    theirs = open_store(kim, seed_sample=False)
    try:
        ahn = _people(mine)[0]
        loaded_by_me, loaded_by_kim = _loaded(mine, ahn), _loaded(theirs, ahn)
        with theirs.session() as session:
            change_record(session, ahn, {"name": "Kim's spelling"}, loaded_by_kim)
        with pytest.raises(Changed) as refused, mine.session() as session:
            change_record(session, ahn, {"name": "My spelling"}, loaded_by_me)
        assert refused.value.who == "kim"
        assert str(refused.value).startswith("kim changed this record at ")
        assert _name(mine, ahn) == "Kim's spelling"
    finally:
        theirs.close()
        mine.close()


def test_on_a_server_a_window_hears_of_the_change(pg_sample_url: URL, kim: URL) -> None:
    mine = open_store(pg_sample_url, seed_sample=False)
    theirs = open_store(kim, seed_sample=False)
    feed = Feed(mine)
    try:
        ahn = _people(mine)[0]
        with theirs.session() as session:
            change_record(session, ahn, {"notes": "by kim"}, None)
        assert _wait_for_notice(feed)
        assert feed.changed() is False
    finally:
        feed.close()
        theirs.close()
        mine.close()


@contextmanager
def _listening(url: URL) -> Iterator[Any]:
    """A plain connection LISTENing on the change channel, as any login may."""
    import psycopg

    with psycopg.connect(
        host=url.query["host"], dbname=url.database, user=url.username, autocommit=True
    ) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        yield connection


def test_on_a_server_a_window_is_not_told_of_its_own_saves(pg_sample_url: URL) -> None:
    """It shows them already; reading the dossier again would only cost time."""
    mine = open_store(pg_sample_url, seed_sample=False)
    feed = Feed(mine)
    try:
        with _listening(pg_sample_url) as observer:
            with mine.session() as session:
                change_record(session, _people(mine)[0], {"notes": "my own"}, None)
            assert next(observer.notifies(timeout=2), None) is not None  # it was announced
        assert _wait_for_notice(feed, seconds=0.5) is False
    finally:
        feed.close()
        mine.close()


def test_a_notice_names_no_dossier(pg_sample_url: URL, kim: URL) -> None:
    """Any login may listen: a dossier id would tell one cleared below a dossier that it
    exists and when it is worked on. One notice per statement, however many rows."""
    theirs = open_store(kim, seed_sample=False)
    try:
        with _listening(pg_sample_url) as observer:
            with theirs.session() as session:
                session.execute(text("UPDATE record SET notes = notes || ' '"))
            notices = list(observer.notifies(timeout=0.5))
        assert [notice.payload for notice in notices] == [""]
    finally:
        theirs.close()


WRITERS = 8
EDITS = 50


def test_concurrent_writers_lose_no_update(pg_sample_url: URL) -> None:
    """8 writers each make 50 read-modify-write increments on 3 shared records: every
    increment is either saved or refused, and the saved ones are all in the final values."""
    store = open_store(pg_sample_url, seed_sample=False)
    try:
        records = _people(store, 3)
        for record_id in records:
            with store.session() as session:
                change_record(session, record_id, {"notes": "0"}, None)
        saved: Counter[int] = Counter()
        refused: Counter[int] = Counter()
        failures: list[BaseException] = []
        lock = threading.Lock()
        start = threading.Barrier(WRITERS)

        def write(writer: int) -> None:
            try:
                start.wait()
                for edit in range(EDITS):
                    record_id = records[(writer + edit) % len(records)]
                    with store.session() as session:
                        record = session.get_one(Record, record_id)
                        value, version = int(record.notes), record.version
                    try:
                        with store.session() as session:
                            change_record(session, record_id, {"notes": str(value + 1)}, version)
                    except Changed:
                        with lock:
                            refused[record_id] += 1
                    else:
                        with lock:
                            saved[record_id] += 1
            except BaseException as exc:  # reported below: a thread's error is not raised
                failures.append(exc)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert sum(saved.values()) + sum(refused.values()) == WRITERS * EDITS
        assert sum(refused.values()) > 0  # they did overlap
        with store.session() as session:
            final = {r: int(session.get_one(Record, r).notes) for r in records}
        assert final == {r: saved[r] for r in records}
    finally:
        store.close()


def test_a_feed_that_cannot_connect_says_so_in_one_line(pg_url: URL) -> None:
    """The window then says changes need F5, instead of failing."""
    with (
        Store.at(pg_url.set(database="no_such_database")) as gone,
        pytest.raises(BriefingError, match=r"^Changes made elsewhere cannot be followed"),
    ):
        Feed(gone)
