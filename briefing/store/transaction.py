"""A change made from the GUI, with the database's refusals in the project's own words.

:meth:`briefing.store.db.database.Store.session` already turns a full disk or a lock into a
:class:`~briefing.errors.BriefingError`. A change can also break a rule the schema
enforces, or name a record another window has deleted meanwhile; :func:`transaction`
turns those into :class:`~briefing.errors.NotSaved`, so the GUI shows every refusal the
same way without knowing SQLAlchemy. ``Session`` is here for the GUI's type hints.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from briefing.errors import NotSaved
from briefing.i18n import N_

if TYPE_CHECKING:
    from briefing.store.db.database import Store

__all__ = ["Session", "transaction"]


@contextmanager
def transaction(store: Store) -> Iterator[Session]:
    """One transaction, as :meth:`Store.session`; a refusal raises :class:`NotSaved`."""
    try:
        with store.session() as session:
            yield session
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        raise NotSaved(
            N_("the database refused it ({reason}); nothing was changed"), reason=reason
        ) from exc
