"""The main window: navigation, the page in the middle, the record's details on the right.

Start-up is staged so the window is on screen long before the data is. The frame
(navigation, status bar) needs only the few Qt classes this module imports at the top:
not SQLAlchemy, and not even Qt's ``Qt`` namespace, whose ninety-odd enums take longer
to create than the frame takes to paint. :meth:`MainWindow.attach` then builds the page
on screen alone; the other pages and the editor are built when first used, and the
checks wait until that first page has painted.

The window's actions, menus and toolbar are in :mod:`briefing.ui.actions`; the File
menu's work in :mod:`briefing.ui.files`; the lock of an encrypted database in
:mod:`briefing.ui.lock`; what it remembers between runs in :mod:`briefing.ui.settings`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Signal
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

from briefing import __version__
from briefing.assets import resource
from briefing.ui.i18n import QT_TRANSLATE_NOOP, translate
from briefing.ui.onscreen import after_first_paint
from briefing.ui.settings import (
    LAST_DOSSIER,
    RECENT_DATABASES,
    WINDOW_GEOMETRY,
    WINDOW_PAGE,
    WINDOW_SPLITTER,
    WINDOW_STATE,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from briefing.store.db.database import Store
    from briefing.store.db.instance import InstanceLock
    from briefing.ui.details import DetailsPane
    from briefing.ui.editing import Editor
    from briefing.ui.files import FileController
    from briefing.ui.lock import WindowLock
    from briefing.ui.refresh import Refresher
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
    "Programme": ("programme", "ProgrammePage"),
}
PAGE_TITLES = tuple(PAGES)
PAGE_NAMES = (
    QT_TRANSLATE_NOOP("MainWindow", "Overview"),
    QT_TRANSLATE_NOOP("MainWindow", "Delegations"),
    QT_TRANSLATE_NOOP("MainWindow", "People"),
    QT_TRANSLATE_NOOP("MainWindow", "Timeline"),
    QT_TRANSLATE_NOOP("MainWindow", "Bargaining chips"),
    QT_TRANSLATE_NOOP("MainWindow", "Sources"),
    QT_TRANSLATE_NOOP("MainWindow", "Checks"),
)
"""The pages' titles for translation; a page is known by its English title everywhere
else (the settings, :meth:`MainWindow.show_page`), so a language change keeps it."""
MAX_RECENT = 8
STARTED_AT_LATEST_MS = 2000
"""Start-up counts as done after this long even if the window never paints (minimised)."""
DETAILS_WIDTH = 340
DEFAULT_SIZE = QSize(1360, 820)
"""The first window's size, less where the screen is smaller. Every page also fits in
1280×720 with the details pane shown (tests/ui/test_main_window.py)."""
CHECKING = QT_TRANSLATE_NOOP("MainWindow", "Running the checks…")


def page_title(title: str) -> str:
    """A page's title as the navigation and the View menu show it."""
    return translate("MainWindow", title)


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

    Attributes (once attached):
        act: the actions (:class:`briefing.ui.actions.WindowActions`).
        files: databases, dossiers, dossier files, books and backups, built on first use.
        locker: the lock of an encrypted database, built when one is opened or locked.

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
        self.nav.setAccessibleName(translate("MainWindow", "Navigation"))
        self.nav.setObjectName("navigation")
        for title, (name, _page_class) in PAGES.items():
            QListWidgetItem(icon(name), page_title(title), self.nav)
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
        self.status_location = QLabel(translate("MainWindow", "Opening the database…"), self)
        self.status_counts = QLabel(self)
        self.statusBar().addWidget(self.status_location, 1)
        self.statusBar().addPermanentWidget(self.status_counts)
        geometry = WINDOW_GEOMETRY.read(settings)
        if geometry is not None:
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
        once when shown. What only this needs is imported here, not at the top, so the
        frame paints before those modules and their Qt classes are loaded.
        """
        from briefing.store.db.instance import InstanceLock
        from briefing.ui.actions import Toolbar, WindowActions, make_menus
        from briefing.ui.fonts import register_fonts
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
        self._files: FileController | None = None
        self._locker: WindowLock | None = None
        self.refresher: Refresher | None = None
        self.act = WindowActions(self)
        self.pages = Pages(self._build_page)
        self.nav.currentRowChanged.connect(self._row_chosen)
        self._details: DetailsPane | None = None
        self._details_place = QWidget(self)  # the pane's room, so the page lays out once
        self._details_place.setMinimumWidth(DETAILS_WIDTH)
        self.splitter.addWidget(self._details_place)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([170, 700, 420])
        toolbar = Toolbar(self, self.act)
        self.addToolBar(toolbar)
        self.dossier_box = toolbar.dossier_box
        self.audience_box = toolbar.audience_box
        self.search = toolbar.search
        self.dossier_box.currentIndexChanged.connect(self._dossier_chosen)
        self.audience_box.currentIndexChanged.connect(self._audience_chosen)
        self.search.chosen.connect(self.jump)
        self.fill_dossiers()
        self._remember_database()
        self.recent_menu = make_menus(self, self.act, list(self.pages))
        self.workspace.selected.connect(self.show_details)
        self.workspace.failed.connect(lambda reason: self.statusBar().showMessage(reason, 15_000))
        self.workspace.levels_raised.connect(self._levels_raised)
        self.workspace.checks_progress.connect(self._checks_progress)
        self.workspace.findings_ready.connect(self._checks_ready)
        self.workspace.opened.connect(self.jump)
        self.workspace.dossiers_changed.connect(self._dossiers_changed)
        self.workspace.changed.connect(self.refresh_status)
        self.attached = True
        self._restore_settings()
        self.refresh_status()
        if store.encrypted:
            self._make_locker()  # from now on, idle minutes lock the window
        if self.instance is not None and self.instance.other is not None:
            other = self.instance.other
            self.show_error(
                translate("MainWindow", "Open in another window"),
                translate(
                    "MainWindow",
                    "This database is also open in another Briefing (process {pid} on "
                    "{host}). Both can edit safely: the other window's changes show here "
                    "within a second, and neither saves over a change it has not shown.",
                ).format(pid=other.pid, host=other.host),
            )
        if store.read_only:
            self.statusBar().showMessage(
                translate(
                    "MainWindow", "Read-only: this file cannot be written here; editing is off."
                )
            )
        after_first_paint(
            self.pages[self.current_page()],
            self._first_page_shown,
            at_latest_ms=STARTED_AT_LATEST_MS,
        )
        self.opened.emit()

    def _first_page_shown(self) -> None:
        from briefing.ui.refresh import Refresher

        self.act.bind_shortcuts()
        if self._details is None:
            self._make_details()
        if self.attached and self.isVisible() and self.refresher is None:
            self.refresher = Refresher(self.workspace)  # others' changes show by themselves
        self.started.emit()

    @property
    def details(self) -> DetailsPane:
        """The selected record's pane, built once the first page is on screen."""
        return self._details if self._details is not None else self._make_details()

    def _make_details(self) -> DetailsPane:
        """Build the details pane in the room kept for it.

        Nothing is selected at start, and building the pane (its module, and the Qt types
        it is the first to use) took a tenth of the time to the overview shown, so its
        module is imported here.
        """
        from briefing.ui.details import DetailsPane

        pane = DetailsPane(self.workspace, [self.act.edit, self.act.delete, self.act.cite], self)
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

    @property
    def files(self) -> FileController:
        """The File menu's work, loaded when first asked for: its dialogs are not needed
        to look at a dossier."""
        if self._files is None:
            from briefing.ui.files import FileController

            self._files = FileController(self)
        return self._files

    @property
    def locker(self) -> WindowLock:
        """The window's lock, built for an encrypted database or on the first lock."""
        return self._locker if self._locker is not None else self._make_locker()

    def _make_locker(self) -> WindowLock:
        """Its module is imported here: most databases are not encrypted and never lock."""
        from briefing.ui.lock import WindowLock

        self._locker = WindowLock(self)
        return self._locker

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
        title = self.workspace.page_of(record_id)
        if title is None:
            self.show_page("Overview")
            return
        if title:
            page = self.pages[title]
            if self.current_page() != title:
                self.nav.setCurrentRow(PAGE_TITLES.index(title))
            show_row = getattr(page, "select_record", None)
            if show_row is not None:
                show_row(record_id, notify=False)
        self.details.show_record(record_id)
        self._update_actions()

    def open_path(self, path: str) -> None:
        """Ask the application to open another database, in a window of its own."""
        if self.open_database_callback is not None:
            self.open_database_callback(path)

    # ------------------------------------------------------------ dossiers and audience

    def fill_dossiers(self) -> None:
        """List the dossiers in the toolbar again, keeping the one on screen chosen."""
        self.dossier_box.blockSignals(True)
        self.dossier_box.clear()
        for dossier_id, _slug, title in self.workspace.dossiers():
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

    def pick_dossier(self, dossier_id: int) -> None:
        """Show a dossier, as choosing it in the toolbar does."""
        self.dossier_box.setCurrentIndex(self.dossier_box.findData(dossier_id))

    def choose_dossier(self, slug: str) -> None:
        dossier_id = self.workspace.dossier_with_slug(slug)
        if dossier_id is not None:
            self.pick_dossier(dossier_id)

    def _audience_chosen(self, _index: int) -> None:
        self.workspace.set_level(int(self.audience_box.currentData()))

    def set_audience(self, level: int) -> None:
        index = self.audience_box.findData(level)
        self.audience_box.setCurrentIndex(max(0, index))

    def _dossiers_changed(self) -> None:
        """A dossier went or came back (a delete, its undo): list them again."""
        self.details.show_record(None)
        self.fill_dossiers()

    # ------------------------------------------------------------ status

    def _levels_raised(self, messages: list[str]) -> None:
        """Say what the store raised after a save (a brief raised with its event)."""
        self.statusBar().showMessage(
            translate("MainWindow", "Raised: {changes}").format(changes="; ".join(messages)),
            20_000,
        )

    def _checks_progress(self, percent: int) -> None:
        """A ministry's dossier takes half a minute to check: say how far it is."""
        self.statusBar().showMessage(
            translate("MainWindow", "{checking} {percent}%").format(
                checking=translate("MainWindow", CHECKING), percent=percent
            )
        )

    def _checks_ready(self) -> None:
        if self.statusBar().currentMessage().startswith(translate("MainWindow", CHECKING)):
            self.statusBar().clearMessage()

    def refresh_status(self) -> None:
        """The status bar, the window's title and the actions, after any change."""
        read_only = translate("MainWindow", " (read-only)") if self.workspace.read_only else ""
        from briefing.ui.connect import location_text

        clearance = self.workspace.identity.clearance_rank
        level = None if clearance is None else self.workspace.level_name(clearance)
        self.status_location.setText(location_text(self.workspace.identity, level) + read_only)
        title = self.workspace.title()  # Qt adds the app's name to a title not ending with it
        self.setWindowTitle(f"{title} — Briefing" if title else "Briefing")
        if self.workspace.dossier_id:
            counts = self.workspace.counts()
            self.status_counts.setText(
                translate(
                    "MainWindow",
                    "{people} people · {events} events · {chips} chips · {sources} sources · "
                    "audience: {audience}",
                ).format(
                    people=counts.get("person", 0),
                    events=counts.get("event", 0),
                    chips=counts.get("bargaining_chip", 0),
                    sources=counts.get("source", 0),
                    audience=self.workspace.level_name(self.workspace.level),
                )
            )
        self._update_actions()

    def _update_actions(self) -> None:
        self.act.update(
            has_record=self._details is not None and self._details.record_id is not None
        )

    # ------------------------------------------------------------ editing

    def edit_current(self) -> None:
        if self.details.record_id is not None:
            self.editor.edit_record(self.details.record_id)

    def delete_current(self) -> None:
        if self.details.record_id is not None:
            self.editor.delete_record(self.details.record_id)

    def cite_current(self) -> None:
        if self.details.record_id is not None:
            self.editor.add_citation(self.details.record_id)

    def new_record(self, kind: str) -> None:
        record_id = self.editor.new_record(kind)
        if record_id:
            self.jump(record_id)

    def count_days_from_as_of(self, as_of: bool) -> None:
        """Count the dossier's days from its as-of date (or from today), undoably.

        The undo commands are imported here, as the editor is: on the first change.
        """
        from briefing.domain.enums import DayCount
        from briefing.ui.commands import count_days_from

        count_days_from(self.workspace, DayCount.AS_OF if as_of else DayCount.TODAY)

    # ------------------------------------------------------------ messages

    def show_error(self, title: str, text: str) -> None:
        """A warning the person closes (QMessageBox is loaded on the first one)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorDialog")
        box.open()

    def about(self) -> None:
        """Name and version (QMessageBox is loaded when asked, as for :meth:`show_error`)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            translate("MainWindow", "About Briefing"),
            translate(
                "MainWindow",
                "<h3>Briefing {version}</h3><p>Briefing books for negotiations and official "
                "visits. Works offline; makes no network connection.</p>",
            ).format(version=__version__),
        )

    # ------------------------------------------------------------ settings

    def _restore_settings(self) -> None:
        s = self.settings
        state = WINDOW_STATE.read(s)
        if state is not None:
            self.restoreState(state)
        splitter = WINDOW_SPLITTER.read(s)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        slug = LAST_DOSSIER.read(s)
        if slug:
            self.choose_dossier(slug)
        page = WINDOW_PAGE.read(s)
        row = PAGE_TITLES.index(page) if page in PAGES else 0
        self.nav.setCurrentRow(row)
        self._row_chosen(row)  # in case the row was current already, and so sent no signal

    def _remember_database(self) -> None:
        """Put this database first in File ▸ Open recent (a server without its password)."""
        from briefing.store.db.database import is_server
        from briefing.store.db.server import without_password

        here = str(self.store.path) if self.store.path else without_password(self.store.url)
        if self.store.path is not None or is_server(self.store.url):
            recent = [here, *[p for p in RECENT_DATABASES.read(self.settings) if p != here]]
            RECENT_DATABASES.write(self.settings, recent[:MAX_RECENT])

    def save_settings(self) -> None:
        s = self.settings
        WINDOW_GEOMETRY.write(s, self.saveGeometry())
        WINDOW_STATE.write(s, self.saveState())
        WINDOW_SPLITTER.write(s, self.splitter.saveState())
        WINDOW_PAGE.write(s, self.current_page())
        if self.workspace.dossier_id:
            LAST_DOSSIER.write(s, self.workspace.dossier()[0])
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.attached:
            super().closeEvent(event)
            return
        self.workspace.shutdown()
        for worker in (self.act.travel_copier, self.act.syncer):
            if worker is not None:
                worker.stop()
        if self.refresher is not None:
            self.refresher.stop()
        self.save_settings()
        self.store.close()  # its threads have stopped: nothing holds a connection any more
        if self.instance is not None:
            self.instance.release()
        if self._locker is not None:
            self._locker.stop()
        super().closeEvent(event)
