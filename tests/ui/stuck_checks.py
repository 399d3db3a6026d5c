"""A checks' process that never finishes, until the window kills it."""

from __future__ import annotations

import sys
import threading

if __name__ == "__main__":
    sys.stdin.readline()  # the run, as one line of JSON
    threading.Event().wait()
