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


def test_a_party_that_says_delegation_is_not_given_the_word_twice() -> None:
    """A party named "EU Delegation" or "대한민국 대표단" makes the English composed name
    end in the word twice; said again in Korean, the word is not added once more."""
    cases = {
        delegation_name("대한민국 대표단", None): "대한민국 대표단",
        delegation_name("대한민국 대표단", "2+2 협의 – 서울"): "대한민국 대표단 – 2+2 협의 – 서울",
        delegation_name("EU Delegation", "Talks"): "EU Delegation – Talks",
        "Korea delegation": "Korea 대표단",  # its own name, said again as it reads
    }
    for name, korean in cases.items():
        said = reworded("delegation", name, "ko")
        assert said == korean, name
        assert said.count("대표단") <= 1 and not ("대표단" in said and "elegation" in said)
