"""Travel copies (issue 16): the server's register of the copies taken out, and a copy's
own note of the base it was taken from.

Both tables exist in every database, so a copy is an ordinary Briefing file and one line
of migrations serves servers and files alike. ``travel_copy`` is used on a server only
(a file registers nothing); ``travel_base`` (one row) and ``travel_base_record`` (one
per record) are filled in a travel copy and empty anywhere else (a server grants them to
nobody).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from briefing.domain.base import Base


class TravelCopy(Base):
    """One copy taken out of the server: by whom, at what clearance, from which base.

    ``base_mark`` is the server's ``pg_current_snapshot()`` in the transaction the copy was
    exported in: a row version whose transaction that snapshot does not see was written
    after the base, which is how a sync asks "what changed since". ``login``,
    ``clearance`` and ``taken_at`` are stamped by the server, not the client."""

    __tablename__ = "travel_copy"

    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[int] = mapped_column(Integer)
    """No foreign key: the register outlives a deleted dossier, as the audit trail does,
    and a dossier's delete (and its undo) never reaches the register."""
    login: Mapped[str] = mapped_column(String(63))
    clearance: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(63))
    base_mark: Mapped[str] = mapped_column(Text)


class TravelBase(Base):
    """Inside a travel copy: which copy it is, of what, for whom, and how far its sync
    has gone (the dossier file it was filled from is a :class:`TravelBaseDocument`)."""

    __tablename__ = "travel_base"

    copy_uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    server: Mapped[str] = mapped_column(Text)
    dossier_slug: Mapped[str] = mapped_column(Text)
    login: Mapped[str] = mapped_column(String(63))
    clearance: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)
    base_mark: Mapped[str] = mapped_column(Text)
    pending_sync: Mapped[str | None] = mapped_column(String(36), default=None)
    """The id of a sync begun and not yet finished in the copy: written before the server
    is asked, cleared with the copy's side of it, so a sync cut between the two sides'
    commits is resumed under the same id (migration 0014)."""
    audit_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """The copy's audit events up to this id have reached the server's trail."""
    audit_upto: Mapped[int | None] = mapped_column(Integer, default=None)
    """The last of the copy's audit events the pending sync sends, noted with its id so a
    resumed sync sends the same ones, once."""


class TravelBaseDocument(Base):
    """Inside a travel copy: the dossier file (exchange JSON, zlib-compressed) exactly as
    the copy was filled from, kept as the record of what the traveller was given.

    A row of its own (migration 0019), not a column of :class:`TravelBase`: SQLite
    rewrites a whole row on every update, and a sync updates that row twice, so a
    dossier's megabytes sat in every sync's writes."""

    __tablename__ = "travel_base_document"

    copy_uid: Mapped[str] = mapped_column(
        ForeignKey("travel_base.copy_uid", ondelete="CASCADE"), primary_key=True
    )
    document: Mapped[bytes] = mapped_column(LargeBinary)


class TravelBaseRecord(Base):
    """Inside a travel copy: one record of the merge's base, as the traveller had it.

    A record changed since the base is one whose version differs from the one noted here,
    on the server or in the copy (every change counts in ``record.version``), so a sync
    reads the records that changed and this row of each, not the dossier."""

    __tablename__ = "travel_base_record"

    uid: Mapped[str] = mapped_column(String(120), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    server_version: Mapped[int] = mapped_column(Integer)
    copy_version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(Text)
    """The record's fields as the exchange file holds them for the traveller (JSON);
    a field withheld from the traveller is absent."""

    __table_args__ = (
        # The base's versions without its states' pages (migration 0017).
        Index("ix_travel_base_record_versions", "uid", "server_version", "copy_version"),
    )


class TravelSync(Base):
    """On a server: one finished sync of a travel copy (migration 0014).

    The id is the copy's, chosen before the server is asked, so a sync retried after a
    crash is recognised rather than counted twice. ``login`` and ``synced_at`` are stamped
    by the server; the counts are what the sync's merge found."""

    __tablename__ = "travel_sync"

    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    copy_uid: Mapped[str] = mapped_column(String(36))
    login: Mapped[str] = mapped_column(String(63))
    synced_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sent: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer)
    conflicts: Mapped[int] = mapped_column(Integer)


class TravelConflict(Base):
    """Inside a travel copy: one place both sides changed differently at the last sync,
    or a change of the traveller's that the server refused (migration 0014).

    Nothing was written at that place on either side. ``place`` and the three values are
    JSON as :mod:`briefing.store.sync.conflicts` encodes them; ``reason`` says why the
    server refused, for a refusal: since migration 0028 its message id, with the
    arguments that fill it in ``reason_arguments`` (as a check's finding keeps them), so
    that it is said in the reader's language; before, its English, said as it is."""

    __tablename__ = "travel_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(30))
    type: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text)
    ours: Mapped[str] = mapped_column(Text)
    theirs: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    reason_arguments: Mapped[str | None] = mapped_column(Text)
    theirs_by: Mapped[str | None] = mapped_column(String(63))
    theirs_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    sync_uid: Mapped[str] = mapped_column(String(36))
    found_at: Mapped[dt.datetime] = mapped_column(DateTime)


class DossierRevision(Base):
    """A version of a dossier this database wrote whole to a file or took in from one
    (migration 0015): what ``briefing dossier merge`` finds as the common base when a
    file names it. Kept on laptops' files only; a team server never writes one."""

    __tablename__ = "dossier_revision"

    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    document: Mapped[bytes] = mapped_column(LargeBinary)
    """The dossier file's text, zlib-compressed, without its own revision and bases."""


class RaisedEdit(Base):
    """On a server: a traveller's edits to a record a colleague raised above the
    traveller's level during the trip (migration 0016), kept at the record's level for
    someone cleared to see it to settle.

    ``base`` and ``ours`` are the record's state (JSON, as
    :func:`briefing.store.sync.conflicts.encode` writes a whole record) in the traveller's
    base and copy. ``login`` and ``passed_at`` are stamped by the server's function that
    alone stores a row, once per sync and record."""

    __tablename__ = "raised_edit"
    __table_args__ = (UniqueConstraint("sync_uid", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"))
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(120))
    copy_uid: Mapped[str] = mapped_column(String(36))
    sync_uid: Mapped[str] = mapped_column(String(36))
    login: Mapped[str] = mapped_column(String(63))
    passed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    base: Mapped[str] = mapped_column(Text)
    ours: Mapped[str] = mapped_column(Text)


class TravelMoved(Base):
    """Inside a travel copy: a record saved, made or deleted since the base (migration
    0023), noted by the copy's own triggers as the change is written, whatever wrote it.

    A sync compares only these records with the base, so it does not read every record's
    version out of the encrypted file; it removes the note of each record it settles."""

    __tablename__ = "travel_moved"

    uid: Mapped[str] = mapped_column(String(120), primary_key=True)


class RecordDeparture(Base):
    """On a server: a record that left the view of the audiences at its level (migration
    0023): deleted, or raised above that level. Written by the server's trigger, with the
    change mark of the transaction that did it (a column the server alone has), so a sync
    finds what a travel copy must drop without reading the uids of every record.

    A content table at the level the record had (``handling``): a login sees the
    departure only of a record it was cleared to see, never of one above its clearance."""

    __tablename__ = "record_departure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(Integer)
    """No foreign key: a dossier's delete leaves its records' departures, as it leaves the
    audit trail; a copy of it learns the dossier is gone another way."""
    uid: Mapped[str] = mapped_column(String(120))
    handling: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_record_departure_dossier", "dossier_id"),)
