"""The Korean translation uses one term per English term, the glossary's, in both catalogues.

Two people translated the book (gettext) and the interface (Qt) at once and chose different
words for the same thing (브리핑북 and 협상 자료집, 기한 and 시한); a Korean reader of both
then meets two names for one thing. ``resources/locale/glossary.md`` gives one Korean term
for each English one; these tests read it and fail when a message that uses an English term
is translated in either catalogue without that term's Korean.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from briefing.store.server.refusals import APPEND_ONLY, HIDDEN_DEPENDANTS

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "resources" / "locale" / "glossary.md"
PO = ROOT / "resources" / "locale" / "ko" / "LC_MESSAGES" / "briefing.po"
TS = ROOT / "resources" / "i18n" / "briefing_ko.ts"

# Sources where a glossary word is used in its everyday sense, not as the term; each says
# which sense. Keep this short: a new entry here is a question for the glossary first.
OTHER_SENSES: dict[str, frozenset[str]] = {
    # "ask" the chip kind (요구), not "ask someone" (문의하다).
    "ask": frozenset(
        {
            "name the database on the server (ask your IT department)",
            "For staff: ticked for the highest level, tick it to ask for it",
            "do not ask for a confirmation",
            "a password does not belong in the server's address, where others can see it; "
            "leave it out and Briefing asks for it (or use libpq's password file)",
            "only an administrator can back up the server at {server}: user {user} cannot "
            "read every row; ask your administrator",
            "only an administrator can back up the server at {server}: user you cannot "
            "read every row; ask your administrator",
            HIDDEN_DEPENDANTS,
        }
    ),
    # "checks" the verb (a TLS connection verifies a certificate), not the Checks page's 점검.
    "check": frozenset(
        {
            "Briefing connects to the server at {host} only over TLS that checks the server's "
            "certificate: add ?sslmode=verify-full to the address (or set {opt_out}=1 if your "
            "IT department says this network is safe)"
        }
    ),
    # "held" the event status (개최), not a chip "held by" a party or an office "held".
    "held": frozenset({"Held by", "For {event}, {date}; offices as held that day."}),
    # "event" in the audit trail (a thing recorded as done), not a dossier's 일정.
    "event": frozenset(
        {
            "no events",
            "no events since {since}",
            "only events on or after DATE (UTC)",
            APPEND_ONLY,
        }
    ),
    # "people" as the server's users (사용자), not the dossier's persons (인물).
    "people": frozenset(
        {
            "add people with: briefing server user add NAME --clearance LEVEL --db URL",
            "people's logins and clearances",
        }
    ),
    # "value" in argparse's own words (an argument's value), not a chip's 규모.
    "value": frozenset({"invalid choice: %(value)r (choose from %(choices)s)"}),
    # "backups", "sync", "dossier" inside a command's name, said as typed.
    "backup": frozenset({"a name from `briefing db backups`"}),
    "sync": frozenset(
        {
            "a team server takes changes from travel copies (briefing travel sync), not from "
            "dossier files; merge the file into a laptop's database"
        }
    ),
    "dossier": frozenset(
        {
            "edits {id} passed on hold no record they could be taken into; drop them with "
            "`briefing dossier settle-raised {id} --theirs`. Nothing was changed"
        }
    ),
    # "book" as one bound set of pages (한 권), not the briefing book as a product.
    "book": frozenset({"{name} was printed as one book, not in numbered copies"}),
    # "records" the verb (keeps), not a dossier's 항목.
    "record": frozenset({"{location} is not a travel copy (it records no base)"}),
}


@dataclass(frozen=True)
class Term:
    """One English term, the other English wordings of it, and its accepted Korean forms."""

    english: tuple[str, ...]
    korean: tuple[str, ...]

    def spans(self, source: str) -> Iterator[tuple[int, int]]:
        """Where the source uses the term as a word (any case, with a plural "s")."""
        for word in self.english:
            pattern = rf"(?<![\w-]){re.escape(word)}(?:s|es)?(?![\w-])"
            for found in re.finditer(pattern, source, re.IGNORECASE):
                yield found.span()


def _words(cell: str) -> tuple[str, ...]:
    """The "; "-separated wordings of one term, without their bracketed explanations."""
    return tuple(re.sub(r"\s*\([^)]*\)", "", word).strip() for word in cell.split("; "))


def glossary(text: str) -> Iterator[Term]:
    """The terms of the glossary's table: a row's " / "-separated English terms are given
    by its Korean column in the same order."""
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if not line.startswith("| ") or cells[0] in ("English", "---"):
            continue
        english, korean = cells[0].split(" / "), cells[1].split(" / ")
        assert len(english) == len(korean), f"the glossary row {line!r} pairs unevenly"
        for words, forms in zip(english, korean, strict=True):
            if _words(words) != _words(forms):  # a term written the same way, as D-day
                yield Term(_words(words), _words(forms))


def plain(source: str) -> str:
    """The words of a source message: no placeholders, markup or access-key ampersands."""
    return re.sub(r"\{[^}]*\}|<[^>]*>|&(?=\w)", " ", source)


def interface() -> Iterator[tuple[str, list[str]]]:
    """(source, its translations) in the interface's catalogue; a plural has several."""
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")]
        yield message.findtext("source") or "", forms or [translation.text or ""]


def book() -> Iterator[tuple[str, list[str]]]:
    """(source, its translations) in the book's catalogue; a plural is both its ids."""
    with PO.open("rb") as source:
        for message in read_po(source, locale="ko"):
            if not message.id:
                continue
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            strings = [message.string] if isinstance(message.string, str) else message.string or ()
            yield " ".join(ids), [str(text) for text in strings]


def used(terms: list[Term], source: str) -> list[Term]:
    """The terms a source uses, but not one used only inside a longer one ("delegation" in
    "head of delegation", "book" in "briefing book") or in another sense (OTHER_SENSES)."""
    words = plain(source)
    spans = [(span, term) for term in terms for span in term.spans(words)]
    alone = {
        term
        for (start, end), term in spans
        if not any(
            outer_start <= start and end <= outer_end and outer_end - outer_start > end - start
            for (outer_start, outer_end), _ in spans
        )
    }
    return [
        term
        for term in terms
        if term in alone and not any(source in OTHER_SENSES.get(word, ()) for word in term.english)
    ]


def misses(terms: Iterable[Term], messages: Iterable[tuple[str, list[str]]]) -> list[str]:
    """Each translation that lacks the Korean of a term its source uses, as a line to read."""
    terms = list(terms)
    found = []
    for source, translations in messages:
        for term in used(terms, source):
            for translation in translations:
                if not any(form in translation for form in term.korean):
                    found.append(f"{source!r} → {translation!r} lacks {' or '.join(term.korean)}")
    return found


def test_the_glossary_gives_one_korean_term_per_english_term() -> None:
    terms = list(glossary(GLOSSARY.read_text(encoding="utf-8")))
    assert len(terms) > 60  # the table was read
    english = [word.lower() for term in terms for word in term.english]
    assert sorted({w for w in english if english.count(w) > 1}) == []


def test_the_interface_uses_the_glossarys_terms() -> None:
    terms = glossary(GLOSSARY.read_text(encoding="utf-8"))
    assert misses(terms, interface()) == []


def test_the_book_uses_the_glossarys_terms() -> None:
    terms = glossary(GLOSSARY.read_text(encoding="utf-8"))
    assert misses(terms, book()) == []


def test_a_translation_with_another_term_is_named() -> None:
    """The check itself: a message translated with a term the glossary did not choose is
    reported, whether the source writes the term in capitals, plural or behind an access key."""
    table = "| English | 한국어 | Note |\n| --- | --- | --- |\n| deadline | 시한 | |\n"
    messages = [
        ("Next &deadlines", ["다가오는 기한"]),
        ("Deadline", ["시한"]),
        ("{deadline} passed", ["지났습니다"]),  # a placeholder's name is not the word
    ]
    assert misses(glossary(table), messages) == ["'Next &deadlines' → '다가오는 기한' lacks 시한"]
