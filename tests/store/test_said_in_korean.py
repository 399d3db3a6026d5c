"""What the store words for the window and the command line is said in the reader's
language: a save refused over someone else's, a sync's line, a conflict's values."""

from __future__ import annotations

import datetime as dt

from briefing.i18n import translator
from briefing.store.sync.shown import readable
from briefing.store.sync.spec import MISSING
from briefing.store.sync.spec import Record as State
from briefing.store.sync.trip import Synced
from briefing.store.versions import Changed

KOREAN = translator("ko")
ENGLISH = translator("en")


def test_a_refused_save_says_who_changed_the_record_in_korean() -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    changed = Changed(7, "kim", now)
    moment = f"{now.replace(tzinfo=dt.UTC).astimezone():%H:%M}"
    assert changed.headline_said(KOREAN.gettext) == f"kim이(가) {moment}에 이 항목을 변경했습니다"
    assert changed.said(KOREAN.gettext).startswith(f"kim이(가) {moment}에 이 항목을 변경했습니다. ")
    assert str(changed) == (
        f"kim changed this record at {moment} after you had opened it; your change was not saved"
    )
    earlier = Changed(7, "", dt.datetime(2025, 4, 24, 1, 42))
    assert earlier.headline_said(ENGLISH.gettext).startswith(
        "Someone changed this record at 2025-04-2"
    )
    assert earlier.headline_said(KOREAN.gettext).startswith("다른 사람이 2025-04-2")
    deleted = Changed(7, "kim", None)
    assert deleted.headline_said(KOREAN.gettext) == "다른 사람이 이 항목을 삭제했습니다"


def test_the_edits_passed_on_end_a_sync_line_in_korean() -> None:
    synced = Synced("copy-1", sent=1, received=0, conflicts=0, resumed=False, passed_on=2)
    assert synced.passed_on_said(KOREAN.ngettext) == (
        ", 수정 2건은 열람 인가 등급이 있는 사람에게 넘김"
    )
    assert synced.passed_on_said(ENGLISH.ngettext) == (
        ", 2 edits passed on to someone cleared to see them"
    )
    assert Synced("c", 0, 0, 0, False).passed_on_said(KOREAN.ngettext) == ""


def test_a_conflicts_values_are_worded_in_korean() -> None:
    assert readable(MISSING, KOREAN.gettext) == "(없음)"
    assert readable(State("person", {}), KOREAN.gettext) == "인물 항목 전체"
    assert readable("김정관", KOREAN.gettext) == "김정관"
