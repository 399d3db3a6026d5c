"""Where the app's own data files are: migrations, the sample dossier, fonts, icons.

In a source checkout they are the top-level ``db/`` and ``resources/`` folders; a built
wheel carries the same folders inside the package as ``briefing/_data/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``db`` or ``resources``, wherever this installation keeps it."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the app's {name!r} folder is missing from this installation")


def migrations_dir() -> Path:
    return data_dir("db") / "migrations"


def sample_dossier_path() -> Path:
    return data_dir("db") / "sample_dossier.json"


def resource(*parts: str) -> Path:
    return data_dir("resources").joinpath(*parts)
