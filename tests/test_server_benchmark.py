"""The server benchmark (``python -m tests.benchmarks server``) measures what it says."""

from __future__ import annotations

from sqlalchemy import func, select

from briefing.domain import Record
from tests.benchmarks.server import bench, figures, writers
from tests.server import Cluster

SMALL = {"people": 30, "events": 120, "chips": 10, "sources": 8}


def test_every_figure_is_measured_on_both_backends_holding_the_same_dossier(
    postgres: Cluster,
) -> None:
    with bench(postgres, SMALL) as measured:
        counts = []
        for _, store in measured.both():
            with store.session() as session:
                counts.append(session.scalar(select(func.count()).select_from(Record)))
        shown = list(figures(measured))
    assert counts[0] == counts[1] and counts[0]
    names = [figure.name for figure in shown]
    for kind in ("events", "people", "chips", "sources"):
        assert f"{kind} list, first page" in names and f"{kind} list, sorted" in names
    assert "search keystroke (median)" in names and "import" in names
    for level in ("Public", "Internal", "Confidential", "Restricted"):
        assert f"events list as {level}" in names
    assert all(figure.server > 0 and figure.sqlite > 0 for figure in shown)
    assert all(figure.target in (1.5, 2.0, 1.3, None) for figure in shown)


def test_concurrent_writers_lose_nothing_and_every_edit_is_accounted_for(
    postgres: Cluster,
) -> None:
    with bench(postgres, SMALL) as measured:
        (figure,) = writers(measured)
    assert figure.met, figure.note
    for backend in ("server", "sqlite"):
        assert f"{backend}: " in figure.note
    assert ", 0 lost" in figure.note.split(";")[0] and figure.note.endswith(", 0 lost")
