"""Setting a team server up and upgrading it: the administrator's side of issue 15.

Both run the same migrations a SQLite file gets, then (re)apply the roles, clearances and
policies, so a table a new version adds is covered by the upgrade that adds it.
"""

from __future__ import annotations

from briefing.store.db.database import Store
from briefing.store.db.migrate import upgrade
from briefing.store.server import policies, roles


def initialise(store: Store) -> None:
    """The schema, roles and policies on an empty (or already set up) database; a database
    that is not UTF8 with a Unicode collation is refused before anything changes."""
    roles.refuse_unless_unicode(store.url)
    upgrade_server(store)


def upgrade_server(store: Store) -> None:
    """Migrate to this version's schema, then cover whatever it added.

    Then the planner is told about the level columns (``ANALYZE``): until autovacuum got
    to a table, it guessed that few rows pass a policy, and a cleared login's timeline
    sorted every visible event for a first page the owner reads through its index (twice
    the owner's time on the 100k-event dossier)."""
    upgrade(store)
    with store.engine.begin() as connection:
        roles.create_roles(connection)
        roles.create_clearances(connection)
        policies.apply(connection)
        connection.exec_driver_sql("ANALYZE")
