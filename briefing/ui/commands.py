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
from briefing.store.visibility import raised_messages
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
        self._run("again")

    def undo(self) -> None:
        self._run("back")

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
    def __init__(
        self, workspace: Workspace, record_id: int, values: dict[str, Any], name: str
    ) -> None:
        super().__init__(workspace, f"Edit {name}")
        self.record_id = record_id
        self.values = values
        self.change = Change({}, {})

    def do(self, session: Session) -> None:
        self.change = apply_change(session, self.record_id, self.values)

    def back(self, session: Session) -> None:
        undo_change(session, self.record_id, self.change)


class CreateRecord(StoreCommand):
    """Undo deletes the new record; redo puts the very same row back (same id)."""

    def __init__(
        self, workspace: Workspace, model: type[Record], values: dict[str, Any], name: str
    ) -> None:
        super().__init__(workspace, f"Add {name}")
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
        self.snapshot = delete_rows(session, "record", {"id": self.record_id})


class DeleteRecord(StoreCommand):
    def __init__(self, workspace: Workspace, record_id: int, name: str) -> None:
        super().__init__(workspace, f"Delete {name}")
        self.record_id = record_id
        self.snapshot = Snapshot()

    def do(self, session: Session) -> None:
        self.snapshot = delete_rows(session, "record", {"id": self.record_id})

    def back(self, session: Session) -> None:
        restore(session, self.snapshot)


class AddCitation(StoreCommand):
    def __init__(self, workspace: Workspace, values: dict[str, Any]) -> None:
        super().__init__(workspace, "Add citation")
        self.values = values
        self.citation_id = 0
        self.snapshot = Snapshot()

    def do(self, session: Session) -> None:
        self.citation_id = add_citation(session, self.values)

    def again(self, session: Session) -> None:
        restore(session, self.snapshot)

    def back(self, session: Session) -> None:
        self.snapshot = delete_rows(session, "citation", {"id": self.citation_id})


class ChangeCitation(StoreCommand):
    """Undo puts back the citation's level too: a new source above it raised it."""

    def __init__(self, workspace: Workspace, citation_id: int, values: dict[str, Any]) -> None:
        super().__init__(workspace, "Edit citation")
        self.citation_id = citation_id
        self.values = values
        self.before: dict[str, Any] = {}

    def do(self, session: Session) -> None:
        self.before = change_citation(session, self.citation_id, self.values)

    def back(self, session: Session) -> None:
        change_citation(session, self.citation_id, self.before)


class DeleteCitation(StoreCommand):
    def __init__(self, workspace: Workspace, citation_id: int) -> None:
        super().__init__(workspace, "Delete citation")
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
        super().__init__(workspace, f"Delete dossier {title}")
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
        what = "today" if count == DayCount.TODAY else "the as-of date"
        super().__init__(workspace, f"Count days from {what}")
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
