"""Where the command line's secrets come from (see :class:`Passphrases`)."""

from __future__ import annotations

import sys

from briefing.cli_language import _
from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.text import for_terminal

SECRETS = (N_("passphrase"), N_("password"))
"""What :meth:`Passphrases.ask` may ask for, named in its messages."""


class Passphrases:
    """Where secrets come from: stdin (one per line) or a hidden terminal prompt.

    Never from the command line, where other users and the shell history would see it.
    With ``--passphrase-stdin`` the secrets a command needs are read one per line, in the
    order it needs them: first what opens the database (a team server's password, when
    libpq's password and service files give none; or an encrypted file's passphrase),
    then the command's own (``db encrypt`` and ``travel out``: the new passphrase;
    ``db rekey``: the current one, then the new one). A server's password comes first
    because it is asked for before anything else happens; a secret nobody asks for is
    not read.
    """

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def ask(self, prompt: str, *, confirm: bool = False, secret: str = SECRETS[0]) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise BriefingError(N_("no {secret} on standard input"), secret=_(secret))
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise BriefingError(
                N_(
                    "a {secret} is needed: run in a terminal, or pipe it in with --passphrase-stdin"
                ),
                secret=_(secret),
            )
        import getpass

        first = getpass.getpass(f"{for_terminal(prompt)}: ")
        if confirm and getpass.getpass(_("Again, to confirm: ")) != first:
            raise BriefingError(N_("the two passphrases differ; nothing was changed"))
        return first
