"""Numbered copies of an edition, and telling whose copy a page is (issue 17).

An edition printed for named recipients is one edition in ``m`` copies. Each copy carries
three marks, any one of which names it again:

- its **document id**, the PDF's trailer ``/ID``: 32 hex digits, kept by any tool that
  saves the file again (the PDF standard says the first half never changes);
- its **copy line**, "Copy n of m — NAME", in the footer of every page;
- its **code**, eight characters in the margin of every page (printed ``XXXX-XXXX``),
  drawn from an alphabet without 0, O, 1 or I so that a code read off paper can be typed.

Both the id and the code are digests of the dossier, the edition's number and content,
and the copy's number and recipient; no secret goes into them, so they prove nothing
against a forger: they name a copy, they do not authenticate it.

:func:`whose` never names a wrong copy. Each mark found is looked up on its own; a mark
that matches no copy is passed over (a page's text may hold any hex string), and the
answer is given only when the marks found agree on exactly one copy. Otherwise it is
"cannot tell". On a team server the copies are at their edition's audience, so a login
below it cannot tell either, exactly as for a page never printed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from briefing.domain import Dossier, Edition, EditionCopy
from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.text import clean_line

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""32 characters, none of them 0, O, 1 or I, which are misread from paper."""
CODE_LENGTH = 8
LONGEST_NAME = 80
"""A recipient's name is printed whole in the footer of every page up to this length."""
SEPARATOR = ";"

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_CODE_CHAR = "[A-HJ-NP-Z2-9]"
_CODE = re.compile(
    rf"(?<![A-Za-z0-9])({_CODE_CHAR}{{4}})[{_DASHES}]({_CODE_CHAR}{{4}})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_BARE_CODE = re.compile(rf"\s*({_CODE_CHAR}{{8}})\s*", re.IGNORECASE)
_DOCUMENT_ID = re.compile(r"(?<![0-9A-Fa-f])([0-9A-Fa-f]{32})(?![0-9A-Fa-f])")
_COPY_LINE = re.compile(rf"Copy (\d+) of (\d+) [{_DASHES}] ?(.+)", re.IGNORECASE)
_EDITION = re.compile(
    r"\bEdition (\d+)\s*·[^\n]*?\baudience\b|제(\d+)판\s*·\s*열람 대상", re.IGNORECASE
)
"""The page header's "Edition N · NAME audience" (a Korean book's "제N판 · 열람 대상 NAME"):
the number alone would also match the contents' "Changed since edition N", which names
the edition compared with."""


def recipients(listed: str) -> tuple[str, ...]:
    """The recipients of ``--copies "A;B;C"``, one copy each, in order.

    Names are separated by ``;`` and there is no escaping, so a name cannot hold one.
    """
    return checked_recipients(listed.split(SEPARATOR), listed=True)


def checked_recipients(names: Sequence[str], *, listed: bool = False) -> tuple[str, ...]:
    """``names`` as copies are printed for them, or the one mistake that stops it.

    Names are stripped and their unseen characters removed (as every line printed is);
    none may be empty, hold ``;`` (an edition's options record the list joined by it, and
    a name given as a list, by the export dialog or a program, could otherwise hold one),
    run past :data:`LONGEST_NAME`, or repeat another (ignoring case and spacing).
    ``listed``: the names come from splitting one text on ``;``.
    """
    cleaned = [" ".join(clean_line(name).split()) for name in names]
    if not any(cleaned):
        raise BriefingError(
            N_("numbered copies need at least one recipient: give their names separated by ';'")
        )
    seen: dict[str, str] = {}
    for number, name in enumerate(cleaned, start=1):
        if not name:
            raise BriefingError(
                N_(
                    "copy {number} of {count} has no recipient (nothing between two ';' or "
                    "one at an end); name every recipient"
                )
                if listed
                else N_(
                    "copy {number} of {count} has no recipient (an empty name); "
                    "name every recipient"
                ),
                number=number,
                count=len(cleaned),
            )
        if SEPARATOR in name:
            raise BriefingError(
                N_("a recipient's name cannot contain ';', which separates the names: {name!r}"),
                name=name,
            )
        if len(name) > LONGEST_NAME:
            raise BriefingError(
                N_("a recipient's name has at most {most} characters: {start!r}… has {length}"),
                most=LONGEST_NAME,
                start=name[:20],
                length=len(name),
            )
        key = name.casefold()
        if key in seen:
            raise BriefingError(
                N_("{name!r} is named twice among the recipients; each copy goes to one"), name=name
            )
        seen[key] = name
    return tuple(cleaned)


def copy_line(number: int, copies: int, recipient: str) -> str:
    """What every page of copy ``number`` says of it."""
    return f"Copy {number} of {copies} \u2014 {recipient}"


def printed_code(code: str) -> str:
    """The code as printed and typed: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


@dataclasses.dataclass(frozen=True)
class Marks:
    """What names one copy: its trailer id (32 hex digits) and its margin code."""

    document_id: str
    code: str


def marks(slug: str, edition: int, content_hash: str, number: int, recipient: str) -> Marks:
    """Copy ``number``'s marks: digests of what it is, the same whenever it is composed
    again from the same edition, so an export in ``deterministic`` mode stays so."""
    basis = "\0".join(
        ("briefing copy", slug, str(edition), content_hash, str(number), recipient.casefold())
    )
    digest = hashlib.sha256(basis.encode("utf-8", "surrogatepass")).digest()
    bits = int.from_bytes(digest[16:21], "big")
    code = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(CODE_LENGTH)))
    return Marks(digest[:16].hex(), code)


@dataclasses.dataclass(frozen=True)
class Clues:
    """The marks found on a page or in a file, before they are looked up."""

    document_ids: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()
    copy_lines: frozenset[tuple[int, int, str]] = frozenset()
    """(n, m, what follows the dash) of each "Copy n of m — …" line."""
    editions: frozenset[int] = frozenset()
    """The numbers of "Edition N" the page names (its header)."""
    text: str = ""
    """The whole text, with spacing flattened, to look for a dossier's title in."""

    def __or__(self, other: Clues) -> Clues:
        return Clues(
            self.document_ids | other.document_ids,
            self.codes | other.codes,
            self.copy_lines | other.copy_lines,
            self.editions | other.editions,
            f"{self.text} {other.text}".strip(),
        )


def clues_in(text: str) -> Clues:
    """The marks in the text of a page (pasted, or extracted by any tool), or in a code
    or document id given alone. A code is recognised in its printed form ``XXXX-XXXX``,
    or as eight characters when that is all the text holds."""
    codes = {(a + b).upper() for a, b in _CODE.findall(text)}
    bare = _BARE_CODE.fullmatch(text)
    if bare is not None:
        codes.add(bare.group(1).upper())
    lines = set()
    for line in text.splitlines():
        found = _COPY_LINE.search(line)
        if found is not None:
            rest = " ".join(found.group(3).split())
            lines.add((int(found.group(1)), int(found.group(2)), rest))
    return Clues(
        document_ids=frozenset(x.lower() for x in _DOCUMENT_ID.findall(text)),
        codes=frozenset(codes),
        copy_lines=frozenset(lines),
        editions=frozenset(int(a or b) for a, b in _EDITION.findall(text)),
        text=" ".join(text.split()).casefold(),
    )


@dataclasses.dataclass(frozen=True)
class Whose:
    """The copy a page or file is, and which of its marks said so."""

    slug: str
    edition: int
    number: int
    copies: int
    recipient: str
    document_id: str
    code: str
    by: tuple[str, ...]
    """"document id", "code", "copy line": each mark that named this copy."""


class CannotTell(BriefingError):
    """No copy, or more than one, answers the marks: the answer is withheld."""


def whose(session: Session, clues: Clues) -> Whose:
    """The one copy ``clues`` name, or :class:`CannotTell` with why."""
    named: dict[str, set[int]] = {}
    if clues.document_ids:
        found = _ids(session, EditionCopy.document_id.in_(sorted(clues.document_ids)))
        if found:
            named["document id"] = found
    if clues.codes:
        found = _ids(session, EditionCopy.code.in_(sorted(clues.codes)))
        if found:
            named["code"] = found
    by_line = _by_copy_line(session, clues)
    if by_line:
        named["copy line"] = by_line
    if not named:
        raise CannotTell(
            N_(
                "cannot tell whose copy this is: it carries no copy's document id, copy line or "
                "code that names one"
            )
        )
    agreed = set.intersection(*named.values())
    if len(agreed) != 1:
        what = "name different copies" if not agreed else "fit more than one copy"
        raise CannotTell(N_("cannot tell whose copy this is: its marks {what}"), what=what)
    (copy_id,) = agreed
    row = session.execute(
        select(EditionCopy, Edition.number, Dossier.slug)
        .join(Edition, Edition.id == EditionCopy.edition_id)
        .join(Dossier, Dossier.id == Edition.dossier_id)
        .where(EditionCopy.id == copy_id)
    ).one()
    copy, edition, slug = row
    total = len(_ids(session, EditionCopy.edition_id == copy.edition_id))
    return Whose(
        slug,
        edition,
        copy.number,
        total,
        copy.recipient,
        copy.document_id,
        copy.code,
        tuple(named),
    )


def _ids(session: Session, where: ColumnElement[bool]) -> set[int]:
    return set(session.scalars(select(EditionCopy.id).where(where)))


def _by_copy_line(session: Session, clues: Clues) -> set[int]:
    """The copies whose line a "Copy n of m — …" of ``clues`` is, narrowed by the edition
    number and the dossier's title when the page shows them.

    What follows the dash may run on into the rest of the footer when extracted, or be
    cut short with "…" when a long name did not fit: a name matches when it begins the
    text after the dash at a word's end, or that text, less its "…", begins the name.
    """
    found: set[int] = set()
    for number, total, rest in clues.copy_lines:
        rows = session.execute(
            select(EditionCopy.id, EditionCopy.edition_id, EditionCopy.recipient)
            .where(EditionCopy.number == number)
            .order_by(EditionCopy.id)
        ).all()
        fitting = [(i, e) for i, e, name in rows if _names(rest, name)]
        if not fitting:
            continue
        editions = {e for _i, e in fitting}
        counts = _counts(session, editions)
        fitting = [(i, e) for i, e in fitting if counts.get(e) == total]
        found |= set(_narrowed(session, clues, fitting))
    return found


def _names(rest: str, name: str) -> bool:
    rest, name = rest.casefold(), name.casefold()
    if rest == name or rest.startswith(name + " "):
        return True
    return rest.endswith("\u2026") and name.startswith(rest[:-1].rstrip())


def _counts(session: Session, editions: Iterable[int]) -> dict[int, int]:
    counted: dict[int, int] = {}
    for edition_id in session.scalars(
        select(EditionCopy.edition_id).where(EditionCopy.edition_id.in_(sorted(editions)))
    ):
        counted[edition_id] = counted.get(edition_id, 0) + 1
    return counted


def _narrowed(session: Session, clues: Clues, fitting: list[tuple[int, int]]) -> list[int]:
    if len(fitting) <= 1:
        return [i for i, _e in fitting]
    editions = {e for _i, e in fitting}
    about = {
        edition_id: (number, " ".join(clean_line(title).split()).casefold())
        for edition_id, number, title in session.execute(
            select(Edition.id, Edition.number, Dossier.title)
            .join(Dossier, Dossier.id == Edition.dossier_id)
            .where(Edition.id.in_(sorted(editions)))
        )
    }
    if clues.editions:
        fitting = [(i, e) for i, e in fitting if about[e][0] in clues.editions]
    if len(fitting) > 1:
        titled = [(i, e) for i, e in fitting if about[e][1] and about[e][1] in clues.text]
        fitting = titled or fitting
    return [i for i, _e in fitting]
