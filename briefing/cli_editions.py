"""``briefing edition``: the editions printed of a dossier, and any one of them again.

``edition list`` shows what each edition was (number, when, for which audience, by whom,
on how many pages) and whether it keeps its PDF; ``edition reprint`` writes that PDF back,
byte for byte (:mod:`briefing.store.editions`). A login sees only the editions at or below
its clearance, and an edition above it is reported exactly as one never printed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.cli import _count, _open, say

Add = Callable[[Any, str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def add_edition_commands(commands: Any, add: Add) -> None:
    """The ``edition`` group, added to the command line's ``commands`` with its ``add``."""
    edition = commands.add_parser("edition", help="list the editions printed, reprint one")
    actions = edition.add_subparsers(metavar="ACTION", required=True, parser_class=type(edition))
    sub = add(actions, "list", cmd_edition_list, "list the editions you may see, oldest first")
    sub.add_argument("slug", nargs="?", help="only this dossier's (default: every dossier's)")
    sub = add(actions, "reprint", cmd_edition_reprint, "write an edition's PDF again, as printed")
    sub.add_argument("slug")
    sub.add_argument("number", type=_count, metavar="N", help="the edition's number")
    sub.add_argument("--out", metavar="FILE.pdf", required=True)


def cmd_edition_list(args: argparse.Namespace) -> int:
    from briefing.store.editions import list_editions

    with _open(args) as store, store.session() as session:
        listed = list_editions(session, args.slug)
    if not listed:
        say("no editions" if args.slug is None else f"no editions of {args.slug}")
    for e in listed:
        say(
            e.slug,
            f"edition {e.number}",
            f"{e.printed_at:%Y-%m-%d %H:%M} UTC",
            e.audience,
            e.made_by or "-",
            "-" if e.pages is None else f"{e.pages} pages",
            "kept" if e.kept else "not kept (printed before editions kept their PDF)",
        )
    return 0


def cmd_edition_reprint(args: argparse.Namespace) -> int:
    from briefing.store.editions import reprint

    with _open(args) as store:
        done = reprint(store, args.slug, args.number, Path(args.out))
    say(
        f"wrote {done.path}: edition {done.number} as printed, {done.pages} pages, "
        f"for the {done.audience} audience"
    )
    return 0
