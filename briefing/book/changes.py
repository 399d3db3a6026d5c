"""What changed between two dossier documents: records added, removed and changed (issue 17).

Pure: two exchange documents in (:class:`~briefing.store.exchange.schema.DossierFile`, as
an edition keeps them), a :class:`Changes` out; no database, no Qt, no layout. The
book's "Changed since edition N" section and change bars read it, and so can the
window's comparison of two editions, so both show the same diff.

Records are paired by their stable id (the uid exchange files use); the dossier itself
is compared as one more record, of kind ``"dossier"``. Each side's levels are read from
its own document. Both documents are expected to be for the same audience (a book
refuses a base printed for another), so nothing here can show more than that audience
saw in one edition or the other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel

from briefing.domain.registry import KINDS, Kind
from briefing.store.exchange.schema import DossierFile
from briefing.store.visibility import LOWEST, highest

CONTEXT_WORDS = 12
"""Unchanged words kept on each side of a change in a word diff; a longer unchanged
stretch prints as its ends around "…". A reader needs enough to find the place in the
body, where the change bar marks the whole paragraph anyway."""

MAX_WORDS = 400
"""The most words one field's word diff shows; the rest is summed up in one "elided"
run. A rewritten 50-page annex would otherwise fill the change section with struck-out
text the reader never reads there: the body holds the new text, with its change bar."""

MAX_DIFFED_WORDS = 20_000
"""Texts longer than this (either side) are not diffed word by word: difflib's matching
grows faster than linearly, and at this size it took 0.3 s per field. Such a field
shows as replaced, its first :data:`MAX_WORDS` words."""

LONG_WORDS = 25
"""A field with more words than this on either side is shown as a word diff; a shorter
one as before and after whole."""

IGNORED = frozenset({"id", "created_at", "updated_at"})
"""Keys that are not the record's content: its identity, and timestamps that move with
every save whether or not a reader would see a difference."""

BOOK_ORDER: tuple[str, ...] = (
    "dossier",
    "event",
    "meeting_brief",
    "talking_point",
    "delegation",
    "person",
    "appointment",
    "bargaining_chip",
    "source",
    "party",
    "organization",
)
"""The kinds in the order the book prints them (scene-setter, meetings with their briefs
and points, delegations and people, chips, sources, then the alias annex's names)."""

RunKind = Literal["same", "added", "removed", "elided"]
"""A word-diff run: text in both, only in the new, only in the old, or left out
("elided" text is our own wording, such as "… 120 more words")."""

Status = Literal["added", "removed", "changed"]


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    kind: RunKind
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a record, before and after, as plain text.

    Attributes:
        key: the field's key in the exchange file ("summary", "value", "citations").
        label: what the details pane calls it.
        before, after: its text in each document ("" when absent or empty).
        before_level, after_level: the rank each text is handled at.
    """

    key: str
    label: str
    before: str
    after: str
    before_level: int
    after_level: int

    @property
    def long(self) -> bool:
        """Whether it reads better as a word diff than as before and after whole."""
        return max(len(self.before.split()), len(self.after.split())) > LONG_WORDS

    def runs(self) -> list[Run]:
        """The word diff of :attr:`before` to :attr:`after` (see :func:`word_diff`)."""
        return word_diff(self.before, self.after)


@dataclasses.dataclass(frozen=True, slots=True)
class RecordChange:
    """A record added, removed or changed.

    Attributes:
        kind: its kind's name (``"event"``, … or ``"dossier"``).
        uid: its stable id (the dossier's slug for the dossier).
        status: added, removed or changed.
        title: what it is called (in the newer document, or the older for a removed one).
        level: the rank its title is handled at, in that document.
        fields: the fields that differ; for an added record every field it has, for a
            removed one every field it had.
    """

    kind: str
    uid: str
    status: Status
    title: str
    level: int
    fields: tuple[FieldChange, ...]

    @property
    def kind_label(self) -> str:
        return "Dossier" if self.kind == "dossier" else _KINDS[self.kind].label


@dataclasses.dataclass(frozen=True, slots=True)
class Changes:
    """Everything that differs between two documents, in :data:`BOOK_ORDER` by kind and
    each kind in the newer document's order (removed records in the older's)."""

    records: tuple[RecordChange, ...]

    def __bool__(self) -> bool:
        return bool(self.records)

    def of(self, status: Status) -> list[RecordChange]:
        return [r for r in self.records if r.status == status]

    def changed_fields(self) -> frozenset[tuple[str, str]]:
        """(uid, field key) of every field whose text is new: each changed field of a
        changed record and every field of an added one. The book draws change bars by it."""
        return frozenset(
            (r.uid, f.key) for r in self.records if r.status != "removed" for f in r.fields
        )


def compare(before: DossierFile, after: DossierFile) -> Changes:
    """What changed from ``before`` to ``after`` (two editions' documents, oldest first)."""
    old, new = _Document(before), _Document(after)
    found: list[RecordChange] = []
    for kind in BOOK_ORDER:
        old_records, new_records = old.records(kind), new.records(kind)
        for uid, record in new_records.items():
            if uid not in old_records:
                found.append(new.change(kind, uid, record, "added", None))
            else:
                changed = new.change(kind, uid, record, "changed", (old, old_records[uid]))
                if changed.fields:
                    found.append(changed)
        for uid, record in old_records.items():
            if uid not in new_records:
                found.append(old.change(kind, uid, record, "removed", None))
    return Changes(tuple(found))


def word_diff(before: str, after: str, *, limit: int = MAX_WORDS) -> list[Run]:
    """``before`` turned into ``after`` word by word: runs of words kept, added and
    removed, unchanged stretches shortened to :data:`CONTEXT_WORDS` around each change, at
    most ``limit`` words in all (an "elided" run says how many more there were).

    Words are split at white space and rejoined with single spaces: a change of line
    breaks alone is not a change a reader sees in a run of prose.
    """
    old, new = before.split(), after.split()
    if max(len(old), len(new)) > MAX_DIFFED_WORDS:
        runs = [Run("removed", " ".join(old)), Run("added", " ".join(new))]
        return _capped([r for r in runs if r.text], limit)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            runs += _context(old[i1:i2], first=index == 0, last=index == len(opcodes) - 1)
            continue
        if i2 > i1:
            runs.append(Run("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(Run("added", " ".join(new[j1:j2])))
    return _capped(runs, limit)


def _context(words: list[str], *, first: bool, last: bool) -> list[Run]:
    """An unchanged stretch, its middle left out when long (its start too when it opens
    the text, its end when it closes it)."""
    keep_head = 0 if first else CONTEXT_WORDS
    keep_tail = 0 if last else CONTEXT_WORDS
    if len(words) <= keep_head + keep_tail + 1:
        return [Run("same", " ".join(words))]
    runs = []
    if keep_head:
        runs.append(Run("same", " ".join(words[:keep_head])))
    runs.append(Run("elided", "…"))
    if keep_tail:
        runs.append(Run("same", " ".join(words[-keep_tail:])))
    return runs


def _capped(runs: list[Run], limit: int) -> list[Run]:
    out: list[Run] = []
    left = limit
    cut = 0
    for run in runs:
        words = run.text.split()
        if run.kind == "elided":
            if left > 0:
                out.append(run)
            continue
        if left <= 0:
            cut += len(words)
            continue
        if len(words) > left:
            cut += len(words) - left
            words = words[:left]
        out.append(Run(run.kind, " ".join(words)))
        left -= len(words)
    if cut:
        out.append(Run("elided", f"… {cut} more words not shown"))
    return out


# ---------------------------------------------------------------- reading a document

_KINDS: dict[str, Kind] = {kind.name: kind for kind in KINDS}
_TITLE_KEYS = ("title", "name", "text")
_WHITESPACE = re.compile(r"\s+")


class _Document:
    """One document's records by kind and uid, its levels by name, and record titles."""

    def __init__(self, document: DossierFile) -> None:
        self.document = document
        self.ranks = {level.name: level.rank for level in document.handling_levels}
        dossier = document.dossier
        self.default = self._rank(dossier.default_handling, LOWEST)
        self.by_uid: dict[str, BaseModel] = {}
        self._records: dict[str, dict[str, BaseModel]] = {}
        for kind in KINDS:
            records = {r.id: r for r in getattr(document, kind.exchange)}
            self._records[kind.name] = dict(records)
            self.by_uid.update(records)
        self._records["dossier"] = {dossier.slug: dossier}

    def records(self, kind: str) -> Mapping[str, BaseModel]:
        return self._records[kind]

    def _rank(self, name: str | None, default: int) -> int:
        return default if name is None else self.ranks.get(name, default)

    def level(self, record: BaseModel) -> int:
        return self._rank(getattr(record, "handling", None), self.default)

    def title(self, kind: str, record: BaseModel) -> str:
        """A record's name as the book would call it."""
        if kind == "meeting_brief":
            event = self.by_uid.get(record.event)  # type: ignore[attr-defined]
            return "Brief: " + (self.title("event", event) if event is not None else "")
        if kind == "delegation" and not record.name:  # type: ignore[attr-defined]
            party = self.by_uid.get(record.party)  # type: ignore[attr-defined]
            return (self.title("party", party) if party is not None else "") + " delegation"
        for key in _TITLE_KEYS:
            text = getattr(record, key, None)
            if isinstance(text, str) and text:
                return _WHITESPACE.sub(" ", text).strip()[:150]
        return getattr(record, "id", "")

    def fields(self, kind: str, record: BaseModel) -> dict[str, tuple[str, str, int]]:
        """Each content key of ``record``: (label, text, level)."""
        level = self.level(record) if kind != "dossier" else LOWEST
        handled: dict[str, str] = getattr(record, "field_handling", {}) or {}
        out: dict[str, tuple[str, str, int]] = {}
        for key, value in record:
            if key in IGNORED or key.endswith("_handling") or key == "handling":
                continue
            at = self._rank(handled.get(key), level)
            if kind == "dossier":
                at = self._dossier_level(key)
            elif key == "citations":
                at = highest(level, *(self._citation_level(level, c) for c in value))
            else:
                at = highest(
                    at, *(self._level_of(uid) for uid in self._named_uids(kind, key, value))
                )
            out[key] = (_label(kind, key), self.text(key, value, kind), at)
        if kind != "dossier":
            marking = ", ".join(f"{k}: {v}" for k, v in sorted(handled.items()))
            out["handling"] = ("Handling", record.handling or "", level)  # type: ignore[attr-defined]
            out["field_handling"] = ("Fields handled above the record", marking, level)
        return out

    def title_level(self, kind: str, record: BaseModel) -> int:
        """The rank :meth:`title` is handled at: the record's, or the record whose name
        it borrows if that one is handled higher (a brief is called by its event)."""
        if kind == "dossier":
            return LOWEST
        level = self.level(record)
        if kind == "meeting_brief":
            return highest(level, self._level_of(record.event))  # type: ignore[attr-defined]
        if kind == "delegation" and not record.name:  # type: ignore[attr-defined]
            return highest(level, self._level_of(record.party))  # type: ignore[attr-defined]
        return level

    def _level_of(self, uid: str | None) -> int:
        """The rank of the record ``uid`` names: a field that prints another record's
        name is handled at least as high as that name."""
        record = self.by_uid.get(uid) if uid else None
        return LOWEST if record is None else self.title_level(_kind_of(self, uid or ""), record)

    def _named_uids(self, kind: str, key: str, value: Any) -> list[str]:
        """The uids of the records whose names :meth:`text` prints for this field."""
        widget = _widget(kind, key)
        if widget == "ref" and isinstance(value, str):
            return [value]
        if widget == "refs" and isinstance(value, Sequence):
            return [uid for uid in value if isinstance(uid, str)]
        if key == "members" and isinstance(value, Sequence):
            return [member.person for member in value]
        return []

    def _dossier_level(self, key: str) -> int:
        dossier = self.document.dossier
        if key == "subtitle":
            return self._rank(dossier.subtitle_handling, self.default)
        if key == "scene_setter":
            return self._rank(dossier.scene_handling, self.default)
        return LOWEST

    def _citation_level(self, level: int, citation: Any) -> int:
        source = self.by_uid.get(citation.source)
        floor = highest(level, self.level(source) if source is not None else level)
        return self._rank(citation.handling, floor)

    def text(self, key: str, value: Any, kind: str) -> str:
        """A field's value as a reader sees it: references by their records' names."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, enum.Enum):
            return str(getattr(value, "label", value.value))
        if isinstance(value, dt.date | dt.time):
            return value.isoformat()
        if isinstance(value, str):
            if _storage(kind, key) == "bytes":
                # Named by a digest, so a photo replaced by another shows as changed.
                digest = hashlib.sha256(value.encode("ascii", "replace")).hexdigest()[:8]
                return f"a photo ({digest})" if value else ""
            if _widget(kind, key) == "ref":
                return self._named(value)
            return value
        if isinstance(value, BaseModel):
            if key == "citations":
                return self._citation(value)
            if key == "members":
                return self._member(value)
            parts = [self.text(k, v, kind) for k, v in value]
            return " · ".join(p for p in parts if p)
        if isinstance(value, Sequence):
            items = [self._item(key, item, kind) for item in value]
            # Only members are an ordered list; the others are sets the file lists in an
            # order of its own, which an older edition's document may not share.
            return "; ".join(items if key == "members" else sorted(items))
        return str(value)

    def _item(self, key: str, item: Any, kind: str) -> str:
        if isinstance(item, str) and _widget(kind, key) == "refs":
            return self._named(item)
        return self.text(key, item, kind)

    def _named(self, uid: str) -> str:
        record = self.by_uid.get(uid)
        if record is None:
            return ""
        return self.title(_kind_of(self, uid), record)

    def _citation(self, citation: Any) -> str:
        source = self._named(citation.source)
        excerpt = f" “{citation.excerpt}”" if citation.excerpt else ""
        locator = f", {citation.locator}" if citation.locator else ""
        return f"{source}{locator} ({citation.stance.label.lower()}){excerpt}"

    def _member(self, member: Any) -> str:
        role = f", {member.role}" if member.role else ""
        head = " (head)" if member.head else ""
        return f"{self._named(member.person)}{role}{head}"

    def change(
        self,
        kind: str,
        uid: str,
        record: BaseModel,
        status: Status,
        base: tuple[_Document, BaseModel] | None,
    ) -> RecordChange:
        """``record`` of this document as a change: against ``base`` (the other
        document's record) when changed, against nothing when added or removed."""
        mine = self.fields(kind, record)
        theirs = base[0].fields(kind, base[1]) if base is not None else {}
        fields: list[FieldChange] = []
        for key, (label, text, level) in mine.items():
            other = theirs.get(key, (label, "", level))
            if base is not None and other[1] == text:
                continue
            if base is None and not text:
                continue
            if status == "removed":
                fields.append(FieldChange(key, label, text, "", level, level))
            else:
                fields.append(FieldChange(key, label, other[1], text, other[2], level))
        title = self.title(kind, record)
        return RecordChange(kind, uid, status, title, self.title_level(kind, record), tuple(fields))


def _kind_of(document: _Document, uid: str) -> str:
    for kind in KINDS:
        if uid in document.records(kind.name):
            return kind.name
    return ""


def _declared(kind: str, key: str) -> Any:
    declared = _KINDS.get(kind)
    if declared is None:
        return None
    for field in (*declared.fields, *declared.links):
        if field.exchange_name == key or field.exchange_name.partition(".")[0] == key:
            return field
    return None


def _widget(kind: str, key: str) -> str:
    field = _declared(kind, key)
    return "" if field is None else str(field.widget)


def _storage(kind: str, key: str) -> str:
    field = _declared(kind, key)
    return "" if field is None else str(field.storage)


_COMMON_LABELS = {
    "notes": "Notes",
    "citations": "Sources cited",
    "aliases": "Other spellings",
    "title": "Title",
    "subtitle": "Subtitle",
    "scene_setter": "Scene-setter",
    "prepared_for": "Prepared for",
    "as_of": "Facts as of",
    "count_days_from": "Days counted from",
    "value": "Value",
    "slug": "Short name",
}


def _label(kind: str, key: str) -> str:
    field = _declared(kind, key)
    if field is not None and "." not in field.exchange_name:
        return str(field.detail)
    return _COMMON_LABELS.get(key, key.replace("_", " ").capitalize())
