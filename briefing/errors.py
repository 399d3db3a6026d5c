"""Errors a user can act on: the CLI prints them as one line, the GUI in a dialog."""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it)
    """Marks ``message`` for the catalogue where it is defined; it is translated where it
    is printed, in the language asked for there. Here, below every layer, so that the
    lowest helpers (files) mark their refusals too; :mod:`briefing.i18n` offers it on."""
    return message


class Phrase:
    """Part of a refusal said in the reader's language as the refusal is: a marked message
    and its arguments, given as one argument of the refusal (say, the backups hint after
    why a database will not open). ``str()`` is the English."""

    def __init__(self, message: str, /, **arguments: object) -> None:
        self.template = message
        self.arguments = arguments

    def said(self, gettext: Callable[[str], str]) -> str:
        return gettext(self.template).format(**_said(self.arguments, gettext))

    def __str__(self) -> str:
        return self.said(str)


def _said(arguments: dict[str, object], gettext: Callable[[str], str]) -> dict[str, object]:
    return {
        name: value.said(gettext) if isinstance(value, Phrase) else value
        for name, value in arguments.items()
    }


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
        return text.format(**_said(self.arguments, gettext)) if self.arguments else text


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
    """An exchange file was rejected; the database has not been changed.

    Its ``reason`` is marked for the catalogue as any refusal's message is, with the
    ``arguments`` that fill it; the line and the place in the file follow it, said in the
    reader's language too."""

    def __init__(
        self,
        reason: str | Phrase,
        /,
        *,
        where: str = "",
        line: int | None = None,
        **arguments: object,
    ) -> None:
        if isinstance(reason, Phrase):
            arguments = {**reason.arguments, **arguments}
            reason = reason.template
        self.reason = reason.format(**_said(arguments, str)) if arguments else reason
        self.where = where
        self.line = line
        super().__init__(reason, **arguments)
        self.args = (self._located(self.reason, str),)

    def _located(self, reason: str, gettext: Callable[[str], str]) -> str:
        parts = [
            gettext(N_("line {line}")).format(line=self.line) if self.line else "",
            gettext(N_("at {where}")).format(where=self.where) if self.where else "",
        ]
        location = ", ".join(part for part in parts if part)
        return f"{reason} ({location})" if location else reason

    def said(self, gettext: Callable[[str], str]) -> str:
        return self._located(super().said(gettext), gettext)


def os_reason(exc: OSError) -> str:
    """Why the system refused, in its own words ("Permission denied"), never "[Errno 13] …"."""
    return exc.strerror or type(exc).__name__


class NotSaved(BriefingError):
    """The database refused a change: it breaks one of its rules, or names a record that
    another window has deleted meanwhile. Nothing of the change was kept."""
