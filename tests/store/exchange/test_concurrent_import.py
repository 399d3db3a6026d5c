"""Two imports at once on a server (issue 15): both succeed, with ids of their own."""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import URL

from briefing.assets import sample_dossier_path
from briefing.domain import Record
from briefing.store.db.database import Store
from briefing.store.db.migrate import open_store
from briefing.store.dossiers import find_dossier
from briefing.store.exchange import writing
from briefing.store.exchange.export import export_dossier
from tests.conftest import SAMPLE_SLUG

COPY = "copy"


def test_two_imports_at_once_both_succeed_with_distinct_ids(
    pg_url: URL, pg_sample_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both transactions hold their rows, uncommitted, before either commits: the case
    # where ids picked as "the highest so far, plus one" were the same for both.
    together = threading.Barrier(2, timeout=30)
    floors: Callable[..., Any] = writing.enforce_floors

    def after_both_wrote(*args: Any) -> Any:
        together.wait()
        return floors(*args)

    monkeypatch.setattr(writing, "enforce_floors", after_both_wrote)
    with open_store(pg_url, seed_sample=False) as store, ThreadPoolExecutor(2) as pool:
        done = [
            pool.submit(writing.import_file, store, sample_dossier_path(), slug=slug)
            for slug in (SAMPLE_SLUG, COPY)
        ]
        assert [future.result(timeout=120).slug for future in done] == [SAMPLE_SLUG, COPY]
        ids = {slug: _record_ids(store, slug) for slug in (SAMPLE_SLUG, COPY)}
        files = {slug: export_dossier(store, slug) for slug in (SAMPLE_SLUG, COPY)}
    assert len(ids[SAMPLE_SLUG]) == len(ids[COPY]) > 0
    assert ids[SAMPLE_SLUG].isdisjoint(ids[COPY])
    with open_store(pg_sample_url, seed_sample=False) as alone:
        single = export_dossier(alone, SAMPLE_SLUG)
    assert _undated(files[SAMPLE_SLUG]) == _undated(single)
    assert _undated(files[COPY]).replace(f'"slug": "{COPY}"', f'"slug": "{SAMPLE_SLUG}"') == (
        _undated(single)
    )


def test_ids_drawn_out_of_one_block_are_used_as_drawn(pg_url: URL, pg_sample_url: URL) -> None:
    """What another writer drawing among an import's numbers leaves: a broken block."""
    with open_store(pg_url, seed_sample=False) as store:
        with store.engine.begin() as connection:
            connection.execute(text("ALTER SEQUENCE record_id_seq INCREMENT BY 2"))
        writing.import_file(store, sample_dossier_path())
        ids = sorted(_record_ids(store, SAMPLE_SLUG))
        imported = export_dossier(store, SAMPLE_SLUG)
    assert {b - a for a, b in itertools.pairwise(ids)} == {2}
    with open_store(pg_sample_url, seed_sample=False) as alone:
        assert _undated(imported) == _undated(export_dossier(alone, SAMPLE_SLUG))


def _undated(text: str) -> str:
    """The file without the times a record with none in the sample file is stamped with
    on import: two imports a second apart differ there and nowhere else."""
    return re.sub(r'"(created|updated)_at": "[^"]*"', "", text)


def _record_ids(store: Store, slug: str) -> set[int]:
    with store.session() as session:
        dossier_id = find_dossier(session, slug).id
        return set(session.scalars(select(Record.id).where(Record.dossier_id == dossier_id)))
