"""Two dossier files met on a memory stick: ``briefing dossier merge FILE`` (issue 16).

The file's dossier is merged into the database's dossier of the same ids with the travel
copies' three-way merge. The base is the newest revision the file descends from that the
database also knows (:mod:`briefing.store.exchange.revisions`); without one there is no
common base, so every field the two hold differently is a conflict and nothing is
overwritten, while records only one side holds are simply kept (a record only the file
holds is added). Each side's changes are found by comparing its whole dossier with the
base: files carry no record versions.

The database takes the file's changes in one transaction; the conflicts are kept as a
travel copy's are (``briefing dossier conflicts``, settled with ``dossier settle``), and
the file's revision is kept, so the next file from the same laptop is merged against it.
A change of the file's naming a record deleted here waits behind that deletion's
conflict, as in a travel copy; as the file's revision is the next merge's base, no later
merge brings it again, so it is kept with the conflict and taken when that is settled.
The dossier's own fields (its title, subtitle, scene-setter …) merge as one more record's.
A file written for an audience holds only part of the dossier (what it leaves out would
look deleted) and is refused, as is a team server, whose changes travel in travel copies.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from briefing.errors import BriefingError, os_reason
from briefing.i18n import N_
from briefing.store.db.database import Store, is_server
from briefing.store.dossiers import find_dossier
from briefing.store.exchange import revisions
from briefing.store.exchange.export import dossier_to_model
from briefing.store.exchange.loading import parse
from briefing.store.exchange.reader import refuse_size
from briefing.store.exchange.schema import DossierFile
from briefing.store.sync.apply import apply_operations, take_stamps
from briefing.store.sync.conflicts import Found, keep, refusal
from briefing.store.sync.merge import kind_of, merge, waiting
from briefing.store.sync.operations import Conflict, MergeResult, Operation
from briefing.store.sync.spec import EXCHANGE_SPEC, Shape
from briefing.store.sync.spec import Record as State
from briefing.store.sync.states import with_own
from briefing.store.visibility import highest, levels


@dataclass(frozen=True)
class FileMerged:
    """What a merge of a dossier file did: the dossier, the file's changes taken, the
    conflicts kept, and whether a common base was found."""

    slug: str
    taken: int
    conflicts: int
    based: bool


def merge_file(store: Store, path: Path, slug: str | None = None) -> FileMerged:
    """Merge the dossier file at ``path`` into the dossier ``slug`` (by default the one
    the file names); see the module's docstring."""
    if is_server(store.url):
        raise BriefingError(
            N_(
                "a team server takes changes from travel copies (briefing travel sync), not from "
                "dossier files; merge the file into a laptop's database"
            )
        )
    model = _read(path)
    if model.audience is not None:
        raise BriefingError(
            N_(
                "{path} was written for the {audience} audience and leaves out what is above it, "
                "which a merge would take as deleted: merge a whole dossier file; nothing was "
                "changed"
            ),
            path=path,
            audience=model.audience,
        )
    with store.session() as session:
        dossier = find_dossier(session, slug or model.dossier.slug)
        base_model = revisions.common_base(session, dossier, model)
        base = {} if base_model is None else with_own(base_model, whole=True)
        ours = _changed(base, with_own(dossier_to_model(session, dossier), whole=True))
        theirs = _changed(base, with_own(model, whole=True))
        result = merge({u: base.get(u) for u in ours.keys() | theirs.keys()}, ours, theirs)
        refused = apply_operations(session, dossier, result.to_ours, _everything(session))
        found = [Found(c, held=_waiting(result, c, theirs)) for c in result.conflicts]
        found += [Found(refusal(r, base, ours), r.reason) for r in refused]
        held = {item.conflict.uid for item in found} | result.held
        take_stamps(session, dossier, _as_in_file(ours, theirs, held))
        kept = keep(session, str(uuid.uuid4()), found, _now())
        if model.revision is not None:
            # As the other laptop has it: the common base of its next file and this one.
            revisions.keep(session, dossier, model, model.revision)
        return FileMerged(
            dossier.slug, len(result.to_ours) - len(refused), kept, base_model is not None
        )


def _waiting(
    result: MergeResult, conflict: Conflict, theirs: Mapping[str, State | None]
) -> tuple[tuple[str | None, Operation], ...]:
    """The file's changes held back behind ``conflict``, a record deleted here that they
    name: kept with it, to be taken when it is settled (no later merge brings them)."""
    if conflict.field is not None or conflict.ours is not None:
        return ()
    return tuple((kind_of(op, theirs), op) for op in waiting(result, conflict.uid, theirs))


def _read(path: Path) -> DossierFile:
    try:
        refuse_size(path.stat().st_size)
        raw = path.read_bytes()
    except OSError as exc:
        raise BriefingError(
            N_("cannot read {path}: {reason}"), path=path, reason=os_reason(exc)
        ) from exc
    return parse(raw)


def _everything(session: Session) -> int:
    """The top of the scale: a dossier file written whole is the staff's, at every level."""
    return highest(*(level.rank for level in levels(session)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _changed(base: Mapping[str, State], now: Mapping[str, State]) -> dict[str, State | None]:
    """A side's changes since ``base``: each record it holds differently (a change's
    stamp aside), and None for each it no longer holds."""
    changed: dict[str, State | None] = {
        uid: state
        for uid, state in now.items()
        if uid not in base or _content(state) != _content(base[uid])
    }
    changed.update(dict.fromkeys(base.keys() - now.keys()))
    return changed


def _as_in_file(
    ours: Mapping[str, State | None], theirs: Mapping[str, State | None], held: set[str]
) -> dict[str, State]:
    """The records the database now holds as the file does: changed in the file and not
    here (or here the same way), with no conflict. They take the file's stamps, so a file
    sent back to the laptop it came from leaves the two databases' files the same."""
    return {
        uid: state
        for uid, state in theirs.items()
        if state is not None
        and uid not in held
        and (uid not in ours or _content(ours[uid]) == _content(state))
    }


def _content(state: State | None) -> dict[str, object] | None:
    if state is None:
        return None
    return {
        name: value
        for name, value in state.fields.items()
        if EXCHANGE_SPEC.of(state.kind, name).shape is not Shape.STAMP
    }
