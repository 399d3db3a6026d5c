"""Bargaining chips: a filterable table, and a matrix of party against kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QWidget,
)

from briefing.domain.enums import ChipKind, ChipStatus, Likelihood
from briefing.store import queries
from briefing.store.queries import ChipRow
from briefing.ui.table_model import ID_ROLE, Column
from briefing.ui.views.base import ListPage
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


class ChipMatrixModel(QAbstractTableModel):
    """Parties down, kinds across; each cell lists that party's chips of that kind."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.parties: list[str] = []
        self.cells: dict[tuple[str, ChipKind], list[ChipRow]] = {}

    def set_rows(self, rows: Sequence[ChipRow]) -> None:
        self.beginResetModel()
        self.parties = sorted({r.party or "—" for r in rows})
        self.cells = {}
        for row in rows:
            self.cells.setdefault((row.party or "—", row.kind), []).append(row)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.parties)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(ChipKind)

    def chips_at(self, index: Index) -> list[ChipRow]:
        if not index.isValid():
            return []
        kind = list(ChipKind)[index.column()]
        return self.cells.get((self.parties[index.row()], kind), [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or index.row() >= len(self.parties)
            or index.column() >= len(ChipKind)
        ):
            return None
        chips = self.chips_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [f"• {c.title}" for c in chips[:MATRIX_LINES]]
            if len(chips) > MATRIX_LINES:
                lines.append(f"… and {len(chips) - MATRIX_LINES} more (filter the table below)")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                f"{c.title}: {c.status.label}, {c.likelihood.label.lower()}"
                for c in chips[:MATRIX_LINES]
            )
        if role == ID_ROLE:
            return chips[0].id if chips else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if role == Qt.ItemDataRole.ForegroundRole and len(chips) == 1:
            return QBrush(QColor(STATUS_COLOURS[chips[0].status]))
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(ChipKind):
            return list(ChipKind)[section].label
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.parties):
            return self.parties[section]
        return None


class ChipsPage(ListPage[ChipRow]):
    title = "Bargaining chips"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        columns = [
            Column[ChipRow]("Chip", lambda r: r.title + ("  ⚠ disputed" if r.disputed else "")),
            Column[ChipRow]("Party", lambda r: r.party),
            Column[ChipRow]("Kind", lambda r: r.kind.label),
            Column[ChipRow](
                "Status", lambda r: r.status.label, colour=lambda r: STATUS_COLOURS[r.status]
            ),
            Column[ChipRow](
                "Priority", lambda r: str(r.priority), sort=lambda r: r.priority, align_right=True
            ),
            Column[ChipRow](
                "Likelihood",
                lambda r: r.likelihood.label,
                sort=lambda r: list(Likelihood).index(r.likelihood),
            ),
            Column[ChipRow]("Value", lambda r: r.value),
            Column[ChipRow]("Sectors", lambda r: ", ".join(r.sectors)),
            Column[ChipRow](
                "Handling", lambda r: workspace.marking(r.handling), sort=lambda r: r.handling
            ),
        ]
        super().__init__(workspace, columns, parent)
        self.sector = self._combo("Sector", [])
        self.status = self._combo("Status", [(s.label, s) for s in ChipStatus])
        self.likelihood = self._combo("Likelihood", [(x.label, x) for x in Likelihood])
        bar = QHBoxLayout()
        for label, combo in (
            ("Sector", self.sector),
            ("Status", self.status),
            ("Likelihood", self.likelihood),
        ):
            caption = QLabel(f"{label}:", self)
            caption.setBuddy(combo)
            bar.addWidget(caption)
            bar.addWidget(combo)
        bar.addStretch(1)
        self.layout_.insertLayout(1, bar)
        self.sector.currentIndexChanged.connect(self._filters_changed)
        self.status.currentIndexChanged.connect(self._filters_changed)
        self.likelihood.currentIndexChanged.connect(self._filters_changed)

        self.matrix_model = ChipMatrixModel(self)
        self.matrix = QTableView(self)
        self.matrix.setModel(self.matrix_model)
        self.matrix.setAccessibleName("Chips by party and kind")
        self.matrix.setWordWrap(False)
        self.matrix.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.setMinimumHeight(180)
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

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(f"{name} filter")
        combo.addItem(f"Any {name.lower()}", None)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    def fetch(self) -> Sequence[ChipRow]:
        with self.workspace.store.session() as session:
            rows = queries.chips(session, self.workspace.dossier_id, self.workspace.level)
        self.matrix_model.set_rows(rows)
        line = self.matrix.fontMetrics().lineSpacing()
        model = self.matrix_model
        for row in range(self.matrix_model.rowCount()):
            lines = max(
                (
                    min(MATRIX_LINES + 1, len(model.chips_at(model.index(row, c))))
                    for c in range(len(ChipKind))
                ),
                default=1,
            )
            self.matrix.setRowHeight(row, max(1, lines) * line + 8)
        self._refill_sectors(rows)
        return rows

    def _refill_sectors(self, rows: Sequence[ChipRow]) -> None:
        current = self.sector.currentData()
        sectors = sorted({s for r in rows for s in r.sectors}, key=str.casefold)
        self.sector.blockSignals(True)
        self.sector.clear()
        self.sector.addItem("Any sector", None)
        for sector in sectors:
            self.sector.addItem(sector, sector)
        found = self.sector.findData(current) if current else 0
        self.sector.setCurrentIndex(max(found, 0))
        self.sector.blockSignals(False)

    def _filters_changed(self) -> None:
        sector, status, likelihood = (
            self.sector.currentData(),
            self.status.currentData(),
            self.likelihood.currentData(),
        )
        self.proxy.set_predicate("sector", (lambda r: sector in r.sectors) if sector else None)
        self.proxy.set_predicate("status", (lambda r: r.status == status) if status else None)
        self.proxy.set_predicate(
            "likelihood", (lambda r: r.likelihood == likelihood) if likelihood else None
        )

    def _matrix_clicked(self, index: QModelIndex) -> None:
        chips = self.matrix_model.chips_at(index)
        if chips:
            self.select_record(chips[0].id)
