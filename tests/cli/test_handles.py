"""Every command lets go of what it opened, whether it succeeded or failed.

A handle left open keeps Windows from renaming or replacing the database file, which is
what backups, restore and a safe export do; Python 3.13 reports an unclosed SQLite
connection as a ResourceWarning, but 3.11 says nothing, so on 3.11 this count of the
process's open file descriptors is the only guard. The collector is off while a command
runs and is counted, so a handle closed only when its garbage is collected counts as leaked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import itertools
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.assets import sample_dossier_path
from briefing.cli import build_parser, main
from briefing.domain import Record
from briefing.store.db.database import Store
from briefing.store.db.encryption import encrypt
from briefing.store.db.migrate import open_store
from briefing.store.exchange.writing import import_file
from briefing.store.sync.conflicts import Found, keep
from briefing.store.sync.operations import Conflict, ConflictType
from briefing.store.travel import base_of
from tests.conftest import SAMPLE_SLUG
from tests.server import Cluster
from tests.store.server.conftest import passed_on

FD_FOLDER = Path("/proc/self/fd")
SECRET = "s3cret pass"


@dataclass(frozen=True)
class Case:
    """One run of a command. In ``argv``, ``{db}`` is a copy of the sample database,
    ``{not_db}`` a text file posing as one, ``{dir}`` a private folder; ``stdin`` holds
    its passphrase lines, and ``encrypted`` encrypts the copy with :data:`SECRET` first."""

    argv: tuple[str, ...]
    exit_code: int
    stdin: tuple[str, ...] = ()
    encrypted: bool = False


def ok(*argv: str, stdin: tuple[str, ...] = (), encrypted: bool = False) -> Case:
    return Case(argv, 0, stdin, encrypted)


def refused(*argv: str, stdin: tuple[str, ...] = (), encrypted: bool = False) -> Case:
    return Case(argv, 2, stdin, encrypted)


DB = ("--db", "{db}")
NOT_DB = ("--db", "{not_db}")
STDIN = ("--db", "{db}", "--passphrase-stdin")
GUI_OK = ok(*DB, "gui")
ON_SERVER = ("--db", "{server}", "--passphrase-stdin", "server", "user")
_logins = itertools.count()
TRAVEL = ("travel", "out", "--passphrase-stdin")
NO_COPY = "00000000-0000-0000-0000-000000000000"
TAKEN = "{dir}/taken.briefing"
"""The login's travel copy (any case naming ``{as_login}``), with one conflict kept."""
ON_COPY = ("--db", "{as_login}", "--passphrase-stdin", "travel")
ON_LOGIN = ("--db", "{as_login}", "--passphrase-stdin")
"""As the login, which (with the sample dossier on the server) has one traveller's edits
passed on to it to settle (any case of ``settle-raised``)."""

CASES: dict[tuple[str, ...], tuple[Case, Case]] = {
    ("gui",): (GUI_OK, refused(*NOT_DB, "gui")),
    ("dossier", "list"): (ok(*DB, "dossier", "list"), refused(*NOT_DB, "dossier", "list")),
    ("dossier", "export"): (
        ok(*DB, "dossier", "export", SAMPLE_SLUG, "{dir}/out.json"),
        refused(*DB, "dossier", "export", "nope", "{dir}/out.json"),
    ),
    ("dossier", "import"): (
        ok(*DB, "dossier", "import", "{dir}/sample.json", "--as", "copy"),
        refused(*DB, "dossier", "import", "{not_db}"),
    ),
    ("dossier", "merge"): (
        ok(*DB, "dossier", "merge", "{dir}/sample.json"),
        refused(*DB, "dossier", "merge", "{not_db}"),
    ),
    ("dossier", "conflicts"): (
        ok(*DB, "dossier", "conflicts"),
        refused(*NOT_DB, "dossier", "conflicts"),
    ),
    ("dossier", "settle"): (
        ok(*DB, "dossier", "settle", "1", "--theirs"),
        refused(*DB, "dossier", "settle", "9", "--theirs"),
    ),
    ("dossier", "raised"): (
        ok("--db", "{server}", "dossier", "raised"),
        refused(*NOT_DB, "dossier", "raised"),
    ),
    ("dossier", "settle-raised"): (
        ok(*ON_LOGIN, "dossier", "settle-raised", "1", "--theirs", stdin=(SECRET,)),
        refused(*ON_LOGIN, "dossier", "settle-raised", "9", "--theirs", stdin=(SECRET,)),
    ),
    ("dossier", "delete"): (
        ok(*DB, "dossier", "delete", SAMPLE_SLUG, "--yes"),
        refused(*DB, "dossier", "delete", "nope", "--yes"),
    ),
    ("dossier", "schema"): (
        ok("dossier", "schema", "{dir}/schema.json"),
        refused("dossier", "schema", "{dir}/missing/schema.json"),
    ),
    ("dossier", "home-zone"): (
        ok(*DB, "dossier", "home-zone", "Europe/Zurich"),
        refused(*DB, "dossier", "home-zone", "Mars/Olympus"),
    ),
    ("dossier", "generate"): (
        ok(*DB, "dossier", "generate", "--people", "3", "--events", "5", "--chips", "2"),
        refused(*NOT_DB, "dossier", "generate"),
    ),
    ("export",): (
        ok(*DB, "export", "--audience", "Public", "--sections", "scene", "--out", "{dir}/b.pdf"),
        refused(*DB, "export", "--audience", "Cosmic", "--out", "{dir}/b.pdf"),
    ),
    ("check",): (ok(*DB, "check"), refused(*DB, "check", "nope")),
    ("calendar", "export"): (
        ok(*DB, "calendar", "export", "--audience", "Public", "--out", "{dir}/p.ics"),
        refused(*DB, "calendar", "export", "--audience", "Cosmic", "--out", "{dir}/p.ics"),
    ),
    ("calendar", "import"): (
        ok(*DB, "calendar", "import", "{dir}/programme.ics"),
        refused(*DB, "calendar", "import", "{not_db}"),
    ),
    ("edition", "list"): (ok(*DB, "edition", "list"), refused(*DB, "edition", "list", "nope")),
    ("edition", "reprint"): (
        ok(*DB, "edition", "reprint", SAMPLE_SLUG, "1", "--out", "{dir}/again.pdf"),
        refused(*DB, "edition", "reprint", SAMPLE_SLUG, "2", "--out", "{dir}/again.pdf"),
    ),
    ("edition", "whose"): (
        ok(*DB, "edition", "whose", "{dir}/b-copy-2.pdf"),
        refused(*DB, "edition", "whose", "{not_db}"),
    ),
    ("db", "upgrade"): (ok(*DB, "db", "upgrade"), refused(*NOT_DB, "db", "upgrade")),
    ("db", "backup"): (ok(*DB, "db", "backup"), refused(*NOT_DB, "db", "backup")),
    ("db", "integrity"): (ok(*DB, "db", "integrity"), refused(*NOT_DB, "db", "integrity")),
    ("db", "path"): (ok(*DB, "db", "path"), refused("--db", "ftp://host/x", "db", "path")),
    ("db", "create"): (ok("db", "create", "{dir}/new.sqlite3"), refused("db", "create", "{db}")),
    ("db", "backups"): (ok(*DB, "db", "backups"), refused("--db", "{dir}/gone", "db", "backups")),
    ("db", "restore"): (ok(*DB, "db", "restore"), refused(*DB, "db", "restore", "no-such")),
    ("db", "encrypt"): (
        ok(*STDIN, "db", "encrypt", stdin=(SECRET, SECRET)),
        refused(*STDIN, "db", "encrypt", stdin=(SECRET, SECRET), encrypted=True),
    ),
    ("db", "decrypt"): (
        ok(*STDIN, "db", "decrypt", stdin=(SECRET,), encrypted=True),
        refused(*STDIN, "db", "decrypt", stdin=("wrong",), encrypted=True),
    ),
    ("db", "rekey"): (
        ok(*STDIN, "db", "rekey", stdin=(SECRET, "new", "new"), encrypted=True),
        refused(*STDIN, "db", "rekey", stdin=("wrong", "new", "new"), encrypted=True),
    ),
    ("server", "audit"): (ok(*DB, "server", "audit"), refused(*NOT_DB, "server", "audit")),
    ("server", "init"): (ok("server", "init", "{bare}"), refused("server", "init", "{db}")),
    ("server", "upgrade"): (
        ok("server", "upgrade", "{server}"),
        refused("server", "upgrade", "{db}"),
    ),
    ("server", "user", "add"): (
        ok(*ON_SERVER, "add", "{new}", "--clearance", "Internal", stdin=(SECRET,)),
        refused(*ON_SERVER, "add", "{new}", "--clearance", "Cosmic", stdin=(SECRET,)),
    ),
    ("server", "user", "set-clearance"): (
        ok(*ON_SERVER, "set-clearance", "{login}", "Confidential"),
        refused(*ON_SERVER, "set-clearance", "{login}", "Cosmic"),
    ),
    ("server", "user", "remove"): (
        ok(*ON_SERVER, "remove", "{login}"),
        refused(*ON_SERVER, "remove", "{new}"),
    ),
    ("server", "user", "list"): (
        ok(*ON_SERVER, "list"),
        refused(*NOT_DB, "server", "user", "list"),
    ),
    ("travel", "out"): (
        ok(*TRAVEL, "--from", "{as_login}", "--to", "{dir}/trip.briefing", stdin=(SECRET,)),
        refused(*TRAVEL, "--from", "{db}", "--to", "{dir}/trip.briefing", stdin=(SECRET,)),
    ),
    ("travel", "list"): (
        ok("--db", "{as_login}", "travel", "list"),
        refused(*DB, "travel", "list"),
    ),
    ("travel", "revoke"): (
        ok("--db", "{server}", "travel", "revoke", "{copy}"),
        refused("--db", "{server}", "travel", "revoke", NO_COPY),
    ),
    ("travel", "expire"): (
        ok("--db", "{server}", "travel", "expire", "{copy}", "--on", "2030-01-01"),
        refused("--db", "{server}", "travel", "expire", NO_COPY, "--on", "2030-01-01"),
    ),
    ("travel", "sync"): (
        ok(*ON_COPY, "sync", TAKEN, stdin=(SECRET,)),
        refused(*ON_COPY, "sync", TAKEN, stdin=("wrong",)),
    ),
    ("travel", "conflicts"): (
        ok(*ON_COPY, "conflicts", TAKEN, stdin=(SECRET,)),
        refused(*ON_COPY, "conflicts", "{dir}/missing.briefing", stdin=(SECRET,)),
    ),
    ("travel", "settle"): (
        ok(*ON_COPY, "settle", TAKEN, "1", "--mine", stdin=(SECRET,)),
        refused(*ON_COPY, "settle", TAKEN, "9", "--mine", stdin=(SECRET,)),
    ),
}


def listed_commands(parser: argparse.ArgumentParser) -> set[tuple[str, ...]]:
    """The commands ``--help`` lists, down to the actions of ``dossier`` and ``db``."""
    found: set[tuple[str, ...]] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                below = listed_commands(sub)
                found |= {(name, *rest) for rest in below} if below else {(name,)}
    return found


def test_every_listed_command_has_a_success_and_a_failure_case() -> None:
    assert listed_commands(build_parser()) == set(CASES)


def open_descriptors() -> dict[int, str]:
    """The process's open file descriptors and what each points at."""
    found = {}
    for entry in FD_FOLDER.iterdir():
        try:
            found[int(entry.name)] = str(entry.readlink())
        except OSError:
            continue  # the listing's own descriptor, closed by now
    return found


def prepare(case: Case, folder: Path, sample_db: Path, request: pytest.FixtureRequest) -> list[str]:
    """A fresh folder for one run of ``case``: its database, files and command line.
    ``{bare}`` is an empty database on the test server, ``{server}`` one set up by
    ``server init`` with the login ``{login}`` on it, ``{new}`` a login not yet made."""
    folder.mkdir()
    db = folder / "sample.sqlite3"
    shutil.copyfile(sample_db, db)
    not_db = folder / "notes.txt"
    not_db.write_text("not a database\n", encoding="utf-8")
    if "{dir}/sample.json" in case.argv:
        assert (
            main(["--db", str(db), "dossier", "export", SAMPLE_SLUG, f"{folder}/sample.json"]) == 0
        )
    if case.argv[:4] == (*DB, "dossier", "settle"):
        with open_store(db, create=False) as store:
            _conflict(store)  # as a merge keeps one
    if "{dir}/programme.ics" in case.argv:
        calendar = ["--db", str(db), "calendar", "export", "--audience", "Public"]
        assert main([*calendar, "--out", f"{folder}/programme.ics"]) == 0
    book = ["--db", str(db), "export", "--audience", "Public", "--sections", "scene"]
    if case.argv[:4] == (*DB, "edition", "reprint"):
        assert main([*book, "--out", f"{folder}/edition-1.pdf"]) == 0
    if case.argv[:4] == (*DB, "edition", "whose"):
        assert main([*book, "--copies", "A;B", "--out", f"{folder}/b.pdf"]) == 0
    if case.encrypted:
        encrypt(db, SECRET)
    paths = {"db": str(db), "not_db": str(not_db), "dir": str(folder)}
    on_server = ("{bare}", "{server}", "{as_login}")
    if any(name in part for part in case.argv for name in on_server):
        travel = any(name in case.argv for name in ("{as_login}", "{copy}"))
        paths |= _server_paths(request.getfixturevalue("postgres"), folder, travel=travel)
    if "settle-raised" in case.argv:
        _passed_on(paths["server"])
    return [part.format(**paths) for part in case.argv]


def _server_paths(postgres: Cluster, folder: Path, *, travel: bool) -> dict[str, str]:
    """Two fresh databases on the test server, one of them set up with a login; with
    ``travel`` it holds the sample dossier, and ``{copy}`` is a copy the login took."""
    bare = postgres.create_database().render_as_string(hide_password=False)
    url = postgres.create_database()
    server = url.render_as_string(hide_password=False)
    login, new = (f"fd{os.getpid()}_{next(_logins)}" for _ in range(2))
    as_login = url.set(username=login).render_as_string(hide_password=False)
    assert main(["server", "init", server]) == 0
    given, sys.stdin = sys.stdin, io.StringIO(f"{SECRET}\n{SECRET}\n")
    try:
        add = ["--db", server, "--passphrase-stdin", "server", "user", "add", login]
        assert main([*add, "--clearance", "Internal"]) == 0
        copy = ""
        if travel:
            with Store.at(url) as store:
                import_file(store, sample_dossier_path())
            taken = folder / "taken.briefing"
            out = [*TRAVEL, "--from", as_login, "--to", str(taken)]
            assert main(out) == 0
            with open_store(taken, passphrase=SECRET, create=False) as opened:
                copy = base_of(opened).copy_uid
                _conflict(opened)
    finally:
        sys.stdin = given
    return {
        "bare": bare,
        "server": server,
        "login": login,
        "new": new,
        "as_login": as_login,
        "copy": copy,
    }


def _passed_on(server: str) -> None:
    """A traveller's edits to a record the login may see, kept as a sync passes them on."""
    with Store.at(server) as store, store.session() as session:
        record = session.scalars(
            select(Record).where(Record.kind == "person").order_by(Record.handling)
        ).first()
        assert record is not None
        session.add(passed_on(record, name="Renamed on the plane"))


def _conflict(copy: Store) -> None:
    """One conflict kept in the copy, as a sync keeps one, for ``travel settle`` to settle."""
    with copy.session() as session:
        uid = session.scalars(select(Record.uid).where(Record.kind == "person")).first()
        assert uid is not None
        found = Conflict(uid, "person", ConflictType.EDIT_EDIT, "Base", "Mine", "Theirs", "name")
        keep(session, NO_COPY, [Found(found)], dt.datetime(2026, 1, 1))


def run(case: Case, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in case.stdin)))
    return main(argv)


@pytest.fixture
def gui(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the window in this process: instead of waiting for a person, the event loop
    ends once the window shows the database and its checks have finished, by closing it."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from briefing.ui import app
    from briefing.ui.main_window import MainWindow

    qtbot = request.getfixturevalue("qtbot")
    exits: list[int] = []
    monkeypatch.setattr(app, "_startup_done", lambda: None)  # leaves the collector alone
    monkeypatch.setattr(app, "welcome", lambda _settings: None)
    monkeypatch.setattr(QMessageBox, "critical", lambda *_args: None)
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))

    def shown() -> list[MainWindow]:
        return [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, MainWindow)
            and widget.attached
            and widget.workspace.findings() is not None
        ]

    def until_shown_then_close(_app: QApplication) -> int:
        qtbot.waitUntil(lambda: bool(exits or shown()), timeout=30_000)
        if exits:
            return exits[0]
        for window in shown():
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", until_shown_then_close)


@pytest.mark.skipif(not FD_FOLDER.is_dir(), reason="counts descriptors through /proc")
@pytest.mark.parametrize("outcome", ["succeeds", "fails"])
@pytest.mark.parametrize("command", sorted(CASES), ids=" ".join)
def test_a_command_leaves_no_descriptor_open(
    command: tuple[str, ...],
    outcome: str,
    sample_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    case = CASES[command][outcome == "fails"]
    if command == ("gui",):
        request.getfixturevalue("gui")
    # A first run loads what stays loaded (modules, fonts, Qt's plugins); the second
    # must then end with exactly the descriptors it started with.
    warm_up = prepare(case, tmp_path / "warm-up", sample_db, request)
    argv = prepare(case, tmp_path / "counted", sample_db, request)
    assert run(case, warm_up, monkeypatch) == case.exit_code
    gc.collect()
    gc.disable()
    try:
        before = open_descriptors()
        assert run(case, argv, monkeypatch) == case.exit_code
        after = open_descriptors()
    finally:
        gc.enable()
    left_open = {fd: target for fd, target in after.items() if before.get(fd) != target}
    assert left_open == {}, f"briefing {' '.join(argv)} left these open"
