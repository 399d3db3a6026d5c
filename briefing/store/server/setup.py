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
    """Migrate to this version's schema, then cover whatever it added."""
    upgrade(store)
    with store.engine.begin() as connection:
        roles.create_roles(connection)
        roles.create_clearances(connection)
        policies.apply(connection)
