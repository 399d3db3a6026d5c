"""File ▸ Take a copy for travel…: the window's way to ``briefing travel out``.

Taking the copy reads the whole dossier from the server and encrypts it, which takes
long enough on a large dossier to freeze the window; it runs in a thread, as connecting
does, and what went wrong comes back as the store's one line. The passphrase is held
only by that thread while it runs, and never by the window, its settings or its status.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QFileDialog

from briefing.errors import BriefingError
from briefing.store.db.database import is_server
from briefing.ui.i18n import QT_TRANSLATE_NOOP, said, translate
from briefing.ui.security import ask_new_passphrase
from briefing.ui.settings import LAST_FOLDER

if TYPE_CHECKING:
    from briefing.store.db.database import Store
    from briefing.store.travel import Taken
    from briefing.ui.main_window import MainWindow

ON_A_FILE = QT_TRANSLATE_NOOP(
    "Travel",
    "A travel copy is taken from a team server; this window is on a "
    "file. Connect to the team server first (File ▸ Connect to a "
    "team server…)",
)
TIP = QT_TRANSLATE_NOOP(
    "Travel",
    "Write an encrypted copy of the dossier, holding what you are cleared for, to work offline",
)


def can_take_copy(store: Store) -> bool:
    """Only a team server registers copies (and can later revoke and sync them)."""
    return is_server(store.url)


def proposed_name(slug: str) -> str:
    """The copy's file name: the dossier's, never its clearance or level, which would tell
    whoever sees the laptop's folder what it holds."""
    return f"{slug}-travel.sqlite3"


class Taking(QThread):
    """Takes one copy off the window's thread; ``done`` carries it, or why not in one line.

    Signals:
        done(object, str): the :class:`~briefing.store.travel.Taken` (or None) and, if
        none, the reason.
    """

    done = Signal(object, str)

    def __init__(
        self, store: Store, slug: str, target: Path, passphrase: str, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.slug = slug
        self.target = target
        self.passphrase = passphrase

    def run(self) -> None:
        from briefing.store.travel import take_copy  # the exchange's modules, on first use

        try:
            taken = take_copy(self.store, self.slug, self.target, self.passphrase)
        except BriefingError as exc:
            self.done.emit(None, said(exc))
        except OSError as exc:  # the folder refused the file: the store removed its part
            self.done.emit(
                None,
                translate("Travel", "cannot write {target}: {strerror}").format(
                    target=self.target, strerror=exc.strerror or exc
                ),
            )
        except Exception as exc:  # a bug must not leave the action disabled for ever
            self.done.emit(
                None,
                translate("Travel", "the travel copy failed ({type})").format(
                    type=type(exc).__name__
                ),
            )
        else:
            self.done.emit(taken, "")
        finally:
            self.passphrase = ""


class TravelCopier(QObject):
    """Asks where and under what passphrase, then takes the copy in a :class:`Taking`.

    Signals:
        finished(object, str): as :attr:`Taking.done`, once the window has said so.
    """

    finished = Signal(object, str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.taking: Taking | None = None

    def take(self, path: str | None = None, passphrase: str | None = None) -> Taking | None:
        """Start taking the copy of the dossier on screen, asking for what is not given;
        None if the person gives up, or a copy is being taken already."""
        if self.taking is not None or not can_take_copy(self.window.store):
            return None
        slug = self.window.workspace.dossier()[0]
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                translate("Travel", "Take a copy for travel"),
                str(LAST_FOLDER.read(self.window.settings) / proposed_name(slug)),
                translate("Travel", "Briefing databases (*.sqlite3 *.db)"),
            )
            if not path:
                return None
        target = Path(path)
        if passphrase is None:
            passphrase = ask_new_passphrase(
                self.window,
                translate("Travel", "Passphrase for the travel copy"),
                translate(
                    "Travel",
                    "{name} is encrypted under a passphrase of your choice. It is "
                    "asked for whenever the copy is opened, and cannot be recovered "
                    "if forgotten.",
                ).format(name=target.name),
            )
            if passphrase is None:
                return None
        self.window.act.travel_out.setEnabled(False)
        self.window.statusBar().showMessage(
            translate("Travel", "Taking a travel copy of {slug} to {target}…").format(
                slug=slug, target=target
            )
        )
        self.taking = Taking(self.window.store, slug, target, passphrase, self)
        self.taking.done.connect(self._done)
        self.taking.start()
        return self.taking

    def _done(self, taken: Taken | None, why: str) -> None:
        if self.taking is not None:
            self.taking.wait()
            self.taking = None
        self.window.act.travel_out.setEnabled(True)
        if taken is None:
            self.window.statusBar().clearMessage()
            self.window.show_error(translate("Travel", "No travel copy taken"), why)
        else:
            LAST_FOLDER.write(self.window.settings, taken.path.parent)
            self.window.statusBar().showMessage(
                translate(
                    "Travel",
                    "Wrote {name}: travel copy {uid} of {slug}, what {login} is cleared to see",
                ).format(name=taken.path.name, uid=taken.uid, slug=taken.slug, login=taken.login),
                30_000,
            )
        self.finished.emit(taken, why)

    def stop(self) -> None:
        """Let a copy being taken finish before the window closes its store."""
        if self.taking is not None:
            self.taking.wait()
