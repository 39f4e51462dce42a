"""The bare baseline for the start-up ratio: the least a Qt window showing the
contacts can do. Reads every contact with sqlite3, shows them in a QTableView
over a minimal model, and quits on the first paint of the table's viewport.

    python bench/baseline_window.py PATH/TO/followup.db
"""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

HEADERS = ("Name", "Organisation", "Kind", "Last touched")
_Index = QModelIndex | QPersistentModelIndex


class Model(QAbstractTableModel):
    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column() + 1]
        return None


class QuitOnPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.fired:
            self.fired = True
            QTimer.singleShot(0, self.app.quit)
        return False


def main(db_path: str) -> int:
    app = QApplication(sys.argv[:1])
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT id, name, organisation, kind, last_touched_at FROM contacts ORDER BY name COLLATE NOCASE"
    ).fetchall()
    conn.close()
    table = QTableView()
    table.setModel(Model(rows))
    table.resize(1280, 800)
    watcher = QuitOnPaint(app)
    table.viewport().installEventFilter(watcher)
    table.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
