"""The gettext catalogue: compiled from its source, complete for what the book prints.

The app reads the committed ``.mo`` with the standard library; these tests fail when it
lags its ``.po`` (someone edited a translation and did not compile) or when the code
prints a message the catalogue lacks (someone added words and did not update it), so a
Korean book cannot silently print English. README, "Translations", says how to fix either.
"""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from briefing.book.vocabulary import LABELS
from briefing.domain.enums import (
    CREDIBILITY_LABELS,
    ChipKind,
    ChipStatus,
    EventKind,
    EventStatus,
    Likelihood,
    PointKind,
    Reliability,
    Stance,
)
from briefing.domain.formats import disputed
from briefing.i18n import DOMAIN, LANGUAGES, UnknownLanguage, checked_language, translator

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def catalogue(code: str) -> Catalog:
    with (LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        return read_po(source, locale=code)


def extracted() -> set[str]:
    """Every message id the code marks, found as ``pybabel extract`` finds them with the
    committed mapping (resources/locale/babel.cfg)."""
    method_map = [("briefing/ui/**", "ignore"), ("briefing/**.py", "python")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_mapping_file_is_what_the_test_extracts_with() -> None:
    text = (LOCALE / "babel.cfg").read_text(encoding="utf-8")
    assert "[ignore: briefing/ui/**]" in text and "[python: briefing/**.py]" in text


@pytest.mark.parametrize("code", TRANSLATED)
def test_compiled_catalogue_is_current_with_its_source(code: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(code))
    committed = (LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    assert committed == compiled.getvalue(), (
        f"{code}'s .mo is not compiled from its .po: run pybabel compile (README, Translations)"
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_the_code_marks_is_translated(code: str) -> None:
    messages = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue(code) if m.id}
    marked = extracted()
    assert any(m.startswith("Scene-setter") for m in marked)  # the extraction found the book
    missing = sorted(m for m in marked if m not in messages)
    assert not missing, f"not in the {code} catalogue (pybabel extract, update): {missing}"
    untranslated = sorted(
        m
        for m in marked
        if messages[m].fuzzy
        or not all(
            messages[m].string if isinstance(messages[m].string, tuple) else [messages[m].string]
        )
    )
    assert not untranslated, f"untranslated or fuzzy in {code}: {untranslated}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_their_placeholders(code: str) -> None:
    """A translation that drops or misspells "{number}" would raise as the book is printed."""
    fields = string.Formatter()

    def names(text: str) -> set[str]:
        return {name for _, name, _, _ in fields.parse(text) if name}

    for message in catalogue(code):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for translated in strings:
            assert names(translated) == names(ids[-1]), message.id


def test_every_label_the_book_prints_is_in_its_vocabulary() -> None:
    """Labels are made from the enums' values, not written in the book, so extraction
    finds them only through briefing.book.vocabulary: a new member must be added there."""
    printed = {
        member.label
        for kind in (
            EventKind,
            EventStatus,
            ChipKind,
            ChipStatus,
            Likelihood,
            Stance,
            PointKind,
            Reliability,
        )
        for member in kind
    }
    printed |= set(CREDIBILITY_LABELS.values()) | {disputed("chip"), disputed("event")}
    assert printed <= set(LABELS), sorted(printed - set(LABELS))


def test_translator_gives_korean_and_english_as_written() -> None:
    assert translator("ko").gettext("Bargaining chips") == "협상 카드"
    assert translator("en").gettext("Bargaining chips") == "Bargaining chips"
    assert translator("ko").ngettext("{n} record", "{n} records", 3) == "{n}건"


def test_an_unknown_language_names_the_choices() -> None:
    with pytest.raises(
        UnknownLanguage, match=re.escape("unknown language 'fr'; choose one of: en, ko")
    ):
        checked_language("fr")
