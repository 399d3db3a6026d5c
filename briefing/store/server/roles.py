"""The server's roles, its clearance table and the functions policies call.

Three roles that nobody logs in as: ``briefing_owner`` owns every table and the
SECURITY DEFINER functions (so the level triggers and the delete guards see every row),
``briefing_staff`` holds the grants every person's login gets by joining it, and
``briefing_administrators`` may change clearances. Clearances live in
``briefing_clearance``, which ordinary logins can neither read nor write: they learn
their own through :func:`briefing_clearance()`.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL

from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.store.server.refusals import LAST_ADMINISTRATOR, sql_text

OWNER = "briefing_owner"
STAFF = "briefing_staff"
ADMINISTRATORS = "briefing_administrators"
CLEARANCE_TABLE = "briefing_clearance"

SEARCH_PATH = "SET search_path = public, pg_temp"
"""Every SECURITY DEFINER function's fixed search path: a login cannot slip a table or
function of its own in front of ours (pg_temp last, where it cannot shadow)."""

_UNICODE_LOCALE = re.compile(r"(?i)^(c|[a-z]{2,3}(_[a-z]{2})?)\.utf-?8(@\w+)?$")


def refuse_unless_unicode(url: URL) -> None:
    """Refuse a database that is not UTF8 with a Unicode collation, before changing anything:
    Hangul, kanji and kana search (pg_trgm, lower() on them) needs both.

    Asked on a connection of its own that talks UTF8 whatever the database's encoding: on a
    SQL_ASCII database the driver would otherwise get bytes where it expects text.
    """
    engine = create_engine(url, connect_args={"client_encoding": "utf8"})
    try:
        with engine.connect() as connection:
            row = _locale_of(connection)
    finally:
        engine.dispose()
    name, encoding, collate, ctype, provider = row
    unicode_locale = provider == "i" or all(_UNICODE_LOCALE.match(x) for x in (collate, ctype))
    if encoding != "UTF8" or not unicode_locale:
        raise BriefingError(
            N_(
                "database {name} is {encoding} with collation {collate}; Briefing needs UTF8 with "
                "a Unicode collation (C.UTF-8, a *.UTF-8 locale or ICU) for Hangul and kanji "
                "search. Nothing was changed; create it with CREATE DATABASE {name} TEMPLATE "
                "template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
            ),
            name=name,
            encoding=encoding,
            collate=collate,
        )


def _locale_of(connection: Connection) -> tuple[str, str, str, str, str]:
    name, encoding, collate, ctype, provider = connection.execute(
        text(
            "SELECT current_database(), pg_encoding_to_char(encoding), datcollate, datctype, "
            "datlocprovider FROM pg_database WHERE datname = current_database()"
        )
    ).one()
    return str(name), str(encoding), str(collate), str(ctype), str(provider)


def _create_role(connection: Connection, name: str) -> None:
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    if exists.first() is None:
        connection.exec_driver_sql(f"CREATE ROLE {name} NOLOGIN")


def create_roles(connection: Connection) -> None:
    """The three group roles (cluster-wide, so made once for every database), and the
    administrator running this made a member of the owner so it can hand tables over."""
    for name in (OWNER, STAFF, ADMINISTRATORS):
        _create_role(connection, name)
    superuser = connection.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    if not superuser:
        connection.exec_driver_sql(f"GRANT {OWNER} TO current_user")


def create_clearances(connection: Connection) -> None:
    """The clearance table, its guard against losing the last administrator, and the
    functions that read it for a login."""
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {CLEARANCE_TABLE} ("
        "role_name text PRIMARY KEY, "
        "rank integer NOT NULL REFERENCES handling_level (rank) ON UPDATE CASCADE, "
        "is_admin boolean NOT NULL DEFAULT false)"
    )
    # session_user, not current_user: inside a SECURITY DEFINER function current_user is
    # the owner, and SET ROLE to a group must not change whose clearance applies.
    # PL/pgSQL, not SQL: a session keeps its plan, where an SQL function not inlined (as a
    # SECURITY DEFINER one never is) is planned again in every query that calls it.
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION briefing_clearance() RETURNS integer "
        f"LANGUAGE plpgsql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$ BEGIN "
        f"RETURN (SELECT rank FROM {CLEARANCE_TABLE} WHERE role_name = session_user); END $$"
    )
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION briefing_cleared_levels() RETURNS integer[] "
        f"LANGUAGE plpgsql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$ BEGIN "
        "RETURN (SELECT coalesce(array_agg(rank), '{}') FROM handling_level "
        "WHERE rank <= briefing_clearance()); END $$"
    )
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION briefing_is_admin() RETURNS boolean "
        f"LANGUAGE sql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$ "
        f"SELECT coalesce((SELECT is_admin FROM {CLEARANCE_TABLE} "
        "WHERE role_name = session_user), false) $$"
    )
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION briefing_record_level(integer) RETURNS integer "
        f"LANGUAGE sql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$ "
        "SELECT handling FROM record WHERE id = $1 $$"
    )
    # Edition numbers run across audiences: a login that sees only the lower ones must
    # still number the next edition past the highest.
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION briefing_last_edition(integer) RETURNS integer "
        f"LANGUAGE sql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$ "
        "SELECT max(number) FROM edition WHERE dossier_id = $1 $$"
    )
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION briefing_keep_an_administrator() RETURNS trigger "
        f"LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} AS $$ BEGIN "
        f"IF EXISTS (SELECT 1 FROM old_rows WHERE is_admin) AND NOT EXISTS "
        f"(SELECT 1 FROM {CLEARANCE_TABLE} WHERE is_admin) THEN "
        f"RAISE EXCEPTION {sql_text(LAST_ADMINISTRATOR)} "
        "USING ERRCODE = 'check_violation'; END IF; RETURN NULL; END $$"
    )
    for action in ("UPDATE", "DELETE"):
        name = f"briefing_keep_an_administrator_{action.lower()}"
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {CLEARANCE_TABLE}")
        connection.exec_driver_sql(
            f"CREATE TRIGGER {name} AFTER {action} ON {CLEARANCE_TABLE} "
            "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
            "EXECUTE FUNCTION briefing_keep_an_administrator()"
        )
