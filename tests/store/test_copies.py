"""Numbered copies of an edition, and whose copy a PDF or a page is (issue 17, item 4).

Every claim is checked on the PDFs as written: the copy line and code by the text
poppler extracts from each page, the document id by pypdf from the file's trailer.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from briefing.book import BookOptions, export_book
from briefing.book.whose import whose_pdf
from briefing.domain import Dossier, Edition, EditionCopy
from briefing.errors import BriefingError
from briefing.store.copies import (
    ALPHABET,
    CannotTell,
    checked_recipients,
    clues_in,
    marks,
    recipients,
    whose,
)
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.editions import list_editions, pack, reprint
from tests.book.conftest import TODAY
from tests.book.pdf import pdftotext
from tests.conftest import SAMPLE_SLUG
from tests.server import Cluster
from tests.store.test_editions import events_of

RECIPIENTS = ("Minister", "Vice-minister", "Delegation office")
INTERNAL = BookOptions(audience=1, today=TODAY, copies=RECIPIENTS)


@dataclasses.dataclass(frozen=True)
class Printed:
    store: Store
    files: tuple[Path, ...]
    pages: tuple[list[str], ...]
    """Each copy's pages as pdftotext gives them."""
    rows: tuple[EditionCopy, ...]


@pytest.fixture(scope="module")
def printed(
    request: pytest.FixtureRequest, backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Printed]:
    """The sample's Internal edition in three numbered copies, printed once per backend."""
    folder = tmp_path_factory.mktemp("copies")
    if backend == "postgresql":
        server: Cluster = request.getfixturevalue("postgres")
        url = server.create_database(template=request.getfixturevalue("pg_sample"))
        store = open_store(url, seed_sample=False)
    else:
        target = folder / "sample.sqlite3"
        shutil.copyfile(request.getfixturevalue("sample_template"), target)
        store = open_store(target, seed_sample=False)
    result = export_book(store, SAMPLE_SLUG, INTERNAL, folder / "book.pdf")
    with store.session() as session:
        rows = tuple(session.scalars(select(EditionCopy).order_by(EditionCopy.number)))
        session.expunge_all()
    yield Printed(store, result.copies, tuple(pdftotext(f) for f in result.copies), rows)
    store.close()
    if backend == "postgresql":
        server.drop_database(url)


def test_each_recipient_gets_a_pdf_of_its_own_marked_on_every_page(printed: Printed) -> None:
    assert [f.name for f in printed.files] == [f"book-copy-{n}.pdf" for n in (1, 2, 3)]
    assert not (printed.files[0].parent / "book.pdf").exists()
    ids = set()
    for number, (file, pages, row) in enumerate(
        zip(printed.files, printed.pages, printed.rows, strict=True), start=1
    ):
        assert (row.number, row.recipient) == (number, RECIPIENTS[number - 1])
        assert len(pages) == len(printed.pages[0]) > 10
        code = f"{row.code[:4]}-{row.code[4:]}"
        for page in pages:
            assert f"Copy {number} of 3 — {row.recipient}" in page
            assert f"copy code {code}" in page
        reader = pypdf.PdfReader(file)
        # pypdf gives a hex string that decodes as text as a text string, with its bytes.
        first, second = (x.original_bytes for x in reader.trailer["/ID"])
        assert first.hex() == second.hex() == row.document_id
        ids.add(row.document_id)
        assert reader.metadata is not None
        keywords = str(reader.metadata["/Keywords"])
        assert f"copy {number} of 3" in keywords and code in keywords
        assert row.recipient not in str(dict(reader.metadata))
    assert len(ids) == 3
    assert len({r.code for r in printed.rows}) == 3
    assert all(set(r.code) <= set(ALPHABET) and len(r.code) == 8 for r in printed.rows)
    assert not set(ALPHABET) & set("0O1I")


def test_the_edition_records_its_distribution_and_the_trail_each_copy(printed: Printed) -> None:
    with printed.store.session() as session:
        edition = session.scalars(select(Edition)).one()
        assert edition.pdf is None
        assert [(c.number, c.recipient) for c in edition.copies] == list(
            enumerate(RECIPIENTS, start=1)
        )
        [listed] = list_editions(session, SAMPLE_SLUG)
    assert (listed.kept, listed.copies) == (True, 3)
    books = [e for e in events_of(printed.store) if e.action == "book" and e.edition == 1]
    assert [(e.edition, e.audience, e.detail) for e in books] == [
        (1, 1, f"book-copy-{n}.pdf, copy {n} of 3") for n in (1, 2, 3)
    ]


def _whose(store: Store, text: str) -> tuple[int, tuple[str, ...]]:
    with store.session() as session:
        found = whose(session, clues_in(text))
    assert (found.slug, found.edition, found.copies) == (SAMPLE_SLUG, 1, 3)
    return found.number, found.by


def _without(page: str, *patterns: str) -> str:
    for pattern in patterns:
        page = re.sub(pattern, "", page)
    return page


COPY_LINE = r"Copy \d of 3 — [^\n]*"
CODE = r"copy code \S+"


def test_whose_names_each_copy_from_its_file_and_from_one_page(printed: Printed) -> None:
    for number, (file, pages, row) in enumerate(
        zip(printed.files, printed.pages, printed.rows, strict=True), start=1
    ):
        with printed.store.session() as session:
            found = whose_pdf(session, file)
        assert (found.number, found.recipient) == (number, row.recipient)
        assert found.by == ("document id", "code", "copy line")
        # A single page, a different one for each copy: the cover, the contents, the body.
        page = pages[(number - 1) * 4]
        assert _whose(printed.store, page) == (number, ("code", "copy line"))
        assert _whose(printed.store, _without(page, COPY_LINE)) == (number, ("code",))
        assert not re.search(COPY_LINE, _without(page, COPY_LINE))
        assert _whose(printed.store, _without(page, CODE)) == (number, ("copy line",))
        assert _whose(printed.store, row.code.lower()) == (number, ("code",))
        assert _whose(printed.store, f"{row.code[:4]}-{row.code[4:]}") == (number, ("code",))
        assert _whose(printed.store, row.document_id.upper()) == (number, ("document id",))


def test_a_page_without_its_marks_or_with_marks_that_disagree_cannot_tell(
    printed: Printed,
) -> None:
    page = printed.pages[0][3]
    with printed.store.session() as session:
        with pytest.raises(CannotTell, match="carries no copy's document id, copy line or code"):
            whose(session, clues_in(_without(page, COPY_LINE, CODE)))
        with pytest.raises(CannotTell, match="carries no copy's"):
            whose(session, clues_in("ZZZZ-ZZZZ " + "ab" * 16 + "\nCopy 9 of 3 — Minister"))
        # Copy 1's code beside copy 2's line: neither is believed.
        mixed = _without(page, COPY_LINE) + "\nCopy 2 of 3 — Vice-minister\n"
        with pytest.raises(CannotTell, match="its marks name different copies"):
            whose(session, clues_in(mixed))


def test_a_copy_line_alone_is_narrowed_by_the_edition_the_page_names(
    printed: Printed, tmp_path: Path
) -> None:
    """A second edition in copies for the same recipients: "Copy 2 of 3 — Vice-minister"
    fits both, and the header's "Edition N" tells them apart; without it, cannot tell."""
    options = dataclasses.replace(INTERNAL, sections=("scene",))
    export_book(printed.store, SAMPLE_SLUG, options, tmp_path / "again.pdf")
    try:
        second = pdftotext(tmp_path / "again-copy-2.pdf")[1]
        first = printed.pages[1][1]
        assert "Edition 2" in second and "Edition 1" in first
        for page, edition in ((first, 1), (second, 2)):
            with printed.store.session() as session:
                found = whose(session, clues_in(_without(page, CODE)))
            assert (found.edition, found.number, found.by) == (edition, 2, ("copy line",))
        with printed.store.session() as session, pytest.raises(CannotTell, match="more than one"):
            whose(session, clues_in("Copy 2 of 3 — Vice-minister"))
    finally:
        with printed.store.session() as session:
            session.delete(session.scalars(select(Edition).where(Edition.number == 2)).one())


def test_the_header_of_a_korean_book_names_its_edition_too(
    printed: Printed, tmp_path: Path
) -> None:
    """A second edition in Korean: its header reads "제2판 · 열람 대상 …", its copy line stays
    "Copy 2 of 3 — …" (the mark `edition whose` reads in any language)."""
    options = dataclasses.replace(INTERNAL, sections=("scene",), language="ko")
    export_book(printed.store, SAMPLE_SLUG, options, tmp_path / "ko.pdf")
    try:
        page = pdftotext(tmp_path / "ko-copy-2.pdf")[1]
        assert "제2판 · 열람 대상" in page and "Copy 2 of 3" in page
        with printed.store.session() as session:
            found = whose(session, clues_in(_without(page, r"사본 코드 \S+")))
        assert (found.edition, found.number, found.by) == (2, 2, ("copy line",))
    finally:
        with printed.store.session() as session:
            session.delete(session.scalars(select(Edition).where(Edition.number == 2)).one())


def test_whose_on_a_pdf_not_made_here_cannot_tell_and_on_a_broken_file_says_so(
    printed: Printed, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(72, 720, "Copy 1 of 3 — Someone else entirely")
    canvas.save()
    notes = tmp_path / "notes.pdf"
    notes.write_text("not a PDF at all\n", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(printed.files[0].read_bytes()[:300])
    with printed.store.session() as session:
        with pytest.raises(CannotTell, match=r"^cannot tell whose copy this is"):
            whose_pdf(session, plain)
        with pytest.raises(BriefingError, match=r"^notes\.pdf is not a PDF file$"):
            whose_pdf(session, notes)
        with pytest.raises(BriefingError, match=r"^broken\.pdf is a damaged PDF") as damaged:
            whose_pdf(session, broken)
    assert not isinstance(damaged.value, CannotTell)


def test_a_reprint_of_copy_k_is_copy_k_byte_for_byte_after_later_edits(
    store: Store, tmp_path: Path
) -> None:
    options = BookOptions(audience=1, today=TODAY, sections=("scene",), copies=RECIPIENTS)
    result = export_book(store, SAMPLE_SLUG, options, tmp_path / "book.pdf")
    with store.session() as session:
        session.scalars(select(Dossier)).one().title = "Retitled after the edition"
    export_book(store, SAMPLE_SLUG, options, tmp_path / "later.pdf")
    for number, printed in enumerate(result.copies, start=1):
        again = tmp_path / f"again-{number}.pdf"
        done = reprint(store, SAMPLE_SLUG, 1, again, copy=number)
        assert again.read_bytes() == printed.read_bytes()
        assert done.size == printed.stat().st_size
    assert events_of(store)[-1].detail == "again-3.pdf, copy 3"
    with pytest.raises(BriefingError, match=r"printed in 3 numbered copies: say which .*--copy"):
        reprint(store, SAMPLE_SLUG, 1, tmp_path / "x.pdf")
    with pytest.raises(BriefingError, match="has no copy 4: it was printed in 3"):
        reprint(store, SAMPLE_SLUG, 1, tmp_path / "x.pdf", copy=4)
    export_book(store, SAMPLE_SLUG, dataclasses.replace(options, copies=()), tmp_path / "one.pdf")
    with pytest.raises(BriefingError, match="printed as one book, not in numbered copies"):
        reprint(store, SAMPLE_SLUG, 3, tmp_path / "x.pdf", copy=1)
    assert not (tmp_path / "x.pdf").exists()


def test_the_marks_are_the_same_when_composed_again_and_differ_by_copy() -> None:
    one = marks(SAMPLE_SLUG, 4, "abc", 1, "Minister")
    assert one == marks(SAMPLE_SLUG, 4, "abc", 1, "minister")
    others = {
        marks(SAMPLE_SLUG, 4, "abc", 2, "Minister"),
        marks(SAMPLE_SLUG, 5, "abc", 1, "Minister"),
        marks(SAMPLE_SLUG, 4, "abd", 1, "Minister"),
        marks("other", 4, "abc", 1, "Minister"),
    }
    assert len({m.code for m in others | {one}}) == 5
    assert len({m.document_id for m in others | {one}}) == 5


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        ("", "numbered copies need at least one recipient"),
        (";", "numbered copies need at least one recipient"),
        ("  ; ", "numbered copies need at least one recipient"),
        ("A;;B", "copy 2 of 3 has no recipient (nothing between two ';' or one at an end)"),
        ("A;B;", "copy 3 of 3 has no recipient"),
        ("Minister; minister ", "'minister' is named twice among the recipients"),
        ("Vice  minister;VICE MINISTER", "is named twice"),
        ("A;" + "x" * 81, "a recipient's name has at most 80 characters"),
    ],
)
def test_a_bad_list_of_recipients_is_refused_in_one_line(listed: str, message: str) -> None:
    with pytest.raises(BriefingError) as refused:
        recipients(listed)
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_a_name_given_as_a_list_cannot_hold_the_separator() -> None:
    """The export dialog, or a program, gives names as a list, where ';' could slip in;
    the edition's options record them joined by it, so it is refused."""
    with pytest.raises(BriefingError, match="a recipient's name cannot contain ';'"):
        BookOptions(audience=1, copies=("Minister", "Vice;minister"))
    with pytest.raises(BriefingError, match="an empty name"):
        checked_recipients(["Minister", " \u200b "])
    assert checked_recipients(["  Head\tof\u202e  mission "]) == ("Head of mission",)


def test_a_draft_has_no_numbered_copies() -> None:
    with pytest.raises(BriefingError, match="a draft is not an edition"):
        BookOptions(audience=1, draft=True, copies=RECIPIENTS)


def test_a_failed_export_of_copies_keeps_neither_files_nor_rows(
    store: Store, tmp_path: Path
) -> None:
    """The third copy cannot be written (a folder holds its name): the first two,
    already in place, are removed, and no edition, copy or event is kept."""
    folder = tmp_path / "books"
    (folder / "book-copy-3.pdf").mkdir(parents=True)
    options = BookOptions(audience=1, today=TODAY, sections=("scene",), copies=RECIPIENTS)
    with pytest.raises(BriefingError, match=r"book-copy-3\.pdf: it is a folder"):
        export_book(store, SAMPLE_SLUG, options, folder / "book.pdf")
    assert sorted(p.name for p in folder.iterdir()) == ["book-copy-3.pdf"]
    with store.session() as session:
        assert session.scalars(select(Edition)).all() == []
        assert session.scalars(select(EditionCopy)).all() == []
    assert [e for e in events_of(store) if e.action == "book"] == []


def test_copies_keep_their_pdfs_compressed(printed: Printed) -> None:
    with printed.store.session() as session:
        for row in session.scalars(select(EditionCopy)):
            assert row.pdf is not None
            assert row.pdf == pack(printed.files[row.number - 1].read_bytes())
