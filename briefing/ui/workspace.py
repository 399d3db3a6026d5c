"""What every view shares: the open database, the dossier shown, the audience, undo.

Views receive the workspace when they are built (there is no global one) and reload
when it says the data changed, so an edit, an undo or an import shows everywhere at once.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.domain.dossier import reference_date
from briefing.domain.enums import DayCount
from briefing.domain.registry import BY_NAME
from briefing.errors import BriefingError
from briefing.store import dossier_rows
from briefing.store.checks import process as check_run
from briefing.store.checks.process import CheckRun
from briefing.store.db.database import Store
from briefing.store.db.server import identity
from briefing.store.lists import summary
from briefing.store.records import record_kind
from briefing.store.transaction import Session
from briefing.store.visibility import EVERYTHING, above, same_level
from briefing.text import clean_line
from briefing.ui.i18n import current, said, translate

if TYPE_CHECKING:
    from briefing.store.checks.findings import Findings


T = TypeVar("T")

DEFAULT_SWITCH_S = sys.getswitchinterval()
WORKER_SWITCH_S = 0.0001


class Workspace(QObject):
    """The state of one open database.

    Signals:
        changed: records were created, edited, deleted, imported, undone or redone.
        audience_changed(int): the audience level (a handling rank, or EVERYTHING).
        dossier_changed(int): another dossier is shown.
        selected(int): a view's current record changed; the details pane shows it.
        opened(int): a record is to be opened (activated, or a link followed): its own
            page shows it as well as the details pane.
        findings_ready: the checks have finished for the current data.
        checks_progress(int): the percentage of records the current checks have done.
        failed(str): work off the GUI thread (the checks, a page's read) failed; the
            reason, for the status bar. The next change or reload tries again.
        levels_raised(list): a save made the store raise levels (a child below its
            raised parent, a citation below its record); one message each, for the person.
        dossiers_changed: a dossier was deleted or brought back; the list of them is
            to be read again.
    """

    changed = Signal()
    findings_ready = Signal()
    checks_progress = Signal(int)
    failed = Signal(str)
    levels_raised = Signal(list)
    dossiers_changed = Signal()
    audience_changed = Signal(int)
    dossier_changed = Signal(int)
    selected = Signal(int)
    opened = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.level = EVERYTHING
        self.dossier_id = 0
        self.read_only = False
        self._today: dt.date | None = None
        self._day_count: tuple[int, DayCount, dt.date | None] | None = None
        self._home_zone: tuple[int, str] | None = None
        self.levels: list[tuple[int, str, str]] = []
        self._scale_names: dict[int, str] = {}
        self.versions: dict[int, int] = {}
        """The version this window's last save gave each record it saved: its undo and redo
        are refused when someone saved the record since (briefing.store.versions)."""
        self.reload_levels()
        self.identity = identity(store)
        first = self.dossier_ids()
        if first:
            self.dossier_id = first[0]
        self._findings: Findings | None = None
        self._generation = 0
        self._workers: list[ChecksWorker] = []
        self._tasks: list[BackgroundRead[Any]] = []
        self._shut = False
        self._scratch: Path | None = None
        self.changed.connect(self._forget)

    def _forget(self) -> None:
        """The data or audience changed: an outdated checks' process is killed."""
        self._day_count = self._home_zone = None
        if self._findings is not None:
            self._findings.close()  # now, not when collected: it may hold tens of MB
        self._findings = None
        self._generation += 1
        for worker in self._workers:
            worker.requestInterruption()

    def findings(self) -> Findings | None:
        """The checks' findings for the dossier and audience on screen, or None until ready.

        On a large dossier the checks take many seconds, so they run in a process of their
        own after each change and ``findings_ready`` tells the pages when they are in.
        """
        if self._findings is None and self.dossier_id:
            self._start_checks()
        return self._findings

    @property
    def check_runs(self) -> tuple[ChecksWorker, ...]:
        """The checks' runs not yet reported back, oldest first: the current one, and any
        outdated one still being stopped. At most one is current, whoever asks."""
        return tuple(self._workers)

    def _start_checks(self) -> None:
        if self._shut:
            return  # the window is closing: nothing may start a thread now
        if any(w.generation == self._generation for w in self._workers):
            return  # running, or finished with its report on the way
        if self._scratch is None:
            from briefing.store.checks.findings import scratch_root

            self._scratch = scratch_root()
        folder = Path(tempfile.mkdtemp(dir=self._scratch))
        worker = ChecksWorker(self, self._generation, folder)
        worker.finished.connect(self._checks_done)
        worker.progress.connect(self._checks_progressed)
        self._workers.append(worker)
        worker.start()
        self._share_the_interpreter()

    def _checks_progressed(self, generation: int, percent: int) -> None:
        """On the GUI thread (a queued call from the run's reader thread)."""
        if generation == self._generation and not self._shut:
            self.checks_progress.emit(percent)

    def _checks_done(self) -> None:
        for worker in [w for w in self._workers if w.isFinished()]:
            self._workers.remove(worker)
            current = worker.generation == self._generation and not self._shut
            if current and worker.result is not None and self._findings is None:
                self._findings = worker.result
                self.findings_ready.emit()
            elif worker.result is not None:
                worker.result.close()  # finished just after a change, or the window closed
            elif current and worker.error is not None:
                self.failed.emit(
                    translate("Workspace", "The checks did not run: {reason}").format(
                        reason=worker.error
                    )
                )
            worker.deleteLater()
        self._share_the_interpreter()

    def _share_the_interpreter(self) -> None:
        """Hand the interpreter lock over more often while a background read runs.

        Every SQLite call on the GUI thread releases the lock, and a busy worker then keeps
        it for the whole switch interval (5 ms by default): opening a list of a ministry's
        dossier took twice as long while the checks ran in a thread, and 0.5 ms still left
        three lists over 250 ms. At 0.1 ms they opened in 175–215 ms, and the workers lost
        nothing measurable. (The checks now run in a process of their own; their thread
        only waits on it.)
        """
        busy = any(task.isRunning() for task in self._tasks)
        sys.setswitchinterval(WORKER_SWITCH_S if busy else DEFAULT_SWITCH_S)

    def shutdown(self) -> None:
        """Stop the checks and wait for reads (a thread must not outlive its window).

        Work held back until after the first paint may still ask for a thread once the
        window has begun to close; from now on it gets none.
        """
        self._shut = True
        for checks in self._workers:
            checks.requestInterruption()
        for worker in [*self._workers, *self._tasks]:
            worker.wait()
        for checks in self._workers:
            if checks.result is not None:  # finished before it could be told to stop
                checks.result.close()
                checks.result = None
        if self._findings is not None:
            self._findings.close()
            self._findings = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)  # findings go with the window

    def in_background(
        self, work: Callable[[Session], T], done: Callable[[T], None]
    ) -> BackgroundRead[T]:
        """Run ``work`` in its own session off the GUI thread, then ``done`` on its result.

        For reads that take seconds on a ministry's dossier (every event for the timeline
        chart), so the page they belong to shows at once and fills in when they finish.
        """

        def read() -> T:
            with self.store.session() as session:
                return work(session)

        return self.off_thread(read, done)

    def off_thread(self, work: Callable[[], T], done: Callable[[T], None]) -> BackgroundRead[T]:
        """Run ``work`` off the GUI thread, then ``done`` on its result: for store work that
        opens its own transaction (a reprint writes a file and its audit entry together)."""
        task = BackgroundRead(work, self)
        if self._shut:
            return task  # never started, so never finished: ``done`` is not called
        task.finished.connect(lambda: self._task_done(task, done))
        self._tasks.append(task)
        task.start()
        self._share_the_interpreter()
        return task

    def _task_done(self, task: BackgroundRead[T], done: Callable[[T], None]) -> None:
        self._tasks.remove(task)
        task.deleteLater()
        self._share_the_interpreter()
        if task.ok:
            done(task.result)  # type: ignore[arg-type]
        elif task.error is not None:
            self.failed.emit(
                translate("Workspace", "Some records could not be read: {reason}").format(
                    reason=task.error
                )
            )

    def reload_levels(self) -> None:
        """The scale, named in the interface's language wherever it is listed; the scale's
        own names kept for file names, which stay the same whatever the language."""
        with self.store.session() as session:
            self.levels = dossier_rows.handling_levels(session, current())
            self._scale_names = {
                rank: name for rank, name, _marking in dossier_rows.handling_levels(session)
            }

    def dossiers(self) -> list[tuple[int, str, str]]:
        """Id, slug and title of every dossier, by title."""
        with self.store.session() as session:
            return summary.dossiers(session)

    def dossier_ids(self) -> list[int]:
        return [dossier_id for dossier_id, _slug, _title in self.dossiers()]

    def dossier_with_slug(self, slug: str) -> int | None:
        with self.store.session() as session:
            return dossier_rows.dossier_with_slug(session, slug)

    def dossier(self) -> tuple[str, str, dt.date | None]:
        """Slug, title and as-of date of the dossier on screen."""
        with self.store.session() as session:
            return dossier_rows.heading(session, self.dossier_id)

    def title(self) -> str:
        """The title of the dossier on screen as one line; '' when none is.

        It is at the lowest level, so every audience may see it.
        """
        return clean_line(self.dossier()[1]) if self.dossier_id else ""

    def counts(self) -> dict[str, int]:
        """How many records of each kind the audience sees in the dossier on screen."""
        with self.store.session() as session:
            return summary.counts(session, self.dossier_id, self.level)

    def page_of(self, record_id: int) -> str | None:
        """The title of the page that lists a record ('' for a kind with no page); None
        for :data:`~briefing.store.checks.THE_DOSSIER`, which a finding on the dossier's
        own text (the scene-setter) names instead of a record.

        The checks' module is imported here: nothing before the first page needs it.
        """
        from briefing.store.checks import THE_DOSSIER

        if record_id == THE_DOSSIER:
            return None
        with self.store.session() as session:
            kind = record_kind(session, record_id)
        return BY_NAME[kind].page if kind in BY_NAME else ""

    # ------------------------------------------------------------ choices

    def set_dossier(self, dossier_id: int) -> None:
        """Show another dossier. The undo stack is emptied: its commands were made on the
        dossier that was shown."""
        if dossier_id != self.dossier_id:
            self.undo_stack.clear()
            self.show_dossier(dossier_id)
            self.changed.emit()

    def show_dossier(self, dossier_id: int) -> None:
        """Show another dossier and keep the undo stack, for a command that changes which
        dossier is shown: deleting one shows the next, undoing that shows it again, and
        the edits made to it before can then be undone too."""
        self.dossier_id = dossier_id
        self.dossier_changed.emit(dossier_id)

    def set_level(self, level: int) -> None:
        if not same_level(level, self.level):
            self.level = level
            self.audience_changed.emit(level)
            self.changed.emit()

    def today(self) -> dt.date:
        """The calendar's day (or the one pinned): an edition is dated on it."""
        return self._today or dt.date.today()

    def day_count(self) -> tuple[DayCount, dt.date | None]:
        """What the dossier on screen counts days from, and its as-of date.

        Read once per change (lists ask for each row's days left), from the table, as
        everything read before the first paint is.
        """
        if self._day_count is None or self._day_count[0] != self.dossier_id:
            with self.store.session() as session:
                count, as_of = dossier_rows.day_count(session, self.dossier_id)
            self._day_count = (self.dossier_id, count, as_of)
        return self._day_count[1], self._day_count[2]

    def home_zone(self) -> str:
        """The zone of the home clock of the dossier on screen, read once per change (lists
        ask for each row's days left, counted on it)."""
        if self._home_zone is None or self._home_zone[0] != self.dossier_id:
            with self.store.session() as session:
                self._home_zone = (
                    self.dossier_id,
                    dossier_rows.home_zone(session, self.dossier_id),
                )
        return self._home_zone[1]

    def reference_date(self) -> dt.date:
        """The day the dossier on screen is seen on: its D-counts, the timeline's today
        line, people's offices and the checks (:func:`briefing.domain.dossier.reference_date`)."""
        count, as_of = self.day_count()
        return reference_date(count, as_of, self.today())

    def set_today(self, day: dt.date | None) -> None:
        """Pin "today" (for tests and for preparing a book as of a future date)."""
        self._today = day
        self.changed.emit()

    def marking(self, rank: int) -> str:
        markings = {level_rank: marking for level_rank, _name, marking in self.levels}
        return markings.get(rank, "?")

    def audiences(self) -> list[tuple[int, str, str]]:
        """The levels an audience may be chosen at: none above the user's clearance on a
        server, whose own policies would hide those records from the user anyway."""
        cap = self.identity.clearance_rank
        return [level for level in self.levels if cap is None or not above(level[0], cap)]

    def level_name(self, rank: int) -> str:
        """A rank's name; EVERYTHING (no audience chosen) is "All records"."""
        names = {level_rank: name for level_rank, name, _marking in self.levels}
        return names.get(rank) or translate("Workspace", "All records")

    def scale_name(self, rank: int) -> str:
        """A rank's name as the scale spells it (the English "Internal" in the Korean
        window too), for file names: the same edition gets the same name in either."""
        return self._scale_names.get(rank, str(rank))

    # ------------------------------------------------------------ edits

    def push(self, command: QUndoCommand) -> None:
        """Apply ``command`` now (errors reach the caller) and put it on the undo stack."""
        apply = getattr(command, "apply_first", None)
        if apply is not None:
            apply()
        self.undo_stack.push(command)


CHECKS_COMMAND = check_run.command()
"""The checks' process: this Python running :mod:`briefing.store.checks.process`, or the
bundled app running itself (see :func:`briefing.store.checks.process.command`)."""
CHECKS_POLL_S = 0.05
"""How often a run looks whether it has been told to stop."""
BELOW_NORMAL = getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0) | getattr(
    subprocess, "CREATE_NO_WINDOW", 0
)
"""On Windows, where the process cannot lower its own priority (it does so elsewhere)."""


class ChecksWorker(QThread):
    """Runs the checks in a process of their own, into a :class:`Findings` file.

    The thread only waits on the process, so it neither holds the interpreter lock nor
    adds the checks' memory to the window's. An edit made while a ministry's dossier is
    being checked (some 30 seconds) kills the outdated process and starts a new run.

    Signals:
        progress(int, int): the run's generation and the percentage of records checked.
    """

    progress = Signal(int, int)

    def __init__(self, workspace: Workspace, generation: int, folder: Path) -> None:
        from briefing.store.checks.findings import new_key

        super().__init__(workspace)
        store = workspace.store
        self.spec = CheckRun(
            database=store.address,
            passphrase=store.access.passphrase,
            dossier_id=workspace.dossier_id,
            level=workspace.level,
            today=workspace.reference_date().isoformat(),
            folder=str(folder),
            findings_key=new_key() if store.encrypted else None,
        )
        self.generation = generation
        self.process: subprocess.Popen[str] | None = None
        self.result: Findings | None = None
        self.error: str | None = None

    def run(self) -> None:
        folder = Path(self.spec.folder)
        try:
            self._run(folder)
        except Exception as error:  # the window says so rather than wait for ever
            self.error = translate("Workspace", "they could not be run ({reason})").format(
                reason=said(error)
            )
        finally:
            if self.result is None:
                shutil.rmtree(folder, ignore_errors=True)

    def _run(self, folder: Path) -> None:
        errors = folder / "errors.txt"
        with errors.open("w", encoding="utf-8") as stderr:
            self.process = process = subprocess.Popen(
                CHECKS_COMMAND,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=folder,
                text=True,
                encoding="utf-8",
                creationflags=BELOW_NORMAL,
            )
            reader = threading.Thread(target=self._read_progress, args=(process,))
            reader.start()
            try:
                self._wait(process)
            finally:
                if process.returncode is None:
                    process.kill()
                    process.wait()
                if process.stdin is not None:
                    process.stdin.close()  # its lifeline: it exits if this end closes
                reader.join()
                if process.stdout is not None:
                    process.stdout.close()
        if process.returncode == 0:
            from briefing.store.checks.findings import Findings

            self.result = Findings(folder, self.spec.findings_key)
            _ = self.result.total  # the first connection, here rather than on the GUI thread
        elif process.returncode > 0:
            said = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            self.error = (
                said[-1]
                if said
                else translate("Workspace", "they stopped with status {status}").format(
                    status=process.returncode
                )
            )

    def _read_progress(self, process: subprocess.Popen[str]) -> None:
        """Turn the process's "done total" lines into ``progress``, until it ends."""
        assert process.stdout is not None
        shown = -1
        for line in process.stdout:
            done, _, total = line.partition(" ")
            if done.isdigit() and total.strip().isdigit() and int(total):
                percent = 100 * int(done) // int(total)
                if percent != shown:
                    shown = percent
                    self.progress.emit(self.generation, percent)

    def _wait(self, process: subprocess.Popen[str]) -> None:
        """Send the run's inputs, then wait for the end or an interruption."""
        assert process.stdin is not None
        process.stdin.write(self.spec.to_json() + "\n")
        process.stdin.flush()
        while not self.isInterruptionRequested():
            try:
                process.wait(timeout=CHECKS_POLL_S)
                return
            except subprocess.TimeoutExpired:
                continue


class BackgroundRead(QThread, Generic[T]):
    """One piece of work off the GUI thread; ``ok`` and ``result`` once it has finished."""

    def __init__(self, work: Callable[[], T], parent: QObject) -> None:
        super().__init__(parent)
        self.work = work
        self.result: T | None = None
        self.ok = False
        self.error: str | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
            self.ok = True
        except BriefingError as error:
            self.error = said(error)
