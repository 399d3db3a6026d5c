"""Adding a field to a kind: the model, the migration, the declaration, and nothing else.

A throwaway ``nickname`` is added to sources the way the README says to add a field, and
is then followed through every layer that reads the registry: the form, the Sources list,
the details, search, the exchange schema and an export and import. No product module is
edited for it; if one had to be, this test would fail.

It runs in a subprocess: the column is added to the mapped ``Source`` class and the
declaration replaced in the registry, and neither can be taken back from the mapper or
from the modules that read them, so doing it in the test process would leak the field
into every later test. The exchange schema's models are built from the registry when
:mod:`briefing.store.exchange.schema` is first imported, so the declaration is replaced
before anything imports it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.store.db.database import Store

ROOT = Path(__file__).resolve().parent.parent


def _add_nickname() -> None:
    """Model and declaration: a ``nickname`` column on sources, shown and searched."""
    from dataclasses import replace

    from sqlalchemy import String
    from sqlalchemy.orm import mapped_column

    from briefing.domain import Source, registry
    from briefing.domain.declarations import Field

    Source.nickname = mapped_column(String, nullable=False, default="")  # type: ignore[attr-defined]
    source = registry.BY_NAME["source"]
    nickname = Field("nickname", "Nickname", searchable=True)
    declared = replace(
        source,
        fields=(*source.fields, nickname),
        columns=(*source.columns, "nickname"),
        details=(*source.details, "nickname"),
    )
    registry.BY_NAME["source"] = declared
    registry.KINDS = tuple(declared if k.name == "source" else k for k in registry.KINDS)


def _migrate(store: Store) -> None:
    """The migration: the column in the database the store opened."""
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "ALTER TABLE source ADD COLUMN nickname VARCHAR NOT NULL DEFAULT ''"
        )


def follow_the_field(folder: str) -> None:
    """The subprocess: add the field, then find it in each place a user would look."""
    _add_nickname()

    import datetime as dt
    import json

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from briefing.domain import Source
    from briefing.store.db.migrate import open_store
    from briefing.store.details import read_details
    from briefing.store.exchange.export import export_dossier
    from briefing.store.exchange.schema import json_schema
    from briefing.store.search.querying import search
    from briefing.store.visibility import EVERYTHING
    from briefing.ui.forms import fields_for
    from briefing.ui.record_html import record_html
    from briefing.ui.views.sources import SourcesPage
    from briefing.ui.workspace import Workspace
    from tests.builders import document, load

    schema = json.loads(json_schema())
    assert "nickname" in schema["$defs"]["SourceOut"]["properties"], "schema"

    store = open_store(Path(folder) / "one.sqlite3", seed_sample=False)
    _migrate(store)
    nicknamed = {"id": "src:nick", "title": "Plain title", "nickname": "Zebrafinch"}
    load(store, document(sources=[nicknamed]))
    with store.session() as session:
        source = session.scalars(select(Source).where(Source.uid == "src:nick")).one()
        dossier_id, source_id = source.dossier_id, source.id
        assert source.nickname == "Zebrafinch", "import"  # type: ignore[attr-defined]

        form = fields_for(session, Source, dossier_id, [("Internal", 1)])
        assert "Nickname" in [f.label for f in form], "form"

        details = record_html(read_details(session, source_id, EVERYTHING), dt.date(2025, 1, 1))
        assert "Nickname" in details and "Zebrafinch" in details, "details"

        hits = search(session, "zebrafinch", dossier_id=dossier_id, level=EVERYTHING)
        assert [hit.record_id for hit in hits] == [source_id], "search"

    app = QApplication.instance() or QApplication([])
    workspace = Workspace(store)
    workspace.set_dossier(dossier_id)
    page = SourcesPage(workspace)
    page.reload()
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("Nickname")
    shown = [model.data(model.index(r, column)) for r in range(model.rowCount())]
    assert "Zebrafinch" in shown, "list"
    model.sort(column, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, column)) == "Zebrafinch", "list sort"
    model.set_text("zebrafinch")
    assert model.rowCount() == 1, "list filter"
    page.close()
    app.processEvents()

    exported = export_dossier(store, "test")
    store.close()
    other = open_store(Path(folder) / "other.sqlite3", seed_sample=False)
    _migrate(other)
    load(other, json.loads(exported))
    again = json.loads(export_dossier(other, "test"))
    other.close()
    assert {s["id"]: s.get("nickname") for s in again["sources"]}["src:nick"] == "Zebrafinch"


def test_a_declared_field_reaches_every_layer_with_no_other_edit(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    code = f"from {__name__} import follow_the_field; follow_the_field({str(tmp_path)!r})"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-4000:]
