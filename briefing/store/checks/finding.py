"""What a check reports: a finding, its severity, and the id of the dossier's own text.

Kept apart from the checks so the window, which lists findings, loads none of them.

A finding is kept as what it says in the source language, a template marked for the
catalogue (``N_``), and the arguments that fill it (JSON), not as finished text: the
same stored findings are then shown in whatever language is on screen or in the book.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass

from briefing.errors import Phrase
from briefing.i18n import N_


class Severity(enum.IntEnum):
    NOTE = 1
    WARNING = 2
    PROBLEM = 3

    @property
    def label(self) -> str:
        """The severity's name in English; :data:`SEVERITY_LABELS` marks them for the
        catalogue, the Checks page's ``QT_TRANSLATE_NOOP`` for the interface's."""
        return self.name.capitalize()


SEVERITY_LABELS = (N_("Note"), N_("Warning"), N_("Problem"))


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to look at, pointing at the record a reviewer should open.

    ``level`` is the highest level of everything the finding names (its record's name, a
    person placed at an event, a source quoted): what its line must be marked and
    filtered by, since a finding can say more than its record does.
    """

    check: str
    severity: Severity
    record_id: int
    record_uid: str
    record_kind: str
    record_name: str
    template: str
    level: int
    arguments: str = ""
    """The template's arguments as a JSON object (``""`` when it has none): the names,
    dates and titles the finding quotes, which are the dossier's and never translated."""

    def said(self, gettext: Callable[[str], str]) -> str:
        """What the finding says, in the language of ``gettext`` (a translator's)."""
        return said(self.template, self.arguments, gettext)

    @property
    def message(self) -> str:
        """What the finding says in English, the language its templates are written in."""
        return said(self.template, self.arguments, str)


def arguments(**values: object) -> str:
    """A template's arguments as stored: JSON, each value as text, letters kept as they
    are (a search for a name must find it); an argument that is itself a
    :class:`~briefing.errors.Phrase` (a kind's name) is kept as its template and
    arguments, so it too is said in the language it is shown in."""
    return _encode({k: _stored(v) for k, v in values.items()})


def _stored(value: object) -> object:
    if isinstance(value, Phrase):
        nested = {k: _stored(v) for k, v in value.arguments.items()}
        return {"message": value.template, "arguments": nested}
    return str(value)


_encode = json.JSONEncoder(ensure_ascii=False).encode
"""One encoder for every finding: ``json.dumps`` with an option builds a new one each call,
which cost the checks a second on a ministry's dossier."""


def stored_phrase(template: str, stored: str) -> Phrase:
    """The phrase kept as ``template`` and its :func:`arguments`."""
    return _phrase(template, json.loads(stored) if stored else {})


def _phrase(template: str, values: dict[str, object]) -> Phrase:
    return Phrase(
        template,
        **{
            name: _phrase(value["message"], value["arguments"])
            if isinstance(value, dict)
            else value
            for name, value in values.items()
        },
    )


def said(template: str, stored: str, gettext: Callable[[str], str]) -> str:
    """``template`` translated by ``gettext`` and filled with the ``stored`` arguments."""
    if not stored:
        return gettext(template)
    values = json.loads(stored)
    if any(isinstance(value, dict) for value in values.values()):
        return _phrase(template, values).said(gettext)
    return gettext(template).format_map(values)  # a finding's: no phrase among them


THE_DOSSIER = 0
"""The record id of a finding on the dossier's own text: no record has it; opening the
finding opens the Overview, where the dossier's text is."""
