"""``briefing edition list`` and ``edition reprint``: what was printed, and it again."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from briefing.cli import main
from briefing.domain import Dossier, Edition
from briefing.store.db.migrate import open_store
from tests.book.pdf import pdftotext, pypdf_text
from tests.cli.running import run
from tests.conftest import SAMPLE_SLUG


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
    kept_nothing(database, number=3, audience=1)

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


def kept_nothing(database: str, number: int, audience: int) -> None:
    """Add edition ``number`` as one printed before editions kept anything."""
    with open_store(database, seed_sample=False) as store, store.session() as session:
        dossier_id = session.scalars(select(Dossier.id)).one()
        session.add(Edition(dossier_id=dossier_id, number=number, audience=audience))


def test_mistakes_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    _book(capsys, database, "Public", tmp_path / "a.pdf")
    kept_nothing(database, number=2, audience=0)
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


COPIES = "Minister;Vice-minister;Delegation office"


def _copies(capsys: pytest.CaptureFixture[str], database: str, out: Path) -> list[str]:
    argv = ["--db", database, "export", "--audience", "Internal", "--sections", "scene"]
    code, printed, err = run(capsys, *argv, "--copies", COPIES, "--out", str(out))
    assert (code, err) == (0, "")
    return printed.splitlines()


def test_copies_are_written_reprinted_and_told_apart(
    capsys: pytest.CaptureFixture[str],
    database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = _copies(capsys, database, tmp_path / "book.pdf")
    assert lines[:3] == [f"wrote {tmp_path}/book-copy-{n}.pdf: copy {n} of 3" for n in (1, 2, 3)]
    assert lines[3].startswith("edition 1 in 3 numbered copies, ")
    assert lines[3].endswith(" pages each, for the Internal audience")
    listed = run(capsys, "--db", database, "edition", "list")[1].split("\t")
    assert listed[6:] == ["kept", "3 numbered copies\n"]

    for number, name in enumerate(COPIES.split(";"), start=1):
        copy = tmp_path / f"book-copy-{number}.pdf"
        code, out, err = run(capsys, "--db", database, "edition", "whose", str(copy))
        assert (code, err) == (0, "")
        assert out.startswith(f"{SAMPLE_SLUG} edition 1, copy {number} of 3 — {name} (by its ")
        assert len(out.splitlines()) == 1
        # The text of one page, as pdftotext gives it, through standard input.
        page = pdftotext(copy)[-1]
        monkeypatch.setattr("sys.stdin", io.StringIO(page))
        assert run(capsys, "--db", database, "edition", "whose", "--text", "-")[1] == (
            out.replace("document id, code, copy line", "code, copy line")
        )
        again = tmp_path / f"again-{number}.pdf"
        argv = ["edition", "reprint", SAMPLE_SLUG, "1", "--copy", str(number), "--out", str(again)]
        code, out, err = run(capsys, "--db", database, *argv)
        assert (code, err) == (0, "") and f"edition 1, copy {number} as printed" in out
        assert again.read_bytes() == copy.read_bytes()

    code, out, err = run(capsys, "--db", database, "edition", "whose", "--text", "page 3 of 9")
    assert (code, err) == (1, "")
    assert out == (
        "cannot tell whose copy this is: it carries no copy's document id, copy line or code "
        "that names one\n"
    )


def test_bad_copies_exit_2_with_one_line_and_write_nothing(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    export = ["--db", database, "export", "--audience", "Internal", "--out"]
    folder = tmp_path / "books"
    folder.mkdir()
    target = str(folder / "book.pdf")
    notes = folder / "notes.pdf"
    notes.write_text("a note, not a PDF\n", encoding="utf-8")
    for argv, message in (
        ([*export, target, "--copies", "A;;B"], "copy 2 of 3 has no recipient"),
        ([*export, target, "--copies", ";"], "numbered copies need at least one recipient"),
        ([*export, target, "--copies", ""], "numbered copies need at least one recipient"),
        ([*export, target, "--copies", "A; a "], "'a' is named twice among the recipients"),
        ([*export, target, "--copies", "A;B", "--draft"], "a draft is not an edition"),
        (["--db", database, "edition", "whose", str(notes)], "notes.pdf is not a PDF file"),
        (["--db", database, "edition", "whose", str(folder / "gone.pdf")], "gone.pdf"),
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert message in err and len(err.splitlines()) == 1, err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.pdf"]
    assert run(capsys, "--db", database, "edition", "list") == (0, "no editions\n", "")


def test_whose_on_a_pdf_this_app_did_not_make_cannot_tell(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    _copies(capsys, database, tmp_path / "book.pdf")
    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(72, 720, "A memo printed by some other program")
    canvas.save()
    code, out, err = run(capsys, "--db", database, "edition", "whose", str(plain))
    assert (code, err) == (1, "")
    assert out.startswith("cannot tell whose copy this is: ") and len(out.splitlines()) == 1


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
    kept_nothing(database, number=2, audience=1)
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
    korean = run(capsys, "--language", "ko", *export, "--audience", "Internal", "--since", "1")
    assert korean[0] == 2
    assert (
        f"{SAMPLE_SLUG}의 제1판은 열람 대상 Public용으로 인쇄되었으며 Internal용이 아닙니다"
        in korean[2]
    )
    assert not target.exists()
