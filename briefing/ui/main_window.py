"""The main window: every dossier in the database, and the records each holds."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QTreeView
from sqlalchemy import select

from briefing.domain import Dossier, Record
from briefing.store.database import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle("Briefing")
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Record", "Kind"])
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.setCentralWidget(self.tree)
        self.statusBar().showMessage(store.location)
        self.reload()

    def reload(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        with self.store.session() as session:
            for dossier in session.scalars(select(Dossier).order_by(Dossier.title)):
                top = QStandardItem(dossier.title)
                records = session.scalars(
                    select(Record).where(Record.dossier_id == dossier.id).order_by(Record.kind)
                )
                for record in records:
                    top.appendRow([QStandardItem(record.display_name), QStandardItem(record.kind)])
                self.model.appendRow([top, QStandardItem("dossier")])
        self.tree.expandToDepth(0)
