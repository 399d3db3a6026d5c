"""The app's own store, opened as a person's login rather than the tables' owner, works
as on SQLite and shows only what the server lets that login see (issue 15)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.cli import main
from briefing.domain import Person, Record
from briefing.domain.fields import FieldLevel
from briefing.errors import NotFound, NotSaved
from briefing.store.audit import events
from briefing.store.copies import CannotTell, clues_in, whose
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.editions import list_editions, next_edition, pdf_of, reprint
from briefing.store.edits import change_record, read_fields
from briefing.store.exchange.export import export_file
from briefing.store.exchange.writing import import_file
from briefing.store.lists.summary import counts, dossiers
from briefing.store.search.querying import search
from briefing.store.visibility import EVERYTHING
from tests.conftest import SAMPLE_SLUG
from tests.store.server.conftest import ClearedServer


@pytest.fixture
def owner(cleared_server: ClearedServer) -> Iterator[Store]:
    with Store.at(cleared_server.url) as store:
        yield store


def login(server: ClearedServer, rank: int) -> Store:
    return open_store(server.url_as(server.logins[rank]), seed_sample=False)


def _sample_id(store: Store) -> int:
    with store.session() as session:
        return next(i for i, slug, _ in dossiers(session) if slug == SAMPLE_SLUG)


@pytest.mark.parametrize("rank", [1, 2])
def test_a_login_lists_what_its_clearance_shows(
    cleared_server: ClearedServer, owner: Store, rank: int
) -> None:
    sample = _sample_id(owner)
    with owner.session() as session:
        expected = counts(session, sample, rank)
    with login(cleared_server, rank) as store, store.session() as session:
        # The app asks for everything; the server answers with the login's share.
        assert counts(session, sample, EVERYTHING) == expected


def test_a_login_searches_only_its_rows(cleared_server: ClearedServer, owner: Store) -> None:
    sample = _sample_id(owner)
    with owner.session() as session:
        expected = {h.record_id for h in search(session, "tariff", dossier_id=sample, level=1)}
    with login(cleared_server, 1) as store, store.session() as session:
        found = search(session, "tariff", dossier_id=sample, level=EVERYTHING)
    assert {h.record_id for h in found} == expected
    assert expected


def test_a_login_edits_exports_and_imports(
    cleared_server: ClearedServer, owner: Store, tmp_path: Path
) -> None:
    with login(cleared_server, 1) as store:
        with store.session() as session:
            person = session.scalars(select(Person).order_by(Person.id)).first()
            assert person is not None
            person.name = "Renamed Staffer"
            renamed = person.id
        with store.session() as session:
            hits = search(session, "Staffer", dossier_id=_sample_id(store), level=EVERYTHING)
            assert [h.record_id for h in hits] == [renamed]
        export_file(store, SAMPLE_SLUG, tmp_path / "mine.json")
        import_file(store, tmp_path / "mine.json", slug="copy-of-mine")
    written = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    handled = {
        item["handling"]
        for key, items in written.items()
        if isinstance(items, list) and key != "handling_levels"
        for item in items
        if isinstance(item, dict) and "handling" in item
    }
    assert handled <= {"Public", "Internal"}
    with owner.session() as session:
        copied = session.scalars(
            select(Record.handling)
            .join(Record.dossier)
            .where(Record.dossier.has(slug="copy-of-mine"))
        ).all()
    assert copied and max(copied) <= 1


def test_a_login_s_export_is_in_the_trail_it_cannot_read(
    cleared_server: ClearedServer, owner: Store, tmp_path: Path
) -> None:
    name = cleared_server.logins[1]
    with login(cleared_server, 1) as store:
        export_file(store, SAMPLE_SLUG, tmp_path / "mine.json", audience=1)
        with pytest.raises(NotSaved, match="not allowed"), store.session() as session:
            events(session)
    with owner.session() as session:
        last = [e for e in events(session) if e.who == name][-1]
    assert (last.action, last.dossier, last.audience, last.detail) == (
        "dossier file",
        SAMPLE_SLUG,
        1,
        "mine.json",
    )


def test_a_change_above_the_login_is_refused_in_words_of_our_own(
    cleared_server: ClearedServer,
) -> None:
    with login(cleared_server, 1) as store:
        above = pytest.raises(NotSaved, match="above your clearance; nothing was changed")
        with above, store.session() as session:
            person = session.scalars(select(Person).order_by(Person.id)).first()
            assert person is not None
            person.handling = 2
        lowering = pytest.raises(NotSaved, match="only an administrator may lower")
        with lowering, store.session() as session:
            record = session.scalars(select(Record).where(Record.handling == 1)).first()
            assert record is not None
            record.handling = 0


def test_a_form_saving_a_field_handled_above_the_login_is_refused_and_changes_nothing(
    cleared_server: ClearedServer, owner: Store
) -> None:
    """The login's form shows the field blank (its value and level are in a row the login
    cannot see); what it types there is refused in one line, not saved beside the value."""
    with owner.session() as session:
        hidden = session.scalars(
            select(FieldLevel).join(Record).where(Record.handling == 1, FieldLevel.handling > 1)
        ).first()
        assert hidden is not None
        record_id, name, value = hidden.record_id, hidden.field, hidden.value
    with login(cleared_server, 1) as store:
        with store.session() as session:
            assert read_fields(session.get_one(Record, record_id), [name])[name] in ("", None)
        refused = pytest.raises(NotSaved, match="handled above your clearance")
        with refused, store.session() as session:
            change_record(session, record_id, {name: "1"})
    with owner.session() as session:
        (kept,) = session.scalars(
            select(FieldLevel).where(FieldLevel.record_id == record_id, FieldLevel.field == name)
        )
        assert kept.value == value
        assert getattr(session.get_one(Record, record_id), name) in ("", None)


def test_deleting_a_dossier_with_hidden_records_is_refused_in_one_line(
    cleared_server: ClearedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    as_internal = cleared_server.url_as(cleared_server.logins[1])
    address = as_internal.render_as_string(hide_password=False)
    code = main(["--db", address, "dossier", "delete", SAMPLE_SLUG, "--yes"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "briefing: the server refused it: it cannot be deleted: other content you are not "
        "cleared to see depends on it; ask someone cleared to see everything in it; nothing "
        "was changed"
    ]


def test_a_login_numbers_the_next_edition_past_those_it_cannot_see(
    cleared_server: ClearedServer, owner: Store
) -> None:
    sample = _sample_id(owner)
    with owner.session() as session:
        expected = next_edition(session, sample)
    with login(cleared_server, 0) as store, store.session() as session:
        assert next_edition(session, sample) == expected == 5


def test_an_edition_above_the_login_looks_exactly_like_one_never_printed(
    cleared_server: ClearedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Edition 3 is for the Confidential audience: an Internal login is told of it what
    it is told of edition 9, and its list stops at edition 2."""
    target = tmp_path / "book.pdf"
    with login(cleared_server, 1) as store:
        for number in (3, 9):
            with pytest.raises(NotFound) as refused:
                reprint(store, SAMPLE_SLUG, number, target)
            assert str(refused.value) == f"{SAMPLE_SLUG} has no edition {number}"
        with store.session() as session:
            assert [e.number for e in list_editions(session, SAMPLE_SLUG)] == [1, 2]
        with store.session() as session, pytest.raises(NotFound, match=r"has no edition 3$"):
            pdf_of(session, SAMPLE_SLUG, 3)
    assert not target.exists()
    db = str(cleared_server.url_as(cleared_server.logins[1]).render_as_string())
    argv = ["--db", db, "edition", "reprint", SAMPLE_SLUG, "3", "--out", str(target)]
    assert main(argv) == 2
    assert capsys.readouterr().err == f"briefing: {SAMPLE_SLUG} has no edition 3\n"
    with login(cleared_server, 2) as store:
        reprint(store, SAMPLE_SLUG, 3, target)
    assert target.read_bytes() == b"%PDF the Confidential edition"


def test_a_copy_above_the_login_cannot_be_told_by_any_of_its_marks(
    cleared_server: ClearedServer,
) -> None:
    """Edition 3's copy is for the Confidential audience: an Internal login given its code,
    its document id or its copy line gets "cannot tell", as for a page never printed."""
    marks = "ABCD-EFG4 " + f"{2:032x}" + "\nCopy 1 of 1 — the Confidential reader"
    refused = pytest.raises(CannotTell, match="carries no copy's document id, copy line or code")
    with login(cleared_server, 1) as store, store.session() as session, refused:
        whose(session, clues_in(marks))
    with login(cleared_server, 2) as store, store.session() as session:
        found = whose(session, clues_in(marks))
    assert (found.edition, found.number, found.recipient) == (3, 1, "the Confidential reader")
    assert found.by == ("document id", "code", "copy line")
