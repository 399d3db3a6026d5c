"""A checks' process that never finishes, until the window kills it."""

from __future__ import annotations

import sys
import threading

if __name__ == "__main__":
    sys.stdin.read()
    threading.Event().wait()
