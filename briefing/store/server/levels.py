"""Which tables hold dossier content, and the level each of their rows is handled at.

Each content table gets a ``rls_level`` column that a trigger keeps equal to the level of
what the row reveals, so a policy compares one indexed integer (listing as a cleared role
costs next to nothing more than as the owner). A row's level is its record's (a kind's own
table, an alias, a search entry), raised by its own ``handling`` where it has one (a
protected field, a citation, a search entry of a protected field), and by every record it
links (a citation's source, a meeting's participant, a delegation's member). The dossier
row is at the lowest level: its title names the book and its file for every audience, so
every login sees the dossier; its subtitle and scene-setter are rows of ``dossier_text``,
each at its own level or, without one, its dossier's default (migration 0018). An
edition is at its audience's, and so is each of its numbered copies (``edition_copy``).
A traveller's edits passed on to someone cleared (``raised_edit``) are at their record's
level, whatever it is raised or lowered to later; a record's departure
(``record_departure``: deleted, or raised) at the level it had, so only those who saw the
record learn it left.

Every table PostgreSQL holds must be listed here or in :data:`NOT_CONTENT`: a table added
later without a level is refused by ``briefing server upgrade`` rather than left open.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVEL_COLUMN = "rls_level"


@dataclass(frozen=True)
class Content:
    """A content table: the columns naming the records whose levels its rows take on, and
    the row's own level column (None when it has none)."""

    records: tuple[str, ...] = ()
    own: str | None = None
    expression: str | None = None
    """A level computed from the row alone (``{row}`` stands for it), for the tables that
    are not about one record: the dossier and its editions."""

    def level_sql(self, row: str) -> str:
        """The row's level, as SQL over ``row`` (``NEW`` in a trigger)."""
        if self.expression is not None:
            return self.expression.format(row=row)
        parts = [f"briefing_record_level({row}.{c})" for c in self.records]
        if self.own:
            parts.append(f"{row}.{self.own}")
        return f"coalesce(greatest({', '.join(parts)}), 0)"


CONTENT: dict[str, Content] = {
    "dossier": Content(expression="coalesce((SELECT min(rank) FROM handling_level), 0)"),
    "dossier_text": Content(
        expression="coalesce({row}.handling, "
        "(SELECT d.default_handling FROM dossier d WHERE d.id = {row}.dossier_id))"
    ),
    "edition": Content(expression="{row}.audience"),
    "edition_copy": Content(
        expression="(SELECT e.audience FROM edition e WHERE e.id = {row}.edition_id)"
    ),
    "record": Content(own="handling"),
    "alias": Content(records=("record_id",)),
    "field_level": Content(records=("record_id",), own="handling"),
    "citation": Content(records=("record_id", "source_id"), own="handling"),
    "search_index": Content(records=("rowid",)),
    "search_index_field_rows": Content(records=("record_id",), own="handling"),
    "party": Content(records=("id",)),
    "person": Content(records=("id",)),
    "organization": Content(records=("id",)),
    "appointment": Content(records=("id",)),
    "event": Content(records=("id",)),
    "event_participant": Content(records=("event_id", "person_id")),
    "delegation": Content(records=("id",)),
    "delegation_member": Content(records=("delegation_id", "person_id")),
    "meeting_brief": Content(records=("id",)),
    "bargaining_chip": Content(records=("id",)),
    "chip_sector": Content(records=("chip_id",)),
    "chip_event": Content(records=("chip_id", "event_id")),
    "source": Content(records=("id",)),
    "talking_point": Content(records=("id",)),
    "raised_edit": Content(records=("record_id",)),
    "record_departure": Content(own="handling"),
}
"""Every table holding dossier content, and where its rows' levels come from."""

NOT_CONTENT = frozenset(
    {
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
)
"""Tables that hold no dossier content: the scale, the schema's revision, the clearances,
the audit trail, the register of travel copies (each login's own rows, by a policy of
its own, as is the record of syncs) and a copy's note of its base, its base document,
its base records, its notes of the records moved since and its conflicts, and the
revisions a laptop's file keeps for merging dossier files (empty on a server, granted to
nobody), each with grants of its own instead of the content's row-level security."""
