"""``briefing server audit``: the audit trail printed, one event a line, oldest first.

Kept apart from :mod:`briefing.cli_server`, whose ``server`` group it joins, since it
reads the audit on any database, a file included.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

from briefing.cli_language import _
from briefing.i18n import N_
from briefing.text import for_terminal

WHOLE = N_("all levels")
"""The audience column of a copy made for no one audience: a whole dossier file."""


def add_audit_command(actions: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add ``audit`` to the ``server`` group's ``actions``, with the parser's ``add``."""
    from briefing.cli import _date

    sub = add(actions, "audit", cmd_audit, N_("print the audit trail: every export, oldest first"))
    sub.add_argument(
        "--since", type=_date, metavar="DATE", help=_("only events on or after DATE (UTC)")
    )


def cmd_audit(args: argparse.Namespace) -> int:
    from briefing.cli import _open, say
    from briefing.store.audit import events
    from briefing.store.visibility import levels

    since = None if args.since is None else dt.datetime.combine(args.since, dt.time())
    with _open(args) as store, store.session() as session:
        names = {level.rank: level.name for level in levels(session)}
        rows = [
            (
                f"{event.at:%Y-%m-%d %H:%M:%S}",
                event.who,
                _(event.action),
                event.dossier or "-",
                names.get(event.audience, event.audience)
                if event.audience is not None
                else _(WHOLE)
                if event.action == "dossier file"
                else "-",
                "-"
                if event.edition is None
                else _("edition {number}").format(number=event.edition),
                event.content_hash or "-",
                event.detail,
            )
            for event in events(session, since)
        ]
    if not rows:
        say(
            _("no events")
            if since is None
            else _("no events since {since}").format(since=args.since)
        )
    shown = [[for_terminal(str(value)) for value in row] for row in rows]
    widths = (
        [max(len(row[column]) for row in shown) for column in range(len(shown[0]))] if shown else []
    )
    for row in shown:
        say(
            "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip()
        )
    return 0
