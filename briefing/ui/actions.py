"""The main window's actions, their keys, the toolbar and the menus.

The window imports this module when it attaches a database, not at start-up: the frame
paints before QAction, QKeySequence and the toolbar's widgets are needed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QToolBar, QWidget

from briefing.domain.enums import DayCount
from briefing.domain.formats import marked
from briefing.domain.registry import KINDS
from briefing.store.visibility import EVERYTHING
from briefing.ui.i18n import translate, word
from briefing.ui.search import SearchField
from briefing.ui.settings import LANGUAGE, RECENT_DATABASES

if TYPE_CHECKING:
    from briefing.domain import TravelBase
    from briefing.ui.calendar_files import CalendarFiles
    from briefing.ui.editions import EditionsDialog
    from briefing.ui.main_window import MainWindow
    from briefing.ui.raised_edits import RaisedEditsDialog
    from briefing.ui.sync import Syncer
    from briefing.ui.sync_conflicts import ConflictsDialog
    from briefing.ui.travel import TravelCopier

Keys = QKeySequence | QKeySequence.StandardKey | str


class WindowActions:
    """Every action of one window, each with its slot, key and tip.

    Keys are given out by :meth:`bind_shortcuts`, once the first page is on screen.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        self._shortcuts: list[tuple[QAction, list[QKeySequence]]] = []
        stack = w.workspace.undo_stack
        self.undo = stack.createUndoAction(w, translate("Actions", "&Undo"))
        self._shortcuts.append((self.undo, [QKeySequence(QKeySequence.StandardKey.Undo)]))
        self.redo = stack.createRedoAction(w, translate("Actions", "&Redo"))
        self._shortcuts.append((self.redo, [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]))
        self.edit = self.make(
            translate("Actions", "&Edit record…"),
            w.edit_current,
            "Ctrl+E",
            translate("Actions", "Edit the selected record"),
        )
        self.delete = self.make(
            translate("Actions", "&Delete record…"),
            w.delete_current,
            QKeySequence.StandardKey.Delete,
            translate("Actions", "Delete the selected record"),
        )
        self.cite = self.make(
            translate("Actions", "Add &citation…"),
            w.cite_current,
            "Ctrl+Shift+C",
            translate("Actions", "Cite a source for the selected record"),
        )
        self.find = self.make(
            translate("Actions", "&Find…"),
            lambda: w.search.focus_search(),
            "Ctrl+K",
            translate("Actions", "Search every record and source"),
        )
        self.quit = self.make(translate("Actions", "&Quit"), w.close, QKeySequence.StandardKey.Quit)
        self.open = self.make(
            translate("Actions", "&Open database…"),
            lambda: w.files.choose_database(),
            QKeySequence.StandardKey.Open,
        )
        self.new_database = self.make(
            translate("Actions", "New &database…"),
            lambda: w.files.new_database(),
            None,
            translate("Actions", "Create an empty database and open it"),
        )
        self.new_dossier = self.make(
            translate("Actions", "&New dossier…"), lambda: w.files.new_dossier(), "Ctrl+Shift+N"
        )
        self.delete_dossier = self.make(
            translate("Actions", "De&lete dossier…"),
            lambda: w.files.delete_dossier(),
            None,
            translate(
                "Actions",
                "Delete the dossier on screen and everything in it (a backup is made first)",
            ),
        )
        self.import_dossier = self.make(
            translate("Actions", "&Import dossier file…"),
            lambda: w.files.import_dossier(),
            "Ctrl+I",
        )
        self.book = self.make(
            translate("Actions", "Export &briefing book…"),
            lambda: w.files.export_book(),
            "Ctrl+B",
            translate("Actions", "Print the dossier as a PDF book"),
        )
        self.editions_dialog: EditionsDialog | None = None
        self.editions = self.make(
            translate("Actions", "E&ditions…"),
            self.show_editions,
            "Ctrl+Shift+B",
            translate(
                "Actions", "The editions printed of this dossier: open, reprint or compare them"
            ),
        )
        self.export_dossier = self.make(
            translate("Actions", "E&xport dossier file…"),
            lambda: w.files.export_dossier(),
            "Ctrl+Shift+E",
        )
        self.export_audience = self.make(
            translate("Actions", "Export dossier for an &audience…"),
            lambda: w.files.export_for_audience(),
            None,
            translate("Actions", "Write a dossier file holding only what one audience may see"),
        )
        self.calendar_files: CalendarFiles | None = None
        self.export_calendar = self.make(
            translate("Actions", "Export &calendar…"),
            lambda: self.calendar().export(),
            None,
            translate("Actions", "Write the events one audience may see as an iCalendar file"),
        )
        self.import_calendar = self.make(
            translate("Actions", "I&mport calendar…"),
            lambda: self.calendar().import_(),
            None,
            translate("Actions", "Add or update events from a calendar (.ics) file"),
        )
        self.travel_copier: TravelCopier | None = None
        self.travel_out = self.make(
            translate("Actions", "Take a copy for tra&vel…"), self.take_travel_copy
        )
        self.syncer: Syncer | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        self._copy_base: tuple[TravelBase | None] | None = None  # None: not looked at yet
        self.sync = self.make(translate("Actions", "S&ync with the team server…"), self.sync_copy)
        self.conflicts = self.make(translate("Actions", "Travel &conflicts…"), self.show_conflicts)
        self.raised_dialog: RaisedEditsDialog | None = None
        self.raised = self.make(translate("Actions", "Travel edits &passed on…"), self.show_raised)
        self.reload = self.make(
            translate("Actions", "&Reload"),
            w.workspace.changed.emit,
            "F5",
            translate("Actions", "Show changes made elsewhere"),
        )
        self.backup = self.make(
            translate("Actions", "&Back up now"),
            lambda: w.files.backup_now(),
            None,
            translate("Actions", "Copy the database to its backups folder"),
        )
        self.restore = self.make(
            translate("Actions", "Restore &backup…"),
            lambda: w.files.choose_backup(),
            None,
            translate("Actions", "Bring back an earlier copy"),
        )
        self.lock = self.make(
            translate("Actions", "&Lock now"),
            lambda: w.locker.lock(),
            "Ctrl+L",
            translate("Actions", "Hide everything until the passphrase is entered"),
        )
        self.lock_minutes = self.make(
            translate("Actions", "Auto-lock after…"), lambda: w.locker.choose_minutes()
        )
        self.count_from_as_of = self.make(
            translate("Actions", "Count days from the &as-of date"),
            lambda: w.count_days_from_as_of(self.count_from_as_of.isChecked()),
            None,
            translate(
                "Actions",
                "Count D-days, offices and checks from the dossier's as-of date, not today",
            ),
        )
        self.count_from_as_of.setCheckable(True)
        self.new = {
            kind.name: self.make(
                translate("Actions", "New {kind}…").format(kind=word(kind.label).lower()),
                partial(w.new_record, kind.name),
            )
            for kind in KINDS
        }
        self._shortcuts.append((self.new["person"], [QKeySequence(QKeySequence.StandardKey.New)]))

    def make(
        self, text: str, slot: Callable[[], object], keys: Keys | None = None, tip: str = ""
    ) -> QAction:
        """An action of the window's, its key held back until :meth:`bind_shortcuts`."""
        action = QAction(text, self.window)
        if keys is not None:
            self._shortcuts.append((action, [QKeySequence(keys)]))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def calendar(self) -> CalendarFiles:
        """File ▸ Export / Import calendar… (its module loads on first use)."""
        from briefing.ui.calendar_files import CalendarFiles

        if self.calendar_files is None:
            self.calendar_files = CalendarFiles(self.window)
        return self.calendar_files

    def take_travel_copy(self) -> None:
        """File ▸ Take a copy for travel… (its module, and the store's, load on first use)."""
        from briefing.ui.travel import TravelCopier

        if self.travel_copier is None:
            self.travel_copier = TravelCopier(self.window)
        self.travel_copier.take()

    def copy_base(self) -> TravelBase | None:
        """The base of the travel copy the window is on, None if it is on none; looked
        at once, as a file does not become a copy or stop being one."""
        from briefing.ui.sync import travel_base

        if self._copy_base is None:
            self._copy_base = (travel_base(self.window.store),)
        return self._copy_base[0]

    def sync_copy(self) -> None:
        """File ▸ Sync with the team server… (its module, and the merge's, load on first use)."""
        from briefing.ui.sync import Syncer

        if self.syncer is None:
            self.syncer = Syncer(self.window)
        self.syncer.sync()

    def show_conflicts(self) -> ConflictsDialog | None:
        """View ▸ Travel conflicts…: one page a window, brought to the front."""
        from briefing.ui.sync_conflicts import ConflictsDialog

        base = self.copy_base()
        if base is None:
            return None
        if self.conflicts_dialog is None:
            self.conflicts_dialog = ConflictsDialog(
                self.window.workspace, base.clearance, self.window
            )
            self.conflicts_dialog.set_syncing(
                self.syncer is not None and self.syncer.syncing is not None
            )
        self.conflicts_dialog.show()
        self.conflicts_dialog.raise_()
        self.conflicts_dialog.activateWindow()
        return self.conflicts_dialog

    def show_editions(self) -> EditionsDialog | None:
        """View ▸ Editions…: one page a window, brought to the front (its module, and
        pypdfium2, load on first use)."""
        from briefing.ui.editions import EditionsDialog

        if not self.window.workspace.dossier_id:
            return None
        if self.editions_dialog is None:
            self.editions_dialog = EditionsDialog(self.window)
        self.editions_dialog.show()
        self.editions_dialog.raise_()
        self.editions_dialog.activateWindow()
        return self.editions_dialog

    def show_raised(self) -> RaisedEditsDialog | None:
        """View ▸ Travel edits passed on…: only a team server keeps them; one page a
        window, brought to the front."""
        from briefing.ui.raised_edits import RaisedEditsDialog
        from briefing.ui.travel import can_take_copy

        if not can_take_copy(self.window.store):
            return None
        if self.raised_dialog is None:
            self.raised_dialog = RaisedEditsDialog(self.window.workspace, self.window)
        self.raised_dialog.show()
        self.raised_dialog.raise_()
        self.raised_dialog.activateWindow()
        return self.raised_dialog

    def bind_shortcuts(self) -> None:
        """Give the actions their keys, once the first page is on screen.

        Qt sets up its shortcut handling on the first key given, some 16 ms, and nobody
        presses a key in the instant between the page appearing and this.
        """
        for action, keys in self._shortcuts:
            action.setShortcuts(keys)
        self._shortcuts.clear()

    def update(self, *, has_record: bool) -> None:
        """Enable what applies to the record selected, the dossier and the file."""
        workspace = self.window.workspace
        editable = not workspace.read_only
        for action in (self.edit, self.delete, self.cite):
            action.setEnabled(has_record and editable)
        self.delete_dossier.setEnabled(editable and bool(workspace.dossier_id))
        self.editions.setEnabled(bool(workspace.dossier_id))
        count, as_of = workspace.day_count() if workspace.dossier_id else (None, None)
        self.count_from_as_of.setChecked(count == DayCount.AS_OF and as_of is not None)
        self.count_from_as_of.setEnabled(editable and as_of is not None)
        for action in self.new.values():
            action.setEnabled(editable and bool(workspace.dossier_id))
        self.import_dossier.setEnabled(editable)
        self.import_calendar.setEnabled(editable and bool(workspace.dossier_id))
        self.export_calendar.setEnabled(bool(workspace.dossier_id))
        self.new_dossier.setEnabled(editable)
        self._update_travel(bool(workspace.dossier_id))

    def _update_travel(self, has_dossier: bool) -> None:
        """Travel copies come from a team server: on a file the action says why it is off."""
        from briefing.ui.travel import ON_A_FILE, TIP, can_take_copy

        busy = self.travel_copier is not None and self.travel_copier.taking is not None
        on_server = can_take_copy(self.window.store)
        self.travel_out.setEnabled(on_server and has_dossier and not busy)
        tip = translate("Travel", TIP if on_server else ON_A_FILE)
        self.travel_out.setToolTip(tip)
        self.travel_out.setStatusTip(tip)
        self._update_raised(on_server)
        self._update_sync()

    def _update_raised(self, on_server: bool) -> None:
        """Edits passed on are kept on a team server: on a file the action says why it is off."""
        from briefing.ui.raised_edits import NOT_ON_SERVER
        from briefing.ui.raised_edits import TIP as RAISED_TIP

        self.raised.setEnabled(on_server)
        tip = translate("RaisedEdits", RAISED_TIP if on_server else NOT_ON_SERVER)
        self.raised.setToolTip(tip)
        self.raised.setStatusTip(tip)

    def _update_sync(self) -> None:
        """Only a travel copy syncs and has conflicts: elsewhere the actions say so."""
        from briefing.ui.sync import CONFLICTS_TIP, NOT_A_COPY
        from briefing.ui.sync import TIP as SYNC_TIP

        on_copy = self.copy_base() is not None
        syncing = self.syncer is not None and self.syncer.syncing is not None
        self.sync.setEnabled(on_copy and not syncing and not self.window.workspace.read_only)
        self.conflicts.setEnabled(on_copy)
        for action, tip in ((self.sync, SYNC_TIP), (self.conflicts, CONFLICTS_TIP)):
            said = translate("Sync", tip if on_copy else NOT_A_COPY)
            action.setToolTip(said)
            action.setStatusTip(said)


class Toolbar(QToolBar):
    """The dossier and audience pickers, undo and redo, and the search field."""

    def __init__(self, window: MainWindow, actions: WindowActions) -> None:
        super().__init__(translate("Actions", "Main"), window)
        self.setObjectName("mainToolbar")
        self.setMovable(False)
        workspace = window.workspace
        self.dossier_box = QComboBox(window)
        self.dossier_box.setAccessibleName(translate("Actions", "Dossier"))
        self.dossier_box.setMinimumWidth(240)
        self.addWidget(QLabel(translate("Actions", " Dossier: "), window))
        self.addWidget(self.dossier_box)
        self.audience_box = QComboBox(window)
        self.audience_box.setAccessibleName(translate("Actions", "Audience"))
        self.audience_box.setToolTip(
            translate("Actions", "Show only what an audience at this level may see")
        )
        self.audience_box.addItem(translate("Actions", "All records (staff)"), EVERYTHING)
        for rank, name, marking in workspace.audiences():
            self.audience_box.addItem(
                translate("Actions", "{level} audience").format(level=marked(marking, name)), rank
            )
        self.addWidget(QLabel(translate("Actions", "  Audience: "), window))
        self.addWidget(self.audience_box)
        self.addSeparator()
        self.addAction(actions.undo)
        self.addAction(actions.redo)
        spacer = QWidget(window)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        self.addWidget(spacer)
        self.search = SearchField(workspace, window)
        self.addWidget(self.search)


def make_menus(window: MainWindow, actions: WindowActions, pages: list[str]) -> QMenu:
    """The menu bar; returns the Open recent menu, which :func:`fill_recent` fills."""
    from briefing.ui.connect import NEW_SERVER
    from briefing.ui.main_window import page_title

    menu = window.menuBar()
    file_menu = menu.addMenu(translate("Actions", "&File"))
    file_menu.addAction(actions.new_dossier)
    file_menu.addAction(actions.delete_dossier)
    file_menu.addAction(actions.new_database)
    file_menu.addAction(actions.open)
    file_menu.addAction(
        translate("Actions", "Connect to a &team server…"), partial(window.open_path, NEW_SERVER)
    )
    recent_menu = file_menu.addMenu(translate("Actions", "Open &recent"))
    file_menu.setToolTipsVisible(True)  # a disabled action's tip says why it is off
    for group in (
        (actions.book,),
        (actions.import_dossier, actions.export_dossier, actions.export_audience),
        (actions.export_calendar, actions.import_calendar),
        (actions.travel_out, actions.sync),
        (actions.backup, actions.restore),
        (actions.lock, actions.lock_minutes),
        (actions.quit,),
    ):
        file_menu.addSeparator()
        for action in group:
            file_menu.addAction(action)
    edit_menu = menu.addMenu(translate("Actions", "&Edit"))
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    edit_menu.addSeparator()
    new_menu = edit_menu.addMenu(translate("Actions", "&New"))
    for action in actions.new.values():
        new_menu.addAction(action)
    edit_menu.addAction(actions.edit)
    edit_menu.addAction(actions.delete)
    edit_menu.addAction(actions.cite)
    view_menu = menu.addMenu(translate("Actions", "&View"))
    view_menu.addAction(actions.find)
    view_menu.addAction(actions.reload)
    view_menu.addAction(actions.count_from_as_of)
    view_menu.addAction(actions.editions)
    view_menu.addAction(actions.conflicts)
    view_menu.addAction(actions.raised)
    add_language_menu(window, view_menu)
    view_menu.addSeparator()
    for number, title in enumerate(pages, start=1):
        view_menu.addAction(
            actions.make(page_title(title), partial(window.show_page, title), f"Ctrl+{number}")
        )
    help_menu = menu.addMenu(translate("Actions", "&Help"))
    help_menu.addAction(actions.make(translate("Actions", "&About Briefing"), window.about))
    fill_recent(window, recent_menu)
    return recent_menu


def add_language_menu(window: MainWindow, view_menu: QMenu) -> QMenu:
    """View ▸ Language: the interface's languages, each named in itself, the one on
    screen ticked. A choice is remembered and applies at the next start (see
    :mod:`briefing.ui.i18n` for why not at once)."""
    from PySide6.QtGui import QActionGroup

    from briefing.ui import i18n

    language_menu = view_menu.addMenu(translate("Actions", "&Language"))
    language_menu.setObjectName("languageMenu")
    group = QActionGroup(language_menu)
    on_screen = i18n.current()
    for code, name in i18n.LANGUAGES.items():
        action = language_menu.addAction(name)
        action.setObjectName(f"language_{code}")
        action.setCheckable(True)
        action.setChecked(code == on_screen)
        action.setActionGroup(group)
        action.triggered.connect(partial(choose_language, window, code))
    return language_menu


def choose_language(window: MainWindow, code: str) -> None:
    """View ▸ Language: remember the choice; it applies when Briefing next starts."""
    from PySide6.QtWidgets import QMessageBox

    from briefing.ui import i18n

    LANGUAGE.write(window.settings, code)
    window.settings.sync()
    if code == i18n.current():
        return
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("Actions", "Language"),
        translate("Actions", "Briefing will be in {language} the next time it starts.").format(
            language=i18n.LANGUAGES[code]
        ),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("languageDialog")
    box.open()


def fill_recent(window: MainWindow, recent_menu: QMenu) -> None:
    """List the databases opened lately; choosing one opens it in a window of its own."""
    recent_menu.clear()
    paths = RECENT_DATABASES.read(window.settings)
    for path in paths:
        recent_menu.addAction(path, partial(window.open_path, path))
    recent_menu.setEnabled(bool(paths))
