"""The dossier's own fields on the road (issue 16): its title, subtitle, scene-setter,
whom it is prepared for, its dates and home zone sync between a travel copy and its
server as a record's fields do, within the traveller's clearance.

Each test loads a dossier of its own on the real server, its subtitle at Internal and its
scene-setter at Confidential, and takes an Internal traveller's copy of it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from briefing.domain import Record
from briefing.domain.base import utcnow
from briefing.domain.enums import DayCount
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.export import export_dossier
from briefing.store.sync import trip
from briefing.store.sync.conflicts import listed, settle
from briefing.store.sync.operations import ConflictType
from briefing.store.sync.shown import shown
from briefing.store.sync.spec import DOSSIER
from briefing.store.travel import take_copy
from tests.builders import document, load
from tests.conftest import TEST_BACKENDS
from tests.store.server.conftest import ClearedServer, cleared_server  # noqa: F401

pytestmark = pytest.mark.skipif(
    "postgresql" not in TEST_BACKENDS, reason="a travel copy needs a server"
)

INTERNAL = 1
CONFIDENTIAL = 2
PASSPHRASE = "dossier on the road"
SCENE = "The talks open after the [[src:good]] leak."
_numbers = itertools.count()


@pytest.fixture
def trip_of(
    cleared_server: ClearedServer,  # noqa: F811
    tmp_path: Path,
) -> Iterator[tuple[Store, Store, str]]:
    """The server (as its owner, a colleague cleared to everything), the Internal
    traveller's open copy, and the dossier's slug."""
    slug = f"road-{next(_numbers)}"
    doc = document(slug)
    doc["version"] = 4
    doc["dossier"].update(
        subtitle="Round one",
        subtitle_ko="1차",
        subtitle_handling="Internal",
        scene_setter=SCENE,
        scene_handling="Confidential",
        as_of="2026-03-01",
    )
    with travelling(cleared_server, tmp_path, doc) as trip:
        yield trip


@contextmanager
def travelling(
    server: ClearedServer, folder: Path, doc: dict[str, Any]
) -> Iterator[tuple[Store, Store, str]]:
    """``doc`` loaded on the server, and the Internal traveller's copy of it, open: the
    server as its owner, the copy, and the dossier's slug."""
    slug = doc["dossier"]["slug"]
    target = folder / f"{slug}.briefing"
    with Store.at(server.url) as owner:
        load(owner, doc)
        with login(server) as traveller:
            take_copy(traveller, slug, target, PASSPHRASE)
        with open_store(target, passphrase=PASSPHRASE, seed_sample=False, create=False) as copy:
            yield owner, copy, slug


def login(server: ClearedServer) -> Store:
    return Store.at(server.url_as(server.logins[INTERNAL]))


def sync(copy: Store, server: ClearedServer) -> trip.Synced:
    with login(server) as traveller:
        return trip.sync_copy(copy, traveller)


def set_own(store: Store, slug: str, **values: Any) -> None:
    """Change the dossier's own fields (``prepared_for`` by the party's uid)."""
    with store.session() as session:
        dossier = find_dossier(session, slug)
        for name, value in values.items():
            if name == "prepared_for":
                dossier.prepared_for_id = session.scalars(
                    select(Record.id).where(Record.dossier_id == dossier.id, Record.uid == value)
                ).one()
            else:
                setattr(dossier, name, value)


def own(store: Store, slug: str, *names: str) -> tuple[Any, ...]:
    with store.session() as session:
        dossier = find_dossier(session, slug)
        return tuple(
            dossier.prepared_for.uid
            if name == "prepared_for" and dossier.prepared_for
            else getattr(dossier, name)
            for name in names
        )


def same_view(copy: Store, owner: Store, slug: str) -> None:
    """The copy's dossier file is the server's for the traveller, byte for byte."""
    assert export_dossier(copy, slug, audience=INTERNAL) == export_dossier(
        owner, slug, audience=INTERNAL
    )


@pytest.mark.parametrize("edited_on", ["copy", "server"])
def test_a_title_changed_on_one_side_reaches_the_other(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
    edited_on: str,
) -> None:
    owner, copy, slug = trip_of
    values = {"title": "Talks on the road", "title_ko": "현지 협상", "home_zone": "Europe/Paris"}
    set_own(copy if edited_on == "copy" else owner, slug, **values)
    synced = sync(copy, cleared_server)
    assert (synced.sent, synced.received, synced.conflicts) == (
        (3, 0, 0) if edited_on == "copy" else (0, 3, 0)
    )
    for side in (copy, owner):
        assert own(side, slug, *values) == tuple(values.values())
    same_view(copy, owner, slug)
    again = sync(copy, cleared_server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)


def test_the_same_change_on_both_sides_is_no_conflict(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    owner, copy, slug = trip_of
    for side in (copy, owner):
        set_own(side, slug, subtitle="Round two")
    set_own(copy, slug, count_days_from=DayCount.AS_OF)
    synced = sync(copy, cleared_server)
    assert (synced.sent, synced.received, synced.conflicts) == (1, 0, 0)
    assert own(owner, slug, "subtitle", "count_days_from") == ("Round two", DayCount.AS_OF)
    same_view(copy, owner, slug)
    again = sync(copy, cleared_server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)


@pytest.mark.parametrize("choice", ["ours", "theirs"])
def test_a_subtitle_changed_differently_on_both_sides_is_kept_until_settled(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
    choice: str,
) -> None:
    owner, copy, slug = trip_of
    set_own(copy, slug, subtitle="The copy's round", as_of=None)
    set_own(owner, slug, subtitle="The server's round")
    synced = sync(copy, cleared_server)
    assert (synced.sent, synced.conflicts) == (1, 1)  # the date went; the subtitle waits
    for side, kept in ((copy, "The copy's round"), (owner, "The server's round")):
        assert own(side, slug, "subtitle", "as_of") == (kept, None)  # nothing overwritten
    with copy.session() as session:
        (conflict,) = listed(session)
        (row,) = shown(session, str)
    assert (conflict.conflict.uid, conflict.conflict.field, conflict.conflict.type) == (
        DOSSIER,
        "subtitle",
        ConflictType.EDIT_EDIT,
    )
    assert (conflict.conflict.ours, conflict.conflict.theirs) == (
        "The copy's round",
        "The server's round",
    )
    assert (row.record, row.place, row.mine, row.theirs) == (
        "the dossier",
        "Subtitle",
        "The copy's round",
        "The server's round",
    )
    assert sync(copy, cleared_server).conflicts == 1  # kept from one sync to the next
    with copy.session() as session:
        (conflict,) = listed(session)
        settle(session, conflict.id, choice, INTERNAL)  # type: ignore[arg-type]
    again = sync(copy, cleared_server)
    assert again.conflicts == 0
    chosen = "The copy's round" if choice == "ours" else "The server's round"
    for side in (copy, owner):
        assert own(side, slug, "subtitle") == (chosen,)
    same_view(copy, owner, slug)
    last = sync(copy, cleared_server)
    assert (last.sent, last.received, last.conflicts) == (0, 0, 0)


def test_a_conflict_on_the_dossier_names_who_changed_its_row_on_the_server_and_when(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    """The subtitle's conflict names the colleague who changed the subtitle, the title's
    whoever changed the dossier row, though the owner wrote the scene-setter after both:
    each of the dossier's rows keeps its own stamp, as a record does."""
    owner, copy, slug = trip_of
    set_own(copy, slug, subtitle="The copy's round", title="The copy's title")
    colleague = cleared_server.logins[CONFIDENTIAL]
    before = utcnow()
    with Store.at(cleared_server.url_as(colleague)) as team:
        set_own(team, slug, subtitle="The server's round")
    after = utcnow()
    set_own(owner, slug, title="The owner's title", scene_setter="Rewritten later")
    assert sync(copy, cleared_server).conflicts == 2
    with copy.session() as session:
        kept = {k.conflict.field: k for k in listed(session)}
        rows = {row.place: row for row in shown(session, str)}
    subtitle, title = kept["subtitle"], kept["title"]
    assert subtitle.theirs_by == colleague
    assert subtitle.theirs_at is not None and before <= subtitle.theirs_at <= after
    assert title.theirs_by == cleared_server.url.username
    assert title.theirs_at is not None and title.theirs_at >= subtitle.theirs_at
    assert rows["Subtitle"].changed == f"{colleague}, {subtitle.theirs_at:%Y-%m-%d %H:%M} UTC"


def test_a_traveller_below_the_scene_setter_never_clears_it_nor_receives_it(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    """The copy holds a blank where the scene-setter, above the traveller, was withheld;
    saving the dossier with that blank is no change the sync sends (so it never clears
    the server's), and the server's own change to the scene-setter stays on the server."""
    owner, copy, slug = trip_of
    assert own(copy, slug, "scene_setter", "scene_handling") == ("", None)
    set_own(copy, slug, title="Renamed offline", scene_setter="")
    set_own(owner, slug, scene_setter_ko="비공개 개관")
    synced = sync(copy, cleared_server)
    assert (synced.sent, synced.received, synced.conflicts) == (1, 0, 0)
    assert own(owner, slug, "title", "scene_setter", "scene_setter_ko", "scene_handling") == (
        "Renamed offline",
        SCENE,
        "비공개 개관",
        2,
    )
    assert own(copy, slug, "scene_setter", "scene_setter_ko") == ("", "")
    again = sync(copy, cleared_server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)


def test_writing_over_a_withheld_text_is_reported_and_settled_back_to_its_blank(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    """A traveller who types where the withheld scene-setter was is not silently kept
    from sending it: the server refuses the text (it is above the traveller) and the sync
    reports it as a conflict, the typed text still in the copy; settled for the server,
    the copy holds the blank again and the next sync finds nothing to send."""
    owner, copy, slug = trip_of
    set_own(copy, slug, scene_setter_ko="개관")
    synced = sync(copy, cleared_server)
    assert (synced.sent, synced.conflicts) == (0, 1)
    assert own(owner, slug, "scene_setter", "scene_setter_ko") == (SCENE, "")
    with copy.session() as session:
        (conflict,) = listed(session)
    assert conflict.refused and conflict.conflict.uid == DOSSIER
    assert conflict.conflict.field == "scene_setter_ko"
    assert (conflict.conflict.ours, conflict.conflict.theirs) == ("개관", "")
    assert "above your clearance" in str(conflict.reason)
    assert own(copy, slug, "scene_setter_ko") == ("개관",)
    with copy.session() as session:
        settle(session, conflict.id, "theirs", INTERNAL)
    assert own(copy, slug, "scene_setter_ko") == ("",)
    again = sync(copy, cleared_server)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)
    assert own(owner, slug, "scene_setter", "scene_setter_ko") == (SCENE, "")


def test_a_subtitle_raised_above_the_traveller_is_refused_and_kept(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    """A subtitle the traveller edited and a colleague raised above the traveller
    meanwhile: the server's row-level security hides it from the traveller's login, and
    the change is refused there rather than written over what the traveller cannot see."""
    owner, copy, slug = trip_of
    set_own(copy, slug, subtitle="Edited offline")
    set_own(owner, slug, subtitle_handling=2)
    synced = sync(copy, cleared_server)
    assert synced.conflicts == 1
    with copy.session() as session:
        (conflict,) = listed(session)
    assert conflict.refused and conflict.conflict.uid == DOSSIER
    assert "above your clearance" in str(conflict.reason)
    assert own(owner, slug, "subtitle", "subtitle_handling") == ("Round one", 2)


def test_whom_the_dossier_is_prepared_for_changed_on_the_server_reaches_the_copy(
    trip_of: tuple[Store, Store, str],
    cleared_server: ClearedServer,  # noqa: F811
) -> None:
    owner, copy, slug = trip_of
    set_own(owner, slug, prepared_for="party:b")
    synced = sync(copy, cleared_server)
    assert (synced.received, synced.conflicts) == (1, 0)
    assert own(copy, slug, "prepared_for") == ("party:b",)
    same_view(copy, owner, slug)
    set_own(copy, slug, prepared_for="party:a")
    assert sync(copy, cleared_server).sent == 1
    assert own(owner, slug, "prepared_for") == ("party:a",)
