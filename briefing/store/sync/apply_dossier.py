"""The dossier's own fields, as a merge's operations write them (:data:`DOSSIER`).

The title, the dates and the home zone are the dossier row's, seen by every login. The
subtitle and the scene-setter are rows of their own (``dossier_text``), each at its own
level, which a server withholds from a login not cleared to it: a writer not cleared to
a text writes neither it nor its level, and leaves it exactly as it is.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final

from pydantic import TypeAdapter, ValidationError

from briefing.domain.dossier import SCENE_SETTER, SUBTITLE
from briefing.domain.references import referenced
from briefing.errors import N_, Phrase
from briefing.store.exchange.problems import schema_problem
from briefing.store.exchange.schema import DossierOut
from briefing.store.references import withheld_from
from briefing.store.sync.apply_records import ABOVE_FIELD, Refusal, Writer
from briefing.store.sync.operations import SetField
from briefing.store.sync.spec import OWN_FIELDS
from briefing.store.visibility import cleared, scene_level, subtitle_level

TEXT_COLUMNS: Final = {
    "subtitle": (SUBTITLE, "text"),
    "subtitle_ko": (SUBTITLE, "text_ko"),
    "subtitle_handling": (SUBTITLE, "handling"),
    "scene_setter": (SCENE_SETTER, "text"),
    "scene_setter_ko": (SCENE_SETTER, "text_ko"),
    "scene_handling": (SCENE_SETTER, "handling"),
}
"""Each text field's row (by kind) and column."""


THE_DOSSIER: Final = N_("the dossier")
"""What the dossier's own fields' refusals name in place of a record's uid."""


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    """What checks a file's value of the dossier's field ``name`` (a known zone, a date)
    and gives its Python value, as an import would."""
    return TypeAdapter(DossierOut.model_fields[name].rebuild_annotation())


def write_own(writer: Writer, operation: SetField) -> None:
    """Set one of the dossier's own fields, as the writer may; refuse it otherwise."""
    name = operation.field
    if name not in OWN_FIELDS:
        raise Refusal(N_("the dossier has no field {field} that a sync changes"), field=name)
    dossier = writer.dossier
    where = Phrase(THE_DOSSIER)
    if name in TEXT_COLUMNS:
        kind, column = TEXT_COLUMNS[name]
        row = dossier.texts.get(kind)
        at = (subtitle_level if kind == SUBTITLE else scene_level)(
            dossier.default_handling, None if row is None else row.handling
        )
        if row is None or not cleared(at, writer.level):
            raise Refusal(ABOVE_FIELD, uid=where, field=name)
        if column == "handling":
            what = Phrase("{uid}: {field}", uid=where, field=name)
            row.handling = None if operation.value is None else writer.rank(operation.value, what)
            return
        value = _checked(name, operation.value)
        _keeps_hidden_references(writer, name, getattr(row, column), value)
        setattr(row, column, value)
        return
    if name == "prepared_for":
        dossier.prepared_for_id = writer.ref(operation.value, ("party",))
        return
    setattr(dossier, name, _checked(name, operation.value))


def _checked(name: str, value: Any) -> Any:
    try:
        return _adapter(name).validate_python(value)
    except ValidationError as exc:
        raise Refusal(
            N_("{uid}: {field} cannot be {value} ({problem})"),
            uid=Phrase(THE_DOSSIER),
            field=name,
            value=repr(value),
            problem=schema_problem(exc.errors()[0]),
        ) from exc


def _keeps_hidden_references(writer: Writer, name: str, now: str, new: str) -> None:
    """Refuse a text that leaves out a reference to a source above the writer, as a
    record's text is refused (:meth:`Writer.keeps_hidden_references`): the writer's copy
    never held it, and saving its text would delete what the writer was not allowed to see."""
    dropped = set(referenced(now)) - set(referenced(new))
    if dropped and withheld_from(writer.session, writer.dossier.id, writer.level, dropped):
        raise Refusal(
            N_(
                "{uid}: {field} cites a source above your clearance, which your text "
                "cannot keep; someone cleared for it must make this change"
            ),
            uid=Phrase(THE_DOSSIER),
            field=name,
        )
