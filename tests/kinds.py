"""Every record kind's free-text columns and model, written out by hand for the proofs
that fill them all (tests/clearance, tests/reliability/test_hostile_text.py).

Spelled here rather than read from :mod:`briefing.domain.registry`, so a text column the
registry forgets is still filled, and its absence from a form, search or the book shows.
"""

from __future__ import annotations

from briefing.domain import (
    Appointment,
    BargainingChip,
    Delegation,
    Event,
    MeetingBrief,
    Organization,
    Party,
    Person,
    Record,
    Source,
    TalkingPoint,
)

TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "party": ("name", "code", "notes"),
    "organization": ("name", "acronym", "notes"),
    "person": ("name", "native_name", "bio", "notes"),
    "appointment": ("title", "notes"),
    "source": ("title", "publisher", "author", "address", "full_text", "language", "notes"),
    "event": ("title", "place", "timezone", "summary", "outcome", "notes"),
    "meeting_brief": (
        "purpose",
        "desired_outcome",
        "run_of_meeting",
        "our_objectives",
        "their_objectives",
        "notes",
    ),
    "delegation": ("name", "notes"),
    "bargaining_chip": (
        "title",
        "description",
        "value_note",
        "our_target",
        "our_minimum",
        "their_position",
        "notes",
    ),
    "talking_point": ("text", "notes"),
}
"""Every free-text column of every record kind."""

KOREAN_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "meeting_brief": (
        "purpose_ko",
        "desired_outcome_ko",
        "run_of_meeting_ko",
        "our_objectives_ko",
        "their_objectives_ko",
    ),
    "talking_point": ("text_ko",),
}
"""The Korean texts of the bilingual columns (issue 18), each its English's name + "_ko"."""

BILINGUAL_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    kind: (*names, *KOREAN_TEXT_FIELDS.get(kind, ())) for kind, names in TEXT_FIELDS.items()
}
"""Every free-text column, the Korean ones too: what the clearance proof marks."""

MODELS: dict[str, type[Record]] = {
    "party": Party,
    "organization": Organization,
    "person": Person,
    "appointment": Appointment,
    "source": Source,
    "event": Event,
    "meeting_brief": MeetingBrief,
    "delegation": Delegation,
    "bargaining_chip": BargainingChip,
    "talking_point": TalkingPoint,
}
"""Each kind's model, in creation order: each kind's links point at kinds created before it."""
