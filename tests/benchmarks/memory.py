"""Peak memory of the current process, as every benchmark reports it."""

from __future__ import annotations

from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory since it started, in MB.

    VmHWM, not ``ru_maxrss``: on Linux ``ru_maxrss`` survives exec, so a benchmark child
    started after a big one would report its parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status: the benchmarks measure memory on Linux")
