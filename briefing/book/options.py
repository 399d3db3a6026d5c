"""What an export is asked to produce, and what it reports back.

Options are a frozen value so the GUI can keep the last choice, the CLI can build one
from flags, and an edition can record exactly what it was printed with.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from briefing.errors import BriefingError
from briefing.i18n import DEFAULT_LANGUAGE, N_, checked_language
from briefing.store.copies import checked_recipients

SECTION_TITLES: dict[str, str] = {
    "scene": N_("Scene-setter and key dates"),
    "programme": N_("Programme"),
    "meetings": N_("Meeting briefs"),
    "delegations": N_("Delegations"),
    "timeline": N_("Timeline"),
    "chips": N_("Bargaining chips"),
    "checks": N_("Open checks (annex)"),
    "sources": N_("Sources"),
    "aliases": N_("Aliases and acronyms"),
}
"""Every section a book can hold, in the order practitioners read them (titles in English:
a book prints them in its language, :mod:`briefing.book.language`)."""

ALL_SECTIONS: tuple[str, ...] = tuple(SECTION_TITLES)

STAFF_SECTIONS: tuple[str, ...] = ("checks",)
"""Sections for the staff who prepare the dossier: in a book by default only when its
audience is the highest level of the scale, otherwise only when asked for by name."""

Paper = Literal["a4", "letter"]


class BookCancelled(BriefingError):
    """The export was cancelled; any previous PDF at the target is untouched."""


@dataclass(frozen=True)
class BookOptions:
    """One export's choices.

    Attributes:
        audience: the handling rank of the readers; nothing above it appears anywhere.
        paper: "a4" or "letter".
        sections: which sections to include; they always print in the canonical order.
            None (the default) is every section a reader at the audience's level needs:
            all but :data:`STAFF_SECTIONS`, which only staff (the highest level) get.
        edition_note: a line for the cover ("Draft for the 2+2", …).
        deterministic: a fixed creation date and document id, so the same database and
            options give a byte-identical PDF and editions can be compared.
        today: the day it is: the edition is dated on it; None for the clock's.
        count_from_today: count days from ``today`` even when the dossier counts from
            its as-of date (``export --today``); otherwise the book counts as the
            dossier says (:meth:`briefing.domain.Dossier.reference_date`).
        draft: a trial print, not an edition: DRAFT on every page, no edition number
            anywhere, and nothing recorded, so the next edition keeps its number.
        changes: print a "Changed since edition N" section and change bars, against
            ``since`` or by default the latest edition printed for the same audience on
            the same paper (none before a first edition).
        since: the edition to compare with (``export --since N``); None for the default.
        copies: the recipients of numbered copies, one PDF each (``export --copies``);
            empty for an edition printed as one. A draft has none: it is not an edition,
            so it has no distribution to record.
        language: the language the book is printed in ("en", "ko"), whatever the
            interface's; a change section compares with an edition in the same language.
        cards: the principal's pocket cards instead of a book (``export --card``): a
            card per meeting on A6 (``paper`` "a4") or half-Letter ("letter") paper
            (:mod:`briefing.book.cards`); an edition of its own, never printed in
            numbered copies and never the edition a book's change section compares with.
    """

    audience: int
    paper: Paper = "a4"
    sections: tuple[str, ...] | None = None
    edition_note: str = ""
    deterministic: bool = True
    today: dt.date | None = None
    draft: bool = False
    count_from_today: bool = False
    changes: bool = True
    since: int | None = None
    copies: tuple[str, ...] = ()
    language: str = DEFAULT_LANGUAGE
    cards: bool = False

    def __post_init__(self) -> None:
        checked_language(self.language)
        if self.cards and self.copies:
            raise BriefingError(
                N_(
                    "pocket cards are printed as one set, not in numbered copies; leave out the "
                    "copies"
                )
            )
        if self.copies:
            if self.draft:
                raise BriefingError(
                    N_(
                        "a draft is not an edition and is printed in no numbered copies; "
                        "leave out the draft or the copies"
                    )
                )
            object.__setattr__(self, "copies", checked_recipients(self.copies))
        if self.sections is None:
            return
        if not self.sections:
            choices = ", ".join(ALL_SECTIONS)
            raise BriefingError(N_("no section chosen; choose from: {choices}"), choices=choices)
        unknown = [s for s in self.sections if s not in SECTION_TITLES]
        if unknown:
            choices = ", ".join(ALL_SECTIONS)
            raise BriefingError(
                N_("unknown section {section!r}; choose from: {choices}"),
                section=unknown[0],
                choices=choices,
            )
        if self.paper not in ("a4", "letter"):
            raise BriefingError(
                N_("unknown paper {paper!r}; choose a4 or letter"), paper=self.paper
            )

    @property
    def ordered_sections(self) -> tuple[str, ...]:
        """The chosen sections, each once, in the book's order (by default, a reader's:
        see :meth:`for_audience` for staff)."""
        chosen = self.sections
        if chosen is None:
            chosen = tuple(s for s in ALL_SECTIONS if s not in STAFF_SECTIONS)
        return tuple(s for s in ALL_SECTIONS if s in chosen)

    def for_audience(self, for_staff: bool) -> BookOptions:
        """These options with the sections settled: the default ones for an audience that
        is (``for_staff``) or is not the highest level of the scale; chosen ones as chosen."""
        if self.sections is not None:
            return self
        return replace(self, sections=ALL_SECTIONS if for_staff else self.ordered_sections)

    @property
    def day(self) -> dt.date:
        return self.today or dt.date.today()

    def to_json(self, audience_name: str) -> str:
        """What an Edition row records: enough to print the same book again."""
        return json.dumps(
            {
                "audience": audience_name,
                "paper": self.paper,
                "sections": list(self.ordered_sections),
                "edition_note": self.edition_note,
                "deterministic": self.deterministic,
                "today": self.day.isoformat(),
                "count_from_today": self.count_from_today,
                "since": self.since,
                "language": self.language,
                **({"copies": list(self.copies)} if self.copies else {}),
                **({"form": "cards"} if self.cards else {}),
            },
            sort_keys=True,
            ensure_ascii=False,
        )


@dataclass(frozen=True)
class ExportResult:
    """What an export produced.

    Attributes:
        path: the PDF, now in place.
        pages: its page count, read from the finished document.
        passes: how many times the book was laid out (one: page numbers that are only
            known at the end are filled in as PDF forms, see ``template``).
        edition: the edition number printed on it (recorded unless asked not to); None
            for a draft, which has none.
        content_hash: SHA-256 of what this audience sees of the dossier, so a later
            edition can tell whether anything changed.
        highest_level: the name of the highest handling level the book contains.
        since: the edition its change section compares with; None for no section.
    """

    path: Path
    pages: int
    passes: int
    edition: int | None
    content_hash: str
    highest_level: str
    recorded: bool = field(default=True)
    since: int | None = None
    copies: tuple[Path, ...] = ()
    """The numbered copies written, in order (``path`` is the first); empty for one book."""
