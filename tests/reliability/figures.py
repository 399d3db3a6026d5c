"""What the reliability suite tried and what survived, for its closing summary.

Tests add to one :class:`Figures` (the ``figures`` fixture, kept in the pytest config's
stash, so there is one per run and no module-level state). A figure counts an attempt
before the test checks it and a survival after the check passed, so a failing run still
prints how far it got.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


@dataclass
class Figures:
    """Counts for the summary line; see :meth:`line`."""

    tests: int = 0
    kills: int = 0
    kills_fresh_interpreter: int = 0
    integrity_ok: int = 0
    foreign_keys_ok: int = 0
    search_index_ok: int = 0
    reopened_ok: int = 0
    commits_reported: int = 0
    commits_present: int = 0
    in_flight: int = 0
    in_flight_whole: int = 0
    in_flight_none: int = 0
    crash_seconds: float = 0.0
    strings: int = 0
    paths: dict[str, list[int]] = field(default_factory=dict)
    printable_tried: int = 0
    printable_found: int = 0
    files: int = 0
    files_refused: int = 0
    files_unchanged: int = 0
    faults: int = 0
    faults_handled: int = 0
    network_attempts: int = 0

    def tried(self, path: str, count: int = 1) -> None:
        """``count`` strings went into ``path`` (store, models, search, html, export)."""
        self.paths.setdefault(path, [0, 0])[0] += count

    def survived(self, path: str, count: int = 1) -> None:
        self.paths.setdefault(path, [0, 0])[1] += count

    def line(self) -> str:
        """One line: every count, attempts next to survivals."""
        crash = (
            f"kills {self.kills} (integrity ok {self.integrity_ok}, foreign keys ok "
            f"{self.foreign_keys_ok}, search index ok {self.search_index_ok}, reopened "
            f"{self.reopened_ok}; committed changes present "
            f"{self.commits_present:,}/{self.commits_reported:,}; in flight at the kill "
            f"{self.in_flight}: {self.in_flight_whole} whole, {self.in_flight_none} none)"
        )
        paths = "".join(f"{name} {ok:,}/{tried:,}, " for name, (tried, ok) in self.paths.items())
        strings = (
            f"strings {self.strings:,} ({paths}printable round-trips "
            f"{self.printable_found:,}/{self.printable_tried:,})"
        )
        files = (
            f"files {self.files} refused {self.files_refused} (db unchanged {self.files_unchanged})"
        )
        faults = f"disk faults {self.faults} handled {self.faults_handled}"
        leaks = f"network leaks {self.network_attempts}"
        return f"reliability: {crash} · {strings} · {files} · {faults} · {leaks}"


FIGURES = pytest.StashKey[Figures]()


def figures_of(config: pytest.Config) -> Figures:
    """The run's figures, created on first use."""
    if FIGURES not in config.stash:
        config.stash[FIGURES] = Figures()
    return config.stash[FIGURES]
