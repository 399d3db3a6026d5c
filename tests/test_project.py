"""Promises the repository makes about itself: the README's commands (the layering is
import-linter's contracts, tests/test_layers.py)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_block(heading: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {heading}\n", 1)[1]
    match = re.search(r"```sh\n(.+?)\n```", section, re.S)
    assert match, f"no command under '{heading}'"
    return match.group(1)


def test_ci_runs_the_readme_test_command() -> None:
    command = _readme_block("Test it")
    assert len(command.splitlines()) == 1
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


def test_readme_quotes_the_reliability_line_the_suite_prints() -> None:
    """The README quotes the reliability suite's closing line; it must be that line's shape
    (every figure the suite prints, in its order), not one the suite no longer prints."""
    from tests.reliability.figures import Figures

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    match = re.search(r"`reliability: ([^`]+)`", readme)
    assert match, "the README quotes no reliability line"

    def shape(line: str) -> str:
        """Numbers as N, and the per-path string counts (named by the tests run) dropped."""
        return re.sub(r"(?:[a-z]+ N/N, )+", "", re.sub(r"\d+(?:[,.]\d+)*", "N", line))

    assert shape(match.group(1)) == shape(Figures().line().removeprefix("reliability: "))


def test_run_command_is_one_line_that_installs_and_starts() -> None:
    command = _readme_block("Run it")
    assert len(command.splitlines()) == 1
    assert "pip install" in command and command.endswith("briefing")


def test_no_product_module_is_over_600_lines() -> None:
    """A module past a screenful of screenfuls holds more than one subject: split it by
    subject (the README's architecture names them) before it grows further."""
    package = ROOT / "briefing"
    long = {
        str(path.relative_to(package)): lines
        for path in package.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
