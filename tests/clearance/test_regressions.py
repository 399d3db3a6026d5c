"""Named regressions of issue 11, each through every channel that showed it.

* An Internal meeting brief and an Internal delegation with no name of its own, attached
  to a Restricted event, were labelled from the event ("Brief: <title>", "<party>
  delegation – <title>"): the Internal and Confidential books' checks annex, the Checks
  page, the details heading and search printed the Restricted title, and the Restricted
  book marked those lines "(I)".
* A handling marking went into the book's Paragraph markup unescaped: ``a<b`` stopped the
  export, ``<i>`` injected markup.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from briefing.book import ALL_SECTIONS, BookOptions, export_book
from briefing.domain import HandlingLevel, Record
from briefing.domain.enums import EventKind, EventStatus
from briefing.store.db.migrate import open_store
from briefing.store.details import read_details
from briefing.ui.fonts import register_fonts
from briefing.ui.main_window import MainWindow
from briefing.ui.record_html import record_html
from tests.clearance.book import read_pdf
from tests.clearance.build import build
from tests.clearance.channels import (
    Desk,
    channel_check_cli,
    channel_dossier_file,
    channel_findings,
    channel_search,
)
from tests.clearance.expect import Expect
from tests.clearance.gui import look_at_window, show_dossier
from tests.clearance.plan import AUDIENCES, TODAY, Member, Plan, Rec, new_marker
from tests.clearance.run import judge_book
from tests.clearance.strategy import text, texts
from tests.clearance.verdict import Verdict

PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED = AUDIENCES


def record(kind: str, level: int, **values: object) -> Rec:
    return Rec(kind, new_marker(), level, texts(kind), values=dict(values))


def public_plan(records: list[Rec], prepared_for: Rec | None = None) -> Plan:
    """A Public dossier of ``records``, its title, subtitle and scene-setter marked."""
    return Plan(
        slug=new_marker(),
        title=text(2),
        subtitle=text(2),
        scene_setter=text(3),
        default_handling=PUBLIC,
        subtitle_handling=None,
        scene_handling=None,
        prepared_for=prepared_for,
        records=records,
    )


def restricted_meeting() -> tuple[Plan, Rec, Rec, Rec]:
    """A Restricted meeting, its Internal brief and an Internal unnamed delegation."""
    party = record("party", PUBLIC)
    party.aliases = [text(0)]
    person = record("person", PUBLIC)
    person.party = party
    event = record(
        "event",
        RESTRICTED,
        event_kind=EventKind.MEETING,
        start_date=TODAY + dt.timedelta(days=10),
        start_time=dt.time(10, 0),
        status=EventStatus.PLANNED,
    )
    event.participants = [person]
    brief = record("meeting_brief", INTERNAL)
    brief.event = event
    delegation = record("delegation", INTERNAL)
    delegation.texts["name"] = ""
    delegation.party, delegation.event = party, event
    delegation.members = [Member(person, text(1), head=True)]
    plan = public_plan([party, person, event, brief, delegation], prepared_for=party)
    return plan, event, brief, delegation


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    path = tmp_path / "regression.sqlite3"
    store = open_store(path, seed_sample=False)
    yield Desk(store, path)
    store.close()


def _export(desk: Desk, slug: str, audience: int, folder: Path) -> Path:
    target = folder / f"book-{audience}.pdf"
    export_book(
        desk.store,
        slug,
        BookOptions(audience=audience, today=TODAY, sections=ALL_SECTIONS),
        target,
        record_edition=False,
    )
    return target


def test_a_restricted_event_is_not_named_by_its_internal_brief_and_delegation(
    desk: Desk, tmp_path: Path, qapp: QApplication, qtbot: QtBot
) -> None:
    """The case that opened issue 11, through the book, checks, search and the window."""
    plan, event, brief, delegation = restricted_meeting()
    title = event.marker("title")
    dossier_id = build(desk.store, plan)
    verdict = Verdict(Expect(plan))
    books: dict[int, Path] = {}
    for audience in AUDIENCES:
        books[audience] = _export(desk, plan.slug, audience, tmp_path)
        surfaces = read_pdf(books[audience])
        surfaces["file name"] = books[audience].name
        judge_book(verdict, audience, surfaces)
        channel_check_cli(desk, verdict, audience)
        channel_findings(desk, verdict, audience)
        channel_search(desk, verdict, dossier_id, audience)

    register_fonts(qapp)
    window = MainWindow(desk.store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.workspace.set_today(TODAY)
    window.show()
    try:
        show_dossier(window, qtbot, dossier_id)
        for audience in AUDIENCES:
            look_at_window(window, qtbot, verdict, dossier_id, audience)
    finally:
        window.workspace.shutdown()

    named = [x.line() for x in verdict.leaks if x.marker.text == title]
    assert not named, "the Restricted event's title reached a lower audience:\n" + "\n".join(named)

    # In the Restricted book the brief's and the delegation's lines carry "(R)", not "(I)":
    # the brief's paragraphs, the delegation's heading, and both in the checks annex.
    assert delegation.party is not None
    party = delegation.party.marker("name")
    brief_texts = [brief.marker(c) for c in brief.texts if c != "notes" and not c.endswith("_ko")]
    lines = _raw_lines(books[RESTRICTED])
    theirs = [
        line
        for line in lines
        if any(m in line for m in brief_texts)
        or f"Brief: {title}" in line
        or (party in line and "delegation" in line)
    ]
    assert len(theirs) >= len(brief_texts) + 3, "the Restricted book lacks the brief's lines"
    wrong = [line for line in theirs if "(R)" not in line or "(I)" in line]
    assert not wrong, "lines of the brief or delegation not marked (R):\n" + "\n".join(wrong)


def _raw_lines(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return out.stdout.decode("utf-8").splitlines()


MARKINGS = ("a<b", "<i>", "&amp;", "\"'")
"""Markings with markup characters: each must print as written, and inject nothing."""


def test_markings_with_markup_characters_print_literally(desk: Desk, tmp_path: Path) -> None:
    """A party at every level; each book prints the markings up to its audience as written,
    and the details pane shows them as written."""
    parties = []
    for level in AUDIENCES:
        party = record("party", level)
        party.aliases = [text(0)]
        parties.append(party)
    plan = public_plan(parties)
    dossier_id = build(desk.store, plan)
    with desk.store.session() as session:
        for rank, marking in enumerate(MARKINGS):
            session.execute(
                update(HandlingLevel).where(HandlingLevel.rank == rank).values(marking=marking)
            )
    for audience in AUDIENCES:
        raw = "\n".join(_raw_lines(_export(desk, plan.slug, audience, tmp_path)))
        printed = [m for m in MARKINGS[: audience + 1] if f"({m})" not in raw]
        assert not printed, f"markings not printed as written at {audience}: {printed}"
        assert not re.search(r"\(\s*\)", raw), "an empty marking: its text became markup"
    with desk.store.session() as session:
        for party in parties:
            record_id = session.scalars(
                select(Record.id).where(Record.dossier_id == dossier_id, Record.uid == party.uid)
            ).one()
            page = record_html(read_details(session, record_id, RESTRICTED), TODAY)
            shown = html.unescape(re.sub(r"<[^>]+>", "", page))
            assert f"({MARKINGS[party.level]})" in shown, (party, shown[:200])


def test_an_audience_file_holds_what_the_audience_sees(desk: Desk) -> None:
    """The audience-filtered dossier file (issue 11, item 4) on the Restricted meeting:
    the generated runs judge it on every dossier once ``channel_dossier_file`` has an API
    to call; until then this test says so by skipping."""
    plan, _event, _brief, _delegation = restricted_meeting()
    build(desk.store, plan)
    verdict = Verdict(Expect(plan))
    for audience in AUDIENCES:
        channel_dossier_file(desk, verdict, audience)
    assert verdict.clean, verdict.report()
