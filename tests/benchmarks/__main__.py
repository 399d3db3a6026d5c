"""``python -m tests.benchmarks [startup|large|checks|book|changes|import|fields|server|sync]``:
figures.

With no name, all of them run, one after the other. ``server`` and ``sync`` take
``--scale F`` (a dossier F times the full size); ``server`` also ``--only SET...``.
"""

from __future__ import annotations

import sys

from tests.benchmarks import book, changes, checks, exchange, fields, large, server, startup, sync

BENCHMARKS = {
    "startup": startup.main,
    "large": large.main,
    "checks": checks.main,
    "book": book.main,
    "changes": changes.main,
    "import": exchange.main,
    "fields": fields.main,
    "server": server.main,
    "sync": sync.main,
}
SCALED = {"server": server.main, "sync": sync.main}
"""The benchmarks that take arguments (``--scale``, ``--only``)."""


def run(argv: list[str]) -> int:
    if not argv:
        for name, benchmark in BENCHMARKS.items():
            print(f"\n== {name}")
            benchmark()
        return 0
    if argv[0] in SCALED:
        return SCALED[argv[0]](argv[1:])
    if len(argv) != 1 or argv[0] not in BENCHMARKS:
        print(f"usage: python -m tests.benchmarks {{{','.join(BENCHMARKS)}}}", file=sys.stderr)
        return 2
    return BENCHMARKS[argv[0]]()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
