"""What the server's own guards say when they refuse a login's change, marked for the
catalogue.

The guards are PL/pgSQL (:mod:`.policies`, :mod:`.roles`, migration 0008's audit trail)
and raise in English: a server has no reader's language. The client knows each of their
sentences, so a refusal it passes on (``briefing.store.db.database.refused_by_server``)
is said in the reader's language; one it does not know (a newer server's) is passed on as
the server said it.
"""

from __future__ import annotations

import re

from briefing.errors import N_, Phrase

HIDDEN_DEPENDANTS = N_(
    "it cannot be deleted: other content you are not cleared to see depends on it; "
    "ask someone cleared to see everything in it"
)
AS_PRINTED = N_("an edition is kept as printed: it is neither changed nor removed")
LOWERING = N_("only an administrator may lower a handling level")
FIELD_ABOVE = N_(
    "a field you changed is handled above your clearance; someone cleared for it must change it"
)
DEFAULT_LEVEL = N_(
    "only a login cleared to a dossier's default level before and after changes it, "
    "and only an administrator lowers it"
)
TEXT_STAYS = N_("a dossier's text stays with its dossier and kind")
LAST_ADMINISTRATOR = N_("the server must keep at least one administrator")
APPEND_ONLY = N_("the audit trail is append-only: its events cannot be changed or removed")
"""Migration 0008's trigger says it, followed by the operation refused: "(UPDATE refused)"."""

_KNOWN = frozenset(
    {
        HIDDEN_DEPENDANTS,
        AS_PRINTED,
        LOWERING,
        FIELD_ABOVE,
        DEFAULT_LEVEL,
        TEXT_STAYS,
        LAST_ADMINISTRATOR,
        APPEND_ONLY,
    }
)
_OPERATION = re.compile(r" \((INSERT|UPDATE|DELETE|TRUNCATE) refused\)$")


def sql_text(message: str) -> str:
    """``message`` as an SQL string literal, for a guard's RAISE."""
    return "'" + message.replace("'", "''") + "'"


def said(primary: str) -> Phrase | str:
    """The server's refusal, to be said in the reader's language when it is one of the
    guards' sentences; otherwise as the server wrote it."""
    message = _OPERATION.sub("", primary)
    return Phrase(message) if message in _KNOWN else primary
