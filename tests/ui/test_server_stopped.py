"""The team server stops while someone edits (issue 15): one clear message, the form
comes back as typed, and once the server is back the same window saves it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.engine import URL

from briefing.domain import Person
from briefing.store.db.migrate import open_store
from briefing.ui.main_window import MainWindow
from tests.server import Cluster


@pytest.fixture
def window_on_own_server(
    qtbot: QtBot, own_cluster: tuple[Cluster, URL], settings: QSettings
) -> Iterator[tuple[MainWindow, Cluster]]:
    cluster, url = own_cluster
    store = open_store(url, seed_sample=False)
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main, cluster
    main.close()


def test_an_edit_saved_while_the_server_is_stopped_is_kept_and_saved_when_it_is_back(
    window_on_own_server: tuple[MainWindow, Cluster], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, cluster = window_on_own_server
    editor = window.editor
    with window.store.session() as session:
        person = session.scalars(select(Person.id).order_by(Person.id)).first()
    assert person is not None
    form, model = editor.form_for_record(person)
    form.inputs["name"].set_value("Typed while the server was down")
    monkeypatch.setattr(editor, "form_for_record", lambda record_id: (form, model))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    shown_again: list[object] = []

    def answer() -> int:
        if not shown_again:
            shown_again.append(None)
            return QDialog.DialogCode.Accepted.value  # Save, with the server down
        shown_again.append(form.values()["name"])
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(form, "exec", answer)
    cluster.halt()
    try:
        editor.edit_record(person)
    finally:
        cluster.start()
    assert warnings == [
        "The change was not saved:\nthe server at localhost stopped answering; nothing was "
        "saved on it and your work is kept: try again when the server is back"
    ]
    assert shown_again == [None, "Typed while the server was down"]
    monkeypatch.setattr(form, "exec", lambda: QDialog.DialogCode.Accepted.value)
    editor.edit_record(person)
    with window.store.session() as session:
        assert session.get_one(Person, person).name == "Typed while the server was down"
