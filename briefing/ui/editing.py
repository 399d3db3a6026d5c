"""Creating, editing and deleting records from the GUI: forms in, undo commands out."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from briefing.domain import Citation, Dossier, Record
from briefing.domain.enums import Stance
from briefing.domain.formats import marked
from briefing.domain.registry import kind_of, label_of, model_of
from briefing.errors import BriefingError
from briefing.store.edits import preview_delete, read_fields
from briefing.store.transaction import transaction
from briefing.store.versions import Changed
from briefing.store.visibility import below_parents
from briefing.ui.commands import (
    AddCitation,
    ChangeCitation,
    ChangeRecord,
    CreateRecord,
    DeleteCitation,
    DeleteRecord,
)
from briefing.ui.forms import Field, FormDialog, citation_fields, fields_for
from briefing.ui.i18n import said, translate, word
from briefing.ui.workspace import Workspace


class Editor:
    """Opens forms for a workspace and turns accepted forms into undoable commands.

    The ``apply_*`` methods do the work without a dialog; the GUI's actions and the
    tests both go through them.
    """

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        self.workspace = workspace
        self.parent = parent

    # ------------------------------------------------------------ forms

    def _levels(self) -> list[tuple[str, Any]]:
        return [(marked(m, n), r) for r, n, m in self.workspace.levels]

    def form_for_record(self, record_id: int) -> tuple[FormDialog, type[Record]]:
        """The record's form, filled as it is saved now; the form remembers the version."""
        with transaction(self.workspace.store) as session:
            record = session.get_one(Record, record_id)
            model = model_of(kind_of(record.kind))
            fields = fields_for(session, model, self.workspace.dossier_id, self._levels())
            initial = read_fields(record, [name for f in fields for name in (f.name, *f.also)])
            name = record.display_name
            version = record.version
        form = FormDialog(
            translate("Editing", "Edit {name}").format(name=name), fields, initial, self.parent
        )
        form.version = version
        return form, model

    def _read_record(self, record_id: int, form: FormDialog) -> tuple[dict[str, Any], int | None]:
        """The record as saved now, in ``form``'s fields, and its version (a reload)."""
        with transaction(self.workspace.store) as session:
            record = session.get_one(Record, record_id)
            names = [name for spec in form.specs.values() for name in (spec.name, *spec.also)]
            return read_fields(record, names), record.version

    def form_for_new(self, kind: str) -> FormDialog:
        model = model_of(kind_of(kind))
        with transaction(self.workspace.store) as session:
            fields = fields_for(session, model, self.workspace.dossier_id, self._levels())
        defaults: dict[str, Any] = {
            "handling": self._default_handling(),
            "priority": 3,
            "tradeable": True,
            "colour": "#607080",
            "language": "en",
            "credibility": 3,
        }
        return FormDialog(
            translate("Editing", "New {kind}").format(kind=word(kind_of(kind).label).lower()),
            fields,
            defaults,
            self.parent,
        )

    def _default_handling(self) -> int:
        with transaction(self.workspace.store) as session:
            return session.get_one(Dossier, self.workspace.dossier_id).default_handling

    def edit_record(self, record_id: int) -> None:
        """Edit in a form; a save that fails (the server stopped answering, the disk is
        full) shows the form again as typed, so the edit is kept until saved or cancelled."""
        form, _model = self.form_for_record(record_id)
        while form.exec() == QDialog.DialogCode.Accepted:
            if self.submit_edit(record_id, form):
                return

    def submit_edit(self, record_id: int, form: FormDialog) -> bool:
        """Save an accepted form. False when the save failed (shown) or someone saved the
        record since the form read it (the form then says who and when, and offers to
        reload): either way the form is shown again with its values."""
        return self._submit(
            form,
            lambda: self.save_edit(record_id, form.values(), form.version),
            lambda: self._read_record(record_id, form),
        )

    def _submit(self, form: FormDialog, save: Any, read: Any) -> bool:
        from briefing.ui.conflicts import banner

        try:
            saved = self._guard(save, refused=Changed)
        except Changed as exc:
            banner(form, read).refused(exc)
            return False
        return saved is not None

    def save_edit(self, record_id: int, values: dict[str, Any], version: int | None = None) -> bool:
        """Save a form's values, first asking before a raise that drags children up.

        Returns whether anything was saved: Cancel saves nothing. ``version`` is the
        record's version the form was read from; None saves over whatever is there.
        """
        raised = self.raise_question(record_id, values)
        if raised is not None:
            answer = QMessageBox.question(
                self.parent,
                translate("Editing", "Raise the level"),
                raised,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self.apply_edit(record_id, values, version)

    RAISED_NAMED = 12
    """Children named in the question; an event with many delegations says how many more."""

    def raise_question(self, record_id: int, values: dict[str, Any]) -> str | None:
        """What raising the record to ``values["handling"]`` also raises, as a question;
        None when it raises nothing else (a child is never below its parents)."""
        if "handling" not in values:
            return None
        rank = int(values["handling"])
        with transaction(self.workspace.store) as session:
            record = session.get_one(Record, record_id)
            children = [child.display_name for child in below_parents(session, record, rank)]
            kind = word(label_of(record.kind)).lower()
        if not children:
            return None
        named = ", ".join(children[: self.RAISED_NAMED])
        more = len(children) - len(children[: self.RAISED_NAMED])
        if more:
            named += translate("Editing", " and {more} more").format(more=more)
        level = self.workspace.level_name(rank)
        return translate(
            "Editing",
            "Raising this {kind} to {level} also raises: {named}.\n\n"
            "A record named after another is never below it. You can undo this with Ctrl+Z.",
        ).format(kind=kind, level=level, named=named)

    def new_record(self, kind: str) -> int | None:
        form = self.form_for_new(kind)
        while form.exec() == QDialog.DialogCode.Accepted:  # kept as typed until saved
            created = self._guard(lambda: self.apply_new(kind, form.values()))
            if created is not None:
                return int(created)
        return None

    def delete_record(self, record_id: int) -> None:
        with transaction(self.workspace.store) as session:
            record = session.get_one(Record, record_id)
            name = record.display_name
            version = record.version
            dependents = preview_delete(session, record_id)
        also = (
            translate("Editing", "\n\nThis also deletes: {records}.").format(
                records=", ".join(dependents)
            )
            if dependents
            else ""
        )
        answer = QMessageBox.question(
            self.parent,
            translate("Editing", "Delete record"),
            translate("Editing", "Delete “{name}”?{also}\n\nYou can undo this with Ctrl+Z.").format(
                name=name, also=also
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._guard(lambda: self.apply_delete(record_id, version))

    def citation_form(self, record_id: int) -> FormDialog:
        """The form for a new citation of ``record_id``; its level starts at the floor."""
        with transaction(self.workspace.store) as session:
            record_level = session.get_one(Record, record_id).handling
            fields = citation_fields(
                session, self.workspace.dossier_id, self._levels(), record_level
            )
        return FormDialog(
            translate("Editing", "Add citation"),
            fields,
            {"credibility": 3, "stance": Stance.SUPPORTS},
            self.parent,
        )

    def add_citation(self, record_id: int) -> None:
        form = self.citation_form(record_id)
        if form.exec() == QDialog.DialogCode.Accepted:
            self._guard(lambda: self.apply_add_citation(record_id, form.values()))

    def citation_edit_form(self, citation_id: int) -> FormDialog:
        """The citation's form; it remembers its record's version (a citation is part of it)."""
        with transaction(self.workspace.store) as session:
            citation = session.get_one(Citation, citation_id)
            fields: list[Field] = citation_fields(
                session, self.workspace.dossier_id, self._levels(), citation.record.handling
            )
            initial = {f.name: getattr(citation, f.name) for f in fields}
            version = citation.record.version
        form = FormDialog(translate("Editing", "Edit citation"), fields, initial, self.parent)
        form.version = version
        return form

    def _read_citation(self, citation_id: int, form: FormDialog) -> tuple[dict[str, Any], int]:
        with transaction(self.workspace.store) as session:
            citation = session.get_one(Citation, citation_id)
            return {name: getattr(citation, name) for name in form.specs}, citation.record.version

    def edit_citation(self, citation_id: int) -> None:
        form = self.citation_edit_form(citation_id)
        while form.exec() == QDialog.DialogCode.Accepted:
            if self.submit_citation_edit(citation_id, form):
                return

    def submit_citation_edit(self, citation_id: int, form: FormDialog) -> bool:
        """As :meth:`submit_edit`, for a citation's form."""
        return self._submit(
            form,
            lambda: self.apply_citation_edit(citation_id, form.values(), form.version),
            lambda: self._read_citation(citation_id, form),
        )

    def delete_citation(self, citation_id: int) -> None:
        self._guard(lambda: self.workspace.push(DeleteCitation(self.workspace, citation_id)))

    def _guard(self, action: Any, refused: type[BriefingError] | None = None) -> Any:
        """Run ``action``, showing why a change was not saved; ``refused`` (a refusal the
        caller shows itself) is raised on."""
        try:
            return action()
        except (BriefingError, OSError) as exc:
            if refused is not None and isinstance(exc, refused):
                raise
            QMessageBox.warning(
                self.parent,
                translate("Editing", "Not saved"),
                translate("Editing", "The change was not saved:\n{reason}").format(
                    reason=said(exc)
                ),
            )
            return None

    # ------------------------------------------------------------ the work

    def apply_edit(
        self, record_id: int, values: dict[str, Any], version: int | None = None
    ) -> bool:
        """Save what differs from the record; returns whether anything did. Refused
        (:class:`~briefing.store.versions.Changed`) when it is no longer at ``version``."""
        with transaction(self.workspace.store) as session:
            record = session.get_one(Record, record_id)
            stored = read_fields(record, list(values))
            changed = {k: v for k, v in values.items() if stored[k] != v}
            name = record.display_name
        if changed:
            self.workspace.push(ChangeRecord(self.workspace, record_id, changed, name, version))
        return bool(changed)

    def apply_new(self, kind: str, values: dict[str, Any]) -> int:
        command = CreateRecord(
            self.workspace, model_of(kind_of(kind)), values, word(kind_of(kind).label).lower()
        )
        self.workspace.push(command)
        return command.record_id

    def apply_delete(self, record_id: int, version: int | None = None) -> None:
        with transaction(self.workspace.store) as session:
            name = session.get_one(Record, record_id).display_name
        self.workspace.push(DeleteRecord(self.workspace, record_id, name, version))

    def apply_add_citation(self, record_id: int, values: dict[str, Any]) -> None:
        self.workspace.push(AddCitation(self.workspace, {"record_id": record_id, **values}))

    def apply_citation_edit(
        self, citation_id: int, values: dict[str, Any], version: int | None = None
    ) -> None:
        self.workspace.push(ChangeCitation(self.workspace, citation_id, values, version))
