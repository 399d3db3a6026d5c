"""A generated dossier as plain data, its markers, and the level each marker must have.

A :class:`Plan` is what the Hypothesis strategy (``strategy.py``) draws and what
``build.py`` writes through the ORM. Every text it holds starts with a marker: ``mk``
and six letters or digits, unique in the run, so a marker found in any output names
exactly one field of one record (or one alias, sector, role, citation or id).

:func:`expected_levels` says, for every marker, the level an audience needs to see it.
It is computed here from the plan alone, by the rules of issue 11, and never by the
store's own functions, so the store cannot grade its own work:

* a record's effective level is its own, raised to its parents' effective levels
  (brief → event; delegation → event and party; talking point → its subject;
  appointment → person);
* a protected field's level is its own (when it has one), never below its record's;
* a citation's level is its own, never below its record's or its source's;
* aliases, sectors, member roles and the record's id carry the record's level;
* the dossier's title (and slug) are at the lowest level; its subtitle and
  scene-setter at their own level when set, else at the dossier's default.

Lists inside a record (participants, members, linked events, sectors, aliases) drop
the entries an audience may not see and never raise their container: a person's name
keeps the person's level wherever it is listed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from tests.kinds import TEXT_FIELDS

LEVEL_NAMES = ("Public", "Internal", "Confidential", "Restricted")
MARKINGS = ("P", "I", "C", "R")
AUDIENCES = range(len(LEVEL_NAMES))
TODAY = dt.date(2025, 5, 1)

PROTECTED: dict[str, tuple[str, ...]] = {
    "party": ("notes",),
    "organization": ("notes",),
    "person": ("notes",),
    "appointment": ("notes",),
    "event": ("notes",),
    "delegation": ("notes",),
    "meeting_brief": (
        "notes",
        "our_objectives",
        "our_objectives_ko",
        "their_objectives",
        "their_objectives_ko",
        "desired_outcome",
        "desired_outcome_ko",
    ),
    "bargaining_chip": (
        "notes",
        "value_amount",
        "value_currency",
        "value_note",
        "our_target",
        "our_minimum",
        "their_position",
    ),
    "talking_point": ("notes",),
    "source": ("notes",),
}
"""The columns that may carry a level of their own (issue 11, item 2), per kind."""

VALUE = ("value_amount", "value_currency", "value_note")
"""A chip's value: protected as one, at one level (``fields.GROUPS``)."""

GROUPED = (
    VALUE,
    ("desired_outcome", "desired_outcome_ko"),
    ("our_objectives", "our_objectives_ko"),
    ("their_objectives", "their_objectives_ko"),
)
"""Columns protected as one (``fields.GROUPS``): a chip's value, and each protected
bilingual text with its Korean (issue 18), whose level is its English's."""

KINDS = tuple(TEXT_FIELDS)
"""Every kind; each free-text column of a record gets a marker (a delegation's name only
sometimes, since an unnamed one is labelled from its party and event)."""

FILLER = (
    "tariff",
    "quota",
    "investment",
    "steel",
    "battery",
    "package",
    "framework",
    "exemption",
    "supply",
    "energy",
    "pipeline",
    "consultation",
    "proposal",
    "position",
    "concession",
    "review",
    "market",
    "access",
    "subsidy",
    "standard",
    "agreement",
    "timetable",
    "technical",
    "partner",
    "security",
    "export",
    "duty",
    "relief",
    "balance",
)
"""Words after a marker, so texts read as text and snippets have context. None holds
"mk", so no filler can complete or imitate a marker."""

# ------------------------------------------------------------------ markers

_MARKER_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
_SPACE = len(_MARKER_LETTERS) ** 6
_STEP = 1_524_157_877
"""Coprime with 36**6: consecutive numbers give markers that share no obvious prefix."""
_numbers = itertools.count(1)
MARKER_LENGTH = 8


def new_marker() -> str:
    """``mk`` and six letters or digits, unique in this process (36**6 of them)."""
    number = next(_numbers) * _STEP % _SPACE
    digits = []
    for _ in range(6):
        number, digit = divmod(number, len(_MARKER_LETTERS))
        digits.append(_MARKER_LETTERS[digit])
    return "mk" + "".join(digits)


_amounts = itertools.count(0)


def new_amount() -> int:
    """A chip's value in whole units, unique in the run, below a million.

    Amounts under a million print digit for digit with thousands separators ("734,219")
    in the book and the GUI alike, so the figure works as a marker of its own.
    """
    return 100_003 + next(_amounts) * 7_919 % 899_000


_currencies = itertools.count(0)
_CURRENCY_LETTERS = "JQXZ"


def new_currency() -> str:
    """A three-letter currency made of J, Q, X, Z: in no word the app or a marker prints."""
    n = next(_currencies) % len(_CURRENCY_LETTERS) ** 3
    letters = []
    for _ in range(3):
        n, digit = divmod(n, len(_CURRENCY_LETTERS))
        letters.append(_CURRENCY_LETTERS[digit])
    return "".join(letters)


# ------------------------------------------------------------------ the plan


@dataclass(eq=False)
class Cite:
    """A citation of ``source`` by the record holding it; excerpt and locator are markers."""

    source: Rec
    level: int
    stance: str
    credibility: int
    excerpt: str
    locator: str


@dataclass(eq=False)
class Member:
    person: Rec
    role: str
    head: bool


@dataclass(eq=False)
class Rec:
    """One record to create. Links point at other records of the same plan.

    Attributes:
        texts: column → value; every value starts with its marker.
        field_levels: protected columns given a level of their own (may be below the
            record's: the level that counts is never below it).
        values: non-text columns (dates, kinds, grades, amounts).
    """

    kind: str
    uid: str
    level: int
    texts: dict[str, str]
    field_levels: dict[str, int] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    cites: list[Cite] = field(default_factory=list)
    party: Rec | None = None
    organization: Rec | None = None
    person: Rec | None = None
    event: Rec | None = None
    subject: Rec | None = None
    owner: Rec | None = None
    participants: list[Rec] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    events: list[Rec] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<{self.kind} {self.uid} L{self.level}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Hypothesis prints a failing example with this: one record, one line."""
        printer.text(repr(self))

    def parents(self) -> list[Rec]:
        """The records whose level this one may never be below (issue 11, item 1)."""
        match self.kind:
            case "meeting_brief":
                return [self.event] if self.event else []
            case "delegation":
                return [r for r in (self.event, self.party) if r is not None]
            case "talking_point":
                return [self.subject] if self.subject else []
            case "appointment":
                return [self.person] if self.person else []
        return []

    def marker(self, column: str) -> str:
        return marker_of(self.texts[column])


def marker_of(text: str) -> str:
    return text[:MARKER_LENGTH]


@dataclass(eq=False)
class Plan:
    """A whole dossier: its own fields and its records in creation order."""

    slug: str
    title: str
    subtitle: str
    scene_setter: str
    default_handling: int
    subtitle_handling: int | None
    scene_handling: int | None
    prepared_for: Rec | None
    records: list[Rec]

    def of(self, kind: str) -> list[Rec]:
        return [r for r in self.records if r.kind == kind]

    def __repr__(self) -> str:
        counts = ", ".join(f"{kind} {n}" for kind in KINDS if (n := len(self.of(kind))))
        return f"Plan({self.slug}: {counts})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Hypothesis prints a failing example with this; the report has the details."""
        printer.text(repr(self))

    def describe(self) -> str:
        """Every record with its own and effective level and its links, for a report."""
        levels = Levels(self)
        lines = [
            f"dossier {self.slug}: default L{self.default_handling}, subtitle "
            f"L{self.subtitle_handling}, scene L{self.scene_handling}, prepared for "
            f"{self.prepared_for!r}"
        ]
        for r in self.records:
            links = {
                name: getattr(r, name)
                for name in ("party", "organization", "person", "event", "subject", "owner")
                if getattr(r, name) is not None
            }
            extra = f" fields {r.field_levels}" if r.field_levels else ""
            cites = [f"{c.source.uid}@L{c.level}" for c in r.cites]
            if r.members:
                extra += f" members {[m.person for m in r.members]}"
            if r.participants:
                extra += f" participants {r.participants}"
            lines.append(
                f"  {r!r} (effective L{levels.record(r)}) {links or ''}{extra}"
                f"{' cites ' + str(cites) if cites else ''}"
            )
        return "\n".join(lines)


# ------------------------------------------------------------------ expectations


@dataclass(frozen=True)
class Marker:
    """One marker and what it is: the level needed to see it, and where it lives.

    ``field`` is a column, or ``uid``, ``alias``, ``sector``, ``role``, ``excerpt``,
    ``locator``; ``owner`` is the uid of the record holding it (the slug for the
    dossier's own fields).
    """

    text: str
    level: int
    kind: str
    field: str
    owner: str

    def describe(self) -> str:
        return f"{self.kind}.{self.field} of {self.owner} (level {LEVEL_NAMES[self.level]})"


class Levels:
    """Effective levels of a plan's records, memoised."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._memo: dict[int, int] = {}

    def record(self, rec: Rec) -> int:
        key = id(rec)
        if key not in self._memo:
            self._memo[key] = max([rec.level, *(self.record(p) for p in rec.parents())])
        return self._memo[key]

    def column(self, rec: Rec, column: str) -> int:
        own = rec.field_levels.get(column)
        floor = self.record(rec)
        return floor if own is None else max(own, floor)

    def cite(self, rec: Rec, cite: Cite) -> int:
        return max(cite.level, self.record(rec), self.record(cite.source))

    def subtitle(self) -> int:
        p = self.plan
        return p.default_handling if p.subtitle_handling is None else p.subtitle_handling

    def scene(self) -> int:
        p = self.plan
        return p.default_handling if p.scene_handling is None else p.scene_handling


def expected_levels(plan: Plan) -> dict[str, Marker]:
    """Every marker of the plan and the level an audience needs to see it."""
    levels = Levels(plan)
    found: dict[str, Marker] = {}

    def add(text: str, level: int, kind: str, name: str, owner: str) -> None:
        marker = marker_of(text)
        assert marker not in found, f"marker {marker} used twice"
        found[marker] = Marker(marker, level, kind, name, owner)

    add(plan.slug, 0, "dossier", "slug", plan.slug)
    add(plan.title, 0, "dossier", "title", plan.slug)
    add(plan.subtitle, levels.subtitle(), "dossier", "subtitle", plan.slug)
    add(plan.scene_setter, levels.scene(), "dossier", "scene_setter", plan.slug)
    for rec in plan.records:
        own = levels.record(rec)
        add(rec.uid, own, rec.kind, "uid", rec.uid)
        for column, text in rec.texts.items():
            if text:
                add(text, levels.column(rec, column), rec.kind, column, rec.uid)
        if rec.kind == "bargaining_chip" and "value_amount" in rec.values:
            amount = levels.column(rec, "value_amount")
            found[amount_text(rec)] = Marker(
                amount_text(rec), amount, rec.kind, "value_amount", rec.uid
            )
            currency = rec.values["value_currency"]
            found[currency] = Marker(
                currency, levels.column(rec, "value_currency"), rec.kind, "value_currency", rec.uid
            )
        for alias in rec.aliases:
            add(alias, own, rec.kind, "alias", rec.uid)
        for sector in rec.sectors:
            add(sector, own, rec.kind, "sector", rec.uid)
        for member in rec.members:
            add(member.role, own, rec.kind, "role", rec.uid)
        for cite in rec.cites:
            add(cite.excerpt, levels.cite(rec, cite), "citation", "excerpt", rec.uid)
            add(cite.locator, levels.cite(rec, cite), "citation", "locator", rec.uid)
    return found


def amount_text(rec: Rec) -> str:
    """How a chip's amount prints, in the book and the GUI alike: "734,219"."""
    return f"{rec.values['value_amount']:,}"
