"""Times on the command line: the dossier's home zone, and a dossier file whose time the
clocks show twice refused in one line naming both instants until the file says which."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.store.exchange.export import dumps
from briefing.store.exchange.schema import EventOut
from tests.cli.running import run
from tests.conftest import SAMPLE_SLUG
from tests.store.test_times import dossier


def test_the_home_zone_is_printed_set_and_an_unknown_one_refused(
    capsys: pytest.CaptureFixture[str], database: str
) -> None:
    assert run(capsys, "--db", database, "dossier", "home-zone") == (0, "Asia/Seoul\n", "")
    code, out, err = run(capsys, "--db", database, "dossier", "home-zone", "Korea Standard Time")
    assert (code, out) == (2, "")
    assert err == (
        "briefing: 'Korea Standard Time' is not a time zone Briefing knows; give an IANA zone "
        "such as Asia/Seoul\n"
    )
    code, out, err = run(
        capsys,
        "dossier",
        "home-zone",
        "America/New_York",
        "--dossier",
        SAMPLE_SLUG,
        "--db",
        database,
    )
    assert (code, err) == (0, "")
    assert out == f"{SAMPLE_SLUG}'s home zone is now America/New_York (was Asia/Seoul)\n"
    assert run(capsys, "--db", database, "dossier", "home-zone")[1] == "America/New_York\n"


def test_a_file_with_a_time_shown_twice_is_refused_until_it_says_which(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    night = EventOut(
        id="event:night",
        title="Night call",
        start_date=dt.date(2026, 11, 1),
        start_time=dt.time(1, 30),
        place="Washington",
        timezone="America/New_York",
    )
    path = tmp_path / "times.json"
    path.write_text(dumps(dossier(night)), encoding="utf-8")
    code, out, err = run(capsys, "--db", database, "dossier", "import", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "2026-11-01 01:30 happens twice in America/New_York" in err
    assert "EDT, UTC−4 (05:30 UTC)" in err and "EST, UTC−5 (06:30 UTC)" in err
    assert "start_fold" in err
    said = night.model_copy(update={"start_fold": 1})
    path.write_text(dumps(dossier(said)), encoding="utf-8")
    assert run(capsys, "--db", database, "dossier", "import", str(path))[0] == 0
