"""Rules a record must keep, shared by forms, the importer and the store.

Each returns a sentence for a person, or None when the values are fine, so the GUI can
show it inline and the importer can put it next to the line of the file.
"""

from __future__ import annotations

import datetime as dt


def span_problem(start: dt.date | None, end: dt.date | None) -> str | None:
    if start is not None and end is not None and end < start:
        return f"ends ({end.isoformat()}) before it starts ({start.isoformat()})"
    return None
