"""The closed vocabularies of a dossier.

Values are the strings stored in the database and written to exchange files, so they
never change once released; labels for people live next to them so every view and the
book say the same thing.
"""

from __future__ import annotations

import enum


class Labelled(enum.StrEnum):
    """A string enum whose members know how to present themselves."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class DayCount(Labelled):
    """What a dossier counts days from: the calendar's today, or its own as-of date.

    A dossier written as of a past date (the sample, a file reopened months later) reads
    wrongly counted from today: every deadline passed, D+500.
    """

    TODAY = "today"
    AS_OF = "as_of"


class OrgKind(Labelled):
    MINISTRY = "ministry"
    AGENCY = "agency"
    LEGISLATURE = "legislature"
    PRESS = "press"
    ASSOCIATION = "association"
    GOVERNMENT = "government"
    COMPANY = "company"
    INTERNATIONAL = "international"
    THINK_TANK = "think_tank"
    OTHER = "other"


class EventKind(Labelled):
    """What an event is. The last five are the delegation's programme (issue 19): the
    travel and the occasions around the talks, each with its place and times; a flight
    departs from the event's place and arrives at its arrival place."""

    MEETING = "meeting"
    CALL = "call"
    SUMMIT = "summit"
    DEADLINE = "deadline"
    ELECTION = "election"
    ANNOUNCEMENT = "announcement"
    FLIGHT = "flight"
    TRANSFER = "transfer"
    HOTEL = "hotel"
    RECEPTION = "reception"
    PRESS_EVENT = "press_event"


class DatePrecision(Labelled):
    """How much of an event's date the sources actually pin down."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    APPROXIMATE = "approximate"


class EventStatus(Labelled):
    PLANNED = "planned"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class ChipKind(Labelled):
    OFFER = "offer"
    ASK = "ask"
    LEVERAGE = "leverage"
    RED_LINE = "red_line"
    CONCERN = "concern"


class ChipStatus(Labelled):
    FLOATED = "floated"
    ON_THE_TABLE = "on_the_table"
    OFF_THE_TABLE = "off_the_table"
    DENIED = "denied"
    AGREED = "agreed"


class Likelihood(Labelled):
    CERTAIN = "certain"
    POSSIBLE = "possible"
    UNLIKELY = "unlikely"


class Stance(Labelled):
    SUPPORTS = "supports"
    DISPUTES = "disputes"
    MENTIONS = "mentions"


class PointKind(Labelled):
    TO_MAKE = "to_make"
    DEFENSIVE = "defensive"
    PRESS_LINE = "press_line"

    @property
    def label(self) -> str:
        return {
            PointKind.TO_MAKE: "Point to make",
            PointKind.DEFENSIVE: "Defensive, if raised",
            PointKind.PRESS_LINE: "Press line",
        }[self]


class Reliability(Labelled):
    """The analysts' source grade: A completely reliable … F cannot be judged."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def label(self) -> str:
        return {
            "A": "A – completely reliable",
            "B": "B – usually reliable",
            "C": "C – fairly reliable",
            "D": "D – not usually reliable",
            "E": "E – unreliable",
            "F": "F – reliability cannot be judged",
        }[self.value]

    @property
    def is_weak(self) -> bool:
        return self in (Reliability.D, Reliability.E, Reliability.F)


CREDIBILITY_LABELS: dict[int, str] = {
    1: "1 – confirmed by other sources",
    2: "2 – probably true",
    3: "3 – possibly true",
    4: "4 – doubtful",
    5: "5 – improbable",
    6: "6 – truth cannot be judged",
}
"""Credibility of one cited item, 1 (confirmed) … 6 (cannot be judged); 4–6 are weak."""

WEAK_CREDIBILITY = 4
