"""``briefing server …``: an administrator's commands for a team server (issue 15).

Kept out of :mod:`briefing.cli` so the group can grow (the audit trail joins it) without
that module growing: :func:`add_server_commands` hangs the group on the parser.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeAlias

from briefing.cli import _Parser, say
from briefing.cli_audit import add_audit_command
from briefing.cli_language import _
from briefing.cli_secrets import Passphrases
from briefing.errors import BriefingError
from briefing.i18n import N_

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from briefing.store.db.database import Store

    Group: TypeAlias = argparse._SubParsersAction[_Parser]

Command = Callable[[argparse.Namespace], int]


@contextmanager
def server_store(target: str | None, *, unicode_first: bool = False) -> Iterator[Store]:
    """The server at ``target`` as it is (no schema check: these commands set it up).

    With ``unicode_first`` a database that is not UTF8 with a Unicode collation is refused
    before the store's own connection, which could not read it."""
    from sqlalchemy.exc import OperationalError

    from briefing.store.db.database import Store, connection_refused, database_url, is_server
    from briefing.store.server.roles import refuse_unless_unicode

    if not target:
        raise BriefingError(N_("name the server: --db postgresql+psycopg://USER@HOST/DBNAME"))
    url = database_url(target)
    if not is_server(url):
        raise BriefingError(
            N_("{target} is not a PostgreSQL server; these commands are for one"), target=target
        )
    try:
        if unicode_first:
            refuse_unless_unicode(url)
    except OperationalError as exc:
        raise connection_refused(exc, url) from exc
    store = Store.at(url)
    try:
        try:
            with store.engine.connect():
                pass
        except OperationalError as exc:
            raise connection_refused(exc, url) from exc
        yield store
    finally:
        store.close()


@contextmanager
def server_session(args: argparse.Namespace) -> Iterator[Session]:
    with server_store(args.db) as store, store.session() as session:
        yield session


def cmd_server_init(args: argparse.Namespace) -> int:
    from briefing.store.server.setup import initialise

    with server_store(args.url, unicode_first=True) as store:
        initialise(store)
        say(
            _("{location} is set up: schema, roles and row-level security").format(
                location=store.location
            )
        )
    say(_("add people with: briefing server user add NAME --clearance LEVEL --db URL"))
    return 0


def cmd_server_upgrade(args: argparse.Namespace) -> int:
    from briefing.store.server.setup import upgrade_server

    with server_store(args.url or args.db) as store:
        upgrade_server(store)
        say(
            _("{location} is at this version's schema, its policies re-applied").format(
                location=store.location
            )
        )
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from briefing.store.server.accounts import add_user

    with server_session(args) as session:
        password = Passphrases(args.passphrase_stdin).ask(
            _("Password for {name} (empty: none)").format(name=args.name), confirm=True
        )
        add_user(session, args.name, args.clearance, admin=args.admin, password=password)
    say(
        (
            _("added {name}, cleared to {level}, administrator")
            if args.admin
            else _("added {name}, cleared to {level}")
        ).format(name=args.name, level=args.clearance)
    )
    return 0


def cmd_user_set_clearance(args: argparse.Namespace) -> int:
    from briefing.store.server.accounts import set_clearance

    with server_session(args) as session:
        set_clearance(session, args.name, args.level, admin=args.admin)
    say(_("{name} is now cleared to {level}").format(name=args.name, level=args.level))
    return 0


def cmd_user_remove(args: argparse.Namespace) -> int:
    from briefing.store.server.accounts import remove_user

    with server_session(args) as session:
        remove_user(session, args.name)
    say(_("removed {name}").format(name=args.name))
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from briefing.store.server.accounts import list_users

    with server_session(args) as session:
        accounts = list_users(session)
    for account in accounts:
        say(account.name, account.clearance, _("admin") if account.admin else "")
    if not accounts:
        say(_("no users"))
    return 0


def add_server_commands(commands: Group, db_option: _Parser) -> Group:
    """The ``server`` group on ``commands``; returned so more actions can join it.

    A new action is one ``add(actions, …)`` line below, its arguments after it, and a
    ``cmd_server_…`` function above that opens the server with :func:`server_session`."""
    server = commands.add_parser("server", help=_("set up a team server and manage its accounts"))
    actions = server.add_subparsers(metavar="ACTION", required=True, parser_class=_Parser)

    def add(group: Group, name: str, func: Command, help: str) -> _Parser:
        said = _(help)
        sub = group.add_parser(name, help=said, description=said, parents=[db_option])
        sub.set_defaults(func=func)
        return sub

    sub = add(
        actions, "init", cmd_server_init, N_("create the schema, roles and row-level security")
    )
    sub.add_argument("url", metavar="URL", help=_("postgresql+psycopg://ADMIN@HOST/DBNAME"))
    sub = add(actions, "upgrade", cmd_server_upgrade, N_("migrate the schema (after a pg_dump)"))
    sub.add_argument("url", metavar="URL", nargs="?", help=_("the server (default: --db)"))

    user = actions.add_parser("user", help=_("people's logins and clearances"))
    users = user.add_subparsers(metavar="ACTION", required=True, parser_class=_Parser)
    sub = add(users, "add", cmd_user_add, N_("add a login (its password is asked for)"))
    sub.add_argument("name")
    sub.add_argument("--clearance", metavar="LEVEL", required=True)
    sub.add_argument("--admin", action="store_true", help=_("may manage accounts"))
    sub = add(users, "set-clearance", cmd_user_set_clearance, N_("change a login's clearance"))
    sub.add_argument("name")
    sub.add_argument("level", metavar="LEVEL")
    sub.add_argument(
        "--admin",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_("make (or, with --no-admin, stop) them an administrator"),
    )
    sub = add(users, "remove", cmd_user_remove, N_("remove a login and its clearance"))
    sub.add_argument("name")
    add(users, "list", cmd_user_list, N_("list the logins: name, clearance, administrator"))
    add_audit_command(actions, add)
    return actions
