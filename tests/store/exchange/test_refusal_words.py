"""A refused file is refused in the reader's language (issue 18): what the schema and the
JSON parser find wrong is said in the catalogue's words, never pydantic's or the parser's
English."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pydantic_core import ErrorDetails

from briefing.errors import ImportRefused
from briefing.i18n import translator
from briefing.store.exchange.loading import parse
from briefing.store.exchange.problems import _SAID, UNKNOWN, schema_problem
from briefing.store.exchange.reader import UNREADABLE_JSON, parser_words
from tests.builders import cite, document

ENGLISH = translator("en").gettext
KOREAN = translator("ko").gettext
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _file(**changes: Any) -> bytes:
    doc = document(
        people=[{"id": "p:1", "name": "One", "citations": [cite()]}],
        events=[{"id": "e:1", "title": "Talks", "start_date": "2025-04-24"}],
    )
    for path, value in changes.items():
        *head, last = path.split("__")
        place: Any = doc
        for step in head:
            place = place[int(step)] if step.isdigit() else place[step]
        place[last] = value
    return json.dumps(doc, indent=2).encode()


def _refused(raw: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as refused:
        parse(raw)
    return refused.value


def _error(kind: str, **ctx: Any) -> ErrorDetails:
    return {"type": kind, "loc": ("x",), "msg": "Input should be English", "input": 1, "ctx": ctx}


@pytest.mark.parametrize("kind", sorted(_SAID))
def test_each_schema_error_is_said_in_korean_with_its_numbers(kind: str) -> None:
    names = dict.fromkeys(re.findall(r"{(\w+)}", _SAID[kind]), 7)
    phrase = schema_problem(_error(kind, **names))
    assert phrase.template == _SAID[kind]
    korean = phrase.said(KOREAN)
    assert HANGUL.search(korean), korean
    assert "English" not in korean and "English" not in phrase.said(ENGLISH)
    assert all("7" in korean for _ in names)


def test_an_error_type_not_known_is_said_in_our_generic_words_not_pydantics() -> None:
    assert schema_problem(_error("some_future_type")).template == UNKNOWN
    assert schema_problem(_error("too_long", field_type="List")).template == UNKNOWN
    assert schema_problem(_error("value_error", error=ValueError("English"))).template == UNKNOWN


def test_a_bad_value_in_a_file_is_refused_in_korean() -> None:
    raw = _file(events__0__start_date="not a date")
    line = raw.decode().splitlines().index('      "start_date": "not a date"') + 1
    refused = _refused(raw)
    assert str(refused) == (
        f"the value should be a date written as YYYY-MM-DD (line {line}, at events[0].start_date)"
    )
    assert refused.said(KOREAN) == (
        f"값은 YYYY-MM-DD 형식의 날짜여야 합니다 ({line}행, 위치 events[0].start_date)"
    )


def test_an_enums_choices_are_listed_without_english() -> None:
    refused = _refused(_file(events__0__kind="party"))
    assert "'meeting', 'call', 'summit'" in refused.said(KOREAN)
    assert " or " not in refused.said(KOREAN)
    assert refused.said(KOREAN).startswith("값은 'meeting', 'call', ")


def test_our_own_validators_words_are_said_in_korean() -> None:
    """The dossier's home zone is checked by a validator of ours, whose refusal pydantic
    would word "Value error, unknown time zone …"."""
    refused = _refused(_file(dossier__home_zone="Mars/Olympus"))
    assert str(refused).startswith("unknown time zone 'Mars/Olympus'")
    korean = refused.said(KOREAN)
    assert "Value error" not in korean and "unknown" not in korean
    assert "'Mars/Olympus'" in korean and HANGUL.search(korean)


@pytest.mark.parametrize(
    ("others", "english", "korean"),
    [(1, "(and 1 more problem)", "(외 문제 1건)"), (2, "(and 2 more problems)", "(외 문제 2건)")],
)
def test_the_other_problems_are_counted_in_the_readers_words(
    others: int, english: str, korean: str
) -> None:
    doc = json.loads(_file(events__0__start_date="not a date"))
    doc["events"] += [
        {"id": f"e:{n}", "title": "More", "start_date": "2025-02-30"} for n in range(others)
    ]
    refused = _refused(json.dumps(doc, indent=2).encode())
    assert english in str(refused)
    assert korean in refused.said(KOREAN)
    assert "more problem" not in refused.said(KOREAN)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "\x01"}',
        '{"a": "\\q"}',
        '{"a": "\\u12"}',
        '{"a": "x',
        "[1,]",
        '{"a": 1,}',
        '{"a" 1}',
        '{"a": 1 "b": 2}',
        "1 2",
        "",
    ],
)
def test_every_word_the_json_parser_says_is_one_of_ours(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as failed:
        json.loads(text)
    phrase = parser_words(failed.value.msg)
    assert phrase.template != UNREADABLE_JSON, failed.value.msg
    assert HANGUL.search(phrase.said(KOREAN))


@pytest.mark.parametrize(
    ("raw", "english", "korean"),
    [
        (
            b'{"format": "briefing-dossier"} {}',
            "Extra data",
            "문서 뒤에 불필요한 데이터가 있습니다",
        ),
        (b'{"format": "briefing-dossier",\n "x": [1 2]}', "Expecting ',' delimiter", "',' 구분자"),
        (
            b'{"format": "briefing-dossier", "people": [{"id": "\x01"}]}',
            "Invalid control",
            "제어 문자",
        ),
        (
            b'{"format": "briefing-dossier", "format": "briefing-dossier"}',
            "the key 'format' appears twice in one object",
            "한 객체에 키 'format'이(가) 두 번 나옵니다",
        ),
        (b'{"format": ' + b"9" * 5000 + b"}", "more than 4300 digits", "4300자리"),
    ],
)
def test_a_file_that_is_not_json_is_refused_in_korean_at_its_line(
    raw: bytes, english: str, korean: str
) -> None:
    refused = _refused(raw)
    assert english in str(refused)
    said = refused.said(KOREAN)
    assert said.startswith("파일이 올바른 JSON이 아닙니다: ") and korean in said, said
    assert english not in said
    if b"\n" in raw:
        assert refused.line == 2 and "(2행)" in said
