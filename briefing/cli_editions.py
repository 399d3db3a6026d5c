"""``briefing edition``: the editions printed of a dossier, and any one of them again.

``edition list`` shows what each edition was (number, when, for which audience, by whom,
on how many pages, in how many numbered copies) and whether it keeps its PDF; ``edition
reprint`` writes that PDF back, byte for byte (:mod:`briefing.store.editions`), one copy
at a time for an edition in numbered copies; ``edition whose`` names the copy a PDF or a
page's text is (:mod:`briefing.store.copies`). A login sees only the editions at or below
its clearance, and an edition above it is reported exactly as one never printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.cli import _count, _open, say
from briefing.cli_language import _
from briefing.i18n import N_

Add = Callable[[Any, str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def add_edition_commands(commands: Any, add: Add) -> None:
    """The ``edition`` group, added to the command line's ``commands`` with its ``add``."""
    edition = commands.add_parser(
        "edition", help=_("list the editions printed, reprint one, tell whose copy a PDF is")
    )
    actions = edition.add_subparsers(metavar="ACTION", required=True, parser_class=type(edition))
    sub = add(actions, "list", cmd_edition_list, N_("list the editions you may see, oldest first"))
    sub.add_argument("slug", nargs="?", help=_("only this dossier's (default: every dossier's)"))
    sub = add(
        actions, "reprint", cmd_edition_reprint, N_("write an edition's PDF again, as printed")
    )
    sub.add_argument("slug")
    sub.add_argument("number", type=_count, metavar="N", help=_("the edition's number"))
    sub.add_argument(
        "--copy", type=_count, metavar="K", help=_("of an edition in numbered copies: copy K")
    )
    sub.add_argument("--out", metavar="FILE.pdf", required=True)
    sub = add(
        actions,
        "whose",
        cmd_edition_whose,
        N_("name the edition and numbered copy a PDF, or a page's text, is (exit 1: cannot tell)"),
    )
    given = sub.add_mutually_exclusive_group(required=True)
    given.add_argument("file", nargs="?", metavar="FILE.pdf", help=_("a numbered copy's PDF"))
    given.add_argument(
        "--text",
        metavar="TEXT",
        help=_("the text of a page (or its code, or the document id); '-' reads standard input"),
    )


def cmd_edition_list(args: argparse.Namespace) -> int:
    from briefing.store.editions import list_editions

    with _open(args) as store, store.session() as session:
        listed = list_editions(session, args.slug)
    if not listed:
        say(
            _("no editions")
            if args.slug is None
            else _("no editions of {slug}").format(slug=args.slug)
        )
    for e in listed:
        say(
            e.slug,
            _("edition {number}").format(number=e.number),
            f"{e.printed_at:%Y-%m-%d %H:%M} UTC",
            e.audience,
            e.made_by or "-",
            "-" if e.pages is None else _("{pages} pages").format(pages=e.pages),
            _("kept") if e.kept else _("not kept (printed before editions kept their PDF)"),
            *([_("{copies} numbered copies").format(copies=e.copies)] if e.copies else []),
            *([_("pocket cards")] if e.cards else []),
        )
    return 0


def cmd_edition_reprint(args: argparse.Namespace) -> int:
    from briefing.store.editions import reprint

    with _open(args) as store:
        done = reprint(store, args.slug, args.number, Path(args.out), args.copy)
    which = "" if args.copy is None else _(", copy {copy}").format(copy=args.copy)
    say(
        _(
            "wrote {path}: edition {number}{which} as printed, {pages} pages, "
            "for the {audience} audience"
        ).format(
            path=done.path,
            number=done.number,
            which=which,
            pages=done.pages,
            audience=done.audience,
        )
    )
    return 0


CANNOT_TELL = 1
"""``edition whose``'s exit code when the marks name no copy, or not one alone: an answer
withheld, not a mistake (which, as for every command, is 2)."""


def cmd_edition_whose(args: argparse.Namespace) -> int:
    """One line: the copy, or why it cannot tell. Nothing is written or recorded."""
    from briefing.book.whose import whose_pdf
    from briefing.store.copies import CannotTell, clues_in, printed_code, whose

    text = None
    if args.text is not None:
        text = sys.stdin.read() if args.text == "-" else args.text
    with _open(args) as store, store.session() as session:
        try:
            found = (
                whose_pdf(session, Path(args.file))
                if text is None
                else whose(session, clues_in(text))
            )
        except CannotTell as exc:
            say(exc)
            return CANNOT_TELL
    say(
        _(
            "{slug} edition {edition}, copy {number} of {copies} — {recipient} (by its {by}; "
            "document id {document_id}, code {code})"
        ).format(
            slug=found.slug,
            edition=found.edition,
            number=found.number,
            copies=found.copies,
            recipient=found.recipient,
            by=", ".join(found.by),
            document_id=found.document_id,
            code=printed_code(found.code),
        )
    )
    return 0
