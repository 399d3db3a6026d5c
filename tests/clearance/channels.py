"""The channels other than the book and the GUI: `briefing check`, the checks' findings,
search, the audience-filtered dossier file, the programme's calendar file, the
programme printed alone and the principal's pocket cards.

Each takes the run's :class:`Desk` (the shared database), one generated dossier and one
audience, and hands what it produced to the dossier's :class:`Verdict`.
"""

from __future__ import annotations

import contextlib
import inspect
import io
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from briefing.book import BookOptions
from briefing.book.build import export_book
from briefing.book.cards import export_cards
from briefing.cli import main
from briefing.domain import Dossier
from briefing.errors import BriefingError
from briefing.store.calendar.writing import calendar_of
from briefing.store.checks.run import run_checks
from briefing.store.db.database import Store
from briefing.store.exchange import export
from briefing.store.search.querying import search
from tests.clearance.plan import LEVEL_NAMES, TODAY
from tests.clearance.verdict import Verdict


@dataclass
class Desk:
    """The database every generated dossier of a run goes into, one dossier each."""

    store: Store
    path: Path


def channel_check_cli(desk: Desk, verdict: Verdict, audience: int) -> None:
    """``briefing check SLUG --audience LEVEL --today DAY``, run in-process."""
    plan = verdict.expect.plan
    out = io.StringIO()
    argv = ["--db", str(desk.path), "check", plan.slug, "--audience", LEVEL_NAMES[audience]]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main([*argv, "--today", TODAY.isoformat()])
    assert code == 0, out.getvalue()
    verdict.look("check", "CLI output", audience, out.getvalue(), verdict.expect.check_cli())


def channel_findings(desk: Desk, verdict: Verdict, audience: int) -> None:
    """The checks' findings as the store returns them: names, messages and ids."""
    plan = verdict.expect.plan
    with desk.store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == plan.slug)).one()
        found = run_checks(session, dossier, level=audience, today=TODAY)
    text = "\n".join(f"{f.record_uid}\t{f.record_name}\t{f.message}" for f in found)
    verdict.look("check", "findings", audience, text, verdict.expect.check_names("findings"))


def channel_search(desk: Desk, verdict: Verdict, dossier_id: int, audience: int) -> None:
    """Every marker as a query: a withheld one finds nothing; a searchable one at or
    below the audience finds its record, with the marker in the title or snippet."""
    expect = verdict.expect
    owners = {need.markers[0]: (rec, need) for rec, need in expect.searched()}
    with desk.store.session() as session:
        ids = _record_ids(session, dossier_id)
        for marker in expect.markers.values():
            if not marker.text.startswith("mk"):
                continue  # amounts and currencies are not indexed as words
            hits = search(session, marker.text, dossier_id=dossier_id, level=audience)
            shown = "\n".join(f"{h.kind}\t{h.title}\t{h.snippet}" for h in hits)
            verdict.look("search", "results and snippets", audience, shown)
            if marker.level > audience and hits:
                found = ", ".join(f"{h.kind} {h.title!r}" for h in hits)
                verdict.leak("search", "hits", audience, marker.text, f"found {found}")
            owner = owners.get(marker.text)
            if owner is not None and owner[1].at(audience):
                rec, need = owner
                if not any(
                    ids.get(h.record_id) == rec.uid and marker.text in h.title + h.snippet
                    for h in hits
                ):
                    verdict.lost("search", "hits", audience, need)


def _record_ids(session: object, dossier_id: int) -> dict[int, str]:
    from briefing.domain import Record

    rows = session.execute(  # type: ignore[attr-defined]
        select(Record.id, Record.uid).where(Record.dossier_id == dossier_id)
    )
    return {row[0]: row[1] for row in rows}


def channel_calendar(desk: Desk, verdict: Verdict, audience: int) -> None:
    """The programme as an .ics for the audience: its lines unfolded and its text unescaped,
    so a marker cut by a fold or a comma's escape is still found."""
    plan = verdict.expect.plan
    with desk.store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.slug == plan.slug)).one()
        data, _written = calendar_of(session, dossier, audience)
    text = data.replace(b"\r\n ", b"").decode("utf-8")
    for escaped, plain in (("\\n", "\n"), ("\\,", ","), ("\\;", ";"), ("\\\\", "\\")):
        text = text.replace(escaped, plain)
    verdict.look("calendar", "ics", audience, text, verdict.expect.calendar())


def dossier_file_available() -> bool:
    """Whether the store can write a dossier file for one audience (issue 11, item 4)."""
    return "audience" in inspect.signature(export.export_dossier).parameters


def channel_dossier_file(desk: Desk, verdict: Verdict, audience: int) -> None:
    """The audience-filtered dossier file: everything the audience may see, nothing more.

    It was written before the store could export for an audience (issue 11, item 4): it
    skips, saying so, whenever ``export.export_dossier`` takes no ``audience``.
    """
    if not dossier_file_available():
        pytest.skip("export.export_dossier has no audience yet (issue 11, item 4)")
    plan = verdict.expect.plan
    text = export.export_dossier(desk.store, plan.slug, audience=audience)
    verdict.look(
        "dossier file",
        "JSON",
        audience,
        text,
        verdict.expect.dossier_file(),
        plain_amounts=True,
    )


def channel_programme(desk: Desk, verdict: Verdict, audience: int) -> None:
    """The delegation's programme printed alone (a draft of the book's Programme section),
    read back with pypdf: each travel entry the audience sees, nothing above it. Without a
    travel entry the audience may see, the section is empty and only the page furniture is
    read."""
    plan = verdict.expect.plan
    target = desk.path.parent / f"{plan.slug}-{audience}-programme.pdf"
    options = BookOptions(audience=audience, today=TODAY, draft=True, sections=("programme",))
    export_book(desk.store, plan.slug, options, target, record_edition=False)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    target.unlink()
    verdict.look("programme", "pypdf text", audience, text, verdict.expect.programme())


def channel_cards(desk: Desk, verdict: Verdict, audience: int) -> None:
    """The principal's pocket cards for the audience, a draft (so no edition is taken), read
    back with pypdf: a card names its meeting, and shows nothing above the audience. With
    no meeting the audience may see, the export refuses and nothing is read."""
    plan = verdict.expect.plan
    target = desk.path.parent / f"{plan.slug}-{audience}-cards.pdf"
    options = BookOptions(audience=audience, today=TODAY, draft=True, cards=True)
    try:
        export_cards(desk.store, plan.slug, options, target)
    except BriefingError as refused:
        assert "no meeting" in str(refused)
        text = ""
    else:
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
        target.unlink()
    verdict.look("cards", "pypdf text", audience, text, verdict.expect.cards())
