"""Delegations: a card per member, with a face (or initials), both scripts and the office
held on the day."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable
from functools import lru_cache

from PIL import Image as PILImage
from reportlab.graphics.shapes import Circle, Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Image, Table

from briefing.book.data import DelegationV, EventV, PersonV
from briefing.book.fonts import LATIN_BOLD
from briefing.book.markup import clip, escape
from briefing.book.sections.common import Composer
from briefing.book.sections.meetings import person_name
from briefing.book.styles import RULE, party_colour, table_style
from briefing.book.wrap import Paragraph
from briefing.domain.references import cut_short
from briefing.store.visibility import highest

AVATAR = 38.0
BIO_LIMIT = 320
"""A card's bio is the first few lines; the full text stays in the dossier."""


def initials(person: PersonV) -> str:
    letters = [w[0] for w in person.name.replace("-", " ").split() if w[:1].isalpha()]
    if not letters and person.native_name:
        letters = [person.native_name.strip()[:1]]
    text = "".join(letters[:2]).upper()
    return text if text.isascii() and text else "?"


@lru_cache(maxsize=512)
def _thumbnail(photo: bytes) -> bytes | None:
    """The photo as a small JPEG, or None when it is not an image we can read safely."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(photo)) as image:
                image.thumbnail((160, 160))
                out = io.BytesIO()
                image.convert("RGB").save(out, format="JPEG", quality=85)
                return out.getvalue()
    except (
        OSError,
        ValueError,
        PILImage.DecompressionBombError,
        PILImage.DecompressionBombWarning,
    ):
        return None


def avatar(person: PersonV) -> Flowable:
    """The person's photo, or their initials on a disc of their party's colour."""
    if person.photo:
        thumb = _thumbnail(person.photo)
        if thumb is not None:
            return Image(io.BytesIO(thumb), width=AVATAR, height=AVATAR, kind="proportional")
    drawing = Drawing(AVATAR, AVATAR)
    colour = party_colour(person.party.colour if person.party else "")
    drawing.add(Circle(AVATAR / 2, AVATAR / 2, AVATAR / 2, fillColor=colour, strokeColor=None))
    drawing.add(
        String(
            AVATAR / 2,
            AVATAR / 2 - 4.5,
            initials(person),
            fontName=LATIN_BOLD,
            fontSize=13,
            fillColor=colors.white,
            textAnchor="middle",
        )
    )
    return drawing


def card(
    composer: Composer, person: PersonV, day: dt.date, role: str, role_level: int, width: float
) -> Table:
    st = composer.st
    lines: list[Flowable] = [
        Paragraph(
            composer.marked(person.level, escape(person_name(person), bold=True)), st.card_name
        )
    ]
    held = person.office_on(day)
    if held is not None:
        office = held.office
        if office.organization:
            text = composer.speech.office(held, f"{office.title}, {office.organization}")
            lines.append(composer.cell(text, highest(office.level, office.organization_level)))
        else:
            lines.append(composer.cell(composer.speech.office(held, office.title), office.level))
    if role:
        lines.append(composer.cell(composer.gettext("Role: {role}").format(role=role), role_level))
    if person.party is not None:
        lines.append(composer.cell(person.party.name, person.party.level))
    if person.bio:
        bio = cut_short(clip(person.bio, BIO_LIMIT))
        body, named = composer.text(bio)
        at = highest(composer.cited(person.level, person.cites), named)
        lines.append(
            Paragraph(
                composer.marked(at, body) + composer.cite_marks(person.cites),
                composer.style_for(bio, "cell"),
            )
        )
    table = Table([[avatar(person), lines]], colWidths=[AVATAR + 8, width - AVATAR - 8])
    table.setStyle(
        table_style(
            *[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _grid(cards: list[Table], width: float) -> Table:
    """Cards two to a row; a row never splits, the table splits between rows."""
    rows = [
        cards[i : i + 2] + ([""] if len(cards[i : i + 2]) == 1 else [])
        for i in range(0, len(cards), 2)
    ]
    grid = Table(rows, colWidths=[width / 2, width / 2], hAlign="LEFT")
    grid.setStyle(
        table_style(
            *[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return grid


def delegations(composer: Composer, width: float) -> list[Flowable]:
    data = composer.data
    out: list[Flowable] = [composer.section("delegations")]
    events = {e.id: e for e in data.events}
    default_day = data.today
    placed: set[int] = set()
    for delegation in sorted(data.delegations, key=lambda d: _order(d, events, default_day)):
        event = events.get(delegation.event_id) if delegation.event_id is not None else None
        day = event.start_date if event is not None else default_day
        name, level = delegation_title(delegation, event, composer.gettext)
        out.append(composer.item_heading(name, level, f"del{delegation.id}"))
        if event is not None:
            note = composer.gettext("For {event}, {date}; offices as held that day.").format(
                event=event.title, date=composer.speech.date(event.start_date)
            )
            out.append(Paragraph(composer.marked(event.level, escape(note)), composer.st.note))
        cards = []
        for member in delegation.members:
            placed.add(member.person.id)
            head = composer.gettext(" (head of delegation)")
            role = member.role + (head if member.head else "")
            cards.append(card(composer, member.person, day, role, delegation.level, width / 2 - 6))
        if cards:
            out.append(_grid(cards, width))
        else:
            out.append(composer.line(escape(composer.gettext("No members recorded.")), "small"))
    others = [p for p in data.people if p.id not in placed]
    if others:
        out.append(
            composer.group_heading(composer.gettext("Others named in the dossier"), "people-others")
        )
        out.append(
            _grid(
                [card(composer, p, default_day, "", p.level, width / 2 - 6) for p in others], width
            )
        )
    if not data.delegations and not others:
        return []
    return out


def delegation_title(
    delegation: DelegationV, event: EventV | None, gettext: Callable[[str], str] = str
) -> tuple[str, int]:
    """A delegation's heading and its level: its own name, or one built from its party and
    event, which then carries the highest of their levels; in the book's language
    (``gettext``)."""
    if delegation.name:
        return delegation.name, delegation.level
    party = delegation.party
    if party is not None:
        named = gettext("{party} delegation").format(party=party.name)
    else:
        named = gettext("Delegation")
    if event is not None:
        named += f" — {event.title}"
    parts = (x.level for x in (party, event) if x is not None)
    return named, highest(delegation.level, *parts)


def _order(
    delegation: DelegationV, events: dict[int, EventV], default_day: dt.date
) -> tuple[dt.date, int]:
    event = events.get(delegation.event_id) if delegation.event_id is not None else None
    return (event.start_date if event else default_day, delegation.id)
