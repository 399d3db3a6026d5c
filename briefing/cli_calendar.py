"""``briefing calendar …``: the programme as an iCalendar file, out to phones and in from a
travel office (the rules are :mod:`briefing.store.calendar`'s)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.cli import _open, say
from briefing.cli_language import _
from briefing.errors import BriefingError
from briefing.i18n import N_

Add = Callable[[Any, str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_calendar_export(args: argparse.Namespace) -> int:
    from briefing.store.calendar.writing import export_calendar
    from briefing.store.visibility import level_by_name

    with _open(args) as store:
        with store.session() as session:
            level = level_by_name(session, args.audience)
            audience, name = level.rank, level.name
        written = export_calendar(store, args.slug, Path(args.out), audience=audience)
    vague = (
        _("; {count} known only to the week or month or approximately left out").format(
            count=written.vague
        )
        if written.vague
        else ""
    )
    say(
        _("wrote {path}: {count} events for the {name} audience{vague}").format(
            path=args.out, count=written.events, name=name, vague=vague
        )
    )
    return 0


def cmd_calendar_import(args: argparse.Namespace) -> int:
    from briefing.store.calendar.reading import import_events
    from briefing.store.dossiers import find_dossier
    from briefing.store.visibility import level_by_name, levels

    path = Path(args.file)
    data = path.read_bytes()
    with _open(args) as store, store.session() as session:
        dossier = find_dossier(session, args.slug)
        if args.level is not None:
            level = level_by_name(session, args.level).rank
        else:
            scale = levels(session)
            if not scale:
                raise BriefingError(N_("the database has no handling levels"))
            level = scale[-1].rank
        imported = import_events(session, dossier, data, path.name, zone=args.zone, level=level)
        slug = dossier.slug
    say(
        _(
            "imported {file} into {slug}: {added} added, {updated} updated, {unchanged} unchanged"
        ).format(
            file=path.name,
            slug=slug,
            added=imported.added,
            updated=imported.updated,
            unchanged=imported.unchanged,
        )
    )
    return 0


def add_calendar_commands(commands: Any, add: Add) -> None:
    """The ``calendar`` group, added to the command line's ``commands`` with its ``add``."""
    calendar = commands.add_parser("calendar", help=_("the programme as an iCalendar (.ics) file"))
    actions = calendar.add_subparsers(metavar="ACTION", required=True, parser_class=type(calendar))
    sub = add(actions, "export", cmd_calendar_export, N_("write the events one audience may see"))
    sub.add_argument("slug", nargs="?", help=_("the dossier (default: the database's only one)"))
    sub.add_argument(
        "--audience", metavar="LEVEL", required=True, help=_("handling level of the readers")
    )
    sub.add_argument("--out", metavar="FILE.ics", required=True)
    sub = add(actions, "import", cmd_calendar_import, N_("add or update events from a .ics file"))
    sub.add_argument("file", metavar="FILE.ics")
    sub.add_argument("slug", nargs="?", help=_("the dossier (default: the database's only one)"))
    sub.add_argument(
        "--zone",
        metavar="IANA",
        help=_("the zone of times the file gives without one (floating), and of UTC times"),
    )
    sub.add_argument(
        "--level",
        metavar="LEVEL",
        help=_("handling level of new events (default: the scale's highest)"),
    )
