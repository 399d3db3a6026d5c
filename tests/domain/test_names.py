"""Names made of other records' names read the same from SQL and from objects, and are
said again in Korean wherever they were composed."""

from __future__ import annotations

from briefing.domain.names import brief_name, delegation_name, reworded
from briefing.domain.registry import BY_NAME


def test_composed_names_are_said_again_in_korean() -> None:
    assert (
        reworded("meeting_brief", brief_name("통상 장관 회담"), "ko") == "회담 자료: 통상 장관 회담"
    )
    composed = delegation_name("대한민국", "2+2 협의 – 서울")
    assert reworded("delegation", composed, "ko") == "대한민국 대표단 – 2+2 협의 – 서울"
    assert reworded("delegation", delegation_name("미국", None), "ko") == "미국 대표단"


def test_names_not_composed_stay_as_they_are() -> None:
    assert reworded("delegation", "Team Seoul", "ko") == "Team Seoul"
    assert reworded("event", "Brief: talks", "ko") == "Brief: talks"
    assert reworded("meeting_brief", "Brief: Talks", "en") == "Brief: Talks"


def test_the_registry_composes_in_the_same_words() -> None:
    assert BY_NAME["meeting_brief"].title_sql == "'Brief: ' || coalesce(e.title, '')"
    assert "|| ' delegation' ||" in BY_NAME["delegation"].title_sql
