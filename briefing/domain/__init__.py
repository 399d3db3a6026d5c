"""The vocabulary of the app: typed SQLAlchemy models and enums, no Qt and no I/O.

The models load on first use of any name below, all together (their relationships name
one another), so importing a light module of the package (:mod:`~briefing.domain.registry`,
:mod:`~briefing.domain.enums`) does not load SQLAlchemy: start-up reads the registry.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.domain.audit import AuditEvent
    from briefing.domain.base import (
        DEFAULT_LEVELS,
        KOREAN_LEVEL_NAMES,
        Alias,
        Base,
        HandlingLevel,
        Record,
    )
    from briefing.domain.chips import BargainingChip, ChipSector
    from briefing.domain.dossier import Dossier, DossierText, Party
    from briefing.domain.editions import Edition, EditionCopy
    from briefing.domain.events import Delegation, DelegationMember, Event, MeetingBrief
    from briefing.domain.fields import FieldLevel
    from briefing.domain.people import Appointment, Organization, Person
    from briefing.domain.sources import Citation, Source, is_disputed
    from briefing.domain.talking import TalkingPoint
    from briefing.domain.travel import (
        DossierRevision,
        RaisedEdit,
        RecordDeparture,
        TravelBase,
        TravelBaseDocument,
        TravelBaseRecord,
        TravelConflict,
        TravelCopy,
        TravelMoved,
        TravelSync,
    )

_HOME = {
    "DEFAULT_LEVELS": "base",
    "KOREAN_LEVEL_NAMES": "base",
    "Alias": "base",
    "Appointment": "people",
    "AuditEvent": "audit",
    "BargainingChip": "chips",
    "Base": "base",
    "ChipSector": "chips",
    "Citation": "sources",
    "Delegation": "events",
    "DelegationMember": "events",
    "Dossier": "dossier",
    "DossierRevision": "travel",
    "DossierText": "dossier",
    "Edition": "editions",
    "EditionCopy": "editions",
    "Event": "events",
    "FieldLevel": "fields",
    "HandlingLevel": "base",
    "MeetingBrief": "events",
    "Organization": "people",
    "Party": "dossier",
    "Person": "people",
    "RaisedEdit": "travel",
    "Record": "base",
    "RecordDeparture": "travel",
    "Source": "sources",
    "TalkingPoint": "talking",
    "TravelBase": "travel",
    "TravelBaseDocument": "travel",
    "TravelBaseRecord": "travel",
    "TravelConflict": "travel",
    "TravelCopy": "travel",
    "TravelMoved": "travel",
    "TravelSync": "travel",
    "is_disputed": "sources",
}
"""The module each name of the package lives in."""

__all__ = [
    "DEFAULT_LEVELS",
    "KOREAN_LEVEL_NAMES",
    "Alias",
    "Appointment",
    "AuditEvent",
    "BargainingChip",
    "Base",
    "ChipSector",
    "Citation",
    "Delegation",
    "DelegationMember",
    "Dossier",
    "DossierRevision",
    "DossierText",
    "Edition",
    "EditionCopy",
    "Event",
    "FieldLevel",
    "HandlingLevel",
    "MeetingBrief",
    "Organization",
    "Party",
    "Person",
    "RaisedEdit",
    "Record",
    "RecordDeparture",
    "Source",
    "TalkingPoint",
    "TravelBase",
    "TravelBaseDocument",
    "TravelBaseRecord",
    "TravelConflict",
    "TravelCopy",
    "TravelMoved",
    "TravelSync",
    "is_disputed",
]


def __getattr__(name: str) -> object:
    """Loads every model module the first time one of the package's names is asked for."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    for module in sorted(set(_HOME.values())):
        importlib.import_module(f"{__name__}.{module}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value
