"""The event form's question when the clocks show a time twice: which of the two is it?

The night daylight saving time ends, 01:30 in New York happens at 01:30 EDT and again, an
hour later, at 01:30 EST. The store never guesses (:mod:`briefing.domain.times`): beside
such a start or end time the form shows a choice of the two instants, "01:30 EDT (UTC−4)"
and "01:30 EST (UTC−5)", with neither chosen, and OK waits until one is. Beside any other
time the choice is hidden and holds nothing, so no fold is kept where there is none to
say.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox

from briefing.domain.registry import kind_of
from briefing.domain.times import TimeProblem, abbreviation, is_ambiguous, offset_label, zone_info
from briefing.ui.i18n import translate

if TYPE_CHECKING:
    from briefing.ui.forms import Choices, Field, FormDialog

WHERE = {
    "start_fold": ("start_time", ("start_date",), ("timezone",)),
    "end_fold": ("end_time", ("end_date", "start_date"), ("arrival_timezone", "timezone")),
}
"""Each fold's time, the dates it falls on (the first given), and the zones whose clock it
is read on (the first given): an end is on the start's day and the venue's clock unless
the event says otherwise."""


def fold_fields(kind: str) -> list[Field]:
    """The fold choices an event's form adds beside its times (none for other kinds): the
    registry declares them, but not for the generic form, which would ask a number."""
    from briefing.ui.forms import Field

    if kind != "event":
        return []
    declared = kind_of(kind)
    return [
        Field(name, declared.field(name).label, "choice", beside=time)
        for name, (time, *_) in WHERE.items()
    ]


def _first(form: FormDialog, names: tuple[str, ...]) -> Any:
    """The first of ``names``' inputs holding a value, or None."""
    for name in names:
        if name in form.inputs and (value := form.inputs[name].value()):
            return value
    return None


def _wall(form: FormDialog, fold: str) -> tuple[dt.datetime, str] | None:
    """The wall time and zone ``fold`` is about, when they are both given and valid."""
    time_name, days, zones = WHERE[fold]
    time, day, zone = form.inputs[time_name].value(), _first(form, days), _first(form, zones)
    if not isinstance(time, dt.time) or not isinstance(day, dt.date) or not zone:
        return None
    return dt.datetime.combine(day, time), zone


def instant_label(wall: dt.datetime, zone: str, fold: int) -> str:
    """One of the two instants as the choice names it: "01:30 EDT (UTC−4)"."""
    moment = wall.replace(tzinfo=zone_info(zone), fold=fold)
    offset = offset_label(moment.utcoffset() or dt.timedelta(0))
    return f"{moment:%H:%M} {abbreviation(moment)} ({offset})"


def choices(wall: dt.datetime, zone: str) -> Choices:
    """The choice beside a time the clocks show twice: nothing yet, the first, the second."""
    return [
        (translate("Forms", "Choose which…"), None),
        *((instant_label(wall, zone, fold), fold) for fold in (0, 1)),
    ]


def _update(form: FormDialog, fold: str, wanted: list[Any], *_changed: object) -> None:
    """Offer the two instants beside the time if the clocks show it twice, else nothing.

    ``wanted`` holds the saved record's value, chosen if they are offered as the form
    opens; after that a choice still offered is kept.
    """
    widget = form.inputs[fold]
    combo = widget.widget
    assert isinstance(combo, QComboBox)
    found = _wall(form, fold)
    try:
        twice = found is not None and is_ambiguous(*found)
    except TimeProblem:  # an unknown zone: its own field says so
        twice = False
    offered = choices(*found) if twice and found is not None else []
    if offered != [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]:
        chosen = wanted.pop() if wanted else widget.value()
        combo.clear()
        for text, value in offered:
            combo.addItem(text, value)
        widget.set_value(chosen)
    combo.setVisible(bool(offered))


def attach(form: FormDialog, initial: dict[str, Any]) -> None:
    """Keep the event form's fold choices in step with its dates, times and zones."""
    for fold, (time, days, zones) in WHERE.items():
        if fold not in form.inputs:
            continue
        wanted = [initial.get(fold)]
        update = partial(_update, form, fold, wanted)
        for name in (time, *days, *zones):
            if name in form.inputs:
                form.inputs[name].connect(update)
        update()
        wanted.clear()  # a time that becomes one shown twice later is asked afresh


def problem_text(field: str, text: str) -> str:
    """What the form says of an event's times: a time shown twice asks which, beside it."""
    if field in WHERE:
        return translate("Forms", "The clocks show this time twice: choose which one")
    return text
