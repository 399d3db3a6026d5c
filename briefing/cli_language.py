"""The command line's language: what ``--language`` or the locale asks for, and argparse's
own words in it (see :mod:`briefing.cli`)."""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Mapping, Sequence

from briefing.i18n import LANGUAGES, N_, environment_language, translator

_words: gettext.NullTranslations = translator("en")


def _(message: str) -> str:
    """``message`` in the command line's language (see :func:`speak`)."""
    return _words.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` of a message, in the command line's language."""
    return _words.ngettext(singular, plural, n)


def speak(code: str) -> None:
    """Make ``code`` the language of this run's messages, argparse's included.

    argparse words its usage and errors through its module's own ``_`` and ``ngettext``
    (the standard library's, domain "messages", which has no catalogue): pointing them at
    ours is how "usage:" and "the following arguments are required" are translated; the
    catalogue holds argparse's messages as :data:`ARGPARSE_WORDS` lists them.
    """
    global _words
    _words = translator(code)
    argparse._ = _words.gettext  # type: ignore[attr-defined]
    argparse.ngettext = _words.ngettext  # type: ignore[attr-defined]


ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)
"""argparse's messages a user meets, for the catalogue (argparse asks for them by these
ids; one missing from the catalogue is printed in English)."""


def cli_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The top-level ``--language`` in ``argv`` (before the command: ``export --language``
    is the book's), else the locale's language, else English."""
    options_with_values = {"--db", "--language"}
    tokens = iter(argv)
    for token in tokens:
        if token.startswith("--language="):
            value: str | None = token.partition("=")[2]
        elif token == "--language":
            value = next(tokens, None)
        elif token in options_with_values:
            next(tokens, None)
            continue
        elif token.startswith("-"):
            continue
        else:
            break
        if value in LANGUAGES:
            return value
        break
    return environment_language(environ)
