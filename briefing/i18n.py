"""Translations for what must not import Qt: the book, and later the CLI and the store.

One gettext domain (``briefing``) and one catalogue per language, under
``resources/locale/<code>/LC_MESSAGES/briefing.mo``, compiled from the ``.po`` beside it
(README, "Translations"). The interface's own strings go through Qt (``tr()``); everything
else asks :func:`translator` here, so a message is translated once, in one catalogue.

A language is chosen per use (a book is printed in the export's language whatever the
interface's), so nothing here is global: callers hold the translator they were given.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from briefing.assets import resource
from briefing.errors import N_ as N_  # offered on: every layer marks its messages here
from briefing.errors import BriefingError

DOMAIN = "briefing"
"""The one gettext domain: book, CLI and store messages share a catalogue."""

LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어"}
"""The languages there is a catalogue for, by code, each named in itself. English is the
source language: its "catalogue" is the messages as written."""

DEFAULT_LANGUAGE = "en"


class UnknownLanguage(BriefingError):
    """A language code no catalogue exists for."""


def checked_language(code: str) -> str:
    """``code`` if it is one of :data:`LANGUAGES`, else an error naming the choices."""
    if code not in LANGUAGES:
        choices = ", ".join(LANGUAGES)
        raise UnknownLanguage(
            N_("unknown language {code!r}; choose one of: {choices}"), code=code, choices=choices
        )
    return code


def locale_dir() -> Path:
    return resource("locale")


@cache
def translator(code: str) -> gettext.NullTranslations:
    """The translations into ``code``; for English, the messages as written.

    A missing catalogue for a known language is an installation fault and raises
    (``OSError``), rather than printing a book silently in English.
    """
    code = checked_language(code)
    if code == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, locale_dir(), languages=[code])


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where gettext looks for the user's language, in its order: the first one set decides."""


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for (``ko_KR.UTF-8`` → ``ko``) if there is a catalogue
    for it, else English: the command line's language when ``--language`` gives none."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if not value:
            continue
        for wanted in value.split(":"):  # LANGUAGE is a list, best first
            code = wanted.split(".")[0].split("@")[0].split("_")[0]
            if code in LANGUAGES:
                return code
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE
