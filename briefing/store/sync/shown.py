"""A travel copy's kept conflicts, and the travellers' edits passed on to a server's
cleared readers, as the window shows them: plain text, one row each.

The Conflicts page (``briefing.ui.sync_conflicts``) and the page of edits passed on
(``briefing.ui.raised_edits``) build no SQL and know nothing of the merge's values, so
the record's name, the place and both values are read and written out here, where the
records and :mod:`briefing.store.sync.conflicts` are. Its own words are said with the
``gettext`` of whoever shows them (the window's language, the command line's).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Record
from briefing.domain.words import field_word, kind_word
from briefing.i18n import N_
from briefing.store.sync.conflicts import Kept, listed
from briefing.store.sync.operations import Conflict
from briefing.store.sync.raised import DELETED
from briefing.store.sync.raised import listed as listed_passed
from briefing.store.sync.spec import DOSSIER, MISSING, Json
from briefing.store.sync.spec import Record as State
from briefing.store.sync.states import states

Say = Callable[[str], str]
"""A translator's ``gettext``: the language the text is shown in."""

ABSENT = N_("(none)")
"""What an absent value or a deleted record reads as."""


@dataclass(frozen=True)
class Shown:
    """One kept conflict as text. ``draft`` is what an edit starts from (the server's
    text, else the copy's), or None where the value is not one line of text to edit."""

    id: int
    record: str
    place: str
    mine: str
    theirs: str
    changed: str
    reason: str
    draft: str | None


def readable(value: Json, gettext: Say) -> str:
    """Text as it is, anything else as compact JSON, so both sides read alike in one
    table cell; a whole record is named, not written out (it would fill the screen)."""
    if value is MISSING or value is None:
        return gettext(ABSENT)
    if isinstance(value, str):
        return value
    if isinstance(value, State):
        return gettext(N_("the whole {kind}")).format(kind=kind_word(value.kind).said(gettext))
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def place(conflict: Conflict, gettext: Say) -> str:
    """Where in its record a conflict is, in the reader's words: a field and an item's
    field by their labels, an item by its key (a citation's id, a sector's name: data, not
    words), a list's order as such; nothing more, the whole record."""
    steps = []
    if conflict.field is not None:
        steps.append(field_word(conflict.kind, conflict.field).said(gettext))
    if conflict.key is not None:
        steps.append(conflict.key)
    if conflict.part is not None:
        steps.append(field_word(conflict.kind, conflict.part).said(gettext))
    if conflict.order:
        steps.append(gettext(N_("order")))
    return " · ".join(steps) or gettext(N_("the whole record"))


def uid_said(uid: str, gettext: Say) -> str:
    """A conflict's record by its uid; the dossier's own fields' by what they are."""
    return gettext(N_("the dossier")) if uid == DOSSIER else uid


def record_names(session: Session, uids: Collection[str]) -> dict[str, str]:
    """The display name of each record the copy holds among ``uids``."""
    if not uids:
        return {}
    records = session.scalars(select(Record).where(Record.uid.in_(uids)))
    return {record.uid: record.display_name for record in records}


def _draft(kept: Kept) -> str | None:
    conflict = kept.conflict
    if conflict.field is None or conflict.order:
        return None
    values = (conflict.theirs, conflict.ours)
    if not all(v is MISSING or v is None or isinstance(v, str) for v in values):
        return None
    return next((v for v in values if isinstance(v, str)), None)


def _changed(by: str | None, at: dt.datetime | None) -> str:
    when = "" if at is None else f"{at:%Y-%m-%d %H:%M} UTC"
    return ", ".join(part for part in (by, when) if part)


def shown(session: Session, gettext: Say) -> Sequence[Shown]:
    """The copy's conflicts in the order the sync found them, as the page lists them."""
    kept = listed(session)
    names = {
        **record_names(session, {k.conflict.uid for k in kept}),
        DOSSIER: uid_said(DOSSIER, gettext),
    }
    return [
        Shown(
            k.id,
            names.get(k.conflict.uid, k.conflict.uid),
            place(k.conflict, gettext),
            readable(k.conflict.ours, gettext),
            readable(k.conflict.theirs, gettext),
            _changed(k.theirs_by, k.theirs_at),
            ""
            if k.reason is None
            else gettext(N_("the server refused it: {reason}")).format(
                reason=k.reason.said(gettext)
            ),
            _draft(k),
        )
        for k in kept
    ]


@dataclass(frozen=True)
class ShownPassed:
    """One traveller's edits passed on (:mod:`briefing.store.sync.raised`) as text: the
    fields the traveller changed, and their values (the traveller's, and the record's
    now) a line each, led by the field's name where there are several, as a long value
    wraps and the lines of two cells no longer face each other."""

    id: int
    record: str
    fields: str
    travellers: str
    current: str
    edited: str


def passed_shown(session: Session, level: int, gettext: Say) -> Sequence[ShownPassed]:
    """The edits passed on that the login may see, in the order they came, each beside
    the record as an audience at ``level`` (the settler's clearance) has it now: what
    "keep the traveller's" would change, and what "keep current" leaves."""
    passed = listed_passed(session)
    names = record_names(session, {p.uid for p in passed})
    now: dict[str, State] = {}
    for dossier_id in {p.dossier_id for p in passed}:
        dossier = session.get(Dossier, dossier_id)
        if dossier is not None:
            uids = {p.uid for p in passed if p.dossier_id == dossier_id}
            now.update(states(session, dossier, uids, level))
    rows = []
    for p in passed:
        changes = p.changes()
        current = now.get(p.uid)
        theirs = {name: _now(current, name) for name, _, _ in changes}
        rows.append(
            ShownPassed(
                p.id,
                names.get(p.uid, p.uid),
                ", ".join(name for name, _, _ in changes),
                _lines({name: value for name, _, value in changes}, gettext),
                _lines(theirs, gettext),
                _changed(p.login, p.passed_at),
            )
        )
    return rows


def _now(current: State | None, name: str) -> Json:
    """The record's value now at a place the traveller changed: the whole record where
    the traveller deleted it."""
    if current is None:
        return MISSING
    return current if name == DELETED else current.fields.get(name, MISSING)


def _lines(values: dict[str, Json], gettext: Say) -> str:
    if len(values) == 1:
        return readable(next(iter(values.values())), gettext)
    return "\n".join(f"{name}: {readable(value, gettext)}" for name, value in values.items())
