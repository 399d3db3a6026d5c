"""The synthetic dossier generator and the two book commands of the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import func, select

from briefing.cli import main
from briefing.domain import BargainingChip, Edition, Event, FieldLevel, Person, Record, Source
from briefing.generator import generate, generate_into
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.visibility import above


def test_same_seed_same_dossier_other_seed_another() -> None:
    one = generate(people=12, events=40, chips=8, sources=5, seed=7)
    assert one == generate(people=12, events=40, chips=8, sources=5, seed=7)
    assert one != generate(people=12, events=40, chips=8, sources=5, seed=8)


def test_generated_dossier_imports_with_the_asked_numbers(empty_store: Store) -> None:
    slug = generate_into(empty_store, people=12, events=40, chips=8, sources=5, slug="gen")
    assert slug == "gen"
    with empty_store.session() as session:
        counts = [
            session.scalar(select(func.count()).select_from(model))
            for model in (Person, Event, BargainingChip, Source)
        ]
    assert counts == [12, 40, 8, 5]


def test_a_share_of_filled_fields_is_protected_above_its_record(empty_store: Store) -> None:
    generate_into(
        empty_store, people=12, events=60, chips=30, sources=5, slug="gen", seed=2, protect=0.3
    )
    with empty_store.session() as session:
        rows = session.execute(
            select(FieldLevel, Record).join(Record, Record.id == FieldLevel.record_id)
        ).all()
        assert len(rows) > 10
        for row, record in rows:
            assert above(row.handling, record.handling)
            assert getattr(record, row.field) in ("", None), "the column keeps no copy"
            assert json.loads(row.value) not in ("", None)
        fields = {row.field for row, _ in rows}
    assert {"value_amount", "value_currency", "value_note"} <= fields, "a value goes whole"


def test_cli_generates_then_exports_a_book(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite3")
    assert main(["db", "create", db]) == 0
    args = ["--db", db, "dossier", "generate", "--people", "6", "--events", "30"]
    assert main([*args, "--chips", "5", "--sources", "4", "--slug", "g", "--seed", "3"]) == 0
    out = tmp_path / "g.pdf"
    code = main(
        [
            "--db",
            db,
            "export",
            "g",
            "--audience",
            "internal",
            "--paper",
            "letter",
            "--sections",
            "chips,timeline",
            "--edition-note",
            "Draft",
            "--today",
            "2025-05-01",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    assert "edition 1" in capsys.readouterr().out
    reader = pypdf.PdfReader(out)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert [str(o.title) for o in reader.outline if not isinstance(o, list)] == [
        "Timeline",
        "Bargaining chips",
    ]
    store = open_store(db, seed_sample=False)
    with store.session() as session:
        assert session.scalars(select(Edition.number)).all() == [1]
    store.close()


def test_cli_export_mistakes_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite3")
    main(["db", "create", db])
    main(["--db", db, "dossier", "generate", "--people", "2", "--events", "3", "--slug", "g"])
    capsys.readouterr()
    out = str(tmp_path / "x.pdf")
    assert main(["--db", db, "export", "--audience", "secret", "--out", out]) == 2
    assert (
        main(["--db", db, "export", "--audience", "public", "--sections", "gossip", "--out", out])
        == 2
    )
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 2
    assert "no handling level called 'secret'" in errors[0]
    assert "unknown section 'gossip'" in errors[1]
    assert not Path(out).exists()
