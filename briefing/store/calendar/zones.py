"""Time zones a calendar file may name, as the IANA zones events are stored in.

Outlook and Exchange write Windows zone names ("Korea Standard Time") as a TZID. They are
mapped through :data:`WINDOWS`, a subset of the Unicode CLDR ``windowsZones.xml`` table
(each Windows zone's territory-001 entry; Kyiv and Kolkata under their current IANA names)
for the places a delegation is likely to travel to or call home from. A name that is
neither an IANA zone nor in the table is refused rather than guessed: an event an hour off
on a minister's phone is worse than one the travel office is asked to send again.
"""

from __future__ import annotations

from typing import Final

from briefing.domain.times import is_zone

WINDOWS: Final[dict[str, str]] = {
    "Korea Standard Time": "Asia/Seoul",
    "North Korea Standard Time": "Asia/Pyongyang",
    "Tokyo Standard Time": "Asia/Tokyo",
    "China Standard Time": "Asia/Shanghai",
    "Taipei Standard Time": "Asia/Taipei",
    "Ulaanbaatar Standard Time": "Asia/Ulaanbaatar",
    "Singapore Standard Time": "Asia/Singapore",
    "SE Asia Standard Time": "Asia/Bangkok",
    "India Standard Time": "Asia/Kolkata",
    "Arabian Standard Time": "Asia/Dubai",
    "Israel Standard Time": "Asia/Jerusalem",
    "Russian Standard Time": "Europe/Moscow",
    "Turkey Standard Time": "Europe/Istanbul",
    "GTB Standard Time": "Europe/Bucharest",
    "FLE Standard Time": "Europe/Kyiv",
    "E. Europe Standard Time": "Europe/Chisinau",
    "Central European Standard Time": "Europe/Warsaw",
    "Central Europe Standard Time": "Europe/Budapest",
    "Romance Standard Time": "Europe/Paris",
    "W. Europe Standard Time": "Europe/Berlin",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "UTC": "Etc/UTC",
    "Egypt Standard Time": "Africa/Cairo",
    "South Africa Standard Time": "Africa/Johannesburg",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Atlantic Standard Time": "America/Halifax",
    "Eastern Standard Time": "America/New_York",
    "Central Standard Time": "America/Chicago",
    "Central Standard Time (Mexico)": "America/Mexico_City",
    "Mountain Standard Time": "America/Denver",
    "US Mountain Standard Time": "America/Phoenix",
    "Pacific Standard Time": "America/Los_Angeles",
    "Alaskan Standard Time": "America/Anchorage",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "New Zealand Standard Time": "Pacific/Auckland",
}
"""Windows zone name → IANA zone (CLDR windowsZones, territory 001)."""


def iana_zone(name: str) -> str | None:
    """The IANA zone a file's TZID names, or None when it is neither IANA nor a Windows
    name the table maps."""
    name = name.strip().strip('"')
    if is_zone(name):
        return name
    return WINDOWS.get(name)
