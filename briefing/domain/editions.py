"""Editions: the record of every briefing book printed from a dossier.

Numbers let officials say which book they hold; the content hash lets a later edition
say whether anything changed since.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from briefing.domain.base import Base, utcnow


class Edition(Base):
    __tablename__ = "edition"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    audience: Mapped[int] = mapped_column(ForeignKey("handling_level.rank"))
    options: Mapped[str] = mapped_column(Text, default="{}")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("dossier_id", "number"),)
