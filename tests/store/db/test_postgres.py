"""The store on a PostgreSQL server (issue 15): opened by URL, never migrated by a client,
the schema from the same migrations as SQLite, and the sample dossier read back as on
SQLite. Runs on the session's throwaway cluster (tests/server.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import URL

from briefing.assets import sample_dossier_path
from briefing.book import BookOptions
from briefing.book.load import load_book
from briefing.domain import Base, Dossier, Person, Record
from briefing.errors import DatabaseRefused
from briefing.store.db.database import Store, database_url
from briefing.store.db.migrate import (
    alembic_config,
    head_revision,
    open_store,
    schema_revision,
)
from briefing.store.edits import create_record
from briefing.store.exchange.writing import import_file
from briefing.store.lists import listing
from briefing.store.lists.chips import chip_listing
from briefing.store.lists.events import event_listing
from briefing.store.lists.listing import Listing, Request
from briefing.store.lists.people import person_listing
from briefing.store.lists.sources import source_listing
from tests.builders import document, load
from tests.conftest import SAMPLE_SLUG
from tests.server import Cluster

SAMPLE_DAY = dt.date(2025, 5, 1)


def test_a_postgresql_url_is_accepted_and_psycopg_is_its_driver() -> None:
    plain = database_url("postgresql://alice@db.example/briefing")
    assert plain.drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://alice@/briefing?host=/run/pg").database == (
        "briefing"
    )


@pytest.mark.parametrize("url", ["postgresql+psycopg2://a@h/d", "mysql://a@h/d"])
def test_other_drivers_and_servers_are_refused_naming_what_is_supported(url: str) -> None:
    with pytest.raises(DatabaseRefused, match="postgresql\\+psycopg://"):
        database_url(url)


def test_a_server_without_the_schema_is_refused_not_migrated(postgres: Cluster) -> None:
    """Clients never migrate a server: its administrator does, after a dump."""
    url = postgres.create_database()
    try:
        with pytest.raises(DatabaseRefused, match=r"no Briefing schema.*administrator"):
            open_store(url)
        with Store.at(url) as store:
            assert schema_revision(store) is None
            assert inspect(store.engine).get_table_names() == []
    finally:
        postgres.drop_database(url)


def test_a_server_at_an_older_schema_is_refused_naming_both(postgres: Cluster) -> None:
    url = postgres.create_database()
    try:
        with Store.at(url) as store, store.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0004")
        with pytest.raises(DatabaseRefused, match=f"schema 0004.*needs schema {head_revision()}"):
            open_store(url)
    finally:
        postgres.drop_database(url)


def test_the_migrations_make_every_mapped_table_on_postgresql(pg_store: Store) -> None:
    assert schema_revision(pg_store) == head_revision()
    tables = set(inspect(pg_store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert pg_store.path is None
    assert "socket" in pg_store.location


def test_the_server_migrations_go_back_and_forth_folding_text_the_same(pg_store: Store) -> None:
    """0010 changes how text is folded for search and which texts the trigram indexes
    hold: the fold gives what it gave before, and going down and up again works."""
    texts = ["Nguyễn Phú Trọng", "Dvořák, e-mail 2+2", "안덕근 日本語", "plain words"]

    def folded() -> list[str]:
        with pg_store.engine.connect() as connection:
            return [
                connection.exec_driver_sql("SELECT briefing_fold(%s)", (text,)).scalar_one()
                for text in texts
            ]

    now = folded()
    assert now == ["nguyen phu trong", "dvorak e mail 2 2", "안덕근 日本語", "plain words"]
    with pg_store.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0009")
    assert folded() == now
    with pg_store.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert folded() == now
    assert schema_revision(pg_store) == head_revision()


def test_every_server_connection_plans_a_statement_for_its_values(pg_store: Store) -> None:
    """A prepared search planned once for any words took thirty times as long; so did a
    count JIT-compiled for its estimate, and one waiting for a parallel worker took twice
    as long (the server benchmark)."""
    with pg_store.engine.connect() as connection:
        shown = {
            name: connection.exec_driver_sql(f"SHOW {name}").scalar_one()
            for name in (
                "plan_cache_mode",
                "jit",
                "random_page_cost",
                "max_parallel_workers_per_gather",
            )
        }
    assert shown == {
        "plan_cache_mode": "force_custom_plan",
        "jit": "off",
        "random_page_cost": "1.1",
        "max_parallel_workers_per_gather": "0",
    }


def test_a_server_opens_with_its_password_hidden(pg_url: URL) -> None:
    with open_store(pg_url.set(password="s3cret"), seed_sample=False) as store:
        assert "s3cret" not in store.location
        assert "s3cret" not in repr(store.url)


@pytest.fixture
def imported(pg_store: Store) -> Store:
    """The sample dossier imported into a fresh PostgreSQL database."""
    import_file(pg_store, sample_dossier_path())
    return pg_store


def test_the_sample_dossier_imports_on_postgresql(imported: Store) -> None:
    with imported.session() as session:
        assert session.scalars(select(Dossier.slug)).all() == [SAMPLE_SLUG]


def test_a_record_made_after_an_import_gets_a_new_id(imported: Store) -> None:
    """An import gives record ids itself; the server's counter must not hand them out again."""
    with imported.session() as session:
        dossier = session.scalars(select(Dossier.id)).one()
        highest = session.scalar(select(func.max(Record.id)))
        made = create_record(session, Person, dossier, "p:new", {"name": "New person"})
    assert made > highest


def test_an_import_gives_the_server_s_planner_statistics(imported: Store) -> None:
    with imported.engine.connect() as connection:
        analyzed = connection.exec_driver_sql(
            "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'event'"
        ).scalar()
    assert analyzed is not None


LISTS: dict[str, Callable[[int, int], Listing[Any]]] = {
    "events": event_listing,
    "people": lambda dossier, level: person_listing(dossier, level, SAMPLE_DAY),
    "chips": chip_listing,
    "sources": source_listing,
}


def _everything(store: Store, make: Callable[[int, int], Listing[Any]]) -> Iterator[Any]:
    """Every row of a list, for each audience level, in the list's natural order."""
    with store.session() as session:
        dossier = session.scalars(select(Dossier.id).where(Dossier.slug == SAMPLE_SLUG)).one()
        for level in range(4):
            shown = make(dossier, level)
            total = listing.count(session, shown, Request())
            yield level, listing.read(session, shown, Request(), 0, total)


@pytest.mark.parametrize("name", sorted(LISTS))
def test_the_sample_lists_read_the_same_on_postgresql_as_on_sqlite(
    name: str, pg_sample_url: URL, sample_db: Path
) -> None:
    with open_store(pg_sample_url) as server, open_store(sample_db) as file:
        assert list(_everything(server, LISTS[name])) == list(_everything(file, LISTS[name]))


def test_the_book_orders_untimed_events_first_on_both_backends(
    pg_store: Store, tmp_path: Path
) -> None:
    """Two events on one day, one without a time: the book lists the untimed one first, as
    SQLite always did (PostgreSQL sorts a NULL time last unless told)."""
    doc = document(
        events=[
            {"id": "e:timed", "title": "Timed", "start_date": "2025-05-01", "start_time": "09:00"},
            {"id": "e:untimed", "title": "Untimed", "start_date": "2025-05-01"},
        ]
    )

    def titles(store: Store) -> list[str]:
        load(store, doc)
        with store.session() as session:
            book = load_book(session, "test", BookOptions(audience=3, today=SAMPLE_DAY))
        return [event.title for event in book.events]

    with open_store(tmp_path / "file.sqlite3", seed_sample=False) as file:
        assert titles(pg_store) == titles(file) == ["Untimed", "Timed"]
