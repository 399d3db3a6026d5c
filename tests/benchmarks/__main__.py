"""``python -m tests.benchmarks [startup|large|checks|book|import|fields|server]``: figures.

With no name, all of them run, one after the other. ``server`` takes ``--scale F`` (a
dossier F times the full size).
"""

from __future__ import annotations

import sys

from tests.benchmarks import book, checks, exchange, fields, large, server, startup

BENCHMARKS = {
    "startup": startup.main,
    "large": large.main,
    "checks": checks.main,
    "book": book.main,
    "import": exchange.main,
    "fields": fields.main,
    "server": server.main,
}


def run(argv: list[str]) -> int:
    if not argv:
        for name, benchmark in BENCHMARKS.items():
            print(f"\n== {name}")
            benchmark()
        return 0
    if argv[0] == "server":
        return server.main(argv[1:])
    if len(argv) != 1 or argv[0] not in BENCHMARKS:
        print(f"usage: python -m tests.benchmarks {{{','.join(BENCHMARKS)}}}", file=sys.stderr)
        return 2
    return BENCHMARKS[argv[0]]()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
