"""Bargaining chips: a filterable table, and a matrix of party against kind."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QWidget,
)

from briefing.domain.enums import ChipKind, ChipStatus, Likelihood
from briefing.domain.formats import DISPUTED, marked
from briefing.store.lists import chips
from briefing.store.lists.chips import ChipRow
from briefing.store.visibility import above
from briefing.ui.i18n import QT_TRANSLATE_NOOP, current, translate, word
from briefing.ui.table_model import ID_ROLE, Column, QuerySource, kind_columns
from briefing.ui.views.base import ListPage, share_widths
from briefing.ui.workspace import Workspace

STATUS_COLOURS = {
    ChipStatus.FLOATED: "#2e86c1",
    ChipStatus.ON_THE_TABLE: "#ca6f1e",
    ChipStatus.OFF_THE_TABLE: "#7f8c8d",
    ChipStatus.DENIED: "#c0392b",
    ChipStatus.AGREED: "#1e8449",
}

Index = QModelIndex | QPersistentModelIndex
MATRIX_LINES = 12
"""Chips listed per matrix cell; a big dossier's cell says how many more there are."""
EMPTY_CELL = chips.MatrixCell((), 0)
NO_PARTY = "—"
"""How :func:`chips.chip_matrix` keys the chips with no party the audience may see."""
JOINT = QT_TRANSLATE_NOOP("Chips", "Joint")
"""The matrix row of those chips: both sides' (the timeline's word for such events). A chip
whose party is withheld from the audience is among them, as nothing may hint at it."""


def _value(row: ChipRow, workspace: Workspace) -> str:
    """The value as the audience sees it, marked when it is more sensitive than the chip."""
    if row.value and above(row.value_level, row.handling):
        return marked(workspace.marking(row.value_level), row.value)
    return row.value


class ChipMatrixModel(QAbstractTableModel):
    """Parties down, kinds across; each cell lists the first of that party's chips of that kind.

    The store ranks the chips within each cell, so a dossier of thousands of chips loads
    a dozen titles a cell and a count, not every chip.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.parties: list[str] = []
        self.cells: dict[tuple[str, ChipKind], chips.MatrixCell] = {}

    def set_cells(self, cells: dict[tuple[str, ChipKind], chips.MatrixCell]) -> None:
        self.beginResetModel()
        self.parties = sorted({party for party, _kind in cells})
        self.cells = cells
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.parties)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(ChipKind)

    def cell_at(self, index: Index) -> chips.MatrixCell:
        if not index.isValid():
            return EMPTY_CELL
        kind = list(ChipKind)[index.column()]
        return self.cells.get((self.parties[index.row()], kind), EMPTY_CELL)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or index.row() >= len(self.parties)
            or index.column() >= len(ChipKind)
        ):
            return None
        cell = self.cell_at(index)
        chips = cell.chips
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [f"• {c.title}" for c in chips]
            if cell.total > len(chips):
                lines.append(
                    translate("Chips", "… and {count} more (filter the table below)").format(
                        count=cell.total - len(chips)
                    )
                )
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                f"{c.title}: {word(c.status.label)}, {word(c.likelihood.label).lower()}"
                for c in chips
            )
        if role == ID_ROLE:
            return chips[0].id if chips else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if role == Qt.ItemDataRole.ForegroundRole and cell.total == 1:
            return QBrush(QColor(STATUS_COLOURS[chips[0].status]))
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(ChipKind):
            return word(list(ChipKind)[section].label)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.parties):
            party = self.parties[section]
            return translate("Chips", JOINT) if party == NO_PARTY else party
        return None


class ChipMatrix(QTableView):
    """The matrix's view: titles wrap within their cells, and the columns share the width
    by what they hold, so an empty kind takes its heading's width and no more."""

    def __init__(self, model: ChipMatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(translate("Chips", "Chips by party and kind"))
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setMinimumHeight(180)
        model.modelReset.connect(self.fit)

    def fit(self) -> None:
        """Share the width out (see :func:`share_widths`), then size the rows to the text."""
        model, header = self.model(), self.horizontalHeader()
        columns = range(model.columnCount())
        floors = [header.sectionSizeHint(c) for c in columns]
        natural = [max(self.sizeHintForColumn(c), floors[c]) for c in columns]
        filled = [
            c for c in columns if any(model.index(r, c).data() for r in range(model.rowCount()))
        ]
        widths = share_widths(natural, floors, self.viewport().width(), filled or list(columns))
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()


class ChipsPage(ListPage[ChipRow]):
    title = "Bargaining chips"
    none = QT_TRANSLATE_NOOP("Pages", "No bargaining chips")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        cells = {
            "title": Column[ChipRow](
                "",
                lambda r: r.title + (f"  ⚠ {word(DISPUTED)}" if r.disputed else ""),
                ("title",),
                grow=True,
            ),
            "party_id": Column[ChipRow]("", lambda r: r.party, ("party", "priority")),
            "chip_kind": Column[ChipRow](
                "", lambda r: word(r.kind.label), ("kind_label", "priority")
            ),
            "status": Column[ChipRow](
                "",
                lambda r: word(r.status.label),
                ("status_label", "priority"),
                colour=lambda r: STATUS_COLOURS[r.status],
            ),
            "priority": Column[ChipRow](
                "", lambda r: str(r.priority), ("priority", "title"), align_right=True
            ),
            "likelihood": Column[ChipRow](
                "", lambda r: word(r.likelihood.label), ("likelihood_rank", "priority")
            ),
            "value_amount": Column[ChipRow](
                "", lambda r: _value(r, workspace), ("value_amount", "priority")
            ),
            "sectors": Column[ChipRow]("", lambda r: ", ".join(r.sectors), ("sectors", "priority")),
            "handling": Column[ChipRow](
                QT_TRANSLATE_NOOP("Domain", "Handling"),
                lambda r: workspace.marking(r.handling),
                ("handling", "priority"),
            ),
        }
        super().__init__(workspace, kind_columns("bargaining_chip", cells), parent)
        self.sector = self._combo(
            translate("Chips", "Sector filter"), translate("Chips", "Any sector"), []
        )
        self.status = self._combo(
            translate("Chips", "Status filter"),
            translate("Chips", "Any status"),
            [(word(s.label), s) for s in ChipStatus],
        )
        self.likelihood = self._combo(
            translate("Chips", "Likelihood filter"),
            translate("Chips", "Any likelihood"),
            [(word(x.label), x) for x in Likelihood],
        )
        bar = QHBoxLayout()
        for label, combo in (
            (translate("Chips", "Sector:"), self.sector),
            (translate("Chips", "Status:"), self.status),
            (translate("Chips", "Likelihood:"), self.likelihood),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            bar.addWidget(caption)
            bar.addWidget(combo)
        bar.addStretch(1)
        self.layout_.insertLayout(1, bar)
        self.sector.currentIndexChanged.connect(self._filters_changed)
        self.status.currentIndexChanged.connect(self._filters_changed)
        self.likelihood.currentIndexChanged.connect(self._filters_changed)

        self.matrix_model = ChipMatrixModel(self)
        self.matrix = ChipMatrix(self.matrix_model, self)
        self.matrix.clicked.connect(self._matrix_clicked)
        self.matrix.activated.connect(self._matrix_clicked)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("chipsSplitter")
        self.layout_.removeWidget(self.table)
        splitter.addWidget(self.matrix)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.layout_.addWidget(splitter, 1)

    def _combo(self, name: str, anything: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(anything, None)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    def source(self) -> QuerySource[ChipRow]:
        ws = self.workspace
        with ws.store.session() as session:
            cells = chips.chip_matrix(session, ws.dossier_id, ws.level, MATRIX_LINES)
            sectors = chips.chip_sectors(session, ws.dossier_id, ws.level)
        self.matrix_model.set_cells(cells)
        self._refill_sectors(sectors)
        return QuerySource(ws.store, chips.chip_listing(ws.dossier_id, ws.level, current()))

    def _refill_sectors(self, sectors: list[str]) -> None:
        current = self.sector.currentData()
        self.sector.blockSignals(True)
        self.sector.clear()
        self.sector.addItem(translate("Chips", "Any sector"), None)
        for sector in sectors:
            self.sector.addItem(sector, sector)
        found = self.sector.findData(current) if current else 0
        self.sector.setCurrentIndex(max(found, 0))
        self.sector.blockSignals(False)
        if found < 0:
            self._filters_changed()

    def _filters_changed(self) -> None:
        self.model.set_conditions(
            chips.chip_conditions(
                self.sector.currentData(), self.status.currentData(), self.likelihood.currentData()
            )
        )

    def _matrix_clicked(self, index: QModelIndex) -> None:
        chips = self.matrix_model.cell_at(index).chips
        if chips:
            self.select_record(chips[0].id)
