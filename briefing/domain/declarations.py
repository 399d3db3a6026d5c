"""What declaring a kind of record, and each of its fields, says: the shape of the registry.

Kept apart from the declarations themselves (:mod:`briefing.domain.registry`) so that the
long list of kinds reads as data, and these classes as the vocabulary it is written in.
Pure data too: nothing here loads SQLAlchemy or the models.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Widget = Literal[
    "text", "multiline", "choice", "ref", "refs", "lines", "date", "time", "spin", "int", "bool"
]
"""How a form edits a field (:class:`briefing.ui.forms.Field`'s kinds)."""

Storage = Literal["", "bytes"]
"""How a field is kept when its widget does not say: "bytes" is a photo (base64 in a file)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a kind's table, as people and the other layers see it.

    Attributes:
        name: the column.
        label: what a form calls it (a message id).
        widget: how a form edits it.
        exchange: its attribute in an exchange file ("value.amount" is a nested key).
        searchable: whether search finds a record by its text.
        protected: whether it may carry a handling level above its record's.
        group: the protected group it shares a level with (a chip's value is its amount,
            currency and note), named by the group's first column.
        references: whether it is free text where ``[[uid]]`` references are written.
        required: whether a form refuses to save it blank.
        choices: for a choice, the enum of :mod:`briefing.domain.enums` it is one of.
        targets: for a reference, the kinds it may name.
        rule: the form's check of its value, by name ("colour", "timezone", "currency").
        hint: grey text in an empty input.
        width: a fixed width in characters, for a short input.
        own_line: it starts a line of its own in the row of its group.
        low, high: a number's bounds (a spin box's, and the exchange file's).
        editable: whether forms edit it at all.
        column: its heading in its kind's list, when not its label.
        detail_label: what the details pane calls it, when not its label. A form's label
            says what to enter ("Our minimum (walk-away)", "Priority (1 highest)"); the
            details read a value back, so some are shorter there ("Our minimum").
        size: the most characters it holds, when not its widget's usual (see
            :mod:`briefing.store.exchange.schema`); for a list, each item's.
        default: its value when a file gives none, if not blank (an enum's member by name).
        storage: how it is kept, when its widget does not say.
        description: what the exchange file's schema says of it.
        follows: for a link, the field it comes after in an exchange file (else it comes
            after them all).
        bilingual: whether it is written in Korean as well as English (issue 18): the
            registry declares its Korean text beside it (see :func:`korean_of`).
        korean_of: on that Korean text, the English field it renders.
    """

    name: str
    label: str
    widget: Widget = "text"
    exchange: str = ""
    searchable: bool = False
    protected: bool = False
    group: str = ""
    references: bool = False
    required: bool = False
    choices: str = ""
    targets: tuple[str, ...] = ()
    rule: str = ""
    hint: str = ""
    width: int = 0
    own_line: bool = False
    low: int = 0
    high: int = 0
    editable: bool = True
    column: str = ""
    detail_label: str = ""
    size: int = 0
    default: str | int | bool | None = None
    storage: Storage = ""
    description: str = ""
    follows: str = ""
    bilingual: bool = False
    korean_of: str = ""

    @property
    def heading(self) -> str:
        """Its heading in its kind's list."""
        return self.column or self.label

    @property
    def detail(self) -> str:
        """Its label in the details pane."""
        return self.detail_label or self.label

    @property
    def plain(self) -> bool:
        """Whether its value reads as itself in a list cell: a reference names another
        record and a photo is bytes, which a page shows its own way."""
        return self.widget not in ("ref", "refs") and self.storage != "bytes"

    @property
    def exchange_name(self) -> str:
        """The field's attribute in an exchange file (its column's name unless declared)."""
        return self.exchange or self.name


KOREAN_SUFFIX = "_ko"
"""What a bilingual field's Korean text adds to its column's (and exchange key's) name."""


KOREAN_MARK = " (한국어)"
"""What a Korean text's label adds to its English field's: the label reads the same in
either interface, and the interface translates the English label before it
(:func:`briefing.ui.i18n.word`), so no second message id is declared for it."""


def korean(name: str) -> str:
    """The column (or exchange key) holding the Korean text of the field called ``name``."""
    return name + KOREAN_SUFFIX


def in_edition(english: str, korean: str, language: str) -> str:
    """A bilingual text as a reader in ``language`` reads it (issue 18): in Korean its
    Korean where it has one, else its English; in English its English, else its Korean.
    Always one whole text, so no paragraph mixes the two languages. The book's editions
    and the window's language choose with it alike."""
    first, other = (korean, english) if language == "ko" else (english, korean)
    return first if first.strip() else other


def with_korean(*fields: Field) -> tuple[Field, ...]:
    """``fields``, each bilingual one followed by the declaration of its Korean text.

    The Korean text is a column of its own (``name_ko``), edited, searched, exchanged and
    referenced as its English is. A protected field and its Korean text are one group, so
    they carry one level together: an audience never sees one language of a text it may
    not read in the other.
    """
    out: list[Field] = []
    for field in fields:
        if not field.bilingual:
            out.append(field)
            continue
        group = field.name if field.protected else ""
        out.append(replace(field, group=group))
        out.append(
            Field(
                korean(field.name),
                field.label + KOREAN_MARK,
                field.widget,
                exchange=korean(field.exchange_name),
                searchable=field.searchable,
                protected=field.protected,
                group=group,
                references=field.references,
                size=field.size,
                description=f"The {field.exchange_name} in Korean; absent or empty, there "
                "is none and a Korean book prints the English.",
                korean_of=field.name,
                detail_label=field.detail + KOREAN_MARK,
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record: its table (also its ``record.kind``), its model and its names.

    Attributes:
        name: the table and the polymorphic identity.
        model: the mapped class, as ``module:Class``.
        label, plural: what one and many are called (message ids).
        fields: its own columns, in the table's (and the exchange file's) order.
        exchange: its list in an exchange file.
        title_sql: its display name in SQL over its row ``t`` (and ``joins``), in the SQL
            SQLite and PostgreSQL share (see :mod:`briefing.domain.registry`).
        joins: what ``title_sql`` needs joined besides ``t``.
        search_also: SQL texts search finds it by besides its searchable fields.
        page: the window's page that lists it, if any.
        section: the book section that prints it, if any.
        counted: whether the overview counts it.
        position: a column holding the record's place in its list (not a field: the
            order of the list is the value).
        links: what a form edits besides its columns (aliases, members, linked events),
            which the store keeps in tables of their own.
        form: the order a form shows its fields and links in, when not theirs; any it
            leaves out come after, in theirs.
        columns: its list's columns, in order: its fields' names (headed by
            :attr:`Field.heading`) and the names of columns its page works out itself
            (an office held on a date, a record's handling).
        details: the rows of its details, in order: its fields' and links' names (labelled
            by :attr:`Field.detail`) and the names of rows the details pane works out itself
            (a person's appointments, an event's delegations).
    """

    name: str
    model: str
    label: str
    plural: str
    fields: tuple[Field, ...]
    exchange: str
    title_sql: str = "t.title"
    joins: str = ""
    search_also: tuple[str, ...] = ()
    page: str = ""
    section: str = ""
    counted: bool = False
    position: str = ""
    links: tuple[Field, ...] = ()
    form: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    details: tuple[str, ...] = ()

    def form_fields(self) -> tuple[Field, ...]:
        """What a form edits, in the order it shows them: those :attr:`form` names, then
        any it does not (a field just declared is in the form before anyone places it)."""
        editable = [field for field in (*self.fields, *self.links) if field.editable]
        by_name = {field.name: field for field in editable}
        placed = [by_name[name] for name in self.form]
        return (*placed, *(field for field in editable if field.name not in self.form))

    def field(self, name: str) -> Field:
        """The field of this kind called ``name``; KeyError if it has none."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(f"{self.name} has no field {name!r}")

    def declared(self, name: str) -> Field | None:
        """The field or link called ``name``, or None for a name the kind's page or
        details work out themselves (see :attr:`columns` and :attr:`details`)."""
        return next((f for f in (*self.fields, *self.links) if f.name == name), None)
