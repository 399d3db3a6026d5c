"""Running the command line in a test, as a user's shell would see it."""

from __future__ import annotations

import pytest

from briefing.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``briefing ARGV``: its exit code and what it wrote to standard output and error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
