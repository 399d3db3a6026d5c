"""What kinds and fields are called in a message of the store's, marked for the catalogue.

The registry declares every kind's and field's label as a plain message id (its form's
label), and the window translates them through its own catalogue. A message of the
store's that names a kind or a field (a sync's refusal: "a record of kind person has no
Sectors") says them in the reader's words too, from this catalogue: pybabel finds only
marked literals, so the labels are listed here (tests/domain/test_field_labels.py fails
when one is missing). Kept apart from the registry, which start-up reads.
"""

from __future__ import annotations

from briefing.domain.declarations import KOREAN_MARK
from briefing.domain.registry import BY_NAME, KINDS
from briefing.errors import N_, Phrase

KIND_WORDS: dict[str, str] = {
    "party": N_("party"),
    "person": N_("person"),
    "organization": N_("organization"),
    "appointment": N_("appointment"),
    "event": N_("event"),
    "delegation": N_("delegation"),
    "meeting_brief": N_("meeting brief"),
    "bargaining_chip": N_("bargaining chip"),
    "source": N_("source"),
    "talking_point": N_("talking point"),
}
"""What a record of each kind is called inside a sentence ("a bargaining chip has no
members"), marked for the catalogue: a message names the kind in the reader's words, never
by its code ("bargaining_chip")."""


def kind_word(name: str) -> Phrase:
    """What a record of kind ``name`` is called inside a sentence, said in the reader's
    language; an unknown kind (a newer Briefing's, in a sync) by its name."""
    word = KIND_WORDS.get(name)
    return Phrase(word) if word is not None else Phrase("{name}", name=name)


COMMON_FIELDS: dict[str, str] = {
    "notes": N_("Notes"),
    "handling": N_("Handling"),
    "citations": N_("Citations"),
    "aliases": N_("Other spellings"),
    "field_handling": N_("Field handling"),
}
"""The labels of what every record has, by its name in an exchange file."""

ITEM_FIELDS: dict[str, str] = {
    "source": N_("Source"),
    "excerpt": N_("Excerpt"),
    "locator": N_("Where in the source"),
    "stance": N_("Stance"),
    "credibility": N_("Credibility"),
    "person": N_("Person"),
    "role": N_("Role"),
    "head": N_("Head of delegation"),
}
"""The labels of a citation's and a delegation member's fields, which a conflict on one
item names (``Citations · c-2 · Stance``)."""


DOSSIER_FIELDS: dict[str, str] = {
    "title": N_("Title"),
    "title_ko": N_("Title in Korean"),
    "subtitle": N_("Subtitle"),
    "subtitle_ko": N_("Subtitle in Korean"),
    "subtitle_handling": N_("Subtitle's handling"),
    "scene_setter": N_("Scene-setter"),
    "scene_setter_ko": N_("Scene-setter in Korean"),
    "scene_handling": N_("Scene-setter's handling"),
    "prepared_for": N_("Prepared for"),
    "as_of": N_("As of"),
    "count_days_from": N_("Count days from"),
    "home_zone": N_("Home time zone"),
}
"""The dossier's own fields and their labels: the sync merges these fields, as a record
of kind ``dossier`` (``briefing.store.sync.spec.OWN_FIELDS``), and a conflict on one names
it by its label."""


def field_word(kind: str, name: str) -> Phrase:
    """What the field ``name`` of a record of ``kind`` is called (its label), said in the
    reader's language; ``name`` is its column's or its name in an exchange file. A field
    the kind lacks is called what the kinds having it call it ("a person has no
    Sectors"); one no kind declares (a newer Briefing's, in a sync) is named as it is."""
    if kind == "dossier" and name in DOSSIER_FIELDS:
        return Phrase(DOSSIER_FIELDS[name])
    declared = BY_NAME.get(kind)
    kinds = KINDS if declared is None else (declared, *KINDS)
    every = (field for k in kinds for field in (*k.fields, *k.links))
    found = next((f for f in every if name in (f.name, f.exchange_name)), None)
    label = COMMON_FIELDS.get(name, ITEM_FIELDS.get(name)) if found is None else found.label
    if label is None:
        return Phrase("{name}", name=name)
    if label.endswith(KOREAN_MARK):  # the label of its English field, marked
        return Phrase("{label}" + KOREAN_MARK, label=Phrase(label.removesuffix(KOREAN_MARK)))
    return Phrase(label)


FIELD_LABELS: tuple[str, ...] = (
    N_("About"),
    N_("Acronym"),
    N_("Address"),
    N_("Arrival time zone"),
    N_("Arrives at"),
    N_("Author"),
    N_("Citations"),
    N_("Code"),
    N_("Colour"),
    N_("Currency"),
    N_("Date known to the"),
    N_("Description"),
    N_("Desired outcome"),
    N_("End time"),
    N_("Ends"),
    N_("Event"),
    N_("Field handling"),
    N_("From"),
    N_("Full text"),
    N_("Handling"),
    N_("Kind"),
    N_("Language"),
    N_("Likely to come up"),
    N_("Linked events"),
    N_("Members (in order)"),
    N_("Name"),
    N_("Name (romanized)"),
    N_("Native-script name"),
    N_("Notes"),
    N_("Organization"),
    N_("Other spellings"),
    N_("Our minimum (walk-away)"),
    N_("Our objectives"),
    N_("Our target"),
    N_("Outcome"),
    N_("Owner"),
    N_("Participants"),
    N_("Party"),
    N_("Person"),
    N_("Photo"),
    N_("Place"),
    N_("Priority (1 highest)"),
    N_("Published"),
    N_("Publisher"),
    N_("Purpose"),
    N_("Reliability"),
    N_("Run of the meeting"),
    N_("Sectors"),
    N_("Short biography"),
    N_("Start time"),
    N_("Starts"),
    N_("Status"),
    N_("Summary"),
    N_("Text"),
    N_("Their estimated position"),
    N_("Their objectives"),
    N_("Time zone"),
    N_("Title"),
    N_("To"),
    N_("Tradeable"),
    N_("Value"),
    N_("Value note"),
    N_("Which end time"),
    N_("Which start time"),
)
