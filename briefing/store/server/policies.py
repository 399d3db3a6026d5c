"""Row-level security on every content table, and the grants on the rest.

Applied by ``briefing server init`` and again by ``server upgrade``, so a table or column
a migration adds is covered at once; every statement may run again (``OR REPLACE``,
``IF NOT EXISTS``, a policy dropped before it is made). What it enforces, for a login in
``briefing_staff``:

- It reads, writes and deletes only rows at or below its clearance (``USING`` and
  ``WITH CHECK`` on the level a trigger keeps, :mod:`briefing.store.server.levels`).
- Only an administrator lowers a record's, a citation's or a protected field's level:
  lowering is what lets readers below see it, so it takes the person who answers for
  clearances (raising is open to anyone cleared to the new level).
- The dossier row is seen by all, its subtitle and scene-setter (``dossier_text``) only
  at or above their levels: a text stays with its dossier and kind, only an administrator
  lowers one, and only an administrator lowers a dossier's default level (which the texts
  without a level of their own take), to which a login must be cleared to change it.
- A protected field above the login keeps its value in a ``field_level`` row the login
  cannot see, its record's column blank; the login, seeing no such row, takes the field
  to be at its record's level, and a write to the column would leave a second value
  beside the hidden one, shown to the login and to nobody cleared to the field. A guard
  refuses it.
- A delete whose cascade would reach rows the login cannot see is refused: PostgreSQL runs
  a foreign key's cascade past row-level security, so a guard before each delete looks
  for hidden dependants, and its message names none of them.
- An edition is kept as printed: the server, not the laptop, says who printed it and
  when, and no login changes or removes one but by deleting its dossier.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from briefing.domain.fields import PROTECTED
from briefing.domain.registry import kind_of, model_of
from briefing.errors import N_, BriefingError
from briefing.store.server.levels import CONTENT, LEVEL_COLUMN, NOT_CONTENT
from briefing.store.server.refusals import (
    AS_PRINTED,
    DEFAULT_LEVEL,
    FIELD_ABOVE,
    HIDDEN_DEPENDANTS,
    LOWERING,
    TEXT_STAYS,
    sql_text,
)
from briefing.store.server.roles import ADMINISTRATORS, CLEARANCE_TABLE, OWNER, SEARCH_PATH, STAFF

AT_OR_BELOW = "public.<=#"
"""A level at or below another, for the policies: ``<=`` on integers (``int4le``), whose
estimate says that nearly every row passes.

The clearance is a sub-select, evaluated once a query, so the planner does not know it
when it plans. For ``<=`` against an unknown value it guesses that a third of the rows
pass, and then joined a dossier's records by index loops or sorted every row for a first
page the owner reads through its index, at up to three times the owner's cost. Every
query the client sends tests the audience's level itself, with the statistics of
``handling``, so the policy's own estimate should take away nothing: this operator's is
PostgreSQL's ``neqsel``, which for an operator without a negator is 0.995. ``= ANY`` of
the list of levels (``briefing_cleared_levels()``) estimated as well, but searching the
array on every row cost a cleared login up to 1.5 times the owner's time on the
100k-event dossier, against up to 1.15 times with this."""

CLEARED = f"OPERATOR({AT_OR_BELOW}) (SELECT briefing_clearance())"
"""A policy's test of a row's level, after the level column: a login without a clearance
(NULL) passes none."""

_RECORD_IDS = "record_id_seq"

TRAVEL_COPIES = "travel_copy"
TRAVEL_SYNCS = "travel_sync"
REVISIONS = "dossier_revision"
RAISED_EDITS = "raised_edit"
DEPARTURES = "record_departure"
TEXTS = "dossier_text"
PASS_ON = "briefing_pass_on(integer, text, text, text, text, text)"
EDITIONS = "edition"
COPIES = "edition_copy"

_HELD_BY_ID = {"record": ("dossier_id", "handling")}
"""What an index of a table's ids holds besides the level column: a record's dossier and
level, which every list and count looks up by id (migration 0030's ``record_scope``)."""

_LOWERED = ("record", "field_level", "citation")
"""Tables whose ``handling`` only an administrator may lower."""


def public_tables(connection: Connection) -> list[str]:
    """Every ordinary table in the schema, from the catalogue rather than our metadata."""
    return list(
        connection.execute(
            text(
                "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                "AND relkind IN ('r', 'p') ORDER BY relname"
            )
        ).scalars()
    )


def apply(connection: Connection) -> None:
    """Ownership, level columns and triggers, policies and grants, on the schema as it is."""
    tables = public_tables(connection)
    unknown = sorted(set(tables) - set(CONTENT) - NOT_CONTENT)
    if unknown:
        raise BriefingError(
            N_(
                "table(s) {tables} are neither dossier content nor known to hold none; "
                "nothing was changed (briefing.store.server.levels must classify them)"
            ),
            tables=", ".join(unknown),
        )
    content = [t for t in tables if t in CONTENT]
    _hand_over(connection, tables)
    _at_or_below(connection)
    for table in content:
        _level_column(connection, table)
    _propagation(connection, content)
    _lowering_guard(connection)
    if TEXTS in tables:
        _dossier_texts(connection)
    if EDITIONS in tables:
        _editions_as_printed(connection)
    _delete_guards(connection, content)
    _protected_columns(connection, set(content))
    for table in content:
        _policies(connection, table)
    _grants(connection, tables, content)
    if TRAVEL_COPIES in tables:
        _register_of_copies(connection)
    if TRAVEL_SYNCS in tables:
        _record_of_syncs(connection)
    if REVISIONS in tables:
        # Empty on a server (only laptops keep revisions), but a dossier's delete
        # cascades to it, which its deleter must be allowed to do.
        connection.exec_driver_sql(f"GRANT SELECT, DELETE ON {REVISIONS} TO {STAFF}")
    if RAISED_EDITS in tables:
        _passing_on(connection)
    if DEPARTURES in tables:
        # Only the owner's trigger (migration 0023) notes a departure: none is forged,
        # and none removed to keep a copy holding what was deleted.
        connection.exec_driver_sql(f"REVOKE INSERT, UPDATE, DELETE ON {DEPARTURES} FROM {STAFF}")


def _hand_over(connection: Connection, tables: list[str]) -> None:
    for table in tables:
        connection.exec_driver_sql(f"ALTER TABLE {table} OWNER TO {OWNER}")
    for function in (
        "briefing_clearance()",
        "briefing_cleared_levels()",
        "briefing_is_admin()",
        "briefing_record_level(integer)",
        "briefing_last_edition(integer)",
        "briefing_keep_an_administrator()",
        "briefing_fold(text)",
        "briefing_travel_stamp()",
        "briefing_sync_stamp()",
        "briefing_sync_mark()",
        "briefing_record_departure()",
        "briefing_search_follows()",
        PASS_ON,
    ):
        exists = connection.execute(text("SELECT to_regprocedure(:f)"), {"f": function}).scalar()
        if exists is not None:
            connection.exec_driver_sql(f"ALTER FUNCTION {function} OWNER TO {OWNER}")


def _at_or_below(connection: Connection) -> None:
    exists = connection.execute(
        text("SELECT to_regoperator(:o)"), {"o": f"{AT_OR_BELOW}(integer, integer)"}
    ).scalar()
    if exists is None:
        connection.exec_driver_sql(
            f"CREATE OPERATOR {AT_OR_BELOW} (LEFTARG = integer, RIGHTARG = integer, "
            "FUNCTION = int4le, RESTRICT = neqsel)"
        )
    connection.exec_driver_sql(f"ALTER OPERATOR {AT_OR_BELOW} (integer, integer) OWNER TO {OWNER}")


def _owned_function(connection: Connection, signature: str, body: str) -> None:
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {signature} RETURNS trigger LANGUAGE plpgsql "
        f"SECURITY DEFINER {SEARCH_PATH} AS $$ BEGIN {body} END $$"
    )
    connection.exec_driver_sql(f"ALTER FUNCTION {signature} OWNER TO {OWNER}")
    connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")


def _trigger(connection: Connection, table: str, name: str, when: str, function: str) -> None:
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    connection.exec_driver_sql(
        f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"
    )


def _level_column(connection: Connection, table: str) -> None:
    """The column, the trigger that keeps it, and the levels of existing rows.

    No index led by the level: a scale has a handful of levels, and the planner, not
    knowing the login's clearance when it plans, took such an index for a filter and read
    a dossier's records through it at three times the owner's cost; a level is checked on
    rows reached by their dossier or id instead. A record kind's own table (``person``,
    ``event``...) and ``record`` carry the level in an index of their ids: a list's count
    reads the ids alone from an index where the owner does, and a login must also read
    each row's level, which without it meant reading the whole table (a cleared login's
    events count took 1.4 times the owner's).
    """
    connection.exec_driver_sql(
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {LEVEL_COLUMN} integer NOT NULL DEFAULT 0"
    )
    function = f"briefing_level_{table}"
    level = CONTENT[table].level_sql("NEW")
    _owned_function(connection, f"{function}()", f"NEW.{LEVEL_COLUMN} := {level}; RETURN NEW;")
    _trigger(connection, table, "briefing_level", "BEFORE INSERT OR UPDATE", function)
    row = CONTENT[table].level_sql(table)
    connection.exec_driver_sql(
        f"UPDATE {table} SET {LEVEL_COLUMN} = {row} WHERE {LEVEL_COLUMN} IS DISTINCT FROM {row}"
    )
    if table in _HELD_BY_ID or CONTENT[table].records == ("id",):
        held = ", ".join((*_HELD_BY_ID.get(table, ()), LEVEL_COLUMN))
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {table}_levels ON {table} (id) INCLUDE ({held})"
        )
    if table == "record":
        # Migration 0030's index of record ids, without the level: this one replaces it.
        connection.exec_driver_sql("DROP INDEX IF EXISTS record_scope")


def _propagation(connection: Connection, content: list[str]) -> None:
    """When a record's level changes, every row that takes its level from it follows."""
    updates = " ".join(
        f"UPDATE {table} SET {LEVEL_COLUMN} = {LEVEL_COLUMN} WHERE {column} = NEW.id;"
        for table in content
        for column in CONTENT[table].records
    )
    _owned_function(connection, "briefing_follow_record()", f"{updates} RETURN NULL;")
    _trigger(
        connection,
        "record",
        "briefing_follow_record",
        "AFTER UPDATE OF handling",
        "briefing_follow_record",
    )


def _lowering_guard(connection: Connection) -> None:
    _owned_function(
        connection,
        "briefing_refuse_lowering()",
        "IF NEW.handling < OLD.handling AND briefing_clearance() IS NOT NULL "
        "AND NOT briefing_is_admin() THEN RAISE EXCEPTION "
        f"{sql_text(LOWERING)} USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW;",
    )
    for table in _LOWERED:
        _trigger(
            connection,
            table,
            "briefing_refuse_lowering",
            "BEFORE UPDATE OF handling",
            "briefing_refuse_lowering",
        )


def _dossier_texts(connection: Connection) -> None:
    """The rules of the dossier's texts, which a level column and policies alone miss.

    A text's level is its own or its dossier's default, so the default is changed only by
    a login cleared to it before and after (and lowered only by an administrator, as a
    text is), and a change of it carries the texts without a level of their own along.
    Every dossier has one text of each kind, made with it, so a row refused as a duplicate
    tells a login nothing it did not know; moving one to another dossier or kind is
    refused outright.
    """
    refused = "USING ERRCODE = 'insufficient_privilege'"
    _owned_function(
        connection,
        "briefing_guard_default()",
        "IF briefing_clearance() IS NOT NULL AND (NOT (OLD.default_handling = ANY "
        "(briefing_cleared_levels()) AND NEW.default_handling = ANY "
        "(briefing_cleared_levels())) OR (NEW.default_handling < "
        "OLD.default_handling AND NOT briefing_is_admin())) THEN RAISE EXCEPTION "
        f"{sql_text(DEFAULT_LEVEL)} {refused}; END IF; RETURN NEW;",
    )
    _trigger(
        connection,
        "dossier",
        "briefing_guard_default",
        "BEFORE UPDATE OF default_handling",
        "briefing_guard_default",
    )
    _owned_function(
        connection,
        "briefing_follow_default()",
        f"UPDATE {TEXTS} SET {LEVEL_COLUMN} = {LEVEL_COLUMN} WHERE dossier_id = NEW.id; "
        "RETURN NULL;",
    )
    _trigger(
        connection,
        "dossier",
        "briefing_follow_default",
        "AFTER UPDATE OF default_handling",
        "briefing_follow_default",
    )
    # Named after briefing_level, so it runs after the new level is worked out.
    _owned_function(
        connection,
        "briefing_guard_text()",
        "IF NEW.dossier_id <> OLD.dossier_id OR NEW.kind <> OLD.kind THEN RAISE EXCEPTION "
        f"{sql_text(TEXT_STAYS)} {refused}; END IF; "
        f"IF NEW.{LEVEL_COLUMN} < OLD.{LEVEL_COLUMN} AND briefing_clearance() IS NOT NULL "
        "AND NOT briefing_is_admin() THEN RAISE EXCEPTION "
        f"{sql_text(LOWERING)} {refused}; END IF; RETURN NEW;",
    )
    _trigger(connection, TEXTS, "briefing_refuse_lowering", "BEFORE UPDATE", "briefing_guard_text")


def _editions_as_printed(connection: Connection) -> None:
    """Who printed an edition and when are the server's word, and the row stays as printed.

    The trail of editions is what the ministry reads when a book turns up where it should
    not, so a laptop's account name or clock is not taken on trust, and a login cannot
    rewrite or remove the record of a book it printed, nor of a numbered copy. A
    dossier's delete still removes its editions: that delete comes from the foreign key's
    cascade, a trigger below this one (``pg_trigger_depth``), and is guarded as every
    delete is.
    """
    _owned_function(
        connection,
        "briefing_stamp_edition()",
        "NEW.made_by := session_user; NEW.created_at := now() AT TIME ZONE 'UTC'; RETURN NEW;",
    )
    _trigger(
        connection, EDITIONS, "briefing_stamp_edition", "BEFORE INSERT", "briefing_stamp_edition"
    )
    _owned_function(
        connection,
        "briefing_keep_edition()",
        "IF briefing_clearance() IS NOT NULL AND (TG_OP = 'UPDATE' OR pg_trigger_depth() = 1) "
        f"THEN RAISE EXCEPTION {sql_text(AS_PRINTED)} USING ERRCODE = 'insufficient_privilege'; "
        "END IF; IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;",
    )
    for table in (EDITIONS, COPIES):
        _trigger(
            connection,
            table,
            "briefing_keep_edition",
            "BEFORE UPDATE OR DELETE",
            "briefing_keep_edition",
        )


def _protected_columns(connection: Connection, content: set[str]) -> None:
    """Before a row of a table holding protected columns is updated, refuse a change to
    one whose ``field_level`` row is above the login's clearance."""
    by_table: dict[str, list[str]] = {}
    for kind, protected in PROTECTED.items():
        mapper = model_of(kind_of(kind)).__mapper__
        for name in protected:
            table = mapper.columns[name].table.name
            if name not in by_table.setdefault(table, []):
                by_table[table].append(name)
    for table, columns in by_table.items():
        if table not in content:
            continue
        changed = " OR ".join(
            f"(f.field = '{name}' AND NEW.{name} IS DISTINCT FROM OLD.{name})" for name in columns
        )
        function = f"briefing_guard_fields_{table}"
        _owned_function(
            connection,
            f"{function}()",
            "IF briefing_clearance() IS NOT NULL AND EXISTS (SELECT 1 FROM field_level f "
            f"WHERE f.record_id = NEW.id AND f.{LEVEL_COLUMN} > briefing_clearance() "
            f"AND ({changed})) THEN RAISE EXCEPTION {sql_text(FIELD_ABOVE)} "
            "USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW;",
        )
        _trigger(connection, table, "briefing_guard_fields", "BEFORE UPDATE", function)


def _delete_guards(connection: Connection, content: list[str]) -> None:
    """Before a row is deleted, look for content rows its foreign keys would reach (by a
    cascade or a SET NULL) above the login's clearance."""
    links = connection.execute(
        text(
            "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, "
            "p.attname FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = c.confkey[1] "
            "WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace "
            "AND cardinality(c.conkey) = 1 ORDER BY 3, 1, 2"
        )
    ).all()
    by_parent: dict[str, list[str]] = {}
    for child, column, parent, key in links:
        if child in content and parent in content:
            by_parent.setdefault(parent, []).append(
                f"EXISTS (SELECT 1 FROM {child} WHERE {column} = OLD.{key} "
                f"AND {LEVEL_COLUMN} > clearance)"
            )
    for parent, hidden in by_parent.items():
        function = f"briefing_guard_{parent}"
        connection.exec_driver_sql(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql "
            f"SECURITY DEFINER {SEARCH_PATH} AS $$ DECLARE clearance integer := "
            "briefing_clearance(); BEGIN "
            f"IF clearance IS NOT NULL AND ({' OR '.join(hidden)}) THEN "
            f"RAISE EXCEPTION {sql_text(HIDDEN_DEPENDANTS)} "
            "USING ERRCODE = 'insufficient_privilege'; "
            "END IF; RETURN OLD; END $$"
        )
        connection.exec_driver_sql(f"ALTER FUNCTION {function}() OWNER TO {OWNER}")
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function}() FROM PUBLIC")
        _trigger(connection, parent, "briefing_guard_delete", "BEFORE DELETE", function)


def _policies(connection: Connection, table: str) -> None:
    connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    connection.exec_driver_sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    cleared = f"{LEVEL_COLUMN} {CLEARED}"
    rules = {
        "briefing_owner_all": f"FOR ALL TO {OWNER} USING (true) WITH CHECK (true)",
        "briefing_read": f"FOR SELECT TO {STAFF} USING ({cleared})",
        "briefing_add": f"FOR INSERT TO {STAFF} WITH CHECK ({cleared})",
        "briefing_change": f"FOR UPDATE TO {STAFF} USING ({cleared}) WITH CHECK ({cleared})",
        "briefing_remove": f"FOR DELETE TO {STAFF} USING ({cleared})",
    }
    for name, rule in rules.items():
        connection.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {table}")
        connection.exec_driver_sql(f"CREATE POLICY {name} ON {table} {rule}")


def _grants(connection: Connection, tables: list[str], content: list[str]) -> None:
    for table in tables:
        connection.exec_driver_sql(f"REVOKE ALL ON {table} FROM PUBLIC, {STAFF}, {ADMINISTRATORS}")
    for table in content:
        connection.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {STAFF}")
    for table in ("handling_level", "alembic_version"):
        if table in tables:
            connection.exec_driver_sql(f"GRANT SELECT ON {table} TO {STAFF}")
    connection.exec_driver_sql(
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {CLEARANCE_TABLE} TO {ADMINISTRATORS}"
    )
    if "audit_event" in tables:
        connection.exec_driver_sql(f"GRANT INSERT ON audit_event TO {STAFF}")
        connection.exec_driver_sql(f"GRANT SELECT ON audit_event TO {ADMINISTRATORS}")
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {STAFF}, {ADMINISTRATORS}")
    connection.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {STAFF}")
    # An import reserves a block of record ids by moving the counter (setval).
    connection.exec_driver_sql(f"GRANT UPDATE ON SEQUENCE {_RECORD_IDS} TO {STAFF}")
    for function in (
        "briefing_clearance()",
        "briefing_cleared_levels()",
        "briefing_is_admin()",
        "briefing_last_edition(integer)",
    ):
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {STAFF}")
    connection.exec_driver_sql("REVOKE ALL ON FUNCTION briefing_record_level(integer) FROM PUBLIC")
    connection.exec_driver_sql(
        "REVOKE ALL ON FUNCTION briefing_keep_an_administrator() FROM PUBLIC"
    )


def _register_of_copies(connection: Connection) -> None:
    """A login registers and reads its own travel copies; administrators read everyone's
    and alone revoke or expire one (they change nothing else of it). The server stamps
    who took a copy (a trigger of migration 0012), so no login registers one for another."""
    connection.exec_driver_sql(f"ALTER TABLE {TRAVEL_COPIES} ENABLE ROW LEVEL SECURITY")
    connection.exec_driver_sql(f"ALTER TABLE {TRAVEL_COPIES} FORCE ROW LEVEL SECURITY")
    own = "login = session_user"
    rules = {
        "briefing_owner_all": f"FOR ALL TO {OWNER} USING (true) WITH CHECK (true)",
        "briefing_own_copies": f"FOR SELECT TO {STAFF} USING ({own})",
        "briefing_take_copy": f"FOR INSERT TO {STAFF} WITH CHECK ({own})",
        "briefing_all_copies": f"FOR SELECT TO {ADMINISTRATORS} USING (true)",
        "briefing_revoke_copy": f"FOR UPDATE TO {ADMINISTRATORS} USING (true) WITH CHECK (true)",
    }
    for name, rule in rules.items():
        connection.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {TRAVEL_COPIES}")
        connection.exec_driver_sql(f"CREATE POLICY {name} ON {TRAVEL_COPIES} {rule}")
    connection.exec_driver_sql(f"GRANT SELECT, INSERT ON {TRAVEL_COPIES} TO {STAFF}")
    connection.exec_driver_sql(
        f"GRANT SELECT, UPDATE (expires_at, revoked_at, revoked_by) ON {TRAVEL_COPIES} "
        f"TO {ADMINISTRATORS}"
    )


def _record_of_syncs(connection: Connection) -> None:
    """A login records its own copies' syncs and reads them back; administrators read
    everyone's. Nobody changes or removes one: a sync's id is how a retried sync is known.
    The server stamps who synced and when (a trigger of migration 0014)."""
    connection.exec_driver_sql(f"ALTER TABLE {TRAVEL_SYNCS} ENABLE ROW LEVEL SECURITY")
    connection.exec_driver_sql(f"ALTER TABLE {TRAVEL_SYNCS} FORCE ROW LEVEL SECURITY")
    own = "login = session_user"
    rules = {
        "briefing_owner_all": f"FOR ALL TO {OWNER} USING (true) WITH CHECK (true)",
        "briefing_own_syncs": f"FOR SELECT TO {STAFF} USING ({own})",
        "briefing_record_sync": f"FOR INSERT TO {STAFF} WITH CHECK ({own})",
        "briefing_all_syncs": f"FOR SELECT TO {ADMINISTRATORS} USING (true)",
    }
    for name, rule in rules.items():
        connection.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {TRAVEL_SYNCS}")
        connection.exec_driver_sql(f"CREATE POLICY {name} ON {TRAVEL_SYNCS} {rule}")
    connection.exec_driver_sql(f"GRANT SELECT, INSERT ON {TRAVEL_SYNCS} TO {STAFF}")


def _passing_on(connection: Connection) -> None:
    """A traveller stores edits to a record raised above its level only through the
    owner's function (migration 0016), which checks the record is there above it; those
    cleared read, and settle by deleting, the rows at or below their clearance (the
    content's policies). Nobody writes one directly, so none is forged or altered."""
    connection.exec_driver_sql(f"REVOKE INSERT, UPDATE ON {RAISED_EDITS} FROM {STAFF}")
    connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {PASS_ON} FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {PASS_ON} TO {STAFF}")
