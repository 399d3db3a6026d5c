"""Undo commands: each change a person makes, as one transaction that can be reversed.

The work is done by ``briefing.store.edits``; these classes only remember what is needed
to go back and forth, including the levels the store raised to keep a child at or above
its parents, so undo lowers them again. The first application happens in
:meth:`apply_first`, called by :meth:`Workspace.push` before the command joins the stack,
so a refused change raises to the form that asked for it instead of disappearing inside
Qt's ``redo``.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtGui import QUndoCommand

from briefing.domain import Record
from briefing.domain.enums import DayCount
from briefing.store.citations import add_citation, change_citation
from briefing.store.dossiers import (
    DeletedDossier,
    delete_dossier,
    restore_dossier,
    set_day_count,
    set_home_zone,
)
from briefing.store.edits import (
    Change,
    Snapshot,
    apply_change,
    create_record,
    delete_rows,
    restore,
    undo_change,
)
from briefing.store.lists.summary import dossiers
from briefing.store.transaction import Session, transaction
from briefing.store.versions import Changed, written
from briefing.store.visibility import raised_messages
from briefing.ui.i18n import translate
from briefing.ui.workspace import Workspace


class StoreCommand(QUndoCommand):
    def __init__(self, workspace: Workspace, text: str) -> None:
        super().__init__(text)
        self.workspace = workspace
        self._applied_once = False

    def _run(self, action: str) -> None:
        with transaction(self.workspace.store) as session:
            getattr(self, action)(session)
            raised = raised_messages(session)
            saved = written(session)
        self.workspace.versions.update(saved)
        self.settle()
        self.workspace.changed.emit()
        if raised:
            self.workspace.levels_raised.emit(raised)

    def apply_first(self) -> None:
        self._run("do")
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
            return
        self._step("again", "redone")

    def undo(self) -> None:
        self._step("back", "undone")

    def _step(self, action: str, done: str) -> None:
        """Undo or redo; when someone changed the record since, nothing is written and the
        step leaves the history (Qt drops an obsolete command), which stays in step."""
        try:
            self._run(action)
        except Changed as exc:
            self.setObsolete(True)
            message = (
                translate(
                    "Commands",
                    "“{step}” cannot be undone: {reason}, after your change. It has been "
                    "taken off the undo history; theirs is kept.",
                )
                if done == "undone"
                else translate(
                    "Commands",
                    "“{step}” cannot be redone: {reason}, after your change. It has been "
                    "taken off the undo history; theirs is kept.",
                )
            )
            self.workspace.failed.emit(message.format(step=self.text(), reason=exc.headline))
            self.workspace.changed.emit()

    def loaded(self, record_id: int) -> int | None:
        """The version this window last gave ``record_id``: an undo is refused over a
        change someone else made after it."""
        return self.workspace.versions.get(record_id)

    def do(self, session: Session) -> None:
        raise NotImplementedError

    def again(self, session: Session) -> None:
        self.do(session)

    def back(self, session: Session) -> None:
        raise NotImplementedError

    def settle(self) -> None:
        """Once the change is committed, before the views hear of it: set what the
        workspace shows, for a command that changes that (most do not)."""


class ChangeRecord(StoreCommand):
    """``version``: the version of the record the form was filled from (None: any)."""

    def __init__(
        self,
        workspace: Workspace,
        record_id: int,
        values: dict[str, Any],
        name: str,
        version: int | None = None,
    ) -> None:
        super().__init__(workspace, translate("Commands", "Edit {name}").format(name=name))
        self.record_id = record_id
        self.values = values
        self.version = version
        self.change = Change({}, {})

    def do(self, session: Session) -> None:
        self.change = apply_change(session, self.record_id, self.values, self.version)

    def again(self, session: Session) -> None:
        self.change = apply_change(
            session, self.record_id, self.values, self.loaded(self.record_id)
        )

    def back(self, session: Session) -> None:
        undo_change(session, self.record_id, self.change, self.loaded(self.record_id))


class CreateRecord(StoreCommand):
    """Undo deletes the new record; redo puts the very same row back (same id)."""

    def __init__(
        self, workspace: Workspace, model: type[Record], values: dict[str, Any], name: str
    ) -> None:
        super().__init__(workspace, translate("Commands", "Add {name}").format(name=name))
        self.model = model
        self.values = values
        self.uid = f"{model.__tablename__}:{uuid.uuid4().hex[:12]}"
        self.record_id = 0
        self.snapshot = Snapshot()

    def do(self, session: Session) -> None:
        self.record_id = create_record(
            session, self.model, self.workspace.dossier_id, self.uid, self.values
        )

    def again(self, session: Session) -> None:
        restore(session, self.snapshot)

    def back(self, session: Session) -> None:
        self.snapshot = delete_rows(
            session, "record", {"id": self.record_id}, self.loaded(self.record_id)
        )


class DeleteRecord(StoreCommand):
    """``version``: the version of the record the person saw when asking (None: any)."""

    def __init__(
        self, workspace: Workspace, record_id: int, name: str, version: int | None = None
    ) -> None:
        super().__init__(workspace, translate("Commands", "Delete {name}").format(name=name))
        self.record_id = record_id
        self.version = version
        self.snapshot = Snapshot()

    def do(self, session: Session) -> None:
        self.snapshot = delete_rows(session, "record", {"id": self.record_id}, self.version)

    def again(self, session: Session) -> None:
        self.snapshot = delete_rows(
            session, "record", {"id": self.record_id}, self.loaded(self.record_id)
        )

    def back(self, session: Session) -> None:
        restore(session, self.snapshot)


class AddCitation(StoreCommand):
    def __init__(self, workspace: Workspace, values: dict[str, Any]) -> None:
        super().__init__(workspace, translate("Commands", "Add citation"))
        self.values = values
        self.citation_id = 0
        self.snapshot = Snapshot()

    def do(self, session: Session) -> None:
        self.citation_id = add_citation(session, self.values)

    def again(self, session: Session) -> None:
        restore(session, self.snapshot)

    def back(self, session: Session) -> None:
        record_id = int(self.values["record_id"])
        self.snapshot = delete_rows(
            session, "citation", {"id": self.citation_id}, self.loaded(record_id)
        )


class ChangeCitation(StoreCommand):
    """Undo puts back the citation's level too: a new source above it raised it."""

    def __init__(
        self,
        workspace: Workspace,
        citation_id: int,
        values: dict[str, Any],
        version: int | None = None,
    ) -> None:
        super().__init__(workspace, translate("Commands", "Edit citation"))
        self.citation_id = citation_id
        self.values = values
        self.version = version
        self.record_id = 0
        self.before: dict[str, Any] = {}

    def do(self, session: Session) -> None:
        self.before = change_citation(session, self.citation_id, self.values, self.version)
        self.record_id = next(iter(written(session)))

    def again(self, session: Session) -> None:
        self.before = change_citation(
            session, self.citation_id, self.values, self.loaded(self.record_id)
        )

    def back(self, session: Session) -> None:
        change_citation(session, self.citation_id, self.before, self.loaded(self.record_id))


class DeleteCitation(StoreCommand):
    def __init__(self, workspace: Workspace, citation_id: int) -> None:
        super().__init__(workspace, translate("Commands", "Delete citation"))
        self.citation_id = citation_id
        self.snapshot = Snapshot()

    def do(self, session: Session) -> None:
        self.snapshot = delete_rows(session, "citation", {"id": self.citation_id})

    def back(self, session: Session) -> None:
        restore(session, self.snapshot)


class DeleteDossier(StoreCommand):
    """Deletes a whole dossier and shows the next; undo puts every row back with its ids
    (:func:`briefing.store.dossiers.restore_dossier`) and shows it again."""

    def __init__(self, workspace: Workspace, slug: str, title: str) -> None:
        super().__init__(
            workspace, translate("Commands", "Delete dossier {title}").format(title=title)
        )
        self.slug = slug
        self.dossier_id = workspace.dossier_id
        self.deleted: DeletedDossier | None = None
        self.shown = self.dossier_id

    def do(self, session: Session) -> None:
        self.deleted = delete_dossier(session, self.slug)
        self.shown = next((shown for shown, _slug, _title in dossiers(session)), 0)

    def back(self, session: Session) -> None:
        assert self.deleted is not None
        restore_dossier(session, self.deleted)
        self.shown = self.dossier_id

    def settle(self) -> None:
        self.workspace.show_dossier(self.shown)
        self.workspace.dossiers_changed.emit()


class SetDayCount(StoreCommand):
    """Count the dossier's days from today or from its as-of date; undo counts as before."""

    def __init__(self, workspace: Workspace, count: DayCount) -> None:
        text = (
            translate("Commands", "Count days from today")
            if count == DayCount.TODAY
            else translate("Commands", "Count days from the as-of date")
        )
        super().__init__(workspace, text)
        self.dossier_id = workspace.dossier_id
        self.count = count
        self.before = count

    def do(self, session: Session) -> None:
        self.before = set_day_count(session, self.dossier_id, self.count)

    def back(self, session: Session) -> None:
        set_day_count(session, self.dossier_id, self.before)


def count_days_from(workspace: Workspace, count: DayCount) -> None:
    """Switch what the dossier on screen counts days from, as one undoable step."""
    if workspace.dossier_id and count != workspace.day_count()[0]:
        workspace.push(SetDayCount(workspace, count))


class SetHomeZone(StoreCommand):
    """Make another zone the dossier's home clock; undo brings the one before back."""

    def __init__(self, workspace: Workspace, zone: str) -> None:
        super().__init__(
            workspace, translate("Commands", "Set the home time zone to {zone}").format(zone=zone)
        )
        self.dossier_id = workspace.dossier_id
        self.zone = zone
        self.before = zone

    def do(self, session: Session) -> None:
        self.before = set_home_zone(session, self.dossier_id, self.zone)

    def back(self, session: Session) -> None:
        set_home_zone(session, self.dossier_id, self.before)
