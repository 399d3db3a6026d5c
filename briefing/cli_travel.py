"""``briefing travel …``: taking a dossier on the road, and the server's register of copies.

``out`` writes an encrypted copy holding what the login is cleared for and registers it;
``list``, ``revoke`` and ``expire`` read and change the register (an administrator's for
anyone's copy); ``sync`` merges a copy with its server, ``conflicts`` lists what a sync
left for a person to decide and ``settle`` decides one. Each names its server with
``--db`` (``out`` with ``--from``), and asks for the secrets in
:class:`~briefing.cli_secrets.Passphrases`' order: the server's password when it asks for one,
then the copy's passphrase (for ``out``, the new one).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.cli import _date, _open, say
from briefing.cli_language import _, ngettext
from briefing.cli_secrets import Passphrases
from briefing.errors import BriefingError
from briefing.i18n import N_

if TYPE_CHECKING:
    from briefing.store.db.database import Store

Add = Callable[[Any, str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _on_server(args: argparse.Namespace) -> None:
    if not args.db:
        raise BriefingError(
            N_(
                "travel copies are registered on a team server: name the team server with "
                "--db postgresql+psycopg://USER@HOST/DBNAME"
            )
        )


def cmd_travel_out(args: argparse.Namespace) -> int:
    from briefing.store.travel import require_team_server, take_copy

    args.db = args.source
    with _open(args) as server:
        require_team_server(server)
        passphrase = Passphrases(args.passphrase_stdin).ask(
            _("New passphrase for the travel copy {path}").format(path=args.to), confirm=True
        )
        taken = take_copy(server, args.slug, Path(args.to), passphrase)
    say(
        _(
            "wrote {path}: travel copy {uid} of {slug}, what {login} is cleared to see "
            "({level}), encrypted under the passphrase given"
        ).format(
            path=taken.path,
            uid=taken.uid,
            slug=taken.slug,
            login=taken.login,
            level=taken.clearance,
        )
    )
    return 0


def cmd_travel_list(args: argparse.Namespace) -> int:
    from briefing.store.travel import list_copies, server_now

    _on_server(args)
    with _open(args) as server, server.session() as session:
        copies = list_copies(session)
        now = server_now(session)
    for copy in copies:
        expires = (
            "-"
            if copy.expires_at is None
            else _("expires {day}").format(day=f"{copy.expires_at:%Y-%m-%d}")
        )
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
        say(_("no travel copies"))
    return 0


def cmd_travel_revoke(args: argparse.Namespace) -> int:
    from briefing.store.travel import revoke

    _on_server(args)
    with _open(args) as server, server.session() as session:
        revoke(session, args.uid)
    say(_("revoked travel copy {uid}: its next sync will be refused").format(uid=args.uid))
    return 0


def cmd_travel_expire(args: argparse.Namespace) -> int:
    from briefing.store.travel import expire

    _on_server(args)
    on: dt.date = args.on
    with _open(args) as server, server.session() as session:
        expire(session, args.uid, on)
    say(
        _("travel copy {uid} expires on {day}: no sync from that day (UTC)").format(
            uid=args.uid, day=f"{on:%Y-%m-%d}"
        )
    )
    return 0


def _open_copy(args: argparse.Namespace, asker: Passphrases) -> Store:
    from briefing.store.db.migrate import open_store

    path = Path(args.file)
    if not path.is_file():
        raise BriefingError(N_("{path} does not exist; nothing was changed"), path=path)
    passphrase = asker.ask(_("Passphrase for the travel copy {path}").format(path=path))
    return open_store(path, seed_sample=False, create=False, passphrase=passphrase)


def cmd_travel_sync(args: argparse.Namespace) -> int:
    from briefing.store.sync.trip import sync_copy

    _on_server(args)
    asker = Passphrases(args.passphrase_stdin)
    with _open(args) as server, _open_copy(args, asker) as copy:
        synced = sync_copy(copy, server)
    finished = _(" (finishing the sync cut short before)") if synced.resumed else ""
    say(
        _(
            "synced {file}{finished}: sent {sent} change(s), received {received}, "
            "{conflicts} conflict(s) kept"
        ).format(
            file=args.file,
            finished=finished,
            sent=synced.sent,
            received=synced.received,
            conflicts=synced.conflicts,
        )
        + (
            _(", {count} offline export(s) in the audit trail").format(count=synced.printed)
            if synced.printed
            else ""
        )
        + synced.passed_on_said(ngettext)
        + (_("; list them with `briefing travel conflicts`") if synced.conflicts else "")
    )
    return 0


def cmd_travel_conflicts(args: argparse.Namespace) -> int:
    with _open_copy(args, Passphrases(args.passphrase_stdin)) as copy:
        _list_conflicts(copy)
    return 0


def _list_conflicts(store: Store) -> None:
    """Each conflict the last sync or merge kept: where, and the values on either side."""
    from briefing.store.sync.conflicts import listed
    from briefing.store.sync.shown import place, readable, uid_said

    with store.session() as session:
        kept = listed(session)
    for item in kept:
        conflict = item.conflict
        what = _("refused") if item.refused else _(conflict.type.value)
        say(f"{item.id}. {uid_said(conflict.uid, _)} · {place(conflict, _)} ({what})")
        say(_("   base:   {value}").format(value=readable(conflict.base, _)))
        say(_("   mine:   {value}").format(value=readable(conflict.ours, _)))
        if item.refused:
            reason = "" if item.reason is None else item.reason.said(_)
            say(_("   refused: {reason}").format(reason=reason))
        else:
            by = (
                ""
                if item.theirs_by is None
                else f" ({item.theirs_by}, {item.theirs_at:%Y-%m-%d %H:%M})"
            )
            say(_("   theirs: {value}{by}").format(value=readable(conflict.theirs, _), by=by))
    if not kept:
        say(_("no conflicts"))


def cmd_travel_settle(args: argparse.Namespace) -> int:
    from briefing.store.sync.conflicts import settle
    from briefing.store.travel import base_of

    with _open_copy(args, Passphrases(args.passphrase_stdin)) as copy:
        level = base_of(copy).clearance
        with copy.session() as session:
            settle(session, args.id, args.keep, level)
    kept = _("your value") if args.keep == "ours" else _("the server's value")
    say(
        _("conflict {id} settled with {kept}; the next sync sends it if it differs").format(
            id=args.id, kept=kept
        )
    )
    return 0


def cmd_dossier_merge(args: argparse.Namespace) -> int:
    from briefing.store.sync.files import merge_file

    with _open(args) as store:
        merged = merge_file(store, Path(args.file), args.into)
    base = "" if merged.based else _(" (no common base: every differing field is a conflict)")
    say(
        _(
            "merged {file} into {slug}{base}: took {taken} change(s), {conflicts} conflict(s) kept"
        ).format(
            file=args.file,
            slug=merged.slug,
            base=base,
            taken=merged.taken,
            conflicts=merged.conflicts,
        )
        + (_("; list them with `briefing dossier conflicts`") if merged.conflicts else "")
    )
    return 0


def cmd_dossier_conflicts(args: argparse.Namespace) -> int:
    with _open(args) as store:
        _list_conflicts(store)
    return 0


def cmd_dossier_settle(args: argparse.Namespace) -> int:
    from briefing.store.sync.conflicts import settle
    from briefing.store.visibility import highest, levels

    with _open(args) as store, store.session() as session:
        settle(session, args.id, args.keep, highest(*(level.rank for level in levels(session))))
    kept = _("this database's value") if args.keep == "ours" else _("the file's value")
    say(_("conflict {id} settled with {kept}").format(id=args.id, kept=kept))
    return 0


def cmd_dossier_raised(args: argparse.Namespace) -> int:
    from briefing.store.sync.raised import listed
    from briefing.store.sync.shown import readable

    with _open(args) as store, store.session() as session:
        passed = listed(session)
    for item in passed:
        when = f"{item.passed_at:%Y-%m-%d %H:%M}"
        say(
            _("{id}. {uid} (edited by {login} in a travel copy, passed on {when})").format(
                id=item.id, uid=item.uid, login=item.login, when=when
            )
        )
        for name, was, now in item.changes():
            say(f"   {name}: {readable(was, _)} -> {readable(now, _)}")
    if not passed:
        say(_("no edits passed on"))
    return 0


def cmd_dossier_settle_raised(args: argparse.Namespace) -> int:
    from briefing.store.db.database import is_server
    from briefing.store.sync.raised import settle
    from briefing.store.travel import clearance_of

    with _open(args) as store:
        if not is_server(store.url):
            # A file has no clearances to settle by, and no traveller passes edits to it.
            raise BriefingError(
                N_(
                    "{location} is not a team server; travellers' edits are passed on "
                    "to one and settled there. Nothing was changed"
                ),
                location=store.location,
            )
        with store.session() as session:
            settled = settle(session, args.id, args.keep == "ours", clearance_of(session))
    said = (
        _("the edits {id} of {login} taken into {uid}")
        if args.keep == "ours"
        else _("the edits {id} of {login} dropped from {uid}")
    )
    say(said.format(id=args.id, login=settled.login, uid=settled.uid))
    return 0


def _settle_choice(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=int, metavar="N", help=_("the conflict's number in the list"))
    keep = parser.add_mutually_exclusive_group(required=True)
    keep.add_argument("--mine", dest="keep", action="store_const", const="ours")
    keep.add_argument("--theirs", dest="keep", action="store_const", const="theirs")


def add_merge_commands(dossier_commands: Any, add: Add) -> None:
    """``dossier merge``, ``conflicts`` and ``settle``, and ``raised`` and
    ``settle-raised`` (a traveller's edits to records raised above its level during the
    trip), added to the ``dossier`` group."""
    sub = add(dossier_commands, "merge", cmd_dossier_merge, N_("merge a whole dossier file in"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--into", metavar="SLUG", help=_("the dossier (default: the file's)"))
    add(dossier_commands, "conflicts", cmd_dossier_conflicts, N_("list the last merge's conflicts"))
    sub = add(dossier_commands, "settle", cmd_dossier_settle, N_("settle one conflict of a merge"))
    _settle_choice(sub)
    add(
        dossier_commands,
        "raised",
        cmd_dossier_raised,
        N_("list travellers' edits passed on to you"),
    )
    sub = add(
        dossier_commands,
        "settle-raised",
        cmd_dossier_settle_raised,
        N_("take (--mine) or drop (--theirs) a traveller's edits passed on"),
    )
    _settle_choice(sub)


def add_travel_commands(commands: Any, add: Add) -> None:
    """The ``travel`` group, added to the command line's ``commands`` with its ``add``."""
    travel = commands.add_parser("travel", help=_("encrypted travel copies of a dossier"))
    actions = travel.add_subparsers(metavar="ACTION", required=True, parser_class=type(travel))
    sub = add(
        actions, "out", cmd_travel_out, N_("take an encrypted copy of a dossier to work offline")
    )
    sub.add_argument("slug", nargs="?", help=_("the dossier (default: the server's only one)"))
    sub.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        required=True,
        help=_("the team server: postgresql+psycopg://USER@HOST/DBNAME"),
    )
    sub.add_argument("--to", metavar="FILE", required=True, help=_("the new copy's file"))
    add(actions, "list", cmd_travel_list, N_("list travel copies (an administrator's: everyone's)"))
    sub = add(actions, "revoke", cmd_travel_revoke, N_("refuse a copy's every later sync"))
    sub.add_argument("uid", metavar="UID")
    sub = add(actions, "expire", cmd_travel_expire, N_("refuse a copy's syncs from a date on"))
    sub.add_argument("uid", metavar="UID")
    sub.add_argument("--on", type=_date, metavar="YYYY-MM-DD", required=True)
    sub = add(actions, "sync", cmd_travel_sync, N_("send a copy's changes and bring the server's"))
    sub.add_argument("file", metavar="FILE", help=_("the travel copy"))
    sub = add(actions, "conflicts", cmd_travel_conflicts, N_("list a copy's unsettled conflicts"))
    sub.add_argument("file", metavar="FILE", help=_("the travel copy"))
    sub = add(actions, "settle", cmd_travel_settle, N_("settle one conflict of a copy"))
    sub.add_argument("file", metavar="FILE", help=_("the travel copy"))
    _settle_choice(sub)
