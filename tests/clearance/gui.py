"""The GUI channel: one main window, every page, the details pane and the search field.

For each audience (chosen in the window's Audience selector) the window shows every page
in turn and reads what a person could see or a screen reader could say:

``<page> models``   every item model of the page (its lists, trees, matrices and combo
                    boxes), every row and column (children too) for every role, and the
                    headers
``<page> text``     the page's labels and rich text (the Overview is all rich text)
``Timeline chart``  the chart's lanes and the labels it placed
``details``         the details pane's HTML for every record of the dossier, visible or not
``search field``    the drop-down's results and their tooltips (the snippets), for every
                    marker
``status bar``      the counts and messages
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from briefing.domain import Record
from briefing.ui.main_window import PAGES, MainWindow
from briefing.ui.views.timeline import TimelinePage
from tests.clearance.expect import Need
from tests.clearance.verdict import Verdict
from tests.roles import TEXT_ROLES

HEADER_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
WAIT_MS = 60_000


def model_text(model: QAbstractItemModel) -> str:
    """Every cell of ``model`` (and its children) for every role, and its headers."""
    parts: list[str] = []
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = model.columnCount() if orientation == Qt.Orientation.Horizontal else 0
        if orientation == Qt.Orientation.Vertical:
            count = model.rowCount()
        for section in range(count):
            for role in HEADER_ROLES:
                parts.append(_text(model.headerData(section, orientation, role)))
    parts += _cells(model, QModelIndex())
    return "\n".join(p for p in parts if p)


def _cells(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[str]:
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in TEXT_ROLES:
                yield _text(model.data(index, role))
            if column == 0 and model.rowCount(index) > 0:
                yield from _cells(model, index)


def _text(value: Any) -> str:
    if value is None or isinstance(value, bool | int | float):
        return ""
    return str(value)


def page_surfaces(page: QWidget) -> dict[str, str]:
    """A page's item models, and its labels and rich text."""
    models: list[str] = []
    seen: set[int] = set()
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None and id(model) not in seen:
            seen.add(id(model))
            models.append(model_text(model))
    for combo in page.findChildren(QComboBox):
        models.append(model_text(combo.model()))
    texts = [label.text() for label in page.findChildren(QLabel)]
    texts += [browser.toHtml() for browser in page.findChildren(QTextBrowser)]
    return {"models": "\n".join(models), "text": "\n".join(texts)}


def chart_text(page: TimelinePage) -> str:
    chart = page.chart
    lanes = []
    for by_party in (True, False):
        chart.set_lanes_by_party(by_party)
        lanes += chart.lanes
    return "\n".join([*lanes, *(placed.label for placed in chart.placed)])


def show_dossier(window: MainWindow, qtbot: QtBot, dossier_id: int) -> None:
    """What choosing a dossier in the toolbar does, from a page that does not ask for the
    checks (the Overview would start a run for the audience left from the last dossier,
    which the first audience chosen would then kill)."""
    window.show_page("People")
    window.details.show_record(None)
    window.workspace.set_dossier(dossier_id)


Timing = Callable[[str], AbstractContextManager[None]]


def _untimed(what: str) -> AbstractContextManager[None]:
    return contextlib.nullcontext()


def look_at_window(
    window: MainWindow,
    qtbot: QtBot,
    verdict: Verdict,
    dossier_id: int,
    audience: int,
    timing: Timing = _untimed,
    *,
    meanwhile: Callable[[], None] = lambda: None,
) -> None:
    """Every page, the details of every record and every search, at ``audience``.

    ``timing(step)`` wraps each step, for the run's CPU figures; ``meanwhile()`` runs
    while the checks' process works, before the window waits for it.
    """
    expect = verdict.expect
    workspace = window.workspace
    with timing("GUI: audience change"):
        window.set_audience(audience)
        assert workspace.level == audience
        workspace.findings()  # the checks run in their own process while pages are read
    lists = expect.lists()
    for title in PAGES:
        if title in ("Checks", "Overview"):
            continue
        with timing("GUI: pages"):
            page = window.show_page(title)
            if isinstance(page, TimelinePage):
                qtbot.waitUntil(page.chart_current, timeout=WAIT_MS)
                qtbot.wait(1)  # let the chart lay out and paint the labels it places
                verdict.look("GUI", "Timeline chart", audience, chart_text(page))
            _look_at_page(verdict, title, page, audience, lists.get(title, []))
    with timing("GUI: details"):
        _look_at_details(window, verdict, dossier_id, audience)
    with timing("GUI: search field"):
        _look_at_search(window, verdict, audience)
    meanwhile()
    with timing("GUI: checks' process (waited for)"):
        qtbot.waitUntil(lambda: workspace.findings() is not None, timeout=WAIT_MS)
    with timing("GUI: pages"):
        for title in ("Checks", "Overview"):
            page = window.show_page(title)
            needs = expect.overview() if title == "Overview" else lists.get(title, [])
            _look_at_page(verdict, title, page, audience, needs)
    status = "\n".join(label.text() for label in window.statusBar().findChildren(QLabel))
    status += "\n" + window.statusBar().currentMessage()
    verdict.look("GUI", "status bar", audience, status)


def _look_at_page(
    verdict: Verdict, title: str, page: QWidget, audience: int, needs: list[Need]
) -> None:
    surfaces = page_surfaces(page)
    both = surfaces["models"] + "\n" + surfaces["text"]
    verdict.look("GUI", f"{title} models", audience, surfaces["models"])
    verdict.look("GUI", f"{title} text", audience, surfaces["text"])
    verdict.look("GUI", title, audience, both, needs, leaks=False)


def _look_at_details(window: MainWindow, verdict: Verdict, dossier_id: int, audience: int) -> None:
    expect = verdict.expect
    with window.store.session() as session:
        rows = session.execute(select(Record.uid, Record.id).where(Record.dossier_id == dossier_id))
        ids: dict[str, int] = {row.uid: row.id for row in rows}
    for rec in expect.plan.records:
        window.show_details(ids[rec.uid])
        html = window.details.browser.toHtml()
        verdict.look("GUI", f"details of {rec.kind}", audience, html, expect.details(rec))


def _look_at_search(window: MainWindow, verdict: Verdict, audience: int) -> None:
    """The search field's drop-down for every marker: results and their tooltips (the
    snippets). A searchable marker at or below the audience must be listed."""
    field = window.search
    owners = {need.markers[0]: need for _rec, need in verdict.expect.searched()}
    for marker in verdict.expect.markers.values():
        if not marker.text.startswith("mk"):
            continue  # amounts and currencies are not indexed as words
        field.setText(marker.text)
        field.run_query(marker.text, popup=False)
        model = field.hits_model
        shown = model_text(model)
        need = owners.get(marker.text)
        verdict.look("GUI", "search field", audience, shown, [need] if need else [])
    field.clear()
