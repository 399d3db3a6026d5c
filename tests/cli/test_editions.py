"""``briefing edition list`` and ``edition reprint``: what was printed, and it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from briefing.cli import main
from briefing.domain import Dossier, Edition
from briefing.store.db.migrate import open_store
from tests.book.pdf import pypdf_text
from tests.conftest import SAMPLE_SLUG


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> str:
    """The sample dossier's database on each backend, as --db takes it."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sample_db"))
    url = request.getfixturevalue("pg_sample_url")
    return str(url.render_as_string(hide_password=False))


def _book(capsys: pytest.CaptureFixture[str], database: str, audience: str, out: Path) -> None:
    argv = ["--db", database, "export", "--audience", audience, "--today", "2025-05-01"]
    assert run(capsys, *argv, "--out", str(out))[0] == 0


def test_a_reprint_is_the_printed_file_after_later_edits(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    first = tmp_path / "first.pdf"
    _book(capsys, database, "Internal", first)
    with open_store(database, seed_sample=False) as store, store.session() as session:
        session.scalars(select(Dossier)).one().title = "Retitled"
    _book(capsys, database, "Internal", tmp_path / "second.pdf")
    again = tmp_path / "again.pdf"
    again.write_bytes(b"an older file, replaced as an export replaces one")

    code, out, err = run(
        capsys, "--db", database, "edition", "reprint", SAMPLE_SLUG, "1", "--out", str(again)
    )

    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {again}: edition 1 as printed, ")
    assert out.endswith(" pages, for the Internal audience\n")
    assert again.read_bytes() == first.read_bytes()
    assert pypdf_text(again) == pypdf_text(first)
    assert "Retitled" not in " ".join(pypdf_text(again))


def test_list_shows_each_edition_on_one_line(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    assert run(capsys, "--db", database, "edition", "list") == (0, "no editions\n", "")
    _book(capsys, database, "Public", tmp_path / "a.pdf")
    _book(capsys, database, "Confidential", tmp_path / "b.pdf")
    with open_store(database, seed_sample=False) as store, store.session() as session:
        session.add(
            Edition(dossier_id=session.scalars(select(Dossier.id)).one(), number=3, audience=1)
        )

    code, out, err = run(capsys, "--db", database, "edition", "list", SAMPLE_SLUG)

    assert (code, err) == (0, "")
    assert run(capsys, "--db", database, "edition", "list")[1] == out
    rows = [line.split("\t") for line in out.splitlines()]
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (SAMPLE_SLUG, "edition 1", "Public"),
        (SAMPLE_SLUG, "edition 2", "Confidential"),
        (SAMPLE_SLUG, "edition 3", "Internal"),
    ]
    assert [r[6] for r in rows] == [
        "kept",
        "kept",
        "not kept (printed before editions kept their PDF)",
    ]
    assert rows[0][5].endswith(" pages") and rows[2][4:6] == ["-", "-"]
    assert rows[0][2].endswith(" UTC") and rows[0][4] != "-"


def test_mistakes_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    _book(capsys, database, "Public", tmp_path / "a.pdf")
    with open_store(database, seed_sample=False) as store, store.session() as session:
        session.add(
            Edition(dossier_id=session.scalars(select(Dossier.id)).one(), number=2, audience=0)
        )
    target = tmp_path / "out.pdf"
    reprint = ["--db", database, "edition", "reprint"]
    for argv, message in (
        ([*reprint, SAMPLE_SLUG, "2", "--out", str(target)], "printed before editions kept"),
        ([*reprint, SAMPLE_SLUG, "7", "--out", str(target)], f"{SAMPLE_SLUG} has no edition 7"),
        ([*reprint, "nope", "1", "--out", str(target)], "no dossier called 'nope'"),
        ([*reprint, SAMPLE_SLUG, "one", "--out", str(target)], "'one' is not a whole number"),
        ([*reprint, SAMPLE_SLUG, "1", "--out", str(tmp_path / "no" / "x.pdf")], "does not exist"),
        (["--db", database, "edition", "list", "nope"], "no dossier called 'nope'"),
    ):
        if "one" in argv:
            with pytest.raises(SystemExit) as stopped:
                main(argv)
            code, err = int(str(stopped.value.code)), capsys.readouterr().err
        else:
            code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert message in err and len(err.splitlines()) == 1, err
    assert not target.exists()


def test_since_names_the_base_edition(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    _book(capsys, database, "Internal", tmp_path / "1.pdf")
    _book(capsys, database, "Public", tmp_path / "2.pdf")
    export = ["--db", database, "export", "--audience", "Internal", "--today", "2025-05-01"]

    code, out, err = run(capsys, *export, "--out", str(tmp_path / "3.pdf"))
    assert (code, err) == (0, "")
    assert out.endswith("for the Internal audience, changes since edition 1\n")
    draft = tmp_path / "draft.pdf"
    code, out, err = run(capsys, *export, "--draft", "--since", "1", "--out", str(draft))
    assert (code, err) == (0, "")
    assert "a draft (no edition recorded)" in out and out.endswith("changes since edition 1\n")
    assert "Changed since edition 1" in " ".join(pypdf_text(draft))
    listed = run(capsys, "--db", database, "edition", "list")[1]
    assert len(listed.splitlines()) == 3, "the draft recorded nothing"
    code, out, err = run(capsys, *export, "--no-changes", "--out", str(tmp_path / "4.pdf"))
    assert (code, err) == (0, "") and "changes since" not in out


def test_since_mistakes_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    _book(capsys, database, "Public", tmp_path / "a.pdf")
    with open_store(database, seed_sample=False) as store, store.session() as session:
        session.add(
            Edition(dossier_id=session.scalars(select(Dossier.id)).one(), number=2, audience=1)
        )
    target = tmp_path / "out.pdf"
    export = ["--db", database, "export", "--today", "2025-05-01", "--out", str(target)]
    for argv, message in (
        ([*export, "--audience", "Internal", "--since", "2"], "printed before editions kept"),
        ([*export, "--audience", "Internal", "--since", "9"], f"{SAMPLE_SLUG} has no edition 9"),
        (
            [*export, "--audience", "Internal", "--since", "1"],
            f"edition 1 of {SAMPLE_SLUG} was printed for the Public audience, not Internal",
        ),
        ([*export, "--audience", "Public", "--since", "0"], "editions are numbered from 1"),
    ):
        if "0" in argv:
            with pytest.raises(SystemExit) as stopped:
                main(argv)
            code, err = int(str(stopped.value.code)), capsys.readouterr().err
        else:
            code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert message in err and len(err.splitlines()) == 1, err
    assert not target.exists()
