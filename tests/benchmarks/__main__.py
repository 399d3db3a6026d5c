"""``python -m tests.benchmarks book``: run a benchmark by name and print its figures."""

from __future__ import annotations

import sys

from tests.benchmarks import book

BENCHMARKS = {"book": book.main}


def run(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in BENCHMARKS:
        print(f"usage: python -m tests.benchmarks {{{','.join(BENCHMARKS)}}}", file=sys.stderr)
        return 2
    return BENCHMARKS[argv[0]]()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
