"""The server, not our client, refuses a login what is above its clearance (issue 15).

Each login connects with plain SQL, as any program could, and reads every table the
catalogue lists: it gets exactly the rows at or below its clearance, by a definition of a
row's level written here from the schema, independently of the triggers that keep the
server's own level column.
"""

from __future__ import annotations

import zlib

import psycopg
import pytest

from tests.store.server.conftest import ClearedServer


def _record(column: str) -> str:
    return f"(SELECT r.handling FROM record r WHERE r.id = t.{column})"


def _of(*columns: str, own: str | None = None) -> str:
    parts = [_record(c) for c in columns] + ([f"t.{own}"] if own else [])
    return f"greatest({', '.join(parts)})"


LEVEL_OF = {
    "dossier": "0",
    "dossier_text": "coalesce(t.handling, "
    "(SELECT d.default_handling FROM dossier d WHERE d.id = t.dossier_id))",
    "edition": "t.audience",
    "edition_copy": "(SELECT e.audience FROM edition e WHERE e.id = t.edition_id)",
    "record": "t.handling",
    "alias": _of("record_id"),
    "field_level": _of("record_id", own="handling"),
    "citation": _of("record_id", "source_id", own="handling"),
    "search_index": _of("rowid"),
    "search_index_field_rows": _of("record_id", own="handling"),
    "event_participant": _of("event_id", "person_id"),
    "delegation_member": _of("delegation_id", "person_id"),
    "chip_sector": _of("chip_id"),
    "chip_event": _of("chip_id", "event_id"),
    "raised_edit": _of("record_id"),
    "record_departure": "t.handling",
    **{
        kind: _of("id")
        for kind in (
            "party",
            "person",
            "organization",
            "appointment",
            "event",
            "delegation",
            "meeting_brief",
            "bargaining_chip",
            "source",
            "talking_point",
        )
    },
}
"""What each content row reveals, hence its level: its record's, its own handling, and
every record it links; a dossier's title is for every audience, its texts at their own
level or its default."""
STORED_BY_THE_SERVER = {"raised_edit", "record_departure"}
"""Content a login reads and deletes but never writes: the server's function stores it."""

KEPT_AS_PRINTED = {"edition", "edition_copy"}
"""Content a login adds and reads but never changes (test_editions_as_printed.py)."""

NOT_CONTENT = {
    "handling_level",
    "alembic_version",
    "briefing_clearance",
    "audit_event",
    "travel_copy",
    "travel_base",
    "travel_base_document",
    "travel_base_record",
    "travel_moved",
    "travel_sync",
    "travel_conflict",
    "dossier_revision",
}


def catalogue_tables(connection: psycopg.Connection[tuple[object, ...]]) -> set[str]:
    rows = connection.execute(
        "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind IN ('r', 'p')"
    )
    return {str(name) for (name,) in rows}


def content_tables(server: ClearedServer) -> list[str]:
    with server.connect() as owner:
        return sorted(catalogue_tables(owner) - NOT_CONTENT)


def rows(
    connection: psycopg.Connection[tuple[object, ...]], table: str, where: str = ""
) -> list[str]:
    found = connection.execute(f"SELECT t.ctid::text FROM {table} t {where}")
    return sorted(str(ctid) for (ctid,) in found)


def test_every_table_the_catalogue_lists_has_a_level(cleared_server: ClearedServer) -> None:
    assert set(content_tables(cleared_server)) == set(LEVEL_OF)


def test_the_planner_knows_every_level_column_once_set_up(cleared_server: ClearedServer) -> None:
    """Without statistics the planner guesses few rows pass a policy and picks plans that
    cost a cleared login twice the owner's time (the server benchmark)."""
    with cleared_server.connect() as owner:
        known = {
            str(table)
            for (table,) in owner.execute(
                "SELECT tablename FROM pg_stats "
                "WHERE attname = 'rls_level' AND schemaname = 'public'"
            )
        }
        filled = {t for t in content_tables(cleared_server) if rows(owner, t, "LIMIT 1")}
    assert filled and filled <= known


@pytest.mark.parametrize("rank", [0, 1, 2, 3])
def test_a_login_reads_exactly_the_rows_at_or_below_its_clearance(
    cleared_server: ClearedServer, rank: int
) -> None:
    hidden = 0
    with (
        cleared_server.connect() as owner,
        cleared_server.connect(cleared_server.logins[rank]) as login,
    ):
        for table in content_tables(cleared_server):
            level = LEVEL_OF[table]
            expected = rows(owner, table, f"WHERE {level} <= {rank}")
            assert rows(login, table) == expected, table
            hidden += len(rows(owner, table, f"WHERE {level} > {rank}"))
    # The data must hold something above every clearance but the top, or this proves nothing.
    assert (hidden > 0) == (rank < 3)


def test_every_content_table_holds_rows_at_several_levels(cleared_server: ClearedServer) -> None:
    with cleared_server.connect() as owner:
        empty = [t for t in content_tables(cleared_server) if not rows(owner, t)]
    assert empty == []


def test_a_login_below_an_editions_audience_cannot_read_what_it_keeps(
    cleared_server: ClearedServer,
) -> None:
    """An edition's snapshot and PDF hold what its audience saw: by plain SQL a Public
    login reads neither of a Confidential edition, nor learns that it exists."""
    query = "SELECT number FROM edition WHERE audience = 2 AND snapshot IS NOT NULL"
    with cleared_server.connect() as owner:
        assert owner.execute(query).fetchall() == [(3,)]
    for rank in (0, 1):
        with cleared_server.connect(cleared_server.logins[rank]) as login:
            assert login.execute(query).fetchall() == []
            assert (
                login.execute("SELECT snapshot, pdf FROM edition WHERE number = 3").fetchall() == []
            )
            assert login.execute("SELECT max(number) FROM edition").fetchone() == (rank + 1,)
    with cleared_server.connect(cleared_server.logins[2]) as login:
        [(snapshot,)] = login.execute("SELECT snapshot FROM edition WHERE number = 3").fetchall()
        assert zlib.decompress(bytes(snapshot)) == b"the Confidential edition"


def test_a_login_without_a_clearance_reads_nothing(cleared_server: ClearedServer) -> None:
    with cleared_server.connect(cleared_server.stranger) as login:
        assert {t: rows(login, t) for t in content_tables(cleared_server)} == {
            t: [] for t in content_tables(cleared_server)
        }


def _refused(login: psycopg.Connection[tuple[object, ...]], statement: str) -> str:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refusal:
        login.execute(statement)
    login.rollback()
    return str(refusal.value)


def _first(server: ClearedServer, query: str) -> int:
    with server.connect() as owner:
        row = owner.execute(query).fetchone()
    assert row is not None, query
    return int(str(row[0]))


def test_writes_above_the_clearance_are_refused(cleared_server: ClearedServer) -> None:
    secret = _first(cleared_server, "SELECT id FROM record WHERE handling = 2 ORDER BY id")
    open_ = _first(cleared_server, "SELECT id FROM record WHERE handling = 1 ORDER BY id")
    with cleared_server.connect(cleared_server.logins[1]) as login:
        _refused(
            login,
            "INSERT INTO record (uid, kind, dossier_id, handling, notes, created_at, updated_at) "
            "VALUES ('x:1', 'party', 1, 2, '', now(), now())",
        )
        _refused(login, f"INSERT INTO alias (record_id, name) VALUES ({secret}, 'x')")
        _refused(login, f"UPDATE record SET handling = 2 WHERE id = {open_}")
        # Rows above the clearance are not there to change or delete: nothing happens.
        for statement in (
            f"UPDATE record SET notes = 'overwritten' WHERE id = {secret}",
            f"DELETE FROM record WHERE id = {secret}",
            f"DELETE FROM alias WHERE record_id = {secret}",
        ):
            assert login.execute(statement).rowcount == 0
        login.commit()
    with cleared_server.connect() as owner:
        still = owner.execute(f"SELECT notes <> 'overwritten' FROM record WHERE id = {secret}")
        assert still.fetchone() == (True,)


def test_a_protected_field_above_the_login_is_not_written_beside_its_hidden_value(
    cleared_server: ClearedServer,
) -> None:
    """A field handled above the login keeps its value in a row the login cannot see,
    its record's column blank: writing the column would leave a second value beside it,
    so the server refuses; the record's other fields stay the login's to change."""
    with cleared_server.connect() as owner:
        found = owner.execute(
            "SELECT f.record_id, f.field, r.kind FROM field_level f "
            "JOIN record r ON r.id = f.record_id "
            "WHERE r.handling = 1 AND f.handling > 1 ORDER BY f.id"
        ).fetchone()
    assert found is not None
    record, field, kind = found
    table = "record" if field == "notes" else kind
    with cleared_server.connect(cleared_server.logins[1]) as login:
        seen = login.execute(f"SELECT count(*) FROM field_level WHERE record_id = {record}")
        assert seen.fetchone() == (0,)  # the field's own level is out of the login's sight
        written = f"UPDATE {table} SET {field} = '1' WHERE id = {record}"
        assert "handled above your clearance" in _refused(login, written)
        login.execute(f"UPDATE record SET uid = uid WHERE id = {record}")  # its other fields
        login.commit()
    with cleared_server.connect(cleared_server.logins[3]) as cleared:
        assert cleared.execute(written).rowcount == 1
        cleared.rollback()


def test_only_an_administrator_lowers_a_level(cleared_server: ClearedServer) -> None:
    secret = _first(cleared_server, "SELECT id FROM record WHERE handling = 2 ORDER BY id")
    lower = f"UPDATE record SET handling = 1 WHERE id = {secret}"
    with cleared_server.connect(cleared_server.logins[2]) as login:
        assert "only an administrator" in _refused(login, lower)
    with cleared_server.connect(cleared_server.logins[3]) as admin:
        assert admin.execute(lower).rowcount == 1
        levels = admin.execute(f"SELECT rls_level FROM alias WHERE record_id = {secret}")
        assert {level for (level,) in levels} <= {1}
        admin.rollback()


def test_raising_a_level_carries_the_records_rows_with_it(cleared_server: ClearedServer) -> None:
    person = _first(
        cleared_server,
        "SELECT p.id FROM person p JOIN record r ON r.id = p.id "
        "WHERE r.handling = 1 AND EXISTS (SELECT 1 FROM alias a WHERE a.record_id = p.id)",
    )
    with cleared_server.connect(cleared_server.logins[2]) as raiser:
        raiser.execute(f"UPDATE record SET handling = 2 WHERE id = {person}")
        raiser.commit()
    try:
        with cleared_server.connect(cleared_server.logins[1]) as login:
            for table, column in (("person", "id"), ("alias", "record_id")):
                found = login.execute(f"SELECT count(*) FROM {table} WHERE {column} = {person}")
                assert found.fetchone() == (0,), table
    finally:
        with cleared_server.connect() as owner:
            owner.execute(f"UPDATE record SET handling = 1 WHERE id = {person}")


def test_a_delete_reaching_hidden_rows_is_refused_without_naming_them(
    cleared_server: ClearedServer,
) -> None:
    record = _first(
        cleared_server,
        "SELECT f.record_id FROM field_level f JOIN record r ON r.id = f.record_id "
        "WHERE r.handling <= 1 AND f.handling > 1 ORDER BY f.id",
    )
    with cleared_server.connect() as owner:
        hidden = owner.execute(
            f"SELECT value FROM field_level WHERE record_id = {record} AND handling > 1"
        ).fetchall()
    with cleared_server.connect(cleared_server.logins[1]) as login:
        message = _refused(login, f"DELETE FROM record WHERE id = {record}")
    assert "not cleared to see" in message
    assert all(str(v).strip('"')[:12] not in message for (v,) in hidden)
    assert str(record) not in message
    with cleared_server.connect() as owner:
        kept = owner.execute(f"SELECT count(*) FROM field_level WHERE record_id = {record}")
        assert kept.fetchone() != (0,)


def test_a_delete_whose_cascade_stays_in_sight_goes_through(
    cleared_server: ClearedServer,
) -> None:
    person = _first(
        cleared_server,
        "SELECT p.id FROM person p JOIN record r ON r.id = p.id WHERE r.handling = 1 AND NOT "
        "EXISTS (SELECT 1 FROM event_participant e WHERE e.person_id = p.id AND e.rls_level > 1) "
        "AND NOT EXISTS (SELECT 1 FROM field_level f WHERE f.record_id = p.id AND f.handling > 1)"
        " ORDER BY p.id",
    )
    with cleared_server.connect(cleared_server.logins[1]) as login:
        deleted = login.execute(f"DELETE FROM record WHERE id = {person}").rowcount
        login.rollback()
    assert deleted == 1


def test_a_login_cannot_read_or_change_clearances(cleared_server: ClearedServer) -> None:
    low = cleared_server.logins[0]
    with cleared_server.connect(low) as login:
        assert login.execute("SELECT briefing_clearance()").fetchone() == (0,)
        _refused(login, f"UPDATE briefing_clearance SET rank = 3 WHERE role_name = '{low}'")
        _refused(login, "SELECT * FROM briefing_clearance")
        _refused(login, f"INSERT INTO briefing_clearance VALUES ('{low}x', 3, true)")
        login.execute("SET ROLE briefing_staff")
        assert login.execute("SELECT briefing_clearance()").fetchone() == (0,)


def test_the_scale_and_the_schema_revision_are_readable_not_writable(
    cleared_server: ClearedServer,
) -> None:
    with cleared_server.connect(cleared_server.logins[3]) as login:
        assert len(login.execute("SELECT * FROM handling_level").fetchall()) == 4
        assert len(login.execute("SELECT * FROM alembic_version").fetchall()) == 1
        _refused(login, "UPDATE handling_level SET name = 'Open' WHERE rank = 0")
        _refused(login, "DELETE FROM alembic_version")


@pytest.mark.parametrize("rank", [0, 1, 2])
def test_a_login_updates_exactly_the_rows_it_sees_and_cannot_set_their_level(
    cleared_server: ClearedServer, rank: int
) -> None:
    with (
        cleared_server.connect() as owner,
        cleared_server.connect(cleared_server.logins[rank]) as login,
    ):
        for table in content_tables(cleared_server):
            if table in STORED_BY_THE_SERVER | KEPT_AS_PRINTED:
                _refused(login, f"UPDATE {table} SET rls_level = 0")
                continue
            seen = len(rows(owner, table, f"WHERE {LEVEL_OF[table]} <= {rank}"))
            assert login.execute(f"UPDATE {table} SET rls_level = 0").rowcount == seen, table
            # The server keeps the level: the rows are still at theirs, not at the lowest.
            public = len(rows(owner, table, f"WHERE {LEVEL_OF[table]} = 0"))
            assert len(rows(login, table, "WHERE rls_level = 0")) == public, table
        login.rollback()


def test_the_server_itself_keeps_an_administrator(cleared_server: ClearedServer) -> None:
    with cleared_server.connect() as owner:
        for statement in (
            "DELETE FROM briefing_clearance WHERE is_admin",
            "UPDATE briefing_clearance SET is_admin = false",
        ):
            with pytest.raises(psycopg.errors.CheckViolation, match="at least one administrator"):
                owner.execute(statement)
            owner.rollback()
