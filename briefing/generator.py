"""Synthetic dossiers of any size, for benchmarks and for trying the app on real volume.

The generator writes an exchange model (``briefing.store.exchange.schema.DossierFile``) and loads it
with the ordinary importer, so a generated dossier is valid by the same rules as a
file a colleague sends. The same seed gives the same dossier.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from briefing.domain import Record
from briefing.domain.enums import (
    ChipKind,
    ChipStatus,
    EventKind,
    EventStatus,
    Likelihood,
    OrgKind,
    PointKind,
    Reliability,
    Stance,
)
from briefing.domain.fields import GROUPS, protected_fields
from briefing.store import visibility
from briefing.store.db.database import Store
from briefing.store.dossiers import find_dossier
from briefing.store.exchange.schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    AppointmentOut,
    ChipOut,
    CitationOut,
    DelegationOut,
    DossierFile,
    DossierOut,
    EventOut,
    LevelOut,
    MeetingBriefOut,
    MemberOut,
    OrganizationOut,
    PartyOut,
    PersonOut,
    SourceOut,
    TalkingPointOut,
    ValueOut,
)
from briefing.store.exchange.writing import import_model

LEVELS = (("Public", "P"), ("Internal", "I"), ("Confidential", "C"), ("Restricted", "R"))
LEVEL_WEIGHTS = (3, 4, 2, 1)

_KOREAN_WORDS = (
    "관세",
    "할당",
    "투자",
    "철강",
    "배터리",
    "패키지",
    "협상",
    "면제",
    "공급망",
    "에너지",
    "조선",
    "협력",
    "무역",
    "수출",
    "일정",
    "합의",
)
"""Words of the Korean texts (issue 18), drawn from their own stream, so a dossier a seed
generated before it had Korean texts is the same in English."""

_WORDS = [
    "tariff",
    "quota",
    "investment",
    "shipbuilding",
    "semiconductor",
    "automobile",
    "steel",
    "aluminium",
    "battery",
    "currency",
    "deficit",
    "package",
    "framework",
    "exemption",
    "supply",
    "chain",
    "energy",
    "LNG",
    "pipeline",
    "ministry",
    "delegation",
    "consultation",
    "deadline",
    "proposal",
    "position",
    "leverage",
    "concession",
    "review",
    "market",
    "access",
    "procurement",
    "subsidy",
    "standard",
    "regulation",
    "agreement",
    "timetable",
    "working",
    "level",
    "technical",
    "follow-up",
    "partner",
    "alliance",
    "security",
    "export",
    "import",
    "duty",
    "relief",
    "balance",
]
_FAMILY = [
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Oh",
    "Seo",
    "Shin",
    "Kwon",
    "Hwang",
    "Ahn",
    "Song",
]
_GIVEN = [
    "Min",
    "Seo",
    "Ji",
    "Hyun",
    "Woo",
    "Jin",
    "Young",
    "Soo",
    "Hee",
    "Jae",
    "Dong",
    "Sung",
    "Ho",
    "Eun",
    "Tae",
    "Kyung",
]
_HANGUL_FAMILY = [
    "김",
    "이",
    "박",
    "최",
    "정",
    "강",
    "조",
    "윤",
    "장",
    "임",
    "한",
    "오",
    "서",
    "신",
    "권",
    "황",
    "안",
    "송",
]
_HANGUL_GIVEN = [
    "민",
    "서",
    "지",
    "현",
    "우",
    "진",
    "영",
    "수",
    "희",
    "재",
    "동",
    "성",
    "호",
    "은",
    "태",
    "경",
]
_US_FIRST = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Susan",
]
_US_LAST = [
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Miller",
    "Davis",
    "Wilson",
    "Moore",
    "Clark",
    "Lewis",
]
_PLACES = ("Washington, D.C.", "Seoul", "Geneva", "Tokyo", "Jeju", "Busan", "New York")
_ZONES = ("America/New_York", "Asia/Seoul", "Europe/Zurich", "Asia/Tokyo")
_TITLES = ("Minister", "Deputy Minister", "Director-General", "Ambassador", "Trade Representative")
_ORGS = (
    ("Ministry of Trade, Industry and Energy", "MOTIE", "kr"),
    ("Ministry of Economy and Finance", "MOEF", "kr"),
    ("Ministry of Foreign Affairs", "MOFA", "kr"),
    ("Office of the United States Trade Representative", "USTR", "us"),
    ("Department of the Treasury", "", "us"),
    ("Department of Commerce", "DOC", "us"),
)


class _Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.korean_rng = random.Random(f"ko{seed}")
        self.source_ids: list[str] = []

    def level(self) -> str:
        return self.rng.choices([name for name, _ in LEVELS], LEVEL_WEIGHTS)[0]

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = self.rng.choices(_WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def text(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def korean(self, sentences: int) -> str:
        """Korean text of ``sentences`` sentences, from its own stream of draws."""
        rng = self.korean_rng
        return " ".join(
            " ".join(rng.choices(_KOREAN_WORDS, k=rng.randint(6, 16))) + "."
            for _ in range(sentences)
        )

    def cites(self, count: int = 2) -> list[CitationOut]:
        if not self.source_ids:
            return []
        rng = self.rng
        return [
            CitationOut(
                source=rng.choice(self.source_ids),
                excerpt=self.sentence(5, 12),
                locator=f"para {rng.randint(1, 30)}",
                stance=rng.choices(list(Stance), (8, 1, 2))[0],
                credibility=rng.randint(1, 6),
            )
            for _ in range(rng.randint(1, count))
        ]


def generate(
    *,
    people: int,
    events: int,
    chips: int,
    sources: int,
    slug: str = "generated",
    seed: int = 0,
) -> DossierFile:
    """A dossier with about the given numbers of records, deterministic for a seed."""
    m = _Maker(seed)
    rng = m.rng
    start = dt.date(2024, 1, 1)
    span = 730
    m.source_ids = [f"src:{i}" for i in range(sources)]
    source_rows = [
        SourceOut(
            id=uid,
            handling=m.level(),
            title=f"Report {i}: {m.sentence(4, 9)}",
            publisher=rng.choice(("Yonhap", "Reuters", "Korea Herald", "Ministry release")),
            published_on=start + dt.timedelta(days=rng.randrange(span)),
            reliability=rng.choice(list(Reliability)),
            address=f"archive item {i}",
        )
        for i, uid in enumerate(m.source_ids)
    ]
    parties = [
        PartyOut(
            id="party:kr", handling="Public", name="Republic of Korea", code="KR", colour="#1f5fa8"
        ),
        PartyOut(
            id="party:us", handling="Public", name="United States", code="US", colour="#a61b1b"
        ),
    ]
    orgs = [
        OrganizationOut(
            id=f"org:{i}",
            handling="Public",
            name=name,
            acronym=acronym,
            kind=OrgKind.MINISTRY,
            party=f"party:{side}",
        )
        for i, (name, acronym, side) in enumerate(_ORGS)
    ]
    person_rows: list[PersonOut] = []
    appointments: list[AppointmentOut] = []
    for i in range(people):
        korean = i % 2 == 0
        if korean:
            family, given = rng.randrange(len(_FAMILY)), rng.randrange(len(_GIVEN))
            second = rng.randrange(len(_GIVEN))
            name = f"{_FAMILY[family]} {_GIVEN[given]}-{_GIVEN[second].lower()}"
            native = _HANGUL_FAMILY[family] + _HANGUL_GIVEN[given] + _HANGUL_GIVEN[second]
        else:
            name, native = f"{rng.choice(_US_FIRST)} {rng.choice(_US_LAST)}", ""
        uid = f"person:{i}"
        person_rows.append(
            PersonOut(
                id=uid,
                handling=m.level(),
                name=name,
                native_name=native,
                party="party:kr" if korean else "party:us",
                bio=m.text(3),
                aliases=[name.replace("-", " ")] if korean else [],
                citations=m.cites(),
            )
        )
        office_start = start + dt.timedelta(days=rng.randrange(-400, 400))
        org = rng.choice([o for o in orgs if o.party == ("party:kr" if korean else "party:us")])
        appointments.append(
            AppointmentOut(
                id=f"appt:{i}",
                handling=m.level(),
                person=uid,
                title=rng.choice(_TITLES),
                organization=org.id,
                start=office_start,
                end=office_start + dt.timedelta(days=rng.randrange(200, 900))
                if rng.random() < 0.3
                else None,
                citations=m.cites(1),
            )
        )
    # The six kinds of the talks, not the programme's: their weights below keep what a
    # seed generates the same as before the travel kinds came (issue 19).
    kinds = [
        EventKind.MEETING,
        EventKind.CALL,
        EventKind.SUMMIT,
        EventKind.DEADLINE,
        EventKind.ELECTION,
        EventKind.ANNOUNCEMENT,
    ]
    event_rows: list[EventOut] = []
    delegations: list[DelegationOut] = []
    briefs: list[MeetingBriefOut] = []
    points: list[TalkingPointOut] = []
    person_ids = [p.id for p in person_rows]
    korean_ids, us_ids = person_ids[0::2], person_ids[1::2]
    for i in range(events):
        kind = rng.choices(kinds, (40, 10, 5, 10, 5, 30))[0]
        day = start + dt.timedelta(days=rng.randrange(span))
        uid = f"event:{i}"
        gathering = kind in (EventKind.MEETING, EventKind.CALL, EventKind.SUMMIT)
        event_rows.append(
            EventOut(
                id=uid,
                handling=m.level(),
                title=f"{kind.label} {i}: {m.sentence(3, 7)[:-1]}",
                kind=kind,
                start_date=day,
                start_time=dt.time(rng.randrange(8, 18), rng.choice((0, 30)))
                if gathering
                else None,
                place=rng.choice(_PLACES),
                timezone=rng.choice(_ZONES),
                status=EventStatus.HELD if day < dt.date(2025, 6, 1) else EventStatus.PLANNED,
                summary=m.text(2),
                owner=rng.choice(person_ids)
                if kind == EventKind.DEADLINE and person_ids and rng.random() < 0.7
                else None,
                participants=rng.sample(person_ids, min(len(person_ids), 2)) if gathering else [],
                citations=m.cites(),
            )
        )
        if gathering and rng.random() < 0.1 and korean_ids and us_ids:
            for side, pool in (("kr", korean_ids), ("us", us_ids)):
                members = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
                delegations.append(
                    DelegationOut(
                        id=f"del:{i}:{side}",
                        handling=m.level(),
                        event=uid,
                        party=f"party:{side}",
                        members=[
                            MemberOut(
                                person=p,
                                role=rng.choice(("lead", "adviser", "note-taker")),
                                head=j == 0,
                            )
                            for j, p in enumerate(members)
                        ],
                    )
                )
            briefs.append(
                MeetingBriefOut(
                    id=f"brief:{i}",
                    handling=m.level(),
                    event=uid,
                    purpose=m.text(2),
                    purpose_ko=m.korean(2),
                    desired_outcome=m.text(2),
                    desired_outcome_ko=m.korean(2),
                    run_of_meeting=m.text(2),
                    run_of_meeting_ko=m.korean(2),
                    our_objectives=m.text(3),
                    our_objectives_ko=m.korean(3),
                    their_objectives=m.text(2),
                    their_objectives_ko=m.korean(2),
                    citations=m.cites(1),
                )
            )
            for j, point_kind in enumerate(PointKind):
                points.append(
                    TalkingPointOut(
                        id=f"tp:ev{i}:{j}",
                        handling=m.level(),
                        subject=uid,
                        kind=point_kind,
                        text=m.text(2),
                        text_ko=m.korean(2),
                    )
                )
    event_ids = [e.id for e in event_rows]
    chip_rows: list[ChipOut] = []
    for i in range(chips):
        uid = f"chip:{i}"
        chip_rows.append(
            ChipOut(
                id=uid,
                handling=m.level(),
                title=f"Chip {i}: {m.sentence(3, 6)[:-1]}",
                party=rng.choice(("party:kr", "party:us")),
                kind=rng.choice(list(ChipKind)),
                description=m.text(3),
                sectors=rng.sample(("steel", "autos", "ships", "chips", "energy"), 2),
                value=ValueOut(
                    amount=rng.randrange(10**6, 10**11), currency="USD", note=m.sentence()
                ),
                status=rng.choice(list(ChipStatus)),
                priority=rng.randint(1, 5),
                likelihood=rng.choice(list(Likelihood)),
                our_target=m.text(2),
                our_minimum=m.text(1) if rng.random() < 0.8 else "",
                their_position=m.text(2),
                tradeable=rng.random() < 0.7,
                events=rng.sample(event_ids, min(len(event_ids), 2)),
                citations=m.cites(3),
            )
        )
        for j in range(rng.randint(1, 3)):
            points.append(
                TalkingPointOut(
                    id=f"tp:chip{i}:{j}",
                    handling=m.level(),
                    subject=uid,
                    kind=rng.choice(list(PointKind)),
                    text=m.text(2),
                    text_ko=m.korean(2),
                )
            )
    return DossierFile(
        format=FORMAT_NAME,
        version=FORMAT_VERSION,
        handling_levels=[LevelOut(rank=i, name=n, marking=k) for i, (n, k) in enumerate(LEVELS)],
        dossier=DossierOut(
            slug=slug,
            title=f"Generated dossier {slug}",
            title_ko=f"생성된 자료 {slug}",
            subtitle="Synthetic data for benchmarks",
            subtitle_ko="성능 측정용 합성 자료",
            scene_setter=m.text(8),
            scene_setter_ko=m.korean(8),
            prepared_for="party:kr",
            as_of=dt.date(2025, 6, 1),
            default_handling="Public",
        ),
        parties=parties,
        organizations=orgs,
        people=person_rows,
        appointments=appointments,
        sources=source_rows,
        events=event_rows,
        delegations=delegations,
        meeting_briefs=briefs,
        chips=chip_rows,
        talking_points=points,
    )


def generate_into(
    store: Store,
    *,
    people: int,
    events: int,
    chips: int,
    sources: int,
    slug: str = "generated",
    seed: int = 0,
    protect: float = 0.0,
) -> str:
    """Generate a dossier and import it; returns its slug.

    ``protect`` is the share of protectable fields given a level above their record's,
    so benchmarks can set a dossier with field-level handling against the same without.
    """
    model = generate(
        people=people, events=events, chips=chips, sources=sources, slug=slug, seed=seed
    )
    imported = import_model(store, model).slug
    if protect:
        protect_fields(store, slug, protect, seed)
    return imported


def protect_fields(store: Store, slug: str, share: float, seed: int) -> int:
    """Give ``share`` of the dossier's filled-in protectable fields a level above their
    record's (none for a record at the top of the scale).

    A chip's value is protected as one (amount, currency and note), as the forms do.
    Returns how many fields were protected.
    """
    rng = random.Random(seed)
    grouped = {name for group in GROUPS.values() for name in group[1:]}
    protected = 0
    with store.session() as session:
        dossier = find_dossier(session, slug)
        ranks = [level.rank for level in visibility.levels(session)]
        records = session.scalars(
            select(Record)
            .where(Record.dossier_id == dossier.id)
            .options(selectinload(Record.field_levels))
            .order_by(Record.id)
        )
        for record in records:
            higher = [rank for rank in ranks if visibility.above(rank, record.handling)]
            for name in protected_fields(record.kind):
                if name in grouped or getattr(record, name) in ("", None) or not higher:
                    continue
                if rng.random() >= share:
                    continue
                visibility.set_field_level(record, name, rng.choice(higher))
                protected += 1
    return protected
