"""The clearance proof's settings, its shared database and book workers, and its figures.

``BRIEFING_DOSSIERS=N`` (default 250) sets how many generated dossiers go through the
book, file, check and search channels; ``BRIEFING_GUI_DOSSIERS=N`` (default 50) how many
go through the GUI and those channels too (while the window waits for its checks), so a
default run takes 300 through the book, file, check and search, 50 of them through the
GUI. Hypothesis draws the same dossiers on every run (derandomized), so a CI failure
comes back when run again; ``BRIEFING_HYPOTHESIS_EXPLORE=1`` draws new ones (replay one
with ``--hypothesis-seed``), as in ``tests/reliability``.

The run closes with a line of figures under the reliability figures:
``clearance: dossiers N (GUI G) · markers M · leaks 0 · missing 0``, then the wall time
and the CPU seconds of each step.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from resource import RUSAGE_CHILDREN, RUSAGE_SELF

import pytest
from hypothesis import HealthCheck, Phase, settings
from sqlalchemy import select

from briefing.domain import HandlingLevel
from briefing.store.db.migrate import open_store
from tests.clearance.channels import Desk
from tests.clearance.plan import LEVEL_NAMES, MARKINGS
from tests.clearance.verdict import Verdict

DEFAULT_DOSSIERS = 250
DEFAULT_GUI_DOSSIERS = 50
BOOK_WORKERS = 2
"""Processes laying out books: the CI machine's two cores."""

EXPLORE = os.environ.get("BRIEFING_HYPOTHESIS_EXPLORE", "") not in ("", "0")
FULL = os.environ.get("BRIEFING_CLEARANCE_FULL", "") not in ("", "0")
"""``BRIEFING_CLEARANCE_FULL=1`` does what CI's budget spreads over the dossiers in turn:
pypdf reads every edition's text (not one per dossier) and ``briefing check`` runs at
every audience (not one per dossier)."""
SURVEY = os.environ.get("BRIEFING_CLEARANCE_SURVEY", "") not in ("", "0")
"""``BRIEFING_CLEARANCE_SURVEY=1`` lets every dossier through and fails the run once at the
end, with a count of every kind of leak and loss: what still leaks, all at once."""
SHRINK = not SURVEY and os.environ.get("BRIEFING_CLEARANCE_SHRINK", "1") not in ("", "0")
"""``BRIEFING_CLEARANCE_SHRINK=0`` reports the first failing dossier as drawn, without the
minutes Hypothesis takes to shrink it while a channel still leaks."""


def dossiers(variable: str, default: int) -> int:
    return int(os.environ.get(variable, default))


def clearance_settings(examples: int) -> settings:
    """Derandomized unless exploring; no deadline (a book takes a while); no example
    database (the same dossiers every run, and nothing written to the repository)."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=not EXPLORE,
        phases=list(Phase) if SHRINK else [p for p in Phase if p != Phase.shrink],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


@dataclass
class Tally:
    """What the run tried and found, for the closing line."""

    dossiers: int = 0
    gui_dossiers: int = 0
    markers: int = 0
    looks: int = 0
    leaks: int = 0
    missing: int = 0
    channels: set[str] = field(default_factory=set)
    started: float = field(default_factory=time.monotonic)
    seconds: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds by step, the book workers' and the checks' processes included."""
    kinds: Counter[str] = field(default_factory=Counter)
    """Each kind of leak or loss (channel, surface, field, audience) and how often."""

    def add(self, verdict: Verdict, seconds: float, *, gui: bool = False) -> None:
        what = "GUI and the rest" if gui else "books, checks, search, file"
        self.seconds[what] = self.seconds.get(what, 0.0) + seconds
        self.dossiers += 1
        if gui:
            self.gui_dossiers += 1
        self.markers += len(verdict.expect.markers)
        self.looks += verdict.looks
        self.leaks += len(verdict.leaks)
        self.missing += len(verdict.missing)
        self.channels.update(x.channel for x in verdict.leaks)
        self.channels.update(x.channel for x in verdict.missing)
        for error in verdict.errors:
            self.kinds[error.split(":")[0].replace("ERROR  ", "error:")] += 1
        for leak in verdict.leaks:
            m = leak.marker
            self.kinds[
                f"leak: {leak.channel} / {_family(leak.surface)}: {m.kind}.{m.field} "
                f"(needs {LEVEL_NAMES[m.level]}) at {LEVEL_NAMES[leak.audience]}"
            ] += 1
        for lost in verdict.missing:
            self.kinds[f"missing: {lost.channel} / {_family(lost.surface)}: {lost.need.why}"] += 1

    @contextlib.contextmanager
    def timing(self, what: str) -> Iterator[None]:
        """Add the block's CPU seconds (and its waited-for children's) to ``what``."""
        start = _cpu_now()
        yield
        self.cpu[what] = self.cpu.get(what, 0.0) + _cpu_now() - start

    def add_cpu(self, spent: dict[str, float]) -> None:
        for what, seconds in spent.items():
            self.cpu[what] = self.cpu.get(what, 0.0) + seconds

    def check(self, verdict: Verdict) -> None:
        """Fail the example, unless surveying (then the run fails once, at its end)."""
        if not SURVEY:
            assert verdict.clean, verdict.report()

    def line(self) -> str:
        return (
            f"clearance: dossiers {self.dossiers:,} · markers {self.markers:,} · "
            f"leaks {self.leaks:,} · missing {self.missing:,}"
        )

    def details(self) -> list[str]:
        from tests.clearance.channels import dossier_file_available

        steps = "; ".join(f"{name} {s:.0f} s" for name, s in self.seconds.items())
        spent = ", ".join(f"{name} {s:.0f}" for name, s in sorted(self.cpu.items()))
        file = "judged" if dossier_file_available() else "not in the store yet, skipped"
        return [
            f"clearance: {self.gui_dossiers:,} of the dossiers also through the window; "
            f"wall time {time.monotonic() - self.started:.0f} s ({steps}); "
            f"{self.looks:,} surfaces judged; dossier file channel: {file}",
            f"clearance CPU seconds: {spent} (total {sum(self.cpu.values()):.0f})",
        ]


def _cpu_now() -> float:
    own, children = (resource.getrusage(w) for w in (RUSAGE_SELF, RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _family(surface: str) -> str:
    """ "details of person" and "details of chip" are one surface for the survey's count."""
    return surface.split(" of ")[0]


TALLY = pytest.StashKey[Tally]()


@pytest.fixture(scope="session")
def tally(pytestconfig: pytest.Config) -> Tally:
    if TALLY not in pytestconfig.stash:
        pytestconfig.stash[TALLY] = Tally()
    return pytestconfig.stash[TALLY]


@pytest.fixture(scope="session")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """One database for every generated dossier of the run (each has its own slug)."""
    path = tmp_path_factory.mktemp("clearance") / "generated.sqlite3"
    store = open_store(path, seed_sample=False)
    with store.session() as session:
        scale = session.scalars(select(HandlingLevel).order_by(HandlingLevel.rank)).all()
        assert [(x.name, x.marking) for x in scale] == list(
            zip(LEVEL_NAMES, MARKINGS, strict=True)
        ), "the generator assumes the default handling scale"
    yield Desk(store, path)
    store.close()


@pytest.fixture(scope="session")
def book_pool() -> Iterator[ProcessPoolExecutor]:
    """Two processes that lay out and read back books (spawned: the parent runs Qt)."""
    pool = ProcessPoolExecutor(BOOK_WORKERS, mp_context=multiprocessing.get_context("spawn"))
    yield pool
    pool.shutdown(cancel_futures=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A survey that found leaks or losses fails the run (its examples did not)."""
    found = session.config.stash.get(TALLY, None)
    if SURVEY and found is not None and (found.leaks or found.missing):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The clearance figures, after the reliability figures when those ran too."""
    found = terminalreporter.config.stash.get(TALLY, None)
    if found is None or not (found.dossiers or found.gui_dossiers):
        return
    from tests.reliability.figures import FIGURES

    reliability = terminalreporter.config.stash.get(FIGURES, None)
    if reliability is None or not reliability.tests:
        terminalreporter.write_sep("-", "reliability figures")
    terminalreporter.write_line(found.line())
    for line in found.details():
        terminalreporter.write_line(line)
    if SURVEY:
        for kind, count in sorted(found.kinds.items()):
            terminalreporter.write_line(f"  {count:6,}  {kind}")
    if found.channels:
        terminalreporter.write_line(
            f"clearance: failing channels: {', '.join(sorted(found.channels))}"
        )
