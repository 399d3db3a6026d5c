"""``briefing travel …``: taking a dossier on the road, and the server's register of copies.

``out`` writes an encrypted copy holding what the login is cleared for and registers it;
``list``, ``revoke`` and ``expire`` read and change the register (an administrator's for
anyone's copy). Each names its server with ``--db`` (``out`` with ``--from``), and asks
for the secrets in :class:`~briefing.cli.Passphrases`' order: the server's password when
it asks for one, then the copy's new passphrase.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.cli import Passphrases, _date, _open, say
from briefing.errors import BriefingError

Add = Callable[[Any, str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]

SERVER_NEEDED = "name the team server with --db postgresql+psycopg://USER@HOST/DBNAME"


def _on_server(args: argparse.Namespace) -> None:
    if not args.db:
        raise BriefingError(f"travel copies are registered on a team server: {SERVER_NEEDED}")


def cmd_travel_out(args: argparse.Namespace) -> int:
    from briefing.store.travel import require_team_server, take_copy

    args.db = args.source
    with _open(args) as server:
        require_team_server(server)
        passphrase = Passphrases(args.passphrase_stdin).ask(
            f"New passphrase for the travel copy {args.to}", confirm=True
        )
        taken = take_copy(server, args.slug, Path(args.to), passphrase)
    say(
        f"wrote {taken.path}: travel copy {taken.uid} of {taken.slug}, what {taken.login} "
        f"is cleared to see ({taken.clearance}), encrypted under the passphrase given"
    )
    return 0


def cmd_travel_list(args: argparse.Namespace) -> int:
    from briefing.store.travel import list_copies, server_now

    _on_server(args)
    with _open(args) as server, server.session() as session:
        copies = list_copies(session)
        now = server_now(session)
    for copy in copies:
        expires = "-" if copy.expires_at is None else f"expires {copy.expires_at:%Y-%m-%d}"
        say(
            copy.uid,
            copy.login,
            copy.dossier,
            copy.clearance,
            f"{copy.taken_at:%Y-%m-%d %H:%M}",
            expires,
            copy.state(now),
        )
    if not copies:
        say("no travel copies")
    return 0


def cmd_travel_revoke(args: argparse.Namespace) -> int:
    from briefing.store.travel import revoke

    _on_server(args)
    with _open(args) as server, server.session() as session:
        revoke(session, args.uid)
    say(f"revoked travel copy {args.uid}: its next sync will be refused")
    return 0


def cmd_travel_expire(args: argparse.Namespace) -> int:
    from briefing.store.travel import expire

    _on_server(args)
    on: dt.date = args.on
    with _open(args) as server, server.session() as session:
        expire(session, args.uid, on)
    say(f"travel copy {args.uid} expires on {on:%Y-%m-%d}: no sync from that day (UTC)")
    return 0


def add_travel_commands(commands: Any, add: Add) -> None:
    """The ``travel`` group, added to the command line's ``commands`` with its ``add``."""
    travel = commands.add_parser("travel", help="encrypted travel copies of a dossier")
    actions = travel.add_subparsers(metavar="ACTION", required=True, parser_class=type(travel))
    sub = add(actions, "out", cmd_travel_out, "take an encrypted copy of a dossier to work offline")
    sub.add_argument("slug", nargs="?", help="the dossier (default: the server's only one)")
    sub.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        required=True,
        help="the team server: postgresql+psycopg://USER@HOST/DBNAME",
    )
    sub.add_argument("--to", metavar="FILE", required=True, help="the new copy's file")
    add(actions, "list", cmd_travel_list, "list travel copies (an administrator's: everyone's)")
    sub = add(actions, "revoke", cmd_travel_revoke, "refuse a copy's every later sync")
    sub.add_argument("uid", metavar="UID")
    sub = add(actions, "expire", cmd_travel_expire, "refuse a copy's syncs from a date on")
    sub.add_argument("uid", metavar="UID")
    sub.add_argument("--on", type=_date, metavar="YYYY-MM-DD", required=True)
