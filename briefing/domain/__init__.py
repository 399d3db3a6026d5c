"""The vocabulary of the app: typed SQLAlchemy models and enums, no Qt and no I/O."""

from briefing.domain.base import DEFAULT_LEVELS, Alias, Base, HandlingLevel, Record
from briefing.domain.chips import BargainingChip, ChipSector
from briefing.domain.dossier import Dossier, Party
from briefing.domain.editions import Edition
from briefing.domain.events import Delegation, DelegationMember, Event, MeetingBrief
from briefing.domain.fields import FieldLevel
from briefing.domain.people import Appointment, Organization, Person
from briefing.domain.sources import Citation, Source, is_disputed
from briefing.domain.talking import TalkingPoint

__all__ = [
    "DEFAULT_LEVELS",
    "Alias",
    "Appointment",
    "BargainingChip",
    "Base",
    "ChipSector",
    "Citation",
    "Delegation",
    "DelegationMember",
    "Dossier",
    "Edition",
    "Event",
    "FieldLevel",
    "HandlingLevel",
    "MeetingBrief",
    "Organization",
    "Party",
    "Person",
    "Record",
    "Source",
    "TalkingPoint",
    "is_disputed",
]
