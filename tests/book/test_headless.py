"""The book runs headless: importing it never loads Qt."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_book_loads_no_qt() -> None:
    code = (
        "import sys, briefing.book, briefing.book.build;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
