"""The main window: navigation, the page in the middle, the record's details on the right.

Start-up is staged so the window is on screen long before the data is. The frame
(navigation, status bar) needs only the few Qt classes this module imports at the top:
not SQLAlchemy, and not even Qt's ``Qt`` namespace, whose ninety-odd enums take longer
to create than the frame takes to paint. :meth:`MainWindow.attach` then builds the page
on screen alone; the other pages and the editor are built when first used, and the
checks wait until that first page has painted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from briefing.assets import resource
from briefing.domain.registry import BY_NAME, KINDS
from briefing.ui.onscreen import after_first_paint

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
    from PySide6.QtWidgets import QDialog

    from briefing.store.db.database import Store
    from briefing.store.db.instance import InstanceLock
    from briefing.ui.details import DetailsPane
    from briefing.ui.editing import Editor
    from briefing.ui.security import IdleWatcher
    from briefing.ui.workspace import Workspace

PAGES = {
    # title: (the name of its icon and of its module in briefing.ui.views, its class)
    "Overview": ("overview", "OverviewPage"),
    "Delegations": ("delegations", "DelegationsPage"),
    "People": ("people", "PeoplePage"),
    "Timeline": ("timeline", "TimelinePage"),
    "Bargaining chips": ("chips", "ChipsPage"),
    "Sources": ("sources", "SourcesPage"),
    "Checks": ("checks", "ChecksPage"),
}
PAGE_TITLES = tuple(PAGES)
MAX_RECENT = 8
STARTED_AT_LATEST_MS = 2000
"""Start-up counts as done after this long even if the window never paints (minimised)."""
DETAILS_WIDTH = 340
DEFAULT_SIZE = QSize(1360, 820)
"""The first window's size, less where the screen is smaller. Every page also fits in
1280×720 with the details pane shown (tests/ui/test_main_window.py)."""
CHECKING = "Running the checks…"


def icon(name: str) -> QIcon:
    return QIcon(str(resource("icons", f"{name}.svg")))


class Pages(Mapping[str, QWidget]):
    """The window's pages by title, each built the first time it is asked for.

    A page costs its module's import and its widgets, and at start-up only the page on
    screen is needed, so the others wait until someone opens them or jumps to a record.
    """

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        self._build = build
        self._built: dict[str, QWidget] = {}

    def __getitem__(self, title: str) -> QWidget:
        if title not in PAGES:
            raise KeyError(title)
        if title not in self._built:
            self._built[title] = self._build(title)
        return self._built[title]

    def __contains__(self, title: object) -> bool:
        return title in PAGES

    def __iter__(self) -> Iterator[str]:
        return iter(PAGE_TITLES)

    def __len__(self) -> int:
        return len(PAGE_TITLES)


class MainWindow(QMainWindow):
    """One open database.

    ``open_database`` is how the window asks the application to open another file; the
    window never reaches for a global application object.

    Signals:
        opened: :meth:`attach` has shown the database (pages, details, menus are there).
        started: the first page has painted and the work held back until then has begun.
    """

    opened = Signal()
    started = Signal()

    def __init__(
        self,
        store: Store | None,
        settings: QSettings,
        open_database: Callable[[str], None] | None = None,
    ) -> None:
        """Build the frame; with a store, fill it at once, else call :meth:`attach` later.

        The frame (navigation, an empty page, the status bar) needs nothing but Qt, so
        the app can paint it before SQLAlchemy is even imported and open the database
        while the person is already looking at the window.
        """
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.open_database_callback = open_database
        self.setWindowTitle("Briefing")
        self.setWindowIcon(icon("app"))
        self.nav = QListWidget(self)
        self.nav.setAccessibleName("Navigation")
        self.nav.setObjectName("navigation")
        for title, (name, _page_class) in PAGES.items():
            QListWidgetItem(icon(name), title, self.nav)
        self.nav.setMaximumWidth(200)
        self.nav.setMinimumWidth(150)
        self.stack = QStackedWidget(self)
        # Not QSplitter(self): to rule out the Qt.Orientation overload, PySide would build
        # every enum in Qt.*, which costs more than the rest of the frame.
        self.splitter = QSplitter(parent=self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 3)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.splitter)
        self.setCentralWidget(self.central)
        self.status_location = QLabel("Opening the database…", self)
        self.status_counts = QLabel(self)
        self.statusBar().addWidget(self.status_location, 1)
        self.statusBar().addPermanentWidget(self.status_counts)
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_SIZE.boundedTo(self.screen().availableGeometry().size()))
        self.attached = False
        if store is not None:
            self.attach(store)

    def attach(self, store: Store) -> None:
        """Show ``store``: the page on screen, the details pane, toolbar and menus.

        The chrome is built before the page so the page lays out once, at its final size;
        restoring the settings then picks the dossier and builds the page, which renders
        once when shown.
        """
        from briefing.store.db.instance import InstanceLock
        from briefing.ui.fonts import register_fonts
        from briefing.ui.security import IdleWatcher
        from briefing.ui.workspace import Workspace

        app = QApplication.instance()
        if isinstance(app, QApplication):
            register_fonts(app)
        self.store = store
        self.workspace = Workspace(store, self)
        self.workspace.read_only = store.read_only
        self.instance: InstanceLock | None = (
            InstanceLock(store.path) if store.path and not store.read_only else None
        )
        self._editor: Editor | None = None
        self._make_actions()
        self.pages = Pages(self._build_page)
        self.nav.currentRowChanged.connect(self._row_chosen)
        self._details: DetailsPane | None = None
        self._details_place = QWidget(self)  # the pane's room, so the page lays out once
        self._details_place.setMinimumWidth(DETAILS_WIDTH)
        self.splitter.addWidget(self._details_place)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([170, 700, 420])
        self.lock_panel: QWidget | None = None
        self._make_toolbar()
        self._make_menus()
        self.workspace.selected.connect(self.show_details)
        self.workspace.failed.connect(lambda reason: self.statusBar().showMessage(reason, 15_000))
        self.workspace.levels_raised.connect(self._levels_raised)
        self.workspace.checks_progress.connect(self._checks_progress)
        self.workspace.findings_ready.connect(self._checks_ready)
        self.workspace.opened.connect(self.jump)
        self.workspace.dossiers_changed.connect(self._dossiers_changed)
        self.workspace.changed.connect(self._refresh_status)
        self.attached = True
        self._restore_settings()
        self._refresh_status()
        self.idle: IdleWatcher | None = None
        if store.encrypted:
            self.idle = IdleWatcher(self.lock_minutes(), self)
            self.idle.idle.connect(self.lock)
            if app is not None:
                app.installEventFilter(self.idle)
        if self.instance is not None and self.instance.other is not None:
            other = self.instance.other
            self.show_error(
                "Open in another window",
                f"This database is also open in another Briefing (process {other.pid} on "
                f"{other.host}). Both can edit safely; press F5 to see the other window's "
                "changes here.",
            )
        if store.read_only:
            self.statusBar().showMessage(
                "Read-only: this file cannot be written here; editing is off."
            )
        after_first_paint(
            self.pages[self.current_page()],
            self._first_page_shown,
            at_latest_ms=STARTED_AT_LATEST_MS,
        )
        self.opened.emit()

    def _first_page_shown(self) -> None:
        self._bind_shortcuts()
        if self._details is None:
            self._make_details()
        self.started.emit()

    @property
    def details(self) -> DetailsPane:
        """The selected record's pane, built once the first page is on screen."""
        return self._details if self._details is not None else self._make_details()

    def _make_details(self) -> DetailsPane:
        """Build the details pane in the room kept for it.

        Nothing is selected at start, and building the pane (its module, and the Qt types
        it is the first to use) took a tenth of the time to the overview shown.
        """
        from briefing.ui.details import DetailsPane

        pane = DetailsPane(self.workspace, [self.act_edit, self.act_delete, self.act_cite], self)
        pane.edit_citation.connect(lambda citation: self.editor.edit_citation(citation))
        pane.delete_citation.connect(lambda citation: self.editor.delete_citation(citation))
        pane.setMinimumWidth(DETAILS_WIDTH)
        self.splitter.replaceWidget(self.splitter.indexOf(self._details_place), pane)
        self._details_place.deleteLater()
        self._details = pane
        pane.refresh()
        return pane

    @property
    def editor(self) -> Editor:
        """The forms and undoable edits, loaded on the first edit: looking needs neither."""
        if self._editor is None:
            from briefing.ui.editing import Editor

            self._editor = Editor(self.workspace, self)
        return self._editor

    def _build_page(self, title: str) -> QWidget:
        module, name = PAGES[title]
        page_class: Callable[[Workspace], QWidget] = getattr(
            import_module(f"briefing.ui.views.{module}"), name
        )
        page = page_class(self.workspace)
        self.stack.addWidget(page)
        return page

    def _row_chosen(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentWidget(self.pages[PAGE_TITLES[row]])

    # ------------------------------------------------------------ building

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, [QKeySequence(shortcut)]))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        from PySide6.QtGui import QKeySequence

        ws = self.workspace
        self._shortcuts: list[tuple[QAction, list[QKeySequence]]] = []
        self.act_undo = ws.undo_stack.createUndoAction(self, "&Undo")
        self._shortcuts.append((self.act_undo, [QKeySequence(QKeySequence.StandardKey.Undo)]))
        self.act_redo = ws.undo_stack.createRedoAction(self, "&Redo")
        self._shortcuts.append(
            (self.act_redo, [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        )
        self.act_edit = self._action(
            "&Edit record…", self.edit_current, "Ctrl+E", "Edit the selected record"
        )
        self.act_delete = self._action(
            "&Delete record…",
            self.delete_current,
            QKeySequence.StandardKey.Delete,
            "Delete the selected record",
        )
        self.act_cite = self._action(
            "Add &citation…",
            self.cite_current,
            "Ctrl+Shift+C",
            "Cite a source for the selected record",
        )
        self.act_find = self._action(
            "&Find…", lambda: self.search.focus_search(), "Ctrl+K", "Search every record and source"
        )
        self.act_quit = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_open = self._action(
            "&Open database…", self.choose_database, QKeySequence.StandardKey.Open
        )
        self.act_new_database = self._action(
            "New &database…", self.new_database, None, "Create an empty database and open it"
        )
        self.act_new_dossier = self._action("&New dossier…", self.new_dossier, "Ctrl+Shift+N")
        self.act_delete_dossier = self._action(
            "De&lete dossier…",
            self.delete_dossier,
            None,
            "Delete the dossier on screen and everything in it (a backup is made first)",
        )
        self.act_import = self._action("&Import dossier file…", self.import_dossier, "Ctrl+I")
        self.act_book = self._action(
            "Export &briefing book…", self.export_book, "Ctrl+B", "Print the dossier as a PDF book"
        )
        self.act_export_json = self._action(
            "E&xport dossier file…", self.export_dossier, "Ctrl+Shift+E"
        )
        self.act_export_audience = self._action(
            "Export dossier for an &audience…",
            self.export_for_audience,
            None,
            "Write a dossier file holding only what one audience may see",
        )
        self.act_reload = self._action(
            "&Reload", self.workspace.changed.emit, "F5", "Show changes made elsewhere"
        )
        self.act_backup = self._action(
            "&Back up now", self.backup_now, None, "Copy the database to its backups folder"
        )
        self.act_restore = self._action(
            "Restore &backup…", self.choose_backup, None, "Bring back an earlier copy"
        )
        self.act_lock = self._action(
            "&Lock now", self.lock, "Ctrl+L", "Hide everything until the passphrase is entered"
        )
        self.act_lock_minutes = self._action("Auto-lock after…", self.choose_lock_minutes)
        self.act_count_from_as_of = self._action(
            "Count days from the &as-of date",
            lambda: self.count_days_from_as_of(self.act_count_from_as_of.isChecked()),
            None,
            "Count D-days, offices and checks from the dossier's as-of date, not today",
        )
        self.act_count_from_as_of.setCheckable(True)
        self.new_actions = {
            kind.name: self._action(
                f"New {kind.label.lower()}…", partial(self.new_record, kind.name)
            )
            for kind in KINDS
        }
        self._shortcuts.append(
            (self.new_actions["person"], [QKeySequence(QKeySequence.StandardKey.New)])
        )

    def _bind_shortcuts(self) -> None:
        """Give the actions their keys, once the first page is on screen.

        Qt sets up its shortcut handling on the first key given, some 16 ms, and nobody
        presses a key in the instant between the page appearing and this.
        """
        for action, keys in self._shortcuts:
            action.setShortcuts(keys)
        self._shortcuts.clear()

    def _make_toolbar(self) -> None:
        from PySide6.QtWidgets import QComboBox, QToolBar

        from briefing.domain.formats import marked  # loads the models: not at start-up
        from briefing.store.visibility import EVERYTHING
        from briefing.ui.search import SearchField

        bar = QToolBar("Main", self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.dossier_box = QComboBox(self)
        self.dossier_box.setAccessibleName("Dossier")
        self.dossier_box.setMinimumWidth(240)
        self.dossier_box.currentIndexChanged.connect(self._dossier_chosen)
        bar.addWidget(QLabel(" Dossier: ", self))
        bar.addWidget(self.dossier_box)
        self.audience_box = QComboBox(self)
        self.audience_box.setAccessibleName("Audience")
        self.audience_box.setToolTip("Show only what an audience at this level may see")
        self.audience_box.addItem("All records (staff)", EVERYTHING)
        for rank, name, marking in self.workspace.levels:
            self.audience_box.addItem(f"{marked(marking, name)} audience", rank)
        self.audience_box.currentIndexChanged.connect(self._audience_chosen)
        bar.addWidget(QLabel("  Audience: ", self))
        bar.addWidget(self.audience_box)
        bar.addSeparator()
        bar.addAction(self.act_undo)
        bar.addAction(self.act_redo)
        spacer = QWidget(self)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        bar.addWidget(spacer)
        self.search = SearchField(self.workspace, self)
        self.search.chosen.connect(self.jump)
        bar.addWidget(self.search)
        self._fill_dossiers()

    def _make_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.act_new_dossier)
        file_menu.addAction(self.act_delete_dossier)
        file_menu.addAction(self.act_new_database)
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        file_menu.addSeparator()
        file_menu.addAction(self.act_book)
        file_menu.addSeparator()
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.act_export_json)
        file_menu.addAction(self.act_export_audience)
        file_menu.addSeparator()
        file_menu.addAction(self.act_backup)
        file_menu.addAction(self.act_restore)
        file_menu.addSeparator()
        file_menu.addAction(self.act_lock)
        file_menu.addAction(self.act_lock_minutes)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        new_menu = edit_menu.addMenu("&New")
        for action in self.new_actions.values():
            new_menu.addAction(action)
        edit_menu.addAction(self.act_edit)
        edit_menu.addAction(self.act_delete)
        edit_menu.addAction(self.act_cite)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.act_find)
        view_menu.addAction(self.act_reload)
        view_menu.addAction(self.act_count_from_as_of)
        view_menu.addSeparator()
        for number, title in enumerate(self.pages, start=1):
            view_menu.addAction(
                self._action(title, partial(self.show_page, title), f"Ctrl+{number}")
            )
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self._action("&About Briefing", self.about))
        self._fill_recent()

    # ------------------------------------------------------------ navigation

    def show_page(self, title: str) -> QWidget:
        page = self.pages[title]
        self.nav.setCurrentRow(PAGE_TITLES.index(title))
        focus = getattr(page, "focus_list", None)
        if focus is not None:
            focus()
        return page

    def current_page(self) -> str:
        return PAGE_TITLES[max(0, self.nav.currentRow())]

    def show_details(self, record_id: int) -> None:
        """Show a record in the details pane, leaving the page on screen as it is."""
        self.details.show_record(record_id)
        self._update_actions()

    def jump(self, record_id: int) -> None:
        """Show a record: its page if it has one, and always its details. A finding on the
        dossier's own text (the scene-setter) opens the Overview, where that text is."""
        from briefing.domain import Record
        from briefing.store.checks import THE_DOSSIER

        if record_id == THE_DOSSIER:
            self.show_page("Overview")
            return
        with self.store.session() as session:
            record = session.get(Record, record_id)
            kind = record.kind if record is not None else ""
        title = BY_NAME[kind].page if kind in BY_NAME else ""
        if title:
            page = self.pages[title]
            if self.current_page() != title:
                self.nav.setCurrentRow(PAGE_TITLES.index(title))
            show_row = getattr(page, "select_record", None)
            if show_row is not None:
                show_row(record_id, notify=False)
        self.details.show_record(record_id)
        self._update_actions()

    # ------------------------------------------------------------ dossiers and audience

    def _fill_dossiers(self) -> None:
        from briefing.store import summary

        self.dossier_box.blockSignals(True)
        self.dossier_box.clear()
        with self.store.session() as session:
            for dossier_id, _slug, title in summary.dossiers(session):
                self.dossier_box.addItem(title, dossier_id)
        self.dossier_box.setCurrentIndex(
            max(0, self.dossier_box.findData(self.workspace.dossier_id))
        )
        self.dossier_box.blockSignals(False)

    def _dossier_chosen(self, _index: int) -> None:
        value = self.dossier_box.currentData()
        if value is not None:
            self.details.show_record(None)
            self.workspace.set_dossier(int(value))

    def choose_dossier(self, slug: str) -> None:
        from sqlalchemy import select

        from briefing.domain import Dossier

        dossier = Dossier.__table__  # a table, not the class: see store.summary
        with self.store.session() as session:
            dossier_id = session.scalar(select(dossier.c.id).where(dossier.c.slug == slug))
        if dossier_id is not None:
            self.dossier_box.setCurrentIndex(self.dossier_box.findData(dossier_id))

    def _audience_chosen(self, _index: int) -> None:
        self.workspace.set_level(int(self.audience_box.currentData()))

    def set_audience(self, level: int) -> None:
        index = self.audience_box.findData(level)
        self.audience_box.setCurrentIndex(max(0, index))

    def _levels_raised(self, messages: list[str]) -> None:
        """Say what the store raised after a save (a brief raised with its event)."""
        self.statusBar().showMessage("Raised: " + "; ".join(messages), 20_000)

    def _checks_progress(self, percent: int) -> None:
        """A ministry's dossier takes half a minute to check: say how far it is."""
        self.statusBar().showMessage(f"{CHECKING} {percent}%")

    def _checks_ready(self) -> None:
        if self.statusBar().currentMessage().startswith(CHECKING):
            self.statusBar().clearMessage()

    def _refresh_status(self) -> None:
        from briefing.store import summary
        from briefing.text import clean_line

        read_only = " (read-only)" if self.workspace.read_only else ""
        self.status_location.setText(f"Database: {self.store.location}{read_only}")
        # The title is at the lowest level, so every audience may see it. Qt adds the app's
        # name to a title that does not end with it.
        title = clean_line(self.workspace.dossier()[1]) if self.workspace.dossier_id else ""
        self.setWindowTitle(f"{title} — Briefing" if title else "Briefing")
        if self.workspace.dossier_id:
            with self.store.session() as session:
                counts = summary.counts(session, self.workspace.dossier_id, self.workspace.level)
            self.status_counts.setText(
                f"{counts.get('person', 0)} people · {counts.get('event', 0)} events · "
                f"{counts.get('bargaining_chip', 0)} chips · {counts.get('source', 0)} sources · "
                f"audience: {self.workspace.level_name(self.workspace.level)}"
            )
        self._update_actions()

    def _update_actions(self) -> None:
        has_record = self._details is not None and self._details.record_id is not None
        editable = not self.workspace.read_only
        for action in (self.act_edit, self.act_delete, self.act_cite):
            action.setEnabled(has_record and editable)
        self.act_delete_dossier.setEnabled(editable and bool(self.workspace.dossier_id))
        from briefing.domain.enums import DayCount

        count, as_of = self.workspace.day_count() if self.workspace.dossier_id else (None, None)
        self.act_count_from_as_of.setChecked(count == DayCount.AS_OF and as_of is not None)
        self.act_count_from_as_of.setEnabled(editable and as_of is not None)
        for action in (*self.new_actions.values(), self.act_import, self.act_new_dossier):
            action.setEnabled(
                editable
                and bool(
                    self.workspace.dossier_id
                    or action is self.act_import
                    or action is self.act_new_dossier
                )
            )

    # ------------------------------------------------------------ editing

    def edit_current(self) -> None:
        if self.details.record_id is not None:
            self.editor.edit_record(self.details.record_id)

    def delete_current(self) -> None:
        if self.details.record_id is not None:
            self.editor.delete_record(self.details.record_id)

    def count_days_from_as_of(self, as_of: bool) -> None:
        """Count the dossier's days from its as-of date (or from today), undoably."""
        from briefing.domain.enums import DayCount
        from briefing.ui.commands import count_days_from

        count_days_from(self.workspace, DayCount.AS_OF if as_of else DayCount.TODAY)

    def cite_current(self) -> None:
        if self.details.record_id is not None:
            self.editor.add_citation(self.details.record_id)

    def new_record(self, kind: str) -> None:
        record_id = self.editor.new_record(kind)
        if record_id:
            self.jump(record_id)

    def new_dossier(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        title, ok = QInputDialog.getText(self, "New dossier", "Title of the negotiation or visit:")
        if ok and title.strip():
            self.create_dossier(title.strip())

    def create_dossier(self, title: str) -> int:
        import re

        from sqlalchemy import select

        from briefing.domain import Dossier

        base = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60] or "dossier"
        with self.store.session() as session:
            taken = set(session.scalars(select(Dossier.slug)))
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            lowest, _name, _marking = self.workspace.levels[0]  # they are in rank order
            dossier = Dossier(slug=slug, title=title, default_handling=lowest)
            session.add(dossier)
            session.flush()
            dossier_id = dossier.id
        self._fill_dossiers()
        self.dossier_box.setCurrentIndex(self.dossier_box.findData(dossier_id))
        return dossier_id

    def delete_dossier(self) -> bool:
        """Delete the dossier on screen, after a question naming it and a backup.

        Edit ▸ Undo brings it back, every record with its id; the backup is for when
        the window has been closed since.
        """
        from PySide6.QtWidgets import QMessageBox

        from briefing.errors import BriefingError
        from briefing.store.db.backup import backup_database
        from briefing.text import clean_line
        from briefing.ui.commands import DeleteDossier

        slug, title, _as_of = self.workspace.dossier()
        title = clean_line(title)  # at the lowest level: any audience may see it
        yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
        asked = QMessageBox.question(
            self,
            "Delete dossier",
            f"Delete the dossier “{title}” ({slug}) and everything in it?\n\n"
            "A backup of the database is made first, and Edit ▸ Undo brings it back.",
            yes | cancel,
            cancel,
        )
        if asked != yes:
            return False
        try:
            saved = (
                backup_database(self.store.path, "before-delete", access=self.store.access)
                if self.store.path is not None
                else None
            )
            self.workspace.push(DeleteDossier(self.workspace, slug, title))
        except BriefingError as exc:
            self.show_error("The dossier was not deleted", str(exc))
            return False
        backup = f"; the database as it was is in {saved}" if saved else ""
        self.statusBar().showMessage(f"Deleted {title}{backup}", 20_000)
        return True

    def _dossiers_changed(self) -> None:
        """A dossier went or came back (a delete, its undo): list them again."""
        self.details.show_record(None)
        self._fill_dossiers()

    # ------------------------------------------------------------ files

    def import_dossier(self, path: str | None = None) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        from briefing.errors import BriefingError
        from briefing.store.exchange.writing import import_file

        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                "Import dossier file",
                str(self.settings.value("files/last_dir", "")),
                "Dossier files (*.json);;All files (*)",
            )
            if not path:
                return None
        try:
            slug = import_file(self.store, Path(path)).slug
        except BriefingError as exc:
            self.show_error(
                "The dossier was not imported", f"{exc}\n\nNothing in the database was changed."
            )
            return None
        self._fill_dossiers()
        self.choose_dossier(slug)
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
        from PySide6.QtWidgets import QInputDialog

        from briefing.domain.formats import marked

        levels = self.workspace.levels
        place = {rank: number for number, (rank, _name, _marking) in enumerate(levels)}
        choices = [marked(marking, name) for _rank, name, marking in levels]
        chosen, ok = QInputDialog.getItem(
            self,
            "Export dossier for an audience",
            "Write only what this audience may see:",
            choices,
            place.get(self.workspace.level, len(levels) - 1),  # staff: the highest level
            False,
        )
        if not ok or chosen not in choices:
            return None
        return levels[choices.index(chosen)][0]

    def _write_dossier_file(self, audience: int | None, path: str | None) -> Path | None:
        """Write the dossier file (whole, or for an audience), asking where if not told."""
        from PySide6.QtWidgets import QFileDialog

        from briefing.errors import BriefingError
        from briefing.store.exchange.export import export_file

        slug, _title, _as_of = self.workspace.dossier()
        whom = (
            "" if audience is None else f" for the {self.workspace.level_name(audience)} audience"
        )
        if path is None:
            name = f"{slug}.json" if audience is None else f"{slug}-audience-{audience}.json"
            folder = Path(str(self.settings.value("files/last_dir", str(Path.home()))))
            path, _ = QFileDialog.getSaveFileName(
                self, f"Export dossier file{whom}", str(folder / name), "Dossier files (*.json)"
            )
            if not path:
                return None
        target = Path(path)
        try:
            export_file(self.store, slug, target, audience=audience)
        except BriefingError as exc:
            self.show_error("The dossier was not exported", str(exc))
            return None
        self.settings.setValue("files/last_dir", str(target.parent))
        self.statusBar().showMessage(f"Exported {slug}{whom} to {target}", 5000)
        return target

    def export_book(self) -> QDialog:
        """Open the export dialog (ReportLab is loaded here, on the first export)."""
        from briefing.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.workspace, self.settings, self)
        dialog.exported.connect(self._book_exported)
        dialog.open()
        return dialog

    def _book_exported(self, _result: object) -> None:
        self.workspace.changed.emit()

    def choose_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            "Open database",
            str(self.store.path.parent if self.store.path else Path.home()),
            "Briefing databases (*.sqlite3 *.db);;All files (*)",
        )
        if path and self.open_database_callback is not None:
            self.open_database_callback(path)

    def new_database(self, path: str | None = None) -> Path | None:
        """Create an empty database (asking where, if not told) and open it in a window.

        With ``briefing db create``, the one way a database comes to be: opening a
        missing file is refused, so a mistyped name never leaves an empty database. An
        existing file is never overwritten, even one the save dialog offered to replace.
        """
        from PySide6.QtWidgets import QFileDialog

        from briefing.errors import BriefingError
        from briefing.store.db.migrate import open_store

        if path is None:
            folder = self.store.path.parent if self.store.path else Path.home()
            path, _ = QFileDialog.getSaveFileName(
                self,
                "New database",
                str(folder / "briefing.sqlite3"),
                "Briefing databases (*.sqlite3 *.db)",
            )
            if not path:
                return None
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".sqlite3")
        if target.exists() and (target.is_dir() or target.stat().st_size > 0):
            self.show_error("No database created", f"{target} already exists; nothing changed.")
            return None
        try:
            open_store(target, seed_sample=False, create=True).close()
        except BriefingError as exc:
            self.show_error("No database created", str(exc))
            return None
        if self.open_database_callback is not None:
            self.open_database_callback(str(target))
        return target

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_databases():
            self.recent_menu.addAction(path, partial(self._open_recent, path))
        self.recent_menu.setEnabled(bool(self.recent_databases()))

    def _open_recent(self, path: str) -> None:
        if self.open_database_callback is not None:
            self.open_database_callback(path)

    def recent_databases(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        return [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]

    def show_error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorDialog")
        box.open()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from briefing import __version__

        QMessageBox.about(
            self,
            "About Briefing",
            f"<h3>Briefing {__version__}</h3><p>Briefing books for negotiations and official "
            "visits. Works offline; makes no network connection.</p>",
        )

    # ------------------------------------------------------------ backups and locking

    def backup_now(self) -> Path | None:
        from briefing.errors import BriefingError
        from briefing.store.db.backup import backup_database

        if self.store.path is None:
            return None
        try:
            made = backup_database(self.store.path, "manual", access=self.store.access)
        except BriefingError as exc:
            self.show_error("No backup made", str(exc))
            return None
        self.statusBar().showMessage(f"Backed up to {made}", 8000)
        return made

    def choose_backup(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from briefing.store.db.backup import list_backups

        if self.store.path is None:
            return
        names = [b.name for b in reversed(list_backups(self.store.path))]
        if not names:
            self.show_error("No backups", f"There are no backups of {self.store.path} yet.")
            return
        name, ok = QInputDialog.getItem(
            self,
            "Restore backup",
            "Bring back this copy (the current file is backed up first):",
            names,
            0,
            False,
        )
        if ok and name:
            self.restore(name)

    def restore(self, name: str) -> None:
        from briefing.errors import BriefingError
        from briefing.store.db.backup import find_backup, restore_backup

        assert self.store.path is not None
        self.store.close()  # no idle connection keeps a view of the file from before
        try:
            safety = restore_backup(
                self.store.path, find_backup(self.store.path, name), self.store.access
            )
        except BriefingError as exc:
            self.show_error("Not restored", str(exc))
            return
        self.workspace.undo_stack.clear()
        self.details.show_record(None)
        self._fill_dossiers()
        ids = self.workspace.dossier_ids()
        self.workspace.dossier_id = ids[0] if ids else 0
        self.workspace.changed.emit()
        self.statusBar().showMessage(
            f"Restored {name}; the file as it was is in {safety.name}", 10000
        )

    def lock_minutes(self) -> float:
        from briefing.ui.security import DEFAULT_LOCK_MINUTES

        return float(str(self.settings.value("security/autolock_minutes", DEFAULT_LOCK_MINUTES)))

    def choose_lock_minutes(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        minutes, ok = QInputDialog.getInt(
            self,
            "Auto-lock",
            "Lock an encrypted database after this many idle minutes:",
            int(self.lock_minutes()),
            1,
            240,
        )
        if ok:
            self.settings.setValue("security/autolock_minutes", minutes)
            if self.idle is not None:
                self.idle.set_minutes(minutes)

    def _make_lock_panel(self) -> QWidget:
        """The passphrase prompt that replaces the window's content while it is locked.

        Built on the first lock: most databases are not encrypted and never lock.
        """
        if self.lock_panel is not None:
            return self.lock_panel
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLineEdit, QVBoxLayout

        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        title = QLabel("<h2>Locked</h2><p>Enter the database passphrase to continue.</p>", panel)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_field = QLineEdit(panel)
        self.unlock_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_field.setAccessibleName("Passphrase")
        self.unlock_field.setMaximumWidth(320)
        self.unlock_field.returnPressed.connect(self._unlock_entered)
        self.unlock_error = QLabel(panel)
        self.unlock_error.setStyleSheet("color: #c0392b")
        layout.addWidget(title)
        layout.addWidget(self.unlock_field, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.unlock_error, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.central.addWidget(panel)
        self.lock_panel = panel
        return panel

    def _unlock_entered(self) -> None:
        self.unlock(self.unlock_field.text())

    def is_locked(self) -> bool:
        return self.lock_panel is not None and self.central.currentWidget() is self.lock_panel

    def lock(self) -> None:
        """Hide every record until the passphrase is given again (encrypted databases)."""
        from PySide6.QtWidgets import QToolBar

        if not self.store.encrypted or self.is_locked():
            return
        self.central.setCurrentWidget(self._make_lock_panel())
        self.details.browser.clear()
        for bar in self.findChildren(QToolBar):
            bar.setVisible(False)
        self.menuBar().setEnabled(False)
        self.status_counts.clear()
        self.unlock_field.clear()
        self.unlock_error.clear()
        self.unlock_field.setFocus()

    def unlock(self, passphrase: str) -> bool:
        from PySide6.QtWidgets import QToolBar

        from briefing.store.db.encryption import check_passphrase

        assert self.store.path is not None
        self._make_lock_panel()  # the field and the message below live on it
        if (
            not check_passphrase(self.store.path, passphrase)
            or passphrase != self.store.access.passphrase
        ):
            self.unlock_error.setText("That passphrase is not right.")
            self.unlock_field.clear()
            return False
        self.unlock_field.clear()
        self.central.setCurrentWidget(self.splitter)
        for bar in self.findChildren(QToolBar):
            bar.setVisible(True)
        self.menuBar().setEnabled(True)
        self.details.refresh()
        self._refresh_status()
        if self.idle is not None:
            self.idle.set_minutes(self.lock_minutes())
        return True

    # ------------------------------------------------------------ settings

    def _restore_settings(self) -> None:
        s = self.settings
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        slug = s.value("dossier/last", "")
        if slug:
            self.choose_dossier(str(slug))
        page = str(s.value("window/page", "Overview"))
        row = PAGE_TITLES.index(page) if page in PAGES else 0
        self.nav.setCurrentRow(row)
        self._row_chosen(row)  # in case the row was current already, and so sent no signal
        if self.store.path is not None:
            recent = [
                str(self.store.path),
                *[p for p in self.recent_databases() if p != str(self.store.path)],
            ]
            s.setValue("files/recent", recent[:MAX_RECENT])
            self._fill_recent()

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/page", self.current_page())
        if self.workspace.dossier_id:
            s.setValue("dossier/last", self.workspace.dossier()[0])
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.attached:
            super().closeEvent(event)
            return
        self.workspace.shutdown()
        self.save_settings()
        self.store.close()  # its threads have stopped: nothing holds a connection any more
        if self.instance is not None:
            self.instance.release()
        if self.idle is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self.idle)
        super().closeEvent(event)
