"""The reliability suite's options, its figures, and the summary it closes with.

``--kills N`` (or ``BRIEFING_KILLS=N``) sets how many children the crash test kills;
``--crash-seed S`` (or ``BRIEFING_CRASH_SEED``) replays one run. pytest reads options
only from the conftest files next to the paths it is given, so the flags work with
``pytest tests/reliability``; the environment variables work however pytest is started.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.reliability.figures import FIGURES, Figures, figures_of

DEFAULT_KILLS = 200
DEFAULT_CRASH_SEED = 20250501


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("reliability")
    group.addoption(
        "--kills",
        type=int,
        default=None,
        help=f"children the crash test kills (default {DEFAULT_KILLS}, or BRIEFING_KILLS)",
    )
    group.addoption(
        "--crash-seed",
        type=int,
        default=None,
        help="seed of the crash test's random kills, to replay a run (or BRIEFING_CRASH_SEED)",
    )


def _setting(config: pytest.Config, option: str, variable: str, default: int) -> int:
    value = config.getoption(option, None)
    if value is None:
        value = int(os.environ.get(variable, default))
    return int(value)


@pytest.fixture(scope="session")
def kills(pytestconfig: pytest.Config) -> int:
    return _setting(pytestconfig, "kills", "BRIEFING_KILLS", DEFAULT_KILLS)


@pytest.fixture(scope="session")
def crash_seed(pytestconfig: pytest.Config) -> int:
    return _setting(pytestconfig, "crash_seed", "BRIEFING_CRASH_SEED", DEFAULT_CRASH_SEED)


@pytest.fixture(scope="session")
def figures(pytestconfig: pytest.Config) -> Figures:
    return figures_of(pytestconfig)


@pytest.fixture(autouse=True)
def _count_network_attempts(no_network: list[str], figures: Figures) -> Iterator[None]:
    """Add each test's network attempts to the figures before the guard fails the test.

    Depending on ``no_network`` makes this teardown run first, while the list still holds
    what the guard refused.
    """
    figures.tests += 1
    yield
    figures.network_attempts += len(no_network)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The suite's figures, only when a reliability test ran."""
    found = terminalreporter.config.stash.get(FIGURES, None)
    if found is None or not found.tests:
        return
    terminalreporter.write_sep("-", "reliability figures")
    terminalreporter.write_line(found.line())
    if found.kills:
        terminalreporter.write_line(
            f"crash test: {found.crash_seconds:.1f} s for {found.kills} kills "
            f"({found.crash_seconds / found.kills * 1000:.0f} ms each, "
            f"{found.kills_fresh_interpreter} of them in a fresh interpreter)"
        )
