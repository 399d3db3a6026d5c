"""Errors a user can act on: the CLI prints them as one line, the GUI in a dialog."""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it)
    """Marks ``message`` for the catalogue where it is defined; it is translated where it
    is printed, in the language asked for there. Here, below every layer, so that the
    lowest helpers (files) mark their refusals too; :mod:`briefing.i18n` offers it on."""
    return message


class BriefingError(Exception):
    """A problem caused by input or environment, never by a bug: shown, not traced.

    Raised with a message marked for the catalogue (``N_("no dossier {slug!r}")``) and
    the ``arguments`` that fill it, so that whoever shows it can say it in their language
    (:meth:`said`); ``str()`` is the English. A message built before raising is shown as
    it is, in English.
    """

    def __init__(self, message: str = "", /, **arguments: object) -> None:
        self.template = message
        self.arguments = arguments
        super().__init__(message.format(**arguments) if arguments else message)

    def said(self, gettext: Callable[[str], str]) -> str:
        """The message in the language of ``gettext`` (a translator's)."""
        if not self.template:
            return str(self)
        text = gettext(self.template)
        return text.format(**self.arguments) if self.arguments else text


class NotFound(BriefingError):
    pass


class DatabaseRefused(BriefingError):
    """The database cannot be opened safely; it has been left untouched."""


class DatabaseMissing(DatabaseRefused):
    """No database at the place named: only ``briefing db create`` makes one there."""


class PassphraseNeeded(DatabaseRefused):
    """The file looks encrypted: ask for its passphrase and try again."""


class WrongPassphrase(DatabaseRefused):
    """The passphrase given does not open the file; nothing was changed."""


class ImportRefused(BriefingError):
    """An exchange file was rejected; the database has not been changed."""

    def __init__(self, reason: str, *, where: str = "", line: int | None = None) -> None:
        self.reason = reason
        self.where = where
        self.line = line
        location = ", ".join(
            part
            for part in (f"line {line}" if line else "", f"at {where}" if where else "")
            if part
        )
        super().__init__(f"{reason} ({location})" if location else reason)


def os_reason(exc: OSError) -> str:
    """Why the system refused, in its own words ("Permission denied"), never "[Errno 13] …"."""
    return exc.strerror or type(exc).__name__


class NotSaved(BriefingError):
    """The database refused a change: it breaks one of its rules, or names a record that
    another window has deleted meanwhile. Nothing of the change was kept."""
