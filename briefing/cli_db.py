"""``briefing db …``: maintaining the database, a SQLite file or a team server.

Most of these commands are about a file on this machine. On a team server each says in
one line what applies there instead (TLS and the server's disk encryption, pg_dump and
pg_restore by an administrator), so nobody believes a server was encrypted or restored.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.cli import _open, _target, default_database, say
from briefing.cli_language import _
from briefing.cli_secrets import Passphrases
from briefing.errors import BriefingError
from briefing.i18n import N_

ON_A_SERVER = {
    "encrypt": N_(
        "a server's data is protected in transit by TLS (sslmode=verify-full) and "
        "on its disks by the server's own disk encryption, which its administrator sets up"
    ),
    "rekey": N_("a server has no passphrase; its disk encryption is its administrator's"),
    "decrypt": N_("a server has no passphrase; its disk encryption is its administrator's"),
    "restore": N_("an administrator restores a server from a pg_dump backup with pg_restore"),
    "backups": N_(
        "a server's backups are the pg_dump files its administrator keeps "
        "(`briefing db backup` makes one)"
    ),
    "integrity": N_(
        "the integrity check is for SQLite files; a server checks its own "
        "(its administrator's tools, such as pg_amcheck)"
    ),
}
"""What applies on a server instead of each SQLite-only command, in one line."""


def _refuse_on_server(args: argparse.Namespace, command: str) -> None:
    from briefing.store.db.database import database_url, is_server

    if is_server(database_url(_target(args))):
        raise BriefingError(
            N_("`db {command}` is not for a server: {instead}"),
            command=command,
            instead=_(ON_A_SERVER[command]),
        )


def _db_file(args: argparse.Namespace) -> Path:
    from briefing.store.db.database import database_url, sqlite_path

    path = sqlite_path(database_url(_target(args)))
    if path is None or not path.exists():
        raise BriefingError(
            N_("{target} is not a database file on this machine"), target=_target(args)
        )
    return path


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from briefing.store.db.migrate import head_revision

    with _open(args) as store:
        say(
            _("{location}: schema at {revision}").format(
                location=store.location, revision=head_revision()
            )
        )
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    from briefing.store.db.backup import backup_database, backup_folder
    from briefing.store.db.dump import dump_file_name, dump_server

    with _open(args) as store:
        if store.path is None:
            out = args.out or backup_folder(default_database()) / dump_file_name(
                store.url, dt.datetime.now()
            )
            say(dump_server(store.url, Path(out)))
            return 0
        if args.out:
            raise BriefingError(
                N_("--out is for a server's backup; a file's go to its backups folder")
            )
        say(backup_database(store.path, "manual", access=store.access))
    return 0


def cmd_db_backups(args: argparse.Namespace) -> int:
    from briefing.store.db.backup import backup_folder, list_backups

    _refuse_on_server(args, "backups")
    path = _db_file(args)
    backups = list_backups(path)
    for backup in backups:
        stamp = dt.datetime.fromtimestamp(backup.stat().st_mtime).isoformat(" ", "seconds")
        say(backup.name, stamp, f"{backup.stat().st_size // 1024} KB")
    say(_("{count} backup(s) in {folder}").format(count=len(backups), folder=backup_folder(path)))
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    from briefing.store.db.backup import find_backup, restore_backup

    _refuse_on_server(args, "restore")
    with _open(args) as store:
        path, access = _db_file(args), store.access
    backup = find_backup(path, args.backup)
    safety = restore_backup(path, backup, access)
    say(
        _("restored {backup}; the file as it was is saved as {safety}").format(
            backup=backup.name, safety=safety.name
        )
    )
    return 0


def cmd_db_encrypt(args: argparse.Namespace) -> int:
    from briefing.store.db.encryption import encrypt

    _refuse_on_server(args, "encrypt")
    path = _db_file(args)
    encrypt(path, Passphrases(args.passphrase_stdin).ask(_("New passphrase"), confirm=True))
    say(_("{path} is now encrypted, and so are its backups").format(path=path))
    return 0


def cmd_db_decrypt(args: argparse.Namespace) -> int:
    from briefing.store.db.encryption import decrypt

    _refuse_on_server(args, "decrypt")
    path = _db_file(args)
    decrypt(
        path,
        Passphrases(args.passphrase_stdin).ask(_("Passphrase for {target}").format(target=path)),
    )
    say(_("{path} is no longer encrypted").format(path=path))
    return 0


def cmd_db_rekey(args: argparse.Namespace) -> int:
    from briefing.store.db.encryption import rekey

    _refuse_on_server(args, "rekey")
    path = _db_file(args)
    asker = Passphrases(args.passphrase_stdin)
    old = asker.ask(_("Current passphrase for {path}").format(path=path))
    rekey(path, old, asker.ask(_("New passphrase"), confirm=True))
    say(_("{path} has a new passphrase").format(path=path))
    return 0


def cmd_db_integrity(args: argparse.Namespace) -> int:
    from sqlalchemy import text

    _refuse_on_server(args, "integrity")
    with _open(args) as store, store.engine.connect() as connection:
        problems = [str(r[0]) for r in connection.execute(text("PRAGMA integrity_check"))]
        broken_links = connection.execute(text("PRAGMA foreign_key_check")).all()
    problems = [p for p in problems if p != "ok"]
    problems += [
        _("row {row} of {table} points at a missing {target}").format(
            row=r[1], table=r[0], target=r[2]
        )
        for r in broken_links
    ]
    for problem in problems:
        say(problem)
    say(
        _("ok")
        if not problems
        else _("{count} problem(s) in {location}").format(
            count=len(problems), location=store.location
        )
    )
    return 1 if problems else 0


def cmd_db_create(args: argparse.Namespace) -> int:
    from briefing.store.db.database import database_url, sqlite_path
    from briefing.store.db.migrate import open_store

    path = sqlite_path(database_url(args.path))
    if path is not None and path.exists() and path.stat().st_size > 0:
        raise BriefingError(N_("{path} already exists; nothing was changed"), path=path)
    open_store(args.path, seed_sample=args.sample).close()
    created = path or args.path
    say(
        _("created {path} with the sample dossier").format(path=created)
        if args.sample
        else _("created {path}").format(path=created)
    )
    return 0


def cmd_db_path(args: argparse.Namespace) -> int:
    from briefing.store.db.database import database_url, sqlite_path

    target = args.db or default_database()
    say(sqlite_path(database_url(target)) or target)
    return 0


Add = Callable[[Any, str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def add_db_commands(commands: Any, add: Add) -> None:
    """The ``db`` group, added to the command line's ``commands`` with its ``add``."""
    db = commands.add_parser("db", help=_("maintain the database file"))
    db_cmds = db.add_subparsers(metavar="ACTION", required=True, parser_class=type(db))
    add(db_cmds, "upgrade", cmd_db_upgrade, N_("apply pending schema migrations (after a backup)"))
    sub = add(db_cmds, "backup", cmd_db_backup, N_("make a backup copy now (pg_dump on a server)"))
    sub.add_argument(
        "--out",
        metavar="FILE",
        help=_("on a server, where pg_dump writes (default: backups folder)"),
    )
    add(db_cmds, "integrity", cmd_db_integrity, N_("check the file for damage"))
    add(db_cmds, "path", cmd_db_path, N_("print where the database is"))
    sub = add(db_cmds, "create", cmd_db_create, N_("create a new, empty database"))
    sub.add_argument("path", metavar="PATH|URL", help=_("the new database's file"))
    sub.add_argument("--sample", action="store_true", help=_("fill it with the sample dossier"))
    add(db_cmds, "backups", cmd_db_backups, N_("list the backups, oldest first"))
    sub = add(db_cmds, "restore", cmd_db_restore, N_("bring back a backup (the newest by default)"))
    sub.add_argument("backup", nargs="?", help=_("a name from `briefing db backups`"))
    add(db_cmds, "encrypt", cmd_db_encrypt, N_("encrypt the database and its backups"))
    add(db_cmds, "decrypt", cmd_db_decrypt, N_("remove the database's encryption"))
    add(db_cmds, "rekey", cmd_db_rekey, N_("change the passphrase"))
