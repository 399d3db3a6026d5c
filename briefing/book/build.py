"""Exporting a briefing book: load, compose, lay out, write safely, record the edition.

The order matters for safety: the audience's data is read (filtered) before any page
is composed; the PDF is built in memory and written to a temporary file beside the
target, synced, and only then renamed over it, so a cancelled, failed or killed export
leaves the previous PDF exactly as it was. The edition and the audit trail's event are
written in the transaction the file is written in (:func:`briefing.store.audit.exporting`):
neither is kept for a file that was not written, and no file is kept without them. The
edition keeps the PDF's very bytes and the audience's dossier document
(:mod:`briefing.store.editions`), so it can be reprinted as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import Flowable, PageBreak
from sqlalchemy.exc import IntegrityError

from briefing import __version__
from briefing.book.data import BookData, Level
from briefing.book.fonts import faces
from briefing.book.language import Speech
from briefing.book.load import load_book
from briefing.book.options import SECTION_TITLES, BookCancelled, BookOptions, ExportResult
from briefing.book.sections.annex import aliases, checks, sources
from briefing.book.sections.changed import changed_since
from briefing.book.sections.chips import chips
from briefing.book.sections.common import Composer, Progress
from briefing.book.sections.front import contents, cover
from briefing.book.sections.meetings import meetings
from briefing.book.sections.people import delegations
from briefing.book.sections.programme import programme_section
from briefing.book.sections.scene import scene
from briefing.book.sections.timeline import timeline
from briefing.book.since import Since, base_edition, changes_since
from briefing.book.styles import MARGIN, level_colour, styles
from briefing.book.template import BookCanvas, BookDocTemplate, CopyMarks, Furniture, Heading
from briefing.domain import Edition, EditionCopy
from briefing.errors import N_, BriefingError
from briefing.files import write_atomically
from briefing.store import audit
from briefing.store.copies import marks, printed_code
from briefing.store.db.database import Store
from briefing.store.db.holding import collector_paused
from briefing.store.dossiers import find_dossier
from briefing.store.editions import pack
from briefing.store.exchange.export import dossier_to_model, dumps
from briefing.store.visibility import shared_with_colleagues
from briefing.text import clean_line

ProgressFn = Callable[[int, int, str], None]

PAPERS = {"a4": A4, "letter": LETTER}
SECTIONS: dict[str, Callable[[Composer, float], list[Flowable]]] = {
    "scene": scene,
    "programme": programme_section,
    "meetings": meetings,
    "delegations": delegations,
    "timeline": timeline,
    "chips": chips,
    "checks": checks,
    "sources": sources,
    "aliases": aliases,
}
FRAME_PADDING = 6.0

TOTAL = 1000
"""Progress is reported in thousandths: loading, composing, laying out, writing."""
_LOADED, _COMPOSED, _LAID_OUT = 50, 200, 950


class _Reporter:
    """Turns the phases of an export into (done, total, what) calls and checks Cancel.

    Calls are made only when the figure or the phase changes, so a GUI gets a few
    hundred updates however long the book is; Cancel is checked far more often.
    """

    def __init__(
        self,
        progress: ProgressFn | None,
        cancelled: Callable[[], bool] | None,
        sections: tuple[str, ...],
    ) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self.sections = sections
        """The sections composed, once settled for the audience."""
        self._last: tuple[int, str] = (-1, "")
        self.share = (0, 1)
        """(k, m): the layout being reported is the k-th (from 0) of m copies'."""

    def emit(self, done: int, what: str) -> None:
        self.check()
        done = max(done, self._last[0])
        if self._progress is not None and (done, what) != self._last:
            self._progress(done, TOTAL, what)
        self._last = (done, what)

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise BookCancelled(N_("the export was cancelled; no file was written"))

    def section(self, name: str) -> None:
        index = self.sections.index(name)
        span = _COMPOSED - _LOADED
        self.emit(_LOADED + span * index // len(self.sections), f"composing {SECTION_TITLES[name]}")

    def layout(self, done: int, total: int) -> None:
        span = _LAID_OUT - _COMPOSED
        k, m = self.share
        part = (k * max(total, 1) + done) * span // (m * max(total, 1))
        self.emit(_COMPOSED + part, "laying out pages" if m == 1 else f"laying out copy {k + 1}")


@dataclasses.dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    passes: int
    highest: str


def proposed_file_name(dossier_slug: str, level_name: str, edition: int | None) -> str:
    """A file name for an edition: the dossier's slug, the audience and the number only
    ("draft" for a draft).

    Nothing from the dossier's records goes into it, so the name itself can be seen by
    anyone the file passes on the way to its reader.
    """

    def safe(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "book"

    which = "draft" if edition is None else f"edition-{edition}"
    return f"{safe(dossier_slug)}-{safe(level_name)}-{which}.pdf"


def copy_file(target: Path, number: int) -> Path:
    """Where numbered copy ``number`` of a book asked for at ``target`` is written:
    ``book.pdf`` gives ``book-copy-1.pdf``, ``book-copy-2.pdf``…

    The number only, never the recipient's name: a file's name is seen by everyone it
    passes on the way (mail, shared drives, listings), who need not learn who gets which
    copy, and a name may hold what a file system refuses.
    """
    return target.with_name(f"{target.stem}-copy-{number}{target.suffix}")


def content_hash(data: BookData, options: BookOptions) -> str:
    """SHA-256 of what the audience sees, leaving out the edition number and day."""
    options = options.for_audience(data.for_staff)
    stable = dataclasses.replace(data, edition=0, today=dt.date.min, printed_on=dt.date.min)
    form = ("cards",) if options.cards else ()
    basis = repr((stable, options.paper, options.ordered_sections, *form))
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


@dataclasses.dataclass
class Composed:
    """A book's flowables, composed but not yet laid out.

    The contents are kept apart so that a measurement can lay out the very flowables
    an export would, with and without them.
    """

    cover: list[Flowable]
    contents: list[Flowable]
    body: list[Flowable]
    level: Level
    """The highest handling level printed: it names the banner."""

    def story(self) -> list[Flowable]:
        """Everything in reading order; the lists are emptied so the caller holds the only one.

        Layout consumes the story as it goes, and a page's flowables can only be freed
        once drawn if nothing else refers to them.
        """
        story = [*self.cover, *self.contents, *self.body]
        self.cover, self.contents, self.body = [], [], []
        return story


def compose(
    data: BookData,
    options: BookOptions,
    progress: Progress | None = None,
    since: Since | None = None,
) -> Composed:
    """The book's flowables from the audience's data, apart from layout so they can be timed alone.

    Without ``progress`` nothing is reported and nothing can cancel. With ``since`` the
    body opens with what changed since that edition, and changed text has change bars.
    """
    faces()
    options = options.for_audience(data.for_staff)
    if progress is None:
        progress = _Reporter(None, None, options.ordered_sections)
    width = PAPERS[options.paper][0] - 2 * MARGIN - 2 * FRAME_PADDING
    composer = Composer(data, options, progress, since)
    body: list[Flowable] = []
    for name in options.ordered_sections:
        # A section with nothing at this level is left out, contents line and all.
        section = SECTIONS[name](composer, width)
        if section and body:
            body.append(PageBreak())
        body += section
    if since is not None:
        # Composed after the body, so the records it lists are known by the book's order.
        opening = changed_since(composer, since, width)
        body = [*opening, PageBreak(), *body] if body else opening
    front = cover(composer, width)
    entries = [f.entry for f in body if isinstance(f, Heading) and f.entry is not None]
    return Composed(front, contents(composer, entries), body, composer.top_level())


def render(
    data: BookData,
    options: BookOptions,
    reporter: _Reporter,
    since: Since | None = None,
    copy: CopyMarks | None = None,
) -> Rendered:
    """Compose and lay out the book in memory; no database, no file. ``copy``: the marks
    of the numbered copy it is."""
    composed = compose(data, options, reporter, since)
    level = composed.level
    buffer = io.BytesIO()
    doc = document(
        buffer,
        data,
        options,
        level,
        subject=N_("Briefing book, {edition}, for the {level} audience"),
        pagesize=PAPERS[options.paper],
        on_layout=reporter.layout,
        copy=copy,
    )
    doc.contents_styles = styles().toc
    story = composed.story()
    doc.build(story, canvasmaker=BookCanvas)
    return Rendered(buffer.getvalue(), doc.canv.pages_shown, 1, level.name)


def document(
    buffer: io.BytesIO,
    data: BookData,
    options: BookOptions,
    level: Level,
    *,
    subject: str,
    copy: CopyMarks | None = None,
    **layout: Any,
) -> BookDocTemplate:
    """The document a print of ``data`` is laid out in, a book or a set of cards alike: the
    banners at ``level`` (the highest printed), the edition line, and the metadata a viewer
    shows. ``subject`` is a catalogue message with ``{edition}`` and ``{level}``;
    ``layout`` the page size and what else :class:`BookDocTemplate` takes."""
    speech = Speech(options.language)
    _ = speech.gettext
    edition_name = speech.edition_name(data.edition)
    audience = data.audience.named(speech.code)
    ranks = [x.rank for x in data.levels]
    return BookDocTemplate(
        buffer,
        furniture=Furniture(
            title=data.title,
            edition_line=_("{edition} · {level} audience").format(
                edition=edition_name, level=audience
            ),
            banner_text=level.named(speech.code).upper(),
            banner_colour=level_colour(ranks.index(level.rank), len(ranks)),
            draft=options.draft,
            copy=copy,
            speech=speech,
        ),
        dated=data.printed_on,
        # The document information dictionary is read by viewers and file managers
        # outside any page, so it gets the text a reader sees and nothing unseen.
        title=clean_line(data.title),
        author="",
        subject=clean_line(_(subject).format(edition=edition_name.lower(), level=audience)),
        keywords=[
            edition_name.lower(),
            clean_line(audience),
            # A copy's number and code, not its recipient: the metadata is seen where
            # the file name is (see copy_file).
            *([] if copy is None else [f"copy {copy.number} of {copy.copies}", copy.code]),
        ],
        creator=f"Briefing {__version__}",
        invariant=1 if options.deterministic else 0,
        lang=speech.code,
        **layout,
    )


def _copies(data: BookData, options: BookOptions, digest: str) -> list[CopyMarks]:
    """The marks of each numbered copy ``options`` asks for (none for one book)."""
    if not options.copies or data.edition is None:
        return []
    found = []
    for number, recipient in enumerate(options.copies, start=1):
        named = marks(data.slug, data.edition, digest, number, recipient)
        found.append(
            CopyMarks(
                number=number,
                copies=len(options.copies),
                recipient=recipient,
                code=printed_code(named.code),
                document_id=bytes.fromhex(named.document_id),
            )
        )
    return found


def export_book(
    store: Store,
    slug: str | None,
    options: BookOptions,
    target: Path,
    *,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
    record_edition: bool = True,
) -> ExportResult:
    """Print the dossier ``slug`` (or the only one) for ``options.audience`` to ``target``.

    ``progress(done, total, what)`` is called as the export proceeds; when
    ``cancelled()`` returns true the export stops with :class:`BookCancelled`. With
    ``record_edition`` false (a reprint to compare) no Edition row is written and the
    next export gets the same number. A draft (``options.draft``) is never recorded and
    claims no number, and is never the edition a later book's change section compares with.

    With ``options.copies`` the one edition is written as a numbered copy for each
    recipient, at ``target`` with "-copy-n" before its suffix (:func:`copy_file`). Each
    copy is composed and laid out again with its marks, so the time grows with the number
    of copies; the edition records them all (its distribution list, each copy's PDF) and
    the audit trail each file, or none of it is kept, not even a copy already written.
    """
    reporter = _Reporter(progress, cancelled, options.ordered_sections)
    if options.copies and not record_edition:
        raise BriefingError(N_("numbered copies are printed only for an edition that is recorded"))
    reporter.emit(0, "reading the dossier")
    with store.session() as session:
        data = load_book(session, slug, options)
        dossier = find_dossier(session, data.slug)
        dossier_id = dossier.id
        # What the audience saw, read in the transaction the book's data was: the
        # edition keeps it to be compared with later ones, and it is compared with the
        # base edition's for the change section. A draft keeps nothing.
        snapshot = None
        keep = record_edition and data.edition is not None
        base = base_edition(session, data, dossier, options)
        since = None
        if keep or base is not None:
            with collector_paused():
                model = dossier_to_model(session, dossier, audience=data.audience.rank)
                if keep:
                    snapshot = pack(dumps(model).encode("utf-8"))
                if base is not None:
                    since = changes_since(session, dossier, base, model)
    options = dataclasses.replace(options, since=base)
    options = options.for_audience(data.for_staff)
    reporter.sections = options.ordered_sections
    reporter.emit(_LOADED, "composing")
    digest = content_hash(data, options)
    copies = _copies(data, options, digest)
    if copies:
        books = []
        for k, copy in enumerate(copies):
            reporter.share = (k, len(copies))
            books.append(render(data, options, reporter, since, copy))
    else:
        books = [render(data, options, reporter, since)]
    rendered = books[0]
    reporter.emit(_LAID_OUT, "writing the file" if len(books) == 1 else "writing the files")
    recorded = record_edition and data.edition is not None
    files = [copy_file(target, c.number) for c in copies] if copies else [target]
    keep_edition(
        store,
        data,
        options,
        Kept(digest, books, copies, files, snapshot, dossier_id),
        recorded=recorded,
        action="book",
    )
    if progress is not None:
        progress(TOTAL, TOTAL, "done")
    return ExportResult(
        path=files[0],
        pages=rendered.pages,
        passes=rendered.passes,
        edition=data.edition,
        content_hash=digest,
        highest_level=rendered.highest,
        recorded=recorded,
        since=base,
        copies=tuple(files) if copies else (),
    )


@dataclasses.dataclass(frozen=True)
class Kept:
    """What an edition keeps of one export: what its audience saw and what was written."""

    digest: str
    books: list[Rendered]
    """One per file: the edition's, or each numbered copy's."""
    copies: list[CopyMarks]
    files: list[Path]
    snapshot: bytes | None
    dossier_id: int


def keep_edition(
    store: Store,
    data: BookData,
    options: BookOptions,
    kept: Kept,
    *,
    recorded: bool,
    action: str,
) -> None:
    """Record the edition (when ``recorded``) and the audit trail's event for each file,
    and write the files, in one transaction: a book and a set of pocket cards alike.
    ``action`` names a recorded edition in the trail ("book", "cards"); a draft is
    "draft" and an unrecorded print "reprint". A file written before another failed is
    removed, so no file is kept without its edition and event."""
    digest, books, copies, files = kept.digest, kept.books, kept.copies, kept.files
    rendered = books[0]
    target = files[0]
    ranks = [level.rank for level in data.levels]
    written: list[Path] = []
    try:
        with audit.exporting(store, files[0]) as session:
            if recorded:
                edition = Edition(
                    dossier_id=kept.dossier_id,
                    number=data.edition,
                    audience=data.audience.rank,
                    options=options.to_json(data.audience.name),
                    content_hash=digest,
                    note=options.edition_note,
                    made_by=audit.current_user(session),
                    pages=rendered.pages,
                    snapshot=kept.snapshot,
                    # A numbered edition has no PDF of its own: its copies keep theirs.
                    pdf=None if copies else pack(rendered.pdf),
                )
                session.add(edition)
                if copies:
                    edition.copies = [
                        EditionCopy(
                            number=c.number,
                            recipient=c.recipient,
                            document_id=c.document_id.hex(),
                            code=c.code.replace("-", ""),
                            pdf=pack(book.pdf),
                        )
                        for c, book in zip(copies, books, strict=True)
                    ]
            each: list[CopyMarks | None] = [*copies] if copies else [None]
            for file, marked in zip(files, each, strict=True):
                audit.record(
                    session,
                    action=action if recorded else "draft" if options.draft else "reprint",
                    dossier=data.slug,
                    audience=data.audience.rank,
                    edition=data.edition if recorded else None,
                    content_hash=digest,
                    detail=file.name
                    if marked is None
                    else f"{file.name}, copy {marked.number} of {marked.copies}",
                )
            try:
                session.flush()
            except IntegrityError as exc:
                raise BriefingError(
                    N_(
                        "another export recorded edition {number} meanwhile; {target} was not "
                        "written: export again to get a book with its own edition number"
                    ),
                    number=data.edition,
                    target=target,
                ) from exc
            shared = shared_with_colleagues(ranks, data.audience.rank)
            for file, book in zip(files, books, strict=True):
                write_atomically(file, book.pdf, shared=shared)
                written.append(file)
    except BaseException:
        # One edition, all its copies: a copy written before another failed goes too.
        for file in written:
            file.unlink(missing_ok=True)
        raise
