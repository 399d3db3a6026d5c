"""The File menu's work: databases, dossiers, dossier files, books and backups.

The window builds this the first time one of these is asked for: looking at a dossier
needs none of the dialogs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from briefing.domain.formats import marked
from briefing.errors import BriefingError
from briefing.store.db import backup
from briefing.store.db.migrate import open_store
from briefing.store.dossier_rows import add_dossier
from briefing.store.exchange.export import export_file
from briefing.store.exchange.writing import import_file
from briefing.text import clean_line
from briefing.ui.commands import DeleteDossier
from briefing.ui.i18n import said, translate
from briefing.ui.settings import LAST_FOLDER

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow
    from briefing.ui.workspace import Workspace


class FileController:
    """Opens and makes databases and dossiers for one window, and keeps its backups.

    Each step that can fail says why in a dialog and leaves the database as it was.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.workspace = window.workspace
        self.store = window.store
        self.settings = window.settings

    def _say(self, message: str, timeout_ms: int) -> None:
        self.window.statusBar().showMessage(message, timeout_ms)

    # ------------------------------------------------------------ databases

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("Files", "Open database"),
            str(self.store.path.parent if self.store.path else Path.home()),
            translate("Files", "Briefing databases (*.sqlite3 *.db);;All files (*)"),
        )
        if path:
            self.window.open_path(path)

    def new_database(self, path: str | None = None) -> Path | None:
        """Create an empty database (asking where, if not told) and open it in a window.

        With ``briefing db create``, the one way a database comes to be: opening a
        missing file is refused, so a mistyped name never leaves an empty database. An
        existing file is never overwritten, even one the save dialog offered to replace.
        """
        if path is None:
            folder = self.store.path.parent if self.store.path else Path.home()
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                translate("Files", "New database"),
                str(folder / "briefing.sqlite3"),
                translate("Files", "Briefing databases (*.sqlite3 *.db)"),
            )
            if not path:
                return None
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".sqlite3")
        if target.exists() and (target.is_dir() or target.stat().st_size > 0):
            self.window.show_error(
                translate("Files", "No database created"),
                translate("Files", "{path} already exists; nothing changed.").format(path=target),
            )
            return None
        try:
            open_store(target, seed_sample=False, create=True).close()
        except BriefingError as exc:
            self.window.show_error(translate("Files", "No database created"), said(exc))
            return None
        self.window.open_path(str(target))
        return target

    # ------------------------------------------------------------ dossiers

    def new_dossier(self) -> None:
        title, ok = QInputDialog.getText(
            self.window,
            translate("Files", "New dossier"),
            translate("Files", "Title of the negotiation or visit:"),
        )
        if ok and title.strip():
            self.create_dossier(title.strip())

    def create_dossier(self, title: str) -> int:
        """An empty dossier at the lowest level, shown at once."""
        lowest, _name, _marking = self.workspace.levels[0]  # they are in rank order
        with self.store.session() as session:
            dossier_id = add_dossier(session, title, lowest)
        self.window.fill_dossiers()
        self.window.pick_dossier(dossier_id)
        return dossier_id

    def delete_dossier(self) -> bool:
        """Delete the dossier on screen, after a question naming it and a backup.

        Edit ▸ Undo brings it back, every record with its id; the backup is for when
        the window has been closed since.
        """
        slug, title, _as_of = self.workspace.dossier()
        title = clean_line(title)  # at the lowest level: any audience may see it
        yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
        asked = QMessageBox.question(
            self.window,
            translate("Files", "Delete dossier"),
            translate(
                "Files",
                "Delete the dossier “{title}” ({slug}) and everything in it?\n\n"
                "A backup of the database is made first, and Edit ▸ Undo brings it back.",
            ).format(title=title, slug=slug),
            yes | cancel,
            cancel,
        )
        if asked != yes:
            return False
        try:
            saved = (
                backup.backup_database(self.store.path, "before-delete", access=self.store.access)
                if self.store.path is not None
                else None
            )
            self.workspace.push(DeleteDossier(self.workspace, slug, title))
        except BriefingError as exc:
            self.window.show_error(translate("Files", "The dossier was not deleted"), said(exc))
            return False
        kept = (
            translate("Files", "; the database as it was is in {path}").format(path=saved)
            if saved
            else ""
        )
        self._say(
            translate("Files", "Deleted {title}{said}").format(title=title, said=kept), 20_000
        )
        return True

    # ------------------------------------------------------------ dossier files

    def import_dossier(self, path: str | None = None) -> str | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                translate("Files", "Import dossier file"),
                str(LAST_FOLDER.read(self.settings)),
                translate("Files", "Dossier files (*.json);;All files (*)"),
            )
            if not path:
                return None
        try:
            slug = import_file(self.store, Path(path)).slug
        except BriefingError as exc:
            self.window.show_error(
                translate("Files", "The dossier was not imported"),
                translate("Files", "{reason}\n\nNothing in the database was changed.").format(
                    reason=said(exc)
                ),
            )
            return None
        self.window.fill_dossiers()
        self.window.choose_dossier(slug)
        self.workspace.changed.emit()
        return slug

    def export_dossier(self) -> None:
        """The whole dossier, at every level, to a file."""
        self._write_dossier_file(None, None)

    def export_for_audience(
        self, audience: int | None = None, path: str | None = None
    ) -> Path | None:
        """What an audience (a rank) may see of the dossier, to a file; asks for what is
        not given, the audience first (the one chosen in the toolbar, to begin with)."""
        if audience is None:
            audience = self.ask_audience()
            if audience is None:
                return None
        return self._write_dossier_file(audience, path)

    def ask_audience(self) -> int | None:
        return choose_audience(
            self.window,
            self.workspace,
            translate("Files", "Export dossier for an audience"),
            translate("Files", "Write only what this audience may see:"),
        )

    def _write_dossier_file(self, audience: int | None, path: str | None) -> Path | None:
        """Write the dossier file (whole, or for an audience), asking where if not told."""
        slug, _title, _as_of = self.workspace.dossier()
        whom = (
            ""
            if audience is None
            else translate("Files", " for the {level} audience").format(
                level=self.workspace.level_name(audience)
            )
        )
        if path is None:
            name = f"{slug}.json" if audience is None else f"{slug}-audience-{audience}.json"
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                translate("Files", "Export dossier file{whom}").format(whom=whom),
                str(LAST_FOLDER.read(self.settings) / name),
                translate("Files", "Dossier files (*.json)"),
            )
            if not path:
                return None
        target = Path(path)
        try:
            export_file(self.store, slug, target, audience=audience)
        except BriefingError as exc:
            self.window.show_error(translate("Files", "The dossier was not exported"), said(exc))
            return None
        LAST_FOLDER.write(self.settings, target.parent)
        self._say(
            translate("Files", "Exported {slug}{whom} to {path}").format(
                slug=slug, whom=whom, path=target
            ),
            5000,
        )
        return target

    def export_book(self) -> QDialog:
        """Open the export dialog.

        Its module is imported here, on the first export: it loads ReportLab and pypdfium2.
        """
        from briefing.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.workspace, self.settings, self.window)
        dialog.exported.connect(lambda _result: self.workspace.changed.emit())
        dialog.open()
        return dialog

    # ------------------------------------------------------------ backups

    def backup_now(self) -> Path | None:
        if self.store.path is None:
            return None
        try:
            made = backup.backup_database(self.store.path, "manual", access=self.store.access)
        except BriefingError as exc:
            self.window.show_error(translate("Files", "No backup made"), said(exc))
            return None
        self._say(translate("Files", "Backed up to {path}").format(path=made), 8000)
        return made

    def choose_backup(self) -> None:
        if self.store.path is None:
            return
        names = [b.name for b in reversed(backup.list_backups(self.store.path))]
        if not names:
            self.window.show_error(
                translate("Files", "No backups"),
                translate("Files", "There are no backups of {path} yet.").format(
                    path=self.store.path
                ),
            )
            return
        name, ok = QInputDialog.getItem(
            self.window,
            translate("Files", "Restore backup"),
            translate("Files", "Bring back this copy (the current file is backed up first):"),
            names,
            0,
            False,
        )
        if ok and name:
            self.restore(name)

    def restore(self, name: str) -> None:
        assert self.store.path is not None
        self.store.close()  # no idle connection keeps a view of the file from before
        try:
            safety = backup.restore_backup(
                self.store.path, backup.find_backup(self.store.path, name), self.store.access
            )
        except BriefingError as exc:
            self.window.show_error(translate("Files", "Not restored"), said(exc))
            return
        self.workspace.undo_stack.clear()
        self.window.details.show_record(None)
        self.window.fill_dossiers()
        ids = self.workspace.dossier_ids()
        self.workspace.dossier_id = ids[0] if ids else 0
        self.workspace.changed.emit()
        self._say(
            translate("Files", "Restored {name}; the file as it was is in {safety}").format(
                name=name, safety=safety.name
            ),
            10000,
        )


def choose_audience(parent: QWidget, workspace: Workspace, title: str, prompt: str) -> int | None:
    """The rank of the audience a file is written for, asked among the dossier's levels,
    starting at the toolbar's (staff's is the highest); None if the person cancelled."""
    levels = workspace.levels
    place = {rank: number for number, (rank, _name, _marking) in enumerate(levels)}
    choices = [marked(marking, name) for _rank, name, marking in levels]
    chosen, ok = QInputDialog.getItem(
        parent, title, prompt, choices, place.get(workspace.level, len(levels) - 1), False
    )
    if not ok or chosen not in choices:
        return None
    return levels[choices.index(chosen)][0]
