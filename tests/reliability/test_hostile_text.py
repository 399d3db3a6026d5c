"""Hostile text in every text field: stored exactly, shown, searched and printed without harm.

Hypothesis generates strings mixing markup (``<img src="http://…">``, ``<font>``, ``<para>``,
unbalanced tags, entities), control characters and NUL, bidi and zero-width marks, emoji,
Hangul, Chinese and arbitrary (surrogate-free) unicode; five 100 KB blobs go the same way
in a test of their own. Each example fills every text field of one record of every kind
(plus a citation and the dossier itself) and pushes the strings through the real paths:

* the store: created with ``edits.create_record``, read back exactly, changed with
  ``edits.change_record`` to each other's values, read back again, then deleted;
* the GUI: every page's item model, every cell and role, each string as a list filter,
  and the details pane's HTML, where markup must arrive escaped;
* search: each string as a query, and a plain word stored after hostile text still found;
* export: a few books, each printing hundreds of strings; the printable ones (letters,
  digits, Hangul, markup characters) must come back from the PDF's text.

SQLite keeps NUL inside TEXT and Python's driver binds strings by length, so NUL survives
the store; the book drops control characters by design (``briefing.book.markup``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from briefing.book import BookOptions, export_book
from briefing.book.fonts import faces
from briefing.domain import (
    Citation,
    Dossier,
    Party,
    Person,
    Record,
)
from briefing.domain.references import REFERENCE
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.details import read_details
from briefing.store.edits import change_record, create_record, delete_record, read_fields
from briefing.store.lists.people import PersonRow
from briefing.store.search.querying import search
from briefing.store.visibility import EVERYTHING
from briefing.text import without_nul
from briefing.ui.record_html import record_html
from briefing.ui.table_model import Column, PagedModel
from briefing.ui.views.base import ListPage
from briefing.ui.views.checks import ChecksPage
from briefing.ui.views.chips import ChipsPage
from briefing.ui.views.delegations import DelegationsPage
from briefing.ui.views.overview import OverviewPage
from briefing.ui.views.page import Page
from briefing.ui.views.people import PeoplePage
from briefing.ui.views.sources import SourcesPage
from briefing.ui.views.timeline import TimelinePage
from briefing.ui.workspace import Workspace
from tests.builders import document, load
from tests.kinds import MODELS, TEXT_FIELDS
from tests.memory_source import MemorySource
from tests.reliability.figures import Figures
from tests.roles import ROLES

TODAY = dt.date(2025, 5, 1)

# ------------------------------------------------------------------ what goes where

LIST_FIELDS: dict[str, str] = {
    "person": "aliases",
    "organization": "aliases",
    "bargaining_chip": "sectors",
}
CITATION_FIELDS = ("excerpt", "locator")
DOSSIER_FIELDS = ("title", "subtitle", "scene_setter")

UIDS = itertools.count()
"""Fresh uids, so an example that failed half-way cannot block the next one."""

SLOTS = [(kind, name) for kind, names in TEXT_FIELDS.items() for name in names]
STRINGS_PER_EXAMPLE = len(SLOTS) + 2 * len(LIST_FIELDS) + len(CITATION_FIELDS) + len(DOSSIER_FIELDS)

# ------------------------------------------------------------------ the strings

SNIPPETS = (
    "<",
    ">",
    "&",
    "&amp;",
    "&#x41;",
    "&bogus;",
    "&nbsp;",
    '<img src="http://127.0.0.1:9/leak.png" width="9"/>',
    '<font name="Courier" color="red">',
    "</font>",
    "<para>",
    "</para>",
    "<b>bold <i>never closed",
    "<br/>",
    '<a href="http://example.com/">link</a>',
    '<link href="file:///etc/passwd">x</link>',
    "<![CDATA[ x ]]>",
    "<!-- comment -->",
    "<script>alert(1)</script>",
    "\x00",
    "\x01",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\r\n",
    "\r",
    "\t",
    "\f",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\ufffd",
    "\U000e0001",
    "👍🏽",
    "❤️",
    "🤖",
    "🇰🇷",
    "👨‍👩‍👧",
    "안덕근",
    "산업통상자원부 장관",
    "東京",
    "日米の通商協議",
    "שלום",
    "مرحبا",
    "e\u0301",
    "%s %d {0} {}",
    "'; DROP TABLE record; --",
    '"',
    "\\",
    "NEAR(",
    "AND OR NOT",
    "*",
    "\\N{BULLET}",
    "[[src:good]]",
    "[[src:nosuch]]",
    "[[",
    "]]",
    '[[src:good"><img src="http://127.0.0.1:9/x.png">]]',
)

unicode_text = st.text(st.characters(codec="utf-8"), max_size=30)
"""Any character that UTF-8 can encode: everything but lone surrogates."""
hostile = st.lists(st.one_of(st.sampled_from(SNIPPETS), unicode_text), max_size=6).map("".join)
"""A hostile string: snippets and arbitrary unicode, run together. The 100 KB blobs have
their own test (``test_100_kb_blobs_in_every_field``): a search over a record holding one
is slow enough (see ``test_search_stays_fast_over_a_long_text``) to stall any example."""

PRINTABLE_ASCII = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<>&\"'()[]{}.,;:!?/-+=#%@"
)
printable = st.text(
    st.one_of(
        st.sampled_from(PRINTABLE_ASCII),
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        st.sampled_from(" "),
    ),
    min_size=1,
    max_size=50,
).filter(lambda s: s.strip() != "" and not REFERENCE.search(s))
"""Text the book prints as it is: it must come back from the PDF's text. A reference to
a source, ``[[src:x]]``, prints as a number or as nothing, so it is hostile text here."""

plain_word = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=4).map(
    lambda s: "q" + s
)


class Example:
    """One example's strings: a value for every slot, and a word to search for.

    A plain class, not a dataclass: Hypothesis prints a dataclass field by field, which
    for an example holding 100 KB blobs is megabytes; ``__repr__`` keeps it short.
    """

    def __init__(
        self,
        texts: dict[tuple[str, str], str],
        lists: dict[str, list[str]],
        citation: dict[str, str],
        dossier: dict[str, str],
        word: str,
    ) -> None:
        self.texts = texts
        self.lists = lists
        self.citation = citation
        self.dossier = dossier
        self.word = word

    def __repr__(self) -> str:
        """Short: Hypothesis prints a failing example, and blobs would make that megabytes."""
        shown = ", ".join(
            repr(s[:40]) + (f"…({len(s)})" if len(s) > 40 else "") for s in self.strings()
        )
        return f"Example({shown}, word={self.word!r})"

    def strings(self) -> list[str]:
        listed = [s for values in self.lists.values() for s in values]
        return [*self.texts.values(), *listed, *self.citation.values(), *self.dossier.values()]


examples = st.builds(
    lambda texts, lists, citation, dossier, word: Example(
        dict(zip(SLOTS, texts, strict=True)),
        dict(zip(LIST_FIELDS, lists, strict=True)),
        dict(zip(CITATION_FIELDS, citation, strict=True)),
        dict(zip(DOSSIER_FIELDS, dossier, strict=True)),
        word,
    ),
    st.lists(hostile, min_size=len(SLOTS), max_size=len(SLOTS)),
    st.lists(st.lists(hostile, min_size=2, max_size=2), min_size=3, max_size=3),
    st.lists(hostile, min_size=2, max_size=2),
    st.lists(hostile, min_size=3, max_size=3),
    plain_word,
)

# ------------------------------------------------------------------ the fixtures


@dataclass
class Desk:
    """A store with an empty dossier, and the app's pages over it.

    Attributes:
        dossier_id: the dossier every example writes into and empties again.
        base_ids: the records that dossier holds between examples.
        party_id: a party of the base dossier that examples link to.
    """

    store: Store
    workspace: Workspace
    pages: list[Page]
    dossier_id: int
    base_ids: list[int]
    party_id: int


@pytest.fixture(scope="module")
def desk(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    store = open_store(tmp_path_factory.mktemp("hostile") / "text.sqlite3", seed_sample=False)
    load(store, document("hostile-text"))
    workspace = Workspace(store)
    workspace.set_today(TODAY)
    pages: list[Page] = [
        page(workspace)
        for page in (
            OverviewPage,
            DelegationsPage,
            PeoplePage,
            TimelinePage,
            ChipsPage,
            SourcesPage,
            ChecksPage,
        )
    ]
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        base = list(session.scalars(select(Record.id)))
        party_id = session.scalars(select(Party.id).order_by(Party.id)).first()
        assert party_id is not None
    yield Desk(store, workspace, pages, dossier_id, base, party_id)
    workspace.shutdown()  # as a window does: the checks' process and files go with it
    for page in pages:
        page.deleteLater()
    workspace.deleteLater()
    QApplication.processEvents()
    store.close()


EXPLORE = os.environ.get("BRIEFING_HYPOTHESIS_EXPLORE", "") not in ("", "0")
"""``BRIEFING_HYPOTHESIS_EXPLORE=1`` draws new random examples on every run (replay a
failure with ``--hypothesis-seed``). By default the examples are derandomized: the same
ones on every run and every clean clone, so a CI failure reproduces by running again."""


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=not EXPLORE,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# ------------------------------------------------------------------ store


def _create_all(session: Session, desk: Desk, example: Example) -> dict[str, int]:
    """One record of each kind, linked as the GUI would link them; returns their ids."""
    ids: dict[str, int] = {}
    links: dict[str, dict[str, Any]] = {
        "party": {"colour": "#607080"},
        "organization": {"party_id": desk.party_id},
        "person": {"party_id": desk.party_id},
        "appointment": {"start": dt.date(2024, 1, 3)},
        "source": {},
        "event": {"start_date": dt.date(2025, 4, 24)},
        "meeting_brief": {},
        "delegation": {"party_id": desk.party_id},
        "bargaining_chip": {"party_id": desk.party_id},
        "talking_point": {},
    }
    for kind, model in MODELS.items():
        values: dict[str, Any] = {name: example.texts[(kind, name)] for name in TEXT_FIELDS[kind]}
        values.update(links[kind])
        if kind in LIST_FIELDS:
            values[LIST_FIELDS[kind]] = example.lists[kind]
        if kind == "person":
            values["bio"] += " " + example.word
        elif kind == "appointment":
            values.update(person_id=ids["person"], organization_id=ids["organization"])
        elif kind == "event":
            values["participants"] = [ids["person"]]
        elif kind == "meeting_brief":
            values["event_id"] = ids["event"]
        elif kind == "delegation":
            values.update(event_id=ids["event"], members=[ids["person"]])
        elif kind == "bargaining_chip":
            values["events"] = [ids["event"]]
        elif kind == "talking_point":
            values["subject_id"] = ids["bargaining_chip"]
        uid = f"{kind}:{next(UIDS)}"
        ids[kind] = create_record(session, model, desk.dossier_id, uid, values)
    citation = Citation(record_id=ids["person"], source_id=ids["source"], **example.citation)
    session.add(citation)
    session.flush()
    ids["citation"] = citation.id
    dossier = session.get_one(Dossier, desk.dossier_id)
    for name, value in example.dossier.items():
        setattr(dossier, name, value)
    return ids


def _stored(session: Session, ids: dict[str, int], dossier_id: int) -> dict[tuple[str, str], Any]:
    """Every text value as the database gives it back."""
    found: dict[tuple[str, str], Any] = {}
    for kind in MODELS:
        record = session.get_one(Record, ids[kind])
        names = list(TEXT_FIELDS[kind]) + ([LIST_FIELDS[kind]] if kind in LIST_FIELDS else [])
        for name, value in read_fields(record, names).items():
            found[(kind, name)] = value
    citation = session.get_one(Citation, ids["citation"])
    for name in CITATION_FIELDS:
        found[("citation", name)] = getattr(citation, name)
    dossier = session.get_one(Dossier, dossier_id)
    for name in DOSSIER_FIELDS:
        found[("dossier", name)] = getattr(dossier, name)
    return found


def _expected(example: Example) -> dict[tuple[str, str], Any]:
    """What the store keeps: a record's text loses any NUL (on every backend, as
    PostgreSQL cannot store one), and aliases and sectors are sets keyed by their text,
    each text kept once in the order first given; the citation and dossier are set here
    directly."""
    expected: dict[tuple[str, str], Any] = without_nul(dict(example.texts))
    expected[("person", "bio")] += " " + example.word
    for kind, name in LIST_FIELDS.items():
        expected[(kind, name)] = list(dict.fromkeys(without_nul(example.lists[kind])))
    expected.update({("citation", k): v for k, v in example.citation.items()})
    expected.update({("dossier", k): v for k, v in example.dossier.items()})
    return expected


def _rotated(example: Example) -> dict[tuple[str, str], str]:
    """Every slot takes the next slot's string: values move between fields of all kinds."""
    values = list(example.texts.values())
    return dict(zip(SLOTS, values[1:] + values[:1], strict=True))


# ------------------------------------------------------------------ GUI


def _walk(model: Any, parent: QModelIndex | None = None) -> int:
    """Ask every cell of ``model`` (and its children) for every role; returns the cells."""
    parent = parent or QModelIndex()
    cells = 0
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in ROLES:
                model.data(index, role)
            cells += 1
            if column == 0 and model.rowCount(index) > 0:
                cells += _walk(model, index)
    for column in range(model.columnCount(parent)):
        model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return cells


def _models_survive(desk: Desk, strings: list[str]) -> None:
    seen_people = 0
    for page in desk.pages:
        page.reload()  # what a page does when shown after a change
        model = getattr(page, "model", None)
        if model is not None:
            _walk(model)
        matrix = getattr(page, "matrix_model", None)
        if matrix is not None:
            _walk(matrix)
        if isinstance(page, PeoplePage):
            seen_people = page.model.rowCount()
        if isinstance(page, ListPage):
            for text in strings:
                page.filter.setText(text)  # through the page's own filter field
                page.apply_filter()
                _walk(page.model)
            page.filter.clear()
            page.apply_filter()
    assert seen_people == 1, "the person with hostile fields is not listed"


DANGEROUS_MARKUP = (
    '<img src="http',
    '<font name="Courier"',
    "<script>",
    '<a href="http://example.com',
    '<link href="file:',
    "<para>",
)
"""Markup from SNIPPETS that must reach the details pane escaped (the pane's own avatar is
an ``<img src="avatar:…">``, so the check names the hostile tags in full)."""


def _details_escape_markup(desk: Desk, ids: dict[str, int]) -> None:
    with desk.store.session() as session:
        for kind in MODELS:
            html = record_html(read_details(session, ids[kind], EVERYTHING), TODAY)
            for tag in DANGEROUS_MARKUP:
                assert tag not in html, f"{kind} details carry raw {tag!r}"


# ------------------------------------------------------------------ the test


@_settings(200)
@given(example=examples)
def test_hostile_text_in_every_field(desk: Desk, figures: Figures, example: Example) -> None:
    _push_through(desk, figures, example, queries=True)


def _push_through(desk: Desk, figures: Figures, example: Example, *, queries: bool) -> None:
    """Store, read back, change, show, detail and (with ``queries``) search every string."""
    strings = example.strings()
    count = len(strings)
    figures.strings += count
    paths = ("store", "models", "details", *(("search",) if queries else ()))
    for path in paths:
        figures.tried(path, count)
    try:
        with desk.store.session() as session:
            ids = _create_all(session, desk, example)
        with desk.store.session() as session:
            assert _stored(session, ids, desk.dossier_id) == _expected(example)
            hits = search(session, example.word, dossier_id=desk.dossier_id, level=EVERYTHING)
            assert ids["person"] in {h.record_id for h in hits}, "a word after hostile text is lost"
        with desk.store.session() as session:
            for kind, values in _by_kind(_rotated(example)).items():
                change_record(session, ids[kind], values)
        with desk.store.session() as session:
            stored = _stored(session, ids, desk.dossier_id)
            assert {k: stored[k] for k in SLOTS} == without_nul(_rotated(example))
        figures.survived("store", count)

        _models_survive(desk, strings)
        figures.survived("models", count)
        _details_escape_markup(desk, ids)
        figures.survived("details", count)

        if queries:
            with desk.store.session() as session:
                for text in strings:
                    search(session, text, dossier_id=desk.dossier_id, level=EVERYTHING)
            figures.survived("search", count)
    finally:
        _empty_the_dossier(desk)


BLOB_SEEDS = (
    '<para><font name="x"><img src="http://127.0.0.1:9/a.png"/> &amp; ',
    "\x00\x01\u202e\u200b\u200f\ufeff text\r\n",
    "안덕근 산업통상자원부 장관 ",
    "東京で日米の通商協議 ",
    "Deal 👍🏽 done ❤️ 🤖 ",
)
BLOBS = tuple((seed * (100_000 // len(seed) + 1))[:100_000] for seed in BLOB_SEEDS)
"""Five 100 KB strings, one per family of trouble: markup, controls, Hangul, CJK, emoji."""


def test_100_kb_blobs_in_every_field(desk: Desk, figures: Figures) -> None:
    """Every field at once holds a 100 KB string, through the store, the pages and details."""

    def blob(number: int) -> str:
        return BLOBS[number % len(BLOBS)]

    example = Example(
        {slot: blob(i) for i, slot in enumerate(SLOTS)},
        {kind: [blob(i), blob(i + 1)] for i, kind in enumerate(LIST_FIELDS)},
        {name: blob(i) for i, name in enumerate(CITATION_FIELDS)},
        {name: blob(i) for i, name in enumerate(DOSSIER_FIELDS)},
        "qblobneighbour",
    )
    _push_through(desk, figures, example, queries=False)


def test_a_pasted_long_filter_still_filters(desk: Desk) -> None:
    """Pasting a long passage into a list's filter field gives an answer, not an error.

    The filter field takes Qt's 32,767 characters; the store matches them as plain text
    (Hangul beyond LIKE's pattern limit, pattern characters as themselves).
    """
    name = "<b>%_" + BLOBS[2][:200]
    with desk.store.session() as session:
        made = create_record(session, Person, desk.dossier_id, "p:long-filter", {"name": name})
    try:
        page = next(p for p in desk.pages if isinstance(p, PeoplePage))
        page.reload()
        for pasted, found in ((BLOBS[2][:32_767], 0), ("x" * 32_767, 0), (name, 1)):
            page.filter.setText(pasted)
            assert len(page.filter.text()) == len(pasted)
            page.apply_filter()
            assert page.model.rowCount() == found
            assert [page.model.index(r, 0).data() for r in range(found)] == [name] * found
        page.filter.clear()
        page.apply_filter()
    finally:
        with desk.store.session() as session:
            delete_record(session, made)


LONG_TEXT = ("Trade talks, tariffs, 안덕근. " * 4000)[:100_000]
STEPS = 5_000
"""SQLite steps a search over ``LONG_TEXT`` may take."""


@pytest.mark.sqlite_only("counts SQLite's virtual machine steps")
def test_search_does_bounded_work_over_a_long_text(empty_store: Store) -> None:
    """A source's full text can be a long article; a search box must still answer at once.

    The work is counted, not timed. FTS5's snippet() and highlight() over a text that
    repeats the query's words took seconds for four words over 100 KB (the bug this
    guards), so no statement may ask for them: snippets are cut in Python from the hits
    shown. And the search may take at most ``STEPS`` SQLite virtual-machine steps (it
    takes under a thousand; a scan of the text would take hundreds of thousands); the
    progress handler stops SQLite past ten times that, so the test never hangs.
    """
    load(
        empty_store,
        document(sources=[{"id": "src:long", "title": "Transcript", "full_text": LONG_TEXT}]),
    )
    steps = 0
    statements: list[str] = []

    def count() -> bool:
        nonlocal steps
        steps += 1
        return steps > 10 * STEPS

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = empty_store.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        with empty_store.session() as session:
            dossier_id = session.scalars(select(Dossier.id)).one()
            connection = session.connection().connection.driver_connection
            assert connection is not None
            connection.set_progress_handler(count, 1)
            statements.clear()
            try:
                hits = search(
                    session, "trade talks 안덕근 tariffs", dossier_id=dossier_id, level=EVERYTHING
                )
            finally:
                connection.set_progress_handler(None, 0)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert hits and "tariffs" in hits[0].snippet.casefold()
    assert statements, "the search ran no statement through the engine"
    asked = [s for s in statements if re.search(r"\b(snippet|highlight)\s*\(", s, re.I)]
    assert not asked, asked
    assert steps <= STEPS, f"the search ran {steps:,} SQLite steps"


def _empty_the_dossier(desk: Desk) -> None:
    """Delete what an example created (through the real delete), even after a failure."""
    with desk.store.session() as session:
        made = session.scalars(
            select(Record.id).where(
                Record.dossier_id == desk.dossier_id, Record.id.not_in(desk.base_ids)
            )
        ).all()
        for record_id in made:
            if session.get(Record, record_id) is not None:
                delete_record(session, record_id)
    with desk.store.session() as session:
        left = session.scalar(
            select(func.count(Record.id)).where(Record.dossier_id == desk.dossier_id)
        )
    assert left == len(desk.base_ids)


def _by_kind(values: dict[tuple[str, str], str]) -> dict[str, dict[str, str]]:
    grouped: dict[str, dict[str, str]] = {}
    for (kind, name), value in values.items():
        grouped.setdefault(kind, {})[name] = value
    return grouped


def test_item_model_with_hostile_rows_passes_the_model_tester(
    qtmodeltester: Any, figures: Figures
) -> None:
    """Qt's own consistency checks on a table model whose every cell is hostile text."""
    rows = [
        PersonRow(i, text, text[::-1], text[:12], text, text, i % 4)
        for i, text in enumerate(SNIPPETS)
    ]
    columns = [
        Column[PersonRow]("Name", lambda r: r.name, ("name",), tooltip=lambda r: r.title),
        Column[PersonRow]("Native", lambda r: r.native_name, ("native_name",)),
        Column[PersonRow]("Party", lambda r: r.party, ("party",)),
        Column[PersonRow]("Office", lambda r: r.title, ("title",), align_right=True),
    ]
    model: PagedModel[PersonRow] = PagedModel(columns, lambda r: r.id)
    model.set_source(MemorySource(rows, columns, lambda r: r.id))
    figures.strings += len(rows) * 5
    figures.tried("models", len(rows) * 5)
    qtmodeltester.check(model)
    figures.survived("models", len(rows) * 5)


# ------------------------------------------------------------------ export

CHIP_PARAGRAPHS = ("description", "our_target", "our_minimum", "their_position")
"""Chip fields the book prints in full as paragraphs: where printable strings are checked."""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _drawn_text(path: Path) -> str:
    """The PDF's text in the order it is drawn (``pdftotext -raw``), whitespace squashed.

    Not poppler's default reading order: that mode takes every line ending in "-" for a
    word hyphenated at the line break and prints it joined to the next line without the
    "-" (``TextLine::hyphenated``), so a field that ends in "-", or wraps right after one,
    reads back without it although the PDF draws it. Raw order rewrites nothing: each
    character drawn, each paragraph's lines in sequence, which is what "printed" means.
    """
    args = ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"]
    return _squash(subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8"))


def _printable_faces_cover(text: str) -> bool:
    covered = set().union(*(face.covers for face in faces()))
    return all(ord(c) in covered or c == " " for c in text)


@pytest.fixture
def book_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "book.sqlite3", seed_sample=False)
    yield store
    store.close()


class Supply:
    """Hands out hostile strings in turn, cut to a field's limit, and counts them."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.used = 0

    def __call__(self, limit: int = 2000, fallback: str = "") -> str:
        text = self.texts[self.used % len(self.texts)][:limit]
        self.used += 1
        return text if text or not fallback else fallback


def _book_document(take: Supply, printable_texts: list[str]) -> dict[str, Any]:
    """A dossier whose every field is hostile, with printable text in the chips' paragraphs."""
    chips = []
    for number in range(0, len(printable_texts), len(CHIP_PARAGRAPHS)):
        chunk = printable_texts[number : number + len(CHIP_PARAGRAPHS)]
        chips.append(
            {
                "id": f"c:{number}",
                "title": take(300, "chip"),
                "party": "party:a",
                "sectors": [take(100, "sector"), take(100, "sector")],
                "notes": take(),
                "value": {"amount": 5_000_000, "currency": "USD", "note": take()},
                "events": ["e:1"],
                "citations": [
                    {"source": "src:hostile", "excerpt": take(), "locator": take(200)},
                    {"source": "src:good", "excerpt": take(), "stance": "disputes"},
                ],
                **dict(zip(CHIP_PARAGRAPHS, chunk, strict=False)),
            }
        )
    doc = document(
        "hostile-book",
        people=[
            {
                "id": f"p:{i}",
                "name": take(300, "person"),
                "native_name": take(200),
                "aliases": [take(300, "alias")],
                "bio": take(),
                "notes": take(),
                "party": "party:b",
            }
            for i in range(3)
        ],
        organizations=[{"id": "o:1", "name": take(300, "org"), "acronym": take(40)}],
        appointments=[
            {"id": "a:1", "person": "p:0", "title": take(300, "office"), "organization": "o:1"}
        ],
        sources=[
            {
                "id": "src:hostile",
                "title": take(500, "source"),
                "publisher": take(300),
                "author": take(300),
                "language": take(16),
                "address": take(),
                "full_text": take(),
                "reliability": "E",
            }
        ],
        events=[
            {
                "id": "e:1",
                "title": take(300, "event"),
                "start_date": "2025-04-24",
                "start_time": "10:00:00",
                "place": take(300),
                "timezone": "Asia/Seoul",  # a zone, never free text: import refuses others
                "summary": take(),
                "outcome": take(),
                "participants": ["p:0", "p:1"],
                "owner": "p:2",
            }
        ],
        delegations=[
            {
                "id": "d:1",
                "name": take(300),
                "event": "e:1",
                "party": "party:a",
                "members": [{"person": "p:0", "role": take(200), "head": True}],
            }
        ],
        meeting_briefs=[
            {
                "id": "b:1",
                "event": "e:1",
                "purpose": take(),
                "desired_outcome": take(),
                "run_of_meeting": take(),
                "our_objectives": take(),
                "their_objectives": take(),
            }
        ],
        chips=chips,
        talking_points=[
            {"id": f"tp:{i}", "subject": "c:0", "kind": kind, "text": take(fallback="point")}
            for i, kind in enumerate(("to_make", "defensive", "press_line"))
        ],
    )
    doc["dossier"].update(title=take(300, "dossier"), subtitle=take(300), scene_setter=take())
    return doc


PRINTABLE_PER_BOOK = 8 * len(CHIP_PARAGRAPHS)


def _fields_per_book() -> int:
    dry_run = Supply(["x"])
    _book_document(dry_run, ["x"] * PRINTABLE_PER_BOOK)
    return dry_run.used


HOSTILE_PER_BOOK = _fields_per_book()
"""One string per hostile field of the book's dossier, each used once."""


@_settings(6)
@given(
    hostile_texts=st.lists(hostile, min_size=HOSTILE_PER_BOOK, max_size=HOSTILE_PER_BOOK),
    printable_texts=st.lists(printable, min_size=PRINTABLE_PER_BOOK, max_size=PRINTABLE_PER_BOOK),
)
def test_books_print_hostile_text_and_keep_printable_text(
    book_store: Store,
    tmp_path: Path,
    figures: Figures,
    hostile_texts: list[str],
    printable_texts: list[str],
) -> None:
    _export_and_read_back(book_store, tmp_path, figures, hostile_texts, printable_texts)


def _export_and_read_back(
    store: Store, folder: Path, figures: Figures, hostile_texts: list[str], printable: list[str]
) -> None:
    take = Supply(hostile_texts)
    with store.session() as session:
        slug = f"hostile-book-{session.scalar(select(func.count(Dossier.id)))}"
    doc = _book_document(take, printable)
    doc["dossier"]["slug"] = slug
    count = min(take.used, len(hostile_texts)) + len(printable)
    figures.strings += count
    figures.tried("export", count)
    load(store, doc)
    target = folder / f"{slug}.pdf"
    export_book(store, slug, BookOptions(audience=3, today=TODAY), target)
    figures.survived("export", count)
    text = _drawn_text(target)
    checked = [s for s in printable if _printable_faces_cover(s)]
    figures.printable_tried += len(checked)
    missing = [s for s in checked if _squash(s) not in text]
    figures.printable_found += len(checked) - len(missing)
    assert missing == [], f"printable text lost from the PDF: {missing[:5]}"


def test_a_hyphen_at_the_end_of_a_line_is_printed(
    book_store: Store, tmp_path: Path, figures: Figures
) -> None:
    """Printable text ending a line with "-" comes back with its "-".

    Minimised from seed 303130263730440658653161500811743264725: a chip's target
    ``7겟갦m걡갃갗Sw걯겈걀겍걝-`` was drawn in full, but poppler's reading order dropped the
    final "-" and ran the line into the next paragraph. "tariff- " repeated wraps every
    line of a description after a "-"; the other strings end the chips' other paragraphs.
    """
    printable = ["tariff- " * 40, "7겟갦m걡갃갗Sw걯겈걀겍걝-", "walk-", "가-"]
    _export_and_read_back(book_store, tmp_path, figures, ["x"], printable)


def test_a_book_of_100_kb_blobs(book_store: Store, tmp_path: Path, figures: Figures) -> None:
    """The largest strings in a book: every seventh field a 100 KB blob, the rest 300 chars."""
    texts = [BLOBS[i % len(BLOBS)] for i in range(HOSTILE_PER_BOOK)]
    texts = [t if i % 7 == 0 else t[:300] for i, t in enumerate(texts)]
    printable = [f"plain words {n} 그리고 한국어 {n}" for n in range(PRINTABLE_PER_BOOK)]
    _export_and_read_back(book_store, tmp_path, figures, texts, printable)
