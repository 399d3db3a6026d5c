"""The audit trail: who took which copy of a dossier out of the database, and when.

Rows are only ever added (the database's triggers refuse changing or removing one), so
the trail can be trusted by whoever reads it later. The dossier is named by its slug and
the audience by its rank, not by keys: the trail outlives a deleted dossier or level.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from briefing.domain.base import Base, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40))
    dossier: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[int | None] = mapped_column(Integer)
    edition: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
