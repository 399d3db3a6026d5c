"""The search field (Ctrl+K): every record and source, through the store's index.

The field is in the toolbar before the first page is shown; what only a search needs
(the drop-down, the ``Qt`` namespace, whose enums take some 13 ms to set up) is loaded
by the first search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from briefing.domain.names import reworded
from briefing.domain.registry import label_of
from briefing.store.search.querying import Hit, search
from briefing.ui.i18n import current, translate, word
from briefing.ui.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QAbstractItemView, QCompleter


class SearchField(QLineEdit):
    """Type to search; results drop down, best first, in the store's order (re-sorting
    them by kind pushed what was asked for below a page of lesser matches); Enter opens
    the first.

    Signals:
        chosen(int): the record a person picked.
    """

    chosen = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setPlaceholderText(translate("Search", "Search everything (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self.setAccessibleName(translate("Search", "Search"))
        self.setMinimumWidth(260)
        self._completer: QCompleter | None = None
        self.textEdited.connect(self.run_query)
        self.returnPressed.connect(self._open_first)
        workspace.changed.connect(self._refresh)

    @property
    def completer_(self) -> QCompleter:
        """The results' drop-down, made on the first search.

        Its Qt classes are the first to be used at start-up otherwise, and setting up their
        types took some 10 ms before the first page could be shown.
        """
        if self._completer is None:
            from PySide6.QtGui import QStandardItemModel
            from PySide6.QtWidgets import QCompleter

            completer = QCompleter(QStandardItemModel(self), self)
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            completer.setMaxVisibleItems(16)
            completer.setWidget(self)
            completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
            self._completer = completer
        return self._completer

    @property
    def hits_model(self) -> QStandardItemModel:
        from PySide6.QtGui import QStandardItemModel

        model = self.completer_.model()
        assert isinstance(model, QStandardItemModel)
        return model

    def run_query(self, text: str, *, popup: bool = True) -> list[Hit]:
        hits: list[Hit] = []
        if text.strip() and self.workspace.dossier_id:
            with self.workspace.store.session() as session:
                hits = search(
                    session,
                    text,
                    dossier_id=self.workspace.dossier_id,
                    level=self.workspace.level,
                    limit=60,
                )
        if not hits and self._completer is None:
            return hits  # nothing searched for yet: no drop-down to empty
        from PySide6.QtGui import QStandardItem

        from briefing.ui.table_model import ID_ROLE

        self.hits_model.clear()
        for hit in hits:
            title = reworded(hit.kind, hit.title, current())
            item = QStandardItem(f"{word(label_of(hit.kind))} · {title}")
            item.setData(hit.record_id, ID_ROLE)
            item.setToolTip(hit.snippet)
            item.setEditable(False)
            self.hits_model.appendRow(item)
        if popup and hits and self.hasFocus():
            self.completer_.complete()
        elif not hits:
            self._popup().hide()
        return hits

    def _refresh(self) -> None:
        self.run_query(self.text(), popup=False)

    def results(self) -> list[tuple[str, int]]:
        from briefing.ui.table_model import ID_ROLE

        return [
            (self.hits_model.item(row).text(), int(self.hits_model.item(row).data(ID_ROLE)))
            for row in range(self.hits_model.rowCount())
        ]

    def _activated(self, index: QModelIndex) -> None:
        from briefing.ui.table_model import ID_ROLE

        value = index.data(ID_ROLE)
        if value is not None:
            self._popup().hide()
            self.chosen.emit(int(value))

    def _open_first(self) -> None:
        popup = self._popup()
        index = (
            popup.currentIndex() if popup.isVisible() and popup.currentIndex().isValid() else None
        )
        if index is not None:
            self._activated(index)
        elif self.hits_model.rowCount():
            self._activated(self.hits_model.index(0, 0))

    def _popup(self) -> QAbstractItemView:
        popup = self.completer_.popup()
        assert popup is not None, "a QCompleter always has a popup once it has a widget"
        return popup

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
