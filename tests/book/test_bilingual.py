"""Bilingual dossiers (issue 18), read back from the PDF: a Korean edition prints each
text's Korean where it has one and its English where it has not, whole; an English edition
prints what it printed before the dossier had Korean texts; and an audience below a text's
level reads it in neither language."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.assets import sample_dossier_path
from briefing.book import BookOptions, export_book
from briefing.store.db.database import Store
from tests.book.conftest import TODAY
from tests.book.pdf import pdftotext
from tests.builders import document, load


@pytest.fixture(scope="module")
def korean(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample's Korean book for the highest audience, as one line of text."""
    target = tmp_path_factory.mktemp("bilingual") / "ko.pdf"
    options = BookOptions(audience=3, today=TODAY, language="ko")
    export_book(sample_store, None, options, target, record_edition=False)
    yield flat(" ".join(pdftotext(target)))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def without_korean(value: Any) -> Any:
    """A dossier document with every Korean text taken out."""
    if isinstance(value, dict):
        return {k: without_korean(v) for k, v in value.items() if not k.endswith("_ko")}
    if isinstance(value, list):
        return [without_korean(item) for item in value]
    return value


def test_a_korean_edition_prints_the_korean_texts(korean: str) -> None:
    for korean_text in (
        "한국–미국 통상 협상, 2025",  # the title
        "워싱턴의 관세 공세가 우리 핵심 수출 산업에까지 미쳤다.",  # the scene-setter
        "환율과 방위비 분담을 통상 패키지에서 배제.",  # our objectives
        "한국은 동맹국이자 미국의 주요 투자국으로서 이번 협의에 임합니다.",  # a point to make
        "선거로 협상이 중단되지는 않습니다.",  # a press line
    ):
        assert korean_text in korean
    for english in (
        "Washington's tariff campaign has reached",
        "Keep currency and defence cost-sharing out of the trade package.",
        "Korea comes to these talks as an ally",
        "the election does not interrupt them",
    ):
        assert english not in korean


def test_a_text_without_korean_prints_its_english_whole_in_a_korean_book(korean: str) -> None:
    """The defensive lines have no Korean: each prints in English, all of it."""
    assert (
        "If raised: defence cost-sharing is handled through the alliance channel under the "
        "existing arrangement and is not part of these economic consultations."
    ) in korean


def test_an_english_edition_prints_as_it_did_without_korean_texts(
    sample_store: Store, empty_store: Store, tmp_path: Path
) -> None:
    data = json.loads(sample_dossier_path().read_text(encoding="utf-8"))
    load(empty_store, without_korean(data))
    options = BookOptions(audience=3, today=TODAY, language="en")
    bilingual, english_only = tmp_path / "bilingual.pdf", tmp_path / "english.pdf"
    export_book(sample_store, None, options, bilingual, record_edition=False)
    export_book(empty_store, None, options, english_only, record_edition=False)
    assert pdftotext(bilingual) == pdftotext(english_only)


def test_an_audience_below_a_text_reads_its_korean_nowhere(
    empty_store: Store, tmp_path: Path
) -> None:
    doc = document(
        events=[{"id": "e:1", "title": "Talks", "start_date": "2025-05-02"}],
        meeting_briefs=[
            {
                "id": "b:1",
                "event": "e:1",
                "purpose": "Open the talks.",
                "purpose_ko": "협상을 시작한다.",
                "our_objectives": "Hold the line on steel.",
                "our_objectives_ko": "철강에서 물러서지 않는다.",
                "field_handling": {"our_objectives": "Restricted"},
            }
        ],
        talking_points=[
            {
                "id": "tp:1",
                "handling": "Restricted",
                "text": "Our walk-away.",
                "text_ko": "우리의 협상 결렬 조건.",
            }
        ],
    )
    doc["version"] = 4
    doc["dossier"].update(
        scene_setter="The scene.",
        scene_setter_ko="비밀 정세.",
        scene_handling="Restricted",
    )
    load(empty_store, doc)
    for audience, seen in ((2, False), (3, True)):
        target = tmp_path / f"{audience}.pdf"
        options = BookOptions(audience=audience, today=TODAY, language="ko")
        export_book(empty_store, None, options, target, record_edition=False)
        text = flat(" ".join(pdftotext(target)))
        assert "협상을 시작한다." in text
        for secret in ("철강에서 물러서지 않는다.", "우리의 협상 결렬 조건.", "비밀 정세."):
            assert (secret in text) is seen, (audience, secret)
