"""``briefing dossier home-zone``: the clock the travelling party lives by, whose times the
window and the book show beside the venue's and on which days left are counted."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from briefing.cli import _open, say
from briefing.cli_language import _
from briefing.i18n import N_

Add = Callable[[Any, str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_dossier_home_zone(args: argparse.Namespace) -> int:
    from briefing.store.dossiers import find_dossier, set_home_zone

    with _open(args) as store, store.session() as session:
        dossier = find_dossier(session, args.slug)
        slug = dossier.slug
        if args.zone is None:
            say(dossier.home_zone)
            return 0
        before = set_home_zone(session, dossier.id, args.zone)
    say(
        _("{slug}'s home zone is now {zone} (was {before})").format(
            slug=slug, zone=args.zone, before=before
        )
    )
    return 0


def add_zone_commands(dossier_commands: Any, add: Add) -> None:
    """``dossier home-zone``, added to the ``dossier`` group."""
    sub = add(
        dossier_commands,
        "home-zone",
        cmd_dossier_home_zone,
        N_("print or set the dossier's home time zone (the delegation's own clock)"),
    )
    sub.add_argument("zone", nargs="?", metavar="IANA", help=_("the new zone, e.g. Asia/Seoul"))
    sub.add_argument(
        "--dossier",
        dest="slug",
        metavar="SLUG",
        help=_("the dossier (default: the database's only one)"),
    )
