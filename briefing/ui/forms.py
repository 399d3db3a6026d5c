"""Forms for creating and editing records, built from one declaration per kind.

Each field knows its widget, how to read and write a plain value, and what makes it
invalid; problems show inline under the field and OK stays disabled until they are
fixed, so nothing half-valid reaches the store.

A field that may be more sensitive than its record (``briefing.domain.fields.PROTECTED``)
has a level picker beside it that offers only the record's level and those above it, and
follows the record's level up when that is raised; a citation's level picker likewise
never goes below its record's or its source's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import Record, Source, enums, registry
from briefing.domain.enums import Stance
from briefing.domain.fields import GROUPS, protected_fields
from briefing.domain.registry import kind_of, model_of
from briefing.domain.rules import TIMES, span_problem, times_problem
from briefing.domain.times import is_zone
from briefing.store.edits import level_key
from briefing.store.records import named_records, source_levels
from briefing.store.transaction import Session
from briefing.store.visibility import LOWEST, highest, not_below
from briefing.ui import fold_picker
from briefing.ui.i18n import QT_TRANSLATE_NOOP, messages, translate, word

Choices = list[tuple[str, Any]]
COMBO_CHARACTERS = 24
"""Characters a choice list is sized for; longer choices show in full when it opens."""


@dataclass
class Field:
    """One input. ``kind`` picks the widget; ``choices`` feed combos and lists.

    Attributes:
        beside: the field whose row this input joins, to its right (a chip's currency
            beside its amount, a level picker beside its field).
        own_line: a field ``beside`` another starts a line of its own in that row.
        also: further keys that take this input's value (a group's level: the value's
            amount, currency and note are handled at one level).
        follows: for a ``level`` picker, the input whose value sets its floor.
        floor_of: that input's value as the lowest rank the picker may offer.
        placeholder: grey text in an empty line.
        width: a fixed width in characters for a short input (a currency code).
    """

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: Choices = field(default_factory=list)
    check: Callable[[Any], str | None] | None = None
    minimum: int = 0
    maximum: int = 0
    beside: str = ""
    own_line: bool = False
    also: tuple[str, ...] = ()
    follows: str = ""
    floor_of: Callable[[Any], int] | None = None
    placeholder: str = ""
    width: int = 0


def _timezone_problem(value: Any) -> str | None:
    if value and not is_zone(value):
        return translate(
            "Forms", "{value} is not an IANA time zone (e.g. Asia/Seoul, America/New_York)"
        ).format(value=repr(value))
    return None


def _colour_problem(value: Any) -> str | None:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", str(value)):
        return translate("Forms", "a colour like #0047A0")
    return None


def _currency_problem(value: Any) -> str | None:
    if value and not re.fullmatch(r"[A-Z]{3}", str(value)):
        return translate("Forms", "a three-letter currency code such as USD or KRW")
    return None


class FieldWidget:
    """A field's widget and its value in the plain form the store's edits take."""

    def __init__(self, spec: Field, parent: QWidget) -> None:
        self.spec = spec
        self.error = QLabel(parent)
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        self.error.hide()
        self.widget: QWidget = self._make(parent)
        self.widget.setAccessibleName(word(spec.label))

    def _make(self, parent: QWidget) -> QWidget:
        kind = self.spec.kind
        if kind in ("text", "date", "time", "int"):
            edit = QLineEdit(parent)
            placeholder = {"date": "YYYY-MM-DD", "time": "HH:MM"}.get(
                kind, word(self.spec.placeholder)
            )
            edit.setPlaceholderText(placeholder)
            if self.spec.width:
                edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("M" * self.spec.width))
            return edit
        if kind in ("multiline", "lines"):
            plain = QPlainTextEdit(parent)
            plain.setTabChangesFocus(True)
            plain.setMinimumHeight(60 if kind == "lines" else 80)
            if kind == "lines":
                plain.setPlaceholderText(translate("Forms", "one per line"))
            return plain
        if kind == "level":
            picker = QComboBox(parent)
            picker.setToolTip(
                translate(
                    "Forms",
                    "Handle this at a higher level than the record: below it, it is left out",
                )
            )
            self._offer(picker, self.spec.choices)
            return picker
        if kind in ("choice", "ref"):
            combo = QComboBox(parent)
            # A long choice (a source's headline) must not widen the form past the screen.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)
            if kind == "ref" and not self.spec.required:
                combo.addItem("—", None)
            for text, value in self.spec.choices:
                combo.addItem(text, value)
            return combo
        if kind == "refs":
            listing = QListWidget(parent)
            listing.setMinimumHeight(90)
            for text, value in self.spec.choices:
                item = QListWidgetItem(text, listing)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            return listing
        if kind == "bool":
            return QCheckBox(parent)
        if kind == "spin":
            spin = QSpinBox(parent)
            spin.setRange(self.spec.minimum, self.spec.maximum)
            return spin
        raise ValueError(f"unknown field kind {kind!r}")

    @staticmethod
    def _offer(picker: QComboBox, choices: Choices) -> None:
        picker.clear()
        for text, value in choices:
            picker.addItem(text, value)

    def set_floor(self, floor: int) -> None:
        """Offer only the levels at or above ``floor``; a choice below it rises to it.

        The choices go from the lowest level up, so a choice no longer offered becomes
        the first one left: the floor.
        """
        assert isinstance(self.widget, QComboBox)
        chosen = self.value()
        self._offer(self.widget, not_below(self.spec.choices, floor))
        self.set_value(chosen)

    def set_value(self, value: Any) -> None:
        w, kind = self.widget, self.spec.kind
        if isinstance(w, QLineEdit):
            if value is None:
                w.setText("")
            elif kind == "time":
                w.setText(value.strftime("%H:%M"))
            elif kind == "date":
                w.setText(value.isoformat())
            else:
                w.setText(str(value))
            w.setCursorPosition(0)  # a long value shows its beginning
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("\n".join(value) if kind == "lines" else (value or ""))
        elif isinstance(w, QComboBox):
            index = w.findData(value)
            w.setCurrentIndex(max(index, 0))
        elif isinstance(w, QListWidget):
            chosen = set(value or [])
            for row in range(w.count()):
                item = w.item(row)
                checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value))

    def value(self) -> Any:
        """The value, or a string saying what is wrong with the input (for dates, numbers)."""
        w, kind = self.widget, self.spec.kind
        if isinstance(w, QLineEdit):
            text = w.text().strip()
            if kind == "date":
                if not text:
                    return None
                try:
                    return dt.date.fromisoformat(text)
                except ValueError:
                    return translate(
                        "Forms", "{text} is not a date; write it as YYYY-MM-DD, e.g. 2025-04-24"
                    ).format(text=repr(text))
            if kind == "time":
                if not text:
                    return None
                try:
                    return dt.time.fromisoformat(text)
                except ValueError:
                    return translate("Forms", "{text} is not a time; write it as HH:MM").format(
                        text=repr(text)
                    )
            if kind == "int":
                if not text:
                    return None
                digits = text.replace(",", "").replace("_", "")
                return (
                    int(digits)
                    if digits.isdigit()
                    else translate("Forms", "{text} is not a whole number").format(text=repr(text))
                )
            return text
        if isinstance(w, QPlainTextEdit):
            text = w.toPlainText()
            if kind == "lines":
                return [line.strip() for line in text.splitlines() if line.strip()]
            return text
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QListWidget):
            return [
                w.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(w.count())
                if w.item(row).checkState() == Qt.CheckState.Checked
            ]
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        return None

    def problem(self) -> str | None:
        value = self.value()
        if self.spec.kind in ("date", "time", "int") and isinstance(value, str):
            return value
        if self.spec.required and (value is None or value == "" or value == []):
            return translate("Forms", "the {field} is missing").format(
                field=word(self.spec.label).lower()
            )
        if self.spec.check is not None:
            return self.spec.check(value)
        return None

    def connect(self, slot: Callable[[], object]) -> None:
        w = self.widget
        if isinstance(w, QLineEdit | QPlainTextEdit):
            w.textChanged.connect(slot)
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(slot)
        elif isinstance(w, QListWidget):
            w.itemChanged.connect(slot)


def _enum(kind: type[Enum]) -> Choices:
    return [(word(getattr(m, "label", m.value)), m) for m in kind]


def with_level_pickers(specs: list[Field], kind: str, levels: Choices) -> list[Field]:
    """``specs`` with a level picker beside each field of ``kind`` that may carry a level.

    A group (a chip's value: amount, currency, note) shares one row and one picker, at
    the end of the row; every picker's floor is the record's own level.
    """
    protected = protected_fields(kind)
    leader_of = {name: lead for lead, members in GROUPS.items() for name in members}
    labels = {spec.name: spec.label for spec in specs}
    result: list[Field] = []
    for spec in specs:
        lead = leader_of.get(spec.name, spec.name)
        if lead != spec.name:
            spec = replace(spec, beside=lead)
        result.append(spec)
        members = GROUPS.get(lead, (lead,))
        if spec.name in protected and spec.name == members[-1]:
            result.append(
                Field(
                    level_key(lead),
                    translate("Forms", "Level of {field}").format(field=word(labels[lead]).lower()),
                    "level",
                    choices=levels,
                    beside=lead,
                    also=tuple(level_key(name) for name in members[1:]),
                    follows="handling",
                    floor_of=int,
                )
            )
    return result


_RULES: dict[str, Callable[[Any], str | None]] = {
    "colour": _colour_problem,
    "timezone": _timezone_problem,
    "currency": _currency_problem,
}
"""The checks a registry field names by its ``rule``."""


def fields_for(
    session: Session, model: type[Record], dossier_id: int, levels: Choices
) -> list[Field]:
    """The form of one kind of record, as the registry declares it; choices are read from
    the dossier (references) and the enums."""
    kind = kind_of(str(model.__mapper__.polymorphic_identity))
    specs = [_input(session, dossier_id, declared) for declared in kind.form_fields()]
    specs += fold_picker.fold_fields(kind.name)
    common = [
        Field("handling", QT_TRANSLATE_NOOP("Domain", "Handling"), "choice", choices=levels),
        Field("notes", QT_TRANSLATE_NOOP("Domain", "Notes"), "multiline"),
    ]
    return with_level_pickers([*specs, *common], kind.name, levels)


def _input(session: Session, dossier_id: int, declared: registry.Field) -> Field:
    """The form's input for one of the registry's fields."""
    choices: Choices = []
    if declared.choices:
        choices = _enum(getattr(enums, declared.choices))
    for target in declared.targets:
        choices += named_records(session, model_of(kind_of(target)), dossier_id)
    return Field(
        declared.name,
        declared.label,
        declared.widget,
        required=declared.required,
        choices=choices,
        check=_RULES[declared.rule] if declared.rule else None,
        minimum=declared.low,
        maximum=declared.high,
        own_line=declared.own_line,
        placeholder=declared.hint,
        width=declared.width,
    )


def citation_fields(
    session: Session, dossier_id: int, levels: Choices, record_level: int
) -> list[Field]:
    """The citation form; its level is never below its record's (``record_level``) nor
    its source's, and follows the source chosen."""
    sources = source_levels(session, dossier_id)

    def floor(source_id: Any) -> int:
        return highest(record_level, sources.get(source_id, LOWEST))

    return [
        Field(
            "source_id",
            QT_TRANSLATE_NOOP("Domain", "Source"),
            "ref",
            required=True,
            choices=named_records(session, Source, dossier_id),
        ),
        Field("excerpt", QT_TRANSLATE_NOOP("Domain", "Quoted excerpt"), "multiline"),
        Field("locator", QT_TRANSLATE_NOOP("Domain", "Where in the source")),
        Field("stance", QT_TRANSLATE_NOOP("Domain", "Stance"), "choice", choices=_enum(Stance)),
        Field(
            "credibility",
            QT_TRANSLATE_NOOP("Domain", "Credibility (1 confirmed … 6 cannot judge)"),
            "spin",
            minimum=1,
            maximum=6,
        ),
        Field(
            "handling",
            QT_TRANSLATE_NOOP("Domain", "Handling"),
            "level",
            choices=levels,
            follows="source_id",
            floor_of=floor,
        ),
    ]


SPANS = (("start", "end"), ("start_date", "end_date"))


class _Row:
    """One labelled row of a form: its inputs in lines, level pickers at the right, and
    the inputs' problems below.

    A field ``beside`` another joins its line (a chip's currency beside its amount), or
    starts a line of its own under it (``own_line``: the value's note); a level picker
    sits at the row's top right, beside every line it governs.
    """

    def __init__(self, first: FieldWidget, parent: QWidget) -> None:
        self.holder = QWidget(parent)
        column = QVBoxLayout(self.holder)
        column.setContentsMargins(0, 0, 0, 0)
        self.outer = QHBoxLayout()
        self.lines = QVBoxLayout()
        self.line = QHBoxLayout()
        self.lines.addLayout(self.line)
        self.outer.addLayout(self.lines, 1)
        column.addLayout(self.outer)
        self.errors = QVBoxLayout()
        column.addLayout(self.errors)
        self.add(first)

    def add(self, field: FieldWidget) -> None:
        spec = field.spec
        if spec.kind == "level":
            self.outer.addWidget(field.widget, 0, Qt.AlignmentFlag.AlignTop)
        else:
            if spec.own_line:
                self.line = QHBoxLayout()
                self.lines.addLayout(self.line)
            self.line.addWidget(field.widget, 0 if spec.width else 1)
        self.errors.addWidget(field.error)


class FormDialog(QDialog):
    """A dialog over a list of fields; ``values()`` gives only valid input."""

    def __init__(
        self,
        title: str,
        fields: list[Field],
        initial: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("recordForm")
        self.inputs: dict[str, FieldWidget] = {}
        self.specs = {spec.name: spec for spec in fields}
        self.version: int | None = None
        """The version of the record the values were read from, which a save names."""
        body = QWidget(self)
        form = QFormLayout(body)
        rows: dict[str, _Row] = {}
        for spec in fields:
            widget = FieldWidget(spec, body)
            known = [initial[name] for name in (spec.name, *spec.also) if name in initial]
            if known:  # a group's members may differ: its picker shows the highest
                widget.set_value(highest(*known) if spec.also else known[0])
            if spec.beside:
                rows[spec.beside].add(widget)
            else:
                label = QLabel(word(spec.label) + (" *" if spec.required else ""), body)
                label.setBuddy(widget.widget)
                rows[spec.name] = row = _Row(widget, body)
                form.addRow(label, row.holder)
            widget.connect(self.validate)
            self.inputs[spec.name] = widget
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.buttons)
        self.resize(600, min(720, 120 + 48 * len(rows)))
        for spec in fields:
            if spec.follows in self.inputs:
                follow = partial(self._follow, spec)
                self.inputs[spec.follows].connect(follow)
                follow()
        fold_picker.attach(self, initial)
        self.validate()

    def problems(self) -> dict[str, str]:
        found = {name: p for name, w in self.inputs.items() if (p := w.problem()) is not None}
        timed = "start_time" in self.inputs  # an event: its times are judged as instants
        if timed and not found.keys() & set(TIMES):
            values = {name: self.inputs[name].value() for name in TIMES if name in self.inputs}
            if (times := times_problem(values)) is not None:
                field, sentence = times
                found[field] = fold_picker.problem_text(field, sentence.said(messages().gettext))
        for start, end in SPANS:
            if (
                not (timed and start == "start_date")
                and start in self.inputs
                and end in self.inputs
                and end not in found
                and start not in found
            ):
                wrong = span_problem(self.inputs[start].value(), self.inputs[end].value())
                if wrong:
                    found[end] = translate("Forms", "it {problem}").format(
                        problem=wrong.said(messages().gettext)
                    )
        return found

    def validate(self) -> bool:
        found = self.problems()
        for name, widget in self.inputs.items():
            message = found.get(name)
            widget.error.setText(message or "")
            widget.error.setVisible(message is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not found)
        return not found

    def _accept(self) -> None:
        if self.validate():
            self.accept()

    def _follow(self, spec: Field, *_changed: object) -> None:
        """Keep a level picker at or above the level its floor is read from."""
        if spec.floor_of is not None:
            floor = spec.floor_of(self.inputs[spec.follows].value())
            self.inputs[spec.name].set_floor(floor)

    def show_values(self, values: dict[str, Any]) -> None:
        """Put ``values`` in the inputs, as the form opened with (a reload shows the
        record as someone else saved it)."""
        for name, widget in self.inputs.items():
            known = [values[key] for key in (name, *self.specs[name].also) if key in values]
            if known:
                widget.set_value(highest(*known) if self.specs[name].also else known[0])
        self.validate()

    def values(self) -> dict[str, Any]:
        """Every input's value, and a group's level under each of its members' keys."""
        values: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            values[name] = widget.value()
            for other in self.specs[name].also:
                values[other] = values[name]
        return values
