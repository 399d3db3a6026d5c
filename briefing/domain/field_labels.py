"""What each field of a record is called, marked for the catalogue.

The registry declares every field's label as a plain message id (its form's label), and
the window translates them through its own catalogue. A message of the store's that names
a field (a sync's refusal: "a record of kind person has no Sectors") says it in the
reader's words too, from this catalogue: pybabel finds only marked literals, so the labels
are listed here (tests/domain/test_field_labels.py fails when one is missing). The app
never imports this module: the extraction reads it.
"""

from __future__ import annotations

from briefing.errors import N_

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
