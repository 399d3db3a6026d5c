"""Editions: the record of every briefing book printed from a dossier.

Numbers let officials say which book they hold; the content hash lets a later edition
say whether anything changed since. Since issue 17 an edition also keeps what its audience
saw (the audience's dossier document, zlib-compressed) and the PDF itself, so it can be
printed again byte for byte whatever is edited or upgraded later; editions made before
then have neither. Both are deferred: listing editions or numbering the next one does
not read them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    made_by: Mapped[str | None] = mapped_column(Text, default=None)
    """Who printed it (the server's login, or the computer's account), as the audit names them."""
    pages: Mapped[int | None] = mapped_column(Integer, default=None)
    snapshot: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    """The dossier document as the audience saw it (``dossier export --audience``), zlib."""
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    """The book exactly as written, zlib-compressed."""

    copies: Mapped[list[EditionCopy]] = relationship(
        order_by="EditionCopy.number", cascade="all, delete-orphan", passive_deletes=True
    )
    """Its distribution list, when printed in numbered copies (empty otherwise)."""

    __table_args__ = (UniqueConstraint("dossier_id", "number"),)


class EditionCopy(Base):
    """One numbered copy of an edition: to whom it went, and how its PDF is known again.

    An edition printed for named recipients (``export --copies``) is one edition in ``m``
    copies, each a PDF of its own with "Copy n of m — NAME" on every page, its own
    document id (the PDF's trailer ``/ID``) and a short code in the margin. The edition's
    own ``pdf`` is then empty: each copy keeps its PDF here, since only the copy's very
    bytes reprint it.
    """

    __tablename__ = "edition_copy"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    """n of "Copy n of m", from 1."""
    recipient: Mapped[str] = mapped_column(Text)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    """The PDF's document id, 32 lowercase hex digits."""
    code: Mapped[str] = mapped_column(String(8), index=True)
    """The margin's code, 8 characters without 0, O, 1 or I (printed as XXXX-XXXX)."""
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    """The copy exactly as written, zlib-compressed."""

    __table_args__ = (UniqueConstraint("edition_id", "number"),)
