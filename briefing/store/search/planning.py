"""How a team server plans a search: its joins in the order the statement writes them.

Kept apart from the search's statement (:mod:`briefing.store.search.querying`): it is
about PostgreSQL's planner, which SQLite's searches never meet.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


@contextmanager
def joined_as_written(session: Session) -> Iterator[None]:
    """PostgreSQL plans the search's joins in the order the statement writes them.

    The statement is planned for its words every time (``plan_cache_mode``), and weighing
    every order of its dozen relations took about as long as running it (0.8 ms of the
    "Kim" statement's 2.3 on the 100k-event dossier, 0.4 ms so); the order written (the
    matches, then what each hit shows) is the one the planner settled on anyway for the
    queries timed. Set for the search alone and put back, a round trip each way. Set
    for the transaction only: a search that fails leaves a transaction that can only be
    rolled back, and the rollback (to a savepoint too) puts them back itself, where a
    statement to do it would fail in its place and hide why the search did.
    """
    connection = session.connection()
    before = connection.exec_driver_sql(
        "SELECT current_setting('join_collapse_limit'), current_setting('from_collapse_limit'), "
        "set_config('join_collapse_limit', '1', true), set_config('from_collapse_limit', '1', true)"
    ).one()
    yield
    connection.exec_driver_sql(
        "SELECT set_config('join_collapse_limit', %(joins)s, true), "
        "set_config('from_collapse_limit', %(froms)s, true)",
        {"joins": before[0], "froms": before[1]},
    )
