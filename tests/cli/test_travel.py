"""``briefing travel out``, ``list``, ``revoke`` and ``expire`` on a real server (issue 16).

Each login of the cleared server takes copies as itself (the test cluster trusts its
socket, so only the copy's passphrase is read from standard input). Two aliases mark
what must and must not travel: one on a Confidential record, one on a Restricted one.
"""

from __future__ import annotations

import io
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from briefing.cli import main
from briefing.domain import HandlingLevel, Record, TravelCopy
from briefing.errors import BriefingError
from briefing.store.db.database import SQLITE_HEADER, Store
from briefing.store.db.migrate import open_store
from briefing.store.exchange.export import export_dossier
from briefing.store.travel import base_document, base_of, check_copy
from tests.cli.test_server import address, run
from tests.store.server.conftest import ClearedServer, cleared_server  # noqa: F401

PASSPHRASE = "correct horse battery staple"
CLEARED = "Xylophone Quokka Conference"
"""An alias on a Confidential record: in a Confidential copy, never in clear."""
ABOVE = "Marmoset Restricted Channel"
"""An alias on a Restricted record: never in a Confidential copy at all."""

CONFIDENTIAL, RESTRICTED = 2, 3


@pytest.fixture(scope="module")
def server(cleared_server: ClearedServer) -> ClearedServer:  # noqa: F811
    with cleared_server.connect() as owner:
        for rank, alias in ((CONFIDENTIAL, CLEARED), (RESTRICTED, ABOVE)):
            owner.execute(
                "INSERT INTO alias (record_id, name) SELECT id, %s FROM record "
                "WHERE dossier_id = (SELECT id FROM dossier WHERE slug = 'levels') "
                "AND handling = %s ORDER BY id LIMIT 1",
                [alias, rank],
            )
    return cleared_server


def take(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: ClearedServer,
    rank: int,
    target: Path,
    passphrase: str = PASSPHRASE,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(passphrase + "\n"))
    source = address(server.url_as(server.logins[rank]))
    return run(
        capsys, "travel", "out", "levels", "--from", source, "--to", str(target),
        "--passphrase-stdin",
    )  # fmt: skip


def as_login(server: ClearedServer, rank: int, *argv: str) -> list[str]:
    return [*argv, "--db", address(server.url_as(server.logins[rank]))]


def refused(outcome: tuple[int, str, str], *words: str) -> None:
    code, out, err = outcome
    assert (code, out) == (2, ""), outcome
    assert len(err.splitlines()) == 1, err
    for word in words:
        assert word in err, err


def uid_of(out: str) -> str:
    return out.split("travel copy ")[1].split(" ")[0]


@pytest.fixture
def copy(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: ClearedServer,
    tmp_path: Path,
) -> Iterator[tuple[Path, str]]:
    """A Confidential login's copy of the dossier, and its uid."""
    target = tmp_path / "trip.briefing"
    code, out, err = take(capsys, monkeypatch, server, CONFIDENTIAL, target)
    assert (code, err) == (0, ""), err
    yield target, uid_of(out)


def test_a_confidential_copy_holds_what_the_confidential_audience_sees_and_no_more(
    copy: tuple[Path, str], server: ClearedServer
) -> None:
    path, uid = copy
    with open_store(path, passphrase=PASSPHRASE, seed_sample=False, create=False) as travel:
        with travel.session() as session:
            highest = session.scalar(select(func.max(Record.handling)))
            scale = session.scalars(select(HandlingLevel.name).order_by(HandlingLevel.rank))
            assert (highest, list(scale)) == (
                CONFIDENTIAL,
                ["Public", "Internal", "Confidential"],
            )
        carried = export_dossier(travel, "levels", audience=CONFIDENTIAL)
        base = base_of(travel)
        document = base_document(travel)
    with Store.at(server.url) as owner:
        expected = export_dossier(owner, "levels", audience=CONFIDENTIAL)
    assert carried == expected
    assert CLEARED in document and ABOVE not in document and "Restricted" not in document
    assert (base.copy_uid, base.login, base.clearance) == (
        uid,
        server.logins[CONFIDENTIAL],
        CONFIDENTIAL,
    )
    assert base.dossier_slug == "levels" and base.server.endswith(f"/{server.url.database}")
    assert base.base_mark.count(":") == 2  # the server's snapshot, xmin:xmax:in-progress


def test_the_copy_is_never_in_clear_on_disk_not_even_while_it_is_written(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: ClearedServer,
    tmp_path: Path,
) -> None:
    from briefing.store import travel

    seen: list[list[str]] = []
    real_import = travel.import_model

    def import_and_look(*args: object, **kwargs: object) -> object:
        imported = real_import(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        for path in tmp_path.iterdir():
            assert CLEARED.encode() not in path.read_bytes(), path
        return imported

    monkeypatch.setattr(travel, "import_model", import_and_look)
    target = tmp_path / "trip.briefing"
    code, _, err = take(capsys, monkeypatch, server, CONFIDENTIAL, target)
    assert (code, err) == (0, "")
    assert seen == [["trip.briefing.part"]]  # the copy, being written, and nothing beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trip.briefing"]
    data = target.read_bytes()
    assert CLEARED.encode() not in data and not data.startswith(SQLITE_HEADER)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with open_store(target, passphrase=PASSPHRASE, seed_sample=False, create=False) as opened:
        assert CLEARED in base_document(opened)


def test_the_copy_opens_with_its_passphrase_and_a_wrong_one_gets_the_apps_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, copy: tuple[Path, str]
) -> None:
    path, _ = copy
    before = path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("not the passphrase\n"))
    outcome = run(capsys, "dossier", "list", "--db", str(path), "--passphrase-stdin")
    refused(outcome, "the passphrase does not open", "nothing was changed")
    assert path.read_bytes() == before
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    code, out, err = run(capsys, "dossier", "list", "--db", str(path), "--passphrase-stdin")
    assert (code, err) == (0, "") and out.startswith("levels\t")


def test_a_failure_while_writing_leaves_no_file_and_registers_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: ClearedServer,
    tmp_path: Path,
) -> None:
    from briefing.store import travel

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(travel, "import_model", full_disk)
    with Store.at(server.url) as owner, owner.session() as session:
        before = session.scalar(select(func.count()).select_from(TravelCopy))
    refused(
        take(capsys, monkeypatch, server, CONFIDENTIAL, tmp_path / "trip.briefing"),
        "No space left",
    )
    assert list(tmp_path.iterdir()) == []
    with Store.at(server.url) as owner, owner.session() as session:
        assert session.scalar(select(func.count()).select_from(TravelCopy)) == before


def test_a_register_that_cannot_commit_takes_the_renamed_file_back(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: ClearedServer,
    tmp_path: Path,
) -> None:
    """The file is renamed into place just before the server's commit; a failure after it
    (here, reading the scale's names) removes the file, and the copy is not registered."""
    from briefing.store import travel

    def server_gone(_session: object) -> None:
        raise BriefingError("the server at localhost stopped answering")

    monkeypatch.setattr(travel, "levels", server_gone)
    with Store.at(server.url) as owner, owner.session() as session:
        before = session.scalar(select(func.count()).select_from(TravelCopy))
    refused(
        take(capsys, monkeypatch, server, CONFIDENTIAL, tmp_path / "trip.briefing"),
        "stopped answering",
    )
    assert list(tmp_path.iterdir()) == []
    with Store.at(server.url) as owner, owner.session() as session:
        assert session.scalar(select(func.count()).select_from(TravelCopy)) == before


def test_a_login_without_a_clearance_or_an_existing_file_is_refused_with_nothing_written(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: ClearedServer,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    target = tmp_path / "trip.briefing"
    source = address(server.url_as(server.stranger))
    outcome = run(capsys, "travel", "out", "levels", "--from", source, "--to", str(target),
                  "--passphrase-stdin")  # fmt: skip
    refused(outcome, "has no clearance", "Nothing was written")
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b"mine")
    refused(take(capsys, monkeypatch, server, CONFIDENTIAL, target), "already exists")
    assert target.read_bytes() == b"mine"
    refused(take(capsys, monkeypatch, server, CONFIDENTIAL, tmp_path / "x", passphrase=""),
            "passphrase is empty")  # fmt: skip


def test_each_login_lists_its_own_copies_and_an_administrator_everyones(
    capsys: pytest.CaptureFixture[str], copy: tuple[Path, str], server: ClearedServer
) -> None:
    _, uid = copy
    mine = run(capsys, *as_login(server, CONFIDENTIAL, "travel", "list"))
    assert mine[0] == 0 and uid in mine[1]
    assert all(line.split("\t")[1] == server.logins[CONFIDENTIAL] for line in mine[1].splitlines())
    others = run(capsys, *as_login(server, 1, "travel", "list"))
    assert others == (0, "no travel copies\n", "")
    everyone = run(capsys, *as_login(server, RESTRICTED, "travel", "list"))
    row = next(line for line in everyone[1].splitlines() if line.startswith(uid)).split("\t")
    assert row[1:4] == [server.logins[CONFIDENTIAL], "levels", "Confidential"]
    assert row[-1] == "active"


def test_only_an_administrator_revokes_and_a_revoked_copy_is_refused_at_sync(
    capsys: pytest.CaptureFixture[str], copy: tuple[Path, str], server: ClearedServer
) -> None:
    _, uid = copy
    with Store.at(server.url_as(server.logins[CONFIDENTIAL])) as own, own.session() as session:
        check_copy(session, uid)
    refused(
        run(capsys, *as_login(server, CONFIDENTIAL, "travel", "revoke", uid)),
        "only a Briefing administrator",
    )
    refused(
        run(capsys, *as_login(server, RESTRICTED, "travel", "revoke", "no-such-copy")),
        "no travel copy no-such-copy",
    )
    code, out, err = run(capsys, *as_login(server, RESTRICTED, "travel", "revoke", uid))
    assert (code, err) == (0, "") and "revoked" in out
    refused(run(capsys, *as_login(server, RESTRICTED, "travel", "revoke", uid)), "already revoked")
    with (
        Store.at(server.url_as(server.logins[CONFIDENTIAL])) as own,
        own.session() as session,
        pytest.raises(Exception, match=f"revoked on .* by {server.logins[RESTRICTED]}"),
    ):
        check_copy(session, uid)
    listed = run(capsys, *as_login(server, CONFIDENTIAL, "travel", "list"))[1]
    assert "revoked" in next(line for line in listed.splitlines() if line.startswith(uid))


def test_an_expired_copy_is_refused_and_a_bad_date_is_one_line(
    capsys: pytest.CaptureFixture[str], copy: tuple[Path, str], server: ClearedServer
) -> None:
    _, uid = copy
    admin = server.logins[RESTRICTED]
    code, out, err = run(capsys, *as_login(server, CONFIDENTIAL, "travel", "expire", uid,
                                           "--on", "2020-01-01"))  # fmt: skip
    refused((code, out, err), "only a Briefing administrator")
    with pytest.raises(SystemExit) as stopped:
        main(as_login(server, RESTRICTED, "travel", "expire", uid, "--on", "2020-13-45"))
    out, err = capsys.readouterr()
    assert (stopped.value.code, out) == (2, "") and len(err.splitlines()) == 1
    assert "'2020-13-45' is not a date" in err
    with Store.at(server.url_as(server.logins[CONFIDENTIAL])) as own, own.session() as session:
        check_copy(session, uid)  # still valid: nothing was changed
    code, out, err = run(
        capsys, *as_login(server, RESTRICTED, "travel", "expire", uid, "--on", "2099-01-01")
    )
    assert (code, err) == (0, "") and "expires on 2099-01-01" in out
    with Store.at(server.url_as(server.logins[CONFIDENTIAL])) as own, own.session() as session:
        check_copy(session, uid)  # not yet
    assert run(capsys, "travel", "expire", uid, "--on", "2020-01-01",
               "--db", address(server.url_as(admin)))[0] == 0  # fmt: skip
    with (
        Store.at(server.url_as(server.logins[CONFIDENTIAL])) as own,
        own.session() as session,
        pytest.raises(Exception, match="expired on 2020-01-01"),
    ):
        check_copy(session, uid)
