"""Names made of other records' names: "Brief: EVENT", "PARTY delegation – EVENT".

A meeting brief and a delegation without a name of its own are called after their event
and party. The registry's SQL composes those names once, in English, for the lists, the
search index and the checks (``title_sql``); :meth:`Record.display_name` composes the same
from objects. Both take their words from the messages here, and :func:`reworded` says a
composed name again in another language, so the Korean window and a Korean book call a
brief "회담 자료: EVENT" wherever the name was composed.
"""

from __future__ import annotations

from briefing.i18n import DEFAULT_LANGUAGE, N_, translator

BRIEF = N_("Brief: {event}")
"""A meeting brief's name, after its event."""
DELEGATION = N_("{party} delegation")
"""A delegation's name, after its party, when it has none of its own."""
AT_EVENT = " – "
"""Between a delegation's party and its event: "Korea delegation – Talks"."""


def around(message: str, placeholder: str) -> tuple[str, str]:
    """The words of ``message`` before and after its one ``{placeholder}``."""
    before, after = message.split("{" + placeholder + "}")
    return before, after


def brief_name(event: str, language: str = DEFAULT_LANGUAGE) -> str:
    return translator(language).gettext(BRIEF).format(event=event)


def delegation_name(party: str, event: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    named = translator(language).gettext(DELEGATION).format(party=party)
    return named + (AT_EVENT + event if event else "")


def _inside(text: str, message: str, placeholder: str) -> str | None:
    """What stands for ``placeholder`` in ``text`` written by English ``message``, or None
    when ``text`` is not written so."""
    before, after = around(message, placeholder)
    if len(text) >= len(before) + len(after) and text.startswith(before) and text.endswith(after):
        return text[len(before) : len(text) - len(after)]
    return None


def reworded(kind: str, name: str, language: str) -> str:
    """``name``, a record's name as the registry composed it in English, in ``language``.

    Names that are not composed (every other kind's, a delegation's own) stay as they are;
    a delegation's own name that reads like a composed one ("Korea delegation") is said
    again the same way, which means what it meant. A party that already says it is a
    delegation ("EU Delegation delegation", "대한민국 대표단 delegation") is not given the
    word a second time: it is said as the party alone.
    """
    if language == DEFAULT_LANGUAGE:
        return name
    if kind == "meeting_brief":
        event = _inside(name, BRIEF, "event")
        return name if event is None else brief_name(event, language)
    if kind == "delegation":
        side, _, event = name.partition(AT_EVENT)
        party = _inside(side, DELEGATION, "party")
        if party is None:
            return name
        if _says_delegation(party, language):
            return party + (AT_EVENT + event if event else "")
        return delegation_name(party, event or None, language)
    return name


def _says_delegation(party: str, language: str) -> bool:
    """Whether ``party`` ends in the word a delegation's composed name adds, in English
    or in ``language`` ("… Delegation", "… 대표단"), whatever its case."""
    words = {DELEGATION, translator(language).gettext(DELEGATION)}
    return any(
        party.casefold().endswith(around(message, "party")[1].casefold()) for message in words
    )
