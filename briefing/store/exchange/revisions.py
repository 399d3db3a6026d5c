"""The revisions of a dossier a laptop's database knows: what files it wrote and took in.

A dossier file written whole (``briefing dossier export`` with no audience) carries a new
revision id and the ids of the revisions the dossier descends from, newest first; the
database keeps the file's content under its id. A database that imports or merges the
file keeps it too. When one of them later merges a file from the other, the newest
revision both know is the three-way merge's common base (:mod:`briefing.store.sync.files`).

Only files keep revisions: a team server holds many people's work at many clearances,
and its changes travel through travel copies, which have a base of their own.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zlib

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, DossierRevision
from briefing.store.exchange.export import dumps
from briefing.store.exchange.loading import parse
from briefing.store.exchange.schema import MAX_BASES, DossierFile


def keeps_revisions(session: Session) -> bool:
    """Whether this database keeps revisions: a laptop's file does, a server does not."""
    return session.get_bind().dialect.name == "sqlite"


def known(session: Session, dossier: Dossier) -> list[str]:
    """The revisions of ``dossier`` this database knows, newest first."""
    rows = select(DossierRevision.uid).where(DossierRevision.dossier_id == dossier.id)
    return list(session.scalars(rows.order_by(DossierRevision.at.desc(), DossierRevision.uid)))


def keep(session: Session, dossier: Dossier, model: DossierFile, uid: str) -> None:
    """Keep ``model`` (a whole dossier) as revision ``uid``, and the newest few before it."""
    if session.get(DossierRevision, uid) is not None:
        return
    session.add(
        DossierRevision(
            uid=uid,
            dossier_id=dossier.id,
            at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            document=zlib.compress(_text(model)),
        )
    )
    session.flush()
    old = known(session, dossier)[MAX_BASES:]
    if old:
        session.execute(delete(DossierRevision).where(DossierRevision.uid.in_(old)))


def stamped(session: Session, dossier: Dossier, model: DossierFile) -> DossierFile:
    """``model`` as a file to carry: a new revision, kept here, naming those before it;
    or, when the dossier is just as the newest revision here has it, that revision again,
    so a file exported, imported elsewhere and exported again comes back byte for byte.
    A server's file gets an id of its own too, which it does not keep."""
    if not keeps_revisions(session):
        return model.model_copy(update={"revision": str(uuid.uuid4())})
    before = known(session, dossier)
    newest = session.get(DossierRevision, before[0]) if before else None
    if newest is not None and zlib.decompress(newest.document) == _text(model):
        return model.model_copy(update={"revision": newest.uid, "bases": before[1:][:MAX_BASES]})
    uid = str(uuid.uuid4())
    keep(session, dossier, model, uid)
    return model.model_copy(update={"revision": uid, "bases": before[:MAX_BASES]})


def _text(model: DossierFile) -> bytes:
    """A revision's content as kept: the file's text without its own revision and bases."""
    return dumps(model.model_copy(update={"revision": None, "bases": []})).encode("utf-8")


def common_base(session: Session, dossier: Dossier, model: DossierFile) -> DossierFile | None:
    """The newest revision the file descends from (or is) that this database knows."""
    for uid in [model.revision, *model.bases]:
        row = None if uid is None else session.get(DossierRevision, uid)
        if row is not None and row.dossier_id == dossier.id:
            return parse(zlib.decompress(row.document))
    return None
