"""What the GUI remembers between runs: each setting declared once, with its type and default.

Everything the GUI keeps in ``QSettings`` is read and written through these declarations,
so a key is spelled once and a value written by an older version, or by hand in the
settings file, reads as its default instead of raising.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

DEFAULT_LOCK_MINUTES = 10.0


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One remembered value: its key, its default, and how to read what the file holds.

    ``parse`` turns what QSettings gives back (a string from an INI file, a list with one
    item as a string) into the declared type, and raises ValueError or TypeError for
    anything else.
    """

    key: str
    default: T
    parse: Callable[[object], T]

    def read(self, settings: QSettings) -> T:
        value = settings.value(self.key)
        if value is None:
            return self.default
        try:
            return self.parse(value)
        except (TypeError, ValueError):
            return self.default

    def write(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, str(value) if isinstance(value, Path) else value)


def _text(value: object) -> str:
    return str(value)


def _number(value: object) -> float:
    return float(str(value))


def _whole(value: object) -> int:
    return int(str(value))


def _flag(value: object) -> bool:
    return value if isinstance(value, bool) else str(value).casefold() in {"true", "1"}


def _texts(value: object) -> list[str]:
    """A list; QSettings gives a one-item list back as its item, and an empty one as ''."""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)] if value else []


def _bytes(value: object) -> QByteArray:
    if not isinstance(value, QByteArray):
        raise TypeError(type(value).__name__)
    return value


def _folder(value: object) -> Path:
    return Path(str(value)) if value else Path.home()


WELCOMED: Setting[bool] = Setting("welcomed", False, _flag)
"""The first start's greeting has been shown."""

WINDOW_GEOMETRY: Setting[QByteArray | None] = Setting("window/geometry", None, _bytes)
WINDOW_STATE: Setting[QByteArray | None] = Setting("window/state", None, _bytes)
WINDOW_SPLITTER: Setting[QByteArray | None] = Setting("window/splitter", None, _bytes)
WINDOW_PAGE: Setting[str] = Setting("window/page", "Overview", _text)
LAST_DOSSIER: Setting[str] = Setting("dossier/last", "", _text)
"""The slug of the dossier on screen when the window closed."""

RECENT_DATABASES: Setting[list[str]] = Setting("files/recent", [], _texts)
"""Paths, the latest first."""
LAST_FOLDER: Setting[Path] = Setting("files/last_dir", Path.home(), _folder)
"""Where the last dossier file was imported from or exported to."""

AUTOLOCK_MINUTES: Setting[float] = Setting(
    "security/autolock_minutes", DEFAULT_LOCK_MINUTES, _number
)
"""Idle minutes before an encrypted database's window locks."""

EXPORT_FOLDER: Setting[Path] = Setting("export/folder", Path.home(), _folder)
EXPORT_AUDIENCE: Setting[int | None] = Setting("export/audience", None, _whole)
EXPORT_PAPER: Setting[str] = Setting("export/paper", "a4", _text)
EXPORT_LANGUAGE: Setting[str] = Setting("export/language", "en", _text)
"""The book's language at the last export, whatever the window's."""
EXPORT_SECTIONS: Setting[list[str] | None] = Setting("export/sections", None, _texts)
"""The sections ticked at the last export; None (never exported) ticks them all."""

LANGUAGE: Setting[str] = Setting("view/language", "", _text)
"""The interface's language code chosen in View ▸ Language; empty follows the system."""
