"""The layering is a contract (``[tool.importlinter]`` in pyproject.toml), checked here.

The test it replaced parsed ``import`` statements itself and missed ``from briefing import
ui`` and relative imports; import-linter follows every import, direct or through other
modules. Each planted violation below is one that slipped past, or one a change could
plausibly bring in, and must break the named contract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LINT = (
    "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
)


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the ``briefing`` package under ``root``, with its contracts."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", LINT], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_package_keeps_its_contracts() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "contract"),
    [
        ("book/build.py", "from briefing import ui", "Layers point one way"),
        ("store/lists/people.py", "from ...ui import workspace", "Layers point one way"),
        ("domain/base.py", "from briefing.store import database", "Layers point one way"),
        ("text.py", "import PySide6.QtCore", "Nothing below the GUI reaches Qt"),
        ("cli.py", "from PySide6 import QtWidgets", "The command line reaches Qt only through"),
        ("domain/events.py", "import shutil", "The domain does no I/O"),
        ("domain/formats.py", "import sqlite3", "The domain does no I/O"),
    ],
)
def test_a_planted_violation_breaks_its_contract(
    tmp_path: Path, module: str, planted: str, contract: str
) -> None:
    shutil.copytree(
        ROOT / "briefing",
        tmp_path / "briefing",
        ignore=shutil.ignore_patterns("*.pyc", "__pycache__", "resources", "db"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "briefing" / module
    lines = target.read_text(encoding="utf-8").splitlines()
    after = lines.index("from __future__ import annotations") + 1
    target.write_text("\n".join([*lines[:after], planted, *lines[after:]]) + "\n", encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    summary = result.stdout.split("\nContracts:", 1)[0]
    broken = [line for line in summary.split("KEPT") if "BROKEN" in line]
    assert any(contract in line for line in broken), result.stdout
