"""Which markers each channel must show: the positive half of the proof.

The negative half needs no table: a marker above the audience must appear nowhere, in
any channel. This half says, per channel, which fields that channel shows, so that a
filter that withholds too much (or everything) fails as surely as one that leaks.

A :class:`Need` is required at every audience at or above its ``level``: the marker's own
level raised by whatever else must be visible for the channel to show it (a member's
role is listed only beside a visible person). ``markers`` holds one marker, or several
of which any one will do (a person's card shows one office, whichever the day picks).

The tables below are the decision of what each channel shows; each says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from briefing.domain.enums import DatePrecision, EventKind, EventStatus
from briefing.domain.programme import TRAVEL_KINDS
from tests.clearance.plan import (
    Levels,
    Marker,
    Plan,
    Rec,
    amount_text,
    expected_levels,
    marker_of,
)
from tests.kinds import BILINGUAL_TEXT_FIELDS

GATHERINGS = (EventKind.MEETING, EventKind.CALL, EventKind.SUMMIT)
KOREAN = "_ko"
"""What a bilingual column's Korean text adds to its name."""


def _but_notes(kind: str) -> tuple[str, ...]:
    """Every text column of ``kind`` but its notes: what a brief or a chip card prints."""
    return tuple(name for name in BILINGUAL_TEXT_FIELDS[kind] if name != "notes")


@dataclass(frozen=True)
class Need:
    markers: tuple[str, ...]
    level: int
    why: str
    until: int = 99
    """The first audience that need not see it (a record named "uncited" only until the
    audience sees one of its citations)."""

    def at(self, audience: int) -> bool:
        return self.level <= audience < self.until


class Expect:
    """The requirements of every channel for one plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.levels = Levels(plan)
        self.markers: dict[str, Marker] = expected_levels(plan)

    # ------------------------------------------------------------ helpers

    def need(self, text: str, why: str, *also: int) -> Need:
        marker = self.markers[text[:8]] if text[:2] == "mk" else self.markers[text]
        return Need((marker.text,), max([marker.level, *also]), why)

    def column(self, rec: Rec, column: str, why: str, *also: int) -> Need | None:
        text = rec.texts.get(column, "")
        return self.need(text, why, *also) if text else None

    def columns(
        self, rec: Rec, names: Iterable[str], why: str, *, each_language: bool = False
    ) -> Iterator[Need]:
        """The markers of ``names``. A bilingual text shows in one language, the reader's
        where it has it (a Korean book's Korean, an English window's English), so its
        English and Korean are one need of which either will do; ``each_language`` asks
        for both (search finds a record by either)."""
        names = tuple(names)
        for name in names:
            english = name.removesuffix(KOREAN)
            if not each_language and english != name and english in names:
                continue  # judged with its English
            need = self.column(rec, name, f"{why}: {rec.kind}.{name}")
            twin = rec.texts.get(name + KOREAN, "") if name + KOREAN in names else ""
            if need is not None and twin and not each_language:
                other = self.need(twin, need.why)
                need = Need((*need.markers, *other.markers), max(need.level, other.level), need.why)
            if need is not None:
                yield need

    def level(self, rec: Rec | None) -> int:
        return self.levels.record(rec) if rec is not None else 0

    def display(self, rec: Rec, why: str) -> Iterator[Need]:
        """The markers of a record's name as lists, headings and findings show it."""
        own = self.level(rec)
        match rec.kind:
            case "meeting_brief":
                assert rec.event is not None
                yield self.need(rec.event.texts["title"], f"{why}: brief named after event", own)
            case "delegation" if not rec.texts["name"]:
                assert rec.party is not None
                yield self.need(rec.party.texts["name"], f"{why}: delegation's party", own)
                if rec.event is not None:
                    yield self.need(rec.event.texts["title"], f"{why}: delegation's event", own)
            case "delegation":
                yield self.need(rec.texts["name"], f"{why}: delegation name", own)
            case "talking_point":
                yield self.need(rec.texts["text"], f"{why}: talking point", own)
            case "party" | "organization" | "person":
                yield self.need(rec.texts["name"], f"{why}: name", own)
            case _:
                yield self.need(rec.texts["title"], f"{why}: title", own)

    def value(self, chip: Rec, why: str) -> Iterator[Need]:
        """A chip's amount, and its currency, which is printed only beside the amount."""
        if "value_amount" in chip.values:
            amount = self.need(amount_text(chip), f"{why}: amount")
            yield amount
            yield self.need(chip.values["value_currency"], f"{why}: currency", amount.level)

    def uncited(self, rec: Rec) -> tuple[int, int] | None:
        """The audiences at which ``rec`` is seen with no citation: (from, until).

        The "uncited" check names every record (but a source) none of whose citations
        the audience sees: from its own level up to its lowest citation's, exclusive.
        """
        if rec.kind == "source":
            return None
        own = self.level(rec)
        lowest = min((self.levels.cite(rec, c) for c in rec.cites), default=99)
        return (own, lowest) if lowest > own else None

    # ------------------------------------------------------------ the book

    def book_text(self) -> list[Need]:
        """What a book prints, read back as text (pdftotext -raw, pypdf).

        Cover: title, subtitle, prepared-for party. Scene: scene-setter, overall lines.
        Meetings (gatherings only): summary, outcome, time zone, the brief, talking points,
        attendees. Delegations: a card per person (name, native name, bio, an office, the
        role in a delegation). Timeline: every event's title and place. Chips: a card per
        chip with every field and its citations' excerpts and locators. Sources annex:
        title, publisher, author, language, address. Aliases annex: acronyms, and the other
        names of parties, organizations, people, events and chips.

        Never printed: notes, ids, a source's full text, citations of anything but a
        chip (printed as numbers), talking points about a deadline or other non-meeting.
        """
        p = self.plan
        out = [
            self.need(p.title, "cover: title"),
            self.need(p.subtitle, "cover: subtitle"),
            self.need(p.scene_setter, "scene-setter"),
        ]
        for rec in p.records:
            out += self._book_record(rec)
        return out

    def _book_record(self, rec: Rec) -> Iterator[Need]:
        own = self.level(rec)
        alias = [self.need(a, f"aliases annex: {rec.kind} alias") for a in rec.aliases]
        match rec.kind:
            case "party":
                yield from self.columns(rec, ("name",), "aliases annex")
                yield from alias
            case "organization":
                yield from self.columns(rec, ("name", "acronym"), "acronyms annex")
                yield from alias
            case "person":
                yield from self.columns(rec, ("name", "native_name", "bio"), "person card")
                yield from alias
                offices = [a for a in self.plan.of("appointment") if a.person is rec]
                open_ended = [self.level(a) for a in offices if a.values["end"] is None]
                if open_ended:
                    # The card shows the office held on its day: one of the visible ones.
                    yield Need(
                        tuple(a.marker("title") for a in offices),
                        min(open_ended),
                        "person card: an office",
                    )
            case "event":
                yield from self.columns(rec, ("title", "place"), "timeline table")
                yield from alias
                if rec.values["event_kind"] in GATHERINGS:
                    yield from self.columns(rec, ("summary", "outcome", "timezone"), "meeting")
            case "delegation":
                yield from self.columns(rec, ("name",), "delegation heading")
                for m in rec.members:
                    yield self.need(m.role, "delegation card: role", self.level(m.person))
            case "meeting_brief":
                yield from self.columns(rec, _but_notes(rec.kind), "meeting brief")
            case "bargaining_chip":
                yield from self.columns(rec, _but_notes(rec.kind), "chip card")
                yield from alias
                yield from (self.need(s, "chip card: sector") for s in rec.sectors)
                yield from self.value(rec, "chip card")
                for c in rec.cites:
                    yield self.need(c.excerpt, "chip card: cited excerpt")
                    yield self.need(c.locator, "chip card: cited locator")
            case "talking_point":
                subject = rec.subject
                if (
                    subject is None
                    or subject.kind == "bargaining_chip"
                    or (subject.values.get("event_kind") in GATHERINGS)
                ):
                    yield from self.columns(rec, ("text", "text_ko"), "talking point")
            case "source":
                yield from self.columns(
                    rec, ("title", "publisher", "author", "language", "address"), "sources annex"
                )
        del own

    def book_outline(self) -> list[Need]:
        """Outline (bookmarks): a heading per meeting, delegation and chip."""
        out = []
        for rec in self.plan.records:
            if rec.kind == "event" and rec.values["event_kind"] in GATHERINGS:
                out.append(self.need(rec.texts["title"], "outline: meeting"))
            elif rec.kind == "bargaining_chip":
                out.append(self.need(rec.texts["title"], "outline: chip"))
            elif rec.kind == "delegation" and rec.texts["name"]:
                out.append(self.need(rec.texts["name"], "outline: delegation"))
        return out

    def book_info(self) -> list[Need]:
        """The PDF's Info dictionary: the dossier's title (at the lowest level)."""
        return [self.need(self.plan.title, "PDF Info /Title")]

    def file_name(self) -> list[Need]:
        """The proposed file name: the dossier's slug (at the lowest level)."""
        return [self.need(self.plan.slug, "proposed file name: slug")]

    # ------------------------------------------------------------ checks

    def check_cli(self) -> list[Need]:
        """`briefing check`: the slug, and the id of every record the "uncited" check names."""
        out = [self.need(self.plan.slug, "check: the dossier's slug")]
        for rec in self.plan.records:
            span = self.uncited(rec)
            if span is not None:
                need = self.need(rec.uid, "check: uncited record's id", span[0])
                out.append(Need(need.markers, need.level, need.why, span[1]))
        return out

    def check_names(self, why: str) -> list[Need]:
        """Findings (the store's, the Checks page's): the name of every uncited record."""
        out = []
        for rec in self.plan.records:
            span = self.uncited(rec)
            if span is not None:
                out += [
                    Need(n.markers, max(n.level, span[0]), n.why, span[1])
                    for n in self.display(rec, f"{why}: uncited")
                ]
        return out

    # ------------------------------------------------------------ search

    SEARCHED: ClassVar[dict[str, tuple[str, ...]]] = {
        kind: tuple(n for n in names if n not in {"timezone", "address", "language"})
        for kind, names in BILINGUAL_TEXT_FIELDS.items()
    }
    """What search finds a record by: its name and texts, notes, aliases and sectors
    (not a time zone, an address, a language, an id, a role or a citation)."""

    def searched(self) -> list[tuple[Rec, Need]]:
        """Each searchable marker with its record: the record must be a hit, with the
        marker in its title or snippet, from the marker's level up."""
        out: list[tuple[Rec, Need]] = []
        for rec in self.plan.records:
            for need in self.columns(rec, self.SEARCHED[rec.kind], "search", each_language=True):
                out.append((rec, need))
            for text in [*rec.aliases, *rec.sectors]:
                out.append((rec, self.need(text, f"search: {rec.kind} alias or sector")))
        return out

    # ------------------------------------------------------------ GUI

    def overview(self) -> list[Need]:
        p = self.plan
        out = [
            self.need(p.title, "overview: title"),
            self.need(p.subtitle, "overview: subtitle"),
            self.need(p.scene_setter, "overview: scene-setter"),
        ]
        if p.prepared_for is not None:
            out.append(self.need(p.prepared_for.texts["name"], "overview: prepared for"))
        return out

    def lists(self) -> dict[str, list[Need]]:
        """The list pages: the columns each shows for every record it lists."""
        people: list[Need] = []
        timeline: list[Need] = []
        chips: list[Need] = []
        sources: list[Need] = []
        delegations: list[Need] = []
        for rec in self.plan.records:
            match rec.kind:
                case "person":
                    people += self.columns(rec, ("name", "native_name"), "people list")
                case "event":
                    timeline += self.columns(rec, ("title", "place"), "timeline list")
                case "bargaining_chip":
                    chips += self.columns(rec, ("title",), "chips list")
                    chips += (self.need(s, "chips list: sector") for s in rec.sectors)
                    chips += self.value(rec, "chips list")
                case "source":
                    sources += self.columns(rec, ("title", "publisher"), "sources list")
                case "delegation":
                    own = self.level(rec)
                    for m in rec.members:
                        person = m.person
                        also = (own, self.level(person))
                        delegations.append(self.need(m.role, "delegations tree: role", *also))
                        delegations.append(
                            self.need(person.texts["name"], "delegations tree: member", *also)
                        )
        return {
            "People": people,
            "Timeline": timeline,
            "Bargaining chips": chips,
            "Sources": sources,
            "Delegations": delegations,
            "Checks": self.check_names("Checks page"),
        }

    def details(self, rec: Rec) -> list[Need]:
        """The details pane of ``rec``: every field, its aliases, notes, the talking points
        about it and its citations (source title, locator, excerpt)."""
        own = self.level(rec)
        why = f"details of {rec.kind}"
        out = list(self.display(rec, why))
        skip = {"name", "title"} if rec.kind != "delegation" else set()
        if rec.kind == "talking_point":
            skip |= {"text", "text_ko"}
        out += self.columns(rec, [c for c in rec.texts if c not in skip], why)
        out += (self.need(a, f"{why}: alias") for a in rec.aliases)
        out += (self.need(s, f"{why}: sector") for s in rec.sectors)
        if rec.kind == "bargaining_chip":
            out += self.value(rec, why)
            out += (self.need(e.texts["title"], f"{why}: linked event") for e in rec.events)
        for m in rec.members:
            also = self.level(m.person)
            out.append(self.need(m.role, f"{why}: member's role", also))
            out.append(self.need(m.person.texts["name"], f"{why}: member", own))
        for p in rec.participants:
            out.append(self.need(p.texts["name"], f"{why}: participant", own))
        if rec.owner is not None:
            out.append(self.need(rec.owner.texts["name"], f"{why}: owner", own))
        if rec.kind == "person":
            for a in self.plan.of("appointment"):
                if a.person is rec:
                    out.append(self.need(a.texts["title"], f"{why}: appointment"))
        for point in self.plan.of("talking_point"):
            if point.subject is rec:
                out.append(self.need(point.texts["text"], f"{why}: talking point about it"))
        for c in rec.cites:
            level = self.levels.cite(rec, c)
            out.append(self.need(c.source.texts["title"], f"{why}: cited source", level))
            out.append(self.need(c.excerpt, f"{why}: citation excerpt"))
            out.append(self.need(c.locator, f"{why}: citation locator"))
        return [Need(n.markers, max(n.level, own), n.why) for n in out]

    def dossier_file(self) -> list[Need]:
        """An audience-filtered dossier file holds everything the audience may see: every
        marker at or below it, but a member's role, which is listed with the member, so
        only when the audience may see the person too."""
        with_person = {
            marker_of(m.role): self.level(m.person)
            for rec in self.plan.records
            for m in rec.members
        }
        return [
            Need(
                (m.text,),
                max(m.level, with_person.get(m.text, m.level)),
                f"dossier file: {m.describe()}",
            )
            for m in self.all()
        ]

    def calendar(self) -> list[Need]:
        """The programme's .ics: each event known to the day by its title, place and summary
        (a week's, a month's or an approximate event is left out of a calendar)."""
        return [
            need
            for rec in self.plan.of("event")
            if rec.values["precision"] == DatePrecision.DAY
            for need in self.columns(rec, ("title", "place", "summary"), "calendar")
        ]

    def programme(self) -> list[Need]:
        """The programme: every travel entry not cancelled, by its title (the talks it
        takes in depend on which travel days the audience sees, and are judged for leaks
        only)."""
        return [
            need
            for rec in self.plan.of("event")
            if rec.values["event_kind"] in TRAVEL_KINDS
            and rec.values["status"] != EventStatus.CANCELLED
            for need in self.columns(rec, ("title",), "programme")
        ]

    def cards(self) -> list[Need]:
        """The pocket cards: a card per meeting, call or summit, headed by its title. The
        rest of a card (first three points, three chips' minima) is a choice the proof
        judges for leaks only."""
        return [
            need
            for rec in self.plan.of("event")
            if rec.values["event_kind"] in GATHERINGS
            for need in self.columns(rec, ("title",), "card")
        ]

    def all(self) -> list[Marker]:
        return list(self.markers.values())
