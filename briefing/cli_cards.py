"""``briefing export --card``: the principal's pocket cards, a card per meeting, as an
edition (:mod:`briefing.book.cards`). Kept apart from :mod:`briefing.cli`, which holds the
book's own flags, so the export command stays one command with one set of choices."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.cli import _open, say
from briefing.cli_language import _
from briefing.errors import N_, BriefingError


def add_card_option(export: argparse.ArgumentParser) -> None:
    """``--card`` on ``briefing export``."""
    export.add_argument(
        "--card",
        action="store_true",
        help=_(
            "the principal's pocket cards instead of the book: a card per meeting, call or "
            "summit, A6 (--paper a4) or half-Letter (--paper letter)"
        ),
    )


def cmd_export_cards(args: argparse.Namespace) -> int:
    """``briefing export --card``: the book's audience, paper, language, day and draft
    flags; sections, change sections and numbered copies are a book's alone."""
    from briefing.book import BookOptions
    from briefing.book.cards import export_cards
    from briefing.store.visibility import level_by_name

    if args.sections or args.since is not None or args.copies is not None:
        raise BriefingError(
            N_("--card prints a card per meeting: leave out --sections, --since and --copies")
        )
    with _open(args) as store:
        with store.session() as session:
            level = level_by_name(session, args.audience)
            audience, name = level.rank, level.name
        options = BookOptions(
            audience=audience,
            paper=args.paper,
            edition_note=args.edition_note,
            today=args.today,
            draft=args.draft,
            count_from_today=args.today is not None,
            language=args.language,
            cards=True,
        )
        result = export_cards(store, args.slug, options, Path(args.out))
    edition = (
        _("a draft (no edition recorded)")
        if args.draft
        else _("edition {number}").format(number=result.edition)
    )
    said = _("wrote {path}: {edition}, {count} pocket cards, for the {name} audience")
    say(said.format(path=result.path, edition=edition, count=result.pages, name=name))
    return 0
