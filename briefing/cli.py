"""The ``briefing`` command: the GUI when run bare, and the headless tasks as subcommands.

A mistake by the user (a wrong slug, a bad file, a database we refuse to open) ends with
exit code 2 and one line on stderr; tracebacks are for bugs only.

It speaks the language of the top-level ``--language``, else the locale's (LANGUAGE,
LC_ALL, LC_MESSAGES, LANG), else English: its help, errors and summaries through the
gettext catalogue (:mod:`briefing.i18n`), argparse's own words ("usage:") included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from briefing import __version__
from briefing.cli_language import _, cli_language, ngettext, speak
from briefing.cli_secrets import SECRETS, Passphrases
from briefing.errors import BriefingError, os_reason
from briefing.i18n import LANGUAGES, N_
from briefing.text import for_terminal

if TYPE_CHECKING:
    from briefing.store.db.database import Store

EXIT_USER_ERROR = 2


def say(*fields: object, file: TextIO | None = None, end: str = "\n") -> None:
    """One line of output: ``fields`` joined by tabs, each with its unseen characters escaped.

    Every line the command prints goes through here, so a title holding ESC or a bidi
    override shows as ``\\x1b`` or ``\\u202e`` and can neither drive the terminal nor
    turn the line around; tabs between fields stay real, so columns can still be cut.
    """
    print("\t".join(for_terminal(str(field)) for field in fields), file=file, end=end, flush=True)


def _fail(message: object) -> int:
    """The one line on stderr that ends a command stopped by a mistake."""
    say(f"briefing: {message}", file=sys.stderr)
    return EXIT_USER_ERROR


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # The message can quote the arguments as typed, escape sequences and all.
        see = _("(see --help)")
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {for_terminal(message)} {see}\n")


def default_database() -> Path:
    """The embedded database in the user's data folder (or $BRIEFING_DB when set)."""
    override = os.environ.get("BRIEFING_DB")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("Briefing", appauthor=False) / "briefing.sqlite3"


def _target(args: argparse.Namespace) -> str:
    return str(args.db or default_database())


def _open(args: argparse.Namespace) -> Store:
    """The database ``--db`` names, asking for the secret that opens it (see
    :class:`Passphrases` for the order of secrets on standard input)."""
    from briefing.errors import PassphraseNeeded
    from briefing.store.db.database import database_url
    from briefing.store.db.migrate import open_store
    from briefing.store.db.server import (
        PasswordNeeded,
        refuse_password_in,
        server_name,
        with_password,
    )

    # Only the embedded default is created (and seeded) on first use; a database named
    # with --db must exist, or a typo would leave an empty database behind.
    target, default = (args.db, False) if args.db else (default_database(), True)
    refuse_password_in(str(target))
    asker = Passphrases(args.passphrase_stdin)
    try:
        return open_store(target, seed_sample=default, create=default)
    except PassphraseNeeded:
        passphrase = asker.ask(_("Passphrase for {target}").format(target=target))
        return open_store(target, seed_sample=default, create=default, passphrase=passphrase)
    except PasswordNeeded:
        url = database_url(target)
        prompt = _("Password for {user} on {server}").format(
            user=url.username or _("you"), server=server_name(url)
        )
        password = asker.ask(prompt, secret=SECRETS[1])
        return open_store(with_password(url, password), seed_sample=default, create=default)


def _require_database(target: str) -> None:
    """Refuse a --db that names no database before the window opens, as every command does."""
    from briefing.store.db.database import database_url, sqlite_path
    from briefing.store.db.migrate import require_database
    from briefing.store.db.server import refuse_password_in

    refuse_password_in(target)
    path = sqlite_path(database_url(target))
    if path is not None:
        require_database(path)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date like 2025-04-24").format(text=text)
        ) from None


# ------------------------------------------------------------------ commands


def cmd_gui(args: argparse.Namespace) -> int:
    if args.db:
        _require_database(args.db)
    from briefing.ui.app import run

    return run(
        args.db or None,
        default_database(),
        smoke=args.smoke_test,
        language=getattr(args, "language", None),
    )


def cmd_dossier_list(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from briefing.domain import Dossier, Record

    with _open(args) as store, store.session() as session:
        rows = session.execute(
            select(Dossier.slug, Dossier.title, func.count(Record.id))
            .outerjoin(Record, Record.dossier_id == Dossier.id)
            .group_by(Dossier.id)
            .order_by(Dossier.slug)
        ).all()
    if not rows:
        say(_("no dossiers"))
    for slug, title, count in rows:
        say(slug, title, ngettext("{count} record", "{count} records", count).format(count=count))
    return 0


def cmd_dossier_export(args: argparse.Namespace) -> int:
    from briefing.store.exchange.export import export_file
    from briefing.store.visibility import level_by_name

    with _open(args) as store:
        if args.audience is None:
            export_file(store, args.slug, Path(args.file))
            say(_("wrote {file}").format(file=args.file))
            return 0
        with store.session() as session:
            level = level_by_name(session, args.audience)
            audience, name = level.rank, level.name
        export_file(store, args.slug, Path(args.file), audience=audience)
    say(_("wrote {file}: what the {name} audience may see").format(file=args.file, name=name))
    return 0


def cmd_dossier_import(args: argparse.Namespace) -> int:
    from briefing.store.exchange.writing import import_file

    with _open(args) as store:
        imported = import_file(store, Path(args.file), slug=args.as_slug)
    for message in imported.messages:
        say(_("briefing: note: {message}").format(message=message), file=sys.stderr)
    say(_("imported dossier {slug}").format(slug=imported.slug))
    return 0


def cmd_dossier_delete(args: argparse.Namespace) -> int:
    from briefing.store.db.backup import backup_database
    from briefing.store.dossiers import delete_dossier, find_dossier

    with _open(args) as store:
        with store.session() as session:
            dossier = find_dossier(session, args.slug)
            title = dossier.title
        if not args.yes:
            if not sys.stdin.isatty():
                raise BriefingError(
                    N_("deleting {slug} needs a confirmation: run in a terminal, or add --yes"),
                    slug=args.slug,
                )
            question = _("Delete the dossier {slug} ({title}) and everything in it? [y/N] ")
            say(question.format(slug=args.slug, title=title), end="")
            if input().strip().casefold() not in ("y", "yes", _("y"), _("yes")):
                say(_("nothing was deleted"))
                return 0
        saved = (
            backup_database(store.path, "before-delete", access=store.access)
            if store.path
            else None
        )
        with store.session() as session:
            deleted = delete_dossier(session, args.slug)
    said = {"slug": deleted.slug, "count": deleted.records, "backup": saved}
    if saved:
        say(_("deleted {slug} ({count} records); a backup from before is {backup}").format(**said))
    else:
        say(_("deleted {slug} ({count} records)").format(**said))
    return 0


def cmd_dossier_schema(args: argparse.Namespace) -> int:
    from briefing.store.exchange.schema import json_schema

    text = json_schema()
    if args.file:
        Path(args.file).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_dossier_generate(args: argparse.Namespace) -> int:
    from briefing.generator import generate_into

    with _open(args) as store:
        slug = generate_into(
            store,
            people=args.people,
            events=args.events,
            chips=args.chips,
            sources=args.sources,
            slug=args.slug,
            seed=args.seed,
        )
    say(_("generated dossier {slug}").format(slug=slug))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from briefing.book import BookOptions, export_book
    from briefing.cli_cards import cmd_export_cards
    from briefing.store.copies import recipients
    from briefing.store.visibility import level_by_name

    if args.card:
        return cmd_export_cards(args)
    with _open(args) as store:
        with store.session() as session:
            level = level_by_name(session, args.audience)
            audience, name = level.rank, level.name
        sections = None
        if args.sections:
            sections = tuple(s.strip() for s in args.sections.split(",") if s.strip())
        options = BookOptions(
            audience=audience,
            paper=args.paper,
            sections=sections,
            edition_note=args.edition_note,
            today=args.today,
            draft=args.draft,
            count_from_today=args.today is not None,
            changes=not args.no_changes,
            since=args.since,
            copies=() if args.copies is None else recipients(args.copies),
            language=args.language,
        )
        result = export_book(store, args.slug, options, Path(args.out))
    edition = (
        _("a draft (no edition recorded)")
        if args.draft
        else _("edition {number}").format(number=result.edition)
    )
    since = (
        ""
        if result.since is None
        else _(", changes since edition {number}").format(number=result.since)
    )
    said = {"edition": edition, "pages": result.pages, "name": name, "since": since}
    if not result.copies:
        wrote = _("wrote {path}: {edition}, {pages} pages, for the {name} audience{since}")
        say(wrote.format(path=result.path, **said))
        return 0
    for number, path in enumerate(result.copies, start=1):
        copy = _("wrote {path}: copy {number} of {count}")
        say(copy.format(path=path, number=number, count=len(result.copies)))
    copies = _(
        "{edition} in {count} numbered copies, {pages} pages each, for the {name} audience{since}"
    )
    say(copies.format(count=len(result.copies), **said))
    return 0


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a whole number").format(text=text)
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("{text!r} is negative").format(text=text))
    return value


def _language(text: str) -> str:
    from briefing.i18n import UnknownLanguage, checked_language

    try:
        return checked_language(text)
    except UnknownLanguage as exc:
        raise argparse.ArgumentTypeError(exc.said(_)) from None


def _positive(text: str) -> int:
    value = _count(text)
    if value == 0:
        raise argparse.ArgumentTypeError(_("editions are numbered from 1"))
    return value


def cmd_check(args: argparse.Namespace) -> int:
    from briefing.store.checks.run import run_checks
    from briefing.store.dossiers import find_dossier
    from briefing.store.visibility import EVERYTHING, level_by_name

    with _open(args) as store, store.session() as session:
        dossier = find_dossier(session, args.slug)
        level = level_by_name(session, args.audience).rank if args.audience else EVERYTHING
        findings = run_checks(session, dossier, level=level, today=args.today)
    for f in findings:
        say(f"{_(f.severity.label):8} {f.check:20} {f.record_uid}  {f.said(_)}")
    count = ngettext("{count} finding in {slug}", "{count} findings in {slug}", len(findings))
    say(count.format(count=len(findings), slug=dossier.slug))
    return 1 if findings and args.strict else 0


# ------------------------------------------------------------------ parser


def _level_names(argv: Sequence[str]) -> list[str]:
    """The handling levels of the database ``argv`` names, for ``export --help``; the
    default scale when none opens (none yet, encrypted, refused). Only asked for help, so
    no other command pays for opening a database twice."""
    from briefing.domain import DEFAULT_LEVELS

    default = [name for _rank, name, _marking in DEFAULT_LEVELS]
    only_db = argparse.ArgumentParser(add_help=False)
    only_db.add_argument("--db")
    known, _ = only_db.parse_known_args(argv)
    target = known.db or default_database()
    try:
        from briefing.store.db.migrate import open_store
        from briefing.store.visibility import levels

        store = open_store(target, seed_sample=False, create=False, read_only=True)
    except (BriefingError, OSError):
        return default
    with store, store.session() as session:
        return [level.name for level in levels(session)] or default


def build_parser(
    level_names: Sequence[str] = (), section_names: Sequence[str] = ()
) -> argparse.ArgumentParser:
    """The command line. ``export --help`` names the levels and sections; they are passed
    in only then, since listing them opens the database and loads the book's modules."""
    db_option = _Parser(add_help=False)
    db_option.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help=_("database file or SQLAlchemy URL (default: the embedded database)"),
    )
    db_option.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_(
            "read the server's password and passphrases from standard input, one per line "
            "in the order they are needed, instead of prompting"
        ),
    )
    parser = _Parser(
        prog="briefing",
        description=_(
            "Briefing books for negotiation and visit dossiers. Without a command, opens the app."
        ),
        parents=[db_option],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"briefing {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--language",
        choices=("en", "ko"),  # briefing.ui.i18n.LANGUAGES, not imported: it loads Qt
        help=_(
            "the language of the app and of these commands for this run (default: the app "
            "as chosen in View ▸ Language, else the system's; the commands the locale's)"
        ),
    )
    # For a build's smoke test (see briefing.ui.smoke); not for people, so not in --help.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(func=cmd_gui)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND", parser_class=_Parser)

    def add(
        group: argparse._SubParsersAction[_Parser],
        name: str,
        func: Callable[[argparse.Namespace], int],
        text: str,
    ) -> _Parser:
        said = _(text)
        sub = group.add_parser(name, help=said, description=said, parents=[db_option])
        sub.set_defaults(func=func)
        return sub

    add(commands, "gui", cmd_gui, N_("open the app (the default)"))

    dossier = commands.add_parser("dossier", help=_("list, export and import dossiers"))
    dossier_cmds = dossier.add_subparsers(metavar="ACTION", required=True, parser_class=_Parser)
    add(dossier_cmds, "list", cmd_dossier_list, N_("list the dossiers in the database"))
    sub = add(dossier_cmds, "export", cmd_dossier_export, N_("write a dossier to a JSON file"))
    sub.add_argument("slug")
    sub.add_argument("file")
    sub.add_argument(
        "--audience", metavar="LEVEL", help=_("only what readers at this handling level may see")
    )
    sub = add(dossier_cmds, "import", cmd_dossier_import, N_("add a dossier from a JSON file"))
    sub.add_argument("file")
    sub.add_argument("--as", dest="as_slug", metavar="SLUG", help=_("import under another name"))
    from briefing.cli_travel import add_merge_commands

    add_merge_commands(dossier_cmds, add)
    from briefing.cli_zone import add_zone_commands

    add_zone_commands(dossier_cmds, add)
    sub = add(dossier_cmds, "delete", cmd_dossier_delete, N_("delete a dossier (after a backup)"))
    sub.add_argument("slug")
    sub.add_argument("--yes", action="store_true", help=_("do not ask for a confirmation"))
    sub = add(
        dossier_cmds, "schema", cmd_dossier_schema, N_("print the exchange file's JSON Schema")
    )
    sub.add_argument("file", nargs="?")
    sub = add(
        dossier_cmds,
        "generate",
        cmd_dossier_generate,
        N_("add a synthetic dossier (for benchmarks)"),
    )
    sub.add_argument("--people", type=_count, default=40, metavar="N")
    sub.add_argument("--events", type=_count, default=200, metavar="N")
    sub.add_argument("--chips", type=_count, default=40, metavar="N")
    sub.add_argument("--sources", type=_count, default=20, metavar="N")
    sub.add_argument("--slug", default="generated", help=_("the new dossier's slug"))
    sub.add_argument("--seed", type=int, default=0, help=_("the same seed gives the same dossier"))

    sub = add(commands, "export", cmd_export, N_("print a PDF briefing book for one audience"))
    sub.add_argument("slug", nargs="?")
    readers = _("handling level of the readers")
    if level_names:
        readers = _("handling level of the readers: one of {levels}").format(
            levels=", ".join(level_names)
        )
    sub.add_argument("--audience", metavar="LEVEL", required=True, help=readers)
    sub.add_argument("--paper", choices=("a4", "letter"), default="a4")

    sub.add_argument(
        "--language",
        type=_language,
        default="en",
        metavar="CODE",
        help=_(
            "the book's language, whatever the interface's: one of {codes} (default: en)"
        ).format(codes=", ".join(LANGUAGES)),
    )
    sections = _(
        "comma-separated sections (default: all, but checks, the reviewer's annex, only "
        "for the highest level)"
    )
    if section_names:
        sections = _(
            "comma-separated sections (default: all, but checks, the reviewer's annex, only "
            "for the highest level), printed in this order: {sections}"
        ).format(sections=", ".join(section_names))
    sub.add_argument("--sections", metavar="LIST", help=sections)
    sub.add_argument("--edition-note", metavar="TEXT", default="", help=_("a line for the cover"))
    sub.add_argument(
        "--today",
        type=_date,
        nargs="?",
        const=dt.date.today(),
        metavar="DATE",
        help=_("count days from today (or DATE), not from the dossier's own date"),
    )
    sub.add_argument(
        "--draft",
        action="store_true",
        help=_("a trial print: DRAFT on every page, no edition number taken or recorded"),
    )
    changes = sub.add_mutually_exclusive_group()
    changes.add_argument(
        "--since",
        type=_positive,
        metavar="N",
        help=_(
            "open with what changed since edition N, with change bars beside changed text "
            "(default: the last edition for the same audience and paper)"
        ),
    )
    changes.add_argument(
        "--no-changes", action="store_true", help=_("no 'Changed since edition N' section or bars")
    )
    sub.add_argument(
        "--copies",
        metavar="NAMES",
        help=_(
            "numbered copies, one PDF each (FILE-copy-1.pdf, …): the recipients' names "
            "separated by ';' (a name cannot contain one); each page says 'Copy n of m — NAME'"
        ),
    )
    sub.add_argument("--out", metavar="FILE.pdf", required=True)

    sub = add(commands, "check", cmd_check, N_("list what a reviewer should look at"))
    sub.add_argument("slug", nargs="?")
    sub.add_argument("--audience", metavar="LEVEL", help=_("only records this audience may see"))
    sub.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="DATE",
        help=_("judge deadlines on this date (default: the dossier's own)"),
    )
    sub.add_argument("--strict", action="store_true", help=_("exit 1 when there are findings"))

    from briefing.cli_calendar import add_calendar_commands
    from briefing.cli_cards import add_card_option
    from briefing.cli_db import add_db_commands
    from briefing.cli_editions import add_edition_commands
    from briefing.cli_server import add_server_commands
    from briefing.cli_travel import add_travel_commands

    add_calendar_commands(commands, add)
    add_card_option(commands.choices["export"])
    add_db_commands(commands, add)
    add_edition_commands(commands, add)
    add_server_commands(commands, db_option)
    add_travel_commands(commands, add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    speak(cli_language(given))
    asks_export_help = "export" in given and ("-h" in given or "--help" in given)
    if asks_export_help:
        from briefing.book import ALL_SECTIONS

        parser = build_parser(_level_names(given), ALL_SECTIONS)
    else:
        parser = build_parser()
    args = parser.parse_args(given)
    # --db is shared by every subcommand (so it may come before or after one), which
    # means argparse leaves it unset rather than giving it a default.
    args.db = getattr(args, "db", None)
    args.passphrase_stdin = getattr(args, "passphrase_stdin", False)
    try:
        return int(args.func(args))
    except BriefingError as exc:
        return _fail(exc.said(_))
    except OSError as exc:
        return _fail(f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc))
    except sqlite3.Error as exc:
        return _fail(exc)
    except Exception as exc:
        from sqlalchemy.exc import OperationalError

        if not isinstance(exc, OperationalError):
            raise
        return _fail(_("the database cannot be used: {reason}").format(reason=exc.orig))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
