"""Alembic environment: migrations run on the connection the store hands over.

The app applies migrations itself at start-up (``briefing.store.db.migrate``); there is no
``alembic.ini`` to keep in step. Tables the ORM does not map (the FTS5 search index and
its shadow tables) are left out of autogenerate's comparison.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from briefing.domain import Base

config = context.config
target_metadata = Base.metadata


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
