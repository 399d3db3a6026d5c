"""The interface's translations are current, complete and chosen as the person asked.

The ``.ts`` file is the source: pyside6-lupdate run over ``briefing/ui`` must find nothing
it lacks, every message in it must be translated, and the committed ``.qm`` must be what
pyside6-lrelease compiles from it (README: "Translating the interface").
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from briefing.assets import resource
from briefing.book.options import SECTION_TITLES
from briefing.cli import main
from briefing.domain import enums
from briefing.domain.declarations import KOREAN_MARK
from briefing.domain.enums import Labelled
from briefing.domain.registry import KINDS
from briefing.ui import i18n
from briefing.ui.domain_words import WORDS
from briefing.ui.main_window import MainWindow
from briefing.ui.settings import LANGUAGE

UI = Path(__file__).resolve().parents[2] / "briefing" / "ui"
TOOLS = Path(sys.executable).parent
TS = resource("i18n", "briefing_ko.ts")
QM = resource("i18n", "briefing_ko.qm")
LUPDATE_OPTIONS = ("-silent", "-no-obsolete", "-locations", "none", "-target-language", "ko_KR")


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → translation, None where it is unfinished or empty."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") is None
            text = translation.text if translation is not None and done else None
            found[name, message.findtext("source") or ""] = text or None
    return found


def sources() -> list[str]:
    return sorted(str(path) for path in UI.rglob("*.py"))


def test_the_ts_holds_every_text_the_interface_translates(tmp_path: Path) -> None:
    fresh = tmp_path / "briefing_ko.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *LUPDATE_OPTIONS, *sources(), "-ts", str(fresh)],
        check=True,
    )
    committed, current = messages(TS), messages(fresh)
    assert sorted(set(current) - set(committed)) == [], "run pyside6-lupdate (README)"
    assert sorted(set(committed) - set(current)) == [], "run pyside6-lupdate (README)"
    assert [key for key, text in committed.items() if text is None] == []


def test_the_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "briefing_ko.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(compiled)], check=True
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (README)"


def test_every_name_the_domain_declares_is_listed_for_translation() -> None:
    declared = {label for kind in KINDS for label in (kind.label, kind.plural)}
    for kind in KINDS:
        for field in (*kind.fields, *kind.links):
            declared |= {field.label, field.column, field.detail_label, field.hint}
    # A Korean text's label is its English field's and a mark the interface adds as is.
    declared = {label.removesuffix(KOREAN_MARK) for label in declared}
    for value in vars(enums).values():
        if isinstance(value, type) and issubclass(value, Labelled) and value is not Labelled:
            declared |= {member.label for member in value}
    declared |= set(enums.CREDIBILITY_LABELS.values()) | set(SECTION_TITLES.values())
    assert sorted(declared - {""} - set(WORDS)) == []


def test_korean_is_what_the_translator_gives(qapp: QApplication) -> None:
    i18n.install(qapp, "ko")
    assert i18n.current() == "ko"
    assert i18n.translate("MainWindow", "Overview") == "개요"
    assert i18n.word("Bargaining chip") == "협상 카드"
    assert QApplication.translate("QPlatformTheme", "Cancel") == "취소"  # Qt's own buttons
    i18n.install(qapp, "en")
    assert i18n.translate("MainWindow", "Overview") == "Overview"


def test_the_language_is_the_one_asked_for_else_the_one_chosen_else_the_systems(
    settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "ko")
    assert i18n.chosen_language(settings) == "ko"
    LANGUAGE.write(settings, "en")
    assert i18n.chosen_language(settings) == "en"
    assert i18n.chosen_language(settings, "ko") == "ko"
    LANGUAGE.write(settings, "tlh")  # written by hand, or by a later version
    assert i18n.chosen_language(settings) == "ko"


def test_view_language_remembers_the_choice_for_the_next_start(
    qtbot: QtBot, window: MainWindow, settings: QSettings
) -> None:
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "languageMenu")
    assert menu is not None
    english, korean = menu.actions()
    assert (english.text(), english.isChecked(), korean.text()) == ("English", True, "한국어")
    korean.trigger()
    box = window.findChild(QMessageBox, "languageDialog")
    assert box is not None and "한국어" in box.text() and "next time" in box.text()
    assert LANGUAGE.read(settings) == "ko"
    assert i18n.current() == "en"  # the open window stays as it is until the restart


def test_an_unknown_language_exits_2_naming_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--language", "xx"])
    assert exited.value.code == 2
    said = capsys.readouterr().err
    assert "'en'" in said and "'ko'" in said and "xx" in said
