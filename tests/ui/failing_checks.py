"""A checks' process that fails as one does on a database busy in another window."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    sys.stdin.readline()  # the run, as one line of JSON
    print("the database is busy in another Briefing window", file=sys.stderr)
    sys.exit(1)
