"""People's logins on a team server: each is a PostgreSQL role in ``briefing_staff`` with
a row in the clearance table. Run by an administrator (a login with ``--admin``, which
gets CREATEROLE, or the server's superuser).

Names are checked to be plain identifiers and quoted anyway; a password is turned into a
SCRAM verifier on this machine, so the server (and its statement log) never sees it.
Every refusal is one line and leaves the server as it was.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from briefing.errors import BriefingError, NotFound
from briefing.i18n import N_
from briefing.store import audit
from briefing.store.server.roles import ADMINISTRATORS, CLEARANCE_TABLE, STAFF
from briefing.store.visibility import level_by_name

P = ParamSpec("P")
T = TypeVar("T")

_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class Account:
    name: str
    clearance: str
    admin: bool


def _identifier(session: Session, name: str) -> str:
    if not _PLAIN_NAME.fullmatch(name) or name.startswith("pg_"):
        raise BriefingError(
            N_(
                "{name!r} is not a plain user name: use lowercase letters, digits and _, starting "
                "with a letter, at most 63; nothing was changed"
            ),
            name=name,
        )
    return session.get_bind().dialect.identifier_preparer.quote_identifier(name)


def _rank(session: Session, level: str) -> int:
    return level_by_name(session, level).rank


def _require_setup(session: Session) -> None:
    if session.execute(text(f"SELECT to_regclass('{CLEARANCE_TABLE}')")).scalar() is None:
        raise BriefingError(
            N_("this database has no Briefing accounts yet; run `briefing server init` first")
        )


def _known(session: Session, name: str) -> bool:
    found = session.execute(
        text(f"SELECT 1 FROM {CLEARANCE_TABLE} WHERE role_name = :n"), {"n": name}
    )
    return found.first() is not None


def _require_user(session: Session, name: str) -> None:
    if not _known(session, name):
        raise NotFound(
            N_("there is no Briefing user called {name}; nothing was changed"), name=name
        )


def _keeps_an_administrator(session: Session, name: str) -> None:
    others = session.execute(
        text(f"SELECT count(*) FROM {CLEARANCE_TABLE} WHERE is_admin AND role_name <> :n"),
        {"n": name},
    ).scalar()
    was_admin = session.execute(
        text(f"SELECT is_admin FROM {CLEARANCE_TABLE} WHERE role_name = :n"), {"n": name}
    ).scalar()
    if was_admin and not others:
        raise BriefingError(
            N_(
                "{name} is the last administrator; make someone else an administrator first. "
                "Nothing was changed"
            ),
            name=name,
        )


def administrators_only(what: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """The server's refusal of a login without the grant ``what`` needs (SQLSTATE 42501,
    insufficient privilege), as one line saying who may: the accounts and the travel
    copies' register are the administrators'."""

    def decorate(action: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(action)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return action(*args, **kwargs)
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) == "42501":
                    raise BriefingError(
                        N_("only a Briefing administrator {what}; nothing was changed"), what=what
                    ) from None
                raise

        return guarded

    return decorate


_accounts_only = administrators_only("(or the server's superuser) manages accounts")


def _verifier(session: Session, name: str, password: str) -> str:
    """The password as a SCRAM verifier, made here with libpq, quoted as a literal."""
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    verifier = raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return "'" + bytes(verifier).decode("ascii").replace("'", "''") + "'"


def _ddl(session: Session, statement: str) -> None:
    """A statement that takes no parameters (roles and grants), sent as it is."""
    session.connection().exec_driver_sql(statement)


def _set_admin(session: Session, role: str, admin: bool) -> None:
    if admin:
        _ddl(session, f"GRANT {ADMINISTRATORS} TO {role}")
        _ddl(session, f"ALTER ROLE {role} CREATEROLE")
    else:
        _ddl(session, f"REVOKE {ADMINISTRATORS} FROM {role}")
        _ddl(session, f"ALTER ROLE {role} NOCREATEROLE")


@_accounts_only
def add_user(session: Session, name: str, level: str, *, admin: bool, password: str) -> None:
    """A new login cleared to ``level``; an empty password leaves it to the server's other
    ways of logging in (peer, certificates)."""
    role = _identifier(session, name)
    _require_setup(session)
    rank = _rank(session, level)
    taken = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    if taken.first() is not None:
        raise BriefingError(
            N_("a user or role called {name} already exists; nothing was changed"), name=name
        )
    secret = f" PASSWORD {_verifier(session, name, password)}" if password else ""
    _ddl(session, f"CREATE ROLE {role} LOGIN{secret}")
    _ddl(session, f"GRANT {STAFF} TO {role}")
    if admin:
        _set_admin(session, role, True)
    session.execute(
        text(f"INSERT INTO {CLEARANCE_TABLE} (role_name, rank, is_admin) VALUES (:n, :r, :a)"),
        {"n": name, "r": rank, "a": admin},
    )
    _audit(session, "user added", name, level, admin)


def _audit(session: Session, action: str, name: str, level: str, admin: bool | None) -> None:
    """Every clearance change goes to the audit trail, in the change's own transaction."""
    role = "" if admin is None else (", administrator" if admin else ", not an administrator")
    level = level_by_name(session, level).name
    audit.record(session, action=action, detail=f"{name}: {level}{role}")


@_accounts_only
def set_clearance(session: Session, name: str, level: str, *, admin: bool | None = None) -> None:
    """Change a login's clearance, and its being an administrator when ``admin`` is given."""
    role = _identifier(session, name)
    _require_setup(session)
    rank = _rank(session, level)
    _require_user(session, name)
    if admin is False:
        _keeps_an_administrator(session, name)
    session.execute(
        text(
            f"UPDATE {CLEARANCE_TABLE} SET rank = :r, is_admin = coalesce(:a, is_admin) "
            "WHERE role_name = :n"
        ),
        {"n": name, "r": rank, "a": admin},
    )
    if admin is not None:
        _set_admin(session, role, admin)
    _audit(session, "clearance changed", name, level, admin)


@_accounts_only
def remove_user(session: Session, name: str) -> None:
    """Drop the login and its clearance; refused for the last administrator."""
    role = _identifier(session, name)
    _require_setup(session)
    _require_user(session, name)
    _keeps_an_administrator(session, name)
    session.execute(text(f"DELETE FROM {CLEARANCE_TABLE} WHERE role_name = :n"), {"n": name})
    audit.record(session, action="user removed", detail=name)
    _ddl(session, f"DROP ROLE {role}")


@_accounts_only
def list_users(session: Session) -> list[Account]:
    _require_setup(session)
    rows = session.execute(
        text(
            f"SELECT c.role_name, l.name, c.is_admin FROM {CLEARANCE_TABLE} c "
            "JOIN handling_level l ON l.rank = c.rank ORDER BY c.role_name"
        )
    ).all()
    return [Account(name, level, bool(admin)) for name, level, admin in rows]
